// Debug replay in a real extension host (code-server's, with its built-in node debugger): a
// breakpoint in the TypeScript sample's workflow code is hit while a recorded history replays.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { useBundledSuite } from '../support/extensionSuite';
import { useTestTarget } from '../support/target';

const target = useTestTarget();
const bundled = useBundledSuite(path.join(__dirname, 'extensionHost', 'debugReplaySuite.ts'));

test(
  'debug replay: a breakpoint in TypeScript workflow code is hit while the history replays',
  { timeout: 300_000 },
  async () => {
    const t = await target.ready();
    const connection = await Connection.connect({ address: t.address });
    const workflowId = `debug-replay-${randomUUID()}`;
    try {
      await new Client({ connection, namespace: t.namespace }).workflow.execute('greeting', {
        taskQueue: t.queues.typescript,
        workflowId,
        args: ['Ann'],
      });
    } finally {
      await connection.close();
    }
    const harness = bundled.harness();
    const workflowFile = path.join(harness.repoRoot, 'samples/typescript/src/workflows.ts');
    const breakLine = fs
      .readFileSync(workflowFile, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes("return await composeGreeting('Hello', name);"));
    assert.ok(breakLine > 0);
    const lines: string[] = [];
    const code = await harness.runExtensionTests({
      workspace: path.join(harness.repoRoot, 'samples'),
      extensionDevelopmentPath: harness.repoRoot,
      extensionTestsPath: bundled.suite(),
      settings: {
        'temporal.profiles': { host: { address: t.address, namespace: t.namespace } },
        'temporal.refreshIntervalSeconds': 0,
        'git.openRepositoryInParentFolders': 'never',
      },
      env: {
        E2E_WORKFLOW_ID: workflowId,
        E2E_WORKFLOW_FILE: workflowFile,
        E2E_BREAK_LINE: String(breakLine),
      },
      log: (text) => lines.push(text),
      timeout: 240_000,
    });
    assert.equal(
      code,
      0,
      `extension host tests failed:\n${lines
        .filter((l) => !/vsda|ENOTFOUND|marketplace/.test(l))
        .slice(-60)
        .join('')}`,
    );
  },
);
