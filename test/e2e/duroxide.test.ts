// A duroxide profile in a real VS Code (code-server + Chromium) with the packaged extension: a
// real duroxide runtime (its own process, the integration test's orchestrations) on a temporary
// SQLite store. The tree lists its instances with their status and counts, the profile node its
// metrics and queue depths; an instance shows its executions and history; the user starts an
// orchestration with a version, raises the event a waiting one needs, and cancels another.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { startRuntime, type TestRuntime } from '../support/duroxide';
import { loadDuroxide, type DuroxideClient } from '../../server/src/backends/duroxide/binding';
import {
  answerQuickInput,
  dialogButton,
  openTemporal,
  screenshotStep,
  submitPayload,
  treeRow,
  viewPane,
  waitForRowText,
  widenSideBar,
} from './workbenchPage';

let harness: typeof EditorHarness;
let editor: EditorHarness.Editor | undefined;
let browser: Pick<Browser, 'close'> | undefined;
let page: Page;
let runtime: TestRuntime | undefined;
let own: DuroxideClient;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-dx-e2e-'));
const store = path.join(tmp, 'store.db');

const shot = (name: string) => harness.screenshot(page, `duroxide-${name}`);
/** A step that leaves a screenshot of the page, and one of the extension's log, when it fails. */
const step = screenshotStep(async (name) => {
  await shot(name);
  await harness.runCommand(page, 'Temporal: Show Output');
  await shot(`${name}-output`);
});

/** Reads `read` again until `ok` holds (each read is a real call on the store; no fixed waits). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await read().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (i > 2000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A waiting Approval instance: started, and subscribed to its `approve` event. */
async function startWaiting(instanceId: string, request: string): Promise<void> {
  await own.startOrchestration(instanceId, 'Approval', JSON.stringify(request));
  await until(
    () => own.readExecutionHistory(instanceId, 1),
    (h) => h.some((e) => e.kind === 'ExternalSubscribed'),
    `${instanceId} to wait for its event`,
  );
}

