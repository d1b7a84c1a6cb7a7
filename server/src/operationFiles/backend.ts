// The one place .temporal files reach the engines: each request kind maps to one operation of the
// Backend of the block's profile (wb.backend), and its result to the fields `${block.field}`
// references can use. A kind the backend has no operation group for answers Unsupported, named
// by the profile kind and the command (a duroxide profile has no queries, updates, schedules ...).
import type {
  BackendCapability,
  JsonValue,
  PayloadView,
  SearchAttributesResult,
  TargetParams,
} from '../../../shared/src/protocol';
import { signalWithStartUnsupported, unsupported, type Backend } from '../backends/backend';
import { WorkbenchError } from '../errors';
import type { Workbench } from '../workbench';
import type { FileProblem, OperationFile } from './document';
import type { OperationRequest } from './requests';
import { specFor, type OperationKind } from './specs';
import { unquote } from './values';

export type ResultFields = Record<string, JsonValue>;

export interface OperationBackend {
  run(request: OperationRequest, signal: AbortSignal): Promise<ResultFields>;
  searchAttributes(target: TargetParams, signal?: AbortSignal): Promise<SearchAttributesResult>;
  /** Workflow types seen on the server lately (for completion). */
  recentWorkflowTypes(target: TargetParams, signal?: AbortSignal): Promise<string[]>;
  /** Whether the target has a connection the user chose (no surprise connects while typing). */
  isConnected(): boolean;
  /** Why the target's backend cannot run blocks of `kind`; undefined when it can. */
  unsupportedReason(target: TargetParams, kind: OperationKind): Promise<string | undefined>;
}

/** The optional operation group each request kind needs (the rest are every backend's). */
const NEEDS: Partial<Record<OperationKind, BackendCapability>> = {
  execute: 'execute',
  query: 'queries',
  update: 'updates',
  updateWithStart: 'updates',
  terminate: 'terminate',
  scheduleCreate: 'schedules',
  scheduleDelete: 'schedules',
};

/** The operation group `kind` needs, or Unsupported saying which block cannot run there. */
function groupFor<C extends BackendCapability>(
  b: Backend,
  capability: C,
  kind: OperationKind,
): NonNullable<Backend[C]> {
  const group = b[capability];
  if (group) return group as NonNullable<Backend[C]>;
  throw new WorkbenchError('Unsupported', unsupportedText(b, capability, kind));
}

const unsupportedText = (b: Backend, capability: BackendCapability, kind: OperationKind) =>
  `${unsupported(b, capability).message}: ${kind} blocks cannot run on it`;

/** The handler's answer as plain JSON: one payload is its value, several an array. */
function values(payloads: PayloadView[] | undefined): JsonValue {
  const v = (payloads ?? []).map(
    (p) => p.value ?? (p.base64 ? { base64: p.base64, encoding: p.encoding } : null),
  );
  return v.length === 1 ? v[0] : v;
}

