// Workflow lifecycle: start (all SDK options, signal-with-start), execute, result, signal,
// query, cancel, terminate, reset, delete. Inputs are validated before anything is sent.
import { randomUUID } from 'node:crypto';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  CancelWorkflowParams,
  ExecuteWorkflowResult,
  GetWorkflowResultParams,
  QueryWorkflowParams,
  QueryWorkflowResult,
  ResetWorkflowParams,
  SignalWorkflowParams,
  StartWorkflowParams,
  StartWorkflowResult,
  TerminateWorkflowParams,
  WorkflowOutcome,
  WorkflowRefParams,
} from '../../../../shared/src/protocol';
import { EventType } from '../../temporal/gen/temporal/api/enums/v1/event_type_pb.js';
import { QueryRejectConditionSchema } from '../../temporal/gen/temporal/api/enums/v1/query_pb.js';
import { ResetReapplyExcludeType } from '../../temporal/gen/temporal/api/enums/v1/reset_pb.js';
import {
  WorkflowIdConflictPolicySchema,
  WorkflowIdReusePolicySchema,
} from '../../temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import type {
  StartWorkflowExecutionRequest,
  StartWorkflowExecutionRequestSchema,
} from '../../temporal/gen/temporal/api/workflowservice/v1/request_response_pb.js';
import { WorkbenchError } from '../../errors';
import {
  inputPayloads,
  memoFields,
  searchAttributeFields,
  textPayload,
} from '../../payloads/encode';
import type { Target, Workbench } from '../../workbench';
import { decoderFor, durationInput, enumValue, read, required, write } from './common';
import { closeEvent, nextRunId, outcomeOf } from './outcomes';
import { describeWorkflow, executionStatus, searchAttributeTypes } from './visibility';

/** The plain-object form of a start request (not a created message). */
export type StartRequestInit = Exclude<
  MessageInitShape<typeof StartWorkflowExecutionRequestSchema>,
  StartWorkflowExecutionRequest
>;

/** Validates the parameters and builds the StartWorkflowExecution request (nothing is sent). */
export async function startRequest(
  wb: Workbench,
  target: Target,
  p: StartWorkflowParams,
  signal?: AbortSignal,
): Promise<StartRequestInit> {
  required(p.workflowType, 'workflowType');
  required(p.taskQueue, 'taskQueue');
  const input = inputPayloads(p.input, 'input');
  const retry = p.retryPolicy;
  const request: StartRequestInit = {
    namespace: target.namespace,
    workflowId: p.workflowId?.trim() || randomUUID(),
    workflowType: { name: p.workflowType },
    taskQueue: { name: p.taskQueue },
    input,
    workflowExecutionTimeout: durationInput(p.executionTimeout, 'executionTimeout'),
    workflowRunTimeout: durationInput(p.runTimeout, 'runTimeout'),
    workflowTaskTimeout: durationInput(p.taskTimeout, 'taskTimeout'),
    identity: target.connection.identity,
    requestId: p.requestId || randomUUID(),
    cronSchedule: p.cronSchedule ?? '',
    workflowStartDelay: durationInput(p.startDelay, 'startDelay'),
  };
  if (p.idReusePolicy) {
    request.workflowIdReusePolicy = enumValue(
      WorkflowIdReusePolicySchema,
      p.idReusePolicy,
      'idReusePolicy',
    );
  }
  if (p.idConflictPolicy) {
    request.workflowIdConflictPolicy = enumValue(
      WorkflowIdConflictPolicySchema,
      p.idConflictPolicy,
      'idConflictPolicy',
    );
  }
  if (retry) {
    request.retryPolicy = {
      initialInterval: durationInput(retry.initialInterval, 'retryPolicy.initialInterval'),
      backoffCoefficient: retry.backoffCoefficient ?? 0,
      maximumInterval: durationInput(retry.maximumInterval, 'retryPolicy.maximumInterval'),
      maximumAttempts: retry.maximumAttempts ?? 0,
      nonRetryableErrorTypes: retry.nonRetryableErrorTypes ?? [],
    };
  }
  const memo = memoFields(p.memo);
  if (memo) request.memo = { fields: memo };
  if (p.searchAttributes && Object.keys(p.searchAttributes).length) {
    const types = await searchAttributeTypes(wb, target, signal);
    request.searchAttributes = { indexedFields: searchAttributeFields(p.searchAttributes, types) };
  }
  if (p.staticSummary || p.staticDetails) {
    request.userMetadata = {
      summary: textPayload(p.staticSummary),
      details: textPayload(p.staticDetails),
    };
  }
  if (p.priority) request.priority = { ...p.priority };
  return request;
}

/**
 * The server says "already running" or "already finished" (reuse policy) with ALREADY_EXISTS;
 * the SDKs report both as WorkflowExecutionAlreadyStarted, and so do we.
 */
