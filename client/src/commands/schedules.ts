// Commands on schedules. Each takes a Schedules tree node or nothing (palette: it asks), sends
// one shared/ request and refreshes the view. Writes stop on read-only profiles.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { errorKind, errorMessage } from '../errors';
import { confirmDestructive } from '../input/pickers';
import { withCancellableProgress } from '../progress';
import { openJsonDocument } from '../results';
import {
  checkIsoTime,
  createDocumentText,
  defaultBackfillRange,
  exampleScheduleDocument,
  parseCreateDocument,
} from '../views/schedulesModel';
import { ScheduleItem } from '../views/schedulesView';

function assertWritable(ctx: Ctx): void {
  if (ctx.readOnly) {
    throw Object.assign(
      new Error(`Profile '${ctx.status.profileName}' is read-only: nothing is written through it.`),
      { data: { kind: 'ReadOnly' } },
    );
  }
}

/** The schedule id a command is about: the node's, or one picked from the view / typed. */
async function scheduleIdFor(ctx: Ctx, arg: unknown, title: string): Promise<string> {
  if (arg instanceof ScheduleItem) return arg.scheduleId;
  if (typeof arg === 'string' && arg) return arg;
  const known = ctx.views.schedules.schedules.map((s) => ({
    label: s.scheduleId,
    description: `${s.workflowType} · ${s.paused ? 'paused' : 'active'}`,
  }));
  const picked = known.length
    ? (await vscode.window.showQuickPick(known, { title, placeHolder: 'Schedule' }))?.label
    : await vscode.window.showInputBox({ title, prompt: 'Schedule id' });
  if (!picked) throw new vscode.CancellationError();
  return picked;
}

/**
 * Edits a schedule document until the server takes it: an InvalidInput (naming the field) or a
 * syntax error reopens the document with the text as submitted, so nothing typed is lost.
 */
async function editUntilAccepted(
  ctx: Ctx,
  options: { name: string; title: string; action: string; body: string },
  send: (text: string) => Promise<void>,
): Promise<boolean> {
  let body = options.body;
  let error: string | undefined;
  for (;;) {
    // The error shows once the document is open again, so what is typed next goes into it.
    const text = await ctx.payloads.edit({ ...options, body, error });
    if (text === undefined) return false;
    try {
      await send(text);
      return true;
    } catch (err) {
      if (errorKind(err) !== 'InvalidInput') throw err;
      body = text;
      error = `Invalid schedule: ${errorMessage(err)}`;
    }
  }
}

export async function createSchedule(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const types = [...new Set([...ctx.lenses.workflowTypes(), ...ctx.memory.startedTypes()])];
  const queues = [...new Set([...ctx.lenses.taskQueues(), ...ctx.memory.usedTaskQueues()])];
  // A workflow type chosen from a lens or tree node goes first.
  const chosen = (arg as { workflowType?: unknown } | undefined)?.workflowType;
  if (typeof chosen === 'string') types.unshift(chosen);
  const example = exampleScheduleDocument(types, queues);
  const id = `${example.action.workflowType}-schedule-${Math.random().toString(36).slice(2, 6)}`;
  let created = '';
  const ok = await editUntilAccepted(
    ctx,
    {
      name: 'new schedule',
      title: 'New schedule: the schedule id and its spec, action, policies and state',
      action: 'create the schedule',
      body: createDocumentText(id, example),
    },
    async (text) => {
      const parsed = parseCreateDocument(text ? JSON.parse(text) : undefined);
      if ('error' in parsed)
        throw Object.assign(new Error(parsed.error), { data: { kind: 'InvalidInput' } });
      const r = await withCancellableProgress(`Creating schedule '${parsed.scheduleId}'…`, (t) =>
        ctx.request(
          protocol.createSchedule,
          { scheduleId: parsed.scheduleId, ...parsed.document },
          t,
        ),
      );
      created = r.scheduleId;
    },
  );
  if (!ok) return;
  ctx.views.schedules.refresh();
  void vscode.window.showInformationMessage(`Created schedule '${created}'.`);
}

