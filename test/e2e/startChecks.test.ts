// Guards before a visibility query is used, in a real VS Code (code-server + Chromium) with the
// packaged extension, against the real dev server and the sample workers: a bad query keeps the
// picker open with the problem on the typed text, and only accepted queries go to Recent.
import assert from 'node:assert/strict';
import { before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useWorkbenchSession } from './session';
import { openTemporal, quickInput, treeRow, waitForQuickInput } from './workbenchPage';

const ids: { selected: string } = { selected: '' };
const s = useWorkbenchSession({
  prefix: 'startChecks',
  // The execution the accepted query lists.
  prepare: async (c, t) => {
    await c.workflow.start('longTimer', {
      taskQueue: t.queues.python,
      workflowId: ids.selected,
      args: [3600],
    });
  },
  cleanupIds: () => Object.values(ids),
});
ids.selected = `e2e-selected-${s.suffix}`;
const { step, shot } = s;
let harness: typeof EditorHarness;
let page: Page;
before(async () => {
  await s.ready;
  ({ harness, page } = s);
});

describe('Guards around starting', { timeout: 240_000 }, () => {
  step('a bad query is reported on the typed text and not kept in Recent', async () => {
    await openTemporal(page);
    // Listed once a profile is selected: the filter commands are in the palette from then on.
    await treeRow(page, 'Workflows', ids.selected).waitFor();
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

