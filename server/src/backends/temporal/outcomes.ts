// How a run ended: its close event, read by long-poll, as a WorkflowOutcome.
import type { WorkflowOutcome } from '../../../../shared/src/protocol';
import {
  HistoryEventFilterType,
  RetryStateSchema,
} from '../../temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import type { HistoryEvent } from '../../temporal/gen/temporal/api/history/v1/message_pb.js';
import { WorkbenchError } from '../../errors';
import type { Target, Workbench } from '../../workbench';
import { decoderFor, enumName } from './common';
import { pollRead } from './longPoll';
import { failureView } from './failures';

/** The close event of a run; waits (long-poll, cancellable by `signal`) while it is open. */
export async function closeEvent(
  wb: Workbench,
  target: Target,
  workflowId: string,
  runId: string,
  signal?: AbortSignal,
): Promise<HistoryEvent> {
  let token: Uint8Array = new Uint8Array();
  for (;;) {
    const res = await pollRead(
      wb,
      target,
      (c, options) =>
        c.workflow.getWorkflowExecutionHistory(
          {
            namespace: target.namespace,
            execution: { workflowId, runId },
            waitNewEvent: true,
            historyEventFilterType: HistoryEventFilterType.CLOSE_EVENT,
            nextPageToken: token,
          },
          options,
        ),
      { longPoll: true, signal },
    );
    if (!res) continue;
    const event = res.history?.events.at(-1);
    if (event) return event;
    token = res.nextPageToken;
  }
}

export function nextRunId(event: HistoryEvent): string | undefined {
  const a = event.attributes;
  switch (a.case) {
    case 'workflowExecutionContinuedAsNewEventAttributes':
    case 'workflowExecutionCompletedEventAttributes':
    case 'workflowExecutionFailedEventAttributes':
    case 'workflowExecutionTimedOutEventAttributes':
      return a.value.newExecutionRunId || undefined;
    default:
      return undefined;
  }
}

export async function outcomeOf(
  target: Target,
  workflowId: string,
  runId: string,
  event: HistoryEvent,
  signal?: AbortSignal,
): Promise<WorkflowOutcome> {
  const decoder = decoderFor(target, signal);
  const a = event.attributes;
  let outcome: WorkflowOutcome;
  switch (a.case) {
    case 'workflowExecutionCompletedEventAttributes': {
      const o: Extract<WorkflowOutcome, { status: 'Completed' }> = {
        status: 'Completed',
        workflowId,
        runId,
        result: [],
      };
      decoder.addAll(a.value.result?.payloads ?? [], (v) => (o.result = v));
      outcome = o;
      break;
    }
    case 'workflowExecutionFailedEventAttributes':
      outcome = {
        status: 'Failed',
        workflowId,
        runId,
        failure: a.value.failure
          ? failureView(a.value.failure, decoder)
          : { message: 'failed', kind: '' },
      };
      break;
    case 'workflowExecutionCanceledEventAttributes': {
      const o: Extract<WorkflowOutcome, { status: 'Canceled' }> = {
        status: 'Canceled',
        workflowId,
        runId,
        details: [],
      };
      decoder.addAll(a.value.details?.payloads ?? [], (v) => (o.details = v));
      outcome = o;
      break;
    }
    case 'workflowExecutionTerminatedEventAttributes': {
      const o: Extract<WorkflowOutcome, { status: 'Terminated' }> = {
        status: 'Terminated',
        workflowId,
        runId,
        reason: a.value.reason,
        details: [],
        identity: a.value.identity,
      };
      decoder.addAll(a.value.details?.payloads ?? [], (v) => (o.details = v));
      outcome = o;
      break;
    }
    case 'workflowExecutionTimedOutEventAttributes':
      outcome = {
        status: 'TimedOut',
        workflowId,
        runId,
        retryState: enumName(RetryStateSchema, a.value.retryState),
      };
      break;
    case 'workflowExecutionContinuedAsNewEventAttributes':
      outcome = {
        status: 'ContinuedAsNew',
        workflowId,
        runId,
        newRunId: a.value.newExecutionRunId,
      };
      break;
    default:
      throw new WorkbenchError(
        'Internal',
        `Unexpected close event ${event.eventType} for workflow '${workflowId}'`,
      );
  }
  await decoder.flush();
  return outcome;
}
