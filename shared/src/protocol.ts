/**
 * The one contract between the VS Code client and the language server: every custom request
 * and notification, with its parameter and result types. Direction is given on each item.
 * Standard LSP (code lenses, hover, diagnostics, definition) is not repeated here.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
export * from './errors';
export * from './settings';

/** Parameters of requests that take none (sent as `{}`). */
export type NoParams = Record<string, never>;

// ---------------------------------------------------------------------------------------------
// Connection profiles

/** Where a profile was defined. */
export type ProfileSource = 'toml' | 'settings' | 'env';

/** A connection profile as the client shows it (no secrets). */
export interface ProfileSummary {
  /** Stable id: `<source>:<name>`. */
  id: string;
  name: string;
  source: ProfileSource;
  address: string;
  namespace: string;
  /** TLS is on for this profile. */
  tls: boolean;
  auth: 'none' | 'apiKey' | 'mtls';
  readOnly: boolean;
  /** The profile expects an API key from SecretStorage that has not been set. */
  apiKeyMissing?: boolean;
  webUiUrl?: string;
}

export interface ListProfilesResult {
  profiles: ProfileSummary[];
  /** The temporal.toml that was read, if any. */
  configFile?: string;
  /** Problems loading a source (malformed TOML, ...), each with a specific message. */
  problems: { source: ProfileSource; message: string }[];
}

/** client -> server: every profile from temporal.toml, environment and settings. */
export const listProfiles = new RequestType<NoParams, ListProfilesResult, void>('temporal/listProfiles');

export interface SelectProfileParams {
  profileId: string;
  /** Namespace to use instead of the profile's own. */
  namespace?: string;
}

/** client -> server: make a profile (and namespace) active; connects and reports the status. */
export const selectProfile = new RequestType<SelectProfileParams, ConnectionStatus, void>(
  'temporal/selectProfile',
);

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'error';

export interface ConnectionStatus {
  state: ConnectionState;
  profileId?: string;
  profileName?: string;
  address?: string;
  namespace?: string;
  readOnly?: boolean;
  serverVersion?: string;
  /** Set when state is `error`. */
  error?: { kind: string; message: string };
}

/** client -> server: the current connection status. */
export const getConnectionStatus = new RequestType<NoParams, ConnectionStatus, void>(
  'temporal/getConnectionStatus',
);

/** server -> client: the connection status changed. */
export const connectionStatusChanged = new NotificationType<ConnectionStatus>(
  'temporal/connectionStatusChanged',
);

export interface ReadSecretParams {
  /** SecretStorage key, e.g. `temporal.apiKey.<profile name>`. */
  key: string;
}

/** server -> client: read a secret from the client's SecretStorage (API keys). */
export const readSecret = new RequestType<ReadSecretParams, { value: string | null }, void>(
  'temporal/readSecret',
);

/** client -> server: a secret changed; drop connections that used it. */
export const secretChanged = new NotificationType<ReadSecretParams>('temporal/secretChanged');

/** The SecretStorage key that holds a profile's API key. */
export function apiKeySecretKey(profileName: string): string {
  return `temporal.apiKey.${profileName}`;
}

// ---------------------------------------------------------------------------------------------
// Cluster and namespaces

/** Every request that talks to a server may name the profile and namespace; else the active ones. */
export interface TargetParams {
  profileId?: string;
  namespace?: string;
}

export interface SystemInfo {
  serverVersion: string;
  /** Capability flags as the server reports them (e.g. `sdkMetadata`, `countGroupByExecutionStatus`). */
  capabilities: Record<string, boolean>;
}

/** client -> server: GetSystemInfo of the target server. */
export const getSystemInfo = new RequestType<TargetParams, SystemInfo, void>('temporal/getSystemInfo');

export interface NamespaceSummary {
  name: string;
  state: string;
  description: string;
  retentionDays?: number;
}

export interface ListNamespacesParams extends TargetParams {
  pageSize?: number;
  nextPageToken?: string;
}

export interface ListNamespacesResult {
  namespaces: NamespaceSummary[];
  nextPageToken?: string;
}

/** client -> server: namespaces of the target server. */
export const listNamespaces = new RequestType<ListNamespacesParams, ListNamespacesResult, void>(
  'temporal/listNamespaces',
);

export interface NamespaceDetails extends NamespaceSummary {
  id: string;
  ownerEmail: string;
  activeCluster: string;
  clusters: string[];
  historyArchival: string;
  visibilityArchival: string;
  /** Custom search attributes registered in the namespace, name -> type. */
  customSearchAttributes: Record<string, string>;
  data: Record<string, string>;
}

