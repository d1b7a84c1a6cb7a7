// The server's state: settings, the profiles they yield, the active profile/namespace, one
// connection per profile, and the connection status the client shows in its status bar.
import { createHash } from 'node:crypto';
import type { ConnectionStatus, TargetParams } from '../../shared/src/protocol';
import { apiKeySecretKey, storePasswordSecretKey } from '../../shared/src/protocol';
import { withDefaults, type WorkbenchSettings } from '../../shared/src/settings';
import {
  apiKeyBinding,
  findProfile,
  loadProfiles,
  summarise,
  tlsWarning,
  type LoadedProfiles,
  type ProfileDefinition,
} from './connection/profiles';
import { TemporalConnection } from './connection/temporalConnection';
import { asWorkbenchError, WorkbenchError } from './errors';
import { redact, rememberSecret } from './redact';
import { capabilitiesOf, type Backend } from './backends/backend';
import { temporalBackend } from './backends/temporal/backend';
import { duroxideUnavailable, type DuroxideClient } from './backends/duroxide/binding';
import { duroxideBackend } from './backends/duroxide/backend';
import { openStore } from './backends/duroxide/store';

/** Failures of the connection itself (not of one request): they turn the status bar red. */
const transportKinds = new Set(['Unavailable', 'TlsConfig', 'Unauthenticated']);

/** What an operation runs against. */
export interface Target {
  connection: TemporalConnection;
  namespace: string;
  profile: ProfileDefinition;
}

/** A connection and what it was made from (profile object, key, settings generation). */
interface CachedConnection {
  fingerprint: string;
  connection: TemporalConnection;
  profile: ProfileDefinition;
  apiKey: string | undefined;
  settingsGeneration: number;
}

export type SecretReader = (key: string) => Promise<string | null>;

export class Workbench {
  private settings: WorkbenchSettings = withDefaults(undefined);
  private loaded?: LoadedProfiles;
  private active?: { profileId: string; namespace?: string };
  private readonly connections = new Map<string, CachedConnection>();
  /** Secrets read per bound key, until a secret or the settings change (saves a round trip per operation). */
  private readonly secrets = new Map<string, Promise<string | null>>();
  /** Bumped on every settings change: a cached connection's fingerprint is checked again after. */
  private settingsGeneration = 0;
  private readonly stores = new Map<
    string,
    { fingerprint: string; client: Promise<DuroxideClient> }
  >();
  private status: ConnectionStatus = { state: 'disconnected' };
  private readonly statusListeners: ((status: ConnectionStatus) => void)[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly readSecret: SecretReader,
    private readonly onStatus: (status: ConnectionStatus) => void,
  ) {}

  /** The editor says the workspace is trusted (clients without workspace trust send nothing: trusted). */
  get workspaceTrusted(): boolean {
    return this.settings.workspaceTrusted;
  }

  updateSettings(settings: Partial<WorkbenchSettings> | undefined): void {
    this.settings = withDefaults(settings);
    this.loaded = undefined;
    this.secrets.clear();
    this.settingsGeneration++;
  }

  profiles(reload = false): LoadedProfiles {
    if (!this.loaded || reload) this.loaded = loadProfiles(this.settings, this.env);
    return this.loaded;
  }

  async listProfiles() {
    const loaded = this.profiles(true);
    const profiles = await Promise.all(
      loaded.profiles.map(async (p) => ({
        ...summarise(
          p,
          p.passwordInSecretStorage
            ? !!(await this.secret(p, 'storePassword'))
            : p.apiKeyInSecretStorage && !!(await this.secret(p)),
        ),
        // duroxide needs its native client, which only the linux-x64 package carries.
        ...(p.kind === 'duroxide' ? { unavailable: duroxideUnavailable() } : {}),
      })),
    );
    return { profiles, configFile: loaded.configFile, problems: loaded.problems };
  }

  onDidChangeStatus(listener: (status: ConnectionStatus) => void): void {
    this.statusListeners.push(listener);
  }

  getStatus(): ConnectionStatus {
    return this.status;
  }

