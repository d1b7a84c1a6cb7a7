/**
 * Settings under `temporal.*`, typed once with their defaults and scopes. package.json
 * contributes the same names, types, defaults and scopes (a unit test holds them equal); the
 * server receives the `temporal` section through `workspace/didChangeConfiguration`.
 */

/** TLS options of a profile written in settings (paths only; key data never in settings). */
export interface SettingsProfileTls {
  /** Off turns TLS off even when an API key is set. */
  disabled?: boolean;
  clientCertPath?: string;
  clientKeyPath?: string;
  serverCaCertPath?: string;
  serverName?: string;
  disableHostVerification?: boolean;
}

/** A connection profile written in VS Code settings (`temporal.profiles.<name>`). */
export interface SettingsProfile {
  /** host:port of the frontend service (Temporal profiles). */
  address?: string;
  namespace?: string;
  tls?: SettingsProfileTls;
  /** True when an API key for this profile is kept in SecretStorage ("Temporal: Set API Key"). */
  apiKey?: boolean;
  /** Extra gRPC metadata sent with every call (like temporal.toml's grpc_meta). */
  grpcMeta?: Record<string, string>;
  /** Hide and refuse writes (start, signal, terminate, ...). */
  readOnly?: boolean;
  /** Base URL of the Web UI for "Open in Web UI". */
  webUiUrl?: string;
  /** Remote codec endpoint (as the Web UI has) to decode payloads. */
  codecEndpoint?: string;

  /** The engine: a Temporal frontend (default) or a duroxide store. */
  kind?: 'temporal' | 'duroxide';
  /** duroxide: the store, a SQLite file path or a `postgresql://user@host:port/db` URL. */
  store?: string;
  /** duroxide on PostgreSQL: the password is kept in SecretStorage ("Set Store Password"). */
  password?: boolean;
}

/** The `temporal` configuration section. */
export interface WorkbenchSettings {
  /** Profiles defined in settings, by name. Secrets are never stored here. */
  profiles: Record<string, SettingsProfile>;
  /** temporal.toml to read instead of TEMPORAL_CONFIG_FILE / the default location. */
  configFile: string;
  /** Names of profiles (from any source) that must never be written through. */
  readOnlyProfiles: string[];
  /** Per-call deadline for ordinary calls, in seconds. */
  rpcTimeoutSeconds: number;
  /** Identity sent with writes; empty means `temporal-workbench@<host>`. */
  identity: string;
  /** Refresh interval of open tree nodes, in seconds (0 = off). */
  refreshIntervalSeconds: number;

  // --- Security (issue 13): where a profile came from and whether the workspace is trusted.
  // The client computes these (no package.json entry): users never write them.
  /**
   * Profiles a workspace's own settings define (`.vscode/settings.json`). The VS Code client
   * sends user-level profiles in `profiles` and these apart, so that a workspace profile never
   * shares an API key with a user profile of the same name. Empty in an untrusted workspace.
   */
  workspaceProfiles: Record<string, SettingsProfile>;
  /** False in an untrusted workspace (Restricted Mode): workspace profiles get no stored secrets. */
  workspaceTrusted: boolean;
}

export const defaultSettings: WorkbenchSettings = {
  profiles: {},
  configFile: '',
  readOnlyProfiles: [],
  rpcTimeoutSeconds: 10,
  identity: '',
  refreshIntervalSeconds: 10,
  workspaceProfiles: {},
  workspaceTrusted: true,
};

/** Fills in defaults for whatever a client sent (other LSP clients may send nothing). */
export function withDefaults(partial: Partial<WorkbenchSettings> | undefined): WorkbenchSettings {
  return { ...defaultSettings, ...(partial ?? {}) };
}

/** A visibility query saved under a name (`temporal.savedQueries`). */
export interface SavedQuery {
  name: string;
  query: string;
}

/** Settings only the VS Code client reads (the server never needs them). */
export interface ClientSettings {
  /** Web UI base URL for "Open in Web UI" when the active profile has none. */
  webUiUrl: string;
  /** Saved visibility queries per namespace ("Save Workflow Query" adds to them). */
  savedQueries: Record<string, SavedQuery[]>;
}

export const defaultClientSettings: ClientSettings = {
  webUiUrl: 'http://localhost:8233',
  savedQueries: {},
};

/** Settings the client computes (no package.json entry): users never write them. */
export const computedSettings = ['workspaceProfiles', 'workspaceTrusted'] as const;

/** Settings users write, each contributed in package.json. */
export type UserSettingName =
  Exclude<keyof WorkbenchSettings, (typeof computedSettings)[number]> | keyof ClientSettings;

/** Where a setting may be set (package.json `scope`). */
export type SettingScope =
  | 'application'
  | 'machine'
  | 'machine-overridable'
  | 'window'
  | 'resource'
  | 'language-overridable';

/**
 * Scope of every `temporal.*` setting. Connection settings may differ per machine (a remote
 * window reaches other servers); the rest follow the window.
 */
export const settingScopes: Record<UserSettingName, SettingScope> = {
  profiles: 'machine-overridable',
  configFile: 'machine-overridable',
  readOnlyProfiles: 'window',
  rpcTimeoutSeconds: 'window',
  identity: 'window',
  refreshIntervalSeconds: 'window',
  webUiUrl: 'machine-overridable',
  savedQueries: 'window',
};
