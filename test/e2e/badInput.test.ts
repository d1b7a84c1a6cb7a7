// The bad-input catalogue through the real UI, in a real VS Code (code-server + Chromium) with the
// packaged extension, against the real dev server. Table-driven, one editor for all cases: each
// bad value is entered where a user enters it (start input, schedule document, filter picker),
// gives a message naming the field, leaves the server unchanged, and stays in its input. The
// protocol side of the same catalogue is test/integration/badInput.test.ts.
import assert from 'node:assert/strict';
import { before, describe } from 'node:test';
import { useWorkbenchSession } from './session';
import {
  answerQuickInput,
  dialog,
  dialogButton,
  openTemporal,
  viewPane,
  waitForQuickInput,
} from './workbenchPage';

const s = useWorkbenchSession({
  prefix: 'badInput',
  cleanupIds: () => [ids.workflow],
  // Only if a refused document was created after all (the test fails then).
  cleanup: (c) => c.schedule.getHandle(ids.schedule).delete(),
});
const ids = {
  // Spaces and unicode are valid in a workflow id: it must arrive as typed.
  workflow: `order 42 — café ☕ ${s.suffix}`,
  schedule: `bad-input-sched-${s.suffix}`,
  queue: `bad-input-${s.suffix}`,
};
const { step, shot } = s;
before(async () => {
  await s.ready;
  // The kept input is read back through the clipboard (a 2 MB line is not all drawn).
  await s.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
});

/** The server has no execution with this id (nothing was started). */
async function notStarted(workflowId: string): Promise<void> {
  await assert.rejects(s.client.workflow.getHandle(workflowId).describe(), /not found/i);
}

/**
 * Replaces the input document's text by pasting `text` (typing would let the editor's
 * auto-closing add brackets and quotes to the malformed cases). `kept`: the document stayed
 * open after a refused submit (no snippet selection then).
 */
async function pasteInput(tab: RegExp, text: string, kept: boolean): Promise<void> {
  await s.page.locator('.tab.active', { hasText: tab }).waitFor();
  const editor = s.page.locator('.editor-group-container.active .monaco-editor').first();
  if (kept) await editor.locator('.view-lines').click();
  else await editor.locator('.selected-text').first().waitFor();
  await s.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  // A new document's snippet may still be filling in and replace the paste: paste until it holds.
  for (let attempt = 1; ; attempt++) {
    await s.page.keyboard.press('Control+A');
    await s.page.keyboard.press('Control+V');
    const now = await activeEditorText(tab);
    if (now === text) return;
    if (attempt === 3) assert.equal(now, text, 'the pasted input');
    await s.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  }
}

/** The active editor's whole text (the kept input), read through its model in the s.page. */
async function activeEditorText(tab: RegExp): Promise<string> {
  await s.page.locator('.tab.active', { hasText: tab }).waitFor();
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.press('Control+C');
  return s.page.evaluate(() => navigator.clipboard.readText());
}

interface DocumentCase {
  name: string;
  text: string;
  /** The message (a notification) names the field. */
  message: RegExp;
}

const startInputs: DocumentCase[] = [
  {
    name: 'malformed JSON',
    text: '{"order": 42,}',
    message: /The input is not valid JSON: line 1, column \d+/,
  },
  {
    name: 'an input over the 2 MB payload limit',
    text: JSON.stringify('x'.repeat(2_200_000)),
    message: /input is 2\.1 MB: Temporal refuses payloads over 2\.0 MB/,
  },
];

const scheduleDoc = (spec: object, action: object = {}) =>
  JSON.stringify({
    scheduleId: ids.schedule,
    spec,
    action: { workflowType: 'greeting', taskQueue: ids.queue, input: ['x'], ...action },
  });
const scheduleDocuments: DocumentCase[] = [
  {
    name: 'a wrong duration ("10x") as run timeout',
    text: scheduleDoc({ intervals: [{ every: '1h' }] }, { runTimeout: '10x' }),
    message: /runTimeout '10x' is not a duration/,
  },
  {
    name: 'an invalid cron expression',
    text: scheduleDoc({ cronExpressions: ['61 * * * *'] }),
    message: /spec\.cronExpressions\[0\] '61 \* \* \* \*': minute 61 is out of range/,
  },
];

