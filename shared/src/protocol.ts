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

/** Where a profile was defined: `settings` is the user's settings, `workspace` a workspace's. */
export type ProfileSource = 'toml' | 'settings' | 'workspace' | 'env';

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
  /** SecretStorage key of this profile's API key (bound to source, name, address, TLS name). */
  apiKeySecret?: string;
  webUiUrl?: string;
  /** The engine behind the profile (absent = temporal). */
  kind?: BackendKind;
  /** duroxide: the store needs a password from SecretStorage that has not been set. */
  passwordMissing?: boolean;
  /** duroxide: SecretStorage key of the store password (bound to source, name and store). */
  storePasswordSecret?: string;
  /** Why this profile's engine cannot run here (duroxide without its native client); absent when it can. */
  unavailable?: string;
}

export interface ListProfilesResult {
  profiles: ProfileSummary[];
  /** The temporal.toml that was read, if any. */
  configFile?: string;
  /** Problems loading a source (malformed TOML, ...), each with a specific message. */
  problems: { source: ProfileSource; message: string }[];
}

/** client -> server: every profile from temporal.toml, environment and settings. */
export const listProfiles = new RequestType<NoParams, ListProfilesResult, void>(
  'temporal/listProfiles',
);

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
  /** TLS checks this profile turns off (e.g. host verification): shown as a warning. */
  tlsWarning?: string;
  /** The profile asks for a stored API key and none is stored for its current address. */
  apiKeyMissing?: boolean;
  /** Set when state is `error`. */
  error?: { kind: string; message: string };
  /** The engine of the active profile and what it can do (once connected). */
  backend?: BackendInfo;
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
  /** SecretStorage key made by `apiKeySecretKey`. */
  key: string;
}

/** server -> client: read one of the workbench's API keys (`apiKeySecretKey`) from SecretStorage. */
export const readSecret = new RequestType<ReadSecretParams, { value: string | null }, void>(
  'temporal/readSecret',
);

/** client -> server: a secret changed; drop connections that used it. */
export const secretChanged = new NotificationType<ReadSecretParams>('temporal/secretChanged');

/** What an API key is bound to: the same name from another source or at another address is another key. */
export interface ApiKeyBinding {
  source: ProfileSource;
  name: string;
  address: string;
  /** TLS server name override, when set. */
  serverName?: string;
}

/** Prefix of every SecretStorage key the workbench reads; `readSecret` answers nothing else. */
export const apiKeySecretPrefix = 'temporal.apiKey.v2:';

/** The SecretStorage key that holds the API key stored for exactly this profile and server. */
export function apiKeySecretKey(b: ApiKeyBinding): string {
  return apiKeySecretPrefix + JSON.stringify([b.source, b.name, b.address, b.serverName ?? '']);
}

/** The binding a key was made from (undefined for keys the workbench did not make). */
export function parseApiKeySecretKey(key: string): ApiKeyBinding | undefined {
  if (!key.startsWith(apiKeySecretPrefix)) return undefined;
  try {
    const [source, name, address, serverName] = JSON.parse(
      key.slice(apiKeySecretPrefix.length),
    ) as string[];
    if ([source, name, address, serverName].some((v) => typeof v !== 'string')) return undefined;
    return { source: source as ProfileSource, name, address, serverName: serverName || undefined };
  } catch {
    return undefined;
  }
}

/** Prefix of the SecretStorage keys holding duroxide PostgreSQL passwords. */
export const storePasswordSecretPrefix = 'temporal.storePassword.v2:';

/** The SecretStorage key of the password stored for exactly this duroxide profile and store (URL without password). */
export function storePasswordSecretKey(b: ApiKeyBinding): string {
  return storePasswordSecretPrefix + JSON.stringify([b.source, b.name, b.address, '']);
}

