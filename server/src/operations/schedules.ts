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
  ScheduleActionInput,
  ScheduleActionResultView,
  ScheduleDescription,
  ScheduleDocument,
  ScheduleOverlapPolicyName,
  SchedulePoliciesInput,
  ScheduleRefParams,
  ScheduleStateInput,
  ScheduleSummary,
  TriggerScheduleParams,
  UpdateScheduleParams,
} from '../../../shared/src/protocol';
import type { Payload } from '../temporal/gen/temporal/api/common/v1/message_pb.js';
import {
  ScheduleOverlapPolicy,
  ScheduleOverlapPolicySchema,
} from '../temporal/gen/temporal/api/enums/v1/schedule_pb.js';
import { WorkflowExecutionStatus } from '../temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import type {
  ScheduleActionResult,
  SchedulePolicies,
  ScheduleState,
} from '../temporal/gen/temporal/api/schedule/v1/message_pb.js';
import type { NewWorkflowExecutionInfo } from '../temporal/gen/temporal/api/workflow/v1/message_pb.js';
import type { DescribeScheduleResponse } from '../temporal/gen/temporal/api/workflowservice/v1/request_response_pb.js';
import { WorkbenchError } from '../errors';
import { payloadToDisplay } from '../payloads/display';
import type { PayloadDecoder } from '../payloads/decoder';
import { memoFields, searchAttributeFields } from '../payloads/encode';
import { checkJson, JsonSyntaxError } from '../payloads/jsonInput';
import type { Target, Workbench } from '../workbench';
import {
  decoderFor,
  durationSeconds,
  enumName,
  enumValue,
  fromBase64,
  isoTime,
  parseDurationSeconds,
  read,
  required,
  toBase64,
  write,
} from './common';
import {
  checkKeys,
  expectObject,
  humanDuration,
  invalid,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalString,
  parseTime,
  secondsDuration,
  serverSpecError,
  specFromInput,
  specSummary,
  specToInput,
  type ScheduleSpecInit,
} from './scheduleSpec';
import { executionStatus, searchAttributeTypes } from './visibility';
import { startRequest, type StartRequestInit } from './workflows';

const DOCUMENT_KEYS = ['spec', 'action', 'policies', 'state', 'memo', 'searchAttributes'];
const ACTION_KEYS = [
  'workflowId',
  'workflowType',
  'taskQueue',
  'input',
  'executionTimeout',
  'runTimeout',
  'taskTimeout',
  'retryPolicy',
  'memo',
  'searchAttributes',
  'staticSummary',
  'staticDetails',
  'priority',
];
const RETRY_KEYS = [
  'initialInterval',
  'backoffCoefficient',
  'maximumInterval',
  'maximumAttempts',
  'nonRetryableErrorTypes',
];
const POLICY_KEYS = ['overlap', 'catchupWindow', 'pauseOnFailure', 'keepOriginalWorkflowId'];
const STATE_KEYS = ['paused', 'notes', 'remainingActions'];

/** Stands for payloads the document cannot show; unchanged, the original payloads are kept. */
const KEPT_INPUT = '(encoded input: kept as it is unless you replace this text with JSON)';
const keptValue = (encoding: string) =>
  `(encoded ${encoding || 'payload'}: kept as it is unless changed)`;

type ActionInit = Pick<
  StartRequestInit,
  | 'workflowId'
  | 'workflowType'
  | 'taskQueue'
  | 'input'
  | 'workflowExecutionTimeout'
  | 'workflowRunTimeout'
  | 'workflowTaskTimeout'
  | 'retryPolicy'
  | 'memo'
  | 'searchAttributes'
  | 'userMetadata'
  | 'priority'
> & {
  header?: NewWorkflowExecutionInfo['header'];
  versioningOverride?: NewWorkflowExecutionInfo['versioningOverride'];
};

interface ScheduleInit {
  spec: ScheduleSpecInit;
  action: { action: { case: 'startWorkflow'; value: ActionInit } };
  policies: {
    overlapPolicy: ScheduleOverlapPolicy;
    catchupWindow?: { seconds: bigint; nanos: number };
    pauseOnFailure: boolean;
    keepOriginalWorkflowId: boolean;
  };
  state: {
    paused: boolean;
    notes: string;
    limitedActions: boolean;
    remainingActions: bigint;
  };
}