const filterQueries: { name: string; query: string; problem: RegExp }[] = [
  {
    name: 'an invalid visibility query',
    query: "WorkflowType = 'greeting' AND",
    problem: /Column \d+: /,
  },
  {
    name: 'an unknown search attribute',
    query: "NoSuchAttribute = 'x'",
    problem: /NoSuchAttribute.*(not|unknown|invalid)/i,
  },
];

describe(
  'Bad input through the UI: the field named, nothing sent, the input kept',
  { timeout: 300_000 },
  () => {
    step(
      'start input: each bad input is refused on the kept document; then a unicode id starts as typed',
      async () => {
        await openTemporal(s.page);
        await viewPane(s.page, 'Workflows').getByRole('treeitem').first().waitFor();
        await s.harness.runCommand(s.page, 'Temporal: Start Workflow…');
        await answerQuickInput(s.page, 'Start Workflow (1/3)', 'badInputProbe');
        await answerQuickInput(s.page, 'Start Workflow (2/3)', ids.queue);
        await answerQuickInput(s.page, 'Start Workflow (3/3)', ids.workflow);
        // Nobody polls the queue: the start check asks first.
        const tab = /badInputProbe input/;
        await s.page
          .locator('.monaco-dialog-box, .tab.active', {
            hasText: /Start badInputProbe|badInputProbe input/,
          })
          .first()
          .waitFor();
        if (await dialog(s.page).isVisible()) await dialogButton(s.page, 'Start Anyway');
        for (const [i, c] of startInputs.entries()) {
          await pasteInput(tab, c.text, i > 0);
          await s.page.keyboard.press('Control+Enter');
          await s.harness.waitForNotification(s.page, c.message, { timeout: 20_000 });
          assert.equal(
            await activeEditorText(tab),
            c.text,
            `${c.name}: the input is kept as typed`,
          );
          await notStarted(ids.workflow);
          await shot(`start-${i}`);
        }
        await pasteInput(tab, '["ok"]', true);
        await s.page.keyboard.press('Control+Enter');
        await s.page.locator('.tab', { hasText: tab }).waitFor({ state: 'detached' });
        const described = await s.client.workflow.getHandle(ids.workflow).describe();
        assert.equal(described.workflowId, ids.workflow);
      },
    );

    step(
      'schedule document: each bad field is refused on the kept document, no schedule made',
      async () => {
        await s.harness.runCommand(s.page, 'Temporal: Create Schedule…');
        const tab = /new schedule/;
        for (const [i, c] of scheduleDocuments.entries()) {
          await pasteInput(tab, c.text, i > 0);
          await s.page.keyboard.press('Control+Enter');
          await s.harness.waitForNotification(s.page, c.message, { timeout: 20_000 });
          assert.equal(
            await activeEditorText(tab),
            c.text,
            `${c.name}: the document is kept as typed`,
          );
          await assert.rejects(
            s.client.schedule.getHandle(ids.schedule).describe(),
            /not found/i,
            c.name,
          );
          await shot(`schedule-${i}`);
        }
        await s.harness.runCommand(s.page, 'View: Revert and Close Editor');
      },
    );

    step(
      'filter query: each bad query is shown on the typed text, the picker kept, no filter set',
      async () => {
        for (const [i, c] of filterQueries.entries()) {
          await s.harness.runCommand(s.page, 'Temporal: Filter Workflows by Query…');
          const widget = await waitForQuickInput(s.page, 'Filter Workflows');
          await widget.locator('.quick-input-box input').fill(c.query);
          await widget.locator('.monaco-list-row', { hasText: c.query }).first().waitFor();
          await s.page.keyboard.press('Enter');
          await widget
            .locator('.monaco-list-row', { hasText: c.query })
            .filter({ hasText: c.problem })
            .first()
            .waitFor();
          assert.equal(
            await widget.locator('.quick-input-box input').inputValue(),
            c.query,
            c.name,
          );
          await shot(`filter-${i}`);
          await s.page.keyboard.press('Escape');
          await widget.waitFor({ state: 'hidden' });
          assert.equal(
            await s.page.locator('.part.sidebar', { hasText: 'Filter:' }).count(),
            0,
            `${c.name}: no filter set`,
          );
        }
      },
    );
  },
);