/** client -> server: DescribeNamespace (namespace defaults to the active one). */
export const describeNamespace = new RequestType<TargetParams, NamespaceDetails, void>(
  'temporal/describeNamespace',
);

/** Any request declared here, for helpers that forward them generically. */
export type RequestTypeOf<P, R> = RequestType<P, R, void>;

// ---------------------------------------------------------------------------------------------
// Workflow operations
//
// Conventions for everything below: payload input is JSON text (`input`), where a top-level
// array is the argument list (`[1, "a"]` = two arguments, `[[1, 2]]` = one array argument) and
// any other value is the single argument; empty or absent = no arguments. Malformed JSON fails
// with InvalidInput naming line:column, and nothing is sent. Durations are text such as `90s`,
// `1m30s`, `1.5h`, `250ms` (a bare number = seconds). Times are ISO 8601 strings. Byte strings
// (page tokens, task tokens, raw payload data) are base64. Writes fail with ReadOnly on
// read-only profiles and are never retried; reads are retried a few times on Unavailable.

/** A value of JSON, as it crosses the wire. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A payload as proto3 JSON has it: metadata values and data in base64. */
export interface RawPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/**
 * A payload made readable. `json`: `value` holds the decoded value (json/plain, json/protobuf,
 * and binary/protobuf of a known message type as its proto3 JSON); `null`: binary/null;
 * `bytes`: binary/plain in `base64`; `encoded`: an encoding this server cannot read (encrypted,
 * compressed, unknown protobuf type ...), shown as its `base64` data with its `encoding`.
 */
export interface PayloadView {
  format: 'json' | 'null' | 'bytes' | 'encoded';
  /** `metadata.encoding` (after codec decoding), e.g. `json/plain`, `binary/encrypted`. */
  encoding: string;
  value?: JsonValue;
  base64?: string;
  /** Protobuf message type named by the `messageType` metadata. */
  messageType?: string;
  /** Other metadata entries as UTF-8 text (e.g. a search attribute's `type`). */
  metadata?: Record<string, string>;
  /** The profile's codec endpoint decoded this payload. */
  decodedByCodec?: boolean;
  /** Why the payload is shown less decoded than it might be (codec failure, unknown type ...). */
  note?: string;
}

export interface DecodePayloadsParams extends TargetParams {
  payloads: RawPayload[];
}

/** client -> server: payloads (e.g. from history JSON) made readable, through the codec if any. */
export const decodePayloads = new RequestType<
  DecodePayloadsParams,
  { payloads: PayloadView[] },
  void
>('temporal/decodePayloads');

/** A failure and its cause chain, readable. */
export interface FailureView {
  message: string;
  /** Application, Timeout, Canceled, Terminated, Server, Activity, ChildWorkflow, Reset, NexusOperation, NexusHandler or ''. */
  kind: string;
  /** Application failure type (e.g. `SampleError`). */
  type?: string;
  nonRetryable?: boolean;
  source?: string;
  stackTrace?: string;
  details?: PayloadView[];
  /** Kind-specific facts: activityType, activityId, workflowId, retryState, timeoutType ... */
  info?: Record<string, string>;
  cause?: FailureView;
}

export type ExecutionStatus =
  | 'Running'
  | 'Completed'
  | 'Failed'
  | 'Canceled'
  | 'Terminated'
  | 'ContinuedAsNew'
  | 'TimedOut'
  | 'Paused'
  | 'Unspecified';

/** One workflow execution; no runId = the latest run of the workflow id. */
export interface WorkflowRefParams extends TargetParams {
  workflowId: string;
  runId?: string;
}

export interface RetryPolicyInput {
  initialInterval?: string;
  backoffCoefficient?: number;
  maximumInterval?: string;
  /** 0 = unlimited. */
  maximumAttempts?: number;
  nonRetryableErrorTypes?: string[];
}

export type WorkflowIdReusePolicyName =
  'AllowDuplicate' | 'AllowDuplicateFailedOnly' | 'RejectDuplicate' | 'TerminateIfRunning';

export type WorkflowIdConflictPolicyName = 'Fail' | 'UseExisting' | 'TerminateExisting';

export interface PriorityInput {
  /** 1 (highest) to the server's maximum; 0 = default. */
  priorityKey?: number;
  fairnessKey?: string;
  fairnessWeight?: number;
}

