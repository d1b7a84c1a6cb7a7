// The one place .temporal files reach the server's operations (server/src/backends/temporal/*): each
// request kind maps to one existing operation, and its result to the fields `${block.field}`
// references can use. When operations move behind a Backend interface, only this file changes.
import type { JsonValue, PayloadView, SearchAttributesResult, TargetParams } from '../../../shared/src/protocol';
import * as schedules from '../backends/temporal/schedules';
import * as updates from '../backends/temporal/updates';
import * as visibility from '../backends/temporal/visibility';
import * as workflows from '../backends/temporal/workflows';
import type { Workbench } from '../workbench';
import type { OperationRequest } from './requests';

export type ResultFields = Record<string, JsonValue>;

export interface OperationBackend {
  run(request: OperationRequest, signal: AbortSignal): Promise<ResultFields>;
  searchAttributes(target: TargetParams, signal?: AbortSignal): Promise<SearchAttributesResult>;
  /** Workflow types seen on the server lately (for completion). */
  recentWorkflowTypes(target: TargetParams, signal?: AbortSignal): Promise<string[]>;
  /** Whether the target has a connection the user chose (no surprise connects while typing). */
  isConnected(): boolean;
}

/** The handler's answer as plain JSON: one payload is its value, several an array. */
function values(payloads: PayloadView[] | undefined): JsonValue {
  const v = (payloads ?? []).map((p) => p.value ?? (p.base64 ? { base64: p.base64, encoding: p.encoding } : null));
  return v.length === 1 ? v[0] : v;
}

export function workbenchBackend(wb: Workbench): OperationBackend {
  return {
    isConnected: () => wb.getStatus().state === 'connected',

    async searchAttributes(params, signal) {
      return visibility.listSearchAttributes(wb, await wb.target(params), signal);
    },

    async recentWorkflowTypes(params, signal) {
      const res = await visibility.listWorkflows(wb, await wb.target(params), { pageSize: 100 }, signal);
      return [...new Set(res.executions.map((e) => e.workflowType))].sort();
    },

    async run(r, signal): Promise<ResultFields> {
      switch (r.kind) {
        case 'start':
        case 'signalWithStart': {
          const res = await workflows.startWorkflow(wb, await wb.target(r.params), r.params, signal);
          return { workflowId: res.workflowId, runId: res.runId, started: res.started };
        }
        case 'execute': {
          const res = await workflows.executeWorkflow(wb, await wb.target(r.params), r.params, signal);
          const o = res.outcome;
          const result = o.status === 'Completed' ? values(o.result) : o.status === 'Failed' ? o.failure.message : null;
          return { workflowId: res.workflowId, runId: res.runId, status: o.status, result };
        }
        case 'signal':
          await workflows.signalWorkflow(wb, await wb.target(r.params), r.params, signal);
          return { workflowId: r.params.workflowId };
        case 'query': {
          const res = await workflows.queryWorkflow(wb, await wb.target(r.params), r.params, signal);
          return res.rejectedStatus ? { result: null, rejectedStatus: res.rejectedStatus } : { result: values(res.result) };
        }
        case 'update': {
          const res = await updates.executeUpdate(wb, await wb.target(r.params), r.params, signal);
          return { workflowId: res.workflowId, runId: res.runId, updateId: res.updateId, result: values(res.result) };
        }
        case 'updateWithStart': {
          const res = await updates.updateWithStartWorkflow(wb, await wb.target(r.params.start), r.params, signal);
          return { workflowId: res.workflowId, runId: res.runId, started: res.started, updateId: res.update.updateId, result: values(res.update.result) };
        }
        case 'cancel':
          await workflows.cancelWorkflow(wb, await wb.target(r.params), r.params, signal);
          return { workflowId: r.params.workflowId };
        case 'terminate':
          await workflows.terminateWorkflow(wb, await wb.target(r.params), r.params, signal);
          return { workflowId: r.params.workflowId };
        case 'scheduleCreate': {
          const res = await schedules.createSchedule(wb, await wb.target(r.params), r.params, signal);
          return { scheduleId: res.scheduleId };
        }
        case 'scheduleDelete':
          await schedules.deleteSchedule(wb, await wb.target(r.params), r.params, signal);
          return { scheduleId: r.params.scheduleId };
        case 'list': {
          const res = await visibility.listWorkflows(wb, await wb.target(r.params), r.params, signal);
          const executions = res.executions.slice(0, r.params.pageSize);
          return {
            count: executions.length,
            workflowIds: executions.map((e) => e.workflowId),
            runIds: executions.map((e) => e.runId),
            executions: executions.map((e) => ({ workflowId: e.workflowId, runId: e.runId, workflowType: e.workflowType, status: e.status, startTime: e.startTime ?? null })),
          };
        }
        case 'count': {
          const res = await visibility.countWorkflows(wb, await wb.target(r.params), r.params, signal);
          return { count: res.count };
        }
      }
    },
  };
}
