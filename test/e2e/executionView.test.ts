// The execution view in a real VS Code (code-server + Chromium) with the packaged extension:
// a history recorded by the Python sample worker renders (summary, compact rows, details), and
// clicking an activity name and a stack frame opens the right file at the right line, and
// "Compare with…" shows the run beside its reset in the diff editor, and the "running" lens of
// a workflow whose run no worker polls for says why it is not moving.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe } from 'node:test';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useTestTarget } from '../support/target';
import {
  contextMenu,
  lensTextAbove,
  openFile,
  openTemporal,
  screenshotStep,
  treeRow,
  waitForRowText,
} from './workbenchPage';

const target = useTestTarget();
let harness: typeof EditorHarness;
let editor: EditorHarness.Editor;
let browser: Pick<Browser, 'close'>;
let page: Page;
let connection: Connection;
let client: Client;

const workflowId = `e2e-tour-${randomUUID().slice(0, 6)}`;
const samples = () => path.join(harness.repoRoot, 'samples');
const vsix = () => path.join(harness.repoRoot, 'dist', 'temporal-workbench.vsix');
/** 1-based line of the first line of a sample file matching `pattern`. */
const lineOf = (rel: string, pattern: RegExp) =>
  readFileSync(path.join(samples(), rel), 'utf8')
    .split('\n')
    .findIndex((l) => pattern.test(l)) + 1;
const shot = (name: string) => harness.screenshot(page, `executionView-${name}`);

const step = screenshotStep(shot);

/** The execution view's document inside the webview's nested iframes. */
function webview(): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The active editor's cursor line, from the status bar ("Ln 12, Col 5"). */
async function cursorLine(): Promise<number> {
  const text = (await page.locator('[id="status.editor.selection"]').textContent()) ?? '';
  return Number(/Ln (\d+)/.exec(text)?.[1] ?? 0);
}

async function waitForEditor(fileName: string, line: number): Promise<void> {
  await page.locator('.tab.active', { hasText: fileName }).waitFor();
  await page
    .waitForFunction(
      (expected) => {
        const t = document.querySelector('[id="status.editor.selection"]')?.textContent ?? '';
        return t.includes(`Ln ${expected},`);
      },
      line,
      { timeout: 15_000 },
    )
    .catch(async () => assert.fail(`cursor at line ${await cursorLine()}, expected ${line}`));
}

before(async () => {
  harness = await import('../support/editor.mjs');
  if (!existsSync(vsix())) throw new Error(`${vsix()} is missing: run npm run package first`);
  const t = await target.ready();
  connection = await Connection.connect({ address: t.address });
  client = new Client({ connection, namespace: t.namespace });
  // The Python tour: a retried activity, a timer, a child, an update, a signal, then a failure.
  const handle = await client.workflow.start('executionTour', {
    taskQueue: t.queues.python,
    workflowId,
    args: [3],
  });
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
  // The workbench's own readiness is what counts; 'load' waits for every extension asset.
  await page.goto(editor.url, { waitUntil: 'domcontentloaded' });
  await harness.waitForWorkbench(page, { activityBarTitle: 'Temporal' });
});

after(async () => {
  // The compare step's reset leaves a new run waiting for its update and signal.
  await client?.workflow
    .getHandle(workflowId)
    .terminate('e2e done')
    .catch(() => undefined);
  await browser?.close();
  await editor?.stop();
  await connection?.close();
});

