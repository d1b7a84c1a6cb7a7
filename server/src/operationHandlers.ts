// Registers the operation requests of shared/protocol.ts. Each handler resolves the Backend of
// the profile the request names (default: the active one) and delegates to one of its
// operations; an optional operation the backend lacks answers Unsupported, naming the profile.
import type { Connection } from 'vscode-languageserver';
import * as protocol from '../../shared/src/protocol';
import type { BackendCapability, TargetParams } from '../../shared/src/protocol';
import {
  capabilitiesOf,
  signalWithStartUnsupported,
  unsupported,
  type Backend,
  type Operation,
} from './backends/backend';
import { WorkbenchError } from './errors';
import { handle } from './handlers';
import type { Workbench } from './workbench';

export function registerOperationHandlers(
  connection: Connection,
  wb: Workbench,
  executionsChanged: (workflowType?: string) => void = () => undefined,
): void {
  /** Operations that start or end executions: whoever counts them (lenses) hears of it. */
  const changes =
    <P, R>(
      op: Operation<P, R>,
      typeOf: (p: P) => string | undefined = () => undefined,
    ): Operation<P, R> =>
    async (p, signal) => {
      let refused = false;
      try {
        return await op(p, signal);
      } catch (err) {
        // Refused input changed nothing: recounting would send a call after "nothing was sent".
        refused = err instanceof WorkbenchError && err.kind === 'InvalidInput';
        throw err;
      } finally {
        if (!refused) executionsChanged(typeOf(p));
      }
    };

  /** A core operation every backend has. */
  const on = <P extends TargetParams, R>(
    type: protocol.RequestTypeOf<P, R>,
    pick: (b: Backend) => Operation<P, R>,
  ) =>
    handle(connection, type, async (params, signal) =>
      pick(await wb.backend(params ?? {}))(params, signal),
    );

  /** An operation of an optional group; `targetOf` for requests that name their target inside. */
  const onOptional = <P, R, C extends BackendCapability>(
    type: protocol.RequestTypeOf<P, R>,
    capability: C,
    pick: (group: NonNullable<Backend[C]>) => Operation<P, R>,
    targetOf: (p: P) => TargetParams = (p) => (p ?? {}) as TargetParams,
  ) =>
    handle(connection, type, async (params, signal) => {
      const backend = await wb.backend(targetOf(params));
      const group = backend[capability];
      if (!group) throw unsupported(backend, capability);
      return pick(group as NonNullable<Backend[C]>)(params, signal);
    });

  handle(connection, protocol.getBackendInfo, async (p) => {
    const backend = await wb.backend(p ?? {});
    return { kind: backend.kind, capabilities: capabilitiesOf(backend) };
  });

  onOptional(protocol.getSystemInfo, 'namespaces', (g) => g.getSystemInfo);
  onOptional(protocol.listNamespaces, 'namespaces', (g) => g.listNamespaces);
  onOptional(protocol.describeNamespace, 'namespaces', (g) => g.describeNamespace);
  onOptional(protocol.decodePayloads, 'payloadCodec', (g) => g.decodePayloads);

  on(protocol.startWorkflow, (b) =>
    changes(
      (p, signal) => {
        if (p.version && !b.versions) throw unsupported(b, 'versions');
        const noSignalWithStart = p.signal ? signalWithStartUnsupported(b) : undefined;
        if (noSignalWithStart) throw noSignalWithStart;
        return b.startWorkflow(p, signal);
      },
      (p) => p.workflowType,
    ),
  );
  onOptional(protocol.executeWorkflow, 'execute', (g) =>
    changes(g.executeWorkflow, (p) => p.workflowType),
  );
  on(protocol.getWorkflowResult, (b) => b.getWorkflowResult);
  on(protocol.signalWorkflow, (b) => b.signalWorkflow);
  onOptional(protocol.queryWorkflow, 'queries', (g) => g.queryWorkflow);
  on(protocol.cancelWorkflow, (b) => changes(b.cancelWorkflow));
  onOptional(protocol.terminateWorkflow, 'terminate', (g) => changes(g.terminateWorkflow));
  onOptional(protocol.resetWorkflow, 'reset', (g) => changes(g.resetWorkflow));
  on(protocol.deleteWorkflow, (b) => changes(b.deleteWorkflow));

  onOptional(protocol.executeUpdate, 'updates', (g) => g.executeUpdate);
  onOptional(protocol.startUpdate, 'updates', (g) => g.startUpdate);
  onOptional(protocol.pollUpdate, 'updates', (g) => g.pollUpdate);
  // Update-with-start names its target inside `start`.
  onOptional(
    protocol.updateWithStartWorkflow,
    'updates',
    (g) => g.updateWithStartWorkflow,
    (p) => p.start ?? {},
  );

  on(protocol.describeWorkflow, (b) => b.describeWorkflow);
  on(protocol.getWorkflowHistory, (b) => b.getWorkflowHistory);
  on(protocol.listWorkflowRuns, (b) => b.listWorkflowRuns);
  on(protocol.listWorkflows, (b) => b.listWorkflows);
  on(protocol.countWorkflows, (b) => b.countWorkflows);
  onOptional(protocol.listSearchAttributes, 'searchAttributes', (g) => g.listSearchAttributes);
  onOptional(protocol.describeTaskQueue, 'taskQueues', (g) => g.describeTaskQueue);

  onOptional(protocol.completeActivity, 'activities', (g) => g.completeActivity);
  onOptional(protocol.failActivity, 'activities', (g) => g.failActivity);
  onOptional(protocol.heartbeatActivity, 'activities', (g) => g.heartbeatActivity);
  onOptional(protocol.reportActivityCanceled, 'activities', (g) => g.reportActivityCanceled);

  onOptional(protocol.startBatchOperation, 'batch', (g) => changes(g.startBatchOperation));
  onOptional(protocol.describeBatchOperation, 'batch', (g) => g.describeBatchOperation);
  onOptional(protocol.listBatchOperations, 'batch', (g) => g.listBatchOperations);

  onOptional(protocol.createSchedule, 'schedules', (g) => g.createSchedule);
  onOptional(protocol.describeSchedule, 'schedules', (g) => g.describeSchedule);
  onOptional(protocol.listSchedules, 'schedules', (g) => g.listSchedules);
  onOptional(protocol.getScheduleDocument, 'schedules', (g) => g.getScheduleDocument);
  onOptional(protocol.updateSchedule, 'schedules', (g) => g.updateSchedule);
  onOptional(protocol.pauseSchedule, 'schedules', (g) => g.pauseSchedule);
  onOptional(protocol.unpauseSchedule, 'schedules', (g) => g.unpauseSchedule);
  onOptional(protocol.triggerSchedule, 'schedules', (g) => g.triggerSchedule);
  onOptional(protocol.backfillSchedule, 'schedules', (g) => g.backfillSchedule);
  onOptional(protocol.deleteSchedule, 'schedules', (g) => g.deleteSchedule);
  onOptional(protocol.listScheduleMatchingTimes, 'schedules', (g) => g.listScheduleMatchingTimes);

  onOptional(protocol.getBackendMetrics, 'metrics', (g) => g.getBackendMetrics);
  onOptional(protocol.pruneExecutions, 'prune', (g) => g.pruneExecutions);
}