interface BuiltDocument {
  schedule: ScheduleInit;
  memo?: { fields: Record<string, Payload> };
  searchAttributes?: { indexedFields: Record<string, Payload> };
}

// ---------------------------------------------------------------------------------------------
// Document -> request

/** Errors of reused validators name fields relative to the action: make them `action.…`. */
function withinAction(err: unknown): never {
  if (err instanceof WorkbenchError && err.kind === 'InvalidInput') {
    const m = err.message;
    const message = /^[a-z][\w.[\]]*( |:|$)/.test(m) ? `action.${m}` : `action: ${m}`;
    throw new WorkbenchError('InvalidInput', message, err.data);
  }
  throw err;
}

function checkActionShape(a: Record<string, unknown>): void {
  checkKeys(a, ACTION_KEYS, 'action');
  for (const key of [
    'workflowId',
    'workflowType',
    'taskQueue',
    'executionTimeout',
    'runTimeout',
    'taskTimeout',
    'staticSummary',
    'staticDetails',
  ]) {
    optionalString(a[key], `action.${key}`);
  }
  if (a.memo !== undefined) expectObject(a.memo, 'action.memo');
  if (a.searchAttributes !== undefined) expectObject(a.searchAttributes, 'action.searchAttributes');
  if (a.retryPolicy !== undefined) {
    const r = expectObject(a.retryPolicy, 'action.retryPolicy');
    checkKeys(r, RETRY_KEYS, 'action.retryPolicy');
    optionalString(r.initialInterval, 'action.retryPolicy.initialInterval');
    optionalString(r.maximumInterval, 'action.retryPolicy.maximumInterval');
    optionalInteger(r.maximumAttempts, 'action.retryPolicy.maximumAttempts', 0);
    if (
      r.backoffCoefficient !== undefined &&
      (typeof r.backoffCoefficient !== 'number' || r.backoffCoefficient < 1)
    ) {
      invalid(`action.retryPolicy.backoffCoefficient must be a number of 1 or more`);
    }
    optionalArray(r.nonRetryableErrorTypes, 'action.retryPolicy.nonRetryableErrorTypes').forEach(
      (t, i) => {
        if (typeof t !== 'string')
          invalid(`action.retryPolicy.nonRetryableErrorTypes[${i}] must be a string`);
      },
    );
  }
  if (a.priority !== undefined) {
    const p = expectObject(a.priority, 'action.priority');
    checkKeys(p, ['priorityKey', 'fairnessKey', 'fairnessWeight'], 'action.priority');
    optionalInteger(p.priorityKey, 'action.priority.priorityKey', 0);
    optionalString(p.fairnessKey, 'action.priority.fairnessKey');
    if (p.fairnessWeight !== undefined && typeof p.fairnessWeight !== 'number') {
      invalid('action.priority.fairnessWeight must be a number');
    }
  }
}

async function actionFromInput(
  wb: Workbench,
  target: Target,
  scheduleId: string,
  value: unknown,
  signal?: AbortSignal,
): Promise<ActionInit> {
  const a = expectObject(value, 'action') as ScheduleActionInput & Record<string, unknown>;
  checkActionShape(a);
  const workflowId = a.workflowId?.trim() || `${scheduleId}-workflow`;
  // `input` is plain JSON (an argument list); a string is JSON text (the older form).
  const input = a.input === undefined || typeof a.input === 'string' ? a.input : JSON.stringify(a.input);
  const request = await startRequest(wb, target, { ...a, input, workflowId }, signal).catch(
    withinAction,
  );
  // The start request's own fields (identity, request id, reuse policy ...) do not belong here.
  const action: ActionInit = {
    workflowId: request.workflowId,
    workflowType: request.workflowType,
    taskQueue: request.taskQueue,
    input: request.input,
    workflowExecutionTimeout: request.workflowExecutionTimeout,
    workflowRunTimeout: request.workflowRunTimeout,
    workflowTaskTimeout: request.workflowTaskTimeout,
    retryPolicy: request.retryPolicy,
    memo: request.memo,
    searchAttributes: request.searchAttributes,
    userMetadata: request.userMetadata,
    priority: request.priority,
  };
  return action;
}

function overlapPolicy(name: unknown, field: string): ScheduleOverlapPolicy {
  const text = optionalString(name, field);
  return text
    ? enumValue(ScheduleOverlapPolicySchema, text, field)
    : ScheduleOverlapPolicy.UNSPECIFIED;
}

