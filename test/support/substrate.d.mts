// Types for substrate.mjs (plain ESM so scripts can run it without a loader).

export type WorkerLanguage = 'typescript' | 'python';
export type LogLine = (line: string) => void;

/** Absolute path of the repository root. */
export const repoRoot: string;
/** Task queue each sample worker polls. */
export const TASK_QUEUES: Readonly<Record<WorkerLanguage, string>>;
/** Custom search attributes registered on the dev server (name -> CLI type name). */
export const DEFAULT_SEARCH_ATTRIBUTES: Readonly<Record<string, string>>;
/** Dynamic config passed to the dev server (key -> JSON value); drops the continue-as-new delay. */
export const DEFAULT_DYNAMIC_CONFIG: Readonly<Record<string, unknown>>;

/** Absolute path of the `temporal` CLI installed in the project venv. */
export function temporalCli(): string;
/** Absolute path of the project venv's Python (has temporalio installed). */
export function venvPython(): string;
/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number>;

export interface DevServer {
  /** `127.0.0.1:<port>` */
  address: string;
  port: number;
  namespace: string;
  pid: number | undefined;
  /** Stops the server (whole process group); safe to call twice. */
  stop(): Promise<void>;
}

export interface DevServerOptions {
  namespace?: string;
  searchAttributes?: Record<string, string>;
  /** Replaces DEFAULT_DYNAMIC_CONFIG (spread it to extend). */
  dynamicConfig?: Record<string, unknown>;
  log?: LogLine;
  timeoutMs?: number;
}

/** Starts an in-memory headless dev server on a free loopback port; resolves when healthy. */
export function startDevServer(options?: DevServerOptions): Promise<DevServer>;

export interface Workers {
  queues: Partial<Record<WorkerLanguage, string>>;
  /** Where the workers write `<workflowId>.token` files for async activity completion. */
  fixtureDir: string;
  stop(): Promise<void>;
}

export interface WorkersOptions {
  address: string;
  namespace: string;
  languages?: WorkerLanguage[];
  log?: LogLine;
  /** Default: $TEMPORAL_TEST_FIXTURE_DIR, else a temp dir removed by stop(). */
  fixtureDir?: string;
  timeoutMs?: number;
}

/** Starts the sample workers; resolves when each polls workflow and activity tasks. */
export function startWorkers(options: WorkersOptions): Promise<Workers>;

/** Variables that integration tests read. */
export interface SubstrateEnv {
  TEMPORAL_TEST_ADDRESS: string;
  TEMPORAL_TEST_NAMESPACE: string;
  TEMPORAL_TEST_TS_QUEUE: string;
  TEMPORAL_TEST_PY_QUEUE: string;
  TEMPORAL_TEST_FIXTURE_DIR: string;
  [key: string]: string;
}

export interface Substrate {
  server: DevServer;
  workers: Workers;
  env: SubstrateEnv;
  /** Workers first, then the server. */
  stop(): Promise<void>;
}

/** One dev server plus workers, with the env vars tests read. */
export function startSubstrate(options?: {
  namespace?: string;
  languages?: WorkerLanguage[];
  log?: LogLine;
}): Promise<Substrate>;
