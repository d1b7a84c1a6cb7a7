import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExecutionSummary, PayloadView } from '../../../shared/src/protocol';
import {
  batchQuery,
  childrenQuery,
  countsByStatus,
  describeFilter,
  emptyFilter,
  executionDescription,
  executionTooltip,
  generatedWorkflowId,
  handlerNamesFromMetadata,
  historyEventLook,
  inputTextFromPayloads,
  isFiltered,
  mergeTaskQueues,
  newestRunPerWorkflow,
  outcomeView,
  payloadsValue,
  shortText,
  taskQueueDescription,
  visibilityQuery,
  webUiExecutionUrl,
} from '../../../client/src/views/workflowsModel';

const exec = (
  workflowId: string,
  runId: string,
  extra: Partial<ExecutionSummary> = {},
): ExecutionSummary => ({
  workflowId,
  runId,
  workflowType: 'greeting',
  status: 'Running',
  taskQueue: 'q',
  historyLength: 5,
  searchAttributes: {},
  ...extra,
});

test('filters become one visibility query', () => {
  assert.equal(visibilityQuery(emptyFilter), '');
  assert.equal(visibilityQuery({ query: " WorkflowId = 'a' ", statuses: [] }), "WorkflowId = 'a'");
  assert.equal(
    visibilityQuery({ query: '', statuses: ['Running'] }),
    "ExecutionStatus = 'Running'",
  );
  assert.equal(
    visibilityQuery({
      query: "WorkflowId STARTS_WITH 'x' OR TaskQueue = 'q'",
      statuses: ['Running', 'Failed'],
      workflowType: "it's",
    }),
    "WorkflowType = 'it\\'s' AND (ExecutionStatus = 'Running' OR ExecutionStatus = 'Failed') AND (WorkflowId STARTS_WITH 'x' OR TaskQueue = 'q')",
  );
  // ORDER BY must stay last.
  assert.equal(
    visibilityQuery({ query: "TaskQueue = 'q' order by StartTime desc", statuses: ['Failed'] }),
    "ExecutionStatus = 'Failed' AND (TaskQueue = 'q') order by StartTime desc",
  );
  assert.equal(isFiltered(emptyFilter), false);
  assert.equal(isFiltered({ query: ' ', statuses: [] }), false);
  assert.equal(isFiltered({ query: '', statuses: [], workflowType: 't' }), true);
  assert.equal(
    describeFilter({ query: 'X = 1', statuses: ['Running', 'TimedOut'], workflowType: 'g' }),
    'type g · Running or Timed out · X = 1',
  );
});

test('batch operations only take running executions, without ORDER BY', () => {
  assert.equal(
    batchQuery({ query: "TaskQueue = 'q' ORDER BY StartTime", statuses: [] }),
    "ExecutionStatus = 'Running' AND (TaskQueue = 'q')",
  );
  assert.equal(batchQuery({ query: '', statuses: ['Failed'] }), undefined);
  assert.equal(
    batchQuery({ query: '', statuses: ['Failed', 'Running'], workflowType: 'g' }),
    "WorkflowType = 'g' AND ExecutionStatus = 'Running'",
  );
});

test('one node per workflow id: the newest run, across pages', () => {
  const seen = new Set<string>();
  const page1 = newestRunPerWorkflow([exec('a', '3'), exec('b', '1'), exec('a', '2')], seen);
  assert.deepEqual(
    page1.map((e) => `${e.workflowId}/${e.runId}`),
    ['a/3', 'b/1'],
  );
  const page2 = newestRunPerWorkflow([exec('a', '1'), exec('c', '1')], seen);
  assert.deepEqual(
    page2.map((e) => e.workflowId),
    ['c'],
  );
  assert.equal(childrenQuery("p'1", 'r'), "ParentWorkflowId = 'p\\'1' AND ParentRunId = 'r'");
});

test('counts, descriptions and tooltips', () => {
  assert.deepEqual(
    countsByStatus([
      { status: 'Running', count: 2 },
      { status: 'Failed', count: 1 },
      { status: 'Running', count: 1 },
    ]),
    { Running: 3, Failed: 1 },
  );
  assert.deepEqual(countsByStatus(undefined), {});
  const now = Date.parse('2026-01-01T12:00:00Z');
  const e = exec('id-1', 'run-1', { startTime: '2026-01-01T11:58:00Z' });
  assert.equal(executionDescription(e, now), 'greeting · Running · started 2m ago');
  assert.equal(
    executionDescription(
      { ...e, status: 'Completed', closeTime: '2026-01-01T11:59:30Z' },
      now,
      false,
    ),
    'Completed · closed 30s ago',
  );
  const tip = executionTooltip({ ...e, parentWorkflowId: 'p' }, now).join('\n');
  for (const part of [
    '**id-1**',
    'Type: `greeting`',
    'Run: `run-1`',
    'Task queue: `q`',
    'Started: 2026-01-01 11:58:00Z (2m ago)',
    'Parent: `p`',
  ]) {
    assert.ok(tip.includes(part), part);
  }
});