  /** Makes a profile active and checks that the server answers. */
  async select(
    profileId: string,
    namespace?: string,
    signal?: AbortSignal,
  ): Promise<ConnectionStatus> {
    const profile = findProfile(this.profiles(true), profileId);
    this.active = { profileId: profile.id, namespace };
    const ns = namespace || profile.namespace;
    this.setStatus({ state: 'connecting', ...this.describe(profile, ns) });
    try {
      const backend = await this.backend({});
      const info = await backend.check(signal);
      this.setStatus({
        state: 'connected',
        ...this.describe(profile, ns),
        serverVersion: info.serverVersion,
        backend: { kind: backend.kind, capabilities: capabilitiesOf(backend) },
      });
    } catch (err) {
      const e = asWorkbenchError(err);
      const apiKeyMissing = e.data.apiKeyMissing;
      this.setStatus({
        state: 'error',
        ...this.describe(profile, ns),
        apiKeyMissing,
        error: { kind: e.kind, message: redact(e.message) },
      });
    }
    return this.status;
  }

  /** Resolves the profile and namespace a request names, defaulting to the active ones. */
  async target(params: TargetParams): Promise<Target> {
    const loaded = this.profiles();
    const profileId = params.profileId ?? this.active?.profileId ?? this.defaultProfile(loaded).id;
    const profile = findProfile(loaded, profileId);
    const namespace =
      params.namespace ||
      (profile.id === this.active?.profileId ? this.active.namespace : undefined) ||
      profile.namespace;
    return { connection: await this.connect(profile), namespace, profile };
  }

  /** The backend of the profile a request names (default: the active one), bound to its target. */
  async backend(params: TargetParams): Promise<Backend> {
    const profile = this.resolveProfile(params);
    if (profile.kind === 'duroxide') {
      const client = await this.openDuroxide(profile);
      return duroxideBackend({
        profile,
        client,
        assertWritable: () => this.assertProfileWritable(profile),
      });
    }
    return temporalBackend(this, await this.target(params));
  }

  private resolveProfile(params: TargetParams): ProfileDefinition {
    const loaded = this.profiles();
    return findProfile(
      loaded,
      params.profileId ?? this.active?.profileId ?? this.defaultProfile(loaded).id,
    );
  }

