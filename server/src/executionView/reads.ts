// The execution view's reads from the engine, in one place, through the profile's Backend.
import type {
  GetWorkflowHistoryParams,
  GetWorkflowHistoryResult,
  QueryWorkflowResult,
  TaskQueueDescription,
  WorkflowDescription,
  WorkflowRefParams,
} from '../../../shared/src/protocol';
import type { Backend } from '../backends/backend';
import { WorkbenchError } from '../errors';

export interface ExecutionReads {
  historyPage(p: GetWorkflowHistoryParams, signal?: AbortSignal): Promise<GetWorkflowHistoryResult>;
  describe(p: WorkflowRefParams, signal?: AbortSignal): Promise<WorkflowDescription>;
  taskQueue(taskQueue: string, signal?: AbortSignal): Promise<TaskQueueDescription>;
  query(
    p: WorkflowRefParams,
    queryType: string,
    signal?: AbortSignal,
  ): Promise<QueryWorkflowResult>;
  /** What the engine has: the view leaves out what it lacks instead of showing its error. */
  has: { taskQueues: boolean; queries: boolean };
}

/** Reads through the profile's Backend; what the engine lacks (queries, task queues) says so. */
export function executionReads(backend: Backend): ExecutionReads {
  const lacks = (what: string) =>
    new WorkbenchError('Unsupported', `A ${backend.kind} profile has no ${what}`);
  return {
    has: { taskQueues: !!backend.taskQueues, queries: !!backend.queries },
    historyPage: (p, signal) =>
      backend.getWorkflowHistory(p, signal ?? new AbortController().signal),
    describe: (p, signal) => backend.describeWorkflow(p, signal ?? new AbortController().signal),
    taskQueue: async (taskQueue, signal) => {
      if (!backend.taskQueues) throw lacks('task queues');
      return backend.taskQueues.describeTaskQueue(
        { taskQueue },
        signal ?? new AbortController().signal,
      );
    },
    query: async (p, queryType, signal) => {
      if (!backend.queries) throw lacks('queries');
      return backend.queries.queryWorkflow(
        { ...p, queryType },
        signal ?? new AbortController().signal,
      );
    },
  };
}