function policiesFromInput(value: unknown): ScheduleInit['policies'] {
  const p = expectObject(value ?? {}, 'policies') as SchedulePoliciesInput &
    Record<string, unknown>;
  checkKeys(p, POLICY_KEYS, 'policies');
  const catchup = optionalString(p.catchupWindow, 'policies.catchupWindow');
  const policies: ScheduleInit['policies'] = {
    overlapPolicy: overlapPolicy(p.overlap, 'policies.overlap'),
    pauseOnFailure: optionalBoolean(p.pauseOnFailure, 'policies.pauseOnFailure') ?? false,
    keepOriginalWorkflowId:
      optionalBoolean(p.keepOriginalWorkflowId, 'policies.keepOriginalWorkflowId') ?? false,
  };
  if (catchup) {
    const seconds = parseDurationSeconds(catchup, 'policies.catchupWindow');
    if (seconds <= 0) invalid('policies.catchupWindow must be more than 0s');
    policies.catchupWindow = secondsDuration(seconds);
  }
  return policies;
}

function stateFromInput(value: unknown): ScheduleInit['state'] {
  const s = expectObject(value ?? {}, 'state') as ScheduleStateInput & Record<string, unknown>;
  checkKeys(s, STATE_KEYS, 'state');
  const remaining = optionalInteger(s.remainingActions, 'state.remainingActions', 0);
  return {
    paused: optionalBoolean(s.paused, 'state.paused') ?? false,
    notes: optionalString(s.notes, 'state.notes') ?? '',
    limitedActions: remaining !== undefined,
    remainingActions: BigInt(remaining ?? 0),
  };
}

/** A document given as text: syntax errors name line and column. */
export function parseDocument(document: ScheduleDocument | string): Record<string, unknown> {
  if (typeof document !== 'string') return expectObject(document, 'document');
  try {
    checkJson(document);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      invalid(`The schedule document is not valid JSON: ${err.message} (nothing was saved)`);
    }
    throw err;
  }
  return expectObject(JSON.parse(document), 'document');
}

/** Validates a whole document and builds the schedule, memo and search attributes (nothing sent). */
export async function buildDocument(
  wb: Workbench,
  target: Target,
  scheduleId: string,
  doc: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<BuiltDocument> {
  checkKeys(doc, DOCUMENT_KEYS, 'document');
  // Cheap local checks first, so a bad cron never waits for a search attribute lookup.
  const spec = specFromInput(doc.spec ?? {});
  const policies = policiesFromInput(doc.policies);
  const state = stateFromInput(doc.state);
  if (doc.action === undefined) invalid('action is required (at least workflowType and taskQueue)');
  const action = await actionFromInput(wb, target, scheduleId, doc.action, signal);
  const built: BuiltDocument = {
    schedule: {
      spec,
      action: { action: { case: 'startWorkflow', value: action } },
      policies,
      state,
    },
  };
  if (doc.memo !== undefined && doc.memo !== null) {
    const memo = expectObject(doc.memo, 'memo') as Record<string, JsonValue>;
    built.memo = { fields: memoFields(memo) ?? {} };
  }
  if (doc.searchAttributes !== undefined && doc.searchAttributes !== null) {
    const values = expectObject(doc.searchAttributes, 'searchAttributes') as Record<
      string,
      JsonValue
    >;
    const fields = Object.keys(values).length
      ? searchAttributeFields(values, await searchAttributeTypes(wb, target, signal))
      : undefined;
    built.searchAttributes = { indexedFields: fields ?? {} };
  }
  return built;
}

// ---------------------------------------------------------------------------------------------
// Response -> document and views

function jsonOf(view: PayloadView): { ok: true; value: JsonValue } | { ok: false } {
  if (view.format === 'json') return { ok: true, value: view.value ?? null };
  if (view.format === 'null') return { ok: true, value: null };
  return { ok: false };
}

function textOf(view: PayloadView | undefined): string | undefined {
  if (!view) return undefined;
  if (typeof view.value === 'string') return view.value;
  return view.value !== undefined ? JSON.stringify(view.value) : undefined;
}

function policiesToInput(p: SchedulePolicies | undefined): SchedulePoliciesInput | undefined {
  if (!p) return undefined;
  const out: SchedulePoliciesInput = {};
  if (p.overlapPolicy)
    out.overlap = enumName(
      ScheduleOverlapPolicySchema,
      p.overlapPolicy,
    ) as ScheduleOverlapPolicyName;
  const catchup = durationSeconds(p.catchupWindow);
  if (catchup) out.catchupWindow = humanDuration(catchup);
  if (p.pauseOnFailure) out.pauseOnFailure = true;
  if (p.keepOriginalWorkflowId) out.keepOriginalWorkflowId = true;
  return Object.keys(out).length ? out : undefined;
}

function stateToInput(s: ScheduleState | undefined): ScheduleStateInput | undefined {
  if (!s) return undefined;
  const out: ScheduleStateInput = {};
  if (s.paused) out.paused = true;
  if (s.notes) out.notes = s.notes;
  if (s.limitedActions) out.remainingActions = Number(s.remainingActions);
  return Object.keys(out).length ? out : undefined;
}

/** Queues decoding of a payload map into JSON values; encoded entries get a placeholder. */
function jsonMap(
  fields: { [key: string]: Payload } | undefined,
  decoder: PayloadDecoder,
  where: string,
  warnings: string[],
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, payload] of Object.entries(fields ?? {})) {
    decoder.add(payload, (view) => {
      const json = jsonOf(view);
      if (json.ok) out[key] = json.value;
      else {
        out[key] = keptValue(view.encoding);
        warnings.push(
          `${where}.${key} is encoded (${view.encoding}): it is kept as it is unless you change it`,
        );
      }
    });
  }
  return out;
}

