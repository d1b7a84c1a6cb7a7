// Asynchronous activity completion from outside the worker: complete, fail, heartbeat, report
// cancellation, by task token or by workflow id + run id + activity id.
import type {
  ActivityRef,
  CompleteActivityParams,
  FailActivityParams,
  HeartbeatActivityParams,
} from '../../../../shared/src/protocol';
import { WorkbenchError } from '../../errors';
import { inputPayloads, singleValuePayloads } from '../../payloads/encode';
import type { Target, Workbench } from '../../workbench';
import { fromBase64, required, write } from './common';
import { applicationFailure } from './failures';

type ById = { workflowId: string; runId: string; activityId: string };

/** Token bytes, or the id triple; InvalidInput when neither is complete. */
function resolve(ref: ActivityRef | undefined): { token: Uint8Array } | { id: ById } {
  if (ref && 'taskToken' in ref && ref.taskToken) {
    const token = fromBase64(ref.taskToken);
    if (!token.length) throw new WorkbenchError('InvalidInput', 'taskToken is not base64');
    return { token };
  }
  if (ref && 'activityId' in ref) {
    required(ref.workflowId, 'activity.workflowId');
    required(ref.activityId, 'activity.activityId');
    return {
      id: { workflowId: ref.workflowId, runId: ref.runId ?? '', activityId: ref.activityId },
    };
  }
  throw new WorkbenchError(
    'InvalidInput',
    'activity needs a taskToken, or workflowId and activityId',
  );
}

export async function completeActivity(
  wb: Workbench,
  target: Target,
  p: CompleteActivityParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const which = resolve(p.activity);
  const result = singleValuePayloads(p.result, 'result');
  const common = { namespace: target.namespace, identity: target.connection.identity, result };
  await write(wb, target, async (c) => {
    if ('token' in which)
      await c.workflow.respondActivityTaskCompleted(
        { ...common, taskToken: which.token },
        { signal },
      );
    else await c.workflow.respondActivityTaskCompletedById({ ...common, ...which.id }, { signal });
  });
  return { ok: true };
}

export async function failActivity(
  wb: Workbench,
  target: Target,
  p: FailActivityParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const which = resolve(p.activity);
  required(p.message, 'message');
  const details = inputPayloads(p.details, 'details');
  const failure = applicationFailure(p.message, {
    type: p.type,
    nonRetryable: p.nonRetryable,
    details,
  });
  const common = { namespace: target.namespace, identity: target.connection.identity, failure };
  await write(wb, target, async (c) => {
    if ('token' in which)
      await c.workflow.respondActivityTaskFailed({ ...common, taskToken: which.token }, { signal });
    else await c.workflow.respondActivityTaskFailedById({ ...common, ...which.id }, { signal });
  });
  return { ok: true };
}

export async function heartbeatActivity(
  wb: Workbench,
  target: Target,
  p: HeartbeatActivityParams,
  signal?: AbortSignal,
): Promise<{ cancelRequested: boolean }> {
  wb.assertWritable(target);
  const which = resolve(p.activity);
  const details = inputPayloads(p.details, 'details');
  const common = { namespace: target.namespace, identity: target.connection.identity, details };
  const res = await write(wb, target, async (c) =>
    'token' in which
      ? (
          await c.workflow.recordActivityTaskHeartbeat(
            { ...common, taskToken: which.token },
            { signal },
          )
        ).cancelRequested
      : (await c.workflow.recordActivityTaskHeartbeatById({ ...common, ...which.id }, { signal }))
          .cancelRequested,
  );
  return { cancelRequested: res };
}

export async function reportActivityCanceled(
  wb: Workbench,
  target: Target,
  p: HeartbeatActivityParams,
  signal?: AbortSignal,
): Promise<{ ok: true }> {
  wb.assertWritable(target);
  const which = resolve(p.activity);
  const details = inputPayloads(p.details, 'details');
  const common = { namespace: target.namespace, identity: target.connection.identity, details };
  await write(wb, target, async (c) => {
    if ('token' in which)
      await c.workflow.respondActivityTaskCanceled(
        { ...common, taskToken: which.token },
        { signal },
      );
    else await c.workflow.respondActivityTaskCanceledById({ ...common, ...which.id }, { signal });
  });
  return { ok: true };
}
