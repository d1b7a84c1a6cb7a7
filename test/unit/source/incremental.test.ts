import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Position, SourceEngine } from '../../../server/src/source';
import {
  FIXTURES,
  LANGUAGES,
  engineErrors,
  fixtureFiles,
  random,
  randomChange,
  sharedEngine,
} from './helpers';

function assertSameAsFresh(
  engine: SourceEngine,
  uri: string,
  language: string,
  label: string,
): void {
  const text = engine.text(uri)!;
  const incremental = engine.records(uri);
  const fresh = engine.analyzeOnce(uri, language, text);
  assert.deepEqual(incremental, fresh, label);
}

describe('incremental re-analysis matches a fresh parse', () => {
  for (const language of LANGUAGES) {
    test(`${language}: random LSP edits through applyEdit and update`, async () => {
      const engine = await sharedEngine();
      const next = random(language.length * 7919);
      for (const file of fixtureFiles(engine, path.join(FIXTURES, language))) {
        const uri = pathToFileURL(file).href;
        const lang = engine.languageForPath(file)!;
        let text = fs.readFileSync(file, 'utf8');
        engine.analyze(uri, lang, text);
        for (let i = 0; i < 25; i++) {
          const change = randomChange(text, next);
          if (i % 2 === 0) {
            engine.applyEdit(uri, [change]);
          } else {
            // Whole-text updates (LSP full sync) are diffed into one edit.
            const start = change.range!.start;
            const end = change.range!.end;
            const lines = text.split('\n');
            const offset = (p: Position) =>
              lines.slice(0, p.line).join('\n').length + (p.line > 0 ? 1 : 0) + p.character;
            engine.update(
              uri,
              text.slice(0, offset(start)) + change.text + text.slice(offset(end)),
            );
          }
          text = engine.text(uri)!;
          assertSameAsFresh(engine, uri, lang, `${path.relative(FIXTURES, file)} after edit ${i}`);
        }
        engine.close(uri);
      }
      assert.deepEqual(engineErrors, []);
    });
  }

  test('several changes in one notification apply in order', async () => {
    const engine = await sharedEngine();
    const uri = 'file:///work/multi.py';
    const text =
      'from temporalio import workflow\n\n@workflow.defn\nclass A:\n    @workflow.run\n    async def run(self) -> None: ...\n';
    engine.analyze(uri, 'python', text);
    const records = engine.applyEdit(uri, [
      {
        range: { start: { line: 3, character: 6 }, end: { line: 3, character: 7 } },
        text: 'Renamed',
      },
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        text: '# header\n',
      },
    ]);
    assert.equal(records?.workflows[0].name, 'Renamed');
    assert.deepEqual(records?.workflows[0].nameRange, {
      start: { line: 4, character: 6 },
      end: { line: 4, character: 13 },
    });
    assertSameAsFresh(engine, uri, 'python', 'multi');
    engine.close(uri);
  });

  test('editing one workflow leaves cached facts of the others in place', async () => {
    const engine = await sharedEngine();
    const uri = 'file:///work/many.ts';
    const parts = ["import { sleep } from '@temporalio/workflow';"];
    for (let i = 0; i < 50; i++)
      parts.push(
        `export async function wf${i}(n: number): Promise<number> {\n  await sleep(n);\n  return n;\n}`,
      );
    const text = parts.join('\n');
    engine.analyze(uri, 'typescript', text);
    const edited = text.replace('export async function wf25(', 'export async function renamed25(');
    const records = engine.update(uri, edited)!;
    // Only the edited function's chunk is extracted again; the import and 49 functions are reused.
    assert.deepEqual(
      { extracted: engine.lastTimings?.extractedChunks, reused: engine.lastTimings?.reusedChunks },
      { extracted: 1, reused: 50 },
    );
    assert.equal(records.workflows.length, 50);
    assert.equal(records.workflows[25].name, 'renamed25');
    assert.equal(records.workflows[26].name, 'wf26');
    assertSameAsFresh(engine, uri, 'typescript', 'many');
    engine.close(uri);
  });

  test('CRLF documents and non-ASCII text keep LSP positions', async () => {
    const engine = await sharedEngine();
    const uri = 'file:///work/crlf.py';
    const text =
      '# café ☕\r\nfrom temporalio import workflow\r\n@workflow.defn(name="naïve-😀")\r\nclass Ünïcode:\r\n    pass\r\n';
    const records = engine.analyze(uri, 'python', text)!;
    assert.equal(records.workflows[0].name, 'naïve-😀');
    assert.deepEqual(records.workflows[0].nameRange, {
      start: { line: 3, character: 6 },
      end: { line: 3, character: 13 },
    });
    engine.applyEdit(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\r\n' },
    ]);
    assert.deepEqual(engine.records(uri)!.workflows[0].nameRange.start, { line: 4, character: 6 });
    assertSameAsFresh(engine, uri, 'python', 'crlf');
    engine.close(uri);
  });

  test('documents reopened under another language start over', async () => {
    const engine = await sharedEngine();
    const uri = 'file:///work/switch';
    engine.analyze(
      uri,
      'python',
      'from temporalio import workflow\n@workflow.defn\nclass A: pass\n',
    );
    const records = engine.analyze(
      uri,
      'go',
      'package x\nimport "go.temporal.io/sdk/workflow"\nfunc A(ctx workflow.Context) error { return nil }\n',
    );
    assert.equal(records?.language, 'go');
    assert.equal(records?.workflows[0].name, 'A');
    assert.equal(engine.analyze(uri, 'plaintext', 'hello'), undefined);
    assert.equal(engine.isOpen(uri), false);
  });
});
