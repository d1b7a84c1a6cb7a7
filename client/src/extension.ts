// Activation: start the language server, then the status bar, commands and views that use it.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { warnAboutAuthorizationInSettings } from './authorizationInSettings';
import { restoreActiveProfile } from './commands/connection';
import { Ctx } from './ctx';
import { registerResultDocuments } from './resultDocuments';
import { showError } from './errors';
import { createStatusBar } from './statusBar';
import { Views } from './views';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Ctx> {
  const loadStart = (globalThis as { __temporalWorkbenchLoadStart?: number }).__temporalWorkbenchLoadStart ?? performance.now();
  ctx = new Ctx(context);
  registerResultDocuments(context);
  registerCommands(ctx);
  createStatusBar(ctx);
  ctx.views = new Views(ctx);
  try {
    await ctx.start();
    await restoreActiveProfile(ctx);
  } catch (err) {
    await showError(err, ctx.output);
  }
  void warnAboutAuthorizationInSettings(ctx);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('temporal.profiles')) void warnAboutAuthorizationInSettings(ctx!);
    }),
  );
  // Read by the editor benchmark (bench/editor.bench.ts).
  ctx.output.info(`activated in ${Math.round(performance.now() - loadStart)} ms (module load included)`);
  return ctx;
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
