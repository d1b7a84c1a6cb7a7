// Failure protos -> FailureView with the cause chain. SDKs may move message and stack trace into
// `encoded_attributes` (a payload the codec can decrypt); those are restored when readable.
import { create } from '@bufbuild/protobuf';
import type { FailureView } from '../../../../shared/src/protocol';
import type { Payloads } from '../../temporal/gen/temporal/api/common/v1/message_pb.js';
import {
  FailureSchema,
  type Failure,
} from '../../temporal/gen/temporal/api/failure/v1/message_pb.js';
import {
  RetryStateSchema,
  TimeoutTypeSchema,
} from '../../temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import { ApplicationErrorCategorySchema } from '../../temporal/gen/temporal/api/enums/v1/common_pb.js';
import type { PayloadDecoder } from '../../payloads/decoder';
import { durationText, enumName } from './common';

const KINDS: Record<string, string> = {
  applicationFailureInfo: 'Application',
  timeoutFailureInfo: 'Timeout',
  canceledFailureInfo: 'Canceled',
  terminatedFailureInfo: 'Terminated',
  serverFailureInfo: 'Server',
  resetWorkflowFailureInfo: 'Reset',
  activityFailureInfo: 'Activity',
  childWorkflowExecutionFailureInfo: 'ChildWorkflow',
  nexusOperationExecutionFailureInfo: 'NexusOperation',
  nexusHandlerFailureInfo: 'NexusHandler',
};

/**
 * Builds the view now; payload parts (details, encoded attributes) are filled in when the
 * decoder flushes, so a whole answer needs one codec round trip.
 */
export function failureView(failure: Failure, decoder: PayloadDecoder, depth = 0): FailureView {
  const info = failure.failureInfo;
  const view: FailureView = {
    message: failure.message,
    kind: info.case ? (KINDS[info.case] ?? info.case) : '',
  };
  if (failure.source) view.source = failure.source;
  if (failure.stackTrace) view.stackTrace = failure.stackTrace;
  const facts: Record<string, string> = {};
  const details = (payloads: { payloads: Parameters<PayloadDecoder['addAll']>[0] } | undefined) => {
    if (payloads?.payloads.length) decoder.addAll(payloads.payloads, (v) => (view.details = v));
  };
  switch (info.case) {
    case 'applicationFailureInfo':
      if (info.value.type) view.type = info.value.type;
      if (info.value.nonRetryable) view.nonRetryable = true;
      if (info.value.nextRetryDelay)
        facts.nextRetryDelay = durationText(info.value.nextRetryDelay)!;
      if (info.value.category)
        facts.category = enumName(ApplicationErrorCategorySchema, info.value.category);
      details(info.value.details);
      break;
    case 'timeoutFailureInfo':
      facts.timeoutType = enumName(TimeoutTypeSchema, info.value.timeoutType);
      details(info.value.lastHeartbeatDetails);
      break;
    case 'canceledFailureInfo':
      if (info.value.identity) facts.identity = info.value.identity;
      details(info.value.details);
      break;
    case 'terminatedFailureInfo':
      if (info.value.identity) facts.identity = info.value.identity;
      break;
    case 'serverFailureInfo':
      if (info.value.nonRetryable) view.nonRetryable = true;
      break;
    case 'resetWorkflowFailureInfo':
      details(info.value.lastHeartbeatDetails);
      break;
    case 'activityFailureInfo':
      facts.activityType = info.value.activityType?.name ?? '';
      facts.activityId = info.value.activityId;
      facts.retryState = enumName(RetryStateSchema, info.value.retryState);
      if (info.value.identity) facts.identity = info.value.identity;
      break;
    case 'childWorkflowExecutionFailureInfo':
      facts.workflowType = info.value.workflowType?.name ?? '';
      facts.workflowId = info.value.workflowExecution?.workflowId ?? '';
      facts.runId = info.value.workflowExecution?.runId ?? '';
      facts.retryState = enumName(RetryStateSchema, info.value.retryState);
      break;
    case 'nexusOperationExecutionFailureInfo':
      facts.endpoint = info.value.endpoint;
      facts.service = info.value.service;
      facts.operation = info.value.operation;
      break;
    case 'nexusHandlerFailureInfo':
      facts.type = info.value.type;
      break;
  }
  if (Object.keys(facts).length) view.info = facts;
  if (failure.encodedAttributes) {
    decoder.add(failure.encodedAttributes, (attrs) => {
      const value = attrs.value;
      if (attrs.format !== 'json' || !value || typeof value !== 'object' || Array.isArray(value))
        return;
      if (typeof value.message === 'string') view.message = value.message;
      if (typeof value.stack_trace === 'string' && value.stack_trace)
        view.stackTrace = value.stack_trace;
    });
  }
  // Cause chains are short in practice; the bound only guards against a pathological proto.
  if (failure.cause && depth < 32) view.cause = failureView(failure.cause, decoder, depth + 1);
  return view;
}

/** An application failure reported from here (failing an activity by hand). */
export function applicationFailure(
  message: string,
  options: { type?: string; nonRetryable?: boolean; details?: Payloads },
): Failure {
  return create(FailureSchema, {
    message,
    source: 'TemporalWorkbench',
    failureInfo: {
      case: 'applicationFailureInfo',
      value: {
        type: options.type ?? '',
        nonRetryable: options.nonRetryable ?? false,
        details: options.details,
      },
    },
  });
}
