// Reads about executions: describe, history pages, runs of one id, list/count by visibility
// query, search attributes and task queues. All reads retry on Unavailable.
import { quoteQueryString } from '../../../../shared/src/visibilityQuery';
import type {
  CountWorkflowsParams,
  CountWorkflowsResult,
  DescribeTaskQueueParams,
  ExecutionStatus,
  ExecutionSummary,
  GetWorkflowHistoryParams,
  GetWorkflowHistoryResult,
  ListWorkflowRunsParams,
  ListWorkflowsParams,
  ListWorkflowsResult,
  PayloadView,
  PendingActivityView,
  SearchAttributesResult,
  TaskQueueDescription,
  TaskQueueTypeView,
  WorkflowDescription,
  WorkflowRefParams,
} from '../../../../shared/src/protocol';
import type { Payload } from '../../temporal/gen/temporal/api/common/v1/message_pb.js';
import { IndexedValueTypeSchema } from '../../temporal/gen/temporal/api/enums/v1/common_pb.js';
import { TaskQueueType } from '../../temporal/gen/temporal/api/enums/v1/task_queue_pb.js';
import {
  HistoryEventFilterType,
  ParentClosePolicySchema,
  PendingActivityStateSchema,
  PendingWorkflowTaskStateSchema,
  WorkflowExecutionStatus,
  WorkflowExecutionStatusSchema,
} from '../../temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import type { WorkflowExecutionInfo } from '../../temporal/gen/temporal/api/workflow/v1/message_pb.js';
import { payloadToDisplay } from '../../payloads/display';
import type { PayloadDecoder } from '../../payloads/decoder';
import type { Target, Workbench } from '../../workbench';
import {
  decoderFor,
  durationSeconds,
  durationText,
  enumName,
  fromBase64,
  isoTime,
  read,
  required,
  toBase64,
} from './common';
import { failureView } from './failures';
import { pollRead } from './longPoll';
import { eventViews } from './history';
import { parseSliceToken, RawPageCache, slicePage } from './historyPages';
import { closeEvent, outcomeOf } from './outcomes';

export function executionStatus(status: WorkflowExecutionStatus): ExecutionStatus {
  return enumName(WorkflowExecutionStatusSchema, status) as ExecutionStatus;
}

/** Search attributes never go through a codec (the server must index them): decode locally. */
function searchAttributeViews(
  fields: { [key: string]: Payload } | undefined,
): Record<string, PayloadView> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, p]) => [k, payloadToDisplay(p)]));
}

function payloadMap(
  fields: { [key: string]: Payload } | undefined,
  decoder: PayloadDecoder,
): Record<string, PayloadView> {
  const out: Record<string, PayloadView> = {};
  for (const [k, p] of Object.entries(fields ?? {})) decoder.add(p, (v) => (out[k] = v));
  return out;
}

function userMetadataText(view: PayloadView | undefined): string | undefined {
  if (!view) return undefined;
  return typeof view.value === 'string'
    ? view.value
    : view.value !== undefined
      ? JSON.stringify(view.value)
      : undefined;
}

