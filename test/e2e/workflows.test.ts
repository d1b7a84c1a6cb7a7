// The Workflows view, code lenses and workflow commands in a real VS Code (code-server +
// Chromium) with the packaged extension, against the real dev server and sample workers. One
// editor for the whole file; the scenarios run in order and build on each other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe } from 'node:test';
import type { Client } from '@temporalio/client';
import type { Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useWorkbenchSession } from './session';
import {
  answerQuickInput,
  clickLens,
  contextMenu,
  dialog,
  dialogButton,
  openFile,
  openTemporal,
  scrolledTreeRow,
  setViewExpanded,
  submitPayload,
  submitTypedPayload,
  treeRow,
  typePayload,
  waitForRowText,
  widenSideBar,
} from './workbenchPage';

// Executions the view must list: one that stays open (terminated later), one that completes.
const session = useWorkbenchSession({
  prefix: 'workflows',
  prepare: async (c, t) => {
    await c.workflow.start('longTimer', {
      taskQueue: t.queues.python,
      workflowId: ids.timer,
      args: [3600],
    });
    await c.workflow.execute('greeting', {
      taskQueue: t.queues.typescript,
      workflowId: ids.listed,
      args: ['Listed'],
    });
  },
  cleanupIds: () => Object.values(ids),
  // Typed payloads stay exactly as typed.
  settings: () => ({
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoSurround': 'never',
    'workbench.editor.enablePreview': false,
  }),
});
const { step, shot } = session;
let harness: typeof EditorHarness;
let page: Page;
let client: Client;

const suffix = session.suffix;
const ids = {
  timer: `e2e-timer-${suffix}`,
  listed: `e2e-listed-${suffix}`,
  pyGreeting: `e2e-py-greeting-${suffix}`,
  tsCounter: `e2e-ts-counter-${suffix}`,
};

const samples = () => path.join(harness.repoRoot, 'samples');
const source = (rel: string) => readFileSync(path.join(samples(), rel), 'utf8');

before(async () => {
  await session.ready;
  ({ harness, page, client } = session);
  await widenSideBar(page, 460);
});

