// Pure parts of the execution view: grouping events into the compact model, lanes, the header,
// stack trace frames of each language, and live state on an engine without queries.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { HistoryEventView } from '../../../shared/src/protocol';
import {
  buildExecutionModel,
  ExecutionModelBuilder,
} from '../../../server/src/executionView/model';
import { parseFrame, resolveStackTrace } from '../../../server/src/executionView/stackFrames';
import { executionLiveState } from '../../../server/src/executionView/liveState';
import type { ExecutionReads } from '../../../server/src/executionView/reads';

function ev(
  eventId: number,
  eventType: string,
  attrs: Record<string, unknown> = {},
  groupEventId?: number,
): HistoryEventView {
  const key = `${eventType[0].toLowerCase()}${eventType.slice(1)}EventAttributes`;
  return {
    eventId,
    eventType,
    summary: eventType,
    eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, eventId)).toISOString(),
    json: { eventId: String(eventId), eventType: `EVENT_TYPE_${eventType}`, [key]: attrs as never },
    ...(groupEventId ? { groupEventId } : {}),
  };
}

const history: HistoryEventView[] = [
  ev(
    1,
    'WorkflowExecutionStarted',
    { workflowType: { name: 'orders' }, taskQueue: { name: 'q' }, attempt: 1 },
    1,
  ),
  ev(2, 'WorkflowTaskScheduled', {}, 2),
  ev(3, 'WorkflowTaskStarted', {}, 2),
  ev(4, 'WorkflowTaskCompleted', {}, 2),
  ev(5, 'ActivityTaskScheduled', { activityType: { name: 'charge' }, activityId: '5' }, 5),
  ev(6, 'TimerStarted', { timerId: 't1', startToFireTimeout: '5s' }, 6),
  ev(7, 'WorkflowExecutionSignaled', { signalName: 'cancelOrder' }),
  ev(8, 'ActivityTaskStarted', { attempt: 4 }, 5),
  ev(9, 'ActivityTaskFailed', {}, 5),
];

describe('execution model', () => {
  test('groups events by their first event, with kind, name, status, attempt and lane', () => {
    const m = buildExecutionModel(history, { workflowId: 'w1' });
    const rows = m.groups.map((g) => [
      g.id,
      g.kind,
      g.name,
      g.status,
      g.open,
      g.failed,
      g.lane,
      g.eventIds.join(','),
    ]);
    assert.deepEqual(rows, [
      [1, 'workflow', 'orders', 'Running', true, false, 0, '1'],
      [2, 'workflowTask', '', 'Completed', false, false, 1, '2,3,4'],
      [5, 'activity', 'charge', 'Failed', false, true, 3, '5,8,9'],
      [6, 'timer', 't1', 'Started', true, false, 4, '6'],
      [7, 'signal', 'cancelOrder', 'Signaled', false, false, 2, '7'],
    ]);
    assert.equal(m.groups[2].attempt, 4);
    assert.deepEqual(
      [m.header.workflowId, m.header.workflowType, m.header.taskQueue, m.header.status],
      ['w1', 'orders', 'q', 'Running'],
    );
    assert.equal(m.laneCount, 5);
  });

  test('the close event sets status, close time, duration and failure; added in pages it is the same model', () => {
    const closed = [...history, ev(10, 'WorkflowExecutionFailed', {})];
    closed[9].failure = { message: 'boom', kind: 'Application' };
    const whole = buildExecutionModel(closed);
    const paged = new ExecutionModelBuilder();
    paged.add(closed.slice(0, 4));
    paged.add(closed.slice(4));
    assert.deepEqual(paged.model(), whole);
    assert.equal(whole.header.status, 'Failed');
    assert.equal(whole.header.durationMs, 9000);
    assert.equal(whole.header.failure?.message, 'boom');
    assert.deepEqual(whole.groups[0].eventIds, [1, 10]);
    assert.equal(whole.groups[0].open, false);
  });

  test('the last workflow task failure is kept for "why is it not moving?"', () => {
    const b = new ExecutionModelBuilder();
    b.add([
      ...history.slice(0, 3),
      ev(
        4,
        'WorkflowTaskFailed',
        { cause: 'WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR' },
        2,
      ),
    ]);
    assert.deepEqual(b.lastWorkflowTaskFailure, {
      eventId: 4,
      cause: 'WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR',
    });
  });
});

