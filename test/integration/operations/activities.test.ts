// Asynchronous activity completion from the editor: the sample's activity hands out its task
// token and waits; completing, failing or heartbeating it (by token or by ids) is seen by the
// waiting workflow.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as protocol from '../../../shared/src/protocol';
import { expectWorkbenchError } from '../../support/languageServer';
import { firstValue, readTaskToken, useOperations, type Language } from './support';

const ops = useOperations();
const T = { timeout: 30_000 };

async function startWaiting(
  language: Language,
  name: string,
): Promise<{ workflowId: string; token: string }> {
  const workflowId = ops.id(name);
  await ops.server().request(protocol.startWorkflow, {
    workflowId,
    workflowType: 'asyncActivity',
    taskQueue: ops.queue(language),
    input: `"${name}"`,
  });
  return { workflowId, token: await readTaskToken(ops.target().fixtureDir, workflowId) };
}

describe('async activity completion', () => {
  test('complete by task token: the workflow returns the result', T, async () => {
    const s = ops.server();
    const { workflowId, token } = await startWaiting('typescript', 'complete-token');
    await s.request(protocol.completeActivity, {
      activity: { taskToken: token },
      result: '"approved: 42"',
    });
    const outcome = await s.request(protocol.getWorkflowResult, { workflowId });
    assert.deepEqual(outcome.status === 'Completed' && outcome.result, [
      { format: 'json', encoding: 'json/plain', value: 'approved: 42' },
    ]);
  });

  test('heartbeat and complete by workflow id + activity id', T, async () => {
    const s = ops.server();
    const { workflowId } = await startWaiting('python', 'complete-id');
    const activity = { workflowId, activityId: 'external-1' };
    const beat = await s.request(protocol.heartbeatActivity, {
      activity,
      details: '{"progress": 50}',
    });
    assert.equal(beat.cancelRequested, false);
    const d = await s.request(protocol.describeWorkflow, { workflowId });
    const pending = d.pendingActivities[0];
    assert.ok(pending.lastHeartbeatTime);
    assert.deepEqual(firstValue(pending.heartbeatDetails), { progress: 50 });

    // The Python activity is typed `-> str`: the result must decode as one.
    await s.request(protocol.completeActivity, { activity, result: '"approved by id"' });
    const outcome = await s.request(protocol.getWorkflowResult, { workflowId });
    assert.deepEqual(
      outcome.status === 'Completed' && firstValue(outcome.result),
      'approved by id',
    );
  });

  test(
    'fail by task token: the workflow fails with the activity failure and its cause',
    T,
    async () => {
      const s = ops.server();
      const { workflowId, token } = await startWaiting('python', 'fail-token');
      await s.request(protocol.failActivity, {
        activity: { taskToken: token },
        message: 'declined by reviewer',
        type: 'Declined',
        nonRetryable: true,
        details: '{"reviewer": "bob"}',
      });
      const outcome = await s.request(protocol.getWorkflowResult, { workflowId });
      assert.equal(outcome.status, 'Failed');
      if (outcome.status !== 'Failed') return;
      // workflow failure <- activity failure <- our application failure
      const activity =
        outcome.failure.kind === 'Activity' ? outcome.failure : outcome.failure.cause;
      assert.equal(activity?.kind, 'Activity');
      assert.equal(activity?.info?.activityId, 'external-1');
      assert.equal(activity?.info?.activityType, 'waitForExternalCompletion');
      const cause = activity?.cause;
      assert.deepEqual(
        [cause?.kind, cause?.type, cause?.message, cause?.nonRetryable],
        ['Application', 'Declined', 'declined by reviewer', true],
      );
      assert.deepEqual(firstValue(cause?.details), { reviewer: 'bob' });
    },
  );

  test('fail by ids on the TypeScript worker', T, async () => {
    const s = ops.server();
    const { workflowId } = await startWaiting('typescript', 'fail-id');
    await s.request(protocol.failActivity, {
      activity: { workflowId, activityId: 'external-1' },
      message: 'no stock',
    });
    const outcome = await s.request(protocol.getWorkflowResult, { workflowId });
    assert.equal(outcome.status, 'Failed');
    const chain: string[] = [];
    for (
      let f: protocol.FailureView | undefined =
        outcome.status === 'Failed' ? outcome.failure : undefined;
      f;
      f = f.cause
    ) {
      chain.push(f.message);
    }
    assert.ok(chain.includes('no stock'), chain.join(' <- '));
  });

  test(
    'report cancellation needs a cancellation request first: the server says so',
    T,
    async () => {
      const s = ops.server();
      const { workflowId, token } = await startWaiting('typescript', 'cancel-token');
      const msg = await expectWorkbenchError(
        s.request(protocol.reportActivityCanceled, {
          activity: { taskToken: token },
          details: '"bye"',
        }),
        'InvalidInput',
      );
      assert.match(msg, /request canceled first/);
      // The activity is still pending and can be completed.
      await s.request(protocol.completeActivity, {
        activity: { taskToken: token },
        result: '"still fine"',
      });
      const outcome = await s.request(protocol.getWorkflowResult, { workflowId });
      assert.equal(outcome.status, 'Completed');
    },
  );

  test(
    'bad references: a missing activity is NotFound, an incomplete reference is InvalidInput',
    T,
    async () => {
      const s = ops.server();
      const { workflowId } = await startWaiting('typescript', 'bad-ref');
      await expectWorkbenchError(
        s.request(protocol.completeActivity, {
          activity: { workflowId, activityId: 'no-such-activity' },
        }),
        'NotFound',
      );
      await expectWorkbenchError(
        s.request(protocol.completeActivity, {
          activity: { workflowId } as unknown as protocol.ActivityRef,
        }),
        'InvalidInput',
      );
      await expectWorkbenchError(
        s.request(protocol.completeActivity, {
          activity: { workflowId, activityId: 'external-1' },
          result: '{oops}',
        }),
        'InvalidInput',
      );
    },
  );
});
