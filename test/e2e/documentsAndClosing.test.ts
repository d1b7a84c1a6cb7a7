// Result documents and closing runs, in a real VS Code (code-server + Chromium) with the packaged
// extension, against the real dev server and the sample workers: history rows and event documents
// decoded, read-only and in one group; a cancel asks for a reason that reaches the history, its
// toast leads to the Results view, and the live "N running" lens follows both the cancelled run
// and a run that closes outside the workbench. Steps build on each other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe } from 'node:test';
import { startSignalledCounter, useWorkbenchSession } from './session';
import {
  contextMenu,
  dialog,
  dialogButton,
  giveReason,
  lensTextAbove,
  openFile,
  openTemporal,
  setViewExpanded,
  treeRow,
  waitForGroupEditorText,
  waitForRowText,
  waitForRunningLens,
} from './workbenchPage';

const ids = { counter: '', cancelled: '', closing: '' };
const s = useWorkbenchSession({
  prefix: 'documentsAndClosing',
  prepare: async (c, t) => {
    // A counter that got one signal: its history has a signal with an argument.
    await startSignalledCounter(c, t.queues.python, ids.counter);
    // Two longTimers (started after the counter: listed above its expanded history): one the
    // user cancels, one that closes outside the workbench.
    for (const workflowId of [ids.cancelled, ids.closing])
      await c.workflow.start('longTimer', { taskQueue: t.queues.python, workflowId, args: [3600] });
  },
  cleanupIds: () => Object.values(ids),
});
ids.counter = `e2e-doc-counter-${s.suffix}`;
ids.cancelled = `e2e-close-cancelled-${s.suffix}`;
ids.closing = `e2e-close-closing-${s.suffix}`;
const { step, shot } = s;
before(() => s.ready);

const resultTabs = () => s.page.locator('.tab[aria-label*=".json"]');

/** The text of the result document whose tab shows `tab`, once it contains `expected`. */
function resultText(tab: string, expected: RegExp): Promise<string> {
  return waitForGroupEditorText(s.page, tab, expected);
}

const pySource = () =>
  readFileSync(path.join(s.harness.repoRoot, 'samples', 'python/workflows.py'), 'utf8');
const longTimerLine = 'class LongTimer';
const waitForLensCount = (n: number) => waitForRunningLens(s.page, pySource(), longTimerLine, n);

describe('Result documents and closing runs', { timeout: 240_000 }, () => {
  let runningBefore = NaN;

  step(
    'history rows show a signal argument; event documents are decoded and read-only',
    async () => {
      await openTemporal(s.page);
      // Beside the code: event documents open next to it.
      await openFile(s.page, 'python/workflows.py');
      // Room for the history rows: the other views fold (a tree renders only visible rows).
      for (const view of ['Connections', 'Schedules', 'Task Queues', 'Results'])
        await setViewExpanded(s.page, view, false);
      const row = treeRow(s.page, 'Workflows', ids.counter);
      await row.click();
      await s.page.keyboard.press('ArrowRight');
      const history = treeRow(s.page, 'Workflows', /^History/);
      await history.click();
      await s.page.keyboard.press('ArrowRight');
      const signaled = treeRow(s.page, 'Workflows', /WorkflowExecutionSignaled/);
      await waitForRowText(signaled, /increment \[2\]/);

      await signaled.click();
      await s.page.locator('.tab', { hasText: 'WorkflowExecutionSignaled' }).waitFor();
      const decoded = await resultText('WorkflowExecutionSignaled', /"decoded"/);
      assert.match(decoded, /"encoding": "json\/plain"/);
      assert.doesNotMatch(decoded, /anNvbi9wbGFpbg==/); // base64 of json/plain
      await shot('1-event-decoded');

      // The event opened beside the code without taking focus; its tab makes it active.
      await s.page.locator('.tab', { hasText: 'WorkflowExecutionSignaled' }).click();
      await s.harness.runCommand(s.page, 'Temporal: Show Raw (as the Server Sent It)');
      assert.match(await resultText('(raw)', /"data"/), /anNvbi9wbGFpbg==/);

      // Describe opens in the same group: the code keeps its half of the window.
      await contextMenu(s.page, row, 'Describe Workflow (JSON)');
      await s.page.locator('.tab', { hasText: `description of ${ids.counter}` }).waitFor();
      assert.equal(await s.page.locator('.editor-group-container').count(), 2);
      await shot('2-results-one-group');

      // Read-only documents close without asking to save (a dialog would keep the tab open).
      for (let open = await resultTabs().count(); open > 0; open = await resultTabs().count()) {
        await resultTabs().first().click();
        await s.page.keyboard.press('Control+W');
        await s.page.waitForFunction(
          (n) => document.querySelectorAll('.tab[aria-label*=".json"]').length < n,
          open,
        );
        assert.equal(await dialog(s.page).count(), 0);
      }
    },
  );

  step(
    'cancel asks for a prefilled reason that reaches the history; the lens counts the close',
    async () => {
      await openFile(s.page, 'python/workflows.py');
      // Both longTimers of this file, counted (the lens may first show an older count).
      const lens = await lensTextAbove(
        s.page,
        pySource(),
        longTimerLine,
        /[2-9]\d* running|\d{2,} running/,
      );
      runningBefore = Number(/(\d+) running/.exec(lens)?.[1]);
      assert.ok(runningBefore >= 2, lens);

      const row = treeRow(s.page, 'Workflows', ids.cancelled);
      await contextMenu(s.page, row, 'Cancel Workflow');
      await giveReason(
        s.page,
        `Cancel ${ids.cancelled}`,
        'Cancelled from Temporal Workbench',
        'e2e: cancel reason',
      );
      await dialogButton(s.page, 'Request Cancellation');
      // The longTimer winds down on the request: the row and the lens follow its close.
      await waitForRowText(row, /longTimer.*Canceled/);
      const events = (await s.client.workflow.getHandle(ids.cancelled).fetchHistory()).events ?? [];
      const requested = events.find((e) => e.workflowExecutionCancelRequestedEventAttributes);
      assert.equal(
        requested?.workflowExecutionCancelRequestedEventAttributes?.cause,
        'e2e: cancel reason',
      );
      await openFile(s.page, 'python/workflows.py');
      await waitForLensCount(runningBefore - 1);
    },
  );

  step("the cancel's toast leads to its outcome in the Results view", async () => {
    const toast = s.page
      .locator('.notifications-toasts .notification-list-item')
      .filter({ hasText: `Cancellation requested for '${ids.cancelled}'` })
      .first();
    await toast.locator('a.monaco-button', { hasText: 'Show in Results' }).click();
    await s.page
      .locator('.part.sidebar .pane-header[aria-expanded="true"]', { hasText: 'Results' })
      .waitFor();
    await treeRow(s.page, 'Results', `Cancellation requested for '${ids.cancelled}'`).waitFor();
    await shot('1-toast-to-results');
  });

  step('the live lens follows a run that closes outside the workbench', async () => {
    await openFile(s.page, 'python/workflows.py');
    await waitForLensCount(runningBefore - 1);
    await s.client.workflow.getHandle(ids.closing).terminate('closed outside the workbench');
    // No edit, no command: only the recount of running types can lower the lens.
    await waitForLensCount(runningBefore - 2);
    await shot('2-lens-follows-close');
  });
});
