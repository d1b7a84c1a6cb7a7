// The seam between request handlers and the engines: every request about instances goes to the
// Backend of the profile it names. Core operations every engine has are required; the rest are
// optional groups, and a backend that lacks one leaves it out (its capability is then false and
// the request answers Unsupported) instead of faking it.
import type * as protocol from '../../../shared/src/protocol';
import type {
  BackendCapabilities,
  BackendCapability,
  BackendKind,
  RequestTypeOf,
} from '../../../shared/src/protocol';
import { backendCapabilityNames } from '../../../shared/src/protocol';
import { WorkbenchError } from '../errors';

/** One operation bound to its target: the request's params in, its result out. */
export type Operation<P, R> = (params: P, signal: AbortSignal) => Promise<R>;

type OperationOf<T> = T extends RequestTypeOf<infer P, infer R> ? Operation<P, R> : never;

/** The operations answering the named requests of shared/protocol.ts. */
type Operations<K extends keyof typeof protocol> = { [N in K]: OperationOf<(typeof protocol)[N]> };

/** What every engine can do to its instances (workflows / orchestrations). */
export type InstanceOperations = Operations<
  | 'listWorkflows'
  | 'countWorkflows'
  | 'describeWorkflow'
  | 'listWorkflowRuns'
  | 'getWorkflowHistory'
  | 'startWorkflow'
  | 'getWorkflowResult'
  | 'signalWorkflow'
  | 'cancelWorkflow'
  | 'deleteWorkflow'
>;

/** The optional groups, one per capability. */
export interface OptionalOperations {
  namespaces: Operations<'getSystemInfo' | 'listNamespaces' | 'describeNamespace'>;
  payloadCodec: Operations<'decodePayloads'>;
  execute: Operations<'executeWorkflow'>;
  terminate: Operations<'terminateWorkflow'>;
  reset: Operations<'resetWorkflow'>;
  queries: Operations<'queryWorkflow'>;
  updates: Operations<'executeUpdate' | 'startUpdate' | 'pollUpdate' | 'updateWithStartWorkflow'>;
  schedules: Operations<
    | 'createSchedule'
    | 'describeSchedule'
    | 'listSchedules'
    | 'getScheduleDocument'
    | 'updateSchedule'
    | 'pauseSchedule'
    | 'unpauseSchedule'
    | 'triggerSchedule'
    | 'backfillSchedule'
    | 'deleteSchedule'
    | 'listScheduleMatchingTimes'
  >;
  taskQueues: Operations<'describeTaskQueue'>;
  searchAttributes: Operations<'listSearchAttributes'>;
  activities: Operations<
    'completeActivity' | 'failActivity' | 'heartbeatActivity' | 'reportActivityCanceled'
  >;
  batch: Operations<'startBatchOperation' | 'describeBatchOperation' | 'listBatchOperations'>;
  metrics: Operations<'getBackendMetrics'>;
  prune: Operations<'pruneExecutions'>;
  /** Starts take `version` (no operations of its own). */
  versions: Record<string, never>;
}

export type Backend = InstanceOperations &
  Partial<OptionalOperations> & {
    readonly kind: BackendKind;
    /** Checks that the engine answers; what the status bar shows as the server version. */
    check(signal?: AbortSignal): Promise<{ serverVersion?: string }>;
  };

/** The capabilities of a backend are exactly the optional groups it has. */
export function capabilitiesOf(backend: Backend): BackendCapabilities {
  const caps = {} as BackendCapabilities;
  for (const name of backendCapabilityNames) caps[name] = backend[name] !== undefined;
  return caps;
}

const capabilityText: Record<BackendCapability, string> = {
  namespaces: 'namespaces',
  payloadCodec: 'payload codecs',
  execute: 'start-and-wait',
  terminate: 'terminate',
  reset: 'reset',
  queries: 'queries',
  updates: 'updates',
  schedules: 'schedules',
  taskQueues: 'task queues',
  searchAttributes: 'search attributes',
  activities: 'activity completion',
  batch: 'batch operations',
  metrics: 'store metrics',
  prune: 'pruning executions',
  versions: 'versioned starts',
};

/** The Unsupported error of a request the backend has no operation group for. */
export function unsupported(backend: Backend, capability: BackendCapability): WorkbenchError {
  return new WorkbenchError(
    'Unsupported',
    `A ${backend.kind} profile has no ${capabilityText[capability]}`,
  );
}

/** Signal-with-start is Temporal's own: another engine would start without delivering the signal. */
export function signalWithStartUnsupported(backend: Backend): WorkbenchError | undefined {
  if (backend.kind === 'temporal') return undefined;
  return new WorkbenchError(
    'Unsupported',
    `A ${backend.kind} profile has no signal-with-start: start the instance, then signal it`,
  );
}

export type { BackendCapability };
