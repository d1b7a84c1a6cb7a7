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
