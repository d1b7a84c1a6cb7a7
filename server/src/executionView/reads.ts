// The execution view's reads from the engine, in one place: another room is moving the
// operations behind a `Backend` interface, and only these functions will need to follow.
import type {
  GetWorkflowHistoryParams,
  GetWorkflowHistoryResult,
  QueryWorkflowResult,
  TaskQueueDescription,
  WorkflowDescription,
  WorkflowRefParams,
} from '../../../shared/src/protocol';
import { queryWorkflow } from '../operations/workflows';
import { describeTaskQueue, describeWorkflow, getWorkflowHistory } from '../operations/visibility';
import type { Target, Workbench } from '../workbench';

export interface ExecutionReads {
  historyPage(p: GetWorkflowHistoryParams, signal?: AbortSignal): Promise<GetWorkflowHistoryResult>;
  describe(p: WorkflowRefParams, signal?: AbortSignal): Promise<WorkflowDescription>;
  taskQueue(taskQueue: string, signal?: AbortSignal): Promise<TaskQueueDescription>;
  query(p: WorkflowRefParams, queryType: string, signal?: AbortSignal): Promise<QueryWorkflowResult>;
}

export function executionReads(wb: Workbench, target: Target): ExecutionReads {
  return {
    historyPage: (p, signal) => getWorkflowHistory(wb, target, p, signal),
    describe: (p, signal) => describeWorkflow(wb, target, p, signal),
    taskQueue: (taskQueue, signal) => describeTaskQueue(wb, target, { taskQueue }, signal),
    query: (p, queryType, signal) => queryWorkflow(wb, target, { ...p, queryType }, signal),
  };
}
