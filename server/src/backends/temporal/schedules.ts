// Schedules: create, describe, list, edit as one JSON document, pause/unpause, trigger, backfill,
// delete and a preview of matching times. Documents are validated completely before anything is
// sent; writes are sent once. The action reuses the workflow start options of workflows.ts.
import { randomUUID } from 'node:crypto';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type {
  BackfillScheduleParams,
  CreateScheduleParams,
  CreateScheduleResult,
  GetScheduleDocumentResult,
  JsonValue,
  ListScheduleMatchingTimesParams,
  ListSchedulesParams,
  ListSchedulesResult,
  PauseScheduleParams,
  PayloadView,
  ScheduleActionResultView,
  ScheduleDescription,
  ScheduleRefParams,
  ScheduleSummary,
  TriggerScheduleParams,
  UpdateScheduleParams,
} from '../../../../shared/src/protocol';
import { quoteQueryString } from '../../../../shared/src/visibilityQuery';
import type { Payload } from '../../temporal/gen/temporal/api/common/v1/message_pb.js';
import type { DescribeScheduleResponse } from '../../temporal/gen/temporal/api/workflowservice/v1/request_response_pb.js';
import { WorkbenchError } from '../../errors';
import { payloadToDisplay } from '../../payloads/display';
import type { Target, Workbench } from '../../workbench';
import { decoderFor, fromBase64, isoTime, read, required, toBase64, write } from './common';
import { invalid, optionalString, parseTime, serverSpecError, specSummary } from './scheduleSpec';
import {
  actionResultView,
  buildDocument,
  overlapPolicy,
  parseDocument,
  renderDocument,
} from './scheduleDocument';
import { executionStatus } from './visibility';

/**
 * A schedule's recent actions carry the run status the schedule last saw, which stays "Running"
 * long after the run closed. Runs it still calls running get their status from visibility (one
 * list for all of them), so the Schedules view agrees with the Workflows view.
 */
async function refreshRunStatuses(
  wb: Workbench,
  target: Target,
  actions: ScheduleActionResultView[],
  signal?: AbortSignal,
): Promise<void> {
  const open = actions.filter((a) => a.status === 'Running' && a.runId);
  if (!open.length) return;
  const runIds = [...new Set(open.map((a) => a.runId))].slice(0, 100);
  const quoted = runIds.map(quoteQueryString).join(', ');
  const res = await read(
    wb,
    target,
    (c) =>
      c.workflow.listWorkflowExecutions(
        { namespace: target.namespace, pageSize: runIds.length, query: `RunId IN (${quoted})` },
        { signal },
      ),
    signal,
  ).catch(() => undefined); // the schedule's own view is still worth showing
  const byRun = new Map(
    (res?.executions ?? []).map((e) => [e.execution?.runId ?? '', executionStatus(e.status)]),
  );
  for (const a of open) a.status = byRun.get(a.runId) ?? a.status;
}

// ---------------------------------------------------------------------------------------------
// Errors

/** NOT_FOUND of a schedule call -> a message naming the schedule (the server's is generic). */
function notFound(target: Target, scheduleId: string) {
  return (err: unknown): never => {
    if (
      err instanceof WorkbenchError &&
      err.kind === 'NotFound' &&
      !/^Namespace '/.test(err.message)
    ) {
      throw new WorkbenchError(
        'NotFound',
        `Schedule '${scheduleId}' not found in namespace '${target.namespace}'`,
        err.data,
      );
    }
    throw err;
  };
}

function scheduleId(p: ScheduleRefParams): string {
  return required(p.scheduleId, 'scheduleId').trim();
}

// ---------------------------------------------------------------------------------------------
// Operations

export async function createSchedule(
  wb: Workbench,
  target: Target,
  p: CreateScheduleParams,
  signal?: AbortSignal,
): Promise<CreateScheduleResult> {
  wb.assertWritable(target);
  const id = scheduleId(p);
  const {
    scheduleId: _id,
    triggerImmediately,
    requestId,
    profileId: _p,
    namespace: _n,
    ...doc
  } = p;
  const built = await buildDocument(wb, target, id, doc as Record<string, unknown>, signal);
  const res = await write(wb, target, (c) =>
    c.workflow.createSchedule(
      {
        namespace: target.namespace,
        scheduleId: id,
        schedule: built.schedule,
        initialPatch: triggerImmediately
          ? {
              triggerImmediately: {
                overlapPolicy: built.schedule.policies.overlapPolicy,
              },
            }
          : undefined,
        identity: target.connection.identity,
        requestId: requestId || randomUUID(),
        memo: built.memo,
        searchAttributes: built.searchAttributes,
      },
      { signal },
    ),
  ).catch((err) => {
    if (err instanceof WorkbenchError && err.kind === 'AlreadyExists') {
      throw new WorkbenchError(
        'AlreadyExists',
        `Schedule '${id}' already exists in namespace '${target.namespace}'`,
        err.data,
      );
    }
    throw serverSpecError(err);
  });
  const result: CreateScheduleResult = {
    scheduleId: id,
    namespace: target.namespace,
  };
  const token = toBase64(res.conflictToken);
  if (token) result.conflictToken = token;
  return result;
}

