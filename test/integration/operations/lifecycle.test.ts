// Cancel, terminate, reset and delete, each proven by what the server shows afterwards.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as protocol from '../../../shared/src/protocol';
import { expectWorkbenchError } from '../../support/languageServer';
import { firstValue, useOperations, waitFor, waitForEvent } from './support';

const ops = useOperations();
const T = { timeout: 30_000 };

async function startLongTimer(name: string): Promise<string> {
  const workflowId = ops.id(name);
  await ops.server().request(protocol.startWorkflow, {
    workflowId,
    workflowType: 'longTimer',
    taskQueue: ops.queue('typescript'),
  });
  return workflowId;
}

async function value(workflowId: string, runId?: string) {
  const q = await ops
    .server()
    .request(protocol.queryWorkflow, { workflowId, runId, queryType: 'value' });
  return firstValue(q.result);
}

describe('cancel and terminate', () => {
  test('terminate: describe shows Terminated with the reason and details', T, async () => {
    const s = ops.server();
    const workflowId = await startLongTimer('terminate');
    await s.request(protocol.terminateWorkflow, {
      workflowId,
      reason: 'stuck on a bad deploy',
      details: '["INC-7"]',
    });
    const d = await s.request(protocol.describeWorkflow, { workflowId });
    assert.equal(d.status, 'Terminated');
    assert.ok(d.closeTime);
    assert.equal(d.outcome?.status, 'Terminated');
    if (d.outcome?.status === 'Terminated') {
      assert.equal(d.outcome.reason, 'stuck on a bad deploy');
      assert.deepEqual(firstValue(d.outcome.details), 'INC-7');
      assert.ok(d.outcome.identity.length > 0);
    }
  });

  test(
    'cancel: the workflow sees the request and ends Canceled; the reason is in history',
    T,
    async () => {
      const s = ops.server();
      const workflowId = await startLongTimer('cancel');
      await waitForEvent(s, workflowId, 'TimerStarted');
      await s.request(protocol.cancelWorkflow, { workflowId, reason: 'customer withdrew' });
      const d = await waitFor('canceled', async () => {
        const x = await s.request(protocol.describeWorkflow, { workflowId });
        return x.status === 'Canceled' ? x : undefined;
      });
      assert.equal(d.outcome?.status, 'Canceled');
      const requested = await waitForEvent(s, workflowId, 'WorkflowExecutionCancelRequested');
      assert.match(requested.summary, /customer withdrew/);
    },
  );

  test('terminate of a closed workflow is refused with NotFound', T, async () => {
    const s = ops.server();
    const workflowId = await startLongTimer('term-twice');
    await s.request(protocol.terminateWorkflow, { workflowId, reason: 'first' });
    await expectWorkbenchError(
      s.request(protocol.terminateWorkflow, { workflowId, reason: 'second' }),
      'NotFound',
    );
  });
});

describe('reset', () => {
  for (const reapplySignals of [true, false]) {
    test(
      `to the first workflow task, ${reapplySignals ? 'reapplying' : 'dropping'} signals`,
      T,
      async () => {
        const s = ops.server();
        const workflowId = ops.id(`reset-${reapplySignals}`);
        const started = await s.request(protocol.startWorkflow, {
          workflowId,
          workflowType: 'counter',
          taskQueue: ops.queue('typescript'),
          input: '1',
        });
        // Signal after the first workflow task, so it lies after the reset point.
        await waitForEvent(s, workflowId, 'WorkflowTaskCompleted');
        await s.request(protocol.signalWorkflow, {
          workflowId,
          signalName: 'increment',
          input: '10',
        });
        assert.equal(await value(workflowId), 11);

        const reset = await s.request(protocol.resetWorkflow, {
          workflowId,
          to: 'FirstWorkflowTask',
          reason: 'replay from the start',
          reapplySignals,
        });
        assert.notEqual(reset.runId, started.runId);
        assert.equal(reset.resetEventId, 4, 'the first WorkflowTaskCompleted of the run');
        const old = await s.request(protocol.describeWorkflow, {
          workflowId,
          runId: started.runId,
        });
        assert.equal(old.status, 'Terminated');
        assert.equal(await value(workflowId, reset.runId), reapplySignals ? 11 : 1);
        const runs = await waitFor('both runs visible', async () => {
          const r = await s.request(protocol.listWorkflowRuns, { workflowId });
          return r.executions.length === 2 ? r : undefined;
        });
        assert.deepEqual(
          new Set(runs.executions.map((e) => e.runId)),
          new Set([started.runId, reset.runId]),
        );
      },
    );
  }

  test('to an event id; the last workflow task; a bad event id is refused', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('reset-event');
    await s.request(protocol.startWorkflow, {
      workflowId,
      workflowType: 'counter',
      taskQueue: ops.queue('python'),
      input: '0',
    });
    await waitForEvent(s, workflowId, 'WorkflowTaskCompleted');
    await s.request(protocol.signalWorkflow, { workflowId, signalName: 'increment', input: '5' });
    assert.equal(await value(workflowId), 5);
    const last = await s.request(protocol.resetWorkflow, {
      workflowId,
      to: 'LastWorkflowTask',
      reason: 'last',
    });
    assert.ok(last.resetEventId > 4);
    const byId = await s.request(protocol.resetWorkflow, {
      workflowId,
      to: { eventId: 4 },
      reason: 'by id',
    });
    assert.equal(byId.resetEventId, 4);
    assert.equal(await value(workflowId, byId.runId), 5);
    await expectWorkbenchError(
      s.request(protocol.resetWorkflow, { workflowId, to: { eventId: 1 }, reason: 'bad' }),
      'InvalidInput',
    );
  });
});

describe('delete', () => {
  test('removes the execution and its history', T, async () => {
    const s = ops.server();
    const workflowId = await startLongTimer('delete');
    await s.request(protocol.deleteWorkflow, { workflowId });
    await waitFor('execution gone', async () => {
      try {
        await s.request(protocol.describeWorkflow, { workflowId });
        return undefined;
      } catch (err) {
        return (err as { data?: protocol.ErrorData }).data?.kind === 'NotFound' ? true : undefined;
      }
    });
    await expectWorkbenchError(s.request(protocol.getWorkflowHistory, { workflowId }), 'NotFound');
  });
});
