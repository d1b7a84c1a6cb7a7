import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
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

function timed<T>(budgetMs: number, label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < budgetMs, `${label} took ${elapsed.toFixed(0)} ms`);
  return result;
}

describe('fuzz: analysis never throws and finishes in bounded time', () => {
  for (const language of LANGUAGES) {
    test(`${language}: random bytes`, async () => {
      const engine = await sharedEngine();
      const next = random(0xf00d + language.length);
      for (let i = 0; i < 40; i++) {
        const text = randomText(next, 1 + Math.floor(next() * 4000));
        const records = timed(2000, `${language} random input ${i}`, () =>
          engine.analyzeOnce(`file:///fuzz/input${i}.${EXTENSION[language]}`, language, text),
        );
        assert.ok(records);
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
          timed(2000, `${path.basename(file)} prefix ${end}`, () =>
            engine.analyzeOnce(uri, lang, prefix),
          );
          // Typing the file from top to bottom, as whole-text updates.
          timed(2000, `${path.basename(file)} typed to ${end}`, () => engine.update(uri, prefix));
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
        timed(2000, `${language} parsing foreign source`, () =>
          engine.analyzeOnce('file:///fuzz/foreign', language, source),
        );
      }
      timed(2000, `${language} NUL bytes`, () =>
        engine.analyzeOnce('file:///fuzz/nul', language, '\0'.repeat(5000)),
      );
      timed(2000, `${language} deep nesting`, () =>
        engine.analyzeOnce('file:///fuzz/deep', language, '('.repeat(3000) + ')'.repeat(3000)),
      );
    }
    assert.deepEqual(engineErrors, []);
  });
});
