// Start with every SDK option, execute, and results (completed, failed, canceled, terminated,
// timed out, continue-as-new followed), against the real dev server and both sample workers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import * as protocol from '../../../shared/src/protocol';
import { expectWorkbenchError } from '../../support/languageServer';
import { firstValue, LANGUAGES, useOperations, waitFor, waitForEvent } from './support';

const ops = useOperations();
const T = { timeout: 30_000 };

describe('start options', () => {
  test('defaults: a generated workflow id, started, Running', T, async () => {
    const s = ops.server();
    const started = await s.request(protocol.startWorkflow, {
      workflowType: 'longTimer',
      taskQueue: ops.queue('typescript'),
    });
    assert.match(started.workflowId, /^[0-9a-f-]{36}$/);
    assert.equal(started.started, true);
    assert.equal(started.namespace, ops.target().namespace);
    const d = await s.request(protocol.describeWorkflow, { workflowId: started.workflowId });
    assert.equal(d.status, 'Running');
    assert.equal(d.runId, started.runId);
    await s.request(protocol.terminateWorkflow, { workflowId: started.workflowId, reason: 'done' });
  });

  test(
    'timeouts, retry policy, memo, typed search attributes, summary, details, priority',
    T,
    async () => {
      const s = ops.server();
      const workflowId = ops.id('options');
      await s.request(protocol.startWorkflow, {
        workflowId,
        workflowType: 'longTimer',
        taskQueue: ops.queue('typescript'),
        input: '[7200]',
        executionTimeout: '2h',
        runTimeout: '90m',
        taskTimeout: '15s',
        retryPolicy: {
          initialInterval: '2s',
          backoffCoefficient: 3,
          maximumInterval: '1m',
          maximumAttempts: 4,
          nonRetryableErrorTypes: ['SampleError'],
        },
        memo: { owner: 'ada', limits: { max: 3 } },
        searchAttributes: {
          WorkbenchTag: 'options-test',
          OrderTotal: 12.5,
          Priority: 3,
          Tags: ['a', 'b'],
        },
        staticSummary: 'Nightly settlement',
        staticDetails: 'Started by the options test',
        priority: { priorityKey: 2 },
      });
      const d = await s.request(protocol.describeWorkflow, { workflowId });
      assert.equal(d.executionTimeout, '7200s');
      assert.equal(d.runTimeout, '5400s');
      assert.equal(d.taskTimeout, '15s');
      assert.deepEqual(firstValue([d.memo.owner]), 'ada');
      assert.deepEqual(d.memo.limits.value, { max: 3 });
      assert.equal(d.searchAttributes.WorkbenchTag.value, 'options-test');
      assert.equal(d.searchAttributes.WorkbenchTag.metadata?.type, 'Keyword');
      assert.equal(d.searchAttributes.OrderTotal.value, 12.5);
      assert.equal(d.searchAttributes.Priority.value, 3);
      assert.deepEqual(d.searchAttributes.Tags.value, ['a', 'b']);
      assert.equal(d.staticSummary, 'Nightly settlement');
      assert.equal(d.staticDetails, 'Started by the options test');
      assert.equal(d.priority?.priorityKey, 2);

      // The start event carries the retry policy and the input exactly as sent.
      const started = await waitForEvent(s, workflowId, 'WorkflowExecutionStarted');
      const attrs = started.json.workflowExecutionStartedEventAttributes as protocol.JsonObject;
      assert.deepEqual(attrs.retryPolicy, {
        initialInterval: '2s',
        backoffCoefficient: 3,
        maximumInterval: '60s',
        maximumAttempts: 4,
        nonRetryableErrorTypes: ['SampleError'],
      });
      assert.deepEqual(
        started.payloads?.input?.map((p) => p.value),
        [7200],
      );
      // The worker received the argument: its timer is 7200 s.
      const timer = await waitForEvent(s, workflowId, 'TimerStarted');
      assert.equal(
        (timer.json.timerStartedEventAttributes as protocol.JsonObject).startToFireTimeout,
        '7200s',
      );
    },
  );

  test('search attribute values are checked against the registered types', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('bad-sa');
    const base = { workflowId, workflowType: 'longTimer', taskQueue: ops.queue('typescript') };
    const wrongType = await expectWorkbenchError(
      s.request(protocol.startWorkflow, { ...base, searchAttributes: { Priority: 'high' } }),
      'InvalidInput',
    );
    assert.match(wrongType, /Priority.*Int.*integer/);
    const unknown = await expectWorkbenchError(
      s.request(protocol.startWorkflow, { ...base, searchAttributes: { NoSuchAttribute: 'x' } }),
      'InvalidInput',
    );
    assert.match(unknown, /NoSuchAttribute.*not registered/);
    await expectWorkbenchError(s.request(protocol.describeWorkflow, { workflowId }), 'NotFound');
  });

  test('start delay: the first workflow task waits', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('delay');
    await s.request(protocol.startWorkflow, {
      workflowId,
      workflowType: 'greeting',
      taskQueue: ops.queue('typescript'),
      input: '"Ada"',
      startDelay: '1h',
    });
    const d = await s.request(protocol.describeWorkflow, { workflowId });
    const delay = Date.parse(d.executionTime!) - Date.parse(d.startTime!);
    assert.ok(Math.abs(delay - 3_600_000) < 5_000, `execution time ${delay} ms after start`);
    const { events } = await s.request(protocol.getWorkflowHistory, { workflowId });
    assert.equal(events.length, 1);
    const attrs = events[0].json.workflowExecutionStartedEventAttributes as protocol.JsonObject;
    assert.equal(attrs.firstWorkflowTaskBackoff, '3600s');
  });

  test('cron schedule: runs wait for the schedule', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('cron');
    await s.request(protocol.startWorkflow, {
      workflowId,
      workflowType: 'greeting',
      taskQueue: ops.queue('typescript'),
      input: '"cron"',
      cronSchedule: '0 0 1 1 *',
    });
    const { events } = await s.request(protocol.getWorkflowHistory, { workflowId });
    const attrs = events[0].json.workflowExecutionStartedEventAttributes as protocol.JsonObject;
    assert.equal(attrs.cronSchedule, '0 0 1 1 *');
    const d = await s.request(protocol.describeWorkflow, { workflowId });
    assert.ok(
      Date.parse(d.executionTime!) > Date.now() + 60_000,
      'first cron run is scheduled in the future',
    );
  });

  test('id conflict policies: Fail, UseExisting, TerminateExisting', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('conflict');
    const base = { workflowId, workflowType: 'longTimer', taskQueue: ops.queue('typescript') };
    const first = await s.request(protocol.startWorkflow, base);
    const msg = await expectWorkbenchError(
      s.request(protocol.startWorkflow, { ...base, idConflictPolicy: 'Fail' }),
      'AlreadyStarted',
    );
    assert.match(msg, /already running/i);
    const existing = await s.request(protocol.startWorkflow, {
      ...base,
      idConflictPolicy: 'UseExisting',
    });
    assert.deepEqual([existing.runId, existing.started], [first.runId, false]);
    const replaced = await s.request(protocol.startWorkflow, {
      ...base,
      idConflictPolicy: 'TerminateExisting',
    });
    assert.notEqual(replaced.runId, first.runId);
    assert.equal(replaced.started, true);
    const old = await s.request(protocol.describeWorkflow, { workflowId, runId: first.runId });
    assert.equal(old.status, 'Terminated');
  });

  test(
    'id reuse policies: RejectDuplicate refuses, AllowDuplicate starts a new run',
    T,
    async () => {
      const s = ops.server();
      const workflowId = ops.id('reuse');
      const base = {
        workflowId,
        workflowType: 'greeting',
        taskQueue: ops.queue('typescript'),
        input: '"Ada"',
      };
      const done = await s.request(protocol.executeWorkflow, base);
      assert.equal(done.outcome.status, 'Completed');
      await expectWorkbenchError(
        s.request(protocol.startWorkflow, { ...base, idReusePolicy: 'RejectDuplicate' }),
        'AlreadyStarted',
      );
      const again = await s.request(protocol.startWorkflow, {
        ...base,
        idReusePolicy: 'AllowDuplicate',
      });
      assert.notEqual(again.runId, done.runId);
    },
  );

  test('a retried start with the same request id returns the same run', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('request-id');
    const params = {
      workflowId,
      workflowType: 'longTimer',
      taskQueue: ops.queue('typescript'),
      requestId: `req-${workflowId}`,
    };
    const a = await s.request(protocol.startWorkflow, params);
    const b = await s.request(protocol.startWorkflow, params);
    assert.equal(b.runId, a.runId);
    // Visibility is eventually consistent: wait until the run is listed, then it is the only one.
    const runs = await waitFor('the run to be listed', async () => {
      const r = await s.request(protocol.listWorkflowRuns, { workflowId });
      return r.executions.length ? r : undefined;
    });
    assert.deepEqual(
      runs.executions.map((e) => e.runId),
      [a.runId],
    );
  });

  test('malformed JSON input: InvalidInput with line:column, nothing started', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('bad-json');
    const msg = await expectWorkbenchError(
      s.request(protocol.startWorkflow, {
        workflowId,
        workflowType: 'greeting',
        taskQueue: ops.queue('typescript'),
        input: '[\n  "Ada",\n  {"x": }\n]',
      }),
      'InvalidInput',
    );
    assert.match(msg, /line 3, column 9/);
    await expectWorkbenchError(s.request(protocol.describeWorkflow, { workflowId }), 'NotFound');
  });
});