function describeRaw(
  wb: Workbench,
  target: Target,
  id: string,
  signal?: AbortSignal,
): Promise<DescribeScheduleResponse> {
  return read(
    wb,
    target,
    (c) => c.workflow.describeSchedule({ namespace: target.namespace, scheduleId: id }, { signal }),
    signal,
  ).catch(notFound(target, id));
}

export async function describeSchedule(
  wb: Workbench,
  target: Target,
  p: ScheduleRefParams,
  signal?: AbortSignal,
): Promise<ScheduleDescription> {
  const id = scheduleId(p);
  const res = await describeRaw(wb, target, id, signal);
  const rendered = await renderDocument(target, res, signal);
  const info = res.info;
  const state = res.schedule?.state;
  const d: ScheduleDescription = {
    scheduleId: id,
    schedule: rendered.document,
    specSummary: specSummary(res.schedule?.spec),
    workflowType: rendered.document.action.workflowType,
    taskQueue: rendered.document.action.taskQueue,
    paused: state?.paused ?? false,
    notes: state?.notes ?? '',
    actionCount: Number(info?.actionCount ?? 0),
    missedCatchupWindow: Number(info?.missedCatchupWindow ?? 0),
    overlapSkipped: Number(info?.overlapSkipped ?? 0),
    bufferDropped: Number(info?.bufferDropped ?? 0),
    bufferSize: Number(info?.bufferSize ?? 0),
    runningWorkflows: (info?.runningWorkflows ?? []).map((w) => ({
      workflowId: w.workflowId,
      runId: w.runId,
    })),
    recentActions: (info?.recentActions ?? []).map(actionResultView),
    futureActionTimes: (info?.futureActionTimes ?? [])
      .map((t) => isoTime(t))
      .filter((t): t is string => !!t),
    memo: rendered.memo,
    searchAttributes: rendered.searchAttributes,
  };
  await refreshRunStatuses(wb, target, d.recentActions, signal);
  const created = isoTime(info?.createTime);
  const updated = isoTime(info?.updateTime);
  if (created) d.createTime = created;
  if (updated) d.updateTime = updated;
  if (info?.invalidScheduleError) d.invalidScheduleError = info.invalidScheduleError;
  const token = toBase64(res.conflictToken);
  if (token) d.conflictToken = token;
  return d;
}

export async function getScheduleDocument(
  wb: Workbench,
  target: Target,
  p: ScheduleRefParams,
  signal?: AbortSignal,
): Promise<GetScheduleDocumentResult> {
  const id = scheduleId(p);
  const res = await describeRaw(wb, target, id, signal);
  const { document, warnings } = await renderDocument(target, res, signal);
  const result: GetScheduleDocumentResult = {
    scheduleId: id,
    document,
    warnings,
  };
  const token = toBase64(res.conflictToken);
  if (token) result.conflictToken = token;
  return result;
}

function changedSince(id: string, data?: WorkbenchError['data']): WorkbenchError {
  return new WorkbenchError(
    'FailedPrecondition',
    `Schedule '${id}' was changed by someone else since it was read: reload it and edit again (nothing was saved)`,
    data,
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Payload map entries whose JSON the document left unchanged keep their original payloads. */
function keepUnchanged(
  edited: Record<string, unknown>,
  key: string,
  shown: Record<string, JsonValue> | undefined,
  original: { [k: string]: Payload } | undefined,
): Record<string, Payload> {
  const values = edited[key];
  if (
    !shown ||
    !original ||
    typeof values !== 'object' ||
    values === null ||
    Array.isArray(values)
  ) {
    return {};
  }
  const kept: Record<string, Payload> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k in shown && original[k] && sameJson(v, shown[k])) kept[k] = original[k];
    else rest[k] = v;
  }
  edited[key] = rest;
  return kept;
}

