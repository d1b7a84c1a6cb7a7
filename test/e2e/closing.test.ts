// Runs closing, in a real VS Code (code-server + Chromium) with the packaged extension, against
// the real dev server and the sample workers: a cancel asks for a reason that reaches the
// history, its toast leads to the Results view, and the live "N running" lens follows both the
// cancelled run and a run that closes outside the workbench. Steps build on each other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe } from 'node:test';
import { useWorkbenchSession } from './session';
import {
  contextMenu,
  dialogButton,
  giveReason,
  lensTextAbove,
  openFile,
  openTemporal,
  treeRow,
  waitForRowText,
  waitForRunningLens,
} from './workbenchPage';

// Two longTimers: one the user cancels, one that closes outside the workbench.
const ids = { cancelled: '', closing: '' };
const s = useWorkbenchSession({
  prefix: 'closing',
  prepare: async (c, t) => {
    for (const workflowId of Object.values(ids))
      await c.workflow.start('longTimer', { taskQueue: t.queues.python, workflowId, args: [3600] });
  },
  cleanupIds: () => Object.values(ids),
});
ids.cancelled = `e2e-close-cancelled-${s.suffix}`;
ids.closing = `e2e-close-closing-${s.suffix}`;
const { step, shot } = s;
before(() => s.ready);

const pySource = () =>
  readFileSync(path.join(s.harness.repoRoot, 'samples', 'python/workflows.py'), 'utf8');
const longTimerLine = 'class LongTimer';
const waitForLensCount = (n: number) => waitForRunningLens(s.page, pySource(), longTimerLine, n);

describe('Closing runs', { timeout: 240_000 }, () => {
  let runningBefore = NaN;

  step(
    'cancel asks for a prefilled reason that reaches the history; the lens counts the close',
    async () => {
      await openTemporal(s.page);
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
