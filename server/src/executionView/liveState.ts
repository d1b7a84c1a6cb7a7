// Pending work, the `__stack_trace` query and "why is it not moving?" for a running execution,
// from facts the server already has: describe, the task queue's pollers, the events read so
// far, and which workspace worker registers the workflow type.
import type {
  ExecutionLiveState,
  ExecutionModel,
  FailureView,
  NotMovingReason,
  StackFrameView,
  TaskQueueDescription,
  WorkflowDescription,
  WorkflowRefParams,
} from '../../../shared/src/protocol';
import type { ExecutionReads } from './reads';

/** Where the code of the execution is: which workspace worker registers its type. */
export interface WorkspaceFacts {
  workersFor(workflowType: string): { file: string; taskQueue?: string }[];
  resolveStackTrace(text: string): StackFrameView[];
}

/** A stuck worker would make the query wait for the server's whole deadline. */
const STACK_TRACE_TIMEOUT_MS = 5_000;

export async function executionLiveState(
  reads: ExecutionReads,
  ref: WorkflowRefParams,
  model: ExecutionModel | undefined,
  lastWorkflowTaskFailure: { eventId: number; failure?: FailureView; cause?: string } | undefined,
  workspace: WorkspaceFacts,
  signal?: AbortSignal,
): Promise<ExecutionLiveState> {
  const description = await reads.describe(ref, signal);
  const state: ExecutionLiveState = { description, reasons: [] };
  if (description.status !== 'Running') return state;
  let queue: TaskQueueDescription | undefined;
  try {
    if (reads.has.taskQueues) queue = await reads.taskQueue(description.taskQueue, signal);
  } catch {
    // Without pollers facts the other reasons still stand.
  }
  state.reasons = notMovingReasons(description, queue, model, lastWorkflowTaskFailure, workspace);
  // An engine without queries (duroxide) has no stack trace to ask for: no section, no error.
  if (!reads.has.queries) return state;
  if (queue && queue.workflow.pollers.length === 0) {
    state.stackTraceError = `No worker polls task queue '${description.taskQueue}', so none can answer the stack trace query.`;
    return state;
  }
  const timeout = AbortSignal.timeout(STACK_TRACE_TIMEOUT_MS);
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const res = await reads.query(
      { workflowId: description.workflowId, runId: description.runId },
      '__stack_trace',
      both,
    );
    const value = res.result?.[0]?.value;
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    state.stackTrace = { text, frames: workspace.resolveStackTrace(text) };
  } catch (err) {
    state.stackTraceError = timeout.aborted
      ? `The worker did not answer the stack trace query within ${STACK_TRACE_TIMEOUT_MS / 1000} s.`
      : (err as Error).message;
  }
  return state;
}

export function notMovingReasons(
  d: WorkflowDescription,
  queue: TaskQueueDescription | undefined,
  model: ExecutionModel | undefined,
  wftFailure: { eventId: number; failure?: FailureView; cause?: string } | undefined,
  workspace: WorkspaceFacts,
): NotMovingReason[] {
  const reasons: NotMovingReason[] = [];
  const workflowSource = { kind: 'workflow' as const, name: d.workflowType };
  if (queue && queue.workflow.pollers.length === 0) {
    const workers = workspace.workersFor(d.workflowType);
    const where = workers.length
      ? ` The workspace worker in ${workers.map((w) => w.file).join(', ')} registers '${d.workflowType}'${workers[0].taskQueue ? ` on '${workers[0].taskQueue}'` : ''}: start it.`
      : ` No workspace worker registers '${d.workflowType}'.`;
    reasons.push({
      kind: 'noPollers',
      message: `No worker polls task queue '${d.taskQueue}'.${where}`,
      source: workflowSource,
    });
  }
  const wft = d.pendingWorkflowTask;
  if (wft && wft.attempt > 1) {
    const nondeterminism =
      /NON_DETERMINISTIC/.test(wftFailure?.cause ?? '') ||
      /nondetermin/i.test(wftFailure?.failure?.message ?? '');
    reasons.push({
      kind: 'workflowTaskFailing',
      message: `The workflow task has failed ${wft.attempt - 1} time(s)${nondeterminism ? ' with a nondeterminism error: the code no longer matches the history' : ''}${wftFailure?.failure ? `: ${wftFailure.failure.message}` : ''}.`,
      source: workflowSource,
      ...(wftFailure ? { eventId: wftFailure.eventId } : {}),
      ...(wftFailure?.failure ? { failure: wftFailure.failure } : {}),
    });
  }
  for (const a of d.pendingActivities) {
    if (a.attempt <= 1 && !a.lastFailure) continue;
    const max = a.maximumAttempts ? ` of ${a.maximumAttempts}` : '';
    const next =
      a.state === 'Scheduled' && a.scheduledTime ? `, next attempt at ${a.scheduledTime}` : '';
    reasons.push({
      kind: 'activityRetrying',
      message: `Activity '${a.activityType}' (id ${a.activityId}) is retrying: attempt ${a.attempt}${max}${next}${a.lastFailure ? `; last failure: ${a.lastFailure.message}` : ''}.`,
      source: { kind: 'activity', name: a.activityType },
      ...(a.lastFailure ? { failure: a.lastFailure } : {}),
    });
  }
  for (const g of model?.groups ?? []) {
    if (!g.open) continue;
    if (g.kind === 'timer') {
      reasons.push({
        kind: 'timer',
        message: `Waiting on timer ${g.name}${g.detail ? ` (${g.detail})` : ''}.`,
        source: workflowSource,
        eventId: g.id,
      });
    } else if (g.kind === 'nexus') {
      reasons.push({
        kind: 'pendingNexus',
        message: `Waiting on Nexus operation ${g.name}.`,
        source: workflowSource,
        eventId: g.id,
      });
    }
  }
  for (const c of d.pendingChildren) {
    reasons.push({
      kind: 'pendingChild',
      message: `Waiting on child workflow '${c.workflowType}' (${c.workflowId}).`,
      source: { kind: 'workflow', name: c.workflowType },
      eventId: c.initiatedEventId,
    });
  }
  if (!reasons.length && !wft && d.pendingActivities.length === 0) {
    reasons.push({
      kind: 'waiting',
      message: `Nothing is scheduled: the workflow waits for a signal, an update or a condition in its code.`,
      source: workflowSource,
    });
  }
  return reasons;
}
