// Packages the built dist/ (npm run package builds it first) as two .vsix files:
//   dist/temporal-workbench.vsix            linux-x64: everything, with duroxide's native client
//   dist/temporal-workbench-universal.vsix  every other platform: the same without that addon
// The addon (Linux x64 glibc only) is most of the package, so other platforms do not download
// what they cannot load; there duroxide profiles say they are unavailable and the rest works.
// Published side by side, the Marketplace gives linux-x64 its own package and the rest the
// universal one. The tests and the bench install dist/temporal-workbench.vsix.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const vsce = path.join(root, 'node_modules/.bin/vsce');
const common = ['package', '--no-dependencies', '--no-rewrite-relative-links'];
// Each package is one vsce process (mostly single-threaded zip work): both run side by side.
const vsceRun = (args) =>
  new Promise((resolve, reject) => {
    const child = execFile(vsce, [...common, ...args], { cwd: stage }, (err) =>
      err ? reject(err) : resolve(),
    );
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  });

// The universal package: the usual .vscodeignore without the line that lets the addon in (vsce
// applies every `!` pattern after the others, so a later exclusion could not win over it).
const universalIgnore = path.join(dist, '.vscodeignore-universal');
const ignoreLines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
const addonLine = '!dist/native/**';
if (!ignoreLines.includes(addonLine)) throw new Error(`package: .vscodeignore lacks ${addonLine}`);
fs.writeFileSync(universalIgnore, ignoreLines.filter((l) => l !== addonLine).join('\n'));
// vsce walks every file under its working directory before it applies .vscodeignore: here that
// is .tools (code-server, a venv) and test output, 12 s of walking and matching. It runs in a
// staging folder instead, holding only the paths the ignore file lets in (about 10 MB copied).
const stage = path.join(dist, '.stage');
fs.rmSync(stage, { recursive: true, force: true });
for (const line of ignoreLines) {
  if (!line.startsWith('!')) continue;
  // The part of the pattern before its first wildcard: a file, or a folder to take whole.
  const fixed = line
    .slice(1)
    .split(/[*?[{]/)[0]
    .replace(/\/$/, '');
  const from = path.join(root, fixed);
  if (!fixed || !fs.existsSync(from)) continue;
  fs.cpSync(from, path.join(stage, fixed), {
    recursive: true,
    filter: (f) => !f.startsWith(stage),
  });
}
const vsix = (name) => path.join(dist, name);
const universal = vsceRun([
  '--ignoreFile',
  universalIgnore,
  '--out',
  vsix('temporal-workbench-universal.vsix'),
]);

if (fs.existsSync(path.join(dist, 'native'))) {
  await Promise.all([
    universal,
    vsceRun([
      '--target',
      'linux-x64',
      '--ignoreFile',
      path.join(root, '.vscodeignore'),
      '--out',
      vsix('temporal-workbench.vsix'),
    ]),
  ]);
} else {
  await universal;
  // No addon here (it installs on Linux x64 only): the one package is the universal one.
  console.log(
    'package: no duroxide addon in dist/native; dist/temporal-workbench.vsix is universal',
  );
  fs.copyFileSync(
    path.join(dist, 'temporal-workbench-universal.vsix'),
    path.join(dist, 'temporal-workbench.vsix'),
  );
}
fs.rmSync(stage, { recursive: true, force: true });
