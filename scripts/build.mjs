// Bundles the client and the language server into dist/ with esbuild (type-checking is `tsc -b`).
import esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const dist = path.join(root, 'dist');
fs.mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  loader: { '.scm': 'text' },
  // jsonc-parser's `main` is UMD, whose inner require() calls esbuild cannot follow: bundle its ESM build.
  alias: { 'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js') },
};

const started = Date.now();
await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'client/src/extension.ts')],
    outfile: path.join(dist, 'client.js'),
    external: ['vscode'],
    // When the bundle starts loading: activation time, as VS Code counts it, includes module load.
    banner: { js: 'globalThis.__temporalWorkbenchLoadStart = performance.now();' },
    // When it has loaded: the rest, until activate() runs, is the editor's (extension context).
    footer: { js: 'globalThis.__temporalWorkbenchLoaded = performance.now();' },
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'server/src/server.ts')],
    outfile: path.join(dist, 'server.js'),
  }),
  // Execution view webview: browser code and its stylesheet, no remote content.
  esbuild.build({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: {
      executionView: path.join(root, 'client/src/webviews/ui/main.ts'),
      // Workflow graph webview (issue 15).
      workflowGraph: path.join(root, 'client/src/webviews/ui/graph/main.ts'),
    },
    outdir: path.join(dist, 'webview'),
  }),
  esbuild.build({
    ...common,
    platform: 'browser',
    entryPoints: {
      executionView: path.join(root, 'client/src/webviews/ui/executionView.css'),
      // Workflow graph webview (issue 15).
      workflowGraph: path.join(root, 'client/src/webviews/ui/graph/graph.css'),
    },
    outdir: path.join(dist, 'webview'),
  }),
]);

// Tree-sitter runtime and grammars are loaded at run time from dist/wasm.
const wasm = [
  'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  ...['python', 'typescript', 'tsx', 'go', 'java', 'c-sharp', 'rust'].map(
    (l) => `node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${l}.wasm`,
  ),
  'node_modules/@cursorless/tree-sitter-wasms/out/tree-sitter-clojure.wasm',
];
fs.mkdirSync(path.join(dist, 'wasm'), { recursive: true });
// A missing grammar fails the build: skipping it would ship an extension without that language.
const missing = wasm.filter((rel) => !fs.existsSync(path.join(root, rel)));
if (missing.length) {
  console.error(`build: missing grammar files (run npm install): ${missing.join(', ')}`);
  process.exit(1);
}
for (const rel of wasm) {
  fs.copyFileSync(path.join(root, rel), path.join(dist, 'wasm', path.basename(rel)));
}
// Replay runners run in the workspace's own node / Python, so they ship as plain files.
fs.mkdirSync(path.join(dist, 'replay'), { recursive: true });
for (const file of ['replayTypescript.cjs', 'replayPython.py']) {
  fs.copyFileSync(
    path.join(root, 'server/src/replay/runners', file),
    path.join(dist, 'replay', file),
  );
}
// duroxide's native client (an optional dependency: Linux x64 glibc only) is loaded from dist/native.
const duroxideAddon = path.join(
  root,
  'node_modules/duroxide-linux-x64-gnu/duroxide.linux-x64-gnu.node',
);
if (fs.existsSync(duroxideAddon)) {
  fs.mkdirSync(path.join(dist, 'native'), { recursive: true });
  const shipped = path.join(dist, 'native', path.basename(duroxideAddon));
  fs.copyFileSync(duroxideAddon, shipped);
  // The published addon keeps its symbol table (16 MB): stripped for the .vsix it is ~2.7 MB
  // smaller and loads the same. Where binutils' strip is missing, it ships as published.
  if (production) spawnSync('strip', ['--strip-unneeded', shipped], { stdio: 'ignore' });
}
console.log(`build: dist/ in ${Date.now() - started} ms`);
