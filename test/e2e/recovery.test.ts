// A view whose server goes away shows the failure in place with Retry; with the server back on
// the same address, Retry brings the rows back. The interval refresh is off in this editor (see
// the known gap in the last step). Uses a dev server of its own (stopped and started again
// here), never the shared one.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import type * as Substrate from '../support/substrate.mjs' with { 'resolution-mode': 'import' };
import { useWorkbenchSession } from './session';
import { answerQuickInput, openTemporal, treeRow, viewPane } from './workbenchPage';

let substrate: typeof Substrate;
let server: { address: string; port: number; namespace: string; stop(): Promise<void> };
let restarted: ChildProcess | undefined;

const session = useWorkbenchSession({
  prefix: 'recovery',
  prepare: async () => {
    substrate = await import('../support/substrate.mjs');
    server = await substrate.startDevServer({ namespace: 'recovery' });
  },
  settings: () => ({
    'temporal.profiles': { recovery: { address: server.address, namespace: server.namespace } },
    // Off: a view re-read by the interval could recover without Retry.
    'temporal.refreshIntervalSeconds': 0,
  }),
  cleanup: async () => {
    await server?.stop();
    killGroup(restarted);
  },
});
const { step } = session;

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
    await new Promise((r) => setTimeout(r, 200)); // poll interval of the health check
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

/** The Workflows view's error row: its click is Retry. */
const errorRow = () =>
  viewPane(session.page, 'Workflows')
    .getByRole('treeitem')
    .filter({ has: session.page.locator('.codicon-error') })
    .first();

step('the profile lists its namespace', async () => {
  const { page, harness } = session;
  await openTemporal(page);
  await harness.runCommand(page, 'Temporal: Select Profile');
  await answerQuickInput(page, 'Temporal: Select Profile', 'recovery');
  await page.locator('.part.statusbar', { hasText: /Temporal: recovery/ }).waitFor();
  // Connections folded: room for Workflows and Schedules.
  await page.locator('.part.sidebar .pane-header', { hasText: 'Connections' }).click();
  await treeRow(page, 'Workflows', /No executions in recovery/).waitFor({ timeout: 30_000 });
  await treeRow(page, 'Schedules', /No schedules in this namespace/).waitFor({ timeout: 30_000 });
  await session.shot('1-connected');
});

step('with its server stopped, a refresh shows the failure in place as a Retry row', async () => {
  const { page, harness } = session;
  await server.stop();
  assert.equal(await healthy(server.address), false);
  await harness.runCommand(page, 'Temporal: Refresh Workflows');
  await errorRow().waitFor({ timeout: 30_000 });
  await session.shot('2-server-down');
});

step('with the server back on the same address, Retry brings the rows back', async () => {
  const { page } = session;
  restarted = await startDevServerOnPort(server.port, server.namespace);
  // Still the error row: nothing re-reads on its own (interval off; the failure's error status
  // and its repeats fire no view refresh, so no read was retrying when the server came back). A re-read loop would have recovered while the server was starting, which
  // takes seconds; startDevServerOnPort returns only once the server answers.
  assert.equal(await errorRow().isVisible(), true, 'the error row with Retry is shown');
  await errorRow().click();
  await treeRow(page, 'Workflows', /No executions in recovery/).waitFor({ timeout: 30_000 });
  await errorRow().waitFor({ state: 'detached' });
  // The answer sets the connection back to connected, which re-reads the other views too.
  await viewPane(page, 'Schedules').locator('.codicon-error').waitFor({ state: 'detached' });
  await treeRow(page, 'Schedules', /No schedules in this namespace/).waitFor({ timeout: 30_000 });
  await session.shot('3-recovered');
});