test('history event looks', () => {
  assert.equal(historyEventLook('ActivityTaskFailed').icon, 'error');
  assert.equal(historyEventLook('WorkflowExecutionCompleted').icon, 'pass-filled');
  assert.equal(historyEventLook('WorkflowExecutionSignaled').icon, 'broadcast');
  assert.equal(historyEventLook('WorkflowExecutionTerminated').icon, 'circle-slash');
  assert.equal(historyEventLook('ActivityTaskScheduled').icon, 'symbol-event');
  assert.equal(historyEventLook('SomethingNew').icon, 'circle-small');
});

test('Web UI links', () => {
  assert.equal(
    webUiExecutionUrl('http://localhost:8233/', 'default', 'a b', 'r1'),
    'http://localhost:8233/namespaces/default/workflows/a%20b/r1/history',
  );
  assert.equal(
    webUiExecutionUrl('https://ui.example', 'ns', 'w'),
    'https://ui.example/namespaces/ns/workflows/w/history',
  );
});

test('payloads and outcomes become displayable values', () => {
  const json = (value: PayloadView['value']): PayloadView => ({
    format: 'json',
    encoding: 'json/plain',
    value,
  });
  assert.equal(payloadsValue([]), null);
  assert.equal(payloadsValue([json(7)]), 7);
  assert.deepEqual(payloadsValue([json('a'), { format: 'null', encoding: 'binary/null' }]), [
    'a',
    null,
  ]);
  assert.deepEqual(
    payloadsValue([{ format: 'encoded', encoding: 'binary/encrypted', base64: 'AA==' }]),
    { encoding: 'binary/encrypted', base64: 'AA==' },
  );
  assert.equal(inputTextFromPayloads([json('Ada'), json(2)]), '["Ada",2]');
  assert.equal(inputTextFromPayloads(undefined), '[]');

  const ok = outcomeView({
    status: 'Completed',
    workflowId: 'w',
    runId: 'r',
    result: [json('Hello, Ada!')],
  });
  assert.deepEqual(ok, { headline: 'completed', value: 'Hello, Ada!', ok: true });
  const failed = outcomeView({
    status: 'Failed',
    workflowId: 'w',
    runId: 'r',
    failure: {
      message: 'boom',
      kind: 'Application',
      type: 'SampleError',
      nonRetryable: true,
      cause: { message: 'root', kind: '' },
    },
  });
  assert.equal(failed.headline, 'failed: boom');
  assert.deepEqual(failed.value, {
    message: 'boom',
    kind: 'Application',
    type: 'SampleError',
    nonRetryable: true,
    cause: { message: 'root' },
  });
  assert.equal(
    outcomeView({
      status: 'Terminated',
      workflowId: 'w',
      runId: 'r',
      reason: 'why',
      details: [],
      identity: 'me',
    }).headline,
    'was terminated: why',
  );

  assert.equal(shortText(5), '5');
  assert.equal(shortText(undefined), 'no value');
  assert.equal(shortText('x'.repeat(100)), undefined);
  assert.equal(shortText('line\nbreak'), undefined);
});

test('task queues from every source, merged', () => {
  const merged = mergeTaskQueues({ server: ['b', 'a', ''], workspace: ['a'], used: ['c', 'a'] });
  assert.deepEqual(merged, [
    { name: 'a', sources: ['workspace', 'used', 'server'] },
    { name: 'b', sources: ['server'] },
    { name: 'c', sources: ['used'] },
  ]);
  const p = { identity: 'w@h' };
  assert.equal(
    taskQueueDescription({
      workflow: { pollers: [p, p] },
      activity: { pollers: [p], backlog: { count: 3 } },
    }),
    'pollers: 2 workflow · 1 activity · backlog 3',
  );
  assert.equal(
    taskQueueDescription({ workflow: { pollers: [] }, activity: { pollers: [] } }),
    'no pollers',
  );
});

test('generated workflow ids and handler names from workflow metadata', () => {
  let i = 0;
  assert.equal(
    generatedWorkflowId('my workflow!', () => (i++ % 36) / 36),
    'my-workflow-abcdef',
  );
  assert.match(generatedWorkflowId('greeting'), /^greeting-[a-z0-9]{6}$/);
  const metadata = {
    definition: {
      type: 'counter',
      signalDefinitions: [{ name: 'increment' }, { name: 'finish' }],
      queryDefinitions: [{ name: 'value' }, { name: '__stack_trace' }],
      updateDefinitions: [{ name: 'setValue', description: '' }],
    },
  };
  assert.deepEqual(handlerNamesFromMetadata(metadata, 'signal'), ['increment', 'finish']);
  assert.deepEqual(handlerNamesFromMetadata(metadata, 'query'), ['value']);
  assert.deepEqual(handlerNamesFromMetadata(metadata, 'update'), ['setValue']);
  assert.deepEqual(handlerNamesFromMetadata(null, 'update'), []);
});
