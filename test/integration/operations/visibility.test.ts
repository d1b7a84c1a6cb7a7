// Reads: describe, history (exactly the CLI's JSON, paged, followed), runs of a workflow id,
// list and count by visibility query, search attributes and task queues.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import * as protocol from '../../../shared/src/protocol';
import { expectWorkbenchError } from '../../support/languageServer';
import { firstValue, readTaskToken, useOperations, waitFor, waitForEvent } from './support';

const ops = useOperations();
const T = { timeout: 30_000 };

async function temporalCli(): Promise<string> {
  const substrate = await import('../../support/substrate.mjs');
  return substrate.temporalCli();
}

describe('describe', () => {
  test('a pending activity with its attempt; parent and root of a child', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('describe-activity');
    await s.request(protocol.startWorkflow, {
      workflowId,
      workflowType: 'asyncActivity',
      taskQueue: ops.queue('python'),
      input: '"order-1"',
    });
    await readTaskToken(ops.target().fixtureDir, workflowId);
    const d = await s.request(protocol.describeWorkflow, { workflowId });
    assert.equal(d.workflowType, 'asyncActivity');
    assert.equal(d.taskQueue, ops.queue('python'));
    assert.equal(d.status, 'Running');
    assert.ok(d.historyLength >= 5 && d.historySizeBytes > 0);
    assert.equal(d.pendingActivities.length, 1);
    const a = d.pendingActivities[0];
    assert.deepEqual(
      [a.activityId, a.activityType, a.state, a.attempt, a.maximumAttempts],
      ['external-1', 'waitForExternalCompletion', 'Started', 1, 1],
    );
    assert.ok(a.lastStartedTime && a.scheduledTime);

    const parentId = ops.id('describe-parent');
    const parent = await s.request(protocol.executeWorkflow, {
      workflowId: parentId,
      workflowType: 'parentWithChildren',
      taskQueue: ops.queue('typescript'),
      input: '2',
    });
    assert.deepEqual(parent.outcome.status === 'Completed' && firstValue(parent.outcome.result), [
      'Hello, child-0!',
      'Hello, child-1!',
    ]);
    const child = await s.request(protocol.describeWorkflow, { workflowId: `${parentId}-child-1` });
    assert.deepEqual(child.parent, { workflowId: parentId, runId: parent.runId });
    assert.deepEqual(child.root, { workflowId: parentId, runId: parent.runId });
    assert.deepEqual(
      child.outcome?.status === 'Completed' && firstValue(child.outcome.result),
      'Hello, child-1!',
    );
  });
});

