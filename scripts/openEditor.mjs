#!/usr/bin/env node
// Starts a real VS Code (code-server) with the extension installed, for a person to try in a
// browser. Stays in the foreground until Ctrl+C (or SIGTERM), then stops the editor.
//   node scripts/openEditor.mjs --vsix dist/temporal-workbench.vsix --workspace samples \
//     [--port 8080] [--setting temporal.someKey='"json value"' ...] [--verbose]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage =
  'usage: node scripts/openEditor.mjs --vsix <file> --workspace <dir> [--port N] ' +
  '[--setting key=jsonValue ...] [--verbose]';

function fail(message) {
  console.error(`openEditor: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      vsix: { type: 'string', multiple: true },
      workspace: { type: 'string' },
      port: { type: 'string' },
      setting: { type: 'string', multiple: true },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(`${error.message}\n${usage}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.workspace) fail(`--workspace is required\n${usage}`);
const workspace = path.resolve(values.workspace);
if (!existsSync(workspace)) fail(`workspace not found: ${workspace}`);
const vsix = (values.vsix ?? []).map((file) => path.resolve(file));
for (const file of vsix) if (!existsSync(file)) fail(`vsix not found: ${file}`);

const settings = {};
for (const entry of values.setting ?? []) {
  const eq = entry.indexOf('=');
  if (eq <= 0) fail(`--setting wants key=jsonValue, got: ${entry}`);
  const key = entry.slice(0, eq);
  const raw = entry.slice(eq + 1);
  try {
    settings[key] = JSON.parse(raw);
  } catch {
    fail(`--setting ${key}: value is not JSON (quote strings: ${key}='"text"'): ${raw}`);
  }
}

let port;
if (values.port !== undefined) {
  port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`bad --port: ${values.port}`);
}

// The installer is a fast no-op once code-server is there.
const setup = spawnSync('bash', [path.join(root, 'scripts', 'setup', 'codeServer.sh')], {
  stdio: 'inherit',
});
if (setup.status !== 0) fail('scripts/setup/codeServer.sh failed');

const { startEditor } = await import('../test/support/editor.mjs');
const editor = await startEditor({
  workspace,
  vsix,
  settings,
  port,
  log: values.verbose ? process.stderr : undefined,
}).catch((error) => fail(error.message));

console.log(`Open ${editor.url}`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nopenEditor: ${signal}, stopping the editor`);
  await editor.stop();
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

const code = await editor.exited;
if (!stopping) {
  console.error(`openEditor: code-server exited unexpectedly (${code}):\n${editor.output()}`);
  await editor.stop();
  process.exit(1);
}