/** Every start option the SDK clients expose. */
export interface StartWorkflowParams extends TargetParams {
  /** Default: a new UUID. */
  workflowId?: string;
  workflowType: string;
  taskQueue: string;
  /** JSON text of the arguments (see the conventions above). */
  input?: string;
  executionTimeout?: string;
  runTimeout?: string;
  taskTimeout?: string;
  idReusePolicy?: WorkflowIdReusePolicyName;
  idConflictPolicy?: WorkflowIdConflictPolicyName;
  retryPolicy?: RetryPolicyInput;
  cronSchedule?: string;
  memo?: Record<string, JsonValue>;
  /** Values are typed by the namespace's registered search attribute types (Int, Datetime ...). */
  searchAttributes?: Record<string, JsonValue>;
  startDelay?: string;
  /** User metadata shown by the UIs: a one-line summary and longer details. */
  staticSummary?: string;
  staticDetails?: string;
  priority?: PriorityInput;
  /** Same request id = same start: a retried start returns the run it created. Default: new UUID. */
  requestId?: string;
  /** Signal-with-start: deliver this signal, starting the workflow if it is not running. */
  signal?: { name: string; input?: string };
}

export interface StartWorkflowResult {
  workflowId: string;
  runId: string;
  /** False when an existing run was used (UseExisting, or signal-with-start of a running workflow). */
  started: boolean;
  namespace: string;
}

/** client -> server: start a workflow (or signal-with-start when `signal` is given). */
export const startWorkflow = new RequestType<StartWorkflowParams, StartWorkflowResult, void>(
  'temporal/startWorkflow',
);

/** How a run ended (or that it has not). */
export type WorkflowOutcome =
  | { status: 'Completed'; workflowId: string; runId: string; result: PayloadView[] }
  | { status: 'Failed'; workflowId: string; runId: string; failure: FailureView }
  | { status: 'Canceled'; workflowId: string; runId: string; details: PayloadView[] }
  | {
      status: 'Terminated';
      workflowId: string;
      runId: string;
      reason: string;
      details: PayloadView[];
      identity: string;
    }
  | { status: 'TimedOut'; workflowId: string; runId: string; retryState: string }
  | { status: 'ContinuedAsNew'; workflowId: string; runId: string; newRunId: string }
  | { status: 'Running'; workflowId: string; runId: string };

export interface ExecuteWorkflowResult extends StartWorkflowResult {
  outcome: WorkflowOutcome;
}

/** client -> server: start, then wait for the result (follows continue-as-new; cancellable). */
export const executeWorkflow = new RequestType<StartWorkflowParams, ExecuteWorkflowResult, void>(
  'temporal/executeWorkflow',
);

export interface GetWorkflowResultParams extends WorkflowRefParams {
  /** Wait for the run to close (default true); false answers `Running` at once. */
  wait?: boolean;
  /** Follow continue-as-new, retries and cron to the last run (default true). */
  followRuns?: boolean;
}

/** client -> server: the result of an execution (long-polls; LSP cancellation stops waiting). */
export const getWorkflowResult = new RequestType<GetWorkflowResultParams, WorkflowOutcome, void>(
  'temporal/getWorkflowResult',
);

export interface SignalWorkflowParams extends WorkflowRefParams {
  signalName: string;
  input?: string;
  /** Deduplicates a retried signal. Default: new UUID. */
  requestId?: string;
}

/** client -> server: send a signal. */
export const signalWorkflow = new RequestType<SignalWorkflowParams, { ok: true }, void>(
  'temporal/signalWorkflow',
);

export type QueryRejectConditionName = 'None' | 'NotOpen' | 'NotCompletedCleanly';

export interface QueryWorkflowParams extends WorkflowRefParams {
  queryType: string;
  input?: string;
  rejectCondition?: QueryRejectConditionName;
}

export interface QueryWorkflowResult {
  /** The handler's answer; absent when the query was rejected. */
  result?: PayloadView[];
  /** Set when `rejectCondition` rejected the query: the execution's status. */
  rejectedStatus?: ExecutionStatus;
}

/** client -> server: run a query (a worker failure, e.g. an unknown query name, is the error). */
export const queryWorkflow = new RequestType<QueryWorkflowParams, QueryWorkflowResult, void>(
  'temporal/queryWorkflow',
);

export interface UpdateWorkflowParams extends WorkflowRefParams {
  updateName: string;
  input?: string;
  /** Default: a new UUID. Reusing one returns the earlier update's outcome. */
  updateId?: string;
  /** Only update if the workflow's first run is this one. */
  firstExecutionRunId?: string;
}