/** The binding a workbench secret (API key or store password) was made for; undefined for any other key. */
export function parseWorkbenchSecretKey(key: string): ApiKeyBinding | undefined {
  const prefix = [apiKeySecretPrefix, storePasswordSecretPrefix].find((p) => key.startsWith(p));
  return prefix ? parseApiKeySecretKey(apiKeySecretPrefix + key.slice(prefix.length)) : undefined;
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
export const getSystemInfo = new RequestType<TargetParams, SystemInfo, void>(
  'temporal/getSystemInfo',
);

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
  /** duroxide: the orchestration version to start (capability `versions`); default = latest. */
  version?: string;
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
  /** duroxide: the custom status the orchestration set. */
  customStatus?: PayloadView;
  /** duroxide: the orchestration's key-value store. */
  values?: Record<string, PayloadView>;
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
  /** A running execution whose workflow task keeps failing (with `checkWorkflowTasks`). */
  workflowTaskFailing?: { attempt: number; message: string };
}

export interface ListWorkflowsParams extends TargetParams {
  /** Visibility query (e.g. `WorkflowType='greeting' AND ExecutionStatus='Running'`); empty = all. */
  query?: string;
  /** Also report running executions whose workflow task keeps failing (a describe per running one, first 20). */
  checkWorkflowTasks?: boolean;
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
  locations: {
    uri: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
}

/** client -> server: where a workflow/activity type or handler is defined in the workspace. */
export const findSource = new RequestType<FindSourceParams, FindSourceResult, void>(
  'temporal/findSource',
);

// ---------------------------------------------------------------------------------------------
// Schedules
//
// A schedule is edited as one JSON document (`ScheduleDocument`): the same shape creates it,
// `getScheduleDocument` returns it and `updateSchedule` takes it back. The conventions of the
// workflow operations apply (durations as text, times ISO 8601, payload input as JSON text).
// Invalid input fails with InvalidInput naming the field (`spec.cronExpressions[0]`,
// `spec.timezoneName`, `spec.calendars[1].hour`) before anything is sent; nothing is created.

export type ScheduleOverlapPolicyName =
  'Skip' | 'BufferOne' | 'BufferAll' | 'CancelOther' | 'TerminateOther' | 'AllowAll';

/** Values `start` to `end` (inclusive) every `step` (default 1); a bare number is that value. */
export type ScheduleRangeInput = number | { start: number; end?: number; step?: number };

/**
 * One calendar field: a list of ranges, or cron-style text such as `"9-17/2"`, `"1,15"`,
 * `"MON-FRI"`, `"*"`. An empty list matches nothing (for `year`: every year).
 */
export type ScheduleCalendarField = ScheduleRangeInput[] | string;

/**
 * Calendar times that match every field (a structured calendar of the API). Absent fields
 * default to 0 for second, minute and hour, and to any value for the others.
 */
export interface ScheduleCalendarInput {
  /** 0-59. */
  second?: ScheduleCalendarField;
  /** 0-59. */
  minute?: ScheduleCalendarField;
  /** 0-23. */
  hour?: ScheduleCalendarField;
  /** 1-31. */
  dayOfMonth?: ScheduleCalendarField;
  /** 1-12 (text also takes names: `JAN`, `March`). */
  month?: ScheduleCalendarField;
  /** 2000-2100. */
  year?: ScheduleCalendarField;
  /** 0-6, Sunday = 0 (text also takes names: `MON-FRI`). */
  dayOfWeek?: ScheduleCalendarField;
  comment?: string;
}

export interface ScheduleIntervalInput {
  /** e.g. `1h`, `90s`; at least 1s. */
  every: string;
  /** Shift of the slots from the epoch-aligned ones (`every: 1h, offset: 15m` = hh:15); less than `every`. */
  offset?: string;
}

/** When the action runs: the union of intervals, calendars and cron expressions, minus `skip`. */
export interface ScheduleSpecInput {
  intervals?: ScheduleIntervalInput[];
  calendars?: ScheduleCalendarInput[];
  /**
   * Cron text: 5 fields (minute hour day-of-month month day-of-week), 6 (+ year) or 7 (second
   * first, + year); also `@daily`, `@hourly` ..., `@every 90m/15m`, a `CRON_TZ=<zone> ` prefix
   * and a `# comment` suffix. The server stores them as calendars (or intervals), so a described
   * schedule shows them under `calendars`.
   */
  cronExpressions?: string[];
  /**
   * Calendar times to skip even when they match (the API's excludeStructuredCalendar). Here
   * every absent field means any value: `{ "month": "12", "dayOfMonth": "25" }` skips that day.
   */
  skip?: ScheduleCalendarInput[];
  /** No action before this time. */
  startTime?: string;
  /** No action after this time. */
  endTime?: string;
  /** Each action is delayed by a random duration up to this. */
  jitter?: string;
  /** IANA time zone of calendars and cron expressions (e.g. `Europe/Paris`); default UTC. */
  timezoneName?: string;
}

/**
 * What each action starts: the workflow start options a schedule can carry. Id reuse/conflict,
 * start delay, cron, request id and signal-with-start are left out: the schedule decides them.
 */
export interface ScheduleActionInput extends Omit<
  StartWorkflowParams,
  | keyof TargetParams
  | 'workflowId'
  | 'idReusePolicy'
  | 'idConflictPolicy'
  | 'cronSchedule'
  | 'startDelay'
  | 'requestId'
  | 'signal'
  | 'input'
> {
  /**
   * The arguments as plain JSON: an array is the argument list (`["World"]`), another value is
   * the one argument. A string is read as JSON text, as `input` of startWorkflow (older form).
   */
  input?: JsonValue;
  /**
   * Prefix of the runs' workflow ids: each run appends its scheduled time
   * (`<workflowId>-2025-01-01T00:00:00Z`). Default: `<scheduleId>-workflow`.
   */
  workflowId?: string;
}

export interface SchedulePoliciesInput {
  /** What happens when an action is due while the previous run still runs (default Skip). */
  overlap?: ScheduleOverlapPolicyName;
  /** How late a missed action may still run after an outage (default 1 year; server minimum 10s). */
  catchupWindow?: string;
  /** Pause the schedule when a run fails or times out. */
  pauseOnFailure?: boolean;
  /** Runs use the action's workflow id as is, without the scheduled time appended. */
  keepOriginalWorkflowId?: boolean;
}

export interface ScheduleStateInput {
  paused?: boolean;
  /** Why it is paused, or any note. */
  notes?: string;
  /** Only this many more actions, then the schedule stops taking actions (absent = unlimited). */
  remainingActions?: number;
}

/** A schedule as one editable document: create input, describe view and update input. */
export interface ScheduleDocument {
  spec: ScheduleSpecInput;
  action: ScheduleActionInput;
  policies?: SchedulePoliciesInput;
  state?: ScheduleStateInput;
  /**
   * Memo of the schedule itself. On update: absent or unchanged = left as is, `{}` = cleared
   * (servers running schedules as workflows refuse memo changes).
   */
  memo?: Record<string, JsonValue>;
  /** Search attributes of the schedule itself. On update: absent or unchanged = left as is, `{}` = cleared. */
  searchAttributes?: Record<string, JsonValue>;
}

export interface CreateScheduleParams extends TargetParams, ScheduleDocument {
  scheduleId: string;
  /** Also take the action once right away. */
  triggerImmediately?: boolean;
  /** Same request id = same create. Default: a new UUID. */
  requestId?: string;
}

export interface CreateScheduleResult {
  scheduleId: string;
  namespace: string;
  /** Pass to updateSchedule to refuse the update if someone else changed the schedule first. */
  conflictToken?: string;
}

/** client -> server: create a schedule (fails with AlreadyExists for a taken id). */
export const createSchedule = new RequestType<CreateScheduleParams, CreateScheduleResult, void>(
  'temporal/createSchedule',
);

export interface ScheduleRefParams extends TargetParams {
  scheduleId: string;
}

/** One action a schedule took, linked to the run it started. */
export interface ScheduleActionResultView {
  /** The time the spec (or trigger/backfill) asked for. */
  scheduledTime?: string;
  /** When the action was actually taken (after jitter, buffering ...). */
  actualTime?: string;
  workflowId: string;
  runId: string;
  /** Status of that run as the schedule last saw it. */
  status?: ExecutionStatus;
}

export interface ScheduleDescription {
  scheduleId: string;
  /** Spec, action, policies, state, memo and search attributes in the document shape. */
  schedule: ScheduleDocument;
  /** One line for trees: `every 1m`, `0 9 * * 1-5 (weekdays)`, ... plus time zone. */
  specSummary: string;
  workflowType: string;
  taskQueue: string;
  paused: boolean;
  notes: string;
  /** Actions taken so far (scheduled, triggered and backfilled). */
  actionCount: number;
  /** Actions skipped because they were later than the catch-up window. */
  missedCatchupWindow: number;
  /** Actions skipped by the overlap policy. */
  overlapSkipped: number;
  /** Actions dropped because the buffer was full. */
  bufferDropped: number;
  /** Actions waiting in the buffer. */
  bufferSize: number;
  runningWorkflows: { workflowId: string; runId: string }[];
  /** Most recent last. */
  recentActions: ScheduleActionResultView[];
  /** The next times the spec matches (info.futureActionTimes). */
  futureActionTimes: string[];
  createTime?: string;
  updateTime?: string;
  /** Set when the server found the stored schedule invalid. */
  invalidScheduleError?: string;
  memo: Record<string, PayloadView>;
  searchAttributes: Record<string, PayloadView>;
  conflictToken?: string;
}

/** client -> server: a schedule with its state, counts, recent actions and next times. */
export const describeSchedule = new RequestType<ScheduleRefParams, ScheduleDescription, void>(
  'temporal/describeSchedule',
);

export interface ListSchedulesParams extends TargetParams {
  /** Visibility query over schedules (e.g. `TemporalSchedulePaused = true`); empty = all. */
  query?: string;
  pageSize?: number;
  nextPageToken?: string;
}

export interface ScheduleSummary {
  scheduleId: string;
  workflowType: string;
  paused: boolean;
  notes: string;
  specSummary: string;
  recentActions: ScheduleActionResultView[];
  futureActionTimes: string[];
  memo: Record<string, PayloadView>;
  searchAttributes: Record<string, PayloadView>;
}

export interface ListSchedulesResult {
  schedules: ScheduleSummary[];
  nextPageToken?: string;
}

/** client -> server: schedules of the namespace, one page (visibility: new ones appear shortly). */
export const listSchedules = new RequestType<ListSchedulesParams, ListSchedulesResult, void>(
  'temporal/listSchedules',
);

export interface GetScheduleDocumentResult {
  scheduleId: string;
  document: ScheduleDocument;
  /** Pass back to updateSchedule so a concurrent change is not overwritten. */
  conflictToken?: string;
  /**
   * What the document cannot show exactly (encoded payloads, headers ...). Such parts are kept
   * as they are when the document leaves them unchanged.
   */
  warnings: string[];
}

/** client -> server: the schedule as an editable document (the input shape of createSchedule). */
export const getScheduleDocument = new RequestType<
  ScheduleRefParams,
  GetScheduleDocumentResult,
  void
>('temporal/getScheduleDocument');

export interface UpdateScheduleParams extends ScheduleRefParams {
  /** The edited document, or its JSON text as edited (syntax errors name line and column). */
  document: ScheduleDocument | string;
  /** From getScheduleDocument/describeSchedule; the update fails if the schedule changed since. */
  conflictToken?: string;
  requestId?: string;
}

/**
 * client -> server: replace spec, action, policies and state (and memo/search attributes when
 * given) with the document's. Validated first: nothing is saved unless all of it is valid.
 */
export const updateSchedule = new RequestType<UpdateScheduleParams, { ok: true }, void>(
  'temporal/updateSchedule',
);

export interface PauseScheduleParams extends ScheduleRefParams {
  /** Stored as the schedule's notes. */
  note?: string;
}

/** client -> server: pause a schedule (no actions until unpaused; trigger and backfill still run). */
export const pauseSchedule = new RequestType<PauseScheduleParams, { ok: true }, void>(
  'temporal/pauseSchedule',
);

/** client -> server: unpause a schedule. */
export const unpauseSchedule = new RequestType<PauseScheduleParams, { ok: true }, void>(
  'temporal/unpauseSchedule',
);

export interface TriggerScheduleParams extends ScheduleRefParams {
  /** Default: the schedule's own overlap policy. */
  overlapPolicy?: ScheduleOverlapPolicyName;
}

/** client -> server: take the action once now. */
export const triggerSchedule = new RequestType<TriggerScheduleParams, { ok: true }, void>(
  'temporal/triggerSchedule',
);

export interface BackfillScheduleParams extends ScheduleRefParams {
  /** Inclusive: a spec time equal to `startTime` or `endTime` is taken. */
  startTime: string;
  endTime: string;
  /** Default: the schedule's own overlap policy (use AllowAll to run every slot). */
  overlapPolicy?: ScheduleOverlapPolicyName;
}

/** client -> server: take the actions the spec would have taken in a time range. */
export const backfillSchedule = new RequestType<BackfillScheduleParams, { ok: true }, void>(
  'temporal/backfillSchedule',
);

/** client -> server: delete a schedule (its runs are left alone; the client confirms first). */
export const deleteSchedule = new RequestType<ScheduleRefParams, { ok: true }, void>(
  'temporal/deleteSchedule',
);

export interface ListScheduleMatchingTimesParams extends ScheduleRefParams {
  startTime: string;
  endTime: string;
}

/** client -> server: the times in a range at which the schedule's spec would act (a preview). */
export const listScheduleMatchingTimes = new RequestType<
  ListScheduleMatchingTimesParams,
  { times: string[] },
  void
>('temporal/listScheduleMatchingTimes');

export interface WorkspaceWorker {
  /** Task queue after resolving constants and env defaults, when statically known. */
  taskQueue?: string;
  workflowTypes: string[];
  language: string;
  uri: string;
}

/** client -> server: worker registrations found in the workspace (task queue <-> workflow types). */
export const listWorkspaceWorkers = new RequestType<NoParams, { workers: WorkspaceWorker[] }, void>(
  'temporal/listWorkspaceWorkers',
);

// ---------------------------------------------------------------------------------------------
// Execution view
//
// The server pages an execution's history into a per-view session and hands back a compact
// model: the header, and one group per activity, timer, child, signal, update, Nexus operation
// or workflow task (the Web UI's "compact" rows), each on a timeline lane. Events stay the
// `HistoryEventView`s of getWorkflowHistory (their `json` is what export writes).

/** What a group of events is about. */
export type ExecutionGroupKind =
  | 'workflow'
  | 'workflowTask'
  | 'activity'
  | 'timer'
  | 'child'
  | 'signal'
  | 'signalExternal'
  | 'cancelExternal'
  | 'update'
  | 'nexus'
  | 'marker'
  | 'other';

/** Events that belong together (an activity's scheduled/started/completed ...). */
export interface ExecutionGroup {
  /** Id of the group's first event. */
  id: number;
  kind: ExecutionGroupKind;
  /** Activity type, timer id, child workflow type, signal/update name, `service/operation`. */
  name: string;
  /** Last event's outcome word: Scheduled, Started, Completed, Failed, Fired, Signaled ... */
  status: string;
  /** Still waiting for its closing event. */
  open: boolean;
  failed: boolean;
  /** Epoch milliseconds of the first and last event. */
  startMs?: number;
  endMs?: number;
  eventIds: number[];
  /** Activity attempt of the last start (> 1 means it was retried). */
  attempt?: number;
  /** Activity id, child workflow id, timer duration ... */
  detail?: string;
  /** Timeline row (0 = the workflow, 1 = workflow tasks, 2 = signals, then one per group). */
  lane: number;
}

/** What the history says about the run (the same names as `WorkflowDescription`). */
export interface ExecutionHeader extends Pick<
  WorkflowDescription,
  | 'workflowId'
  | 'runId'
  | 'workflowType'
  | 'taskQueue'
  | 'status'
  | 'startTime'
  | 'closeTime'
  | 'parent'
> {
  durationMs?: number;
  attempt?: number;
  /** Previous run when this one continued as new or retried. */
  continuedFromRunId?: string;
  /** Next run (continued as new / retry / cron). */
  nextRunId?: string;
  memo: Record<string, PayloadView[]>;
  searchAttributes: Record<string, PayloadView[]>;
  input?: PayloadView[];
  result?: PayloadView[];
  failure?: FailureView;
}

export interface ExecutionModel {
  header: ExecutionHeader;
  groups: ExecutionGroup[];
  eventCount: number;
  lastEventId: number;
  /** Number of timeline lanes. */
  laneCount: number;
  /**
   * Sent while the history is still being read (Compact and Timeline fill as it loads): the
   * events after `lastEventId`, the close among them, are not in it yet, so the header's status
   * is not known.
   */
  partial?: true;
}

export interface ExecutionViewPageParams extends WorkflowRefParams {
  /** Chosen by the client; the server keeps one session per view. */
  viewId: string;
  /** Absent: start over from the first event. */
  nextPageToken?: string;
  /** Long-poll for new events of a running execution. */
  follow?: boolean;
  pageSize?: number;
}

export interface ExecutionViewPageResult {
  /** The new events of this page. */
  events: HistoryEventView[];
  nextPageToken?: string;
  /** Events loaded so far in the session. */
  loaded: number;
  /** The model of all events loaded so far (sent when paging is done, and on follow pages). */
  model?: ExecutionModel;
}

/** client -> server: the next page of an execution view's history, added to its model. */
export const executionViewPage = new RequestType<
  ExecutionViewPageParams,
  ExecutionViewPageResult,
  void
>('temporal/executionViewPage');

export interface ImportExecutionHistoryParams extends TargetParams {
  viewId: string;
  /** A file as `temporal workflow show --output json` writes it (`{"events": [...]}`). */
  text: string;
  /** For messages about the file. */
  fileName?: string;
}

/** client -> server: an exported history file read into a view (payloads decoded as usual). */
export const importExecutionHistory = new RequestType<
  ImportExecutionHistoryParams,
  { events: HistoryEventView[]; model: ExecutionModel },
  void
>('temporal/importExecutionHistory');

/** client -> server: a view closed; its session is dropped. */
export const closeExecutionView = new NotificationType<{ viewId: string }>(
  'temporal/closeExecutionView',
);

/** One line of a stack trace, with the workspace file it names when there is one. */
export interface StackFrameView {
  text: string;
  /** Function or method the frame names, when it can be read. */
  functionName?: string;
  uri?: string;
  /** 0-based. */
  line?: number;
  character?: number;
}

/** client -> server: stack trace text split into frames resolved to workspace files. */
export const resolveStackTrace = new RequestType<
  { stackTrace: string },
  { frames: StackFrameView[] },
  void
>('temporal/resolveStackTrace');

/** One reason a running execution may not be making progress. */
export interface NotMovingReason {
  kind:
    | 'noPollers'
    | 'workflowTaskFailing'
    | 'activityRetrying'
    | 'timer'
    | 'pendingChild'
    | 'pendingNexus'
    | 'waiting';
  /** One sentence, e.g. "No worker polls task queue 'orders'". */
  message: string;
  /** Where the code involved is: a name to open through findSource. */
  source?: FindSourceParams;
  /** The event it is about. */
  eventId?: number;
  failure?: FailureView;
}

export interface ExecutionLiveState {
  description: WorkflowDescription;
  reasons: NotMovingReason[];
  /** `__stack_trace` query result, when the worker answered. */
  stackTrace?: { text: string; frames: StackFrameView[] };
  /** Why there is no stack trace (no worker, query failed ...). */
  stackTraceError?: string;
}

/** client -> server: pending work, stack trace and "why is it not moving?" of a running execution. */
export const getExecutionLiveState = new RequestType<
  WorkflowRefParams & { viewId?: string },
  ExecutionLiveState,
  void
>('temporal/getExecutionLiveState');

// Replay and the workflow graph
//
// Replay runs the workspace's own SDK (its node_modules, its venv) in a child process the server
// starts; only in a trusted workspace. Nondeterminism becomes a diagnostic (source `temporal-replay`)
// on the workflow source at the command that diverged.

export interface SourceRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface SourceLocation {
  uri: string;
  range: SourceRange;
}

/** Where the history to replay comes from: the server (one run) or a `temporal workflow show -o json` file. */
export type ReplaySource =
  ({ kind: 'execution' } & WorkflowRefParams) | { kind: 'file'; path: string; workflowId?: string };

export interface ReplayWorkflowParams {
  source: ReplaySource;
  /** Python interpreter the client knows of (the Python extension's selection); else `.venv`/`venv`. */
  pythonPath?: string;
}

/** Why a replay did not replay: the environment, not the workflow. */
export type ReplaySetupProblem = 'missingSdk' | 'noWorkflowSource' | 'runnerFailed';

/** What the history expected versus what the code did, parsed from the SDK's nondeterminism error. */
export interface NondeterminismDetail {
  /** History event the code diverged at, when the SDK names it or it can be found. */
  eventId?: number;
  /** What the history has there (e.g. `ActivityTaskScheduled composeGreeting`). */
  expected?: string;
  /** What the code did instead (e.g. `timer`, `child workflow longTimer`), when known. */
  actual?: string;
}

export interface ReplayRunResult {
  workflowId: string;
  runId: string;
  workflowType: string;
  /** `ok`: the code replays the history cleanly. */
  outcome: 'ok' | 'nondeterminism' | 'failure';
  /** SDK message (failure / nondeterminism). */
  message?: string;
  detail?: NondeterminismDetail;
  /** Where the diagnostic was put. */
  location?: SourceLocation;
}

export interface ReplayWorkflowResult {
  language?: 'typescript' | 'python';
  /** SDK version that replayed (from the workspace's environment). */
  sdkVersion?: string;
  runs: ReplayRunResult[];
  /** Set when nothing was replayed; `message` says what to do. */
  problem?: { kind: ReplaySetupProblem; message: string };
}

/** client -> server: replay one history against the workspace's workflow code. */
export const replayWorkflow = new RequestType<ReplayWorkflowParams, ReplayWorkflowResult, void>(
  'temporal/replayWorkflow',
);

export interface ReplayRecentParams extends TargetParams {
  workflowType: string;
  /** How many of the latest closed executions (default 10, at most 100). */
  count?: number;
  pythonPath?: string;
  /** Work-done progress token created by the client. */
  workDoneToken?: string | number;
}

export interface ReplayRecentResult extends ReplayWorkflowResult {
  summary: { total: number; ok: number; nondeterministic: number; failed: number };
}

/** client -> server: replay the last N closed executions of a workflow type ($/progress per run). */
export const replayRecent = new RequestType<ReplayRecentParams, ReplayRecentResult, void>(
  'temporal/replayRecent',
);

export interface DebugReplayParams extends ReplayWorkflowParams {}

/** What the client launches under its debugger to replay with breakpoints. */
export interface DebugReplayPlan {
  language: 'typescript' | 'python';
  /** Program (node or python interpreter) and its arguments: the runner with its job file. */
  program: string;
  args: string[];
  cwd: string;
  /** The runner writes its result here; `temporal/finishDebugReplay` reads it. */
  resultFile: string;
  workflowType: string;
}

/** client -> server: write the replay job for a debug session and return what to launch. */
export const prepareDebugReplay = new RequestType<DebugReplayParams, DebugReplayPlan, void>(
  'temporal/prepareDebugReplay',
);

/** client -> server: after the debug session ended, read its result (diagnostics as for a replay). */
export const finishDebugReplay = new RequestType<
  { resultFile: string },
  ReplayWorkflowResult,
  void
>('temporal/finishDebugReplay');

export type WorkflowGraphNodeKind =
  | 'activity'
  | 'childWorkflow'
  | 'timer'
  | 'signalSent'
  | 'continueAsNew'
  | 'signalHandler'
  | 'queryHandler'
  | 'updateHandler';

export interface WorkflowGraphNode {
  /** Stable within one graph (`activity:composeGreeting`). */
  id: string;
  kind: WorkflowGraphNodeKind;
  /** Registered name (activity/workflow type, signal/query/update name); the callee for timers. */
  name: string;
  /** Call sites in the workflow (for handlers: the handler definition). */
  sites: SourceLocation[];
  /** Definition of the activity / child workflow / handler in the workspace, when indexed. */
  definition?: SourceLocation;
}

export interface WorkflowGraph {
  workflowType: string;
  language: string;
  definition: SourceLocation;
  nodes: WorkflowGraphNode[];
  /** The same graph as a Mermaid flowchart. */
  mermaid: string;
  /** What the chosen run did at each node (by node id), when `run` was asked for. */
  run?: WorkflowGraphRun;
}

/** How a node fared in one run: what its history events say. */
export type WorkflowGraphNodeState =
  /** The run never got to it. */
  | 'notRun'
  /** Scheduled / started and not closed yet. */
  | 'running'
  | 'completed'
  /** Failed, timed out, was cancelled or rejected (at least once). */
  | 'failed'
  /** Queries leave no history: nothing to say. */
  | 'notRecorded';

export interface WorkflowGraphNodeRun {
  state: WorkflowGraphNodeState;
  /** e.g. `2 scheduled · 1 completed · 1 failed`. */
  summary: string;
  /** History events about this node, in order. */
  eventIds: number[];
}

export interface WorkflowGraphRun {
  workflowId: string;
  runId: string;
  /** The run's own state (the workflow node's colour). */
  state: WorkflowGraphNodeState;
  /** Short status of the run (`Completed`, `Failed`, `Running`, `ContinuedAsNew`...). */
  status: string;
  nodes: Record<string, WorkflowGraphNodeRun>;
}

export interface WorkflowGraphParams extends TargetParams {
  /** Workflow type name as registered. */
  workflowType: string;
  language?: string;
  /** Colour the nodes by what this run did (its history, read from the server). */
  run?: { workflowId: string; runId?: string };
}

/** client -> server (any LSP client): what a workflow does, from its source, as data and Mermaid text. */
export const workflowGraph = new RequestType<
  WorkflowGraphParams,
  { graphs: WorkflowGraph[] },
  void
>('temporal/workflowGraph');

// Backends: what the engine behind a profile can do, and duroxide's store-level requests

/** The engine a profile talks to. */
export type BackendKind = 'temporal' | 'duroxide';

/** Optional abilities of a backend; the client hides what is false instead of failing. */
export const backendCapabilityNames = [
  'namespaces',
  'payloadCodec',
  'execute',
  'terminate',
  'reset',
  'queries',
  'updates',
  'schedules',
  'taskQueues',
  'searchAttributes',
  'activities',
  'batch',
  'metrics',
  'prune',
  'versions',
] as const;

export type BackendCapability = (typeof backendCapabilityNames)[number];

export type BackendCapabilities = Record<BackendCapability, boolean>;

export interface BackendInfo {
  kind: BackendKind;
  capabilities: BackendCapabilities;
}

/** client -> server: the backend kind and capabilities of a profile (default: the active one). */
export const getBackendInfo = new RequestType<TargetParams, BackendInfo, void>(
  'temporal/getBackendInfo',
);

/** Store-wide numbers of a duroxide store, as its management API reports them. */
export interface BackendMetrics {
  totalInstances: number;
  totalExecutions: number;
  runningInstances: number;
  completedInstances: number;
  failedInstances: number;
  totalEvents: number;
  queues: { orchestrator: number; worker: number; timer: number };
}

/** client -> server: system metrics and queue depths of the target store (capability `metrics`). */
export const getBackendMetrics = new RequestType<TargetParams, BackendMetrics, void>(
  'temporal/getBackendMetrics',
);

export interface PruneExecutionsParams extends TargetParams {
  /** One instance; absent = every terminal instance. */
  workflowId?: string;
  /** Keep the newest N executions of each instance (the current one is always kept). */
  keepLast?: number;
  /** Only executions that completed before this ISO time. */
  completedBefore?: string;
}

export interface PruneExecutionsResult {
  instancesProcessed: number;
  executionsDeleted: number;
  eventsDeleted: number;
}

/** client -> server: delete old executions of continue-as-new chains (capability `prune`). */
export const pruneExecutions = new RequestType<PruneExecutionsParams, PruneExecutionsResult, void>(
  'temporal/pruneExecutions',
);

// Visibility queries (the List filter language; syntaxes/temporal-query.tmLanguage.json)

export interface CheckVisibilityQueryParams extends TargetParams {
  query: string;
}

/** One problem of a query; offsets are into the query text as given. */
export interface VisibilityQueryProblem {
  message: string;
  start: number;
  end: number;
  /** Unknown attributes are warnings until the namespace's own list is known. */
  severity: 'error' | 'warning';
}

/**
 * client -> server: syntax errors, unknown search attributes, operators and values the attribute
 * type does not allow, checked against the namespace's attributes before the query is sent.
 */
export const checkVisibilityQuery = new RequestType<
  CheckVisibilityQueryParams,
  { problems: VisibilityQueryProblem[] },
  void
>('temporal/checkVisibilityQuery');
