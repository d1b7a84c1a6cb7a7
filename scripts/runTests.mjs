// Runs the test suites with node's own test runner. Integration, substrate and e2e tests share
// one real Temporal dev server and the sample workers, started here once and always stopped.
// test/substrate/ checks the test machinery itself (sample workers, TLS proxy, editor harness);
// those are counted apart in the closing lines.
//   node scripts/runTests.mjs [all|unit|integration|substrate|e2e|<file>...]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const suites = ['unit', 'integration', 'substrate', 'e2e'];
const args = process.argv.slice(2);
const wanted = args.length ? args : ['all'];

function collect(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

const files = wanted.flatMap((w) => {
  if (w === 'all') return suites.flatMap((s) => collect(path.join(root, 'test', s)));
  if (suites.includes(w)) return collect(path.join(root, 'test', w));
  return [path.resolve(w)];
});
if (!files.length) {
  console.error('runTests: no test files found');
  process.exit(1);
}

const needsServer = files.some((f) => !f.includes(`${path.sep}unit${path.sep}`));
let substrate;
const env = { ...process.env };
if (needsServer) {
  const { startSubstrate } = await import('../test/support/substrate.mjs');
  const started = Date.now();
  substrate = await startSubstrate({
    log: process.env.SUBSTRATE_VERBOSE ? console.error : undefined,
  });
  Object.assign(env, substrate.env);
  console.log(
    `# dev server ${substrate.server.address} and workers ready in ${Date.now() - started} ms`,
  );
}

const stop = async () => {
  if (substrate)
    await substrate.stop().catch((e) => console.error(`runTests: stop failed: ${e.message}`));
  substrate = undefined;
};
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => stop().then(() => process.exit(130)));

// Unit tests (pure logic, no processes of their own) share one test process: spawning Node with
// the TypeScript loader for each of ~50 files cost about a minute of CPU, more than the tests.
// The first phase starts it first, beside the integration files.
function oneProcessFor(unitFiles) {
  if (unitFiles.length < 2) return unitFiles;
  const entry = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tw-unit-')), 'unit.test.mjs');
  fs.writeFileSync(
    entry,
    unitFiles.map((f) => `import ${JSON.stringify(pathToFileURL(f).href)};\n`).join(''),
  );
  process.on('exit', () => fs.rmSync(path.dirname(entry), { recursive: true, force: true }));
  return [entry];
}

// Real-editor files run one at a time after the rest: two code-servers with Chromium on 2 cores
// starve each other's UI timeouts. Substrate checks run in a phase of their own (one at a time:
// one of them drives an editor) so that their count is known, beside the first phase.
// Everything else runs two at a time.
const inDir = (dir) => (f) => f.includes(`${path.sep}${dir}${path.sep}`);
const isE2e = inDir('e2e');
const isSubstrate = inDir('substrate');
const isUnit = inDir('unit');
const phases = [
  {
    files: [
      ...oneProcessFor(files.filter(isUnit)),
      ...files.filter((f) => !isUnit(f) && !isE2e(f) && !isSubstrate(f)),
    ],
    concurrency: Number(process.env.TEST_CONCURRENCY ?? 2),
  },
  { files: files.filter(isSubstrate), concurrency: 1, substrate: true },
  { files: files.filter(isE2e), concurrency: 1, editor: true },
].filter((p) => p.files.length);

// One HTTP cache for the browsers of the one-at-a-time phases (see launchBrowser in
// test/support/editor.mjs): the workbench's scripts are fetched and compiled once per run.
const browserCache = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-browser-cache-'));
process.on('exit', () => fs.rmSync(browserCache, { recursive: true, force: true }));

const totals = { pass: 0, fail: 0, cancelled: 0, skipped: 0 };
let substrateChecks = 0;
let code = 0;

/**
 * Runs one phase's files in a `node --test` child. Its TAP output goes to `out` (passed through,
 * or collected to be shown later); resolves with the exit code and the runner's own counts.
 */
function runPhase(phase, out) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${phase.concurrency}`,
      '--test-timeout=300000',
      ...phase.files,
    ],
    {
      cwd: root,
      env: phase.concurrency === 1 ? { ...env, TW_BROWSER_CACHE_DIR: browserCache } : env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let tail = '';
  child.stdout.on('data', (chunk) => {
    out(chunk);
    tail = (tail + chunk).slice(-4000);
  });
  return new Promise((resolve) =>
    child.on('exit', (c, sig) => {
      const counts = {};
      for (const key of Object.keys(totals)) {
        const m = tail.match(new RegExp(`^# ${key} (\\d+)$`, 'm'));
        counts[key] = m ? Number(m[1]) : 0;
      }
      resolve({ exit: c ?? (sig ? 1 : 0), counts });
    }),
  );
}