export function workbenchBackend(wb: Workbench): OperationBackend {
  return {
    isConnected: () => wb.getStatus().state === 'connected',

    async searchAttributes(params, signal) {
      const b = await wb.backend(params);
      if (!b.searchAttributes) throw unsupported(b, 'searchAttributes');
      return b.searchAttributes.listSearchAttributes(
        params,
        signal ?? new AbortController().signal,
      );
    },

    async recentWorkflowTypes(params, signal) {
      const b = await wb.backend(params);
      const res = await b.listWorkflows(
        { ...params, pageSize: 100 },
        signal ?? new AbortController().signal,
      );
      return [...new Set(res.executions.map((e) => e.workflowType))].sort();
    },

    async unsupportedReason(params, kind) {
      const capability = NEEDS[kind];
      if (!capability && kind !== 'signalWithStart') return undefined;
      const b = await wb.backend(params);
      if (!capability) return signalWithStartUnsupported(b)?.message;
      return b[capability] ? undefined : unsupportedText(b, capability, kind);
    },

    async run(r, signal): Promise<ResultFields> {
      const b = await wb.backend(r.kind === 'updateWithStart' ? r.params.start : r.params);
      switch (r.kind) {
        case 'start':
        case 'signalWithStart': {
          const refused = r.kind === 'signalWithStart' ? signalWithStartUnsupported(b) : undefined;
          if (refused) throw refused;
          const res = await b.startWorkflow(r.params, signal);
          return { workflowId: res.workflowId, runId: res.runId, started: res.started };
        }
        case 'execute': {
          const res = await groupFor(b, 'execute', r.kind).executeWorkflow(r.params, signal);
          const o = res.outcome;
          const result =
            o.status === 'Completed'
              ? values(o.result)
              : o.status === 'Failed'
                ? o.failure.message
                : null;
          return { workflowId: res.workflowId, runId: res.runId, status: o.status, result };
        }
        case 'signal':
          await b.signalWorkflow(r.params, signal);
          return { workflowId: r.params.workflowId };
        case 'query': {
          const res = await groupFor(b, 'queries', r.kind).queryWorkflow(r.params, signal);
          return res.rejectedStatus
            ? { result: null, rejectedStatus: res.rejectedStatus }
            : { result: values(res.result) };
        }
        case 'update': {
          const res = await groupFor(b, 'updates', r.kind).executeUpdate(r.params, signal);
          return {
            workflowId: res.workflowId,
            runId: res.runId,
            updateId: res.updateId,
            result: values(res.result),
          };
        }
        case 'updateWithStart': {
          const updates = groupFor(b, 'updates', r.kind);
          const res = await updates.updateWithStartWorkflow(r.params, signal);
          return {
            workflowId: res.workflowId,
            runId: res.runId,
            started: res.started,
            updateId: res.update.updateId,
            result: values(res.update.result),
          };
        }
        case 'cancel':
          await b.cancelWorkflow(r.params, signal);
          return { workflowId: r.params.workflowId };
        case 'terminate':
          await groupFor(b, 'terminate', r.kind).terminateWorkflow(r.params, signal);
          return { workflowId: r.params.workflowId };
        case 'scheduleCreate': {
          const res = await groupFor(b, 'schedules', r.kind).createSchedule(r.params, signal);
          return { scheduleId: res.scheduleId };
        }
        case 'scheduleDelete':
          await groupFor(b, 'schedules', r.kind).deleteSchedule(r.params, signal);
          return { scheduleId: r.params.scheduleId };
        case 'list': {
          const res = await b.listWorkflows(r.params, signal);
          const executions = res.executions.slice(0, r.params.pageSize);
          return {
            count: executions.length,
            workflowIds: executions.map((e) => e.workflowId),
            runIds: executions.map((e) => e.runId),
            executions: executions.map((e) => ({
              workflowId: e.workflowId,
              runId: e.runId,
              workflowType: e.workflowType,
              status: e.status,
              startTime: e.startTime ?? null,
            })),
          };
        }
        case 'count': {
          const res = await b.countWorkflows(r.params, signal);
          return { count: res.count };
        }
      }
    },
  };
}

/**
 * Warnings on blocks the profile they run on cannot serve (a query block on a duroxide profile),
 * once connected: each block's own `--profile`, else the file's target.
 */
export async function unsupportedBlocks(
  file: OperationFile,
  backend: OperationBackend,
  fileTarget: TargetParams,
): Promise<FileProblem[]> {
  if (!backend.isConnected()) return [];
  const out: FileProblem[] = [];
  for (const b of file.blocks) {
    const kind = specFor(b.command)?.kind;
    if (!kind) continue;
    const own = b.options.find((o) => o.flag === 'profile' && o.value && !o.value.includes('${'));
    const target = own?.value ? { ...fileTarget, profileId: unquote(own.value) } : fileTarget;
    const reason = await backend.unsupportedReason(target, kind).catch(() => undefined);
    if (reason) out.push({ message: reason, span: b.commandSpan, severity: 'warning' });
  }
  return out;
}
