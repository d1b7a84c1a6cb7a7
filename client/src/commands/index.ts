// The one command registry: command id -> implementation taking the Ctx. Each command's
// failures are shown the same way; when the server is down the command says why.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { showError } from '../errors';
import { clearApiKey, selectNamespace, selectProfile, setApiKey, useNamespace } from './connection';

export type Command = (ctx: Ctx, ...args: unknown[]) => unknown;

export const commands: Record<string, Command> = {
  'temporal.selectProfile': selectProfile,
  'temporal.selectNamespace': selectNamespace,
  'temporal.useNamespace': useNamespace,
  'temporal.connections.refresh': (ctx) => ctx.views.connections.refresh(),
  'temporal.setApiKey': setApiKey,
  'temporal.clearApiKey': clearApiKey,
  'temporal.showOutput': (ctx) => ctx.output.show(),
  'temporal.restartServer': (ctx) => ctx.restart(),
  'temporal.openSettings': () => vscode.commands.executeCommand('workbench.action.openSettings', 'temporal.'),
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, run] of Object.entries(commands)) {
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(ctx, ...args);
        } catch (err) {
          await showError(err, ctx.output);
        }
      }),
    );
  }
}