export type UpdateStage = 'Admitted' | 'Accepted' | 'Completed';

export interface UpdateResult {
  workflowId: string;
  runId: string;
  updateId: string;
  stage: UpdateStage;
  /** The handler's return value, once completed successfully. */
  result?: PayloadView[];
  /** Only from pollUpdate: the failure of a completed update (other requests raise it as an error). */
  failure?: FailureView;
}

/**
 * client -> server: run an update and wait for its result. A validator rejection or handler
 * failure is a FailedPrecondition error whose message is the worker's.
 */
export const executeUpdate = new RequestType<UpdateWorkflowParams, UpdateResult, void>(
  'temporal/executeUpdate',
);

/** client -> server: send an update and return once the workflow accepted it (stage Accepted). */
export const startUpdate = new RequestType<UpdateWorkflowParams, UpdateResult, void>(
  'temporal/startUpdate',
);

export interface PollUpdateParams extends WorkflowRefParams {
  updateId: string;
  /** Wait for completion (default true); false returns the current stage. */
  wait?: boolean;
}

/** client -> server: the outcome of an earlier update by its id. */
export const pollUpdate = new RequestType<PollUpdateParams, UpdateResult, void>(
  'temporal/pollUpdate',
);

export interface UpdateWithStartParams {
  /** `idConflictPolicy` defaults to UseExisting here (Fail is also allowed). `signal` is not. */
  start: StartWorkflowParams;
  update: Omit<UpdateWorkflowParams, keyof WorkflowRefParams | 'firstExecutionRunId'>;
  /** Return once accepted instead of completed. */
  waitForAccepted?: boolean;
}

export interface UpdateWithStartResult extends StartWorkflowResult {
  update: UpdateResult;
}

/** client -> server: start a workflow (or use the running one) and update it, atomically. */
export const updateWithStartWorkflow = new RequestType<
  UpdateWithStartParams,
  UpdateWithStartResult,
  void
>('temporal/updateWithStartWorkflow');

export interface CancelWorkflowParams extends WorkflowRefParams {
  reason?: string;
  requestId?: string;
}

/** client -> server: request cancellation (the workflow decides how to react). */
export const cancelWorkflow = new RequestType<CancelWorkflowParams, { ok: true }, void>(
  'temporal/cancelWorkflow',
);

export interface TerminateWorkflowParams extends WorkflowRefParams {
  reason?: string;
  /** JSON text of the details (same rules as `input`). */
  details?: string;
}

/** client -> server: terminate at once (no workflow code runs). */
export const terminateWorkflow = new RequestType<TerminateWorkflowParams, { ok: true }, void>(
  'temporal/terminateWorkflow',
);

export interface ResetWorkflowParams extends WorkflowRefParams {
  /** A workflow task event id (completed, failed, timed out or started), or the first/last workflow task. */
  to: { eventId: number } | 'FirstWorkflowTask' | 'LastWorkflowTask';
  reason: string;
  /** Re-apply signals received after the reset point (default true). */
  reapplySignals?: boolean;
  requestId?: string;
}

/** client -> server: reset to a workflow task; the old run is terminated, a new one starts. */
export const resetWorkflow = new RequestType<
  ResetWorkflowParams,
  { runId: string; resetEventId: number },
  void
>('temporal/resetWorkflow');

/** client -> server: delete an execution and its history (asynchronous on the server). */
export const deleteWorkflow = new RequestType<WorkflowRefParams, { ok: true }, void>(
  'temporal/deleteWorkflow',
);

export interface PendingActivityView {
  activityId: string;
  activityType: string;
  /** Scheduled, Started, CancelRequested, Paused ... */
  state: string;
  attempt: number;
  /** 0 = unlimited. */
  maximumAttempts: number;
  scheduledTime?: string;
  lastStartedTime?: string;
  lastHeartbeatTime?: string;
  expirationTime?: string;
  heartbeatDetails?: PayloadView[];
  lastFailure?: FailureView;
  lastWorkerIdentity?: string;
}

export interface PendingChildView {
  workflowId: string;
  runId: string;
  workflowType: string;
  initiatedEventId: number;
  parentClosePolicy: string;
}

