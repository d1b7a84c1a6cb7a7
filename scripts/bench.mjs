// Runs every bench/*.bench.ts (each default-exports `run(): Promise<BenchResult[]>`), then writes
// bench/results/latest.json and a markdown table. A result may name a baseline measured in the
// same run; the table shows the ratio, so figures from different machines are not compared.
//   npm run bench [-- <name filter>]   (runs under tsx: node --import tsx scripts/bench.mjs)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const files = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
if (!files.length) {
  console.error('bench: no benchmarks found');
  process.exit(1);
}

const results = [];
for (const f of files) {
  console.log(`bench: ${f}`);
  const mod = await import(pathToFileURL(path.join(root, 'bench', f)).href);
  const run = mod.default?.run ?? mod.run ?? mod.default;
  for (const r of await run()) results.push({ bench: f.replace(/\.bench\.ts$/, ''), ...r });
}

const byName = new Map(results.map((r) => [`${r.bench}/${r.name}`, r]));
const fmt = (v) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
const lines = [
  '| benchmark | measure | value | unit | vs | ratio | goal |',
  '|---|---|---|---|---|---|---|',
  ...results.map((r) => {
    const base = r.baseline ? byName.get(`${r.bench}/${r.baseline}`) : undefined;
    const ratio = base ? `${fmt(r.value / base.value)}×` : '';
    const goal = r.goal
      ? `${r.goal.op} ${r.goal.value} ${r.unit} ${r.goal.op === '<' ? (r.value < r.goal.value ? '✓' : '✗') : r.value > r.goal.value ? '✓' : '✗'}`
      : '';
    return `| ${r.bench} | ${r.name} | ${fmt(r.value)} | ${r.unit} | ${base ? base.name : ''} | ${ratio} | ${goal} |`;
  }),
];
const outDir = path.join(root, 'bench/results');
fs.mkdirSync(outDir, { recursive: true });
const meta = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
};
fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify({ ...meta, results }, null, 2));
fs.writeFileSync(
  path.join(outDir, 'latest.md'),
  `# Benchmarks (${meta.date}, node ${meta.node}, ${meta.cpus} cores)\n\n${lines.join('\n')}\n`,
);
console.log(lines.join('\n'));
console.log(`bench: wrote ${path.relative(root, outDir)}/latest.json and latest.md`);
