// "Why is it not moving?" on the live lens: the task queues of a type's running executions that
// no worker polls. Read in the background with the lens counts (one list of the newest running
// executions and one describe per task queue among them), at most every STALL_CHECK_MS while
// the type has running executions; a lens, its tooltip and the hover only read the cache.
import { quoteQueryString } from '../../../shared/src/visibilityQuery';
import type { Backend } from '../backends/backend';
import type { WorkerEntry } from '../source/workspaceIndex';

export interface StalledQueue {
  taskQueue: string;
  /** Running executions of the type on it, among the newest listed. */
  runs: number;
}

/** How long a pollers check stands while the running count does not change. */
export const STALL_CHECK_MS = 15_000;
/** The newest running executions looked at, and the task queues among them described. */
const LISTED = 20;
const MAX_QUEUES = 3;

/** Undefined when the engine has no task queues (duroxide): nothing to say then. */
export async function stalledQueues(
  backend: Backend,
  workflowType: string,
  signal: AbortSignal,
): Promise<StalledQueue[] | undefined> {
  const taskQueues = backend.taskQueues;
  if (!taskQueues) return undefined;
  const { executions } = await backend.listWorkflows(
    {
      pageSize: LISTED,
      query: `WorkflowType = ${quoteQueryString(workflowType)} AND ExecutionStatus = 'Running'`,
    },
    signal,
  );
  const runsByQueue = new Map<string, number>();
  for (const e of executions) runsByQueue.set(e.taskQueue, (runsByQueue.get(e.taskQueue) ?? 0) + 1);
  const stalled: StalledQueue[] = [];
  for (const [taskQueue, runs] of [...runsByQueue].slice(0, MAX_QUEUES)) {
    const queue = await taskQueues.describeTaskQueue({ taskQueue }, signal);
    if (queue.workflow.pollers.length === 0) stalled.push({ taskQueue, runs });
  }
  return stalled;
}

/** What the lens tooltip and the hover say; undefined when every queue has a worker. */
export function notMovingText(
  workflowType: string,
  stalled: readonly StalledQueue[] | undefined,
  workers: readonly WorkerEntry[],
): string | undefined {
  if (!stalled?.length) return undefined;
  const queues = stalled
    .map((q) => `'${q.taskQueue}' (${q.runs} running execution${q.runs === 1 ? '' : 's'})`)
    .join(', ');
  const registering = workers.filter((w) => w.workflowTypes.includes(workflowType));
  const where = registering.length
    ? ` Workspace workers that register '${workflowType}': ${registering.map((w) => `${fileName(w.uri)}${onQueue(w)}`).join(', ')}.`
    : ` No workspace worker registers '${workflowType}'.`;
  return `No worker polls task queue ${queues}.${where}`;
}

function onQueue(w: WorkerEntry): string {
  const q = w.resolvedTaskQueue ?? w.taskQueue;
  return q ? ` on '${q}'` : '';
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

export function sameStalled(
  a: readonly StalledQueue[] | undefined,
  b: readonly StalledQueue[] | undefined,
): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** The live lens's tooltip: why the running executions do not move, or what a click does. */
export function liveLensTooltip(
  workflowType: string,
  stats: { running: number; stalled?: StalledQueue[] } | undefined,
  workers: readonly WorkerEntry[],
): string {
  const why = notMovingText(workflowType, stats?.stalled, workers);
  if (why) return `Why is it not moving? ${why}`;
  return `Running executions of '${workflowType}': click to list them.`;
}