export async function describeWorkflow(
  wb: Workbench,
  target: Target,
  p: WorkflowRefParams,
  signal?: AbortSignal,
): Promise<WorkflowDescription> {
  required(p.workflowId, 'workflowId');
  const res = await read(
    wb,
    target,
    (c) =>
      c.workflow.describeWorkflowExecution(
        {
          namespace: target.namespace,
          execution: { workflowId: p.workflowId, runId: p.runId ?? '' },
        },
        { signal },
      ),
    signal,
  );
  const info = res.workflowExecutionInfo;
  const config = res.executionConfig;
  const decoder = decoderFor(target, signal);
  const d: WorkflowDescription = {
    workflowId: info?.execution?.workflowId ?? p.workflowId,
    runId: info?.execution?.runId ?? '',
    workflowType: info?.type?.name ?? '',
    taskQueue: info?.taskQueue || config?.taskQueue?.name || '',
    status: executionStatus(info?.status ?? WorkflowExecutionStatus.UNSPECIFIED),
    historyLength: Number(info?.historyLength ?? 0),
    historySizeBytes: Number(info?.historySizeBytes ?? 0),
    memo: payloadMap(info?.memo?.fields, decoder),
    searchAttributes: searchAttributeViews(info?.searchAttributes?.indexedFields),
    pendingActivities: [],
    pendingChildren: res.pendingChildren.map((c) => ({
      workflowId: c.workflowId,
      runId: c.runId,
      workflowType: c.workflowTypeName,
      initiatedEventId: Number(c.initiatedId),
      parentClosePolicy: enumName(ParentClosePolicySchema, c.parentClosePolicy),
    })),
  };
  const set = <K extends keyof WorkflowDescription>(
    key: K,
    value: WorkflowDescription[K] | undefined | '',
  ) => {
    if (value !== undefined && value !== '') d[key] = value as WorkflowDescription[K];
  };
  set('startTime', isoTime(info?.startTime));
  set('executionTime', isoTime(info?.executionTime));
  set('closeTime', isoTime(info?.closeTime));
  set('executionDurationSeconds', durationSeconds(info?.executionDuration));
  set('firstRunId', info?.firstRunId);
  if (info?.parentExecution?.workflowId) {
    d.parent = { workflowId: info.parentExecution.workflowId, runId: info.parentExecution.runId };
  }
  if (info?.rootExecution?.workflowId) {
    d.root = { workflowId: info.rootExecution.workflowId, runId: info.rootExecution.runId };
  }
  set('executionTimeout', nonZero(config?.workflowExecutionTimeout));
  set('runTimeout', nonZero(config?.workflowRunTimeout));
  set('taskTimeout', nonZero(config?.defaultWorkflowTaskTimeout));
  const priority = info?.priority;
  if (priority && (priority.priorityKey || priority.fairnessKey || priority.fairnessWeight)) {
    d.priority = {};
    if (priority.priorityKey) d.priority.priorityKey = priority.priorityKey;
    if (priority.fairnessKey) d.priority.fairnessKey = priority.fairnessKey;
    if (priority.fairnessWeight) d.priority.fairnessWeight = priority.fairnessWeight;
  }
  if (res.workflowExtendedInfo?.cancelRequested) d.cancelRequested = true;
  const metadata = config?.userMetadata;
  if (metadata?.summary)
    decoder.add(metadata.summary, (v) => set('staticSummary', userMetadataText(v)));
  if (metadata?.details)
    decoder.add(metadata.details, (v) => set('staticDetails', userMetadataText(v)));
  d.pendingActivities = res.pendingActivities.map((a) => {
    const view: PendingActivityView = {
      activityId: a.activityId,
      activityType: a.activityType?.name ?? '',
      state: enumName(PendingActivityStateSchema, a.state),
      attempt: a.attempt,
      maximumAttempts: a.maximumAttempts,
    };
    const times = {
      scheduledTime: isoTime(a.scheduledTime),
      lastStartedTime: isoTime(a.lastStartedTime),
      lastHeartbeatTime: isoTime(a.lastHeartbeatTime),
      expirationTime: isoTime(a.expirationTime),
    };
    for (const [k, v] of Object.entries(times)) if (v) view[k as keyof typeof times] = v;
    if (a.heartbeatDetails?.payloads.length)
      decoder.addAll(a.heartbeatDetails.payloads, (v) => (view.heartbeatDetails = v));
    if (a.lastFailure) view.lastFailure = failureView(a.lastFailure, decoder);
    if (a.lastWorkerIdentity) view.lastWorkerIdentity = a.lastWorkerIdentity;
    return view;
  });
  const wft = res.pendingWorkflowTask;
  if (wft) {
    d.pendingWorkflowTask = {
      state: enumName(PendingWorkflowTaskStateSchema, wft.state),
      attempt: wft.attempt,
      ...(isoTime(wft.scheduledTime) ? { scheduledTime: isoTime(wft.scheduledTime) } : {}),
      ...(isoTime(wft.startedTime) ? { startedTime: isoTime(wft.startedTime) } : {}),
    };
  }
  await decoder.flush();
  if (d.status !== 'Running' && d.status !== 'Unspecified' && d.status !== 'Paused' && d.runId) {
    // A closed run's close event is there already: the long poll answers at once.
    const event = await closeEvent(wb, target, d.workflowId, d.runId, signal);
    d.outcome = await outcomeOf(target, d.workflowId, d.runId, event, signal);
  }
  return d;
}

function nonZero(d: Parameters<typeof durationText>[0]): string | undefined {
  return d && (d.seconds || d.nanos) ? durationText(d) : undefined;
}

const historyPages = new RawPageCache();

/**
 * One page of history, at most `pageSize` events (see historyPages.ts: Temporal's own pages can
 * hold far more). A slice token continues a Temporal page already read; other reads ask Temporal.
 */
