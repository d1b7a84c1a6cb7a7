// Real Temporal parts for integration tests and the demo: a dev server from the pinned CLI
// (scripts/setup/temporal.sh) and the sample workers in samples/. Plain ESM so scripts and tests
// can use it without a loader. CLI mode: `node test/support/substrate.mjs up`.
import { execFile, spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of the repository root. */
export const repoRoot = resolve(here, '../..');

/** Task queue each sample worker polls. */
export const TASK_QUEUES = Object.freeze({ typescript: 'workbench-ts', python: 'workbench-py' });

/** Custom search attributes registered on the dev server (name -> CLI type name). */
export const DEFAULT_SEARCH_ATTRIBUTES = Object.freeze({
  WorkbenchTag: 'Keyword',
  CustomerId: 'Keyword',
  OrderTotal: 'Double',
  Priority: 'Int',
  Tags: 'KeywordList',
});

/**
 * Dynamic config for the dev server (key -> JSON value). The server holds back each
 * continue-as-new run (and a new run reusing a just-closed workflow id) for 1 s to stop tight
 * loops; tests do both on purpose. Older servers read the continue-as-new key, newer ones the other.
 */
export const DEFAULT_DYNAMIC_CONFIG = Object.freeze({
  'history.workflowIdReuseMinimalInterval': '0s',
  'history.continueAsNewMinInterval': '0s',
  // The tests and the benchmark list and count far faster than a person (the default is 10 per
  // second per namespace, which the benchmark's count rounds exceeded).
  'frontend.namespaceRPS.visibility': 1000,
  'frontend.namespaceBurstRatio.visibility': 2,
});

const SETUP_HINT = 'run `bash scripts/setup/temporal.sh` first';
const TAIL_LINES = 60;
const STOP_GRACE_MS = 5000;

/** Absolute path of the `temporal` CLI installed in the project venv. */
export function temporalCli() {
  return join(repoRoot, '.tools/venv/bin/temporal');
}

/** Absolute path of the project venv's Python (has temporalio installed). */
export function venvPython() {
  return join(repoRoot, '.tools/venv/bin/python');
}

function requireFile(path, what) {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}: ${SETUP_HINT}`);
}

// ---------------------------------------------------------------------------------------------
// Child processes: own process group, output tail kept for error messages, killed with the parent.

/** @type {Set<ManagedProcess>} */
const live = new Set();
let exitHooksInstalled = false;
let signalHooksWanted = true;

function killAllNow() {
  for (const proc of live) proc.killGroup('SIGKILL');
}

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.once('exit', killAllNow);
  if (!signalHooksWanted) return;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      killAllNow();
      // Alone on this signal: restore the default action (terminate) and re-raise it.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

// setpriv makes the kernel kill the child if this process dies without running exit hooks.
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/** Environment without the caller's TEMPORAL_* settings (profiles, API keys, TLS). */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('TEMPORAL_') || key.startsWith('TEMPORAL_TEST_')) env[key] = value;
  }
  return { ...env, ...extra };
}

class ManagedProcess {
  /**
   * @param {string} name label used in logs and errors
   * @param {string} command
   * @param {string[]} args
   * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, log?: (line: string) => void }} options
   */
  constructor(name, command, args, { cwd, env, log } = {}) {
    this.name = name;
    this.lines = [];
    this.exitCode = undefined;
    installExitHooks();
    const [cmd, argv] = setpriv
      ? [setpriv, ['--pdeathsig', 'KILL', '--', command, ...args]]
      : [command, args];
    this.child = spawn(cmd, argv, {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pid = this.child.pid;
    this.exited = new Promise((resolveExit) => {
      this.child.once('exit', (code, signal) => {
        this.exitCode = code ?? signal ?? 'unknown';
        live.delete(this);
        resolveExit(this.exitCode);
      });
      this.child.once('error', (err) => {
        this.remember(`spawn error: ${err.message}`, log);
        this.exitCode = 'spawn-error';
        live.delete(this);
        resolveExit(this.exitCode);
      });
    });
    // 'close' comes after the output is drained; errors wait for it briefly to show the last lines.
    this.closed = new Promise((resolveClose) => this.child.once('close', resolveClose));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) this.remember(line, log);
      });
      stream.on('end', () => partial && this.remember(partial, log));
    }
    live.add(this);
  }

  remember(line, log) {
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
    log?.(`[${this.name}] ${line}`);
  }

  get running() {
    return this.exitCode === undefined;
  }

  /** Last lines of output, once what the process wrote before exiting has been read. */
  async tail() {
    if (!this.running) await Promise.race([this.closed, delay(500)]);
    return this.lines.join('\n') || '(no output)';
  }

  killGroup(signal) {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // Already gone.
    }
  }

  /** SIGTERM to the whole group, SIGKILL after a grace period; resolves once it has exited. */
  async stop(graceMs = STOP_GRACE_MS) {
    if (this.pid === undefined) return;
    if (this.running) {
      this.killGroup('SIGTERM');
      const escalate = setTimeout(() => this.killGroup('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(escalate);
    }
    // Sweep anything the leader left behind in its group.
    this.killGroup('SIGKILL');
  }
}

function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs the CLI against a server, ignoring any profile or env config of the caller. */
function cli(args, timeoutMs = 5000) {
  return new Promise((resolveRun) => {
    execFile(
      temporalCli(),
      [...args, '--disable-config-file', '--disable-config-env', '--color', 'never'],
      { env: cleanEnv(), timeout: timeoutMs },
      (error, stdout, stderr) => resolveRun({ ok: !error, stdout, stderr }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Dev server

/**
 * Starts `temporal server start-dev` (in-memory, headless) on a free loopback port and waits
 * until it is healthy and the namespace exists.
 * @param {{ namespace?: string, searchAttributes?: Record<string, string>,
 *   dynamicConfig?: Record<string, unknown>, log?: (line: string) => void,
 *   timeoutMs?: number }} [options]
 */
export async function startDevServer({
  namespace = 'workbench',
  searchAttributes = DEFAULT_SEARCH_ATTRIBUTES,
  dynamicConfig = DEFAULT_DYNAMIC_CONFIG,
  log,
  timeoutMs = 60_000,
} = {}) {
  requireFile(temporalCli(), 'Temporal CLI');
  let lastError;
  // A port picked as free can be taken before the server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const flags = [];
      for (const [name, type] of Object.entries(searchAttributes)) {
        flags.push('--search-attribute', `${name}=${type}`);
      }
      for (const [key, value] of Object.entries(dynamicConfig)) {
        flags.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
      }
      return await startDevServerOn(port, namespace, flags, log, timeoutMs);
    } catch (err) {
      lastError = err;
      if (!/address already in use/i.test(String(err?.message))) throw err;
    }
  }
  throw lastError;
}

async function startDevServerOn(port, namespace, flags, log, timeoutMs) {
  const address = `127.0.0.1:${port}`;
  const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--namespace', namespace, '--disable-config-file', '--disable-config-env', ...flags);
  const server = new ManagedProcess('temporal', temporalCli(), args, { env: cleanEnv(), log });
  const fail = async (why) => {
    await server.stop();
    throw new Error(
      `Temporal dev server on ${address} ${why}\n--- server output ---\n${await server.tail()}`,
    );
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.running) await fail(`exited early (${server.exitCode})`);
    const health = await cli(['operator', 'cluster', 'health', '--address', address], 2000);
    if (health.ok && health.stdout.includes('SERVING')) {
      const ns = await cli(
        ['operator', 'namespace', 'describe', '--address', address, '--namespace', namespace],
        2000,
      );
      if (ns.ok) break;
    }
    if (Date.now() > deadline) await fail(`did not become healthy within ${timeoutMs / 1000} s`);
    await delay(150);
  }

  return {
    address,
    port,
    namespace,
    pid: server.pid,
    /** Stops the server (whole process group); safe to call twice. */
    stop: () => server.stop(),
  };
}

// ---------------------------------------------------------------------------------------------
// Sample workers

const tsxLoader = () => import.meta.resolve('tsx');

function workerCommand(language) {
  if (language === 'typescript') {
    const cwd = join(repoRoot, 'samples/typescript');
    // The workflow bundle is built by @temporalio/worker (webpack + swc) at start.
    return { cwd, command: process.execPath, args: ['--import', tsxLoader(), 'src/worker.ts'] };
  }
  if (language === 'python') {
    requireFile(venvPython(), 'Project venv Python');
    return { cwd: join(repoRoot, 'samples/python'), command: venvPython(), args: ['worker.py'] };
  }
  throw new Error(`unknown worker language: ${language}`);
}

/** Resolves once a poller with `identity` polls both workflow and activity tasks of `queue`. */
async function waitForPollers(proc, address, namespace, queue, timeoutMs) {
  // Both SDKs default the worker identity to `<pid>@<hostname>`.
  const identityPrefix = `${proc.pid}@`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.running) {
      throw new Error(
        `${proc.name} worker exited early (${proc.exitCode})\n--- worker output ---\n${await proc.tail()}`,
      );
    }
    const args = ['task-queue', 'describe', '--address', address, '--namespace', namespace];
    args.push('--task-queue', queue, '--output', 'json');
    const described = await cli(args, 2000);
    if (described.ok) {
      try {
        const pollers = JSON.parse(described.stdout).pollers ?? [];
        const types = new Set(
          pollers
            .filter((p) => String(p.identity ?? '').startsWith(identityPrefix))
            .map((p) => p.taskQueueType),
        );
        if (types.has('workflow') && types.has('activity')) return;
      } catch {
        // Not JSON yet (server busy); poll again.
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${proc.name} worker did not poll ${queue} within ${timeoutMs / 1000} s\n` +
          `--- worker output ---\n${await proc.tail()}`,
      );
    }
    await delay(200);
  }
}

