// Connection profiles from the three places a Temporal user keeps them: temporal.toml (read by
// the official envconfig loader, so paths, precedence and env overrides match the CLI and SDKs),
// TEMPORAL_* environment variables, and profiles written in VS Code settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  tomlLoadClientConfig,
  tomlLoadClientConfigProfile,
  type TomlClientConfigProfile,
} from '@temporalio/envconfig/lib/envconfig-toml';
import {
  apiKeySecretKey,
  storePasswordSecretKey,
  type BackendKind,
  type ProfileSource,
  type ProfileSummary,
} from '../../../shared/src/protocol';
import type { SettingsProfile, WorkbenchSettings } from '../../../shared/src/settings';
import { WorkbenchError } from '../errors';

/** Inline data or a file path, as temporal.toml allows for certificates and keys. */
export type DataSource = { path: string } | { data: string };

export interface TlsDefinition {
  disabled?: boolean;
  clientCert?: DataSource;
  clientKey?: DataSource;
  serverCaCert?: DataSource;
  serverName?: string;
  disableHostVerification?: boolean;
}

/** A profile with everything needed to connect, except secrets kept in SecretStorage. */
export interface ProfileDefinition {
  id: string;
  name: string;
  source: ProfileSource;
  address: string;
  namespace: string;
  /** From temporal.toml or TEMPORAL_API_KEY; settings profiles keep theirs in SecretStorage. */
  apiKey?: string;
  /** A settings profile that says it has an API key in SecretStorage. */
  apiKeyInSecretStorage: boolean;
  tls?: TlsDefinition;
  grpcMeta: Record<string, string>;
  readOnly: boolean;
  webUiUrl?: string;
  codecEndpoint?: string;
  /** The engine (absent = temporal); duroxide profiles come only from settings. */
  kind?: BackendKind;
  /** duroxide: SQLite file path or PostgreSQL URL (`address` shows it without a password). */
  store?: string;
  /** duroxide on PostgreSQL: the password is in SecretStorage. */
  passwordInSecretStorage?: boolean;
}

export interface LoadedProfiles {
  profiles: ProfileDefinition[];
  configFile?: string;
  problems: { source: ProfileSource; message: string }[];
}

const defaultAddress = 'localhost:7233';
const defaultNamespace = 'default';

/** The temporal.toml location the CLI and SDKs use, unless overridden. */
export function configFilePath(settings: WorkbenchSettings, env: NodeJS.ProcessEnv): string {
  if (settings.configFile) return expandHome(settings.configFile);
  if (env.TEMPORAL_CONFIG_FILE) return expandHome(env.TEMPORAL_CONFIG_FILE);
  let dir: string;
  if (process.platform === 'win32')
    dir = env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  else if (process.platform === 'darwin')
    dir = path.join(os.homedir(), 'Library', 'Application Support');
  else dir = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(dir, 'temporalio', 'temporal.toml');
}

function expandHome(p: string): string {
  return p.startsWith('~/') ? path.join(os.homedir(), p.slice(2)) : p;
}