export async function getWorkflowHistory(
  wb: Workbench,
  target: Target,
  p: GetWorkflowHistoryParams,
  signal?: AbortSignal,
): Promise<GetWorkflowHistoryResult> {
  required(p.workflowId, 'workflowId');
  const slice = parseSliceToken(p.nextPageToken);
  const pageToken = slice ? slice.pageToken : (p.nextPageToken ?? '');
  const key = [target.profile.id, target.namespace, p.workflowId, p.runId ?? '', pageToken].join(
    '\n',
  );
  let page = slice ? historyPages.get(key) : undefined;
  if (!page) {
    const request = {
      namespace: target.namespace,
      execution: { workflowId: p.workflowId, runId: p.runId ?? '' },
      maximumPageSize: p.pageSize ?? 0,
      nextPageToken: fromBase64(pageToken),
      waitNewEvent: p.follow ?? false,
      historyEventFilterType: HistoryEventFilterType.ALL_EVENT,
    };
    const res = await pollRead(
      wb,
      target,
      (c, options) => c.workflow.getWorkflowExecutionHistory(request, options),
      { longPoll: p.follow ?? false, signal },
    );
    // A long poll that saw nothing new: same token, no events; the caller polls again.
    if (!res) return { events: [], nextPageToken: p.nextPageToken };
    page = { events: res.history?.events ?? [], nextPageToken: toBase64(res.nextPageToken) };
    // Following reads take what comes: they are never drawn in one piece.
    if (!p.follow) historyPages.set(key, page);
  }
  const part = slicePage(page, pageToken, slice?.skip ?? 0, p.follow ? 0 : (p.pageSize ?? 0));
  const decoder = decoderFor(target, signal);
  const events = eventViews(part.events, decoder);
  await decoder.flush();
  return part.nextPageToken ? { events, nextPageToken: part.nextPageToken } : { events };
}

export function executionSummary(info: WorkflowExecutionInfo): ExecutionSummary {
  const s: ExecutionSummary = {
    workflowId: info.execution?.workflowId ?? '',
    runId: info.execution?.runId ?? '',
    workflowType: info.type?.name ?? '',
    status: executionStatus(info.status),
    taskQueue: info.taskQueue,
    historyLength: Number(info.historyLength),
    searchAttributes: searchAttributeViews(info.searchAttributes?.indexedFields),
  };
  const start = isoTime(info.startTime);
  const exec = isoTime(info.executionTime);
  const close = isoTime(info.closeTime);
  if (start) s.startTime = start;
  if (exec) s.executionTime = exec;
  if (close) s.closeTime = close;
  if (info.parentExecution?.workflowId) s.parentWorkflowId = info.parentExecution.workflowId;
  return s;
}

export async function listWorkflows(
  wb: Workbench,
  target: Target,
  p: ListWorkflowsParams,
  signal?: AbortSignal,
): Promise<ListWorkflowsResult> {
  const res = await read(
    wb,
    target,
    (c) =>
      c.workflow.listWorkflowExecutions(
        {
          namespace: target.namespace,
          query: p.query ?? '',
          pageSize: p.pageSize ?? 100,
          nextPageToken: fromBase64(p.nextPageToken),
        },
        { signal },
      ),
    signal,
  );
  const token = toBase64(res.nextPageToken);
  const executions = res.executions.map(executionSummary);
  if (p.checkWorkflowTasks) await markFailingWorkflowTasks(wb, target, executions, signal);
  return token ? { executions, nextPageToken: token } : { executions };
}

/** How many running executions of a page are checked for a failing workflow task. */
const workflowTaskChecks = 20;

/**
 * A run whose workflow task fails (unknown type, non-determinism, a bug in workflow code) still
 * says Running: its pending workflow task's attempt count and the last WorkflowTaskFailed event
 * tell. Failing to read them leaves the execution unmarked.
 */
