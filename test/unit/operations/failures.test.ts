import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { eventView } from '../../../server/src/backends/temporal/history';
import { applicationFailure, failureView } from '../../../server/src/backends/temporal/failures';
import { PayloadDecoder } from '../../../server/src/payloads/decoder';
import { jsonPayload } from '../../../server/src/payloads/encode';
import { EventType } from '../../../server/src/temporal/gen/temporal/api/enums/v1/event_type_pb.js';
import { RetryState } from '../../../server/src/temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import { FailureSchema } from '../../../server/src/temporal/gen/temporal/api/failure/v1/message_pb.js';
import { HistoryEventSchema } from '../../../server/src/temporal/gen/temporal/api/history/v1/message_pb.js';

test('a failure chain with details, activity facts and encoded attributes', async () => {
  const failure = create(FailureSchema, {
    message: 'Activity task failed',
    failureInfo: {
      case: 'activityFailureInfo',
      value: {
        activityId: '7',
        activityType: { name: 'charge' },
        retryState: RetryState.MAXIMUM_ATTEMPTS_REACHED,
      },
    },
    cause: create(FailureSchema, {
      message: 'Encoded failure',
      encodedAttributes: jsonPayload({ message: 'card declined', stack_trace: 'at charge()' }),
      failureInfo: {
        case: 'applicationFailureInfo',
        value: {
          type: 'Declined',
          nonRetryable: true,
          details: { payloads: [jsonPayload({ code: 51 })] },
        },
      },
    }),
  });
  const decoder = new PayloadDecoder({ namespace: 'ns' });
  const view = failureView(failure, decoder);
  await decoder.flush();
  assert.deepEqual(view, {
    message: 'Activity task failed',
    kind: 'Activity',
    info: { activityType: 'charge', activityId: '7', retryState: 'MaximumAttemptsReached' },
    cause: {
      message: 'card declined',
      stackTrace: 'at charge()',
      kind: 'Application',
      type: 'Declined',
      nonRetryable: true,
      details: [{ format: 'json', encoding: 'json/plain', value: { code: 51 } }],
    },
  });
});

test('a hand-made application failure', () => {
  const f = applicationFailure('nope', { type: 'T', nonRetryable: true });
  assert.equal(f.message, 'nope');
  assert.equal(f.failureInfo.case, 'applicationFailureInfo');
});

test('event views: summary, group, payloads by path, failure, proto3 JSON', async () => {
  const decoder = new PayloadDecoder({ namespace: 'ns' });
  const scheduled = eventView(
    create(HistoryEventSchema, {
      eventId: 5n,
      eventType: EventType.ACTIVITY_TASK_SCHEDULED,
      eventTime: { seconds: 1_700_000_000n, nanos: 0 },
      attributes: {
        case: 'activityTaskScheduledEventAttributes',
        value: {
          activityId: '1',
          activityType: { name: 'charge' },
          input: { payloads: [jsonPayload('a'), jsonPayload(2)] },
          header: { fields: { secret: jsonPayload('hidden') } },
        },
      },
    }),
    decoder,
  );
  const failed = eventView(
    create(HistoryEventSchema, {
      eventId: 7n,
      eventType: EventType.ACTIVITY_TASK_FAILED,
      attributes: {
        case: 'activityTaskFailedEventAttributes',
        value: { scheduledEventId: 5n, failure: applicationFailure('boom', { type: 'E' }) },
      },
    }),
    decoder,
  );
  await decoder.flush();
  assert.equal(scheduled.summary, 'ActivityTaskScheduled charge (id 1)');
  assert.equal(scheduled.groupEventId, 5);
  assert.equal(scheduled.eventTime, '2023-11-14T22:13:20.000Z');
  assert.deepEqual(Object.keys(scheduled.payloads ?? {}), ['input'], 'headers are not shown');
  assert.deepEqual(
    scheduled.payloads?.input.map((p) => p.value),
    ['a', 2],
  );
  assert.equal(scheduled.json.eventId, '5');
  assert.equal(scheduled.json.eventType, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED');
  assert.equal(failed.summary, 'ActivityTaskFailed E: boom');
  assert.equal(failed.groupEventId, 5);
  assert.equal(failed.failure?.type, 'E');
});