export async function updateSchedule(
  wb: Workbench,
  target: Target,
  p: UpdateScheduleParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const id = scheduleId(p);
  const doc = parseDocument(p.document);
  // The current schedule tells what the document could not show (encoded payloads, headers):
  // parts the edit left as shown are sent back exactly as they were.
  const current = await describeRaw(wb, target, id, signal);
  // The server drops an update with a stale token without telling: tell it here.
  if (p.conflictToken && p.conflictToken !== toBase64(current.conflictToken))
    throw changedSince(id);
  const shown = (await renderDocument(target, current, signal)).document;
  const info =
    current.schedule?.action?.action.case === 'startWorkflow'
      ? current.schedule.action.action.value
      : undefined;

  const editedAction =
    typeof doc.action === 'object' && doc.action !== null && !Array.isArray(doc.action)
      ? { ...(doc.action as Record<string, unknown>) }
      : doc.action;
  let keepInput = false;
  let keptActionMemo: Record<string, Payload> = {};
  if (editedAction && typeof editedAction === 'object' && info) {
    const a = editedAction as Record<string, unknown>;
    if (a.input !== undefined && sameJson(a.input, shown.action.input) && info.input) {
      keepInput = true;
      delete a.input;
    }
    keptActionMemo = keepUnchanged(a, 'memo', shown.action.memo, info.memo?.fields);
  }
  const edited: Record<string, unknown> = { ...doc, action: editedAction };
  // Memo and search attributes are sent only when edited: some servers refuse memo updates
  // of the schedule (workflow-backed schedules), even unchanged ones.
  const memoEdited = edited.memo !== undefined && !sameJson(edited.memo, shown.memo ?? {});
  if (!memoEdited) delete edited.memo;
  if (
    edited.searchAttributes !== undefined &&
    sameJson(edited.searchAttributes, shown.searchAttributes ?? {})
  ) {
    delete edited.searchAttributes;
  }
  const keptMemo = keepUnchanged(edited, 'memo', shown.memo, current.memo?.fields);

  const built = await buildDocument(wb, target, id, edited, signal);
  const action = built.schedule.action.action.value;
  if (info) {
    if (keepInput) action.input = info.input;
    if (Object.keys(keptActionMemo).length) {
      action.memo = {
        fields: { ...(action.memo?.fields ?? {}), ...keptActionMemo } as Record<string, Payload>,
      };
    }
    action.header = info.header;
    action.versioningOverride = info.versioningOverride;
  }
  if (Object.keys(keptMemo).length) {
    built.memo = { fields: { ...(built.memo?.fields ?? {}), ...keptMemo } };
  }
  const tzData = current.schedule?.spec?.timezoneData;
  if (tzData?.length && built.schedule.spec.timezoneName === current.schedule?.spec?.timezoneName) {
    built.schedule.spec.timezoneData = tzData;
  }

  await write(wb, target, (c) =>
    c.workflow.updateSchedule(
      {
        namespace: target.namespace,
        scheduleId: id,
        schedule: built.schedule,
        conflictToken: fromBase64(p.conflictToken),
        identity: target.connection.identity,
        requestId: p.requestId || randomUUID(),
        memo: built.memo,
        searchAttributes: built.searchAttributes,
      },
      { signal },
    ),
  ).catch((err) => {
    if (
      err instanceof WorkbenchError &&
      err.kind === 'FailedPrecondition' &&
      /conflict/i.test(err.message)
    ) {
      throw changedSince(id, err.data);
    }
    if (memoEdited && err instanceof WorkbenchError && /memo/i.test(err.message)) {
      throw new WorkbenchError(
        err.kind,
        `memo: ${err.message}. Leave the schedule's memo as it was to save the other changes (nothing was saved)`,
        err.data,
      );
    }
    notFound(target, id)(serverSpecError(err));
  });
  return { ok: true };
}

export async function listSchedules(
  wb: Workbench,
  target: Target,
  p: ListSchedulesParams,
  signal?: AbortSignal,
): Promise<ListSchedulesResult> {
  const res = await read(
    wb,
    target,
    (c) =>
      c.workflow.listSchedules(
        {
          namespace: target.namespace,
          maximumPageSize: p.pageSize ?? 100,
          nextPageToken: fromBase64(p.nextPageToken),
          query: p.query ?? '',
        },
        { signal },
      ),
    signal,
  );
  const decoder = decoderFor(target, signal);
  const schedules = res.schedules.map((entry) => {
    const info = entry.info;
    const memo: Record<string, PayloadView> = {};
    for (const [k, payload] of Object.entries(entry.memo?.fields ?? {}))
      decoder.add(payload, (v) => (memo[k] = v));
    const summary: ScheduleSummary = {
      scheduleId: entry.scheduleId,
      workflowType: info?.workflowType?.name ?? '',
      paused: info?.paused ?? false,
      notes: info?.notes ?? '',
      specSummary: specSummary(info?.spec),
      recentActions: (info?.recentActions ?? []).map(actionResultView),
      futureActionTimes: (info?.futureActionTimes ?? [])
        .map((t) => isoTime(t))
        .filter((t): t is string => !!t),
      memo,
      searchAttributes: Object.fromEntries(
        Object.entries(entry.searchAttributes?.indexedFields ?? {}).map(([k, v]) => [
          k,
          payloadToDisplay(v),
        ]),
      ),
    };
    return summary;
  });
  await decoder.flush();
  await refreshRunStatuses(
    wb,
    target,
    schedules.flatMap((x) => x.recentActions),
    signal,
  );
  const token = toBase64(res.nextPageToken);
  return token ? { schedules, nextPageToken: token } : { schedules };
}

