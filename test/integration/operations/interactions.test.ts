// Signals, queries and updates against the counter sample on both workers: a signal changes the
// state the next query returns; updates return the handler's value; the workers' own errors
// (validator rejection, unknown names) arrive as clear errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as protocol from '../../../shared/src/protocol';
import { expectWorkbenchError } from '../../support/languageServer';
import { firstValue, LANGUAGES, useOperations } from './support';

const ops = useOperations();
const T = { timeout: 30_000 };

async function startCounter(language: 'typescript' | 'python', initial: number): Promise<string> {
  const workflowId = ops.id(`counter-${language}`);
  await ops.server().request(protocol.startWorkflow, {
    workflowId,
    workflowType: 'counter',
    taskQueue: ops.queue(language),
    input: String(initial),
  });
  return workflowId;
}

async function value(workflowId: string): Promise<protocol.JsonValue | undefined> {
  const q = await ops.server().request(protocol.queryWorkflow, { workflowId, queryType: 'value' });
  return firstValue(q.result);
}

for (const language of LANGUAGES) {
  describe(`signal, query and update on the ${language} worker`, () => {
    test('a signal changes the state the next query returns', T, async () => {
      const s = ops.server();
      const workflowId = await startCounter(language, 5);
      assert.equal(await value(workflowId), 5);
      await s.request(protocol.signalWorkflow, { workflowId, signalName: 'increment', input: '3' });
      assert.equal(await value(workflowId), 8);
      await s.request(protocol.signalWorkflow, { workflowId, signalName: 'finish' });
      const outcome = await s.request(protocol.getWorkflowResult, { workflowId });
      assert.deepEqual(outcome.status === 'Completed' && firstValue(outcome.result), 8);
    });

    test(
      'execute update returns the handler value; a validator rejection is a clear error',
      T,
      async () => {
        const s = ops.server();
        const workflowId = await startCounter(language, 7);
        const update = await s.request(protocol.executeUpdate, {
          workflowId,
          updateName: 'setValue',
          input: '10',
        });
        assert.equal(update.stage, 'Completed');
        assert.deepEqual(firstValue(update.result), 7);
        assert.equal(await value(workflowId), 10);

        const msg = await expectWorkbenchError(
          s.request(protocol.executeUpdate, { workflowId, updateName: 'setValue', input: '-1' }),
          'FailedPrecondition',
        );
        assert.match(msg, /Update 'setValue'.*value must be >= 0/);
        assert.equal(await value(workflowId), 10, 'a rejected update leaves the state alone');
      },
    );

    test(
      'start update returns once accepted; poll returns the outcome by update id',
      T,
      async () => {
        const s = ops.server();
        const workflowId = await startCounter(language, 1);
        const accepted = await s.request(protocol.startUpdate, {
          workflowId,
          updateName: 'setValue',
          input: '4',
          updateId: `upd-${workflowId}`,
        });
        assert.equal(accepted.updateId, `upd-${workflowId}`);
        assert.ok(['Accepted', 'Completed'].includes(accepted.stage), accepted.stage);
        const polled = await s.request(protocol.pollUpdate, {
          workflowId,
          updateId: accepted.updateId,
        });
        assert.equal(polled.stage, 'Completed');
        assert.deepEqual(firstValue(polled.result), 1);
        // The same update id again is the same update: its earlier result, no second change.
        const again = await s.request(protocol.executeUpdate, {
          workflowId,
          updateName: 'setValue',
          input: '99',
          updateId: accepted.updateId,
        });
        assert.deepEqual(firstValue(again.result), 1);
        assert.equal(await value(workflowId), 4);
      },
    );

    test('unknown query and update names: the worker says so', T, async () => {
      const s = ops.server();
      const workflowId = await startCounter(language, 0);
      const query = await expectWorkbenchError(
        s.request(protocol.queryWorkflow, { workflowId, queryType: 'noSuchQuery' }),
        'InvalidInput',
      );
      assert.match(query, /Query 'noSuchQuery'.*failed: .*noSuchQuery/);
      const update = await expectWorkbenchError(
        s.request(protocol.executeUpdate, { workflowId, updateName: 'noSuchUpdate' }),
        'FailedPrecondition',
      );
      assert.match(update, /noSuchUpdate/);
      // Signals to unknown names are accepted by the server and buffered by the SDK (no error
      // exists to surface); the state stays as it was.
      await s.request(protocol.signalWorkflow, {
        workflowId,
        signalName: 'noSuchSignal',
        input: '1',
      });
      assert.equal(await value(workflowId), 0);
    });

    test(
      'update-with-start starts the workflow and updates it, then updates the running one',
      T,
      async () => {
        const s = ops.server();
        const workflowId = ops.id(`uws-${language}`);
        const start: protocol.StartWorkflowParams = {
          workflowId,
          workflowType: 'counter',
          taskQueue: ops.queue(language),
          input: '3',
        };
        const first = await s.request(protocol.updateWithStartWorkflow, {
          start,
          update: { updateName: 'setValue', input: '20' },
        });
        assert.equal(first.started, true);
        assert.deepEqual(firstValue(first.update.result), 3);
        const second = await s.request(protocol.updateWithStartWorkflow, {
          start,
          update: { updateName: 'setValue', input: '30' },
        });
        assert.deepEqual([second.started, second.runId], [false, first.runId]);
        assert.deepEqual(firstValue(second.update.result), 20);
        assert.equal(await value(workflowId), 30);
      },
    );
  });
}