for (const language of LANGUAGES) {
  describe(`execute and results on the ${language} worker`, () => {
    test('execute returns the decoded result', T, async () => {
      const res = await ops.server().request(protocol.executeWorkflow, {
        workflowId: ops.id(`greet-${language}`),
        workflowType: 'greeting',
        taskQueue: ops.queue(language),
        input: '"Ada"',
      });
      assert.equal(res.outcome.status, 'Completed');
      assert.equal(res.outcome.runId, res.runId);
      assert.deepEqual(res.outcome.status === 'Completed' && res.outcome.result, [
        { format: 'json', encoding: 'json/plain', value: 'Hello, Ada!' },
      ]);
    });

    test('a failure arrives with type, message, stack and non-retryable flag', T, async () => {
      const res = await ops.server().request(protocol.executeWorkflow, {
        workflowId: ops.id(`fail-${language}`),
        workflowType: 'failing',
        taskQueue: ops.queue(language),
        input: '"boom"',
      });
      assert.equal(res.outcome.status, 'Failed');
      const failure = (res.outcome as { failure: protocol.FailureView }).failure;
      assert.equal(failure.kind, 'Application');
      assert.equal(failure.type, 'SampleError');
      assert.equal(failure.message, 'boom');
      assert.equal(failure.nonRetryable, true);
      assert.ok(failure.stackTrace && failure.stackTrace.length > 0, 'stack trace present');
    });

    test('result follows continue-as-new to the last run', T, async () => {
      const s = ops.server();
      const workflowId = ops.id(`can-${language}`);
      const started = await s.request(protocol.startWorkflow, {
        workflowId,
        workflowType: 'continueAsNewLoop',
        taskQueue: ops.queue(language),
        input: '[0, 3]',
      });
      const outcome = await s.request(protocol.getWorkflowResult, {
        workflowId,
        runId: started.runId,
      });
      assert.equal(outcome.status, 'Completed');
      assert.notEqual(outcome.runId, started.runId);
      assert.deepEqual(outcome.status === 'Completed' && firstValue(outcome.result), 3);
      const first = await s.request(protocol.getWorkflowResult, {
        workflowId,
        runId: started.runId,
        followRuns: false,
      });
      assert.equal(first.status, 'ContinuedAsNew');
    });

    test('canceled and terminated outcomes', T, async () => {
      const s = ops.server();
      const canceledId = ops.id(`cancel-${language}`);
      await s.request(protocol.startWorkflow, {
        workflowId: canceledId,
        workflowType: 'longTimer',
        taskQueue: ops.queue(language),
      });
      await waitForEvent(s, canceledId, 'TimerStarted');
      await s.request(protocol.cancelWorkflow, {
        workflowId: canceledId,
        reason: 'no longer needed',
      });
      const canceled = await s.request(protocol.getWorkflowResult, { workflowId: canceledId });
      assert.equal(canceled.status, 'Canceled');

      const terminatedId = ops.id(`term-${language}`);
      await s.request(protocol.startWorkflow, {
        workflowId: terminatedId,
        workflowType: 'longTimer',
        taskQueue: ops.queue(language),
      });
      await s.request(protocol.terminateWorkflow, {
        workflowId: terminatedId,
        reason: 'operator stop',
        details: '{"ticket": 42}',
      });
      const terminated = await s.request(protocol.getWorkflowResult, { workflowId: terminatedId });
      assert.equal(terminated.status, 'Terminated');
      if (terminated.status === 'Terminated') {
        assert.equal(terminated.reason, 'operator stop');
        assert.deepEqual(firstValue(terminated.details), { ticket: 42 });
      }
    });
  });
}

