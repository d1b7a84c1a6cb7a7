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

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
    '--test-timeout=300000',
    ...files,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await stop();
process.exit(code);
