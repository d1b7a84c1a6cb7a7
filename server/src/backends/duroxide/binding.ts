// Typed loader of duroxide's Node native client (npm `duroxide-linux-x64-gnu`, the addon that
// microsoft/duroxide-node wraps). Only the client and store calls the workbench uses are typed;
// the addon ships for Linux x64 (glibc) only, so elsewhere loading says so instead of crashing.
import fs from 'node:fs';
import path from 'node:path';
import type { BackendMetrics } from '../../../../shared/src/protocol';
import { WorkbenchError } from '../../errors';

/** Instance status as duroxide names it: Running, Completed, Failed, ContinuedAsNew ... */
export interface DuroxideStatus {
  status: string;
  output?: string;
  error?: string;
  customStatus?: string;
  customStatusVersion: number;
}

export interface DuroxideInstanceInfo {
  instanceId: string;
  orchestrationName: string;
  orchestrationVersion: string;
  currentExecutionId: number;
  status: string;
  output?: string;
  createdAt: number;
  updatedAt: number;
  parentInstanceId?: string;
}

export interface DuroxideExecutionInfo {
  executionId: number;
  status: string;
  output?: string;
  startedAt: number;
  completedAt?: number;
  eventCount: number;
}

export interface DuroxideEvent {
  eventId: number;
  kind: string;
  sourceEventId?: number;
  timestampMs: number;
  /** Event data as JSON text (input, result, error, timer fire time ...). */
  data?: string;
}

/** getSystemMetrics: the store-wide counts the protocol passes on as they are. */
export type DuroxideSystemMetrics = Omit<BackendMetrics, 'queues'>;

export interface DuroxideQueueDepths {
  orchestratorQueue: number;
  workerQueue: number;
  timerQueue: number;
}

export interface DuroxideDeleteResult {
  instancesDeleted: number;
  executionsDeleted: number;
  eventsDeleted: number;
  queueMessagesDeleted: number;
}

export interface DuroxidePruneOptions {
  keepLast?: number;
  completedBefore?: number;
}

export interface DuroxidePruneResult {
  instancesProcessed: number;
  executionsDeleted: number;
  eventsDeleted: number;
}

/** The addon's JsClient: strings in and out are JSON text. */
export interface DuroxideClient {
  startOrchestration(instanceId: string, name: string, input: string): Promise<void>;
  startOrchestrationVersioned(
    instanceId: string,
    name: string,
    input: string,
    version: string,
  ): Promise<void>;
  getStatus(instanceId: string): Promise<DuroxideStatus>;
  getKvAllValues(instanceId: string): Promise<Record<string, string>>;
  waitForOrchestration(instanceId: string, timeoutMs: number): Promise<DuroxideStatus>;
  cancelInstance(instanceId: string, reason?: string | null): Promise<void>;
  raiseEvent(instanceId: string, eventName: string, data: string): Promise<void>;
  getSystemMetrics(): Promise<DuroxideSystemMetrics>;
  getQueueDepths(): Promise<DuroxideQueueDepths>;
  listAllInstances(): Promise<string[]>;
  listInstancesByStatus(status: string): Promise<string[]>;
  getInstanceInfo(instanceId: string): Promise<DuroxideInstanceInfo>;
  getExecutionInfo(instanceId: string, executionId: number): Promise<DuroxideExecutionInfo>;
  listExecutions(instanceId: string): Promise<number[]>;
  readExecutionHistory(instanceId: string, executionId: number): Promise<DuroxideEvent[]>;
  deleteInstance(instanceId: string, force: boolean): Promise<DuroxideDeleteResult>;
  pruneExecutions(instanceId: string, options: DuroxidePruneOptions): Promise<DuroxidePruneResult>;
  pruneExecutionsBulk(
    filter: { instanceIds?: string[]; completedBefore?: number; limit?: number },
    options: DuroxidePruneOptions,
  ): Promise<DuroxidePruneResult>;
}

/** An opened store (opaque: only passed back to the addon). */
export type DuroxideProvider = { readonly __duroxideProvider: unique symbol };

export interface DuroxideBinding {
  JsSqliteProvider: { open(url: string): Promise<DuroxideProvider> };
  JsPostgresProvider: { connect(url: string): Promise<DuroxideProvider> };
  JsClient: {
    new (provider: DuroxideProvider): DuroxideClient;
    fromPostgres(provider: DuroxideProvider): DuroxideClient;
  };
}

const addonFile = 'duroxide.linux-x64-gnu.node';
const addonPackage = 'duroxide-linux-x64-gnu';
let loaded: DuroxideBinding | undefined;

/** True where the addon exists (Linux x64 with glibc). */
export function duroxideSupported(platform = process.platform, arch = process.arch): boolean {
  if (platform !== 'linux' || arch !== 'x64') return false;
  const report = process.report?.getReport() as
    { header?: { glibcVersionRuntime?: string } } | undefined;
  return !!report?.header?.glibcVersionRuntime;
}

/** Where duroxide profiles can run, and why not where they cannot (shown on the profile). */
export type DuroxideAvailability =
  { available: true; file: string } | { available: false; reason: string };

export interface DuroxideHost {
  platform: string;
  arch: string;
  /** Linux x64 with glibc, where the addon is built for. */
  supported: boolean;
  /** Folder of the bundled server (its native/ folder holds the addon in the linux-x64 package). */
  bundleDir: string;
  /** Resolves the addon's npm package (a development checkout); throws when it is absent. */
  resolvePackage: (id: string) => string;
}

function currentHost(): DuroxideHost {
  return {
    platform: process.platform,
    arch: process.arch,
    supported: duroxideSupported(),
    bundleDir: __dirname,
    resolvePackage: (id) => require.resolve(id),
  };
}

/**
 * Whether duroxide's native client can load here, without loading it. The universal .vsix leaves
 * the addon out (it is most of the package's size); the linux-x64 one carries it.
 */
export function duroxideAvailability(host: DuroxideHost = currentHost()): DuroxideAvailability {
  const rest = 'Temporal profiles work as usual.';
  if (!host.supported) {
    return {
      available: false,
      reason: `duroxide profiles are unavailable on this platform (${host.platform}-${host.arch}): duroxide's native client is built only for Linux x64 (glibc). ${rest}`,
    };
  }
  const bundled = path.join(host.bundleDir, 'native', addonFile);
  if (fs.existsSync(bundled)) return { available: true, file: bundled };
  try {
    return { available: true, file: host.resolvePackage(addonPackage) };
  } catch {
    return {
      available: false,
      reason: `duroxide profiles are unavailable in this package of Temporal Workbench: it does not include duroxide's native client (the linux-x64 package does). ${rest}`,
    };
  }
}

let availability: DuroxideAvailability | undefined;

/** The addon, from the bundle's native/ folder or node_modules; Unsupported where it cannot run. */
export function loadDuroxide(): DuroxideBinding {
  if (loaded) return loaded;
  availability ??= duroxideAvailability();
  if (!availability.available) throw new WorkbenchError('Unsupported', availability.reason);
  try {
    // A runtime require: the addon is a native file, never bundled.
    loaded = require(availability.file) as DuroxideBinding;
    return loaded;
  } catch (err) {
    throw new WorkbenchError(
      'Unsupported',
      `duroxide's native client could not be loaded: ${(err as Error).message}`,
    );
  }
}

/** The reason duroxide profiles cannot run here (cached), undefined where they can. */
export function duroxideUnavailable(): string | undefined {
  availability ??= duroxideAvailability();
  return availability.available ? undefined : availability.reason;
}