describe('history', () => {
  test('events are exactly what `temporal workflow show --output json` prints', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('history-cli');
    await s.request(protocol.executeWorkflow, {
      workflowId,
      workflowType: 'parentWithChildren',
      taskQueue: ops.queue('python'),
      input: '2',
    });
    const { events } = await s.request(protocol.getWorkflowHistory, { workflowId });
    const t = ops.target();
    const { stdout } = await promisify(execFile)(await temporalCli(), [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      '--address',
      t.address,
      '--namespace',
      t.namespace,
      '--output',
      'json',
      '--disable-config-file',
      '--disable-config-env',
    ]);
    const cli = JSON.parse(stdout) as { events: unknown[] };
    assert.equal(events.length, cli.events.length);
    assert.deepEqual(
      events.map((e) => e.json),
      cli.events,
    );
  });

  test('summaries, groups and decoded payloads of the events', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('history-summary');
    await s.request(protocol.executeWorkflow, {
      workflowId,
      workflowType: 'greeting',
      taskQueue: ops.queue('typescript'),
      input: '"Ada"',
      memo: { team: 'payments' },
    });
    const { events, nextPageToken } = await s.request(protocol.getWorkflowHistory, { workflowId });
    assert.equal(nextPageToken, undefined);
    const byType = (t: string) => events.find((e) => e.eventType === t)!;
    const started = byType('WorkflowExecutionStarted');
    assert.equal(started.eventId, 1);
    assert.equal(
      started.summary,
      `WorkflowExecutionStarted greeting on ${ops.queue('typescript')}`,
    );
    assert.deepEqual(firstValue(started.payloads?.input), 'Ada');
    assert.deepEqual(firstValue(started.payloads?.['memo.fields.team']), 'payments');
    assert.ok(started.eventTime && !Number.isNaN(Date.parse(started.eventTime)));
    const scheduled = byType('ActivityTaskScheduled');
    assert.equal(scheduled.summary, 'ActivityTaskScheduled composeGreeting (id 1)');
    assert.deepEqual(
      scheduled.payloads?.input?.map((p) => p.value),
      ['Hello', 'Ada'],
    );
    const completed = byType('ActivityTaskCompleted');
    assert.equal(completed.groupEventId, scheduled.eventId);
    assert.deepEqual(firstValue(completed.payloads?.result), 'Hello, Ada!');
    assert.deepEqual(
      firstValue(byType('WorkflowExecutionCompleted').payloads?.result),
      'Hello, Ada!',
    );
  });

  test('a failed run: the failure is decoded on the event', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('history-failed');
    await s.request(protocol.executeWorkflow, {
      workflowId,
      workflowType: 'failing',
      taskQueue: ops.queue('python'),
      input: '"kaput"',
    });
    const { events } = await s.request(protocol.getWorkflowHistory, { workflowId });
    const failed = events.at(-1)!;
    assert.equal(failed.eventType, 'WorkflowExecutionFailed');
    assert.equal(failed.summary, 'WorkflowExecutionFailed SampleError: kaput');
    assert.equal(failed.failure?.type, 'SampleError');
  });

  test('paged, then followed while the run is open', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('history-follow');
    await s.request(protocol.startWorkflow, {
      workflowId,
      workflowType: 'counter',
      taskQueue: ops.queue('typescript'),
      input: '0',
    });
    await waitForEvent(s, workflowId, 'WorkflowTaskCompleted');
    // The server pages by stored event batches, so a page may hold a few more than asked.
    const first = await s.request(protocol.getWorkflowHistory, { workflowId, pageSize: 2 });
    assert.deepEqual(
      first.events.map((e) => e.eventId),
      first.events.map((_, i) => i + 1),
    );
    assert.ok(first.events.length < 4 && first.nextPageToken);
    // Follow: read to the end of the open run, then wait for what comes next.
    let token: string | undefined = first.nextPageToken;
    const seen = first.events.map((e) => e.eventType);
    for (let i = 0; i < 10; i++) {
      const page: protocol.GetWorkflowHistoryResult = await s.request(protocol.getWorkflowHistory, {
        workflowId,
        pageSize: 2,
        nextPageToken: token,
        follow: true,
      });
      seen.push(...page.events.map((e) => e.eventType));
      token = page.nextPageToken;
      if (seen.includes('WorkflowTaskCompleted')) break;
    }
    assert.ok(token, 'an open run keeps a token to follow');
    const waiting = s.request(protocol.getWorkflowHistory, {
      workflowId,
      nextPageToken: token,
      follow: true,
    });
    // Whether the call is already waiting or not, the page after the token starts at the signal.
    await s.request(protocol.signalWorkflow, { workflowId, signalName: 'increment', input: '1' });
    const next = await waiting;
    assert.equal(next.events[0]?.eventType, 'WorkflowExecutionSignaled');
    assert.equal(next.events[0]?.summary, 'WorkflowExecutionSignaled increment');
  });
});

