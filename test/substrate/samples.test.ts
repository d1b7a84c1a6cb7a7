// The sample workflows behave the same on both workers (TypeScript and Python), against a real
// dev server. Uses the server and workers of the test-runner wrapper when its TEMPORAL_TEST_*
// variables are set; otherwise starts its own through test/support/substrate.mjs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ApplicationFailure,
  Client,
  Connection,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { Substrate } from '../support/substrate.mjs' with { 'resolution-mode': 'import' };

interface Target {
  address: string;
  namespace: string;
  queues: { typescript: string; python: string };
  fixtureDir: string;
}

const TEST_TIMEOUT = 30_000;

let substrate: Substrate | undefined;
let target: Target;
let connection: Connection;
let client: Client;
const started: WorkflowHandle[] = [];

function targetFromEnv(): Target | undefined {
  const env = process.env;
  const { TEMPORAL_TEST_ADDRESS: address, TEMPORAL_TEST_NAMESPACE: namespace } = env;
  const { TEMPORAL_TEST_TS_QUEUE: ts, TEMPORAL_TEST_PY_QUEUE: py } = env;
  const fixtureDir = env.TEMPORAL_TEST_FIXTURE_DIR;
  if (!address || !namespace || !ts || !py || !fixtureDir) return undefined;
  return { address, namespace, queues: { typescript: ts, python: py }, fixtureDir };
}

before(
  async () => {
    const fromEnv = targetFromEnv();
    if (fromEnv) {
      target = fromEnv;
    } else {
      // Dynamic import: this file is CommonJS, the support module is ESM.
      const { startSubstrate } = await import('../support/substrate.mjs');
      substrate = await startSubstrate();
      const { env } = substrate;
      target = {
        address: env.TEMPORAL_TEST_ADDRESS,
        namespace: env.TEMPORAL_TEST_NAMESPACE,
        queues: { typescript: env.TEMPORAL_TEST_TS_QUEUE, python: env.TEMPORAL_TEST_PY_QUEUE },
        fixtureDir: env.TEMPORAL_TEST_FIXTURE_DIR,
      };
    }
    connection = await Connection.connect({ address: target.address });
    client = new Client({ connection, namespace: target.namespace });
  },
  { timeout: 180_000 },
);

after(
  async () => {
    if (client) {
      // Leave nothing running on a shared server.
      await Promise.all(
        started.map(async (handle) => {
          const { status } = await handle.describe().catch(() => ({ status: { name: '' } }));
          if (status.name === 'RUNNING') await handle.terminate('test cleanup').catch(() => {});
        }),
      );
      await connection.close();
    }
    await substrate?.stop();
  },
  { timeout: 60_000 },
);

function workflowId(language: string, name: string): string {
  return `samples-${language}-${name}-${randomUUID().slice(0, 8)}`;
}

async function start(
  language: 'typescript' | 'python',
  type: string,
  args: unknown[],
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const handle = await client.workflow.start(type, {
    taskQueue: target.queues[language],
    workflowId: workflowId(language, type),
    args,
  });
  started.push(handle);
  return handle;
}

