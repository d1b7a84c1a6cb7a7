// History events -> HistoryEventView: the exact proto3 JSON (what `temporal workflow show
// --output json` prints), a one-line summary for trees, the group an event belongs to, and its
// payloads and failure decoded.
import { toJson, type DescMessage, type JsonObject as PbJsonObject } from '@bufbuild/protobuf';
import type { HistoryEventView, JsonObject, PayloadView } from '../../../../shared/src/protocol';
import {
  HistoryEventSchema,
  type HistoryEvent,
} from '../../temporal/gen/temporal/api/history/v1/message_pb.js';
import { EventTypeSchema } from '../../temporal/gen/temporal/api/enums/v1/event_type_pb.js';
import {
  RetryStateSchema,
  TimeoutTypeSchema,
} from '../../temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import { WorkflowTaskFailedCauseSchema } from '../../temporal/gen/temporal/api/enums/v1/failed_cause_pb.js';
import type { Failure } from '../../temporal/gen/temporal/api/failure/v1/message_pb.js';
import type { Payload } from '../../temporal/gen/temporal/api/common/v1/message_pb.js';
import type { PayloadDecoder } from '../../payloads/decoder';
import { typeRegistry } from '../../payloads/registry';
import { durationText, enumName, isoTime } from './common';
import { failureView } from './failures';

const PAYLOADS = 'temporal.api.common.v1.Payloads';
const PAYLOAD = 'temporal.api.common.v1.Payload';
const FAILURE = 'temporal.api.failure.v1.Failure';

/** proto3 JSON of one event, as the CLI writes it (lowerCamelCase names, enum names, int64 as strings). */
export function eventJson(event: HistoryEvent): JsonObject {
  return toJson(HistoryEventSchema, event, {
    registry: typeRegistry(),
  }) as PbJsonObject as JsonObject;
}

/** Views of a page of events; payload fields are filled when `decoder` flushes. */
export function eventViews(
  events: readonly HistoryEvent[],
  decoder: PayloadDecoder,
): HistoryEventView[] {
  return events.map((event) => eventView(event, decoder));
}

export function eventView(event: HistoryEvent, decoder: PayloadDecoder): HistoryEventView {
  const eventType = enumName(EventTypeSchema, event.eventType);
  const { detail, group } = describeAttributes(event);
  const view: HistoryEventView = {
    eventId: Number(event.eventId),
    eventType,
    summary: detail ? `${eventType} ${detail}` : eventType,
    json: eventJson(event),
  };
  const time = isoTime(event.eventTime);
  if (time) view.eventTime = time;
  if (group !== undefined && group > 0) view.groupEventId = group;

  const attrs = event.attributes;
  if (attrs.case) {
    const desc = HistoryEventSchema.fields.find((f) => f.localName === attrs.case);
    if (desc?.fieldKind === 'message') {
      collect(
        desc.message,
        attrs.value as unknown as Record<string, unknown>,
        '',
        decoder,
        view,
        0,
      );
    }
  }
  const summary = event.userMetadata?.summary;
  if (summary) addPayloads(view, 'userMetadata.summary', [summary], decoder);
  return view;
}

function addPayloads(
  view: HistoryEventView,
  path: string,
  payloads: readonly Payload[],
  decoder: PayloadDecoder,
) {
  if (!payloads.length) return;
  decoder.addAll(payloads, (views: PayloadView[]) => {
    view.payloads ??= {};
    view.payloads[path] = views;
  });
}