function actionToInput(
  info: NewWorkflowExecutionInfo,
  decoder: PayloadDecoder,
  warnings: string[],
): ScheduleActionInput {
  const a: ScheduleActionInput = {
    workflowId: info.workflowId,
    workflowType: info.workflowType?.name ?? '',
    taskQueue: info.taskQueue?.name ?? '',
  };
  const input = info.input?.payloads ?? [];
  if (input.length) {
    decoder.addAll(input, (views) => {
      const values = views.map(jsonOf);
      if (values.every((v) => v.ok)) {
        a.input = values.map((v) => (v as { value: JsonValue }).value);
      } else {
        a.input = KEPT_INPUT;
        warnings.push(
          'action.input is encoded: it is kept as it is unless you replace it with JSON',
        );
      }
    });
  }
  const durations = [
    ['executionTimeout', info.workflowExecutionTimeout],
    ['runTimeout', info.workflowRunTimeout],
    ['taskTimeout', info.workflowTaskTimeout],
  ] as const;
  for (const [key, d] of durations) {
    const seconds = durationSeconds(d);
    if (seconds) a[key] = humanDuration(seconds);
  }
  const r = info.retryPolicy;
  if (r) {
    const retry: NonNullable<ScheduleActionInput['retryPolicy']> = {};
    const initial = durationSeconds(r.initialInterval);
    const maximum = durationSeconds(r.maximumInterval);
    if (initial) retry.initialInterval = humanDuration(initial);
    if (r.backoffCoefficient) retry.backoffCoefficient = r.backoffCoefficient;
    if (maximum) retry.maximumInterval = humanDuration(maximum);
    if (r.maximumAttempts) retry.maximumAttempts = r.maximumAttempts;
    if (r.nonRetryableErrorTypes.length)
      retry.nonRetryableErrorTypes = [...r.nonRetryableErrorTypes];
    a.retryPolicy = retry;
  }
  if (info.memo && Object.keys(info.memo.fields).length) {
    a.memo = jsonMap(info.memo.fields, decoder, 'action.memo', warnings);
  }
  const sa = info.searchAttributes?.indexedFields;
  if (sa && Object.keys(sa).length) {
    a.searchAttributes = Object.fromEntries(
      Object.entries(sa).map(([k, p]) => [k, payloadToDisplay(p).value ?? null]),
    );
  }
  const meta = info.userMetadata;
  if (meta?.summary) decoder.add(meta.summary, (v) => (a.staticSummary = textOf(v)));
  if (meta?.details) decoder.add(meta.details, (v) => (a.staticDetails = textOf(v)));
  if (info.priority) {
    const p = info.priority;
    const priority: NonNullable<ScheduleActionInput['priority']> = {};
    if (p.priorityKey) priority.priorityKey = p.priorityKey;
    if (p.fairnessKey) priority.fairnessKey = p.fairnessKey;
    if (p.fairnessWeight) priority.fairnessWeight = p.fairnessWeight;
    if (Object.keys(priority).length) a.priority = priority;
  }
  if (info.header && Object.keys(info.header.fields).length) {
    warnings.push(
      'action has headers (e.g. tracing context) the document does not show: they are kept',
    );
  }
  return a;
}