describe('runs, list and count', () => {
  test('runs of a workflow id: the continue-as-new chain', T, async () => {
    const s = ops.server();
    const workflowId = ops.id('runs');
    await s.request(protocol.executeWorkflow, {
      workflowId,
      workflowType: 'continueAsNewLoop',
      taskQueue: ops.queue('typescript'),
      input: '[0, 3]',
    });
    const runs = await waitFor('four runs visible and closed', async () => {
      const r = await s.request(protocol.listWorkflowRuns, { workflowId });
      const statuses = r.executions.map((e) => e.status).sort();
      return statuses.join() === 'Completed,ContinuedAsNew,ContinuedAsNew,ContinuedAsNew'
        ? r
        : undefined;
    });
    assert.equal(new Set(runs.executions.map((e) => e.runId)).size, 4);
    assert.ok(
      runs.executions.every(
        (e) => e.workflowId === workflowId && e.workflowType === 'continueAsNewLoop',
      ),
    );
  });

  test('list by query with paging; count in total and by status', T, async () => {
    const s = ops.server();
    const tag = `list-${randomUUID().slice(0, 8)}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const workflowId = ops.id(`list-${i}`);
      ids.push(workflowId);
      await s.request(protocol.startWorkflow, {
        workflowId,
        workflowType: 'longTimer',
        taskQueue: ops.queue('typescript'),
        searchAttributes: { WorkbenchTag: tag },
      });
    }
    await s.request(protocol.terminateWorkflow, { workflowId: ids[0], reason: 'one of three' });
    const query = `WorkbenchTag = '${tag}'`;
    // Visibility records each workflow on its own: the terminated one being there says nothing
    // of the others (run 32 listed two of three). Wait for all three, one of them terminated.
    await waitFor('visibility caught up', async () => {
      const c = await s.request(protocol.countWorkflows, { query, groupByStatus: true });
      const terminated = c.groups?.find((g) => g.status === 'Terminated')?.count;
      return c.count === 3 && terminated === 1 ? true : undefined;
    });

    const page1 = await s.request(protocol.listWorkflows, { query, pageSize: 2 });
    assert.equal(page1.executions.length, 2);
    assert.ok(page1.nextPageToken);
    const page2 = await s.request(protocol.listWorkflows, {
      query,
      pageSize: 2,
      nextPageToken: page1.nextPageToken,
    });
    const all = [...page1.executions, ...page2.executions];
    assert.deepEqual(all.map((e) => e.workflowId).sort(), [...ids].sort());
    assert.ok(all.every((e) => e.searchAttributes.WorkbenchTag?.value === tag));
    assert.ok(all.every((e) => e.workflowType === 'longTimer' && e.startTime));

    const counted = await s.request(protocol.countWorkflows, { query, groupByStatus: true });
    assert.equal(counted.count, 3);
    const groups = Object.fromEntries((counted.groups ?? []).map((g) => [g.status, g.count]));
    assert.deepEqual(groups, { Running: 2, Terminated: 1 });
    const plain = await s.request(protocol.countWorkflows, { query });
    assert.deepEqual(plain, { count: 3 });
  });

  test('a malformed visibility query is InvalidInput', T, async () => {
    await expectWorkbenchError(
      ops.server().request(protocol.listWorkflows, { query: 'WorkflowId = ' }),
      'InvalidInput',
    );
  });
});

describe('namespace and task queues', () => {
  test('search attributes: custom with their types, and system ones', T, async () => {
    const attrs = await ops.server().request(protocol.listSearchAttributes, {});
    assert.equal(attrs.custom.WorkbenchTag, 'Keyword');
    assert.equal(attrs.custom.OrderTotal, 'Double');
    assert.equal(attrs.custom.Priority, 'Int');
    assert.equal(attrs.custom.Tags, 'KeywordList');
    assert.equal(attrs.system.WorkflowType, 'Keyword');
    assert.equal(attrs.system.StartTime, 'Datetime');
  });

  test('task queue: workflow and activity pollers with their last access time', T, async () => {
    const queue = ops.queue('typescript');
    const tq = await ops.server().request(protocol.describeTaskQueue, { taskQueue: queue });
    assert.equal(tq.name, queue);
    for (const side of [tq.workflow, tq.activity]) {
      assert.ok(side.pollers.length >= 1, 'a worker polls');
      const recent = side.pollers.some(
        (p) => p.lastAccessTime && Date.now() - Date.parse(p.lastAccessTime) < 120_000,
      );
      assert.ok(recent, JSON.stringify(side.pollers));
      assert.ok(side.pollers.every((p) => /^\d+@/.test(p.identity)));
    }
  });

  test(
    'task queue nobody polls: no pollers, and the waiting workflow task in the backlog',
    T,
    async () => {
      const s = ops.server();
      const taskQueue = `nobody-${randomUUID()}`;
      await s.request(protocol.startWorkflow, {
        workflowId: ops.id('backlog'),
        workflowType: 'greeting',
        taskQueue,
      });
      const tq = await waitFor('backlog reported', async () => {
        const d = await s.request(protocol.describeTaskQueue, { taskQueue });
        return d.workflow.backlog?.count === 1 ? d : undefined;
      });
      assert.deepEqual([tq.workflow.pollers, tq.activity.pollers], [[], []]);
      assert.equal(tq.activity.backlog?.count ?? 0, 0);
    },
  );
});
