// Commands only duroxide profiles have: the PostgreSQL store password (SecretStorage, like API
// keys) and pruning old executions of continue-as-new chains. Start, raise event (signal),
// cancel, delete and wait are the workflow commands, served by the duroxide backend.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { confirmDestructive } from '../input/pickers';

async function pickDuroxideProfile(ctx: Ctx, title: string): Promise<protocol.ProfileSummary | undefined> {
  const { profiles } = await ctx.request(protocol.listProfiles, {});
  const stores = profiles.filter((p) => p.kind === 'duroxide');
  if (!stores.length) {
    void vscode.window.showInformationMessage('No duroxide profile: add one to temporal.profiles with kind "duroxide" and a store.');
    return undefined;
  }
  if (stores.length === 1) return stores[0];
  const picked = await vscode.window.showQuickPick(
    stores.map((p) => ({ label: p.name, description: p.address, picked: p.id === ctx.status.profileId, profile: p })),
    { title, placeHolder: 'duroxide profile' },
  );
  return picked?.profile;
}

export async function setStorePassword(ctx: Ctx): Promise<void> {
  const target = await pickDuroxideProfile(ctx, 'Temporal: Set Store Password');
  if (!target) return;
  const value = await vscode.window.showInputBox({
    title: `PostgreSQL password for profile '${target.name}'`,
    prompt: 'Stored in VS Code SecretStorage; never written to settings or logs.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? undefined : 'The password cannot be empty'),
  });
  if (value === undefined) return;
  const key = target.storePasswordSecret;
  if (!key) {
    void vscode.window.showInformationMessage(`Profile '${target.name}' takes no password: set "password": true on it (PostgreSQL stores).`);
    return;
  }
  await ctx.extension.secrets.store(key, value);
  ctx.client?.sendNotification(protocol.secretChanged, { key });
  void vscode.window.showInformationMessage(`Store password saved for profile '${target.name}'.`);
  ctx.views.connections.refresh();
}

export async function pruneExecutions(ctx: Ctx, arg?: unknown): Promise<void> {
  if (ctx.status.readOnly) {
    void vscode.window.showWarningMessage(`Profile '${ctx.status.profileName}' is read-only: pruning is disabled.`);
    return;
  }
  const workflowId = (arg as { execution?: { workflowId?: string } } | undefined)?.execution?.workflowId;
  const keep = await vscode.window.showInputBox({
    title: `Prune executions${workflowId ? ` of '${workflowId}'` : ' of every instance'}`,
    prompt: 'How many of the newest executions of each instance to keep (the current one is always kept)',
    value: '1',
    validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'keepLast must be a whole number of at least 1'),
  });
  if (keep === undefined) return;
  const keepLast = Number(keep.trim());
  if (
    !(await confirmDestructive(
      `Delete all but the newest ${keepLast} execution(s)${workflowId ? ` of '${workflowId}'` : ' of every instance'}?`,
      'Prune',
      'Their history is deleted from the store; this cannot be undone.',
    ))
  )
    return;
  const result = await ctx.request(protocol.pruneExecutions, { workflowId, keepLast });
  void vscode.window.showInformationMessage(
    `Pruned ${result.executionsDeleted} execution(s) (${result.eventsDeleted} events) of ${result.instancesProcessed} instance(s).`,
  );
  ctx.views.connections.refresh();
  ctx.views.workflows.refresh();
}