export interface WorkflowDescription {
  workflowId: string;
  runId: string;
  workflowType: string;
  taskQueue: string;
  status: ExecutionStatus;
  startTime?: string;
  /** When the first workflow task may run (after a start delay or cron backoff). */
  executionTime?: string;
  closeTime?: string;
  /** Seconds between start and close, for closed executions. */
  executionDurationSeconds?: number;
  historyLength: number;
  historySizeBytes: number;
  firstRunId?: string;
  parent?: { workflowId: string; runId: string };
  root?: { workflowId: string; runId: string };
  executionTimeout?: string;
  runTimeout?: string;
  taskTimeout?: string;
  staticSummary?: string;
  staticDetails?: string;
  priority?: PriorityInput;
  cancelRequested?: boolean;
  memo: Record<string, PayloadView>;
  searchAttributes: Record<string, PayloadView>;
  pendingActivities: PendingActivityView[];
  pendingChildren: PendingChildView[];
  pendingWorkflowTask?: {
    state: string;
    attempt: number;
    scheduledTime?: string;
    startedTime?: string;
  };
  /** How the run ended (closed runs): result, failure, termination reason ... */
  outcome?: WorkflowOutcome;
}

/** client -> server: DescribeWorkflowExecution, decoded. */
export const describeWorkflow = new RequestType<WorkflowRefParams, WorkflowDescription, void>(
  'temporal/describeWorkflow',
);

export interface GetWorkflowHistoryParams extends WorkflowRefParams {
  pageSize?: number;
  nextPageToken?: string;
  /** Long-poll for new events while the run is open (pass the last page's token). */
  follow?: boolean;
}

/** One history event: a compact summary for trees, and the exact proto3 JSON. */
export interface HistoryEventView {
  eventId: number;
  /** e.g. `WorkflowExecutionStarted`. */
  eventType: string;
  eventTime?: string;
  /** One line: the type plus what matters (activity type, signal name, timer duration ...). */
  summary: string;
  /** The event that started this one's group (e.g. ActivityTaskScheduled of an ActivityTaskCompleted). */
  groupEventId?: number;
  /** Decoded payload fields by path, e.g. `input`, `result`, `memo.fields.owner`. */
  payloads?: Record<string, PayloadView[]>;
  failure?: FailureView;
  /** The event as `temporal workflow show --output json` writes it. */
  json: JsonObject;
}

export interface GetWorkflowHistoryResult {
  events: HistoryEventView[];
  /** More events may come (another page, or new events of an open run when following). */
  nextPageToken?: string;
}

/** client -> server: one page of history (`follow` waits for new events of an open run). */
export const getWorkflowHistory = new RequestType<
  GetWorkflowHistoryParams,
  GetWorkflowHistoryResult,
  void
>('temporal/getWorkflowHistory');

export interface ExecutionSummary {
  workflowId: string;
  runId: string;
  workflowType: string;
  status: ExecutionStatus;
  taskQueue: string;
  startTime?: string;
  executionTime?: string;
  closeTime?: string;
  historyLength: number;
  parentWorkflowId?: string;
  searchAttributes: Record<string, PayloadView>;
}

export interface ListWorkflowsParams extends TargetParams {
  /** Visibility query (e.g. `WorkflowType='greeting' AND ExecutionStatus='Running'`); empty = all. */
  query?: string;
  pageSize?: number;
  nextPageToken?: string;
}

export interface ListWorkflowsResult {
  executions: ExecutionSummary[];
  nextPageToken?: string;
}

/** client -> server: executions matching a visibility query, one page. */
export const listWorkflows = new RequestType<ListWorkflowsParams, ListWorkflowsResult, void>(
  'temporal/listWorkflows',
);

export interface ListWorkflowRunsParams extends TargetParams {
  workflowId: string;
  pageSize?: number;
  nextPageToken?: string;
}

/** client -> server: every run of one workflow id, newest first (continue-as-new chain, resets, reuse). */
export const listWorkflowRuns = new RequestType<ListWorkflowRunsParams, ListWorkflowsResult, void>(
  'temporal/listWorkflowRuns',
);

export interface CountWorkflowsParams extends TargetParams {
  query?: string;
  /** Also count per ExecutionStatus. */
  groupByStatus?: boolean;
}

export interface CountWorkflowsResult {
  count: number;
  groups?: { status: string; count: number }[];
}

/** client -> server: how many executions match a query, in total and per status. */
export const countWorkflows = new RequestType<CountWorkflowsParams, CountWorkflowsResult, void>(
  'temporal/countWorkflows',
);

export interface SearchAttributesResult {
  /** name -> type (Keyword, Text, Int, Double, Bool, Datetime, KeywordList). */
  custom: Record<string, string>;
  system: Record<string, string>;
}

/** client -> server: search attributes of the namespace. */
export const listSearchAttributes = new RequestType<TargetParams, SearchAttributesResult, void>(
  'temporal/listSearchAttributes',
);