/** Walks a message for Payloads, Payload and Payload maps (headers skipped) and the failure. */
function collect(
  desc: DescMessage,
  message: Record<string, unknown>,
  prefix: string,
  decoder: PayloadDecoder,
  view: HistoryEventView,
  depth: number,
): void {
  if (depth > 4) return;
  for (const field of desc.fields) {
    if (field.localName === 'header') continue;
    let value: unknown;
    if (field.oneof) {
      const holder = message[field.oneof.localName] as
        { case?: string; value?: unknown } | undefined;
      value = holder?.case === field.localName ? holder.value : undefined;
    } else {
      value = message[field.localName];
    }
    if (value === undefined || value === null) continue;
    const path = prefix + field.localName;
    if (field.fieldKind === 'message') {
      const typeName = field.message.typeName;
      if (typeName === PAYLOADS)
        addPayloads(view, path, (value as { payloads: Payload[] }).payloads, decoder);
      else if (typeName === PAYLOAD) addPayloads(view, path, [value as Payload], decoder);
      else if (typeName === FAILURE) {
        // Only the event's own failure (not e.g. a started event's continuedFailure).
        if (depth === 0 && field.localName === 'failure') {
          view.failure = failureView(value as Failure, decoder);
        }
      } else
        collect(
          field.message,
          value as Record<string, unknown>,
          `${path}.`,
          decoder,
          view,
          depth + 1,
        );
    } else if (
      field.fieldKind === 'map' &&
      field.mapKind === 'message' &&
      field.message.typeName === PAYLOAD
    ) {
      for (const [key, payload] of Object.entries(value as Record<string, Payload>)) {
        addPayloads(view, `${path}.${key}`, [payload], decoder);
      }
    }
  }
}

