import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeNondeterminism,
  parseNondeterminism,
  shortEventType,
  type HistoryEventJson,
} from '../../../server/src/replay/nondeterminism';

// Messages as the TypeScript SDK 1.24 and the Python SDK 1.35 report them (sdk-core text inside).
const TS_TIMER =
  'Replay failed with a nondeterminism error. This means that the workflow code as written is not compatible with the history that was fed in. Details: Workflow activation completion failed: Failure { failure: Some(Failure { message: "[TMPRL1100] Nondeterminism error: Timer machine does not handle this event: HistoryEvent(id: 5, ActivityTaskScheduled)", source: "", stack_trace: "" }), force_cause: NonDeterministicError }';
const PY_CHILD =
  'Workflow activation completion failed: Failure { failure: Some(Failure { message: "[TMPRL1100] Nondeterminism error: Child workflow type of scheduled event \'greeting\' does not match child workflow type of command \'longTimer\'", source: "" }), force_cause: NonDeterministicError }';

const events: HistoryEventJson[] = [
  { eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' },
  {
    eventId: '5',
    eventType: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
    activityTaskScheduledEventAttributes: { activityType: { name: 'composeGreeting' } },
  },
  {
    eventId: '7',
    eventType: 'EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED',
    startChildWorkflowExecutionInitiatedEventAttributes: { workflowType: { name: 'greeting' } },
  },
];

describe('nondeterminism errors', () => {
  test('event types read as the Web UI names them', () => {
    assert.equal(
      shortEventType('EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED'),
      'StartChildWorkflowExecutionInitiated',
    );
  });

  test('"<machine> does not handle this event": event id and type from the message, the name from the history', () => {
    const d = parseNondeterminism(TS_TIMER, events);
    assert.deepEqual(
      {
        eventId: d.eventId,
        expected: d.expected,
        actual: d.actual,
        actualKind: d.actualKind,
        expectedKind: d.expectedKind,
      },
      {
        eventId: 5,
        expected: 'ActivityTaskScheduled composeGreeting',
        actual: 'timer',
        actualKind: 'timer',
        expectedKind: 'activity',
      },
    );
    assert.equal(
      describeNondeterminism(d, TS_TIMER),
      'Nondeterminism at event 5: the history has ActivityTaskScheduled composeGreeting; the code scheduled timer',
    );
  });

  test('a type mismatch names both types; the event id comes from the history', () => {
    const d = parseNondeterminism(PY_CHILD, events);
    assert.equal(d.eventId, 7);
    assert.equal(d.expected, 'StartChildWorkflowExecutionInitiated greeting');
    assert.equal(d.actual, 'child workflow longTimer');
    assert.equal(d.actualName, 'longTimer');
  });

  test('"No command scheduled for event": the code issued nothing there', () => {
    const d = parseNondeterminism(
      '[TMPRL1100] Nondeterminism error: No command scheduled for event HistoryEvent(id: 5, ActivityTaskScheduled)',
      events,
    );
    assert.equal(d.eventId, 5);
    assert.match(describeNondeterminism(d, ''), /the code issued no command there$/);
  });

  test('an unknown message is kept whole', () => {
    assert.equal(
      describeNondeterminism(parseNondeterminism('something else', events), 'something else'),
      'Nondeterminism: something else',
    );
  });
});
