// Guards around starting things, in a real VS Code (code-server + Chromium) with the packaged
// extension, against the real dev server and the sample workers: the warning before starting a
// type no worker registers (and the mark on its failing run), a visibility query checked on the
// user's own text, and the new-schedule document (type from the selection, id following the
// type until the user edits it, input as plain JSON, spec examples) with a confirmed trigger
// whose run the Schedules view and the Workflows view agree on. Steps build on each other.
import assert from 'node:assert/strict';
import { before, describe } from 'node:test';
import type { Client } from '@temporalio/client';
import type { Locator, Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useWorkbenchSession } from './session';
import {
  answerQuickInput,
  contextMenu,
  dialog,
  dialogButton,
  fillPayloadPlaceholders,
  openTemporal,
  quickInput,
  setViewExpanded,
  submitTypedPayload,
  treeRow,
  waitForGroupEditorText,
  waitForQuickInput,
  waitForRowText,
} from './workbenchPage';

const ids: { unknown: string; selected: string } = { unknown: '', selected: '' };
const s = useWorkbenchSession({
  prefix: 'startChecks',
  // The execution the user selects before creating a schedule (and the accepted query lists).
  prepare: async (c, t) => {
    await c.workflow.start('longTimer', {
      taskQueue: t.queues.python,
      workflowId: ids.selected,
      args: [3600],
    });
  },
  cleanupIds: () => Object.values(ids),
  cleanup: (c) => c.schedule.getHandle(scheduleId).delete(),
});
ids.unknown = `e2e-unknown-type-${s.suffix}`;
ids.selected = `e2e-selected-${s.suffix}`;
const unknownType = `NoSuchWorkflow${s.suffix}`;
// The id the user types over the derived one.
const scheduleId = `e2e-sched-${s.suffix}`;
const { step, shot } = s;
let harness: typeof EditorHarness;
let page: Page;
let client: Client;
before(async () => {
  await s.ready;
  ({ harness, page, client } = s);
});

