// Shared by the operation integration tests: the real target (runner's or own), one language
// server process per file talking to it through an env-var profile, unique ids, bounded polling,
// and cleanup of whatever a test left running.
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before } from 'node:test';
import * as protocol from '../../../shared/src/protocol';
import { TestLanguageServer, type ServerOptions } from '../../support/languageServer';
import { useTestTarget, type TargetGetter } from '../../support/target';

export type Language = 'typescript' | 'python';
export const LANGUAGES: Language[] = ['typescript', 'python'];

export interface OperationsContext {
  target: TargetGetter;
  server(): TestLanguageServer;
  queue(language: Language): string;
  /** A workflow id unique to this test run, remembered for cleanup. */
  id(name: string): string;
  /** Starts a language server with extra options (stopped after the file). */
  startServer(options?: ServerOptions): Promise<TestLanguageServer>;
}

/** Registers hooks: target ready, one language server, cleanup. */
export function useOperations(options: { workers?: boolean } = {}): OperationsContext {
  const target = useTestTarget(options);
  const servers: TestLanguageServer[] = [];
  const ids = new Set<string>();
  let main: TestLanguageServer | undefined;

  const startServer = async (extra: ServerOptions = {}) => {
    const t = await target.ready();
    const s = await TestLanguageServer.start({
      ...extra,
      env: { TEMPORAL_ADDRESS: t.address, TEMPORAL_NAMESPACE: t.namespace, ...extra.env },
    });
    servers.push(s);
    return s;
  };

  before(async () => {
    main = await startServer();
  });

  after(async () => {
    // Leave nothing running on a shared dev server.
    if (main) {
      await Promise.all(
        [...ids].map((workflowId) =>
          main!
            .request(protocol.terminateWorkflow, { workflowId, reason: 'test cleanup' })
            .catch(() => undefined),
        ),
      );
    }
    await Promise.all(servers.map((s) => s.stop()));
  });

  return {
    target,
    server: () => {
      if (!main) throw new Error('language server not started');
      return main;
    },
    queue: (language) => {
      const t = target();
      return language === 'typescript' ? t.queues.typescript : t.queues.python;
    },
    id: (name) => {
      const id = `ops-${name}-${randomUUID().slice(0, 8)}`;
      ids.add(id);
      return id;
    },
    startServer,
  };
}

/** Polls `check` until it returns a value (not undefined) or the bound passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 15_000, intervalMs = 150 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms${last ? ` (last error: ${(last as Error).message})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits for the task token the sample async activity writes, then removes the file. */
export async function readTaskToken(fixtureDir: string, workflowId: string): Promise<string> {
  const file = join(fixtureDir, `${workflowId}.token`);
  return waitFor(`task token of ${workflowId}`, async () => {
    try {
      const token = (await readFile(file, 'utf8')).trim();
      await rm(file, { force: true });
      return token;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  });
}

/** The first view's JSON value. */
export function firstValue(
  views: protocol.PayloadView[] | undefined,
): protocol.JsonValue | undefined {
  return views?.[0]?.value;
}

/** Waits until the workflow's history has an event of `eventType` (e.g. TimerStarted). */
export async function waitForEvent(
  server: TestLanguageServer,
  workflowId: string,
  eventType: string,
  runId?: string,
): Promise<protocol.HistoryEventView> {
  return waitFor(`${eventType} in ${workflowId}`, async () => {
    const { events } = await server.request(protocol.getWorkflowHistory, { workflowId, runId });
    return events.find((e) => e.eventType === eventType);
  });
}
