// The workflow graph in a real VS Code (code-server + Chromium) with the packaged extension:
// opened from a run of the TypeScript sample's executionTour in the Workflows tree, it is drawn
// from the source and coloured by what that run did; the keyboard moves between nodes and
// Enter opens the activity's definition at its line.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useTestTarget } from '../support/target';
import { contextMenu, openTemporal, screenshotStep, treeRow, waitForRowText } from './workbenchPage';

const target = useTestTarget();
let harness: typeof EditorHarness;
let editor: EditorHarness.Editor;
let browser: Browser;
let page: Page;
let connection: Connection;

const workflowId = `e2e-graph-${randomUUID().slice(0, 6)}`;
const samples = () => path.join(harness.repoRoot, 'samples');
const vsix = () => path.join(harness.repoRoot, 'dist', 'temporal-workbench.vsix');
/** 1-based line of the first line of a sample file matching `pattern`. */
const lineOf = (rel: string, pattern: RegExp) =>
  readFileSync(path.join(samples(), rel), 'utf8').split('\n').findIndex((l) => pattern.test(l)) + 1;
const shot = (name: string) => harness.screenshot(page, `workflowGraph-${name}`);
const step = screenshotStep(shot);

/** The graph's document inside the webview's nested iframes. */
function webview(): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

before(async () => {
  harness = await import('../support/editor.mjs');
  if (!existsSync(vsix())) throw new Error(`${vsix()} is missing: run npm run package first`);
  const t = await target.ready();
  connection = await Connection.connect({ address: t.address });
  const client = new Client({ connection, namespace: t.namespace });
  // The TypeScript tour: a retried activity, a timer, a child, an update, a signal, then a failure.
  const handle = await client.workflow.start('executionTour', { taskQueue: t.queues.typescript, workflowId, args: [2] });
  await handle.executeUpdate('setNote', { args: ['e2e'] });
  await handle.signal('proceed');
  await assert.rejects(handle.result(), WorkflowFailedError);

  editor = await harness.startEditor({
    workspace: samples(),
    vsix: vsix(),
    settings: {
      'temporal.profiles': { e2e: { address: t.address, namespace: t.namespace } },
      'git.openRepositoryInParentFolders': 'never',
      'workbench.editor.enablePreview': false,
    },
  });
  ({ browser, page } = await harness.launchBrowser({ viewport: { width: 1600, height: 1000 } }));
  await page.goto(editor.url, { waitUntil: 'domcontentloaded' });
  await harness.waitForWorkbench(page, { activityBarTitle: 'Temporal' });
});

after(async () => {
  await browser?.close();
  await editor?.stop();
  await connection?.close();
});

describe('Workflow graph', { timeout: 240_000 }, () => {
  step("opens from a run in the Workflows tree, drawn from the source and coloured by that run's history", async () => {
    await openTemporal(page);
    const row = treeRow(page, 'Workflows', new RegExp(`${workflowId}(?!-child)`));
    await waitForRowText(row, /executionTour.*Failed/);
    await contextMenu(page, row, 'Show Workflow Graph');
    const view = webview();
    await view.locator('[data-testid=run-line]', { hasText: `Coloured by run ${workflowId}` }).waitFor({ timeout: 30_000 });
    // Both samples define executionTour: this run is the TypeScript one.
    const tab = view.locator('[data-testid=graph-tab-typescript]');
    if (await tab.count()) await tab.click();
    const states = {
      wf: 'failed',
      'activity:flakyStep': 'completed',
      'timer:sleep': 'completed',
      'childWorkflow:greeting': 'completed',
      'signalHandler:proceed': 'completed',
      'updateHandler:setNote': 'completed',
    };
    for (const [id, state] of Object.entries(states)) {
      await view.locator(`[data-testid="node-${id}"]`).waitFor();
      assert.equal(await view.locator(`[data-testid="node-${id}"]`).getAttribute('data-state'), state, `state of ${id}`);
    }
    // Exactly the workflow, its three calls and its two handlers.
    assert.equal(await view.locator('g.node').count(), 6);
    await shot('1-coloured');
  });

  step('arrow keys move between nodes and Enter opens the activity definition at its line', async () => {
    const view = webview();
    await view.locator('[data-testid="node-wf"]').focus();
    // From the workflow, Right goes to the call beside it (the middle one), Up to the one above.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await view.locator('[data-testid="node-activity:flakyStep"]:focus').waitFor();
    await view.locator('[data-testid=node-details]', { hasText: /activity flakyStep.*completed/s }).waitFor();
    await shot('2-focused');
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'activities.ts' }).waitFor();
    const line = lineOf('typescript/src/activities.ts', /^export async function flakyStep/);
    await page
      .waitForFunction(
        (expected) => (document.querySelector('[id="status.editor.selection"]')?.textContent ?? '').includes(`Ln ${expected},`),
        line,
        { timeout: 15_000 },
      )
      .catch(async () => assert.fail(`cursor at ${await page.locator('[id="status.editor.selection"]').textContent()}, expected line ${line}`));
    await shot('3-definition');
  });
});
