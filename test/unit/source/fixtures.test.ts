import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  FIXTURES,
  LANGUAGES,
  analyzeFile,
  engineErrors,
  fixtureFiles,
  normalize,
  sharedEngine,
} from './helpers';

// Each fixture source has a reviewed `<file>.expected.json` next to it. After an intended
// change, regenerate with UPDATE_EXPECTED=1 and review the diff.
const update = process.env.UPDATE_EXPECTED === '1';

describe('records per language match the expected JSON', () => {
  for (const language of LANGUAGES) {
    test(language, async () => {
      const engine = await sharedEngine();
      const files = fixtureFiles(engine, path.join(FIXTURES, language));
      assert.ok(files.length > 0, `no fixtures for ${language}`);
      for (const file of files) {
        const actual = normalize(analyzeFile(engine, file));
        const expectedFile = `${file}.expected.json`;
        if (update) fs.writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
        const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
        assert.deepEqual(actual, expected, path.relative(FIXTURES, file));
      }
      assert.deepEqual(engineErrors, []);
    });
  }
});
