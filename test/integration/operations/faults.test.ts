// Faults, each with its kind and a message that names what failed: missing namespace and
// execution, already started, bad input, a read-only profile, and a server that is down (reads
// retried with backoff, writes sent once).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as protocol from '../../../shared/src/protocol';
import { expectWorkbenchError } from '../../support/languageServer';
import { useOperations } from './support';

const ops = useOperations();
const T = { timeout: 30_000 };

describe('faults', () => {
  test('namespace not found names the namespace and address', T, async () => {
    const msg = await expectWorkbenchError(
      ops
        .server()
        .request(protocol.describeWorkflow, { workflowId: 'x', namespace: 'no-such-namespace' }),
      'NotFound',
    );
    assert.match(msg, /Namespace 'no-such-namespace' not found on 127\.0\.0\.1:\d+/);
  });

  test('workflow not found', T, async () => {
    const workflowId = ops.id('missing');
    const msg = await expectWorkbenchError(
      ops.server().request(protocol.describeWorkflow, { workflowId }),
      'NotFound',
    );
    assert.match(msg, /not found/i);
    await expectWorkbenchError(
      ops.server().request(protocol.signalWorkflow, { workflowId, signalName: 'x' }),
      'NotFound',
    );
    await expectWorkbenchError(
      ops.server().request(protocol.getWorkflowResult, { workflowId }),
      'NotFound',
    );
  });

  test('already started', T, async () => {
    const s = ops.server();
    const params = {
      workflowId: ops.id('dup'),
      workflowType: 'longTimer',
      taskQueue: ops.queue('typescript'),
    };
    await s.request(protocol.startWorkflow, params);
    const msg = await expectWorkbenchError(
      s.request(protocol.startWorkflow, params),
      'AlreadyStarted',
    );
    assert.match(msg, new RegExp(params.workflowId));
  });

  test(
    'bad durations, policies and missing fields are InvalidInput before anything is sent',
    T,
    async () => {
      const s = ops.server();
      const workflowId = ops.id('invalid');
      const base = { workflowId, workflowType: 'longTimer', taskQueue: ops.queue('typescript') };
      assert.match(
        await expectWorkbenchError(
          s.request(protocol.startWorkflow, { ...base, executionTimeout: 'soon' }),
          'InvalidInput',
        ),
        /executionTimeout 'soon' is not a duration/,
      );
      assert.match(
        await expectWorkbenchError(
          s.request(protocol.startWorkflow, {
            ...base,
            idConflictPolicy: 'Whatever' as protocol.WorkflowIdConflictPolicyName,
          }),
          'InvalidInput',
        ),
        /Fail, UseExisting, TerminateExisting/,
      );
      await expectWorkbenchError(
        s.request(protocol.startWorkflow, { ...base, taskQueue: '' }),
        'InvalidInput',
      );
      await expectWorkbenchError(
        s.request(protocol.signalWorkflow, {
          workflowId,
          signalName: 'increment',
          input: '{"by": 1,}',
        }),
        'InvalidInput',
      );
      await expectWorkbenchError(s.request(protocol.describeWorkflow, { workflowId }), 'NotFound');
    },
  );

  test('a read-only profile refuses every write and still reads', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('readonly');
    await s.request(protocol.startWorkflow, {
      workflowId,
      workflowType: 'counter',
      taskQueue: ops.queue('typescript'),
      input: '1',
    });
    const ro = await ops.startServer({ settings: { readOnlyProfiles: ['default'] } });
    const writes: [string, () => Promise<unknown>][] = [
      [
        'start',
        () =>
          ro.request(protocol.startWorkflow, {
            workflowType: 'counter',
            taskQueue: ops.queue('typescript'),
          }),
      ],
      [
        'signal',
        () =>
          ro.request(protocol.signalWorkflow, { workflowId, signalName: 'increment', input: '5' }),
      ],
      [
        'update',
        () =>
          ro.request(protocol.executeUpdate, { workflowId, updateName: 'setValue', input: '5' }),
      ],
      ['cancel', () => ro.request(protocol.cancelWorkflow, { workflowId })],
      ['terminate', () => ro.request(protocol.terminateWorkflow, { workflowId })],
      [
        'reset',
        () =>
          ro.request(protocol.resetWorkflow, { workflowId, to: 'FirstWorkflowTask', reason: 'x' }),
      ],
      ['delete', () => ro.request(protocol.deleteWorkflow, { workflowId })],
      [
        'complete activity',
        () => ro.request(protocol.completeActivity, { activity: { workflowId, activityId: 'a' } }),
      ],
    ];
    for (const [name, write] of writes) {
      const msg = await expectWorkbenchError(write(), 'ReadOnly');
      assert.match(msg, /read-only/, name);
    }
    const q = await ro.request(protocol.queryWorkflow, { workflowId, queryType: 'value' });
    assert.equal(q.result?.[0]?.value, 1, 'nothing changed and reads work');
    assert.equal((await ro.request(protocol.describeWorkflow, { workflowId })).status, 'Running');
  });

  test(
    'server unavailable: a read is tried 3 times (its error says so), a write once',
    T,
    async () => {
      const { freePort } = await import('../../support/substrate.mjs');
      const address = `127.0.0.1:${await freePort()}`;
      const down = await ops.startServer({
        env: { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default' },
      });
      const msg = await expectWorkbenchError(
        down.request(protocol.describeWorkflow, { workflowId: 'x' }),
        'Unavailable',
      );
      assert.match(msg, new RegExp(`${address.replace(/\./g, '\\.')} is unavailable`));
      assert.match(msg, /\(tried 3 times\)/, 'the read was retried');
      const writeMsg = await expectWorkbenchError(
        down.request(protocol.signalWorkflow, { workflowId: 'x', signalName: 'y' }),
        'Unavailable',
      );
      assert.doesNotMatch(writeMsg, /tried/, 'the write was sent once, not retried');
    },
  );
});
