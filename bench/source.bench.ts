// Source analysis speed: re-analysis after a one-line edit (what a code lens waits for) on 1k and
// 10k-line files of each language, against a full re-analysis of the same text measured in the same run; and the
// time to index a 1,000-file workspace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSourceEngine, WorkspaceIndex, type SourceEngine } from '../server/src/source';
import { Language, Parser } from 'web-tree-sitter';
import { grammarWasmPath, runtimeWasmPath } from '../server/src/source/grammars';
import { percentile, type BenchResult } from './types';
import { generatePython, generateTypescript, generators } from './sourceFiles';

/** Deterministic pseudo-random numbers so every run edits the same places. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function editLatency(
  engine: SourceEngine,
  uri: string,
  language: string,
  text: string,
  edits: number,
) {
  engine.analyze(uri, language, text);
  const next = random(42);
  const incremental: number[] = [];
  const texts: string[] = [];
  for (let i = 0; i < edits; i++) {
    const lines = engine.text(uri)!.split('\n');
    const line = Math.floor(next() * lines.length);
    const character = Math.floor(next() * (lines[line].length + 1));
    const t0 = performance.now();
    engine.applyEdit(uri, [
      {
        range: { start: { line, character }, end: { line, character } },
        text: i % 3 === 0 ? '\n' : 'x',
      },
    ]);
    incremental.push(performance.now() - t0);
    texts.push(engine.text(uri)!);
  }
  // The baseline: the same texts analysed from scratch, measured after the edit loop so the two
  // do not share caches.
  const full = texts.slice(0, 15).map((text, i) => {
    const t1 = performance.now();
    engine.analyzeOnce(`${uri}.full${i}`, language, text);
    return performance.now() - t1;
  });
  engine.close(uri);
  return { incremental, full };
}

/** Time to index `files` generated files, and for web-tree-sitter alone to parse the same texts. */
async function indexTime(
  engine: SourceEngine,
  files: number,
): Promise<{ index: number; parseOnly: number }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-index-'));
  try {
    const written: [string, string][] = [];
    for (let i = 0; i < files; i++) {
      const dir = path.join(root, `pkg${i % 20}`);
      fs.mkdirSync(dir, { recursive: true });
      const [file, text] =
        i % 2 ? [`wf${i}.py`, generatePython(120)] : [`wf${i}.ts`, generateTypescript(120)];
      fs.writeFileSync(path.join(dir, file), text);
      written.push([file, text]);
    }
    const index = new WorkspaceIndex(engine);
    const t0 = performance.now();
    await index.build([root]);
    const indexMs = performance.now() - t0;
    // The baseline: a bare web-tree-sitter parser over the same texts (no reading, no queries).
    await Parser.init({ locateFile: () => runtimeWasmPath() });
    const parsers = new Map<string, Parser>();
    for (const [ext, grammar] of [
      ['py', 'python'],
      ['ts', 'typescript'],
    ] as const) {
      const parser = new Parser();
      parser.setLanguage(await Language.load(grammarWasmPath(grammar)));
      parsers.set(ext, parser);
    }
    const t1 = performance.now();
    for (const [file, text] of written)
      parsers
        .get(file.slice(file.lastIndexOf('.') + 1))!
        .parse(text)
        ?.delete();
    const parseOnly = performance.now() - t1;
    for (const p of parsers.values()) p.delete();
    return { index: indexMs, parseOnly };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Slowest analysis of random and truncated inputs (the fuzz test checks behaviour only). */
function fuzzWorst(engine: SourceEngine): number {
  const next = random(7);
  let worst = 0;
  for (let i = 0; i < 40; i++) {
    const text = Array.from(
      { length: 1 + Math.floor(next() * 4000) },
      () => '(){}[]<>"\'#@:;,.\n abc'[Math.floor(next() * 22)],
    ).join('');
    for (const language of ['python', 'typescript', 'go', 'java', 'csharp', 'rust', 'clojure']) {
      const t0 = performance.now();
      engine.analyzeOnce(`file:///bench/fuzz${i}`, language as 'python', text);
      worst = Math.max(worst, performance.now() - t0);
    }
  }
  return worst;
}

export async function run(): Promise<BenchResult[]> {
  const engine = await createSourceEngine();
  const results: BenchResult[] = [];
  for (const [language, generate, ext] of generators) {
    editLatency(engine, `file:///bench/warm.${ext}`, language, generate(500), 20);
    for (const lines of [1000, 10000]) {
      const { incremental, full } = editLatency(
        engine,
        `file:///bench/big${lines}.${ext}`,
        language,
        generate(lines),
        60,
      );
      const name = `${language} ${lines / 1000}k lines`;
      results.push(
        { name: `${name}: full re-analysis p95`, value: percentile(full, 95), unit: 'ms' },
        {
          name: `${name}: after one-line edit p50`,
          value: percentile(incremental, 50),
          unit: 'ms',
          baseline: `${name}: full re-analysis p95`,
        },
        {
          name: `${name}: after one-line edit p95`,
          value: percentile(incremental, 95),
          unit: 'ms',
          baseline: `${name}: full re-analysis p95`,
          goal: lines === 10000 ? { op: '<', value: 30 } : undefined,
        },
      );
    }
  }
  const indexed = await indexTime(engine, 1000);
  results.push(
    { name: 'web-tree-sitter parse of the same 1,000 files', value: indexed.parseOnly, unit: 'ms' },
    {
      name: 'index 1,000 files (120 lines each)',
      value: indexed.index,
      unit: 'ms',
      baseline: 'web-tree-sitter parse of the same 1,000 files',
      goal: { op: '<', value: Math.round(indexed.parseOnly * 1.5) },
    },
    {
      name: 'fuzz: slowest analysis of a random input (7 languages × 40)',
      value: fuzzWorst(engine),
      unit: 'ms',
    },
  );
  engine.dispose();
  return results;
}
