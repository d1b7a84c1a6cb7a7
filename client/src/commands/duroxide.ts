// Commands only duroxide profiles have: the PostgreSQL store password (SecretStorage, like API
// keys), pruning old executions of continue-as-new chains, starting an orchestration (with its
// version) and raising an event. Cancel, delete and wait (Show Result) are the workflow commands,
// served by the duroxide backend.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { confirmDestructive, editPayload } from '../input/pickers';
import { withCancellableProgress } from '../progress';
import { reportOutcome } from '../results';
import { executionFor } from './workflows';

async function pickDuroxideProfile(
  ctx: Ctx,
  title: string,
): Promise<protocol.ProfileSummary | undefined> {
  const { profiles } = await ctx.request(protocol.listProfiles, {});
  const stores = profiles.filter((p) => p.kind === 'duroxide');
  if (!stores.length) {
    void vscode.window.showInformationMessage(
      'No duroxide profile: add one to temporal.profiles with kind "duroxide" and a store.',
    );
    return undefined;
  }
  if (stores.length === 1) return stores[0];
  const picked = await vscode.window.showQuickPick(
    stores.map((p) => ({
      label: p.name,
      description: p.address,
      picked: p.id === ctx.status.profileId,
      profile: p,
    })),
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
    void vscode.window.showInformationMessage(
      `Profile '${target.name}' takes no password: set "password": true on it (PostgreSQL stores).`,
    );
    return;
  }
  await ctx.extension.secrets.store(key, value);
  ctx.client?.sendNotification(protocol.secretChanged, { key });
  void vscode.window.showInformationMessage(`Store password saved for profile '${target.name}'.`);
  ctx.views.connections.refresh();
}

export async function pruneExecutions(ctx: Ctx, arg?: unknown): Promise<void> {
  if (ctx.status.readOnly) {
    void vscode.window.showWarningMessage(
      `Profile '${ctx.status.profileName}' is read-only: pruning is disabled.`,
    );
    return;
  }
  const workflowId = (arg as { execution?: { workflowId?: string } } | undefined)?.execution
    ?.workflowId;
  const keep = await vscode.window.showInputBox({
    title: `Prune executions${workflowId ? ` of '${workflowId}'` : ' of every instance'}`,
    prompt:
      'How many of the newest executions of each instance to keep (the current one is always kept)',
    value: '1',
    validateInput: (v) =>
      /^[1-9]\d*$/.test(v.trim()) ? undefined : 'keepLast must be a whole number of at least 1',
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

function refuseReadOnly(ctx: Ctx, what: string): boolean {
  if (!ctx.status.readOnly) return false;
  void vscode.window.showWarningMessage(
    `Profile '${ctx.status.profileName}' is read-only: ${what} is disabled.`,
  );
  return true;
}

/** One step of a short input flow: undefined when the user pressed Escape. */
function ask(
  title: string,
  prompt: string,
  value: string,
  required?: string,
): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    value,
    valueSelection: [0, value.length],
    ignoreFocusOut: true,
    validateInput: (v) => (required && !v.trim() ? required : undefined),
  });
}

/**
 * Starts an orchestration as duroxide's client does (`startOrchestrationVersioned` when a version
 * is given): name (prefilled from a code lens), instance id, version, then the input document.
 */
export async function startOrchestration(ctx: Ctx, arg?: unknown): Promise<void> {
  if (refuseReadOnly(ctx, 'starting orchestrations')) return;
  // A code lens offers it whatever the active profile is: only a duroxide store can run it.
  if (ctx.status.backend?.kind !== 'duroxide') {
    const pick = await vscode.window.showInformationMessage(
      'Orchestrations start on a duroxide profile: select one (kind "duroxide" in temporal.profiles).',
      'Select Profile',
    );
    if (pick) await vscode.commands.executeCommand('temporal.selectProfile');
    return;
  }
  const lensName = (arg as { workflowType?: unknown } | undefined)?.workflowType;
  const title = (n: number) => `Start Orchestration (${n}/3)`;
  const name = (
    await ask(
      title(1),
      'Orchestration name, as registered with the runtime',
      typeof lensName === 'string' ? lensName : '',
      'The orchestration name is required',
    )
  )?.trim();
  if (!name) return;
  const instanceId = (
    await ask(
      title(2),
      'Instance id (unique in the store)',
      `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`,
      'The instance id is required',
    )
  )?.trim();
  if (!instanceId) return;
  const version = await ask(
    title(3),
    'Version to start (empty: the latest registered version)',
    '',
  );
  if (version === undefined) return;
  const input = await editPayload(ctx, {
    memoryKey: `orchestration:${name}`,
    name: `${name} input`,
    title: `Start ${name} as '${instanceId}'`,
    action: 'Start',
    run: (text) =>
      withCancellableProgress(`Starting ${name}…`, (token) =>
        ctx.request(
          protocol.startWorkflow,
          {
            workflowId: instanceId,
            workflowType: name,
            taskQueue: '',
            input: text,
            version: version.trim() || undefined,
          },
          token,
        ),
      ),
  });
  if (input === undefined) return;
  reportOutcome(
    `Started orchestration ${name}${version.trim() ? ` version ${version.trim()}` : ''} as '${instanceId}'.`,
  );
  void ctx.views.workflows.reveal(instanceId);
  ctx.views.connections.refresh();
}

/** Raises an external event on an instance (duroxide's raiseEvent): event name, then its data. */
export async function raiseEvent(ctx: Ctx, arg?: unknown): Promise<void> {
  if (refuseReadOnly(ctx, 'raising events')) return;
  const target = await executionFor(ctx, arg, 'Raise Event', true);
  const lastKey = `event:${target.workflowType ?? ''}`;
  const eventName = (
    await ask(
      `Raise Event on '${target.workflowId}'`,
      'Event name the orchestration waits for',
      ctx.memory.lastInput(lastKey) ?? '',
      'The event name is required',
    )
  )?.trim();
  if (!eventName) return;
  await ctx.memory.rememberInput(lastKey, eventName);
  const input = await editPayload(ctx, {
    memoryKey: `${lastKey}:${eventName}`,
    name: `event ${eventName}`,
    title: `Raise '${eventName}' on '${target.workflowId}'`,
    action: 'Raise',
    run: (text) =>
      withCancellableProgress(`Raising ${eventName}…`, (token) =>
        ctx.request(
          protocol.signalWorkflow,
          { workflowId: target.workflowId, signalName: eventName, input: text },
          token,
        ),
      ),
  });
  if (input === undefined) return;
  reportOutcome(`Event '${eventName}' raised on '${target.workflowId}'.`);
  ctx.views.workflows.refresh();
  ctx.views.connections.refresh();
}