export async function editSchedule(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const scheduleId = await scheduleIdFor(ctx, arg, 'Edit Schedule');
  const current = await ctx.request(protocol.getScheduleDocument, { scheduleId });
  for (const w of current.warnings) ctx.output.appendLine(`Schedule '${scheduleId}': ${w}`);
  const ok = await editUntilAccepted(
    ctx,
    {
      name: `schedule ${scheduleId}`,
      title: `Schedule '${scheduleId}'${current.warnings.length ? ` (${current.warnings.join('; ')})` : ''}`,
      action: 'save the schedule',
      body: JSON.stringify(current.document, null, 2),
    },
    async (text) => {
      await withCancellableProgress(`Saving schedule '${scheduleId}'…`, (t) =>
        ctx.request(
          protocol.updateSchedule,
          { scheduleId, document: text, conflictToken: current.conflictToken },
          t,
        ),
      );
    },
  );
  if (!ok) return;
  ctx.views.schedules.refresh();
  void vscode.window.showInformationMessage(`Saved schedule '${scheduleId}'.`);
}

async function setPaused(ctx: Ctx, arg: unknown, pause: boolean): Promise<void> {
  assertWritable(ctx);
  const verb = pause ? 'Pause' : 'Unpause';
  const scheduleId = await scheduleIdFor(ctx, arg, `${verb} Schedule`);
  const note = await vscode.window.showInputBox({
    title: `${verb} schedule '${scheduleId}'`,
    prompt: 'Note (stored as the schedule notes; may be empty)',
    value: pause ? 'Paused from VS Code' : '',
  });
  if (note === undefined) return;
  await ctx.request(pause ? protocol.pauseSchedule : protocol.unpauseSchedule, {
    scheduleId,
    note: note || undefined,
  });
  ctx.views.schedules.refresh();
  void vscode.window.showInformationMessage(
    `${pause ? 'Paused' : 'Unpaused'} schedule '${scheduleId}'.`,
  );
}

export const pauseSchedule = (ctx: Ctx, arg?: unknown) => setPaused(ctx, arg, true);
export const unpauseSchedule = (ctx: Ctx, arg?: unknown) => setPaused(ctx, arg, false);

export async function triggerSchedule(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const scheduleId = await scheduleIdFor(ctx, arg, 'Trigger Schedule');
  await ctx.request(protocol.triggerSchedule, { scheduleId });
  ctx.views.schedules.refresh();
  ctx.views.workflows.refresh();
  void vscode.window.showInformationMessage(`Triggered schedule '${scheduleId}'.`);
}

export async function backfillSchedule(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const scheduleId = await scheduleIdFor(ctx, arg, 'Backfill Schedule');
  const range = defaultBackfillRange();
  const ask = (what: string, value: string) =>
    vscode.window.showInputBox({
      title: `Backfill '${scheduleId}'`,
      prompt: `${what} (ISO 8601, inclusive)`,
      value,
      validateInput: checkIsoTime,
    });
  const startTime = await ask('Start time', range.start);
  if (!startTime) return;
  const endTime = await ask('End time', range.end);
  if (!endTime) return;
  await withCancellableProgress(`Backfilling '${scheduleId}'…`, (t) =>
    ctx.request(
      protocol.backfillSchedule,
      { scheduleId, startTime: startTime.trim(), endTime: endTime.trim() },
      t,
    ),
  );
  ctx.views.schedules.refresh();
  ctx.views.workflows.refresh();
  void vscode.window.showInformationMessage(
    `Backfilled schedule '${scheduleId}' from ${startTime} to ${endTime}.`,
  );
}

export async function deleteSchedule(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const scheduleId = await scheduleIdFor(ctx, arg, 'Delete Schedule');
  const ok = await confirmDestructive(
    `Delete schedule '${scheduleId}'?`,
    'Delete',
    'It takes no more actions; workflows it started are left alone. This cannot be undone.',
  );
  if (!ok) return;
  await ctx.request(protocol.deleteSchedule, { scheduleId });
  ctx.views.schedules.refresh();
  void vscode.window.showInformationMessage(`Deleted schedule '${scheduleId}'.`);
}

export async function describeSchedule(ctx: Ctx, arg?: unknown): Promise<void> {
  const scheduleId = await scheduleIdFor(ctx, arg, 'Describe Schedule');
  const d = await ctx.request(protocol.describeSchedule, { scheduleId });
  await openJsonDocument(d, { name: `schedule ${scheduleId}` });
}