describe('Workflows view and workflow commands', { timeout: 240_000 }, () => {
  step('lists the executions the test started, with status and counts', async () => {
    await openTemporal(page);
    await waitForRowText(treeRow(page, 'Workflows', ids.timer), /longTimer.*Running/);
    await waitForRowText(treeRow(page, 'Workflows', ids.listed), /greeting.*Completed/);
    const header = page.locator('.part.sidebar .pane-header', { hasText: 'Workflows' });
    assert.match((await header.textContent()) ?? '', /running/);
    // The queues of the workers, with their pollers.
    await waitForRowText(
      await scrolledTreeRow(page, 'Task Queues', 'workbench-py'),
      /pollers: 1 workflow · 1 activity/,
    );
    await shot('1-listed');
    // More room for the Workflows view from here on.
    await page.locator('.part.sidebar .pane-header', { hasText: 'Connections' }).click();
  });

  step('starts a workflow from the Python code lens', async () => {
    await openFile(page, 'python/workflows.py');
    await clickLens(page, source('python/workflows.py'), 'class Greeting', 'Start', {
      opensQuickInput: 'Start greeting (1/2)',
    });
    // Task queue: the lens names the Python worker's queue; it is the default.
    const queues = await harnessQuickInput('Start greeting (1/2)');
    assert.match(queues, /workbench-py/);
    await shot('2-start-queue');
    await answerQuickInput(page, 'Start greeting (1/2)');
    await answerQuickInput(page, 'Start greeting (2/2)', ids.pyGreeting);
    await shot('3-payload-editor');
    await submitPayload(page, 'greeting input', '["Ada"]');
    await harness.waitForNotification(page, `Started greeting '${ids.pyGreeting}'`);
    await waitForRowText(treeRow(page, 'Workflows', ids.pyGreeting), /greeting.*Completed/);
    assert.equal(await client.workflow.getHandle(ids.pyGreeting).result(), 'Hello, Ada!');
    await shot('4-py-started');
  });

  step('starts a workflow from the TypeScript code lens and watches it run', async () => {
    await openFile(page, 'typescript/src/workflows.ts');
    const ts = source('typescript/src/workflows.ts');
    await clickLens(page, ts, 'export async function counter(', 'Start', {
      opensQuickInput: 'Start counter (1/2)',
    });
    await answerQuickInput(page, 'Start counter (1/2)');
    await answerQuickInput(page, 'Start counter (2/2)', ids.tsCounter);
    await submitPayload(page, 'counter input', '[5]');
    await harness.waitForNotification(page, `Started counter '${ids.tsCounter}' on workbench-ts`);
    await waitForRowText(treeRow(page, 'Workflows', ids.tsCounter), /counter.*Running/);
  });

  step('signals, queries and updates from the handler lenses and shows the values', async () => {
    const ts = source('typescript/src/workflows.ts');
    await clickLens(page, ts, 'setHandler(incrementSignal', 'Signal', {
      opensQuickInput: 'Signal increment',
    });
    await answerQuickInput(page, 'Signal increment', ids.tsCounter);
    // A syntax error is reported with its position; the text stays for fixing.
    await typePayload(page, 'signal increment', '[2,]');
    await page.keyboard.press('Control+Enter');
    await harness.waitForNotification(page, /not valid JSON: line 1, column 3: trailing comma/);
    await shot('5a-payload-error');
    await page.keyboard.press('Delete'); // the cursor is on the comma
    await submitTypedPayload(page, 'signal increment');
    await harness.waitForNotification(page, `Signal 'increment' sent to '${ids.tsCounter}'`);

    await clickLens(page, ts, 'setHandler(valueQuery', 'Query', { opensQuickInput: 'Query value' });
    await answerQuickInput(page, 'Query value', ids.tsCounter);
    await harness.waitForNotification(page, `Query 'value' on '${ids.tsCounter}': 7`);
    await shot('5-query-value');

    await clickLens(page, ts, 'setValueUpdate,', 'Update', { opensQuickInput: 'Update setValue' });
    await answerQuickInput(page, 'Update setValue', ids.tsCounter);
    await submitPayload(page, 'update setValue', '[10]');
    await harness.waitForNotification(page, `Update 'setValue' on '${ids.tsCounter}' returned: 7`);
    assert.equal(await client.workflow.getHandle(ids.tsCounter).query<number>('value'), 10);

    // `finish` takes no arguments: no payload editor, the workflow closes with its value.
    await clickLens(page, ts, 'setHandler(finishSignal', 'Signal', {
      opensQuickInput: 'Signal finish',
    });
    await answerQuickInput(page, 'Signal finish', ids.tsCounter);
    await harness.waitForNotification(page, `Signal 'finish' sent to '${ids.tsCounter}'`);
    await waitForRowText(treeRow(page, 'Workflows', ids.tsCounter), /counter.*Completed/);
    assert.equal(await client.workflow.getHandle(ids.tsCounter).result(), 10);
    await shot('6-counter-completed');
  });

  step('terminates a running execution after a confirmation', async () => {
    const row = treeRow(page, 'Workflows', ids.timer);
    await contextMenu(page, row, 'Terminate Workflow');
    // The reason (optional, prefilled) comes first, as the CLI's --reason.
    await answerQuickInput(page, `Terminate ${ids.timer}`);
    await dialog(page).waitFor();
    assert.match(
      (await dialog(page).textContent()) ?? '',
      new RegExp(`Terminate workflow '${ids.timer}'\\?`),
    );
    await shot('7-terminate-confirmation');
    await dialogButton(page, 'Terminate');
    await waitForRowText(row, /longTimer.*Terminated/);
    const description = await client.workflow.getHandle(ids.timer).describe();
    assert.equal(description.status.name, 'TERMINATED');
  });

  step("opens an execution's history, in the tree and as a document", async () => {
    // The view shares the sidebar with four others: folding them leaves room for the events.
    for (const view of ['Schedules', 'Task Queues']) await setViewExpanded(page, view, false);
    const row = treeRow(page, 'Workflows', ids.pyGreeting);
    await row.click();
    await page.keyboard.press('ArrowRight');
    const history = treeRow(page, 'Workflows', /^History/);
    await history.waitFor();
    await history.click();
    await page.keyboard.press('ArrowRight');
    await treeRow(page, 'Workflows', /WorkflowExecutionStarted/).waitFor();
    await treeRow(page, 'Workflows', /ActivityTaskScheduled/).waitFor();
    await shot('8-history-tree');

    await contextMenu(page, row, 'Open Workflow History');
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.view-line', { hasText: '"eventType"' }).first().waitFor();
    assert.match(
      (await editor.textContent()) ?? '',
      /WorkflowExecutionStarted|WORKFLOW_EXECUTION_STARTED/,
    );
    await shot('9-history-document');
  });

  step('goes from an execution to its workflow definition', async () => {
    await contextMenu(page, treeRow(page, 'Workflows', ids.timer), 'Go to Workflow Definition');
    // Both samples define longTimer: the user picks one.
    await answerQuickInput(page, "Definitions of workflow 'longTimer'", 'python/workflows.py');
    await page.locator('.tab.active', { hasText: 'workflows.py' }).waitFor();
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.selected-text').first().waitFor();
    await editor.locator('.view-line', { hasText: 'class LongTimer' }).waitFor();
  });

  step('filters by status and clears the filter', async () => {
    await harness.runCommand(page, 'Temporal: Filter Workflows by Status…');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.monaco-list-row', { hasText: 'Terminated' }).click();
    await page.keyboard.press('Enter');
    await waitForRowText(treeRow(page, 'Workflows', ids.timer), /Terminated/);
    await treeRow(page, 'Workflows', ids.pyGreeting).waitFor({ state: 'detached' });
    await page.locator('.part.sidebar', { hasText: 'Filter: Terminated' }).waitFor();
    await shot('10-status-filter');
    await harness.runCommand(page, 'Temporal: Clear Workflow Filter');
    await treeRow(page, 'Workflows', ids.pyGreeting).waitFor();
  });
});

/** The quick input's visible text once its title shows (items included). */
async function harnessQuickInput(title: string): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor();
  await widget.locator('.monaco-list-row').first().waitFor();
  return (await widget.textContent()) ?? '';
}