/** The words after the event type in a summary, and the event that opened the group. */
function describeAttributes(event: HistoryEvent): { detail: string; group?: number } {
  const a = event.attributes;
  const id = Number(event.eventId);
  switch (a.case) {
    case 'workflowExecutionStartedEventAttributes':
      return {
        detail: `${a.value.workflowType?.name ?? ''} on ${a.value.taskQueue?.name ?? ''}`,
        group: id,
      };
    case 'workflowExecutionFailedEventAttributes':
      return { detail: failureLine(a.value.failure) };
    case 'workflowExecutionTimedOutEventAttributes':
      return { detail: `(retry state ${enumName(RetryStateSchema, a.value.retryState)})` };
    case 'workflowExecutionTerminatedEventAttributes':
      return { detail: a.value.reason ? `reason: ${a.value.reason}` : '' };
    case 'workflowExecutionCancelRequestedEventAttributes':
      return { detail: a.value.cause ? `reason: ${a.value.cause}` : '' };
    case 'workflowExecutionContinuedAsNewEventAttributes':
      return { detail: `-> run ${a.value.newExecutionRunId}` };
    case 'workflowTaskScheduledEventAttributes':
      return { detail: a.value.attempt > 1 ? `attempt ${a.value.attempt}` : '', group: id };
    case 'workflowTaskStartedEventAttributes':
      return {
        detail: a.value.identity ? `by ${a.value.identity}` : '',
        group: Number(a.value.scheduledEventId),
      };
    case 'workflowTaskCompletedEventAttributes':
      return { detail: '', group: Number(a.value.scheduledEventId) };
    case 'workflowTaskTimedOutEventAttributes':
      return {
        detail: enumName(TimeoutTypeSchema, a.value.timeoutType),
        group: Number(a.value.scheduledEventId),
      };
    case 'workflowTaskFailedEventAttributes':
      return {
        detail: `${enumName(WorkflowTaskFailedCauseSchema, a.value.cause)}: ${failureLine(a.value.failure)}`,
        group: Number(a.value.scheduledEventId),
      };
    case 'activityTaskScheduledEventAttributes':
      return {
        detail: `${a.value.activityType?.name ?? ''} (id ${a.value.activityId})`,
        group: id,
      };
    case 'activityTaskStartedEventAttributes':
      return { detail: `attempt ${a.value.attempt}`, group: Number(a.value.scheduledEventId) };
    case 'activityTaskCompletedEventAttributes':
    case 'activityTaskCanceledEventAttributes':
      return { detail: '', group: Number(a.value.scheduledEventId) };
    case 'activityTaskFailedEventAttributes':
      return { detail: failureLine(a.value.failure), group: Number(a.value.scheduledEventId) };
    case 'activityTaskTimedOutEventAttributes':
      return { detail: failureLine(a.value.failure), group: Number(a.value.scheduledEventId) };
    case 'activityTaskCancelRequestedEventAttributes':
      return { detail: '', group: Number(a.value.scheduledEventId) };
    case 'timerStartedEventAttributes':
      return {
        detail: `${a.value.timerId} for ${durationText(a.value.startToFireTimeout) ?? '?'}`,
        group: id,
      };
    case 'timerFiredEventAttributes':
    case 'timerCanceledEventAttributes':
      return { detail: a.value.timerId, group: Number(a.value.startedEventId) };
    case 'markerRecordedEventAttributes':
      return { detail: a.value.markerName };
    case 'workflowExecutionSignaledEventAttributes':
      return { detail: a.value.signalName };
    case 'startChildWorkflowExecutionInitiatedEventAttributes':
      return { detail: `${a.value.workflowType?.name ?? ''} ${a.value.workflowId}`, group: id };
    case 'startChildWorkflowExecutionFailedEventAttributes':
      return { detail: a.value.workflowId, group: Number(a.value.initiatedEventId) };
    case 'childWorkflowExecutionStartedEventAttributes':
    case 'childWorkflowExecutionCompletedEventAttributes':
    case 'childWorkflowExecutionCanceledEventAttributes':
    case 'childWorkflowExecutionTimedOutEventAttributes':
    case 'childWorkflowExecutionTerminatedEventAttributes':
      return {
        detail: a.value.workflowExecution?.workflowId ?? '',
        group: Number(a.value.initiatedEventId),
      };
    case 'childWorkflowExecutionFailedEventAttributes':
      return {
        detail: `${a.value.workflowExecution?.workflowId ?? ''}: ${failureLine(a.value.failure)}`,
        group: Number(a.value.initiatedEventId),
      };
    case 'signalExternalWorkflowExecutionInitiatedEventAttributes':
      return {
        detail: `${a.value.signalName} -> ${a.value.workflowExecution?.workflowId ?? ''}`,
        group: id,
      };
    case 'externalWorkflowExecutionSignaledEventAttributes':
    case 'signalExternalWorkflowExecutionFailedEventAttributes':
      return {
        detail: a.value.workflowExecution?.workflowId ?? '',
        group: Number(a.value.initiatedEventId),
      };
    case 'requestCancelExternalWorkflowExecutionInitiatedEventAttributes':
      return { detail: a.value.workflowExecution?.workflowId ?? '', group: id };
    case 'externalWorkflowExecutionCancelRequestedEventAttributes':
    case 'requestCancelExternalWorkflowExecutionFailedEventAttributes':
      return {
        detail: a.value.workflowExecution?.workflowId ?? '',
        group: Number(a.value.initiatedEventId),
      };
    case 'upsertWorkflowSearchAttributesEventAttributes':
      return { detail: Object.keys(a.value.searchAttributes?.indexedFields ?? {}).join(', ') };
    case 'workflowExecutionUpdateAdmittedEventAttributes':
      return { detail: a.value.request?.input?.name ?? '' };
    case 'workflowExecutionUpdateAcceptedEventAttributes':
      return {
        detail: `${a.value.acceptedRequest?.input?.name ?? ''} (id ${a.value.protocolInstanceId})`,
        group: id,
      };
    case 'workflowExecutionUpdateCompletedEventAttributes':
      return {
        detail:
          a.value.outcome?.value.case === 'failure' ? failureLine(a.value.outcome.value.value) : '',
        group: Number(a.value.acceptedEventId),
      };
    case 'workflowExecutionUpdateRejectedEventAttributes':
      return { detail: failureLine(a.value.failure) };
    case 'nexusOperationScheduledEventAttributes':
      return { detail: `${a.value.service}/${a.value.operation}`, group: id };
    case 'nexusOperationStartedEventAttributes':
    case 'nexusOperationCompletedEventAttributes':
    case 'nexusOperationCanceledEventAttributes':
    case 'nexusOperationCancelRequestedEventAttributes':
      return { detail: '', group: Number(a.value.scheduledEventId) };
    case 'nexusOperationFailedEventAttributes':
    case 'nexusOperationTimedOutEventAttributes':
      return { detail: failureLine(a.value.failure), group: Number(a.value.scheduledEventId) };
    default:
      return { detail: '' };
  }
}

function failureLine(failure: Failure | undefined): string {
  if (!failure) return '';
  const info = failure.failureInfo;
  const type =
    info.case === 'applicationFailureInfo' && info.value.type ? `${info.value.type}: ` : '';
  const line = `${type}${failure.message}`;
  // Activity and child failures say little themselves; the cause says what went wrong.
  return failure.cause &&
    (info.case === 'activityFailureInfo' || info.case === 'childWorkflowExecutionFailureInfo')
    ? `${line} (${failureLine(failure.cause)})`
    : line;
}
