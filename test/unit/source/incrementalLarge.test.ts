// Region re-parses on files with hundreds of top-level chunks: random edits (typos, stray
// brackets, new lines) pile up syntax errors, so edits land near older errors and the region
// parse widens or gives way to a full parse. Every step must give what a fresh parse gives.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generators } from '../../../bench/sourceFiles';
import { engineErrors, random, randomChange, sharedEngine } from './helpers';

describe('incremental re-analysis of large files with accumulating errors matches a fresh parse', () => {
  for (const [language, generate, ext] of generators) {
    test(`${language}: 30 random edits on a 1,500-line file`, async () => {
      const engine = await sharedEngine();
      const uri = `file:///large/edited.${ext}`;
      engine.analyze(uri, language, generate(1500));
      const next = random(language.length * 104729);
      for (let i = 0; i < 30; i++) {
        engine.applyEdit(uri, [randomChange(engine.text(uri)!, next)]);
        const fresh = engine.analyzeOnce(`${uri}.fresh`, language, engine.text(uri)!);
        assert.deepEqual(engine.records(uri), { ...fresh, uri }, `${language} after edit ${i}`);
      }
      engine.close(uri);
      assert.deepEqual(engineErrors, []);
    });
  }
});
