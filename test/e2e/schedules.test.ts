// The Schedules view and schedule commands in a real VS Code (code-server + Chromium) with the
// packaged extension, against the real dev server and sample workers. One editor for the file.
// (Recovery of a view whose server goes away and comes back: recovery.test.ts.)
import assert from 'node:assert/strict';
import { before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useWorkbenchSession } from './session';
import {
  answerQuickInput,
  contextMenu,
  dialog,
  dialogButton,
  expandRow,
  logRetry,
  openTemporal,
  treeRow,
  typePayload,
  viewPane,
  waitForRowText,
  widenSideBar,
} from './workbenchPage';

const session = useWorkbenchSession({
  prefix: 'schedules',
  // The document is typed key by key: no auto-closing or auto-indent adding to it.
  settings: () => ({
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoSurround': 'never',
    'editor.autoIndent': 'none',
    'editor.formatOnType': false,
    'workbench.editor.enablePreview': false,
  }),
});
const { step, shot } = session;
let harness: typeof EditorHarness;
let page: Page;

const scheduleId = `e2e-sched-${session.suffix}`;

before(async () => {
  await session.ready;
  ({ harness, page } = session);
  // A wider side bar: the schedule rows carry their next-run times.
  await widenSideBar(page, 460);
});

async function selectProfile(name: string): Promise<void> {
  await harness.runCommand(page, 'Temporal: Select Profile');
  await answerQuickInput(page, 'Temporal: Select Profile', name);
}

describe('Schedules view and schedule commands', { timeout: 300_000 }, () => {
  step('creates a schedule from the document (a field error keeps it open)', async () => {
    await openTemporal(page);
    await selectProfile('e2e');
    // Connections folded: more room for Workflows and Schedules.
    await page.locator('.part.sidebar .pane-header', { hasText: 'Connections' }).click();
    await viewPane(page, 'Schedules').waitFor();
    await harness.runCommand(page, 'Temporal: Create Schedule…');
    await page.locator('.tab.active', { hasText: /new schedule/ }).waitFor();
    await shot('1-create-document');
    const doc = (timezone?: string) =>
      JSON.stringify({
        scheduleId,
        spec: { intervals: [{ every: '1s' }], ...(timezone ? { timezoneName: timezone } : {}) },
        action: {
          workflowType: 'greeting',
          taskQueue: session.target.queues.typescript,
          input: '["Scheduled"]',
        },
      });
    // A bad time zone: the server names the field and the document comes back as typed.
    await typePayload(page, /new schedule/, doc('Nowhere/Atlantis'));
    await page.keyboard.press('Control+Enter');
    await harness.waitForNotification(page, /spec\.timezoneName/, { timeout: 20_000 });
    await page.locator('.tab.active', { hasText: /new schedule/ }).waitFor();
    await shot('2-invalid-field');
    await typePayload(page, /new schedule/, doc(), { kept: true });
    await page.keyboard.press('Control+Enter');
    await harness.waitForNotification(page, `Created schedule '${scheduleId}'`, {
      timeout: 20_000,
    });
  });

  step('shows it in the Schedules view, active, with runs and upcoming times', async () => {
    const row = treeRow(page, 'Schedules', scheduleId);
    await waitForRowText(row, /every 1s.*next in/);
    await row.click();
    const recent = treeRow(page, 'Schedules', /Recent actions/);
    await waitForRowText(recent, /Recent actions\s*[1-9]/);
    await waitForRowText(treeRow(page, 'Schedules', /Upcoming/), /Upcoming\s*[1-9]/);
    await treeRow(
      page,
      'Schedules',
      new RegExp(`${scheduleId}-workflow-\\S+Z Completed`),
    ).waitFor();
    await shot('3-listed-active');
  });

  step('pauses it from the context menu and shows the paused state', async () => {
    const row = treeRow(page, 'Schedules', scheduleId);
    await contextMenu(page, row, 'Pause Schedule…');
    await answerQuickInput(page, `Pause schedule '${scheduleId}'`, 'paused by e2e');
    await waitForRowText(row, /paused/);
    // The rows below follow with the redraw of the paused schedule (Upcoming: none); clicks on
    // them (next step) wait for that redraw rather than land while the rows below are re-read.
    await waitForRowText(treeRow(page, 'Schedules', /^Upcoming/), /not taken while paused/);
    const icon = row.locator('.codicon-debug-pause');
    assert.equal(await icon.count(), 1);
    await shot('4-paused');
  });

  step('a recent action opens the description of the run it started', async () => {
    // Clicked once paused: while active, a new action is listed first every second and moves
    // the others down, so a click could land on the neighbour of the row it aimed at.
    const actionName = new RegExp(`${scheduleId}-workflow-\\S+Z Completed`);
    const text = (await treeRow(page, 'Schedules', actionName).getAttribute('aria-label')) ?? '';
    const workflowId = text.split(' ')[0];
    assert.match(workflowId, new RegExp(`^${scheduleId}-workflow-`));
    // Document names replace characters file names refuse (the ids carry ':').
    const tab = page.locator('.tab', {
      hasText: `description of ${workflowId.replace(/:/g, '-')}`,
    });
    // While VS Code reads a redrawn folder's rows again they are gone for a moment, and a click
    // aimed at an action lands on the "Recent actions" folder and closes it (run 20, when every
    // poll redrew the whole schedule for its upcoming times). Now the actions are redrawn only
    // when they change, or every 30 s for their relative times; should a click still meet that,
    // the folder is opened again and the action clicked again, logged.
    const folder = treeRow(page, 'Schedules', /^Recent actions/);
    for (let attempt = 1; ; attempt++) {
      if ((await folder.getAttribute('aria-expanded')) === 'false') await expandRow(folder);
      await treeRow(page, 'Schedules', `${workflowId} Completed`).click();
      const opened = await tab
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (opened) break;
      logRetry(
        'tree-click-retries.log',
        `recent action ${workflowId}, attempt ${attempt}: no description tab; folder ${(await folder.getAttribute('aria-expanded')) === 'false' ? 'closed' : 'open'}`,
      );
      if (attempt >= 3) assert.fail(`clicking the recent action ${workflowId} opened nothing`);
    }
    await shot('4b-action-described');
    // The description is a read-only result document: it closes without asking to save.
    await harness.runCommand(page, 'View: Close All Editors');
    await tab.waitFor({ state: 'detached' });
    assert.equal(await dialog(page).count(), 0);
  });

  step('deletes it after the modal confirmation naming it', async () => {
    const row = treeRow(page, 'Schedules', scheduleId);
    await contextMenu(page, row, 'Delete Schedule…');
    await dialog(page).waitFor();
    assert.match((await dialog(page).textContent()) ?? '', new RegExp(scheduleId));
    await shot('5-delete-confirm');
    await dialogButton(page, 'Delete');
    await harness.waitForNotification(page, `Deleted schedule '${scheduleId}'`);
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    await shot('6-deleted');
  });
});
