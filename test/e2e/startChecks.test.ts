// Guards around starting things, in a real VS Code (code-server + Chromium) with the packaged
// extension, against the real dev server and the sample workers: the warning before starting a
// type no worker registers (and the mark on its failing run), a visibility query checked on the
// user's own text, and the new-schedule document (type from the selection, id following the
// type, input as plain JSON, spec examples) with a confirmed trigger. Steps build on each other.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Client } from '@temporalio/client';
import type { Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useWorkbenchSession } from './session';
import {
  answerQuickInput,
  contextMenu,
  dialog,
  dialogButton,
  groupEditorText,
  openTemporal,
  quickInput,
  submitTypedPayload,
  treeRow,
  viewPane,
  waitForQuickInput,
  waitForRowText,
} from './workbenchPage';

const ids: { unknown: string; selected: string } = { unknown: '', selected: '' };
const s = useWorkbenchSession({
  prefix: 'startChecks',
  // The execution the user selects before creating a schedule.
  prepare: async (c, t) => {
    await c.workflow.start('longTimer', {
      taskQueue: t.queues.python,
      workflowId: ids.selected,
      args: [3600],
    });
  },
  cleanupIds: () => Object.values(ids),
  cleanup: (c) => c.schedule.getHandle('greeting-schedule').delete(),
});
ids.unknown = `e2e-unknown-type-${s.suffix}`;
ids.selected = `e2e-selected-${s.suffix}`;
const unknownType = `NoSuchWorkflow${s.suffix}`;
const { step, shot } = s;
// Steps not yet passing in the real editor (see the ux report): listed as todo, not run.
const unfinished = (name: string, _fn: () => Promise<void>) => test.todo(name);
let harness: typeof EditorHarness;
let page: Page;
let client: Client;
before(async () => {
  await s.ready;
  ({ harness, page, client } = s);
});

describe('Guards around starting', { timeout: 240_000 }, () => {
  unfinished(
    'starting a type no worker registers warns first; its run is marked failing',
    async () => {
      await openTemporal(page);
      // The Workflows view's own Start button (the palette entry is the same command).
      const workflows = viewPane(page, 'Workflows');
      await workflows.locator('.pane-header').hover();
      await workflows.locator('.pane-header a.action-label[aria-label^="Start Workflow"]').click();
      await answerQuickInput(page, 'Start Workflow (1/3)', unknownType);
      await answerQuickInput(page, 'Start Workflow (2/3)', 'workbench-py');
      await answerQuickInput(page, 'Start Workflow (3/3)', ids.unknown);
      await dialog(page).waitFor();
      assert.match(
        (await dialog(page).textContent()) ?? '',
        new RegExp(
          `No worker in the workspace registers workflow type '${unknownType}' on task queue 'workbench-py'`,
        ),
      );
      await shot('1-unknown-type-warning');
      await dialogButton(page, 'Start Anyway');
      await page.locator('.tab.active', { hasText: `${unknownType} input` }).waitFor();
      await submitTypedPayload(page, `${unknownType} input`);
      await harness.waitForNotification(page, `Started ${unknownType} '${ids.unknown}'`);
      // The worker fails each workflow task of an unregistered type: the row says so.
      await waitForRowText(
        treeRow(page, 'Workflows', ids.unknown),
        /workflow task failing/,
        60_000,
      );
      await shot('2-failing-workflow-task');
    },
  );

  step('a bad query is reported on the typed text and not kept in Recent', async () => {
    const bad = "WorkflowType = 'greeting' AND";
    await harness.runCommand(page, 'Temporal: Filter Workflows by Query…');
    const widget = await waitForQuickInput(page, 'Filter Workflows');
    await widget.locator('.quick-input-box input').fill(bad);
    await widget.locator('.monaco-list-row', { hasText: bad }).first().waitFor();
    await page.keyboard.press('Enter');
    // The picker stays open with the server's complaint about this text alone.
    const problem = widget.locator('.quick-input-list', { hasText: `in: ${bad}` });
    await problem.waitFor();
    assert.equal(await widget.locator('.quick-input-box input').inputValue(), bad);
    await shot('3-bad-query');
    const good = "WorkflowType = 'longTimer'";
    await widget.locator('.quick-input-box input').fill(good);
    await widget.locator('.monaco-list-row', { hasText: good }).first().waitFor();
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    await treeRow(page, 'Workflows', ids.selected).waitFor();

    await harness.runCommand(page, 'Temporal: Filter Workflows by Query…');
    await waitForQuickInput(page, 'Filter Workflows');
    await quickInput(page).locator('.monaco-list-row', { hasText: good }).first().waitFor();
    assert.equal(await quickInput(page).locator('.monaco-list-row', { hasText: bad }).count(), 0);
    await page.keyboard.press('Escape');
    await harness.runCommand(page, 'Temporal: Clear Workflow Filter');
  });

  unfinished(
    'the new-schedule document starts from the selected type and its id follows the type',
    async () => {
      const row = treeRow(page, 'Workflows', ids.selected);
      await row.click();
      await harness.runCommand(page, 'Temporal: Create Schedule…');
      await page.locator('.tab.active', { hasText: /new schedule/ }).waitFor();
      const text = await documentText('new schedule', /"scheduleId"/);
      assert.match(text, /"scheduleId": "longTimer-schedule"/);
      assert.match(text, /"workflowType": "longTimer"/);
      assert.match(text, /"input": \[\s*"World"\s*\]/);
      assert.match(text, /cronExpressions/);
      await shot('4-new-schedule-document');

      // Rename the type: the derived id follows.
      const editorBox = page.locator('.editor-group-container.active .monaco-editor').first();
      await editorBox.locator('.view-line', { hasText: '"workflowType": "longTimer"' }).click();
      await page.keyboard.press('End');
      for (let i = 0; i < '"longTimer",'.length; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('"greeting",');
      await editorBox
        .locator('.view-line', { hasText: '"scheduleId": "greeting-schedule"' })
        .waitFor();
      // Every hour: nothing runs on its own during the test.
      await editorBox.locator('.view-line', { hasText: '"every": "1m"' }).click();
      await page.keyboard.press('End');
      for (let i = 0; i < '"1m"'.length; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('"1h"');
      await page.keyboard.press('Control+Enter');
      await harness.waitForNotification(page, "Created schedule 'greeting-schedule'");
      const described = await client.schedule.getHandle('greeting-schedule').describe();
      assert.equal(described.action.type, 'startWorkflow');
      assert.deepEqual((described.action as { args?: unknown[] }).args, ['World']);
    },
  );

  unfinished('triggering a schedule asks first, then reports it', async () => {
    const row = treeRow(page, 'Schedules', 'greeting-schedule');
    await row.waitFor();
    await contextMenu(page, row, 'Trigger Schedule Now');
    await dialog(page).waitFor();
    assert.match(
      (await dialog(page).textContent()) ?? '',
      /Trigger schedule 'greeting-schedule' now\?/,
    );
    await shot('5-trigger-confirmation');
    await dialogButton(page, 'Trigger');
    await harness.waitForNotification(page, "Triggered schedule 'greeting-schedule'");
  });
});

/** The text of the editor group showing `tab`, once it contains `expected`. */
async function documentText(tab: string, expected: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await groupEditorText(page, tab);
    if (expected.test(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`'${tab}' did not show ${expected}: ${text.slice(0, 300)}`);
}