before(async () => {
  harness = await import('../support/editor.mjs');
  const vsix = path.join(harness.repoRoot, 'dist', 'temporal-workbench.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  const url = `sqlite:${store}`;
  runtime = await startRuntime(url);
  const dx = loadDuroxide();
  own = new dx.JsClient(await dx.JsSqliteProvider.open(url));
  // What the tree must list: two waiting, one continued as new three times, one failed, one
  // with activities.
  await startWaiting('approval-wait', 'order-1');
  await startWaiting('approval-cancel', 'order-2');
  await own.startOrchestration('countdown', 'Countdown', '0');
  await own.startOrchestration('broken', 'Broken', 'null');
  await own.startOrchestration('greeting', 'Greeting', '"Ada"');
  for (const id of ['countdown', 'broken', 'greeting']) await own.waitForOrchestration(id, 60_000);

  editor = await harness.startEditor({
    workspace: path.join(harness.repoRoot, 'samples'),
    vsix,
    settings: {
      'temporal.profiles': { dx: { kind: 'duroxide', store } },
      'temporal.refreshIntervalSeconds': 1,
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoSurround': 'never',
      'git.openRepositoryInParentFolders': 'never',
      'workbench.editor.enablePreview': false,
    },
  });
  ({ browser, page } = await harness.launchBrowser({ viewport: { width: 1500, height: 950 } }));
  await page.goto(editor.url);
  await harness.waitForWorkbench(page, { activityBarTitle: 'Temporal' });
  await widenSideBar(page, 520);
});

after(async () => {
  await browser?.close();
  await editor?.stop();
  await runtime?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Expands a tree row with the keyboard (a click on the twistie races the row's redraw). */
async function expand(view: string, name: string | RegExp): Promise<void> {
  const row = treeRow(page, view, name);
  await row.click();
  await page.keyboard.press('ArrowRight');
  await viewPane(page, view).getByRole('treeitem', { name, expanded: true }).first().waitFor();
}

describe('a duroxide profile in the editor', { timeout: 240_000 }, () => {
  step(
    "lists the store's instances with their status and counts, and the store's metrics and queues",
    async () => {
      await openTemporal(page);
      await waitForRowText(treeRow(page, 'Workflows', 'approval-wait'), /Approval.*Running/);
      await waitForRowText(treeRow(page, 'Workflows', 'approval-cancel'), /Approval.*Running/);
      await waitForRowText(treeRow(page, 'Workflows', 'countdown'), /Countdown.*Completed/);
      await waitForRowText(treeRow(page, 'Workflows', 'broken'), /Broken.*Failed/);
      await waitForRowText(treeRow(page, 'Workflows', 'greeting'), /Greeting.*Completed/);
      const header = viewPane(page, 'Workflows').locator('.pane-header');
      await header.filter({ hasText: /2 running/ }).waitFor();
      assert.match((await header.textContent()) ?? '', /2 completed/);
      // The profile node: instances by status and the queues, as the store's metrics say.
      await waitForRowText(treeRow(page, 'Connections', /^dx/), /connected/);
      await expand('Connections', /^dx/);
      // Read once per expansion: the store's numbers when the node opened (nothing runs now).
      const metrics = viewPane(page, 'Connections')
        .locator('.monaco-list-row', { hasText: /Instances:|Could not|Error/ })
        .first();
      await metrics.waitFor();
      assert.match(
        (await metrics.textContent()) ?? '',
        /Instances: 5\s*2 running · 2 completed · 1 failed/,
      );
      const queues = viewPane(page, 'Connections')
        .locator('.monaco-list-row', { hasText: /Queues:/ })
        .first();
      assert.match(
        (await queues.textContent()) ?? '',
        /Queues: 0\s*orchestrator 0 · worker 0 · timer 0/,
      );
      await page.mouse.move(900, 400);
      await shot('1-tree');
    },
  );

  step(
    'a waiting instance shows its custom status and KV values, and its menu has Raise Event but no Signal, Query or Update',
    async () => {
      await expand('Workflows', 'approval-wait');
      await waitForRowText(
        treeRow(page, 'Workflows', 'Custom status'),
        /\{"phase":"waiting for approval"\}/,
      );
      await waitForRowText(treeRow(page, 'Workflows', /^Values/), /1/);
      await waitForRowText(treeRow(page, 'Workflows', 'request'), /"order-1"/);
      await shot('1b-instance-state');
      // The menu of the instance row, read once it has opened (Raise Event is in it).
      await treeRow(page, 'Workflows', 'approval-wait').click({ button: 'right' });
      const entries = page.locator('.context-view .monaco-menu .action-item');
      await entries.filter({ hasText: 'Raise Event…' }).first().waitFor();
      const labels = (await entries.allTextContents()).map((t) => t.trim());
      await page.keyboard.press('Escape');
      await entries.first().waitFor({ state: 'detached' });
      for (const wanted of ['Raise Event…', 'Wait for Completion', 'Cancel Workflow…'])
        assert.ok(
          labels.some((l) => l.startsWith(wanted)),
          `${wanted} in ${labels.join(', ')}`,
        );
      for (const hidden of [
        'Signal Workflow…',
        'Query Workflow…',
        'Update Workflow…',
        'Terminate Workflow…',
        'Open in Web UI',
      ])
        assert.ok(!labels.some((l) => l.startsWith(hidden)), `${hidden} in ${labels.join(', ')}`);
      await treeRow(page, 'Workflows', 'approval-wait').click();
      await page.keyboard.press('ArrowLeft');
    },
  );

  step("shows an instance's executions (continue-as-new) and an execution's history", async () => {
    await expand('Workflows', 'countdown');
    for (const run of ['Run 4', 'Run 3', 'Run 2', 'Run 1'])
      await treeRow(page, 'Workflows', run).waitFor();
    await waitForRowText(treeRow(page, 'Workflows', 'Run 3'), /Continued/);
    await page.keyboard.press('ArrowLeft');
    await expand('Workflows', 'greeting');
    await expand('Workflows', /^History/);
    await treeRow(page, 'Workflows', /OrchestrationStarted/).waitFor();
    await treeRow(page, 'Workflows', /ActivityScheduled/).waitFor();
    await treeRow(page, 'Workflows', /OrchestrationCompleted/).waitFor();
    await shot('2-history');
    await treeRow(page, 'Workflows', 'greeting').click();
    await page.keyboard.press('ArrowLeft');
  });

  step('starts an orchestration with a version', async () => {
    await harness.runCommand(page, 'Temporal: Start Orchestration…');
    await answerQuickInput(page, 'Start Orchestration (1/3)', 'Approval');
    await answerQuickInput(page, 'Start Orchestration (2/3)', 'approval-new');
    await answerQuickInput(page, 'Start Orchestration (3/3)', '1.0.0');
    await submitPayload(page, 'Approval input', '["order-9"]');
    await harness.waitForNotification(
      page,
      "Started orchestration Approval version 1.0.0 as 'approval-new'",
    );
    await waitForRowText(treeRow(page, 'Workflows', 'approval-new'), /Approval.*Running/);
    const info = await own.getInstanceInfo('approval-new');
    assert.deepEqual([info.orchestrationName, info.orchestrationVersion], ['Approval', '1.0.0']);
  });

  step('raising the event a waiting instance needs completes it with its output', async () => {
    // From the palette: it asks for the running instance (a context menu's row can be redrawn
    // away by the tree's own refresh between the right-click and the command).
    await harness.runCommand(page, 'Temporal: Raise Event…');
    await answerQuickInput(page, 'Raise Event', 'approval-wait');
    await answerQuickInput(page, "Raise Event on 'approval-wait'", 'approve');
    await submitPayload(page, 'event approve', '[{"by": "e2e"}]');
    await harness.waitForNotification(page, "Event 'approve' raised on 'approval-wait'");
    await waitForRowText(treeRow(page, 'Workflows', 'approval-wait'), /Approval.*Completed/);
    const status = await own.getStatus('approval-wait');
    assert.deepEqual(
      [status.status, JSON.parse(status.output ?? 'null')],
      ['Completed', { request: 'order-1', approved: { by: 'e2e' } }],
    );
  });

  step('cancels a waiting instance after a confirmation', async () => {
    await harness.runCommand(page, 'Temporal: Cancel Workflow…');
    await answerQuickInput(page, 'Cancel Workflow', 'approval-cancel');
    await answerQuickInput(page, 'Cancel approval-cancel');
    await dialogButton(page, 'Request Cancellation');
    await waitForRowText(treeRow(page, 'Workflows', 'approval-cancel'), /Approval.*Canceled/);
    const status = await own.getStatus('approval-cancel');
    assert.equal(status.status, 'Failed');
    assert.match(status.error ?? '', /^canceled/i);
    // The store's numbers under the profile follow on their own (polled while expanded).
    await viewPane(page, 'Connections')
      .locator('.monaco-list-row', { hasText: /Instances: 6\s*1 running · 3 completed · 2 failed/ })
      .waitFor();
    // Lenses' live counts and every view went through the duroxide backend: the profile never
    // fell into an error state (a Temporal call against the store's path would have put it there).
    assert.match((await treeRow(page, 'Connections', /^dx/).textContent()) ?? '', /connected/);
    await shot('3-after-operations');
  });
});