describe('waiting', () => {
  test('timed out: the execution timeout ends the run', T, async () => {
    const res = await ops.server().request(protocol.executeWorkflow, {
      workflowId: ops.id('timeout'),
      workflowType: 'longTimer',
      taskQueue: ops.queue('typescript'),
      executionTimeout: '1s',
    });
    assert.equal(res.outcome.status, 'TimedOut');
  });

  test('wait: false answers Running at once', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('nowait');
    const started = await s.request(protocol.startWorkflow, {
      workflowId,
      workflowType: 'longTimer',
      taskQueue: ops.queue('python'),
    });
    const outcome = await s.request(protocol.getWorkflowResult, { workflowId, wait: false });
    assert.deepEqual(outcome, { status: 'Running', workflowId, runId: started.runId });
  });

  // The workflow waits an hour: a wait that ignored the cancellation would never settle here.
  // How fast it stops is a speed question for the benchmark, not asserted by the clock here.
  test(
    'LSP cancellation ends the wait for a result with Cancelled; the workflow keeps running',
    T,
    async () => {
      const s = ops.server();
      const workflowId = ops.id('exec-cancel');
      const source = new CancellationTokenSource();
      const pending = s.rpc.sendRequest(
        protocol.executeWorkflow,
        { workflowId, workflowType: 'longTimer', taskQueue: ops.queue('typescript') },
        source.token,
      );
      await waitForEvent(s, workflowId, 'TimerStarted');
      source.cancel();
      await expectWorkbenchError(pending, 'Cancelled');
      const d = await s.request(protocol.describeWorkflow, { workflowId });
      assert.equal(d.status, 'Running');
    },
  );
});

describe('signal-with-start', () => {
  for (const language of LANGUAGES) {
    test(`starts once, then signals the running workflow (${language})`, T, async () => {
      const s = ops.server();
      const workflowId = ops.id(`sws-${language}`);
      const params: protocol.StartWorkflowParams = {
        workflowId,
        workflowType: 'counter',
        taskQueue: ops.queue(language),
        input: '5',
        signal: { name: 'increment', input: '2' },
      };
      const first = await s.request(protocol.startWorkflow, params);
      assert.equal(first.started, true);
      const second = await s.request(protocol.startWorkflow, params);
      assert.deepEqual([second.runId, second.started], [first.runId, false]);
      const q = await s.request(protocol.queryWorkflow, { workflowId, queryType: 'value' });
      assert.equal(firstValue(q.result), 9);
    });
  }
});
