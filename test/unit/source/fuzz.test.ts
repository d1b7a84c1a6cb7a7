import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { SourceRecords } from '../../../server/src/source';
import { FIXTURES, LANGUAGES, engineErrors, fixtureFiles, random, sharedEngine } from './helpers';

const EXTENSION: Record<(typeof LANGUAGES)[number], string> = {
  python: 'py',
  typescript: 'ts',
  go: 'go',
  java: 'java',
  csharp: 'cs',
  rust: 'rs',
  clojure: 'clj',
};

/** Random text: bytes decoded as UTF-8 (with replacement characters) plus syntax-heavy noise. */
function randomText(next: () => number, length: number): string {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
  const noise = '(){}[]<>"\'`#@:;,.\\/*-+=!?&|%$^~\n\t ';
  let text = bytes.toString('utf8');
  for (let i = 0; i < length / 4; i++) {
    const at = Math.floor(next() * text.length);
    text = text.slice(0, at) + noise[Math.floor(next() * noise.length)] + text.slice(at);
  }
  return text;
}

/** Runs one analysis and checks it gave records (time is measured in bench/source.bench.ts). */
function analysed(label: string, run: () => SourceRecords | undefined): SourceRecords {
  const records = run();
  assert.ok(
    records && Array.isArray(records.workflows) && Array.isArray(records.diagnostics),
    `${label}: no records`,
  );
  return records;
}

describe('fuzz: analysis of any input returns records without throwing or reporting errors', () => {
  for (const language of LANGUAGES) {
    test(`${language}: random bytes`, async () => {
      const engine = await sharedEngine();
      const next = random(0xf00d + language.length);
      for (let i = 0; i < 40; i++) {
        const text = randomText(next, 1 + Math.floor(next() * 4000));
        analysed(`${language} random input ${i}`, () =>
          engine.analyzeOnce(`file:///fuzz/input${i}.${EXTENSION[language]}`, language, text),
        );
      }
      assert.deepEqual(engineErrors, []);
    });

    test(`${language}: every truncated prefix of the fixtures, also as incremental edits`, async () => {
      const engine = await sharedEngine();
      for (const file of fixtureFiles(engine, path.join(FIXTURES, language))) {
        const text = fs.readFileSync(file, 'utf8');
        const lang = engine.languageForPath(file)!;
        const uri = `file:///fuzz/prefix-${path.basename(file)}`;
        const step = Math.max(1, Math.floor(text.length / 150));
        engine.analyze(uri, lang, '');
        for (let end = 0; end <= text.length; end += step) {
          const prefix = text.slice(0, end);
          analysed(`${path.basename(file)} prefix ${end}`, () =>
            engine.analyzeOnce(uri, lang, prefix),
          );
          // Typing the file from top to bottom, as whole-text updates.
          analysed(`${path.basename(file)} typed to ${end}`, () => engine.update(uri, prefix));
        }
        engine.close(uri);
      }
      assert.deepEqual(engineErrors, []);
    });
  }

  test('mixed-up languages and binary content', async () => {
    const engine = await sharedEngine();
    const sources = LANGUAGES.flatMap((l) => fixtureFiles(engine, path.join(FIXTURES, l))).map(
      (f) => fs.readFileSync(f, 'utf8'),
    );
    for (const language of LANGUAGES) {
      for (const source of sources) {
        analysed(`${language} parsing foreign source`, () =>
          engine.analyzeOnce('file:///fuzz/foreign', language, source),
        );
      }
      analysed(`${language} NUL bytes`, () =>
        engine.analyzeOnce('file:///fuzz/nul', language, '\0'.repeat(5000)),
      );
      analysed(`${language} deep nesting`, () =>
        engine.analyzeOnce('file:///fuzz/deep', language, '('.repeat(3000) + ')'.repeat(3000)),
      );
    }
    assert.deepEqual(engineErrors, []);
  });
});
