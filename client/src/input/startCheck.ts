// Before a start: is any worker known to run this workflow type on this task queue? Known from
// the workspace index (worker registrations) and the queue's pollers. Without one the run sits
// "Running" while every workflow task fails, so the user is warned first.
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';

/** The warning for starting `type` on `queue`, or undefined when a known worker takes it (pure). */
export function startWarning(
  type: string,
  queue: string,
  workers: readonly protocol.WorkspaceWorker[],
  pollers: number | undefined,
): string | undefined {
  const registered = workers.some((w) => w.taskQueue === queue && w.workflowTypes.includes(type));
  const elsewhere = [
    ...new Set(
      workers
        .filter((w) => w.taskQueue && w.taskQueue !== queue && w.workflowTypes.includes(type))
        .map((w) => w.taskQueue!),
    ),
  ];
  const hint = elsewhere.length
    ? ` The workspace registers it on ${elsewhere.map((q) => `'${q}'`).join(', ')}.`
    : '';
  if (registered && pollers !== 0) return undefined;
  if (registered)
    return `No worker polls task queue '${queue}' now: the run waits until one starts.`;
  const polling =
    pollers === undefined
      ? `The pollers of '${queue}' could not be read`
      : pollers === 0
        ? `No worker polls '${queue}'`
        : `${pollers} worker${pollers === 1 ? ' polls' : 's poll'} '${queue}'`;
  return `No worker in the workspace registers workflow type '${type}' on task queue '${queue}'. ${polling}; if none of them registers it, every workflow task of the run fails.${hint}`;
}

/** The warning for this start, asking the server about the workspace and the queue. */
export async function checkStart(
  ctx: Ctx,
  type: string,
  queue: string,
): Promise<string | undefined> {
  const [workers, pollers] = await Promise.all([
    ctx
      .request(protocol.listWorkspaceWorkers, {})
      .then((r) => r.workers)
      .catch(() => []),
    ctx
      .request(protocol.describeTaskQueue, { taskQueue: queue })
      .then((d) => d.workflow.pollers.length)
      .catch(() => undefined),
  ]);
  return startWarning(type, queue, workers, pollers);
}