export function loadProfiles(settings: WorkbenchSettings, env: NodeJS.ProcessEnv): LoadedProfiles {
  const problems: LoadedProfiles['problems'] = [];
  const profiles: ProfileDefinition[] = [];
  const readOnly = new Set(settings.readOnlyProfiles);
  const file = configFilePath(settings, env);
  const envProfileName = env.TEMPORAL_PROFILE || 'default';
  const envVars = env as Record<string, string>;
  let configFile: string | undefined;
  let tomlNames: string[] = [];

  if (fs.existsSync(file)) {
    configFile = file;
    try {
      const raw = tomlLoadClientConfig({ configSource: { path: file }, overrideEnvVars: envVars });
      tomlNames = Object.keys(raw.profile ?? {});
      for (const name of tomlNames) {
        // Environment variables override only the profile the environment selects, as in the CLI.
        const p =
          name === envProfileName
            ? tomlLoadClientConfigProfile({
                configSource: { path: file },
                profile: name,
                overrideEnvVars: envVars,
              })
            : raw.profile[name];
        profiles.push(fromToml('toml', name, p, readOnly.has(name)));
      }
    } catch (err) {
      problems.push({ source: 'toml', message: tomlProblem(file, err) });
    }
  } else if (settings.configFile || env.TEMPORAL_CONFIG_FILE) {
    problems.push({ source: 'toml', message: `Config file ${file} does not exist` });
  }

  if (
    env.TEMPORAL_PROFILE &&
    configFile &&
    !tomlNames.includes(env.TEMPORAL_PROFILE) &&
    !problems.length
  ) {
    problems.push({
      source: 'env',
      message: `Profile '${env.TEMPORAL_PROFILE}' (from TEMPORAL_PROFILE) not found in ${configFile}`,
    });
  }
  if (!tomlNames.includes(envProfileName)) {
    const fromEnv = tomlLoadClientConfigProfile({ disableFile: true, overrideEnvVars: envVars });
    const hasEnv = Object.values(fromEnv).some((v) => v !== undefined);
    if (hasEnv || (!tomlNames.length && !Object.keys(settings.profiles).length)) {
      profiles.push(fromToml('env', envProfileName, fromEnv, readOnly.has(envProfileName)));
    }
  }
  for (const [name, p] of Object.entries(settings.profiles)) {
    profiles.push(fromSettings('settings', name, p, readOnly.has(name)));
  }
  // A workspace's profiles stay apart from the user's, even under the same name (own id, own key).
  for (const [name, p] of Object.entries(settings.workspaceProfiles ?? {})) {
    profiles.push(fromSettings('workspace', name, p, readOnly.has(name)));
  }
  return { profiles, configFile, problems };
}

/** smol-toml errors carry line/column and a multi-line excerpt; keep one line a person can act on. */
function tomlProblem(file: string, err: unknown): string {
  const e = err as Error & { line?: number; column?: number };
  const first = e.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
  const where = e.line ? ` (line ${e.line}, column ${e.column})` : '';
  return `${file} is not valid temporal.toml${where}: ${first}`;
}

function fromToml(
  source: ProfileSource,
  name: string,
  p: TomlClientConfigProfile,
  readOnly: boolean,
): ProfileDefinition {
  const t = p.tls;
  return {
    id: `${source}:${name}`,
    name,
    source,
    address: p.address || defaultAddress,
    namespace: p.namespace || defaultNamespace,
    apiKey: p.api_key || undefined,
    apiKeyInSecretStorage: false,
    tls: t && {
      disabled: t.disabled,
      clientCert: dataSource(t.client_cert_path, t.client_cert_data),
      clientKey: dataSource(t.client_key_path, t.client_key_data),
      serverCaCert: dataSource(t.server_ca_cert_path, t.server_ca_cert_data),
      serverName: t.server_name,
      disableHostVerification: t.disable_host_verification,
    },
    grpcMeta: { ...p.grpc_meta },
    readOnly,
    codecEndpoint: p.codec?.endpoint,
  };
}

function dataSource(filePath?: string, data?: string): DataSource | undefined {
  if (data) return { data };
  if (filePath) return { path: expandHome(filePath) };
  return undefined;
}

function fromSettings(
  source: 'settings' | 'workspace',
  name: string,
  p: SettingsProfile,
  readOnly: boolean,
): ProfileDefinition {
  if (p.kind === 'duroxide') return duroxideFromSettings(source, name, p, readOnly);
  const t = p.tls;
  return {
    id: `${source}:${name}`,
    name,
    source,
    address: p.address || defaultAddress,
    namespace: p.namespace || defaultNamespace,
    apiKeyInSecretStorage: p.apiKey === true,
    tls: t && {
      disabled: t.disabled,
      clientCert: dataSource(t.clientCertPath),
      clientKey: dataSource(t.clientKeyPath),
      serverCaCert: dataSource(t.serverCaCertPath),
      serverName: t.serverName,
      disableHostVerification: t.disableHostVerification,
    },
    grpcMeta: p.grpcMeta ?? {},
    readOnly: readOnly || p.readOnly === true,
    webUiUrl: p.webUiUrl,
    codecEndpoint: p.codecEndpoint,
  };
}

