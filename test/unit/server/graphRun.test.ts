import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { colourGraphByRun } from '../../../server/src/replay/graphRun';
import type { HistoryEventJson } from '../../../server/src/replay/nondeterminism';

// A history in proto3 JSON as `temporal workflow show -o json` writes it (ids as strings).
const E = (
  id: number,
  type: string,
  attributes: Record<string, unknown> = {},
): HistoryEventJson => {
  const key = `${type[0].toLowerCase()}${type.slice(1)}EventAttributes`;
  const upper = type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return { eventId: String(id), eventType: `EVENT_TYPE_${upper}`, [key]: attributes };
};

const nodes = [
  { id: 'activity:composeGreeting', kind: 'activity', name: 'composeGreeting' },
  { id: 'activity:flakyStep', kind: 'activity', name: 'flakyStep' },
  { id: 'activity:neverCalled', kind: 'activity', name: 'neverCalled' },
  { id: 'childWorkflow:greeting', kind: 'childWorkflow', name: 'greeting' },
  { id: 'timer:sleep', kind: 'timer', name: 'sleep' },
  { id: 'signalSent:ping', kind: 'signalSent', name: 'ping' },
  { id: 'signalHandler:proceed', kind: 'signalHandler', name: 'proceed' },
  { id: 'updateHandler:setNote', kind: 'updateHandler', name: 'setNote' },
  { id: 'queryHandler:note', kind: 'queryHandler', name: 'note' },
  { id: 'continueAsNew:continueAsNew', kind: 'continueAsNew', name: 'continueAsNew' },
] as const;

const history: HistoryEventJson[] = [
  E(1, 'WorkflowExecutionStarted', { workflowType: { name: 'tour' } }),
  E(5, 'ActivityTaskScheduled', { activityType: { name: 'composeGreeting' } }),
  E(6, 'ActivityTaskStarted', { scheduledEventId: '5' }),
  E(7, 'ActivityTaskCompleted', { scheduledEventId: '5' }),
  E(11, 'ActivityTaskScheduled', { activityType: { name: 'flakyStep' } }),
  E(12, 'ActivityTaskFailed', { scheduledEventId: '11' }),
  E(13, 'ActivityTaskScheduled', { activityType: { name: 'flakyStep' } }),
  E(14, 'ActivityTaskCompleted', { scheduledEventId: '13' }),
  E(15, 'TimerStarted', { timerId: '1' }),
  E(16, 'TimerFired', { timerId: '1', startedEventId: '15' }),
  E(17, 'StartChildWorkflowExecutionInitiated', { workflowType: { name: 'greeting' } }),
  E(18, 'ChildWorkflowExecutionStarted', { initiatedEventId: '17' }),
  E(19, 'WorkflowExecutionSignaled', { signalName: 'proceed' }),
  E(20, 'WorkflowExecutionSignaled', { signalName: 'proceed' }),
  E(21, 'WorkflowExecutionUpdateAccepted', { acceptedRequest: { input: { name: 'setNote' } } }),
  E(22, 'WorkflowExecutionUpdateCompleted', { acceptedEventId: '21', outcome: { success: {} } }),
];

const run = { workflowId: 'tour-1', runId: 'r1' };

describe('workflow graph coloured by a run', () => {
  const coloured = colourGraphByRun(nodes, history, run);
  const state = (id: string) => coloured.nodes[id]?.state;

  test('an activity that completed is completed, with its events and counts', () => {
    assert.deepEqual(coloured.nodes['activity:composeGreeting'], {
      state: 'completed',
      summary: '1 scheduled · 1 completed',
      eventIds: [5, 7],
    });
  });

  test('an activity with one failed and one completed schedule is failed and says both', () => {
    assert.equal(state('activity:flakyStep'), 'failed');
    assert.equal(
      coloured.nodes['activity:flakyStep'].summary,
      '2 scheduled · 1 failed · 1 completed',
    );
    assert.deepEqual(coloured.nodes['activity:flakyStep'].eventIds, [11, 12, 13, 14]);
  });

  test('a node the run never reached is notRun', () => {
    assert.deepEqual(coloured.nodes['activity:neverCalled'], {
      state: 'notRun',
      summary: 'not reached in this run',
      eventIds: [],
    });
  });

  test('a started child that has not closed is running', () => {
    assert.equal(state('childWorkflow:greeting'), 'running');
    assert.equal(coloured.nodes['childWorkflow:greeting'].summary, '1 started · 1 open');
  });

  test('timers, received signals and completed updates are completed; a signal never sent is notRun', () => {
    assert.equal(state('timer:sleep'), 'completed');
    assert.equal(coloured.nodes['timer:sleep'].summary, '1 started · 1 fired');
    assert.equal(state('signalHandler:proceed'), 'completed');
    assert.equal(coloured.nodes['signalHandler:proceed'].summary, '2 received');
    assert.equal(state('updateHandler:setNote'), 'completed');
    assert.equal(state('signalSent:ping'), 'notRun');
    assert.equal(state('continueAsNew:continueAsNew'), 'notRun');
  });

  test('queries leave no history: notRecorded', () => {
    assert.equal(state('queryHandler:note'), 'notRecorded');
  });

  test('the run without a close event is Running; a failed update and a failed run are failed', () => {
    assert.deepEqual([coloured.state, coloured.status], ['running', 'Running']);
    const failed = colourGraphByRun(
      nodes,
      [
        ...history.slice(0, -1),
        E(22, 'WorkflowExecutionUpdateCompleted', {
          acceptedEventId: '21',
          outcome: { failure: { message: 'no' } },
        }),
        E(23, 'SignalExternalWorkflowExecutionInitiated', { signalName: 'ping' }),
        E(24, 'SignalExternalWorkflowExecutionFailed', { initiatedEventId: '23' }),
        E(25, 'WorkflowExecutionFailed', {}),
      ],
      run,
    );
    assert.equal(failed.nodes['updateHandler:setNote'].state, 'failed');
    assert.equal(failed.nodes['signalSent:ping'].state, 'failed');
    assert.deepEqual([failed.state, failed.status], ['failed', 'Failed']);
  });

  test('continue-as-new closes the run as ContinuedAsNew and marks its node', () => {
    const continued = colourGraphByRun(
      nodes,
      [history[0], E(9, 'WorkflowExecutionContinuedAsNew', {})],
      run,
    );
    assert.equal(continued.nodes['continueAsNew:continueAsNew'].state, 'completed');
    assert.deepEqual([continued.state, continued.status], ['completed', 'ContinuedAsNew']);
  });

  test('event types in the short form (as some tools write them) read the same', () => {
    const short = colourGraphByRun(
      nodes,
      [
        {
          eventId: 3,
          eventType: 'ActivityTaskScheduled',
          activityTaskScheduledEventAttributes: { activityType: { name: 'flakyStep' } },
        },
      ],
      run,
    );
    assert.equal(short.nodes['activity:flakyStep'].state, 'running');
  });
});