async function patch(
  wb: Workbench,
  target: Target,
  id: string,
  patchInit: SchedulePatch,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  await write(wb, target, (c) =>
    c.workflow.patchSchedule(
      {
        namespace: target.namespace,
        scheduleId: id,
        patch: patchInit,
        identity: target.connection.identity,
        requestId: randomUUID(),
      },
      { signal },
    ),
  ).catch(notFound(target, id));
  return { ok: true };
}

type SchedulePatch = Parameters<Target['connection']['workflow']['patchSchedule']>[0]['patch'];

/** Pause, unpause, trigger and backfill: refused on read-only profiles, then one patch each. */
function patchAction(
  wb: Workbench,
  target: Target,
  p: ScheduleRefParams,
  build: () => SchedulePatch,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const id = scheduleId(p);
  return patch(wb, target, id, build(), signal);
}

/** The server pauses and unpauses only with a non-empty note. */
function noteOr(note: string | undefined, fallback: string): string {
  return optionalString(note, 'note')?.trim() || fallback;
}

export function pauseSchedule(
  wb: Workbench,
  target: Target,
  p: PauseScheduleParams,
  signal?: AbortSignal,
) {
  return patchAction(
    wb,
    target,
    p,
    () => ({ pause: noteOr(p.note, 'Paused from Temporal Workbench') }),
    signal,
  );
}

export function unpauseSchedule(
  wb: Workbench,
  target: Target,
  p: PauseScheduleParams,
  signal?: AbortSignal,
) {
  return patchAction(
    wb,
    target,
    p,
    () => ({ unpause: noteOr(p.note, 'Unpaused from Temporal Workbench') }),
    signal,
  );
}

export function triggerSchedule(
  wb: Workbench,
  target: Target,
  p: TriggerScheduleParams,
  signal?: AbortSignal,
) {
  return patchAction(
    wb,
    target,
    p,
    () => ({
      triggerImmediately: { overlapPolicy: overlapPolicy(p.overlapPolicy, 'overlapPolicy') },
    }),
    signal,
  );
}

function timeRange(p: { startTime: string; endTime: string }) {
  const start = parseTime(required(p.startTime, 'startTime'), 'startTime');
  const end = parseTime(required(p.endTime, 'endTime'), 'endTime');
  if (end < start) invalid(`endTime ${p.endTime} is before startTime ${p.startTime}`);
  return {
    startTime: timestampFromDate(start),
    endTime: timestampFromDate(end),
  };
}

export function backfillSchedule(
  wb: Workbench,
  target: Target,
  p: BackfillScheduleParams,
  signal?: AbortSignal,
) {
  return patchAction(
    wb,
    target,
    p,
    () => {
      const range = timeRange(p);
      return {
        backfillRequest: [
          { ...range, overlapPolicy: overlapPolicy(p.overlapPolicy, 'overlapPolicy') },
        ],
      };
    },
    signal,
  );
}

export async function deleteSchedule(
  wb: Workbench,
  target: Target,
  p: ScheduleRefParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  const id = scheduleId(p);
  await write(wb, target, (c) =>
    c.workflow.deleteSchedule(
      {
        namespace: target.namespace,
        scheduleId: id,
        identity: target.connection.identity,
      },
      { signal },
    ),
  ).catch(notFound(target, id));
  return { ok: true };
}

export async function listScheduleMatchingTimes(
  wb: Workbench,
  target: Target,
  p: ListScheduleMatchingTimesParams,
  signal?: AbortSignal,
): Promise<{ times: string[] }> {
  const id = scheduleId(p);
  const range = timeRange(p);
  const res = await read(
    wb,
    target,
    (c) =>
      c.workflow.listScheduleMatchingTimes(
        { namespace: target.namespace, scheduleId: id, ...range },
        { signal },
      ),
    signal,
  ).catch(notFound(target, id));
  return {
    times: res.startTime.map((t) => isoTime(t)).filter((t): t is string => !!t),
  };
}
