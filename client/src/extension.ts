// Activation: start the language server, then the status bar, commands and views that use it.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { warnAboutAuthorizationInSettings } from './authorizationInSettings';
import { restoreActiveProfile } from './commands/connection';
import { Ctx } from './ctx';
import { removeUnboundApiKeys } from './legacyApiKeys';
import * as protocol from '../../shared/src/protocol';
import { registerResultDocuments } from './resultDocuments';
import { showError } from './errors';
import { createStatusBar } from './statusBar';
import { Views } from './views';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Ctx> {
  const entered = performance.now();
  const marks = globalThis as {
    __temporalWorkbenchLoadStart?: number;
    __temporalWorkbenchLoaded?: number;
  };
  const loadStart = marks.__temporalWorkbenchLoadStart ?? entered;
  const loaded = marks.__temporalWorkbenchLoaded ?? entered;
  ctx = new Ctx(context);
  registerResultDocuments(context);
  registerCommands(ctx);
  createStatusBar(ctx);
  ctx.views = new Views(ctx);
  // Not awaited: activation returns at once (the editor waits for it); requests sent while the
  // server starts wait for it (Ctx.request), and `ready` says when it is up with its profile.
  const started = ctx;
  started.ready = (async () => {
    try {
      await started.start();
      await restoreActiveProfile(started);
      await forgetUnboundApiKeys(started);
    } catch (err) {
      // Not awaited: the toast waits for a click, and `ready` must not.
      void showError(err, started.output);
    }
  })();
  void warnAboutAuthorizationInSettings(ctx);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('temporal.profiles')) void warnAboutAuthorizationInSettings(ctx!);
    }),
  );
  // Read by the editor benchmark (bench/editor.bench.ts): the whole, then its three parts.
  const ms = (from: number, to: number) => Math.round(to - from);
  const done = performance.now();
  ctx.output.info(
    `activated in ${ms(loadStart, done)} ms (module load included): module ${ms(loadStart, loaded)} ms, editor until activate() ${ms(loaded, entered)} ms, activate() ${ms(entered, done)} ms`,
  );
  return ctx;
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}

/** Hygiene, never in the user's way: a failure here is logged, not shown. */
async function forgetUnboundApiKeys(ctx: Ctx): Promise<void> {
  try {
    const { profiles } = await ctx.request(protocol.listProfiles, {});
    const names = profiles.map((p) => p.name);
    const removed = await removeUnboundApiKeys(ctx.extension.secrets, names);
    if (removed.length)
      ctx.output.info(
        `Removed API keys an earlier version stored for ${removed.join(', ')} without their server; set them again with "Temporal: Set API Key" where needed.`,
      );
  } catch (err) {
    ctx.output.warn(`Unbound API keys were not checked: ${(err as Error).message}`);
  }
}