export function alreadyStarted(err: unknown): never {
  if (err instanceof WorkbenchError && err.kind === 'AlreadyExists') {
    throw new WorkbenchError('AlreadyStarted', err.message, err.data);
  }
  throw err;
}

export async function startWorkflow(
  wb: Workbench,
  target: Target,
  p: StartWorkflowParams,
  signal?: AbortSignal,
): Promise<StartWorkflowResult> {
  wb.assertWritable(target);
  const request = await startRequest(wb, target, p, signal);
  const workflowId = request.workflowId!;
  if (p.signal) {
    required(p.signal.name, 'signal.name');
    const signalInput = inputPayloads(p.signal.input, 'signal.input');
    const res = await write(wb, target, (c) =>
      c.workflow.signalWithStartWorkflowExecution(
        { ...request, signalName: p.signal!.name, signalInput },
        { signal },
      ),
    ).catch(alreadyStarted);
    return { workflowId, runId: res.runId, started: res.started, namespace: target.namespace };
  }
  const res = await write(wb, target, (c) =>
    c.workflow.startWorkflowExecution(request, { signal }),
  ).catch(alreadyStarted);
  return { workflowId, runId: res.runId, started: res.started, namespace: target.namespace };
}

export async function executeWorkflow(
  wb: Workbench,
  target: Target,
  p: StartWorkflowParams,
  signal?: AbortSignal,
): Promise<ExecuteWorkflowResult> {
  const started = await startWorkflow(wb, target, p, signal);
  const outcome = await workflowOutcome(
    wb,
    target,
    started.workflowId,
    started.runId,
    { wait: true, followRuns: true },
    signal,
  );
  return { ...started, outcome };
}

export function getWorkflowResult(
  wb: Workbench,
  target: Target,
  p: GetWorkflowResultParams,
  signal?: AbortSignal,
): Promise<WorkflowOutcome> {
  required(p.workflowId, 'workflowId');
  return workflowOutcome(
    wb,
    target,
    p.workflowId,
    p.runId,
    { wait: p.wait ?? true, followRuns: p.followRuns ?? true },
    signal,
  );
}

/** Waits (long-poll) for the close event of a run, following new runs when asked. */
export async function workflowOutcome(
  wb: Workbench,
  target: Target,
  workflowId: string,
  runId: string | undefined,
  options: { wait: boolean; followRuns: boolean },
  signal?: AbortSignal,
): Promise<WorkflowOutcome> {
  // The run id names the outcome; without one, the latest run is meant.
  let run = runId ?? '';
  for (let hops = 0; ; hops++) {
    if (!run || !options.wait) {
      // Asking for the close event of an open run blocks even without waitNewEvent: look first.
      const d = await describeWorkflow(wb, target, { workflowId, runId: run }, signal);
      run = d.runId;
      if (!options.wait && d.status === 'Running')
        return { status: 'Running', workflowId, runId: run };
    }
    const event = await closeEvent(wb, target, workflowId, run, signal);
    const next = nextRunId(event);
    if (next && options.followRuns && hops < 10_000) {
      run = next;
      continue;
    }
    return outcomeOf(target, workflowId, run, event, signal);
  }
}

function execution(p: WorkflowRefParams) {
  required(p.workflowId, 'workflowId');
  return { workflowId: p.workflowId, runId: p.runId ?? '' };
}

export async function signalWorkflow(
  wb: Workbench,
  target: Target,
  p: SignalWorkflowParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const workflowExecution = execution(p);
  required(p.signalName, 'signalName');
  const input = inputPayloads(p.input, 'input');
  await write(wb, target, (c) =>
    c.workflow.signalWorkflowExecution(
      {
        namespace: target.namespace,
        workflowExecution,
        signalName: p.signalName,
        input,
        identity: target.connection.identity,
        requestId: p.requestId || randomUUID(),
      },
      { signal },
    ),
  );
  return { ok: true };
}

export async function queryWorkflow(
  wb: Workbench,
  target: Target,
  p: QueryWorkflowParams,
  signal?: AbortSignal,
): Promise<QueryWorkflowResult> {
  const ex = execution(p);
  required(p.queryType, 'queryType');
  const queryArgs = inputPayloads(p.input, 'input');
  const queryRejectCondition = p.rejectCondition
    ? enumValue(QueryRejectConditionSchema, p.rejectCondition, 'rejectCondition')
    : undefined;
  let res;
  try {
    res = await read(
      wb,
      target,
      (c) =>
        c.workflow.queryWorkflow(
          {
            namespace: target.namespace,
            execution: ex,
            query: { queryType: p.queryType, queryArgs },
            queryRejectCondition,
          },
          { signal },
        ),
      signal,
    );
  } catch (err) {
    // The worker's own words (unknown query name, handler exception) come back as InvalidArgument.
    if (err instanceof WorkbenchError && err.data.grpcStatus === 'INVALID_ARGUMENT') {
      throw new WorkbenchError(
        err.kind,
        `Query '${p.queryType}' on workflow '${p.workflowId}' failed: ${err.message}`,
        err.data,
      );
    }
    throw err;
  }
  if (res.queryRejected) return { rejectedStatus: executionStatus(res.queryRejected.status) };
  const decoder = decoderFor(target, signal);
  return { result: await decoder.views(res.queryResult?.payloads ?? []) };
}