describe('Execution view', { timeout: 240_000 }, () => {
  step('opens from the Workflows tree and renders the recorded history', async () => {
    await openTemporal(page);
    // Not the child's row, whose id starts with the parent's.
    const row = treeRow(page, 'Workflows', new RegExp(`${workflowId}(?!-child)`));
    await waitForRowText(row, /executionTour.*Failed/);
    await contextMenu(page, row, 'Open Execution View');
    const view = webview();
    await view.locator('[data-testid=status]', { hasText: 'Failed' }).waitFor({ timeout: 30_000 });
    await view.locator('[data-testid=workflow-type]', { hasText: 'executionTour' }).waitFor();
    await view.locator('[data-testid=load-status]', { hasText: /^\d+ events$/ }).waitFor();
    // The compact list: one row per activity, timer, child, signal, update.
    for (const kind of ['activity', 'timer', 'child', 'signal', 'update'])
      await view.locator(`[data-testid=group-${kind}]`).first().waitFor();
    assert.match(
      (await view.locator('[data-testid=group-activity]').first().textContent()) ?? '',
      /flakyStep.*attempt 3/,
    );
    assert.match(
      (await view.locator('[data-testid=failure-chain]').first().textContent()) ?? '',
      /TourFailure: tour ended \(note: e2e\)/,
    );
    await shot('1-compact');
    await view.locator('button[data-tab=timeline]').click();
    await view.locator('.lane .bar.kind-activity').first().waitFor();
    await shot('2-timeline');
    await view.locator('button[data-tab=compact]').click();
  });

  step('clicking the activity name opens its definition', async () => {
    const view = webview();
    await view.locator('[data-testid=group-activity]').first().click();
    const open = view.locator('[data-testid=open-source]', { hasText: 'flakyStep' });
    await open.waitFor();
    await shot('3-activity-details');
    await open.click();
    // Both samples define flakyStep: the editor asks which; the Python one ran this execution.
    const pick = page.locator('.quick-input-widget', {
      hasText: "Definitions of activity 'flakyStep'",
    });
    await pick.locator('.monaco-list-row', { hasText: 'python/activities.py' }).click();
    await waitForEditor('activities.py', lineOf('python/activities.py', /^async def flaky_step/));
  });

  step("clicking a frame of the activity's last failure opens the raising line", async () => {
    const view = webview();
    await view.locator('.related button', { hasText: 'ActivityTaskStarted' }).click();
    const frame = view.locator('[data-testid=stack-frame]', { hasText: 'activities.py' }).first();
    await frame.waitFor({ timeout: 15_000 });
    await shot('4-stack-frames');
    await frame.click();
    await waitForEditor('activities.py', lineOf('python/activities.py', /raise RuntimeError/));
  });

  step(
    '"Compare with…" shows the run and the run after its reset side by side in the diff editor',
    async () => {
      const t = await target.ready();
      const before = await client.workflow.getHandle(workflowId).describe();
      const substrate = await import('../support/substrate.mjs');
      await promisify(execFile)(substrate.temporalCli(), [
        'workflow',
        'reset',
        '--workflow-id',
        workflowId,
        '--run-id',
        before.runId,
        '--type',
        'FirstWorkflowTask',
        '--reason',
        'e2e compare',
        '--address',
        t.address,
        '--namespace',
        t.namespace,
      ]);
      const after = await client.workflow.getHandle(workflowId).describe();
      assert.notEqual(after.runId, before.runId);
      // The previous step's activities.py beside the view would leave the diff too narrow for two sides.
      await harness.runCommand(page, 'View: Close Editor Group');
      await webview().locator('[data-testid=compare]').click();
      const pick = page.locator('.quick-input-widget', { hasText: `Compare ${workflowId} with` });
      await pick.locator('.monaco-list-row', { hasText: after.runId }).click();
      await page.locator('.tab.active', { hasText: `run ${after.runId.slice(0, 8)}` }).waitFor();
      const diff = page.locator('.monaco-diff-editor');
      // Line 4 is the reset's failed workflow task on the right, the completed one on the left.
      await diff
        .locator('.editor.modified .view-line', { hasText: 'WorkflowTaskFailed ResetWorkflow' })
        .waitFor();
      await diff
        .locator('.editor.original .view-line', { hasText: 'ActivityTaskScheduled flakyStep' })
        .waitFor();
      // Side by side, not inline: the original run has a column of its own.
      const original = await diff.locator('.editor.original').boundingBox();
      assert.ok(
        original && original.width > 300,
        `the original side's box: ${JSON.stringify(original)}`,
      );
      await shot('5-compare-reset');
    },
  );

  step(
    'pointing at the "running" lens of a workflow no worker polls for says why it is not moving',
    async () => {
      const taskQueue = `nobody-polls-${randomUUID().slice(0, 8)}`;
      const stuck = await client.workflow.start('greeting', {
        taskQueue,
        workflowId: `e2e-stuck-${randomUUID().slice(0, 6)}`,
        args: ['lens'],
      });
      try {
        await openFile(page, 'python/workflows.py');
        const source = readFileSync(path.join(samples(), 'python/workflows.py'), 'utf8');
        await lensTextAbove(page, source, 'class Greeting', /\d+ running/);
        // VS Code shows a lens command's tooltip as the lens link's title when pointed at.
        const lens = page.locator(
          `.editor-group-container.active .codelens-decoration a[title*="${taskQueue}"]`,
        );
        await lens.waitFor({ timeout: 30_000 });
        assert.match(
          (await lens.getAttribute('title')) ?? '',
          new RegExp(
            `^Why is it not moving\\? No worker polls task queue '${taskQueue}'.*worker\\.py on 'workbench-py'`,
          ),
        );
        await lens.hover();
        await shot('6-lens-not-moving');
      } finally {
        await stuck.terminate('e2e done');
      }
    },
  );
});
