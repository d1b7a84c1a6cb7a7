// Runs the test suites with node's own test runner. Integration and e2e tests share one real
// Temporal dev server and the sample workers, started here once and always stopped.
//   node scripts/runTests.mjs [all|unit|integration|e2e|<file>...]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const suites = ['unit', 'integration', 'e2e'];
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
  substrate = await startSubstrate({ log: process.env.SUBSTRATE_VERBOSE ? console.error : undefined });
  Object.assign(env, substrate.env);
  console.log(`# dev server ${substrate.server.address} and workers ready in ${Date.now() - started} ms`);
}

const stop = async () => {
  if (substrate) await substrate.stop().catch((e) => console.error(`runTests: stop failed: ${e.message}`));
  substrate = undefined;
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop().then(() => process.exit(130)));

// Real-editor files run one at a time after the rest: two code-servers with Chromium on 2 cores
// starve each other's UI timeouts. Everything else runs two files at a time.
const isE2e = (f) => f.includes(`${path.sep}e2e${path.sep}`);
const phases = [
  { files: files.filter((f) => !isE2e(f)), concurrency: process.env.TEST_CONCURRENCY ?? 2 },
  { files: files.filter(isE2e), concurrency: 1 },
].filter((p) => p.files.length);

const totals = { pass: 0, fail: 0, cancelled: 0, skipped: 0 };
let code = 0;
for (const phase of phases) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${phase.concurrency}`, '--test-timeout=300000', ...phase.files],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Pass the TAP output through and keep the runner's own counts for the closing line.
  let tail = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    tail = (tail + chunk).slice(-4000);
  });
  const exit = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
  for (const key of Object.keys(totals)) {
    const m = tail.match(new RegExp(`^# ${key} (\\d+)$`, 'm'));
    if (m) totals[key] += Number(m[1]);
  }
  if (exit !== 0) code = exit;
}
await stop();
if (phases.length > 1) {
  console.log(`${totals.pass} passed, ${totals.fail + totals.cancelled} failed, ${totals.skipped} skipped`);
}
process.exit(code);