/**
 * Starts the sample workers and waits until each is polling its task queue.
 * The workers write async-activity task tokens to `fixtureDir` (default: $TEMPORAL_TEST_FIXTURE_DIR,
 * else a new temp dir removed by stop()).
 * @param {{ address: string, namespace: string, languages?: ('typescript' | 'python')[],
 *   log?: (line: string) => void, fixtureDir?: string, timeoutMs?: number }} options
 */
export async function startWorkers({
  address,
  namespace,
  languages = ['typescript', 'python'],
  log,
  fixtureDir = process.env.TEMPORAL_TEST_FIXTURE_DIR,
  timeoutMs = 90_000,
}) {
  const ownFixtureDir = !fixtureDir;
  const dir = fixtureDir || (await mkdtemp(join(tmpdir(), 'workbench-fixtures-')));
  /** @type {ManagedProcess[]} */
  const procs = [];
  const queues = {};
  const stop = async () => {
    await Promise.all(procs.map((p) => p.stop()));
    if (ownFixtureDir) await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const language of languages) {
      const queue = TASK_QUEUES[language];
      const { cwd, command, args } = workerCommand(language);
      const env = cleanEnv({
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: namespace,
        WORKBENCH_TASK_QUEUE: queue,
        TEMPORAL_TEST_FIXTURE_DIR: dir,
        PYTHONUNBUFFERED: '1',
        PYTHONDONTWRITEBYTECODE: '1',
      });
      procs.push(new ManagedProcess(`worker-${language}`, command, args, { cwd, env, log }));
      queues[language] = queue;
    }
    await Promise.all(
      procs.map((proc, i) =>
        waitForPollers(proc, address, namespace, queues[languages[i]], timeoutMs),
      ),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { queues, fixtureDir: dir, stop };
}

// ---------------------------------------------------------------------------------------------
// Both at once, for test-runner wrappers and the demo

/**
 * Starts one dev server and the workers; `env` holds the variables tests read.
 * @param {{ namespace?: string, languages?: ('typescript' | 'python')[],
 *   log?: (line: string) => void }} [options]
 */
export async function startSubstrate({ namespace, languages, log } = {}) {
  const fixtureDir =
    process.env.TEMPORAL_TEST_FIXTURE_DIR || (await mkdtemp(join(tmpdir(), 'workbench-fixtures-')));
  const ownFixtureDir = fixtureDir !== process.env.TEMPORAL_TEST_FIXTURE_DIR;
  const server = await startDevServer({ namespace, log });
  let workers;
  try {
    workers = await startWorkers({
      address: server.address,
      namespace: server.namespace,
      languages,
      log,
      fixtureDir,
    });
  } catch (err) {
    await server.stop();
    if (ownFixtureDir) await rm(fixtureDir, { recursive: true, force: true });
    throw err;
  }
  const env = {
    TEMPORAL_TEST_ADDRESS: server.address,
    TEMPORAL_TEST_NAMESPACE: server.namespace,
    TEMPORAL_TEST_TS_QUEUE: workers.queues.typescript ?? '',
    TEMPORAL_TEST_PY_QUEUE: workers.queues.python ?? '',
    TEMPORAL_TEST_FIXTURE_DIR: fixtureDir,
  };
  return {
    server,
    workers,
    env,
    /** Workers first (they would retry against a dead server), then the server. */
    async stop() {
      await workers.stop();
      await server.stop();
      if (ownFixtureDir) await rm(fixtureDir, { recursive: true, force: true });
    },
  };
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command !== 'up') {
    console.error('usage: node test/support/substrate.mjs up [--namespace NS] [--languages ts,py]');
    process.exit(2);
  }
  const opts = {};
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === '--namespace') opts.namespace = rest[i + 1];
    else if (rest[i] === '--languages') {
      opts.languages = rest[i + 1]
        .split(',')
        .map((l) => (l === 'ts' ? 'typescript' : l === 'py' ? 'python' : l));
    } else {
      console.error(`unknown option: ${rest[i]}`);
      process.exit(2);
    }
  }
  const verbose = process.env.SUBSTRATE_VERBOSE === '1';
  // This mode stops gracefully on signals itself.
  signalHooksWanted = false;
  const started = Date.now();
  const substrate = await startSubstrate({
    ...opts,
    log: verbose ? (line) => console.error(line) : undefined,
  });
  console.log(
    JSON.stringify({
      address: substrate.server.address,
      namespace: substrate.server.namespace,
      queues: substrate.workers.queues,
      fixtureDir: substrate.env.TEMPORAL_TEST_FIXTURE_DIR,
      env: substrate.env,
      startedInMs: Date.now() - started,
    }),
  );
  await new Promise((resolveSignal) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, resolveSignal);
  });
  await substrate.stop();
  process.exit(0);
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  existsSync(process.argv[1]) &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
