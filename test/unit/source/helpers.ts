import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createSourceEngine,
  type Position,
  type Range,
  type SourceEngine,
  type SourceRecords,
  type TextChange,
} from '../../../server/src/source';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/source');
export const LANGUAGES = [
  'python',
  'typescript',
  'go',
  'java',
  'csharp',
  'rust',
  'clojure',
] as const;

let shared: Promise<SourceEngine> | undefined;
/** Errors language modules reported through `onError` (tests assert there are none). */
export const engineErrors: unknown[] = [];

/** One engine for all tests of a process (grammar loading takes ~100 ms). */
export function sharedEngine(): Promise<SourceEngine> {
  shared ??= createSourceEngine({ onError: (e) => engineErrors.push(e) });
  return shared;
}

/** Source files of a fixture folder, recursively, in a stable order. */
export function fixtureFiles(engine: SourceEngine, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs
      .readdirSync(d, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (engine.languageForPath(full)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

export function analyzeFile(engine: SourceEngine, file: string): SourceRecords {
  const language = engine.languageForPath(file);
  if (!language) throw new Error(`not a source file: ${file}`);
  const records = engine.analyzeOnce(
    pathToFileURL(file).href,
    language,
    fs.readFileSync(file, 'utf8'),
  );
  if (!records) throw new Error(`no records for ${file}`);
  return records;
}

/**
 * Records as stored in *.expected.json: machine paths replaced by <fixtures>, and ranges
 * written compactly as "startLine:startCharacter-endLine:endCharacter" (zero-based, like LSP)
 * so the files stay reviewable.
 */
export function normalize(records: SourceRecords): unknown {
  const json = JSON.stringify(records, (_key, value: unknown) => {
    if (isRange(value)) {
      return `${value.start.line}:${value.start.character}-${value.end.line}:${value.end.character}`;
    }
    return value;
  })
    .split(pathToFileURL(FIXTURES).href)
    .join('<fixtures>')
    .split(FIXTURES)
    .join('<fixtures>');
  return JSON.parse(json);
}

function isRange(v: unknown): v is Range {
  if (!v || typeof v !== 'object') return false;
  const r = v as Partial<Range>;
  return (
    typeof r.start?.line === 'number' &&
    typeof r.end?.character === 'number' &&
    Object.keys(v).length === 2
  );
}

/** Small deterministic PRNG (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Edits a person might make: new lines, comments, renamed identifiers, deleted lines, typos. */
export function randomChange(text: string, next: () => number): TextChange {
  const lines = text.split('\n');
  const line = Math.floor(next() * lines.length);
  const lineStart = lines.slice(0, line).join('\n').length + (line > 0 ? 1 : 0);
  const kind = Math.floor(next() * 5);
  const at = (offset: number) => positionAt(text, offset);
  switch (kind) {
    case 0:
      return { range: { start: at(lineStart), end: at(lineStart) }, text: '\n' };
    case 1: {
      const col = Math.floor(next() * (lines[line].length + 1));
      return { range: { start: at(lineStart + col), end: at(lineStart + col) }, text: 'x' };
    }
    case 2: {
      if (lines[line].length === 0)
        return { range: { start: at(lineStart), end: at(lineStart) }, text: ' ' };
      const col = Math.floor(next() * lines[line].length);
      return { range: { start: at(lineStart + col), end: at(lineStart + col + 1) }, text: '' };
    }
    case 3: {
      const end = Math.min(text.length, lineStart + lines[line].length + 1);
      return { range: { start: at(lineStart), end: at(end) }, text: '' };
    }
    default: {
      const col = Math.floor(next() * (lines[line].length + 1));
      return { range: { start: at(lineStart + col), end: at(lineStart + col) }, text: ' )}]( "' };
    }
  }
}
