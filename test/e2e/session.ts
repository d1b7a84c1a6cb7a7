// One real editor per e2e file: the packaged extension in code-server with a profile for the test
// server, a Chromium page on it, a Temporal client for setup and checks, and steps that leave a
// screenshot when they fail. Registers the file's before/after hooks.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { Browser, Page } from 'playwright-core';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { useTestTarget, type TestTarget } from '../support/target';

export interface WorkbenchSession {
  harness: typeof EditorHarness;
  page: Page;
  client: Client;
  target: TestTarget;
  /** A suffix that keeps this run's workflow ids apart from other runs'. */
  suffix: string;
  /** Saves test-results/screenshots/<prefix>-<name>.png. */
  shot(name: string): Promise<string>;
  /** A test that leaves a screenshot of the page when it fails. */
  step(name: string, fn: () => Promise<void>): void;
  /** Settles once the editor is up (hooks of the file may run in any order). */
  ready: Promise<void>;
}

export function useWorkbenchSession(options: {
  /** Screenshot name prefix. */
  prefix: string;
  /** Runs before the editor starts (executions the views must list ...). */
  prepare?: (client: Client, target: TestTarget) => Promise<void>;
  /** Workflow ids to terminate after the file. */
  cleanupIds?: () => string[];
  /** Extra cleanup after the file. */
  cleanup?: (client: Client) => Promise<void>;
  /** User settings over the defaults below (read after `prepare`). */
  settings?: () => Record<string, unknown>;
}): WorkbenchSession {
  const target = useTestTarget();
  let editor: EditorHarness.Editor | undefined;
  let browser: Pick<Browser, 'close'> | undefined;
  let connection: Connection | undefined;
  let started!: { resolve(): void; reject(err: unknown): void };
  const session = {
    ready: new Promise<void>((resolve, reject) => (started = { resolve, reject })),
    suffix: randomUUID().slice(0, 6),
    shot: (name: string) => session.harness.screenshot(session.page, `${options.prefix}-${name}`),
    step(name: string, fn: () => Promise<void>) {
      test(name, async () => {
        try {
          await fn();
        } catch (err) {
          const failed = `failed-${name.replace(/\W+/g, '-').slice(0, 40)}`;
          await session.shot(failed).catch(() => undefined);
          // The extension's log beside it: what the workbench did and what the server said.
          await session.harness
            .runCommand(session.page, 'Temporal: Show Output')
            .then(() => session.shot(`${failed}-output`))
            .catch(() => undefined);
          // Closed again, so that the file's next steps get the room they had (a panel left open
          // made later steps fail on rows it pushed out of view: one cause counted twice).
          await session.harness.runCommand(session.page, 'View: Hide Panel').catch(() => undefined);
          throw err;
        }
      });
    },
  } as WorkbenchSession;

  before(() =>
    start().then(started.resolve, (err: unknown) => {
      started.reject(err);
      throw err;
    }),
  );

  async function start(): Promise<void> {
    session.harness = await import('../support/editor.mjs');
    const root = session.harness.repoRoot;
    const vsix = path.join(root, 'dist', 'temporal-workbench.vsix');
    if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
    const t = await target.ready();
    session.target = t;
    // Chromium starts while the server side is made ready: neither needs the other until the page
    // opens the editor's URL.
    const launching = session.harness.launchBrowser({ viewport: { width: 1500, height: 950 } });
    launching.then((launched) => (browser = launched.browser)).catch(() => undefined);
    connection = await Connection.connect({ address: t.address });
    session.client = new Client({ connection, namespace: t.namespace });
    await options.prepare?.(session.client, t);
    editor = await session.harness.startEditor({
      workspace: path.join(root, 'samples'),
      vsix,
      // The editor's own defaults otherwise (auto-surround, auto-closing, preview editors):
      // inputs must work with them as a user has them.
      settings: {
        'temporal.profiles': { e2e: { address: t.address, namespace: t.namespace } },
        'temporal.refreshIntervalSeconds': 1,
        'git.openRepositoryInParentFolders': 'never',
        ...options.settings?.(),
      },
    });
    session.page = (await launching).page;
    await session.page.goto(editor.url);
    await session.harness.waitForWorkbench(session.page, { activityBarTitle: 'Temporal' });
  }

  after(async () => {
    await browser?.close();
    await editor?.stop();
    for (const id of options.cleanupIds?.() ?? []) {
      await session.client?.workflow
        .getHandle(id)
        .terminate('e2e cleanup')
        .catch(() => undefined);
    }
    if (session.client) await options.cleanup?.(session.client).catch(() => undefined);
    await connection?.close();
  });
  return session;
}

/** Starts a counter at 3 that got one `increment 2` signal (its history has a signal argument). */
export async function startSignalledCounter(
  client: Client,
  taskQueue: string,
  workflowId: string,
): Promise<void> {
  const counter = await client.workflow.start('counter', { taskQueue, workflowId, args: [3] });
  await counter.signal('increment', 2);
}