describe('query reject conditions', () => {
  test('NotOpen rejects a query on a closed run and reports its status', T, async () => {
    const s = ops.server();
    const workflowId = await startCounter('typescript', 2);
    await s.request(protocol.signalWorkflow, { workflowId, signalName: 'finish' });
    await s.request(protocol.getWorkflowResult, { workflowId });
    const rejected = await s.request(protocol.queryWorkflow, {
      workflowId,
      queryType: 'value',
      rejectCondition: 'NotOpen',
    });
    assert.deepEqual(rejected, { rejectedStatus: 'Completed' });
    const answered = await s.request(protocol.queryWorkflow, {
      workflowId,
      queryType: 'value',
      rejectCondition: 'None',
    });
    assert.equal(firstValue(answered.result), 2);
  });

  test('a query of a missing workflow is NotFound', T, async () => {
    await expectWorkbenchError(
      ops
        .server()
        .request(protocol.queryWorkflow, { workflowId: ops.id('missing'), queryType: 'value' }),
      'NotFound',
    );
  });
});

describe('update edge cases', () => {
  test(
    'update-with-start with idConflictPolicy Fail on a running workflow is AlreadyStarted',
    T,
    async () => {
      const s = ops.server();
      const workflowId = await startCounter('typescript', 1);
      const msg = await expectWorkbenchError(
        s.request(protocol.updateWithStartWorkflow, {
          start: {
            workflowId,
            workflowType: 'counter',
            taskQueue: ops.queue('typescript'),
            input: '1',
            idConflictPolicy: 'Fail',
          },
          update: { updateName: 'setValue', input: '5' },
        }),
        'AlreadyStarted',
      );
      assert.match(msg, /already running/i);
      assert.equal(await value(workflowId), 1, 'the update did not run');
    },
  );

  test('poll without waiting returns the stage; an unknown update id is NotFound', T, async () => {
    const s = ops.server();
    const workflowId = await startCounter('python', 1);
    const done = await s.request(protocol.executeUpdate, {
      workflowId,
      updateName: 'setValue',
      input: '2',
    });
    const polled = await s.request(protocol.pollUpdate, {
      workflowId,
      updateId: done.updateId,
      wait: false,
    });
    assert.deepEqual([polled.stage, firstValue(polled.result)], ['Completed', 1]);
    await expectWorkbenchError(
      s.request(protocol.pollUpdate, { workflowId, updateId: 'no-such-update', wait: false }),
      'NotFound',
    );
  });
});
