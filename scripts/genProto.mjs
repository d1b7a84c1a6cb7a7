// Generates TypeScript for the Temporal services we call, from the official .proto files that
// ship inside @temporalio/core-bridge. Skips the ~10 s buf run when the proto set is unchanged.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const protoRoot = path.join(
  root,
  'node_modules/@temporalio/core-bridge/sdk-core/crates/protos/protos/api_upstream',
);
const outDir = path.join(root, 'server/src/temporal/gen');
const stampFile = path.join(outDir, '.stamp');
// The services the language server calls; their imports come along (include_imports).
const services = [
  'temporal/api/workflowservice/v1/service.proto',
  'temporal/api/operatorservice/v1/service.proto',
];
// Folders buf needs; `google/protobuf` is built into buf.
const roots = ['temporal', 'google', 'nexusannotations'];

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : e.name.endsWith('.proto') ? [p] : [];
  });
}

if (!fs.existsSync(protoRoot)) {
  console.error(`genProto: ${protoRoot} is missing; run npm ci first.`);
  process.exit(1);
}
const hash = createHash('sha256');
for (const r of roots) {
  for (const f of listFiles(path.join(protoRoot, r)).sort()) {
    hash.update(path.relative(protoRoot, f)).update(fs.readFileSync(f));
  }
}
const pluginVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/@bufbuild/protoc-gen-es/package.json'), 'utf8'),
).version;
hash.update(services.join(',')).update(pluginVersion);
for (const f of ['buf.yaml', 'buf.gen.yaml'])
  hash.update(fs.readFileSync(path.join(root, 'server/proto', f)));
const digest = hash.digest('hex');
if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === digest) process.exit(0);

// buf reads the upstream folder through symlinks, with our own module config: the upstream
// buf.yaml pulls google/ from a remote registry, which is not reachable (and not needed).
const input = path.join(root, '.tools/proto-input');
fs.mkdirSync(input, { recursive: true });
for (const r of roots) {
  fs.rmSync(path.join(input, r), { force: true, recursive: true });
  fs.symlinkSync(path.join(protoRoot, r), path.join(input, r));
}
fs.rmSync(outDir, { recursive: true, force: true });
for (const f of ['buf.yaml', 'buf.gen.yaml']) {
  fs.copyFileSync(path.join(root, 'server/proto', f), path.join(input, f));
}
const started = Date.now();
execFileSync(
  path.join(root, 'node_modules/.bin/buf'),
  ['generate', ...services.flatMap((s) => ['--path', s])],
  { cwd: input, stdio: 'inherit' },
);
fs.writeFileSync(stampFile, digest);
console.log(`genProto: generated ${listTs(outDir)} files in ${Date.now() - started} ms`);

function listTs(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts')).length;
}