export async function cancelWorkflow(
  wb: Workbench,
  target: Target,
  p: CancelWorkflowParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  const workflowExecution = execution(p);
  await write(wb, target, (c) =>
    c.workflow.requestCancelWorkflowExecution(
      {
        namespace: target.namespace,
        workflowExecution,
        identity: target.connection.identity,
        requestId: p.requestId || randomUUID(),
        reason: p.reason ?? '',
      },
      { signal },
    ),
  );
  return { ok: true };
}

export async function terminateWorkflow(
  wb: Workbench,
  target: Target,
  p: TerminateWorkflowParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const workflowExecution = execution(p);
  const details = inputPayloads(p.details, 'details');
  await write(wb, target, (c) =>
    c.workflow.terminateWorkflowExecution(
      {
        namespace: target.namespace,
        workflowExecution,
        reason: p.reason ?? '',
        details,
        identity: target.connection.identity,
      },
      { signal },
    ),
  );
  return { ok: true };
}

export async function resetWorkflow(
  wb: Workbench,
  target: Target,
  p: ResetWorkflowParams,
  signal?: AbortSignal,
): Promise<{ runId: string; resetEventId: number }> {
  wb.assertWritable(target);
  const ex = execution(p);
  required(p.reason, 'reason');
  // Resolve the run first so the event id and the reset refer to the same run.
  const runId =
    ex.runId || (await describeWorkflow(wb, target, { workflowId: ex.workflowId }, signal)).runId;
  const eventId =
    typeof p.to === 'object'
      ? p.to.eventId
      : await workflowTaskEventId(wb, target, ex.workflowId, runId, p.to, signal);
  if (!Number.isSafeInteger(eventId) || eventId <= 0) {
    throw new WorkbenchError(
      'InvalidInput',
      `Reset event id must be a positive integer, got ${eventId}`,
    );
  }
  const res = await write(wb, target, (c) =>
    c.workflow.resetWorkflowExecution(
      {
        namespace: target.namespace,
        workflowExecution: { workflowId: ex.workflowId, runId },
        reason: p.reason,
        workflowTaskFinishEventId: BigInt(eventId),
        requestId: p.requestId || randomUUID(),
        resetReapplyExcludeTypes:
          p.reapplySignals === false ? [ResetReapplyExcludeType.SIGNAL] : [],
        identity: target.connection.identity,
      },
      { signal },
    ),
  );
  return { runId: res.runId, resetEventId: eventId };
}

/**
 * The event to reset to for first/last workflow task, as the CLI picks it: a completed workflow
 * task, else the task started after the first scheduled one.
 */
async function workflowTaskEventId(
  wb: Workbench,
  target: Target,
  workflowId: string,
  runId: string,
  which: 'FirstWorkflowTask' | 'LastWorkflowTask',
  signal?: AbortSignal,
): Promise<number> {
  let first: number | undefined;
  let last: number | undefined;
  let fallback: number | undefined;
  let token: Uint8Array = new Uint8Array();
  do {
    const res = await read(
      wb,
      target,
      (c) =>
        c.workflow.getWorkflowExecutionHistory(
          { namespace: target.namespace, execution: { workflowId, runId }, nextPageToken: token },
          { signal },
        ),
      signal,
    );
    for (const e of res.history?.events ?? []) {
      if (e.eventType === EventType.WORKFLOW_TASK_COMPLETED) {
        first ??= Number(e.eventId);
        last = Number(e.eventId);
      } else if (e.eventType === EventType.WORKFLOW_TASK_SCHEDULED) {
        fallback ??= Number(e.eventId) + 1;
      }
    }
    if (which === 'FirstWorkflowTask' && first !== undefined) break;
    token = res.nextPageToken;
  } while (token.length);
  const id = (which === 'FirstWorkflowTask' ? first : last) ?? fallback;
  if (id === undefined) {
    throw new WorkbenchError(
      'FailedPrecondition',
      `Workflow '${workflowId}' run ${runId} has no workflow task to reset to`,
    );
  }
  return id;
}

export async function deleteWorkflow(
  wb: Workbench,
  target: Target,
  p: WorkflowRefParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  const workflowExecution = execution(p);
  await write(wb, target, (c) =>
    c.workflow.deleteWorkflowExecution(
      { namespace: target.namespace, workflowExecution },
      { signal },
    ),
  );
  return { ok: true };
}
