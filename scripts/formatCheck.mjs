// Prettier check of the whole tree (.prettierignore leaves out generated files, samples and
// fixtures, whose shape the analysis tests rely on). One format everywhere (.prettierrc.json).
//   node scripts/formatCheck.mjs [--write]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const write = process.argv.includes('--write');
try {
  execFileSync(
    path.join(root, 'node_modules/.bin/prettier'),
    [write ? '--write' : '--check', '--log-level', 'warn', '--ignore-unknown', '.'],
    { cwd: root, stdio: 'inherit' },
  );
  console.log(`format: the tree is ${write ? 'formatted' : 'in Prettier format'}`);
} catch {
  console.error('format: run `npm run format` (Prettier over the tree)');
  process.exit(1);
}
