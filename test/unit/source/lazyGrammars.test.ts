import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createSourceEngine, WorkspaceIndex } from '../../../server/src/source';

const PYTHON =
  'from temporalio import workflow\n\n@workflow.defn\nclass Greet:\n    @workflow.run\n    async def run(self) -> None:\n        pass\n';

describe('a lazy engine loads grammars on first use', () => {
  test('languages answer before their grammar is loaded; analysis waits for ensureFor', async () => {
    const engine = await createSourceEngine({ lazy: true });
    try {
      assert.equal(engine.languageForPath('/w/app.cs'), 'csharp');
      assert.equal(engine.languageForId('typescriptreact'), 'typescript');
      assert.equal(
        engine.analyze('file:///w/a.py', 'python', PYTHON),
        undefined,
        'no grammar loaded yet',
      );
      assert.equal(await engine.ensureFor('file:///w/a.py', 'python'), 'python');
      const records = engine.analyze('file:///w/a.py', 'python', PYTHON);
      assert.deepEqual(
        records?.workflows.map((w) => w.name),
        ['Greet'],
      );
      assert.equal(await engine.ensureFor('file:///w/a.txt', 'plaintext'), undefined);
    } finally {
      engine.dispose();
    }
  });

  test('the workspace index loads the grammar of each file it analyses', async () => {
    const engine = await createSourceEngine({ lazy: true });
    try {
      const index = new WorkspaceIndex(engine);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-grammars-')), 'greet.py');
      fs.writeFileSync(file, PYTHON);
      const records = await index.analyzeFile(file);
      assert.deepEqual(
        records?.workflows.map((w) => w.name),
        ['Greet'],
      );
    } finally {
      engine.dispose();
    }
  });
});