export interface PollerView {
  identity: string;
  lastAccessTime?: string;
  ratePerSecond?: number;
}

export interface TaskQueueTypeView {
  pollers: PollerView[];
  /** Present when the server reports it. */
  backlog?: { count: number; ageSeconds: number; addRate: number; dispatchRate: number };
}

export interface DescribeTaskQueueParams extends TargetParams {
  taskQueue: string;
}

export interface TaskQueueDescription {
  name: string;
  workflow: TaskQueueTypeView;
  activity: TaskQueueTypeView;
}

/** client -> server: pollers (with last access) and backlog of a task queue, workflow and activity side. */
export const describeTaskQueue = new RequestType<
  DescribeTaskQueueParams,
  TaskQueueDescription,
  void
>('temporal/describeTaskQueue');

/** Which activity: its task token (base64), or workflow id (+ run id) + activity id. */
export type ActivityRef =
  { taskToken: string } | { workflowId: string; runId?: string; activityId: string };

export interface CompleteActivityParams extends TargetParams {
  activity: ActivityRef;
  /** JSON text of the result (one value; an array is one array value here). */
  result?: string;
}

/** client -> server: complete an asynchronously completed activity. */
export const completeActivity = new RequestType<CompleteActivityParams, { ok: true }, void>(
  'temporal/completeActivity',
);

export interface FailActivityParams extends TargetParams {
  activity: ActivityRef;
  message: string;
  /** Application failure type. */
  type?: string;
  nonRetryable?: boolean;
  /** JSON text of failure details (same rules as `input`). */
  details?: string;
}

/** client -> server: fail an activity (it is retried per its retry policy unless non-retryable). */
export const failActivity = new RequestType<FailActivityParams, { ok: true }, void>(
  'temporal/failActivity',
);

export interface HeartbeatActivityParams extends TargetParams {
  activity: ActivityRef;
  /** JSON text of heartbeat details (same rules as `input`). */
  details?: string;
}

/** client -> server: record a heartbeat; tells whether cancellation was requested. */
export const heartbeatActivity = new RequestType<
  HeartbeatActivityParams,
  { cancelRequested: boolean },
  void
>('temporal/heartbeatActivity');

/** client -> server: report that an activity accepted its cancellation. */
export const reportActivityCanceled = new RequestType<HeartbeatActivityParams, { ok: true }, void>(
  'temporal/reportActivityCanceled',
);

export type BatchOperationInput =
  | { type: 'terminate' }
  | { type: 'cancel' }
  | { type: 'signal'; signalName: string; input?: string };

export interface StartBatchOperationParams extends TargetParams {
  /** Visibility query selecting the executions (must not be empty). */
  query: string;
  operation: BatchOperationInput;
  reason: string;
  /** Default: a new UUID. */
  jobId?: string;
}

/** client -> server: terminate, cancel or signal every execution matching a query. */
export const startBatchOperation = new RequestType<
  StartBatchOperationParams,
  { jobId: string },
  void
>('temporal/startBatchOperation');

export interface BatchOperationView {
  jobId: string;
  /** Terminate, Cancel, Signal ... */
  operationType: string;
  /** Running, Completed, Failed. */
  state: string;
  startTime?: string;
  closeTime?: string;
  totalOperationCount: number;
  completeOperationCount: number;
  failureOperationCount: number;
  reason?: string;
  query?: string;
  identity?: string;
}

/** client -> server: progress of a batch operation. */
export const describeBatchOperation = new RequestType<
  TargetParams & { jobId: string },
  BatchOperationView,
  void
>('temporal/describeBatchOperation');

export interface ListBatchOperationsResult {
  operations: BatchOperationView[];
  nextPageToken?: string;
}

/** client -> server: batch operations of the namespace (state and times only). */
export const listBatchOperations = new RequestType<
  TargetParams & { pageSize?: number; nextPageToken?: string },
  ListBatchOperationsResult,
  void
>('temporal/listBatchOperations');

// ---------------------------------------------------------------------------------------------
// Source navigation

export interface FindSourceParams {
  kind: 'workflow' | 'activity' | 'signal' | 'query' | 'update';
  /** Registered name (workflow type, activity type, handler name). */
  name: string;
}

export interface FindSourceResult {
  locations: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

/** client -> server: where a workflow/activity type or handler is defined in the workspace. */
export const findSource = new RequestType<FindSourceParams, FindSourceResult, void>('temporal/findSource');
