// Schedule documents: the one JSON document a schedule is edited as, parsed and validated
// completely (spec, action, policies, state) before anything is sent, and rendered back from a
// described schedule. No calls to the server here; schedules.ts makes them.
import type {
  JsonValue,
  PayloadView,
  ScheduleActionInput,
  ScheduleActionResultView,
  ScheduleDocument,
  ScheduleOverlapPolicyName,
  SchedulePoliciesInput,
  ScheduleStateInput,
} from '../../../../shared/src/protocol';
import type { Payload } from '../../temporal/gen/temporal/api/common/v1/message_pb.js';
import {
  ScheduleOverlapPolicy,
  ScheduleOverlapPolicySchema,
} from '../../temporal/gen/temporal/api/enums/v1/schedule_pb.js';
import { WorkflowExecutionStatus } from '../../temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import type {
  ScheduleActionResult,
  SchedulePolicies,
  ScheduleState,
} from '../../temporal/gen/temporal/api/schedule/v1/message_pb.js';
import type { NewWorkflowExecutionInfo } from '../../temporal/gen/temporal/api/workflow/v1/message_pb.js';
import type { DescribeScheduleResponse } from '../../temporal/gen/temporal/api/workflowservice/v1/request_response_pb.js';
import { WorkbenchError } from '../../errors';
import { payloadToDisplay } from '../../payloads/display';
import type { PayloadDecoder } from '../../payloads/decoder';
import { memoFields, searchAttributeFields } from '../../payloads/encode';
import { checkJson, JsonSyntaxError } from '../../payloads/jsonInput';
import type { Target, Workbench } from '../../workbench';
import {
  decoderFor,
  durationSeconds,
  enumName,
  enumValue,
  isoTime,
  parseDurationSeconds,
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
  secondsDuration,
  specFromInput,
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
  const input =
    a.input === undefined || typeof a.input === 'string' ? a.input : JSON.stringify(a.input);
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

export function overlapPolicy(name: unknown, field: string): ScheduleOverlapPolicy {
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
export async function renderDocument(
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

export function actionResultView(r: ScheduleActionResult): ScheduleActionResultView {
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