/** Waits for the token file the async activity writes, then reads it. */
async function readTaskToken(id: string, timeoutMs = 20_000): Promise<Uint8Array> {
  const file = join(target.fixtureDir, `${id}.token`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const token = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
      await rm(file, { force: true });
      return new Uint8Array(token);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (Date.now() > deadline) throw new Error(`no task token at ${file} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100)); // poll interval: the loop waits for the token file
  }
}

/** Run ids of a continue-as-new chain, first to last, read from each run's closing event. */
async function runChain(id: string, firstRunId: string): Promise<string[]> {
  const runs = [firstRunId];
  for (;;) {
    const history = await client.workflow.getHandle(id, runs.at(-1)).fetchHistory();
    const last = history.events?.at(-1);
    const next = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) return runs;
    runs.push(next);
  }
}

for (const language of ['typescript', 'python'] as const) {
  describe(`samples on the ${language} worker`, () => {
    test('greeting returns the composed greeting', { timeout: TEST_TIMEOUT }, async () => {
      const handle = await start(language, 'greeting', ['Ada']);
      assert.equal(await handle.result(), 'Hello, Ada!');
    });

    test(
      'counter: signal, query, update, rejected update, finish',
      { timeout: TEST_TIMEOUT },
      async () => {
        const handle = await start(language, 'counter', [5]);
        await handle.signal('increment', 2);
        assert.equal(await handle.query<number>('value'), 7);

        const previous = await handle.executeUpdate<number, [number]>('setValue', { args: [10] });
        assert.equal(previous, 7);
        assert.equal(await handle.query<number>('value'), 10);

        await assert.rejects(handle.executeUpdate('setValue', { args: [-1] }), (err: unknown) => {
          assert.ok(err instanceof WorkflowUpdateFailedError, `got ${String(err)}`);
          assert.match(String((err.cause as Error | undefined)?.message), /value must be >= 0/);
          return true;
        });
        // A rejected update leaves the state alone.
        assert.equal(await handle.query<number>('value'), 10);

        await handle.signal('finish');
        assert.equal(await handle.result(), 10);
      },
    );

    test('failing fails with a non-retryable SampleError', { timeout: TEST_TIMEOUT }, async () => {
      const handle = await start(language, 'failing', ['boom']);
      await assert.rejects(handle.result(), (err: unknown) => {
        assert.ok(err instanceof WorkflowFailedError, `got ${String(err)}`);
        assert.ok(err.cause instanceof ApplicationFailure, `cause ${String(err.cause)}`);
        assert.equal(err.cause.type, 'SampleError');
        assert.equal(err.cause.message, 'boom');
        assert.equal(err.cause.nonRetryable, true);
        return true;
      });
      const { status } = await handle.describe();
      assert.equal(status.name, 'FAILED');
    });

    test('continueAsNewLoop leaves one run per iteration', { timeout: TEST_TIMEOUT }, async () => {
      const handle = await start(language, 'continueAsNewLoop', [0, 3]);
      assert.equal(await handle.result(), 3);
      const runs = await runChain(handle.workflowId, handle.firstExecutionRunId);
      assert.equal(runs.length, 4);
      assert.equal(new Set(runs).size, 4);
    });

    test(
      'parentWithChildren collects the children results',
      { timeout: TEST_TIMEOUT },
      async () => {
        const handle = await start(language, 'parentWithChildren', [3]);
        assert.deepEqual(await handle.result(), [
          'Hello, child-0!',
          'Hello, child-1!',
          'Hello, child-2!',
        ]);
        const child = await client.workflow.getHandle(`${handle.workflowId}-child-1`).describe();
        assert.equal(child.type, 'greeting');
        assert.equal(child.parentExecution?.workflowId, handle.workflowId);
      },
    );

    test(
      'asyncActivity waits for completion by task token',
      { timeout: TEST_TIMEOUT },
      async () => {
        const handle = await start(language, 'asyncActivity', ['order-42']);
        const token = await readTaskToken(handle.workflowId);

        const { raw } = await handle.describe();
        assert.equal(raw.pendingActivities?.[0]?.activityId, 'external-1');

        await client.activity.complete(token, 'approved: order-42');
        assert.equal(await handle.result(), 'approved: order-42');
      },
    );

    test('longTimer keeps running until terminated', { timeout: TEST_TIMEOUT }, async () => {
      const handle = await start(language, 'longTimer', []);
      // The first workflow task has completed once the timer is in the history.
      for (let i = 0; ; i++) {
        const history = await handle.fetchHistory();
        const timer = history.events?.find((e) => e.timerStartedEventAttributes);
        if (timer) {
          const fireAfter = timer.timerStartedEventAttributes?.startToFireTimeout?.seconds;
          assert.equal(Number(fireAfter), 3600);
          break;
        }
        assert.ok(i < 100, 'timer never started');
        await new Promise((r) => setTimeout(r, 100)); // poll interval: the loop waits for the timer event
      }
      assert.equal((await handle.describe()).status.name, 'RUNNING');
      await handle.terminate('test done');
      assert.equal((await handle.describe()).status.name, 'TERMINATED');
    });
  });
}
