// Batch operations: terminate, cancel and signal exactly the executions a visibility query
// matches (a tag unique to each test), with progress read through describe.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import * as protocol from '../../../shared/src/protocol';
import { expectWorkbenchError } from '../../support/languageServer';
import { firstValue, useOperations, waitFor, waitForEvent } from './support';

const ops = useOperations();
const T = { timeout: 60_000 };

/** Starts `count` workflows tagged `tag` and waits until visibility lists them all. */
async function startTagged(
  tag: string,
  count: number,
  workflowType: string,
  input?: string,
): Promise<string[]> {
  const s = ops.server();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const workflowId = ops.id(`batch-${i}`);
    ids.push(workflowId);
    await s.request(protocol.startWorkflow, {
      workflowId,
      workflowType,
      taskQueue: ops.queue('typescript'),
      input,
      searchAttributes: { WorkbenchTag: tag },
    });
  }
  await waitFor(`${count} executions tagged ${tag} visible`, async () => {
    const c = await s.request(protocol.countWorkflows, {
      query: `WorkbenchTag = '${tag}' AND ExecutionStatus = 'Running'`,
    });
    return c.count === count ? true : undefined;
  });
  return ids;
}

async function batchDone(jobId: string): Promise<protocol.BatchOperationView> {
  return waitFor(
    `batch ${jobId} completed`,
    async () => {
      const b = await ops.server().request(protocol.describeBatchOperation, { jobId });
      return b.state === 'Completed' ? b : undefined;
    },
    { timeoutMs: 40_000, intervalMs: 250 },
  );
}

async function status(workflowId: string): Promise<string> {
  return (await ops.server().request(protocol.describeWorkflow, { workflowId })).status;
}

describe('batch operations', () => {
  test('terminate terminates exactly the matching executions', T, async () => {
    const s = ops.server();
    const tag = `batch-term-${randomUUID().slice(0, 8)}`;
    const matching = await startTagged(tag, 3, 'longTimer');
    const [bystander] = await startTagged(`${tag}-other`, 1, 'longTimer');
    const jobId = `job-${tag}`;
    const started = await s.request(protocol.startBatchOperation, {
      query: `WorkbenchTag = '${tag}'`,
      operation: { type: 'terminate' },
      reason: 'batch test',
      jobId,
    });
    assert.equal(started.jobId, jobId);
    const done = await batchDone(jobId);
    assert.deepEqual(
      [
        done.operationType,
        done.totalOperationCount,
        done.completeOperationCount,
        done.failureOperationCount,
      ],
      ['Terminate', 3, 3, 0],
    );
    assert.equal(done.reason, 'batch test');
    for (const id of matching) assert.equal(await status(id), 'Terminated');
    assert.equal(await status(bystander), 'Running');
    const d = await s.request(protocol.describeWorkflow, { workflowId: matching[0] });
    assert.equal(d.outcome?.status === 'Terminated' && d.outcome.reason, 'batch test');
    const listed = await s.request(protocol.listBatchOperations, {});
    assert.ok(listed.operations.some((o) => o.jobId === jobId));
  });

  test('signal reaches every matching execution', T, async () => {
    const s = ops.server();
    const tag = `batch-signal-${randomUUID().slice(0, 8)}`;
    const ids = await startTagged(tag, 2, 'counter', '1');
    const { jobId } = await s.request(protocol.startBatchOperation, {
      query: `WorkbenchTag = '${tag}'`,
      operation: { type: 'signal', signalName: 'increment', input: '5' },
      reason: 'bump',
    });
    assert.match(jobId, /^[0-9a-f-]{36}$/);
    const done = await batchDone(jobId);
    assert.equal(done.operationType, 'Signal');
    for (const workflowId of ids) {
      await waitForEvent(s, workflowId, 'WorkflowExecutionSignaled');
      const q = await s.request(protocol.queryWorkflow, { workflowId, queryType: 'value' });
      assert.equal(firstValue(q.result), 6);
    }
  });

  test('cancel: matching workflows end Canceled', T, async () => {
    const s = ops.server();
    const tag = `batch-cancel-${randomUUID().slice(0, 8)}`;
    const ids = await startTagged(tag, 2, 'longTimer');
    for (const id of ids) await waitForEvent(s, id, 'TimerStarted');
    const { jobId } = await s.request(protocol.startBatchOperation, {
      query: `WorkbenchTag = '${tag}'`,
      operation: { type: 'cancel' },
      reason: 'tidy up',
    });
    await batchDone(jobId);
    for (const id of ids) {
      await waitFor(`${id} canceled`, async () =>
        (await status(id)) === 'Canceled' ? true : undefined,
      );
    }
  });

  test('a batch needs a query and a reason; a read-only profile refuses it', T, async () => {
    const s = ops.server();
    await expectWorkbenchError(
      s.request(protocol.startBatchOperation, {
        query: '',
        operation: { type: 'terminate' },
        reason: 'x',
      }),
      'InvalidInput',
    );
    await expectWorkbenchError(
      s.request(protocol.startBatchOperation, {
        query: "WorkflowType = 'x'",
        operation: { type: 'terminate' },
        reason: '',
      }),
      'InvalidInput',
    );
    const readOnly = await ops.startServer({ settings: { readOnlyProfiles: ['default'] } });
    await expectWorkbenchError(
      readOnly.request(protocol.startBatchOperation, {
        query: "WorkflowType = 'longTimer'",
        operation: { type: 'terminate' },
        reason: 'must not run',
      }),
      'ReadOnly',
    );
  });
});
