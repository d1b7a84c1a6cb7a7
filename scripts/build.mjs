// Bundles the client and the language server into dist/ with esbuild (type-checking is `tsc -b`).
import esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
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
};

const started = Date.now();
await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'client/src/extension.ts')],
    outfile: path.join(dist, 'client.js'),
    external: ['vscode'],
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'server/src/server.ts')],
    outfile: path.join(dist, 'server.js'),
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
console.log(`build: dist/ in ${Date.now() - started} ms`);
