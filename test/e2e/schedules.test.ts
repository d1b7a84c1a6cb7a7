// The Schedules view and schedule commands in a real VS Code (code-server + Chromium) with the
// packaged extension, against the real dev server and sample workers; then recovery of a view
// when its server goes away and comes back on the same address. One editor for the file.
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import type * as Substrate from '../support/substrate.mjs' with { 'resolution-mode': 'import' };
import { useTestTarget } from '../support/target';
import {
  answerQuickInput,
  contextMenu,
  dialog,
  dialogButton,
  openTemporal,
  treeRow,
  typePayload,
  viewPane,
  waitForRowText,
} from './workbenchPage';

const target = useTestTarget();
let harness: typeof EditorHarness;
let substrate: typeof Substrate;
let editor: EditorHarness.Editor;
let browser: Browser;
let page: Page;
/** The second server, for the recovery scenario (stopped and started again by the test). */
let second: { address: string; port: number; namespace: string; stop(): Promise<void> };
let restarted: ChildProcess | undefined;

const scheduleId = `e2e-sched-${randomUUID().slice(0, 6)}`;
const vsix = () => path.join(harness.repoRoot, 'dist', 'temporal-workbench.vsix');
const shot = (name: string) => harness.screenshot(page, `schedules-${name}`);

function step(name: string, fn: () => Promise<void>): void {
  test(name, async () => {
    try {
      await fn();
    } catch (err) {
      await shot(`failed-${name.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
      throw err;
    }
  });
}

/** The CLI's answer to a health check of `address` (true = serving). */
function healthy(address: string): Promise<boolean> {
  return new Promise((resolve) =>
    execFile(
      substrate.temporalCli(),
      ['operator', 'cluster', 'health', '--address', address, '--disable-config-file'],
      { timeout: 3000 },
      (err, stdout) => resolve(!err && stdout.includes('SERVING')),
    ),
  );
}

/**
 * Starts a dev server on a given port. substrate.startDevServer() always picks a free port, so
 * the restart on the same address is done here with the same CLI flags that matter.
 */
async function startDevServerOnPort(port: number, namespace: string): Promise<ChildProcess> {
  const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--namespace', namespace, '--disable-config-file', '--disable-config-env');
  const proc = spawn(substrate.temporalCli(), args, { detached: true, stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  while (!(await healthy(`127.0.0.1:${port}`))) {
    if (proc.exitCode !== null) throw new Error(`dev server on ${port} exited (${proc.exitCode})`);
    if (Date.now() > deadline) throw new Error(`dev server on ${port} did not become healthy`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return proc;
}

function killGroup(proc: ChildProcess | undefined): void {
  if (proc?.pid && proc.exitCode === null) {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

before(async () => {
  harness = await import('../support/editor.mjs');
  substrate = await import('../support/substrate.mjs');
  if (!existsSync(vsix())) throw new Error(`${vsix()} is missing: run npm run package first`);
  const t = await target.ready();
  second = await substrate.startDevServer({ namespace: 'recovery' });
  editor = await harness.startEditor({
    workspace: path.join(harness.repoRoot, 'samples'),
    vsix: vsix(),
    settings: {
      'temporal.profiles': {
        e2e: { address: t.address, namespace: t.namespace },
        recovery: { address: second.address, namespace: second.namespace },
      },
      'temporal.refreshIntervalSeconds': 1,
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoSurround': 'never',
      'editor.autoIndent': 'none',
      'editor.formatOnType': false,
      'git.openRepositoryInParentFolders': 'never',
      'workbench.editor.enablePreview': false,
    },
  });
  ({ browser, page } = await harness.launchBrowser({ viewport: { width: 1500, height: 950 } }));
  await page.goto(editor.url);
  await harness.waitForWorkbench(page, { activityBarTitle: 'Temporal' });
  const box = await page.locator('.part.sidebar').boundingBox();
  if (box) {
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width + 1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 460, y, { steps: 5 });
    await page.mouse.up();
  }
});

after(async () => {
  await browser?.close();
  await editor?.stop();
  await second?.stop();
  killGroup(restarted);
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
          taskQueue: target().queues.typescript,
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
    await treeRow(page, 'Schedules', `${workflowId} Completed`).click();
    // Document names replace characters file names refuse (the ids carry ':').
    const tab = `description of ${workflowId.replace(/:/g, '-')}`;
    await page.locator('.tab', { hasText: tab }).waitFor();
    await shot('4b-action-described');
    // The description is a read-only result document: it closes without asking to save.
    await harness.runCommand(page, 'View: Close All Editors');
    await page.locator('.tab', { hasText: tab }).waitFor({ state: 'detached' });
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

describe('a view recovers when its server comes back', { timeout: 240_000 }, () => {
  step('the second profile connects', async () => {
    await selectProfile('recovery');
    await page.locator('.part.statusbar', { hasText: /Temporal: recovery/ }).waitFor();
    await treeRow(page, 'Workflows', /No executions in recovery/).waitFor({ timeout: 30_000 });
    await shot('7-recovery-profile');
  });

  step('stopping its server shows the error node with Retry', async () => {
    await second.stop();
    assert.equal(await healthy(second.address), false);
    await harness.runCommand(page, 'Temporal: Refresh Workflows');
    const error = viewPane(page, 'Workflows').locator('.codicon-error').first();
    await error.waitFor({ timeout: 30_000 });
    await shot('8-server-down');
  });

  step(
    'a server on the same port again: the view recovers (Retry or the interval refresh)',
    async () => {
      restarted = await startDevServerOnPort(second.port, second.namespace);
      const errorRow = viewPane(page, 'Workflows')
        .getByRole('treeitem')
        .filter({ has: page.locator('.codicon-error') })
        .first();
      // Retry is the error row's click; the interval refresh may re-read the view first, so the
      // step checks that the view recovers (either way), not which of the two did it.
      if (await errorRow.isVisible()) await errorRow.click().catch(() => undefined);
      await treeRow(page, 'Workflows', /No executions in recovery/).waitFor({ timeout: 30_000 });
      await treeRow(page, 'Schedules', /No schedules in this namespace/).waitFor({
        timeout: 30_000,
      });
      await shot('9-recovered');
    },
  );
});
