// Fast checks inside a real extension host (code-server's, driven by its test runner): the
// command registry against the manifest, and the Workflows / Task Queues providers against the
// real dev server through the real language client. The suite is bundled here with esbuild.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { useBundledSuite } from '../support/extensionSuite';
import { useTestTarget } from '../support/target';

const target = useTestTarget();
const bundled = useBundledSuite(path.join(__dirname, 'extensionHost', 'suite.ts'));

test(
  'extension host: commands, providers and paging against the real server',
  { timeout: 180_000 },
  async () => {
    const t = await target.ready();
    const lines: string[] = [];
    const harness = bundled.harness();
    const code = await harness.runExtensionTests({
      workspace: path.join(harness.repoRoot, 'samples'),
      extensionDevelopmentPath: harness.repoRoot,
      extensionTestsPath: bundled.suite(),
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
