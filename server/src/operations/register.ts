// Registers the workflow operation requests of shared/protocol.ts. Each handler resolves the
// target (profile + namespace) and delegates to one operation function.
import type { Connection } from 'vscode-languageserver';
import * as protocol from '../../../shared/src/protocol';
import type { TargetParams } from '../../../shared/src/protocol';
import { handle } from '../handlers';
import type { Target, Workbench } from '../workbench';
import * as activities from './activities';
import * as batch from './batch';
import { decodePayloads } from './payloads';
import * as schedules from './schedules';
import * as updates from './updates';
import * as visibility from './visibility';
import * as workflows from './workflows';

type Operation<P, R> = (
  wb: Workbench,
  target: Target,
  params: P,
  signal: AbortSignal,
) => Promise<R>;

export function registerOperationHandlers(
  connection: Connection,
  wb: Workbench,
  executionsChanged: (workflowType?: string) => void = () => undefined,
): void {
  const on = <P extends TargetParams, R>(type: protocol.RequestTypeOf<P, R>, op: Operation<P, R>) =>
    handle(connection, type, async (params, signal) =>
      op(wb, await wb.target(params ?? {}), params, signal),
    );
  // Operations that start or end executions: whoever counts them (lenses) hears of it.
  const changes =
    <P, R>(op: Operation<P, R>, typeOf: (p: P) => string | undefined = () => undefined): Operation<P, R> =>
    async (w, t, p, s) => {
      try {
        return await op(w, t, p, s);
      } finally {
        executionsChanged(typeOf(p));
      }
    };

  on(protocol.decodePayloads, (_wb, target, p, signal) => decodePayloads(target, p, signal));

  on(protocol.startWorkflow, changes(workflows.startWorkflow, (p) => p.workflowType));
  on(protocol.executeWorkflow, changes(workflows.executeWorkflow, (p) => p.workflowType));
  on(protocol.getWorkflowResult, workflows.getWorkflowResult);
  on(protocol.signalWorkflow, workflows.signalWorkflow);
  on(protocol.queryWorkflow, workflows.queryWorkflow);
  on(protocol.cancelWorkflow, changes(workflows.cancelWorkflow));
  on(protocol.terminateWorkflow, changes(workflows.terminateWorkflow));
  on(protocol.resetWorkflow, changes(workflows.resetWorkflow));
  on(protocol.deleteWorkflow, changes(workflows.deleteWorkflow));

  on(protocol.executeUpdate, updates.executeUpdate);
  on(protocol.startUpdate, updates.startUpdate);
  on(protocol.pollUpdate, updates.pollUpdate);
  // Update-with-start names its target inside `start`.
  handle(connection, protocol.updateWithStartWorkflow, async (p, signal) =>
    updates.updateWithStartWorkflow(wb, await wb.target(p.start ?? {}), p, signal),
  );

  on(protocol.describeWorkflow, visibility.describeWorkflow);
  on(protocol.getWorkflowHistory, visibility.getWorkflowHistory);
  on(protocol.listWorkflowRuns, visibility.listWorkflowRuns);
  on(protocol.listWorkflows, visibility.listWorkflows);
  on(protocol.countWorkflows, visibility.countWorkflows);
  on(protocol.listSearchAttributes, (w, t, _p, s) => visibility.listSearchAttributes(w, t, s));
  on(protocol.describeTaskQueue, visibility.describeTaskQueue);

  on(protocol.completeActivity, activities.completeActivity);
  on(protocol.failActivity, activities.failActivity);
  on(protocol.heartbeatActivity, activities.heartbeatActivity);
  on(protocol.reportActivityCanceled, activities.reportActivityCanceled);

  on(protocol.startBatchOperation, changes(batch.startBatchOperation));
  on(protocol.describeBatchOperation, batch.describeBatchOperation);
  on(protocol.listBatchOperations, batch.listBatchOperations);

  on(protocol.createSchedule, schedules.createSchedule);
  on(protocol.describeSchedule, schedules.describeSchedule);
  on(protocol.listSchedules, schedules.listSchedules);
  on(protocol.getScheduleDocument, schedules.getScheduleDocument);
  on(protocol.updateSchedule, schedules.updateSchedule);
  on(protocol.pauseSchedule, schedules.pauseSchedule);
  on(protocol.unpauseSchedule, schedules.unpauseSchedule);
  on(protocol.triggerSchedule, schedules.triggerSchedule);
  on(protocol.backfillSchedule, schedules.backfillSchedule);
  on(protocol.deleteSchedule, schedules.deleteSchedule);
  on(protocol.listScheduleMatchingTimes, schedules.listScheduleMatchingTimes);
}