describe('stack frames', () => {
  test('each language’s frame format gives file, line and function', () => {
    assert.deepEqual(parseFrame('  File "/w/app/workflows.py", line 42, in run'), {
      file: '/w/app/workflows.py',
      line: 42,
      functionName: 'run',
    });
    assert.deepEqual(parseFrame('    at charge (/w/src/activities.ts:10:7)'), {
      file: '/w/src/activities.ts',
      line: 10,
      column: 7,
      functionName: 'charge',
    });
    assert.deepEqual(parseFrame('    at /w/src/a.js:3:1'), {
      file: '/w/src/a.js',
      line: 3,
      column: 1,
    });
    assert.deepEqual(parseFrame('\tat io.x.OrderImpl.run(OrderImpl.java:57)'), {
      file: 'OrderImpl.java',
      line: 57,
      functionName: 'io.x.OrderImpl.run',
    });
    assert.deepEqual(parseFrame('/home/u/app/workflow.go:88 +0x1d'), {
      file: '/home/u/app/workflow.go',
      line: 88,
    });
    assert.deepEqual(parseFrame('   at App.Run() in /w/App.cs:line 12'), {
      file: '/w/App.cs',
      line: 12,
      functionName: 'App.Run()',
    });
    assert.equal(parseFrame('raise ApplicationError("x")'), undefined);
  });

  test('paths resolve inside the workspace, by tail when built elsewhere, by name from the index', () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'frames-'));
    mkdirSync(path.join(ws, 'src/io/x'), { recursive: true });
    writeFileSync(path.join(ws, 'src/wf.ts'), '');
    const javaFile = path.join(ws, 'src/io/x/OrderImpl.java');
    writeFileSync(javaFile, '');
    const frames = resolveStackTrace(
      [
        `    at run (${ws}/src/wf.ts:3:5)`,
        '    at run (/build/agent/src/wf.ts:4:1)',
        '\tat io.x.OrderImpl.run(OrderImpl.java:57)',
        '    at other (/usr/lib/node/x.js:1:1)',
      ].join('\n'),
      [ws],
      [javaFile],
    );
    const wf = pathToFileURL(path.join(ws, 'src/wf.ts')).toString();
    assert.deepEqual(
      frames.map((f) => [f.uri, f.line]),
      [
        [wf, 2],
        [wf, 3],
        [pathToFileURL(javaFile).toString(), 56],
        [undefined, undefined],
      ],
    );
  });
});

describe('live state', () => {
  const running = {
    workflowId: 'orders-1',
    runId: '1',
    workflowType: 'orders',
    taskQueue: '',
    status: 'Running' as const,
    historyLength: 3,
    historySizeBytes: 0,
    memo: {},
    searchAttributes: {},
    pendingActivities: [],
    pendingChildren: [],
  };
  const refuse = () => Promise.reject(new Error('asked an engine for what it has not'));
  const workspace = { workersFor: () => [], resolveStackTrace: () => [] };

  test('an engine without task queues and queries (duroxide) is not asked for them, and no stack trace error is made up', async () => {
    const reads: ExecutionReads = {
      has: { taskQueues: false, queries: false },
      historyPage: refuse,
      describe: async () => running,
      taskQueue: refuse,
      query: refuse,
    };
    const state = await executionLiveState(
      reads,
      { workflowId: 'orders-1' },
      undefined,
      undefined,
      workspace,
    );
    assert.equal(state.description.status, 'Running');
    assert.equal(state.stackTrace, undefined);
    assert.equal(state.stackTraceError, undefined);
    assert.deepEqual(
      state.reasons.map((r) => r.kind),
      ['waiting'],
    );
  });

  test('an engine with queries is asked for the stack trace', async () => {
    const reads: ExecutionReads = {
      has: { taskQueues: true, queries: true },
      historyPage: refuse,
      describe: async () => ({ ...running, taskQueue: 'q' }),
      taskQueue: async () => ({
        name: 'q',
        workflow: { pollers: [{ identity: 'w' } as never] },
        activity: { pollers: [] },
      }),
      query: async () =>
        ({
          result: [{ format: 'json', encoding: 'json/plain', value: 'at run (workflows.ts:3:1)' }],
        }) as never,
    };
    const state = await executionLiveState(
      reads,
      { workflowId: 'orders-1' },
      undefined,
      undefined,
      workspace,
    );
    assert.equal(state.stackTrace?.text, 'at run (workflows.ts:3:1)');
  });
});
