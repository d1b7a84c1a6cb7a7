// How results and inputs are presented, in a real VS Code (code-server + Chromium) with the
// packaged extension, against the real dev server and the sample workers: payload snippets, an
// input kept open when the call fails, the reason of a terminate, the live "N running" lens, and
// the Results view (history and event documents, cancel, a run closing outside the workbench and
// the toasts' link to Results: documentsAndClosing.test.ts). One editor for the file; the steps
// run in order and build on each other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe } from 'node:test';
import type { Client } from '@temporalio/client';
import type { Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { startSignalledCounter, useWorkbenchSession } from './session';
import {
  answerQuickInput,
  clickLens,
  contextMenu,
  dialog,
  dialogButton,
  fillPayloadPlaceholders,
  giveReason,
  lensTextAbove,
  setViewExpanded,
  waitForGroupEditorText,
  openFile,
  openTemporal,
  treeRow,
  waitForQuickInput,
  waitForRowText,
  waitForRunningLens,
} from './workbenchPage';

const ids = { timer: '', counter: '' };
const s = useWorkbenchSession({
  prefix: 'results',
  // A counter at 3 that got one signal (the update step sets it, returning 5).
  prepare: async (c, t) => {
    await startSignalledCounter(c, t.queues.python, ids.counter);
  },
  cleanupIds: () => Object.values(ids),
});
ids.timer = `e2e-res-timer-${s.suffix}`;
ids.counter = `e2e-res-counter-${s.suffix}`;
const { step, shot } = s;
let harness: typeof EditorHarness;
let page: Page;
let client: Client;
before(async () => {
  await s.ready;
  ({ harness, page, client } = s);
});

const pySource = () =>
  readFileSync(path.join(harness.repoRoot, 'samples', 'python/workflows.py'), 'utf8');
const longTimerLine = 'class LongTimer';
const runningOf = (lens: string) => Number(/(\d+) running/.exec(lens)?.[1] ?? NaN);

describe('Results and inputs', { timeout: 240_000 }, () => {
  let runningBefore = NaN;

  step('the live lens counts a start made from the lens at once', async () => {
    await openTemporal(page);
    await openFile(page, 'python/workflows.py');
    runningBefore = runningOf(await lensTextAbove(page, pySource(), longTimerLine, /running/));
    assert.ok(Number.isFinite(runningBefore));

    await page.keyboard.press('Control+Home'); // clickLens waits for the first lens to show
    await clickLens(page, pySource(), 'class LongTimer', 'Start', {
      opensQuickInput: 'Start longTimer (1/2)',
    });
    await answerQuickInput(page, 'Start longTimer (1/2)');
    await answerQuickInput(page, 'Start longTimer (2/2)', ids.timer);
    // The snippet's one tab stop holds `seconds`' placeholder: typing replaces just that value.
    await fillPayloadPlaceholders(page, 'longTimer input', ['600']);
    await shot('1-snippet-typed');
    await page.keyboard.press('Control+Enter');
    await harness.waitForNotification(page, `Started longTimer '${ids.timer}'`);
    const started = await client.workflow.getHandle(ids.timer).fetchHistory();
    const input = started.events?.[0]?.workflowExecutionStartedEventAttributes?.input;
    assert.equal(Buffer.from(input?.payloads?.[0]?.data ?? []).toString(), '600');

    await openFile(page, 'python/workflows.py');
    await waitForLensCount(runningBefore + 1);
    await shot('2-lens-counts-start');
  });

  step(
    'an update its validator rejects keeps the input open with the error beside it',
    async () => {
      await openFile(page, 'python/workflows.py');
      await page.keyboard.press('Control+Home'); // clickLens waits for the first lens to show
      await clickLens(page, pySource(), 'def set_value', 'Update', {
        opensQuickInput: 'Update setValue',
      });
      await answerQuickInput(page, 'Update setValue', ids.counter);
      await fillPayloadPlaceholders(page, 'update setValue', ['-1']);
      await page.keyboard.press('Control+Enter');
      await harness.waitForNotification(page, /value must be >= 0/);
      // Still open, with the error as a problem on the input.
      const input = page.locator('.editor-group-container.active .monaco-editor').first();
      await page.locator('.tab.active', { hasText: 'update setValue' }).waitFor();
      await input.locator('.squiggly-error').first().waitFor();
      await shot('3-update-rejected-input-kept');

      // Cleared first: typing `[` over a selection would surround it (the editor's default).
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('[9]');
      await page.keyboard.press('Control+Enter');
      await page.locator('.tab', { hasText: 'update setValue' }).waitFor({ state: 'detached' });
      await harness.waitForNotification(page, `Update 'setValue' on '${ids.counter}' returned: 5`);
      assert.equal(await client.workflow.getHandle(ids.counter).query<number>('value'), 9);
    },
  );

  step('terminate asks for a prefilled reason and records it', async () => {
    const row = treeRow(page, 'Workflows', ids.timer);
    await contextMenu(page, row, 'Terminate Workflow');
    await giveReason(
      page,
      `Terminate ${ids.timer}`,
      'Terminated from Temporal Workbench',
      'e2e: reason typed by the user',
    );
    await dialogButton(page, 'Terminate');
    await waitForRowText(row, /longTimer.*Terminated/);
    const events = (await client.workflow.getHandle(ids.timer).fetchHistory()).events ?? [];
    const last = events[events.length - 1];
    assert.equal(
      last?.workflowExecutionTerminatedEventAttributes?.reason,
      'e2e: reason typed by the user',
    );

    await openFile(page, 'python/workflows.py');
    await waitForLensCount(runningBefore);
  });

  step(
    'the Results view lists every outcome, each reopenable and closing without asking',
    async () => {
      await setViewExpanded(page, 'Results', true);
      await treeRow(page, 'Results', `Started longTimer '${ids.timer}'`).waitFor();
      await treeRow(page, 'Results', /value must be >= 0/).waitFor();
      await treeRow(page, 'Results', `Terminated '${ids.timer}'`).waitFor();
      const update = treeRow(page, 'Results', `Update 'setValue' on '${ids.counter}' returned: 5`);
      await shot('6-results-view');
      await update.click();
      assert.match(await resultText('Update setValue on', /5/), /^\s*5\s*$/);
      // A read-only result closes at once; a "save changes?" dialog would keep its tab.
      await page.locator('.tab', { hasText: 'Update setValue on' }).click();
      await page.keyboard.press('Control+W');
      await page.locator('.tab', { hasText: 'Update setValue on' }).waitFor({ state: 'detached' });
      assert.equal(await dialog(page).count(), 0);
    },
  );
});

/** The text of the result document whose tab shows `tab`, once it contains `expected`. */
function resultText(tab: string, expected: RegExp): Promise<string> {
  return waitForGroupEditorText(page, tab, expected);
}

/** Waits until the longTimer lens says `n` running. */
function waitForLensCount(n: number): Promise<void> {
  return waitForRunningLens(page, pySource(), longTimerLine, n);
}
