// The Temporal backend: the operation modules beside this file, bound to one target (profile +
// namespace). Temporal has every optional group except duroxide's store-level ones.
import type { Target, Workbench } from '../../workbench';
import type { Backend, Operation } from '../backend';
import * as activities from './activities';
import * as batch from './batch';
import * as cluster from './cluster';
import { decodePayloads } from './payloads';
import * as schedules from './schedules';
import * as updates from './updates';
import * as visibility from './visibility';
import * as workflows from './workflows';

type TemporalOperation<P, R> = (
  wb: Workbench,
  target: Target,
  params: P,
  signal: AbortSignal,
) => Promise<R>;

export function temporalBackend(wb: Workbench, target: Target): Backend {
  const bind =
    <P, R>(op: TemporalOperation<P, R>): Operation<P, R> =>
    (params, signal) =>
      op(wb, target, params, signal);
  return {
    kind: 'temporal',
    async check(signal) {
      const info = await wb.call(target, (c) => c.workflow.getSystemInfo({}, { signal }));
      await wb.call(target, (c) =>
        c.workflow.describeNamespace({ namespace: target.namespace }, { signal }),
      );
      return { serverVersion: info.serverVersion };
    },

    listWorkflows: bind(visibility.listWorkflows),
    countWorkflows: bind(visibility.countWorkflows),
    describeWorkflow: bind(visibility.describeWorkflow),
    listWorkflowRuns: bind(visibility.listWorkflowRuns),
    getWorkflowHistory: bind(visibility.getWorkflowHistory),
    startWorkflow: bind(workflows.startWorkflow),
    getWorkflowResult: bind(workflows.getWorkflowResult),
    signalWorkflow: bind(workflows.signalWorkflow),
    cancelWorkflow: bind(workflows.cancelWorkflow),
    deleteWorkflow: bind(workflows.deleteWorkflow),

    namespaces: {
      getSystemInfo: (_p, signal) => cluster.getSystemInfo(wb, target, signal),
      listNamespaces: bind(cluster.listNamespaces),
      describeNamespace: (_p, signal) => cluster.describeNamespace(wb, target, signal),
    },
    payloadCodec: { decodePayloads: (p, signal) => decodePayloads(target, p, signal) },
    execute: { executeWorkflow: bind(workflows.executeWorkflow) },
    terminate: { terminateWorkflow: bind(workflows.terminateWorkflow) },
    reset: { resetWorkflow: bind(workflows.resetWorkflow) },
    queries: { queryWorkflow: bind(workflows.queryWorkflow) },
    updates: {
      executeUpdate: bind(updates.executeUpdate),
      startUpdate: bind(updates.startUpdate),
      pollUpdate: bind(updates.pollUpdate),
      updateWithStartWorkflow: bind(updates.updateWithStartWorkflow),
    },
    schedules: {
      createSchedule: bind(schedules.createSchedule),
      describeSchedule: bind(schedules.describeSchedule),
      listSchedules: bind(schedules.listSchedules),
      getScheduleDocument: bind(schedules.getScheduleDocument),
      updateSchedule: bind(schedules.updateSchedule),
      pauseSchedule: bind(schedules.pauseSchedule),
      unpauseSchedule: bind(schedules.unpauseSchedule),
      triggerSchedule: bind(schedules.triggerSchedule),
      backfillSchedule: bind(schedules.backfillSchedule),
      deleteSchedule: bind(schedules.deleteSchedule),
      listScheduleMatchingTimes: bind(schedules.listScheduleMatchingTimes),
    },
    taskQueues: { describeTaskQueue: bind(visibility.describeTaskQueue) },
    searchAttributes: {
      listSearchAttributes: (_p, signal) => visibility.listSearchAttributes(wb, target, signal),
    },
    activities: {
      completeActivity: bind(activities.completeActivity),
      failActivity: bind(activities.failActivity),
      heartbeatActivity: bind(activities.heartbeatActivity),
      reportActivityCanceled: bind(activities.reportActivityCanceled),
    },
    batch: {
      startBatchOperation: bind(batch.startBatchOperation),
      describeBatchOperation: bind(batch.describeBatchOperation),
      listBatchOperations: bind(batch.listBatchOperations),
    },
  };
}