interface Rendered {
  document: ScheduleDocument;
  warnings: string[];
  memo: Record<string, PayloadView>;
  searchAttributes: Record<string, PayloadView>;
}

/** The described schedule as a document (payloads decoded through the profile's codec). */
async function renderDocument(
  target: Target,
  res: DescribeScheduleResponse,
  signal?: AbortSignal,
): Promise<Rendered> {
  const decoder = decoderFor(target, signal);
  const warnings: string[] = [];
  const schedule = res.schedule;
  const info =
    schedule?.action?.action.case === 'startWorkflow' ? schedule.action.action.value : undefined;
  if (schedule?.action && !info) warnings.push('the action is of a kind this editor does not know');
  const document: ScheduleDocument = {
    spec: specToInput(schedule?.spec),
    action: info ? actionToInput(info, decoder, warnings) : { workflowType: '', taskQueue: '' },
  };
  if (schedule?.spec?.timezoneData.length) {
    warnings.push(
      'spec has time zone data the document does not show: it is kept while timezoneName stays the same',
    );
  }
  const policies = policiesToInput(schedule?.policies);
  const state = stateToInput(schedule?.state);
  if (policies) document.policies = policies;
  if (state) document.state = state;
  const memoViews: Record<string, PayloadView> = {};
  for (const [k, p] of Object.entries(res.memo?.fields ?? {}))
    decoder.add(p, (v) => (memoViews[k] = v));
  if (res.memo && Object.keys(res.memo.fields).length) {
    document.memo = jsonMap(res.memo.fields, decoder, 'memo', warnings);
  }
  const sa = res.searchAttributes?.indexedFields ?? {};
  const saViews = Object.fromEntries(Object.entries(sa).map(([k, p]) => [k, payloadToDisplay(p)]));
  if (Object.keys(sa).length) {
    document.searchAttributes = Object.fromEntries(
      Object.entries(saViews).map(([k, v]) => [k, v.value ?? null]),
    );
  }
  await decoder.flush();
  return { document, warnings, memo: memoViews, searchAttributes: saViews };
}

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
  const quoted = runIds.map((id) => `'${id.replace(/'/g, "\\'")}'`).join(', ');
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

function actionResultView(r: ScheduleActionResult): ScheduleActionResultView {
  const view: ScheduleActionResultView = {
    workflowId: r.startWorkflowResult?.workflowId ?? '',
    runId: r.startWorkflowResult?.runId ?? '',
  };
  const scheduled = isoTime(r.scheduleTime);
  const actual = isoTime(r.actualTime);
  if (scheduled) view.scheduledTime = scheduled;
  if (actual) view.actualTime = actual;
  if (r.startWorkflowStatus !== WorkflowExecutionStatus.UNSPECIFIED) {
    view.status = executionStatus(r.startWorkflowStatus);
  }
  return view;
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
  patchInit: Parameters<Target['connection']['workflow']['patchSchedule']>[0]['patch'],
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

export function pauseSchedule(
  wb: Workbench,
  target: Target,
  p: PauseScheduleParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const id = scheduleId(p);
  // The server pauses only for a non-empty note.
  const note = optionalString(p.note, 'note')?.trim() || 'Paused from Temporal Workbench';
  return patch(wb, target, id, { pause: note }, signal);
}

export function unpauseSchedule(
  wb: Workbench,
  target: Target,
  p: PauseScheduleParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const id = scheduleId(p);
  const note = optionalString(p.note, 'note')?.trim() || 'Unpaused from Temporal Workbench';
  return patch(wb, target, id, { unpause: note }, signal);
}

export function triggerSchedule(
  wb: Workbench,
  target: Target,
  p: TriggerScheduleParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const id = scheduleId(p);
  const policy = overlapPolicy(p.overlapPolicy, 'overlapPolicy');
  return patch(wb, target, id, { triggerImmediately: { overlapPolicy: policy } }, signal);
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
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const id = scheduleId(p);
  const range = timeRange(p);
  const policy = overlapPolicy(p.overlapPolicy, 'overlapPolicy');
  return patch(wb, target, id, { backfillRequest: [{ ...range, overlapPolicy: policy }] }, signal);
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
