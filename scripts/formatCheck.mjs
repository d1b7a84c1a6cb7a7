// Prettier check of the TypeScript and JavaScript files changed against main (committed or not).
// The whole tree is not reformatted at once, so that work on other branches still merges; each
// change brings the files it touches to the one format (.prettierrc.json).
//   node scripts/formatCheck.mjs [--write] [base]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const write = process.argv.includes('--write');
const base = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'main';
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

let files;
try {
  const since = git('merge-base', 'HEAD', base);
  const changed = git('diff', '--name-only', '--diff-filter=ACMR', since);
  const untracked = git('ls-files', '--others', '--exclude-standard');
  files = [...new Set(`${changed}\n${untracked}`.split('\n'))];
} catch {
  console.log(`format: no '${base}' to compare with; nothing checked`);
  process.exit(0);
}
files = files.filter((f) => /\.(ts|mts|mjs|js|json)$/.test(f) && fs.existsSync(path.join(root, f)));
if (!files.length) {
  console.log(`format: no changed source files against ${base}`);
  process.exit(0);
}
try {
  execFileSync(
    path.join(root, 'node_modules/.bin/prettier'),
    [write ? '--write' : '--check', '--log-level', 'warn', '--ignore-unknown', ...files],
    { cwd: root, stdio: 'inherit' },
  );
  console.log(`format: ${files.length} changed files ${write ? 'formatted' : 'checked'}`);
} catch {
  console.error('format: run `npm run format` (prettier on the files changed against main)');
  process.exit(1);
}