/** A duroxide store: SQLite file or PostgreSQL database; no namespaces (shown as `-`). */
function duroxideFromSettings(
  source: 'settings' | 'workspace',
  name: string,
  p: SettingsProfile,
  readOnly: boolean,
): ProfileDefinition {
  const store = (p.store ?? '').trim();
  return {
    id: `${source}:${name}`,
    name,
    source,
    address: store ? displayStore(store) : '(no store set)',
    namespace: '-',
    apiKeyInSecretStorage: false,
    grpcMeta: {},
    readOnly: readOnly || p.readOnly === true,
    kind: 'duroxide',
    store: store ? expandHome(store) : undefined,
    passwordInSecretStorage: p.password === true,
  };
}

export function isPostgresStore(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/** The store as shown and named in errors: a PostgreSQL URL without its password. */
export function displayStore(store: string): string {
  if (!isPostgresStore(store)) return store;
  try {
    const url = new URL(store);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return store.replace(/:[^:@/]*@/, ':***@');
  }
}

/** TLS is on when configured and not disabled, or when an API key is used (as the SDKs do). */
export function usesTls(def: ProfileDefinition, hasApiKey: boolean): boolean {
  if (def.tls) return def.tls.disabled !== true;
  return hasApiKey;
}

export function summarise(def: ProfileDefinition, hasSecret: boolean): ProfileSummary {
  const hasApiKey =
    def.kind !== 'duroxide' && (def.apiKey !== undefined || def.apiKeyInSecretStorage || hasSecret);
  return {
    id: def.id,
    name: def.name,
    source: def.source,
    address: def.address,
    namespace: def.namespace,
    tls: usesTls(def, hasApiKey),
    auth: hasApiKey ? 'apiKey' : def.tls?.clientCert ? 'mtls' : 'none',
    readOnly: def.readOnly,
    apiKeyMissing: def.apiKeyInSecretStorage && !hasSecret ? true : undefined,
    apiKeySecret: def.apiKeyInSecretStorage ? apiKeySecretKey(apiKeyBinding(def)) : undefined,
    webUiUrl: def.webUiUrl,
    kind: def.kind === 'duroxide' ? 'duroxide' : undefined,
    passwordMissing: def.passwordInSecretStorage && !hasSecret ? true : undefined,
    storePasswordSecret: def.passwordInSecretStorage
      ? storePasswordSecretKey(apiKeyBinding(def))
      : undefined,
  };
}

/** What a stored API key is bound to: a key is only ever sent where it was stored for. */
export function apiKeyBinding(def: ProfileDefinition) {
  return {
    source: def.source,
    name: def.name,
    address: def.address,
    serverName: def.tls?.serverName,
  };
}

/** The TLS checks a profile turns off, for a warning (undefined when all are on). */
export function tlsWarning(def: ProfileDefinition, hasApiKey: boolean): string | undefined {
  if (hasApiKey && !usesTls(def, hasApiKey)) {
    return `Profile '${def.name}' sends its API key without TLS (tls.disabled): anyone on the path to ${def.address} can read it`;
  }
  if (!usesTls(def, hasApiKey) || !def.tls?.disableHostVerification) return undefined;
  return `TLS host name verification is off for profile '${def.name}' (disableHostVerification): the server certificate is not checked against ${def.tls.serverName ?? def.address}`;
}

export function findProfile(loaded: LoadedProfiles, idOrName: string): ProfileDefinition {
  const found =
    loaded.profiles.find((p) => p.id === idOrName) ??
    loaded.profiles.find((p) => p.name === idOrName);
  if (!found) {
    const known = loaded.profiles.map((p) => p.name).join(', ') || 'none';
    throw new WorkbenchError(
      'ProfileConfig',
      `Unknown profile '${idOrName}' (known profiles: ${known})`,
    );
  }
  return found;
}
