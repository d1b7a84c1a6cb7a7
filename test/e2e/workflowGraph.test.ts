// The workflow graph in a real VS Code (code-server + Chromium) with the packaged extension:
// opened from a run of the TypeScript sample's executionTour in the Workflows tree, it is drawn
// from the source and coloured by what that run did; the keyboard moves between nodes and
// Enter opens the activity's definition at its line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { WorkflowFailedError } from '@temporalio/client';
import type { FrameLocator } from 'playwright-core';
import { useWorkbenchSession } from './session';
import { contextMenu, openTemporal, treeRow, waitForRowText } from './workbenchPage';

let workflowId = '';
const s = useWorkbenchSession({
  prefix: 'workflowGraph',
  // The TypeScript tour: a retried activity, a timer, a child, an update, a signal, then a failure.
  prepare: async (client, t) => {
    workflowId = `e2e-graph-${s.suffix}`;
    const handle = await client.workflow.start('executionTour', {
      taskQueue: t.queues.typescript,
      workflowId,
      args: [2],
    });
    await handle.executeUpdate('setNote', { args: ['e2e'] });
    await handle.signal('proceed');
    await assert.rejects(handle.result(), WorkflowFailedError);
  },
  settings: () => ({ 'workbench.editor.enablePreview': false }),
});

/** The graph's document inside the webview's nested iframes. */
function webview(): FrameLocator {
  return s.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** 1-based line of the first line of a sample file matching `pattern`. */
const lineOf = (rel: string, pattern: RegExp) =>
  readFileSync(path.join(s.harness.repoRoot, 'samples', rel), 'utf8')
    .split('\n')
    .findIndex((l) => pattern.test(l)) + 1;

describe('Workflow graph', { timeout: 240_000 }, () => {
  s.step(
    "opens from a run in the Workflows tree, drawn from the source and coloured by that run's history",
    async () => {
      await openTemporal(s.page);
      const row = treeRow(s.page, 'Workflows', new RegExp(`${workflowId}(?!-child)`));
      await waitForRowText(row, /executionTour.*Failed/);
      const view = webview();
      const runLine = view.locator('[data-testid=run-line]', {
        hasText: `Coloured by run ${workflowId}`,
      });
      await contextMenu(s.page, row, 'Show Workflow Graph', {
        effect: runLine,
        promptWithoutRow: 'Show Workflow Graph',
      });
      await runLine.waitFor({ timeout: 30_000 });
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
        const node = view.locator(`[data-testid="node-${id}"]`);
        await node.waitFor();
        assert.equal(await node.getAttribute('data-state'), state, `state of ${id}`);
      }
      // Exactly the workflow, its three calls and its two handlers.
      assert.equal(await view.locator('g.node').count(), 6);
      await s.shot('1-coloured');
    },
  );

  s.step(
    'arrow keys move between nodes and Enter opens the activity definition at its line',
    async () => {
      const view = webview();
      await view.locator('[data-testid="node-wf"]').focus();
      // From the workflow, Right goes to the call level with it (the middle one), Up to the one above.
      await s.page.keyboard.press('ArrowRight');
      await s.page.keyboard.press('ArrowUp');
      await view.locator('[data-testid="node-activity:flakyStep"]:focus').waitFor();
      await view
        .locator('[data-testid=node-details]', { hasText: /activity flakyStep.*completed/s })
        .waitFor();
      await s.shot('2-focused');
      await s.page.keyboard.press('Enter');
      await s.page.locator('.tab.active', { hasText: 'activities.ts' }).waitFor();
      const line = lineOf('typescript/src/activities.ts', /^export async function flakyStep/);
      await s.page
        .waitForFunction(
          (expected) =>
            (document.querySelector('[id="status.editor.selection"]')?.textContent ?? '').includes(
              `Ln ${expected},`,
            ),
          line,
          { timeout: 15_000 },
        )
        .catch(async () =>
          assert.fail(
            `cursor at ${await s.page.locator('[id="status.editor.selection"]').textContent()}, expected line ${line}`,
          ),
        );
      await s.shot('3-definition');
    },
  );
});