describe('Guards around starting', { timeout: 240_000 }, () => {
  // The schedule steps come first: they read the selected row, and the palette start (the first
  // guard step) selects its own run once the tree lists it.
  step(
    'the new-schedule document starts from the selected type; its id follows the type until the user edits it',
    async () => {
      await openTemporal(page);
      const selected = treeRow(page, 'Workflows', ids.selected);
      await selected.waitFor();
      // Selected for real before the command reads the selection.
      for (let attempt = 1; (await selected.getAttribute('aria-selected')) !== 'true'; attempt++) {
        if (attempt > 5) assert.fail(`${ids.selected} did not become selected`);
        await selected.click();
        await selected
          .and(page.locator('[aria-selected="true"]'))
          .waitFor({ timeout: 5_000 })
          .catch(() => undefined);
      }
      await harness.runCommand(page, 'Temporal: Create Schedule…');
      const text = await waitForGroupEditorText(page, 'new schedule', /"scheduleId"/);
      assert.match(text, /"scheduleId": "longTimer-schedule"/);
      assert.match(text, /"workflowType": "longTimer"/);
      assert.match(text, /"taskQueue": "workbench-py"/);
      assert.match(text, /"input": \[\s*"World"\s*\]/); // plain JSON, not JSON text in a string
      assert.match(text, /"cronExpressions": \["0 9 \* \* MON-FRI"\]/); // the spec syntax hint
      await shot('4-new-schedule-document');

      // Typed over letter by letter: the id follows each complete value.
      await replaceOnLine('"workflowType": "longTimer"', 'longTimer', 'greeting');
      await documentLine('"scheduleId": "greeting-schedule"').waitFor();
      await shot('5-schedule-id-follows-type');
      // The user's own id; from then on the type no longer changes it (checked by the id the
      // schedule is created with: following would have made it greeting-schedule again).
      await replaceOnLine('"scheduleId": "greeting-schedule"', 'greeting-schedule', scheduleId);
      await replaceOnLine('"workflowType": "greeting"', 'greeting', 'counter');
      await replaceOnLine('"workflowType": "counter"', 'counter', 'greeting');
      await documentLine(`"scheduleId": "${scheduleId}"`).waitFor();
      // Once a year: nothing runs on its own during the test.
      await replaceOnLine('"every": "1m"', '1m', '8760h');
      await page.keyboard.press('Control+Enter');
      await harness.waitForNotification(page, `Created schedule '${scheduleId}'`);
      const described = await client.schedule.getHandle(scheduleId).describe();
      assert.equal(described.action.type, 'startWorkflow');
      assert.equal((described.action as { workflowType?: string }).workflowType, 'greeting');
      assert.deepEqual((described.action as { args?: unknown[] }).args, ['World']);
    },
  );

  step(
    'triggering a schedule asks first and reports it; Recent actions agree with the Workflows tree',
    async () => {
      await setViewExpanded(page, 'Schedules', true);
      const row = treeRow(page, 'Schedules', scheduleId);
      await row.waitFor();
      await contextMenu(page, row, 'Trigger Schedule Now');
      await dialog(page).waitFor();
      const question = (await dialog(page).textContent()) ?? '';
      assert.match(question, new RegExp(`Trigger schedule '${scheduleId}' now\\?`));
      assert.match(question, /It starts greeting once/);
      await shot('6-trigger-confirmation');
      await dialogButton(page, 'Trigger');
      await harness.waitForNotification(page, `Triggered schedule '${scheduleId}'`);

      // The run it started, under Recent actions.
      await row.click();
      await page.keyboard.press('ArrowRight');
      const recent = treeRow(page, 'Schedules', /^Recent actions/);
      await recent.click();
      await page.keyboard.press('ArrowRight');
      const action = treeRow(page, 'Schedules', new RegExp(`^${scheduleId}-workflow-`));
      await action.waitFor();
      const workflowId = /^(\S+)/.exec((await action.getAttribute('aria-label')) ?? '')?.[1];
      assert.ok(workflowId);
      // greeting returns at once: the Workflows tree shows it Completed; from then on the
      // schedule's row must say so too (the schedule's own record says Running for a long time).
      await waitForRowText(treeRow(page, 'Workflows', workflowId), /Completed/);
      await waitForRowText(action, /Completed/);
      await shot('7-recent-action-completed');
    },
  );

  step('starting a type typed in the palette that no worker registers warns first', async () => {
    await openTemporal(page);
    // Listed once a profile is selected: the start command works from then on.
    await treeRow(page, 'Workflows', ids.selected).waitFor();
    await harness.runCommand(page, 'Temporal: Start Workflow…');
    await answerQuickInput(page, 'Start Workflow (1/3)', unknownType);
    await answerQuickInput(page, 'Start Workflow (2/3)', s.target.queues.python);
    await answerQuickInput(page, 'Start Workflow (3/3)', ids.unknown);
    await dialog(page).waitFor();
    const warning = (await dialog(page).textContent()) ?? '';
    // From the workspace index (no registration) and the queue's pollers (the Python worker).
    assert.match(
      warning,
      new RegExp(
        `No worker in the workspace registers workflow type '${unknownType}' on task queue '${s.target.queues.python}'`,
      ),
    );
    assert.match(warning, /\d+ workers? polls? /);
    await shot('1-unknown-type-warning');
    await dialogButton(page, 'Start Anyway');
    // No parameters known: the skeleton is an empty argument list, selected once it is in.
    await fillPayloadPlaceholders(page, `${unknownType} input`, []);
    await submitTypedPayload(page, `${unknownType} input`);
    await harness.waitForNotification(page, `Started ${unknownType} '${ids.unknown}'`);
  });

  step(
    'a run whose workflow task keeps failing is marked in the tree, the failure in its tooltip',
    async () => {
      const row = treeRow(page, 'Workflows', ids.unknown);
      // The Python worker fails each workflow task of the unregistered type; the mark comes with
      // the refresh after the server's second attempt.
      await waitForRowText(row, /workflow task failing/);
      assert.equal(await row.locator('.codicon-warning').count(), 1);
      const tooltip = page
        .locator('.monaco-hover, .workbench-hover')
        .filter({
          hasText: /Workflow task failing \(attempt \d+\): Workflow class .* is not registered/,
        })
        .first();
      // Further attempts no longer redraw the row (only its tooltip's attempt number changes),
      // but the relative times of all rows are redrawn every 30 s, and a redraw under the
      // resting pointer cancels a pending hover: hover afresh when that happened.
      for (let attempt = 1; ; attempt++) {
        await page.mouse.move(0, 0);
        await row.hover();
        const shown = await tooltip.waitFor({ timeout: 5_000 }).then(
          () => true,
          () => false,
        );
        if (shown) break;
        if (attempt === 3) assert.fail('the failing-task tooltip did not show on three hovers');
      }
      await shot('2-failing-workflow-task');
      await page.keyboard.press('Escape');
    },
  );

  step('a bad query is reported on the typed text and not kept in Recent', async () => {
    const bad = "WorkflowType = 'greeting' AND";
    await harness.runCommand(page, 'Temporal: Filter Workflows by Query…');
    const widget = await waitForQuickInput(page, 'Filter Workflows');
    await widget.locator('.quick-input-box input').fill(bad);
    await widget.locator('.monaco-list-row', { hasText: bad }).first().waitFor();
    await page.keyboard.press('Enter');
    // The picker stays open; the typed query's row says where it is wrong.
    await widget
      .locator('.monaco-list-row', { hasText: bad })
      .filter({ hasText: /Column \d+: / })
      .first()
      .waitFor();
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
});

/** A line of the active editor containing `text`. */
function documentLine(text: string): Locator {
  return page
    .locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text })
    .first();
}

/**
 * On the line containing `lineText`, selects `value` (the text right before the line's closing
 * quote) and types `replacement` key by key, as a user does.
 */
async function replaceOnLine(lineText: string, value: string, replacement: string): Promise<void> {
  await documentLine(lineText).click();
  await page.keyboard.press('End');
  const line = (await documentLine(lineText).textContent())?.replace(/\u00a0/g, ' ') ?? '';
  const after = line.length - (line.lastIndexOf(value) + value.length);
  for (let i = 0; i < after; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < value.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type(replacement);
  await documentLine(lineText.replace(value, replacement)).waitFor();
}
