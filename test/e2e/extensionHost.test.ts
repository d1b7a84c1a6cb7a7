// Fast checks inside a real extension host (code-server's, driven by its test runner): the
// command registry against the manifest, and the Workflows / Task Queues providers against the
// real dev server through the real language client. The suite is bundled here with esbuild.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { bundleHostSuite } from '../support/hostSuite';
import { useTestTarget } from '../support/target';

const target = useTestTarget();
let harness: typeof EditorHarness;
let tmp: string;
let suite: string;

before(async () => {
  harness = await import('../support/editor.mjs');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'tw-host-'));
  suite = path.join(tmp, 'suite.js');
  await bundleHostSuite(path.join(__dirname, 'extensionHost', 'suite.ts'), suite);
});

after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test(
  'extension host: commands, providers and paging against the real server',
  { timeout: 180_000 },
  async () => {
    const t = await target.ready();
    const lines: string[] = [];
    const code = await harness.runExtensionTests({
      workspace: path.join(harness.repoRoot, 'samples'),
      extensionDevelopmentPath: harness.repoRoot,
      extensionTestsPath: suite,
      // The default namespace keeps the 55 paging executions out of the other tests' view.
      settings: {
        'temporal.profiles': {
          host: { address: t.address, namespace: 'default' },
          // Nothing listens on port 1: the views must show the failure in place.
          down: { address: '127.0.0.1:1', namespace: 'default' },
        },
        'temporal.refreshIntervalSeconds': 0,
        'git.openRepositoryInParentFolders': 'never',
      },
      env: { E2E_HOST_NAMESPACE: 'default', E2E_WORKER_NAMESPACE: t.namespace },
      log: (text) => lines.push(text),
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