async function markFailingWorkflowTasks(
  wb: Workbench,
  target: Target,
  executions: ExecutionSummary[],
  signal?: AbortSignal,
): Promise<void> {
  const running = executions.filter((e) => e.status === 'Running').slice(0, workflowTaskChecks);
  await Promise.all(
    running.map(async (e) => {
      const execution = { workflowId: e.workflowId, runId: e.runId };
      const d = await read(
        wb,
        target,
        (c) =>
          c.workflow.describeWorkflowExecution(
            { namespace: target.namespace, execution },
            { signal },
          ),
        signal,
      ).catch(() => undefined);
      const attempt = d?.pendingWorkflowTask?.attempt ?? 0;
      if (attempt < 2) return;
      const history = await read(
        wb,
        target,
        (c) =>
          c.workflow.getWorkflowExecutionHistoryReverse(
            { namespace: target.namespace, execution, maximumPageSize: 20 },
            { signal },
          ),
        signal,
      ).catch(() => undefined);
      const failed = history?.history?.events.find(
        (ev) => ev.attributes.case === 'workflowTaskFailedEventAttributes',
      );
      const attrs =
        failed?.attributes.case === 'workflowTaskFailedEventAttributes'
          ? failed.attributes.value
          : undefined;
      e.workflowTaskFailing = {
        attempt,
        message: attrs?.failure?.message || 'the workflow task fails',
      };
    }),
  );
}

export function listWorkflowRuns(
  wb: Workbench,
  target: Target,
  p: ListWorkflowRunsParams,
  signal?: AbortSignal,
): Promise<ListWorkflowsResult> {
  required(p.workflowId, 'workflowId');
  return listWorkflows(
    wb,
    target,
    {
      query: `WorkflowId = ${quoteQueryString(p.workflowId)}`,
      pageSize: p.pageSize,
      nextPageToken: p.nextPageToken,
    },
    signal,
  );
}

export async function countWorkflows(
  wb: Workbench,
  target: Target,
  p: CountWorkflowsParams,
  signal?: AbortSignal,
): Promise<CountWorkflowsResult> {
  const base = (p.query ?? '').trim();
  const query = p.groupByStatus ? `${base} GROUP BY ExecutionStatus`.trim() : base;
  const res = await read(
    wb,
    target,
    (c) => c.workflow.countWorkflowExecutions({ namespace: target.namespace, query }, { signal }),
    signal,
  );
  const result: CountWorkflowsResult = { count: Number(res.count) };
  if (p.groupByStatus) {
    result.groups = res.groups.map((g) => {
      const value = g.groupValues[0] ? payloadToDisplay(g.groupValues[0]).value : undefined;
      return {
        status: typeof value === 'string' ? value : JSON.stringify(value ?? null),
        count: Number(g.count),
      };
    });
  }
  return result;
}

export async function listSearchAttributes(
  wb: Workbench,
  target: Target,
  signal?: AbortSignal,
): Promise<SearchAttributesResult> {
  const res = await read(
    wb,
    target,
    (c) => c.operator.listSearchAttributes({ namespace: target.namespace }, { signal }),
    signal,
  );
  const names = (m: { [k: string]: number }) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, enumName(IndexedValueTypeSchema, v)]));
  return { custom: names(res.customAttributes), system: names(res.systemAttributes) };
}

export async function describeTaskQueue(
  wb: Workbench,
  target: Target,
  p: DescribeTaskQueueParams,
  signal?: AbortSignal,
): Promise<TaskQueueDescription> {
  required(p.taskQueue, 'taskQueue');
  const one = async (taskQueueType: TaskQueueType): Promise<TaskQueueTypeView> => {
    const res = await read(
      wb,
      target,
      (c) =>
        c.workflow.describeTaskQueue(
          {
            namespace: target.namespace,
            taskQueue: { name: p.taskQueue },
            taskQueueType,
            reportStats: true,
          },
          { signal },
        ),
      signal,
    );
    const view: TaskQueueTypeView = {
      pollers: res.pollers.map((poller) => ({
        identity: poller.identity,
        ...(isoTime(poller.lastAccessTime)
          ? { lastAccessTime: isoTime(poller.lastAccessTime) }
          : {}),
        ...(poller.ratePerSecond ? { ratePerSecond: poller.ratePerSecond } : {}),
      })),
    };
    if (res.stats) {
      view.backlog = {
        count: Number(res.stats.approximateBacklogCount),
        ageSeconds: durationSeconds(res.stats.approximateBacklogAge) ?? 0,
        addRate: res.stats.tasksAddRate,
        dispatchRate: res.stats.tasksDispatchRate,
      };
    }
    return view;
  };
  const [workflow, activity] = await Promise.all([
    one(TaskQueueType.WORKFLOW),
    one(TaskQueueType.ACTIVITY),
  ]);
  return { name: p.taskQueue, workflow, activity };
}

/** name -> type of every search attribute (custom and system) of the namespace. */
export async function searchAttributeTypes(
  wb: Workbench,
  target: Target,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const { custom, system } = await listSearchAttributes(wb, target, signal);
  return { ...system, ...custom };
}