  /** One native client per duroxide profile, reopened when the profile or its password changes. */
  private async openDuroxide(profile: ProfileDefinition): Promise<DuroxideClient> {
    const password = profile.passwordInSecretStorage
      ? ((await this.secret(profile, 'storePassword')) ?? undefined)
      : undefined;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([profile, password ?? '']))
      .digest('hex');
    const cached = this.stores.get(profile.id);
    if (cached?.fingerprint === fingerprint) return cached.client;
    const client = openStore(profile, password);
    this.stores.set(profile.id, { fingerprint, client });
    // A store that failed to open is tried again on the next request.
    client.catch(
      () => this.stores.get(profile.id)?.client === client && this.stores.delete(profile.id),
    );
    return client;
  }

  /** Runs one call, translating failures into WorkbenchErrors that name the address and namespace. */
  async call<T>(target: Target, fn: (c: TemporalConnection) => Promise<T>): Promise<T> {
    try {
      const result = await fn(target.connection);
      // The server answered again after a failure: the status bar should say so.
      if (
        this.status.state === 'error' &&
        transportKinds.has(this.status.error?.kind ?? '') &&
        this.isActive(target)
      ) {
        this.setStatus({ ...this.status, state: 'connected', error: undefined });
      }
      return result;
    } catch (err) {
      const e = asWorkbenchError(err, {
        address: target.connection.address,
        namespace: target.namespace,
        timeoutMs: target.connection.timeoutMs,
      });
      if (e.kind === 'Unavailable') target.connection.reconnectIfFailed();
      if (this.isActive(target) && transportKinds.has(e.kind)) {
        this.setStatus({
          ...this.status,
          state: 'error',
          error: { kind: e.kind, message: redact(e.message) },
        });
      }
      throw e;
    }
  }

  /** Writes refuse to run through a read-only profile (the client hides them too). */
  assertWritable(target: Target): void {
    this.assertProfileWritable(target.profile);
  }

  private assertProfileWritable(profile: ProfileDefinition): void {
    if (profile.readOnly) {
      throw new WorkbenchError(
        'ReadOnly',
        `Profile '${profile.name}' is read-only: writes are disabled`,
      );
    }
  }

  /** Drops cached connections (after a secret or settings change). */
  invalidate(): void {
    for (const entry of this.connections.values()) entry.connection.close();
    this.connections.clear();
    this.stores.clear();
    this.secrets.clear();
  }

  dispose(): void {
    this.invalidate();
  }

  private defaultProfile(loaded: LoadedProfiles): ProfileDefinition {
    const wanted = this.env.TEMPORAL_PROFILE || 'default';
    const first = loaded.profiles.find((p) => p.name === wanted) ?? loaded.profiles[0];
    if (!first) throw new WorkbenchError('ProfileConfig', 'No connection profile is configured');
    return first;
  }

  /**
   * A secret stored for exactly this profile: only profiles that ask for one (`apiKey: true`, or a
   * duroxide store with `password: true`) get one, under a key bound to their source, name,
   * address (store URL without password) and TLS server name, so a secret is never sent anywhere
   * but where it was stored for. Workspace profiles get none in Restricted Mode.
   */
  private async secret(
    profile: ProfileDefinition,
    kind: 'apiKey' | 'storePassword' = 'apiKey',
  ): Promise<string | null> {
    if (kind === 'apiKey' ? !profile.apiKeyInSecretStorage : !profile.passwordInSecretStorage)
      return null;
    if (profile.source === 'workspace' && !this.settings.workspaceTrusted) return null;
    const keyOf = kind === 'apiKey' ? apiKeySecretKey : storePasswordSecretKey;
    const key = keyOf(apiKeyBinding(profile));
    let read = this.secrets.get(key);
    if (!read) {
      read = (async () => this.readSecret(key))();
      this.secrets.set(key, read);
      // A failed read is not remembered: the next operation asks again.
      read.catch(() => this.secrets.get(key) === read && this.secrets.delete(key));
    }
    try {
      const value = await read;
      rememberSecret(value ?? undefined);
      return value;
    } catch {
      return null; // a client without SecretStorage (another editor) simply has no secrets
    }
  }

  private async connect(profile: ProfileDefinition): Promise<TemporalConnection> {
    const apiKey = profile.apiKey ?? (await this.secret(profile)) ?? undefined;
    if (profile.apiKeyInSecretStorage && apiKey === undefined) {
      const why =
        profile.source === 'workspace' && !this.settings.workspaceTrusted
          ? `Profile '${profile.name}' comes from an untrusted workspace: stored API keys are not used in Restricted Mode`
          : `Profile '${profile.name}' needs an API key for ${profile.address} (keys are bound to the address they were stored for): run "Temporal: Set API Key" to store it`;
      throw new WorkbenchError('Unauthenticated', why, {
        address: profile.address,
        apiKeyMissing: true,
      });
    }
    rememberSecret(profile.apiKey);
    for (const [name, value] of Object.entries(profile.grpcMeta)) {
      if (name.toLowerCase() === 'authorization') rememberSecret(value);
    }
    if (profile.tls?.clientKey && 'data' in profile.tls.clientKey)
      rememberSecret(profile.tls.clientKey.data);
    const cached = this.connections.get(profile.id);
    // Same profile object, key and settings as last time: no need to hash the profile again.
    if (
      cached?.profile === profile &&
      cached.apiKey === apiKey &&
      cached.settingsGeneration === this.settingsGeneration
    ) {
      return cached.connection;
    }
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          profile,
          apiKey ?? '',
          this.settings.rpcTimeoutSeconds,
          this.settings.identity,
        ]),
      )
      .digest('hex');
    const current = { fingerprint, profile, apiKey, settingsGeneration: this.settingsGeneration };
    if (cached?.fingerprint === fingerprint) {
      this.connections.set(profile.id, { ...current, connection: cached.connection });
      return cached.connection;
    }
    cached?.connection.close();
    const connection = new TemporalConnection(profile, {
      apiKey,
      timeoutMs: this.settings.rpcTimeoutSeconds * 1000,
      identity: this.settings.identity,
    });
    this.connections.set(profile.id, { ...current, connection });
    return connection;
  }

  private isActive(target: Target): boolean {
    return (
      this.status.profileId === target.profile.id && this.status.namespace === target.namespace
    );
  }

  private describe(profile: ProfileDefinition, namespace: string) {
    return {
      profileId: profile.id,
      profileName: profile.name,
      address: profile.address,
      namespace,
      readOnly: profile.readOnly,
      tlsWarning: tlsWarning(
        profile,
        profile.apiKey !== undefined || profile.apiKeyInSecretStorage,
      ),
    };
  }

  private setStatus(status: ConnectionStatus): void {
    const changedTarget =
      status.profileId !== this.status.profileId ||
      status.namespace !== this.status.namespace ||
      status.state !== this.status.state;
    this.status = status;
    this.onStatus(status);
    if (changedTarget) this.statusListeners.forEach((l) => l(status));
  }
}
