// samples/operations.temporal in a real VS Code (code-server + Chromium) with the packaged
// extension: the grammar colours it, and a Run lens runs a block through the language server's
// executeCommand, opens the results document and shows the outcome above the block.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { Browser, Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useTestTarget } from '../support/target';
import { clickLens, openFile, screenshotStep } from './workbenchPage';

const target = useTestTarget();
let harness: typeof EditorHarness;
let editor: EditorHarness.Editor;
let browser: Pick<Browser, 'close'>;
let page: Page;
const vsix = () => path.join(harness.repoRoot, 'dist', 'temporal-workbench.vsix');
const sampleText = () =>
  readFileSync(path.join(harness.repoRoot, 'samples', 'operations.temporal'), 'utf8');

const step = screenshotStep((name) => harness.screenshot(page, `operation-files-${name}`));

before(async () => {
  harness = await import('../support/editor.mjs');
  if (!existsSync(vsix())) throw new Error(`${vsix()} is missing: run npm run package first`);
  const t = await target.ready();
  editor = await harness.startEditor({
    workspace: path.join(harness.repoRoot, 'samples'),
    vsix: vsix(),
    settings: {
      // The profile the sample file names.
      'temporal.profiles': { 'dev-server': { address: t.address, namespace: t.namespace } },
      'git.openRepositoryInParentFolders': 'never',
      'workbench.editor.enablePreview': false,
    },
  });
  ({ browser, page } = await harness.launchBrowser({ viewport: { width: 1500, height: 950 } }));
  // The workbench appearing is the condition that matters, not the page's load event.
  await page.goto(editor.url, { waitUntil: 'commit' });
  await harness.waitForWorkbench(page, { activityBarTitle: 'Temporal' });
});

after(async () => {
  await browser?.close();
  await editor?.stop();
});

describe('.temporal files in the editor', { timeout: 240_000 }, () => {
  step(
    'the grammar gives the block name, its colon and the operation tokens of their own',
    async () => {
      await openFile(page, 'operations.temporal');
      const line = page
        .locator('.editor-group-container.active .view-line', { hasText: 'start1: workflow start' })
        .first();
      // Without the grammar the whole line stays one plain token; tokenizing is asynchronous.
      await line.locator('span > span').nth(2).waitFor({ timeout: 30_000 });
      const spans = await line
        .locator('span > span')
        .evaluateAll((els) => els.map((e) => ({ text: e.textContent, cls: e.className })));
      // The editor renders spaces as no-break spaces.
      const cls = (text: string) =>
        spans.find((s) => s.text?.replace(/\u00a0/g, ' ').trim() === text)?.cls;
      assert.ok(cls('start1') && cls('workflow start'), JSON.stringify(spans));
      assert.notEqual(cls('start1'), cls('workflow start'));
    },
  );

  step(
    'Run on a block starts the workflow through the server, opens the results and shows the outcome',
    async () => {
      await clickLens(page, sampleText(), 'start1: workflow start', 'Run');
      await page
        .locator('.tab', { hasText: 'operations.results.md' })
        .first()
        .waitFor({ timeout: 60_000 });
      const outcome = page
        .locator('.codelens-decoration a', { hasText: /ms · counter-[0-9a-f-]{36}/ })
        .first();
      await outcome.waitFor({ timeout: 60_000 });
      const workflowId = /counter-[0-9a-f-]{36}/.exec((await outcome.textContent()) ?? '')![0];
      // The same execution, seen through the SDK client: running, of the type the block names.
      const { address, namespace } = target();
      const connection = await Connection.connect({ address });
      try {
        const client = new Client({ connection, namespace });
        const handle = client.workflow.getHandle(workflowId);
        const d = await handle.describe();
        assert.deepEqual(
          [d.type, d.status.name, d.taskQueue],
          ['counter', 'RUNNING', 'workbench-ts'],
        );
        await handle.terminate('e2e cleanup');
      } finally {
        await connection.close();
      }
    },
  );
});
