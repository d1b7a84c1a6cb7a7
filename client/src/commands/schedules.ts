// Commands on schedules. Each takes a Schedules tree node or nothing (palette: it asks), sends
// one shared/ request and refreshes the view. Writes stop on read-only profiles.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { confirmDestructive, execRefOf } from '../input/pickers';
import { withCancellableProgress } from '../progress';
import { openJsonDocument, reportOutcome } from '../results';
import {
  checkIsoTime,
  createDocumentText,
  defaultBackfillRange,
  derivedScheduleId,
  exampleScheduleDocument,
  followTypeInScheduleId,
  parseCreateDocument,
  scheduleSpecHint,
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
 * Edits a schedule document until the server takes it: the call runs from the editor, so an
 * InvalidInput (naming the field) or any other failure keeps the document open as typed.
 */
async function editUntilAccepted(
  ctx: Ctx,
  options: {
    name: string;
    title: string;
    action: string;
    body: string;
    notes?: readonly string[];
    onEdit?: (doc: vscode.TextDocument) => void;
  },
  send: (text: string) => Promise<void>,
): Promise<boolean> {
  const text = await ctx.payloads.edit({ ...options, run: send });
  return text !== undefined;
}

/**
 * The workflow type a new schedule is for, and its task queue when known: the lens's, the
 * node's or the selected execution's (that run's queue is where a worker takes the type).
 */
function chosenWorkflow(ctx: Ctx, arg: unknown): { workflowType?: string; taskQueue?: string } {
  const lens = arg as { workflowType?: unknown; taskQueues?: unknown } | undefined;
  if (typeof lens?.workflowType === 'string' && lens.workflowType && !execRefOf(arg)) {
    const queues = Array.isArray(lens.taskQueues) ? lens.taskQueues : [];
    const queue = queues.find((q): q is string => typeof q === 'string' && !!q);
    return { workflowType: lens.workflowType, taskQueue: queue };
  }
  const ref = execRefOf(arg) ?? execRefOf(ctx.views.selectedWorkflowNode());
  if (ref?.workflowType) return { workflowType: ref.workflowType, taskQueue: ref.taskQueue };
  return { workflowType: ctx.views.workflows.filter.workflowType };
}

export async function createSchedule(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const types = [...new Set([...ctx.lenses.workflowTypes(), ...ctx.memory.startedTypes()])];
  const chosen = chosenWorkflow(ctx, arg);
  if (chosen.workflowType) types.unshift(chosen.workflowType);
  const queues = [
    ...new Set([
      chosen.taskQueue ?? '',
      ...(ctx.lenses.workflow(types[0] ?? '')?.taskQueues ?? []),
      ...(types[0] ? [ctx.memory.lastStart(types[0]).taskQueue ?? ''] : []),
      ...ctx.lenses.taskQueues(),
      ...ctx.memory.usedTaskQueues(),
    ]),
  ].filter(Boolean);
  const example = exampleScheduleDocument(types, queues);
  const followId = idFollower(derivedScheduleId(example.action.workflowType));
  let created = '';
  const ok = await editUntilAccepted(
    ctx,
    {
      name: 'new schedule',
      title: 'New schedule: the schedule id and its spec, action, policies and state',
      action: 'create the schedule',
      body: createDocumentText(derivedScheduleId(example.action.workflowType), example),
      notes: scheduleSpecHint,
      onEdit: followId,
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
  reportOutcome(`Created schedule '${created}'.`);
}

/**
 * Keeps a new schedule's id derived from its workflow type until the user types an id of their
 * own. One edit at a time, each computed from the text after the previous one landed: an edit
 * computed while another was in flight would see the old id and take it for the user's.
 */
function idFollower(initialId: string): (doc: vscode.TextDocument) => void {
  let ownId = initialId;
  let following = true;
  let busy = false;
  let again = false;
  return (doc) => {
    if (!following) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    void (async () => {
      do {
        again = false;
        const followed = followTypeInScheduleId(doc.getText(), ownId);
        if (followed.userEdited) following = false;
        const edit = followed.edit;
        if (!edit || !following) continue;
        const we = new vscode.WorkspaceEdit();
        we.replace(
          doc.uri,
          new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end)),
          edit.id,
        );
        if (!(await vscode.workspace.applyEdit(we))) continue;
        ownId = edit.id;
        again = true; // recheck against the text the edit produced
      } while (again && following);
    })().finally(() => (busy = false));
  };
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
  const known = ctx.views.schedules.schedules.find((s) => s.scheduleId === scheduleId);
  const what = known?.workflowType
    ? ` It starts ${known.workflowType} once`
    : ' It runs its action once';
  if (
    !(await confirmDestructive(
      `Trigger schedule '${scheduleId}' now?`,
      'Trigger',
      `${what}, outside its spec (the schedule's overlap policy applies).`,
    ))
  )
    return;
  await ctx.request(protocol.triggerSchedule, { scheduleId });
  ctx.views.schedules.refresh();
  ctx.views.workflows.refresh();
  reportOutcome(`Triggered schedule '${scheduleId}'.`);
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