function add(phase, { exit, counts }) {
  // A phase that failed without a failing test in its summary (killed, crashed, or no summary
  // at all) counts as one failure: the summary line must never read "0 failed" on a red run.
  if (exit !== 0 && counts.fail + counts.cancelled === 0) {
    console.log(
      `# a test phase exited with ${exit} and reported no failing test: counted as 1 failure`,
    );
    counts.fail = 1;
  }
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  if (phase.substrate) substrateChecks += counts.pass + counts.fail + counts.cancelled;
  if (exit !== 0) code = exit;
}

/**
 * A job scripts/test.sh left running in the background (TW_BACKGROUND names a folder where each
 * job writes <name>.log and, once done, <name>.exit). Resolves with its exit code and output, or
 * undefined when there is no such job.
 */
const jobs = new Map();
function backgroundJob(name) {
  const dir = process.env.TW_BACKGROUND;
  if (!dir || !fs.existsSync(path.join(dir, `${name}.log`))) return Promise.resolve(undefined);
  if (!jobs.size) process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  if (!jobs.has(name))
    jobs.set(
      name,
      new Promise((resolve) => {
        const check = () => {
          const exitFile = path.join(dir, `${name}.exit`);
          if (!fs.existsSync(exitFile)) return void setTimeout(check, 500); // poll
          resolve({
            exit: Number(fs.readFileSync(exitFile, 'utf8').trim()),
            output: fs.readFileSync(path.join(dir, `${name}.log`), 'utf8'),
          });
        };
        check();
      }),
    );
  return jobs.get(name);
}

/** A phase that drives an editor runs once code-server's set-up is done; if it failed, not at all. */
let editorSetupShown = false;
async function runEditorPhase(phase, out) {
  const setup = await backgroundJob('codeServer');
  if (setup && !editorSetupShown) out(setup.output);
  editorSetupShown = true;
  if (!setup || setup.exit === 0) return runPhase(phase, out);
  out(`# the editor's set-up failed: ${phase.files.length} file(s) not run\n`);
  return { exit: 1, counts: { pass: 0, fail: phase.files.length, cancelled: 0, skipped: 0 } };
}

/**
 * Checks that need no test process (TW_CHECKS: npm scripts, comma-separated, e.g. the format
 * check and the type check), taken from scripts/test.sh's background jobs. Their output follows
 * the first phase's; a failed or missing check counts as one failure.
 */
async function runCheck(script) {
  const done = await backgroundJob(script);
  return {
    script,
    ...(done ?? {
      exit: 1,
      output: `# no background job for the check ${script} (scripts/test.sh starts it)\n`,
    }),
  };
}

// The substrate checks (one at a time, about a minute, mostly waiting on an editor) run beside
// the first phase, as do the checks; their output follows its output, whole.
const pass = (chunk) => process.stdout.write(chunk);
const [first, ...rest] = phases;
const alongside = first && !first.substrate ? rest.find((p) => p.substrate) : undefined;
const collected = [];
const checks = (process.env.TW_CHECKS ?? '').split(',').filter(Boolean).map(runCheck);
const besideFirst = alongside && runEditorPhase(alongside, (chunk) => collected.push(chunk));
if (first) add(first, await (first.substrate ? runEditorPhase : runPhase)(first, pass));
for (const check of await Promise.all(checks)) {
  pass(check.output);
  if (check.exit !== 0) {
    pass(`# check ${check.script} failed (exit ${check.exit})\n`);
    totals.fail += 1;
    code ||= check.exit;
  }
}
if (besideFirst) {
  const result = await besideFirst;
  collected.forEach(pass);
  add(alongside, result);
}
for (const phase of rest.filter((p) => p !== alongside))
  add(phase, await (phase.substrate || phase.editor ? runEditorPhase : runPhase)(phase, pass));
await stop();
// The summary line, then the very last line, which CI reads alone on its line
// (`N passed, N failed, N skipped`); both carry the same counts, substrate checks included.
const failed = totals.fail + totals.cancelled;
console.log(
  `${totals.pass} passed, ${failed} failed (of which ${substrateChecks} substrate checks)`,
);
console.log(`${totals.pass} passed, ${failed} failed, ${totals.skipped} skipped`);
process.exit(code);
