// Workflow updates: execute (wait for the result), start (wait until accepted), poll an earlier
// update by id, and update-with-start. An update is sent once; when the server answers before
// the wanted stage (its long-poll ended), the outcome is polled by update id, which is a read.
import { randomUUID } from 'node:crypto';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  FailureView,
  PollUpdateParams,
  UpdateResult,
  UpdateStage,
  UpdateWithStartParams,
  UpdateWithStartResult,
  UpdateWorkflowParams,
} from '../../../../shared/src/protocol';
import {
  UpdateWorkflowExecutionLifecycleStage as Stage,
  UpdateWorkflowExecutionLifecycleStageSchema,
} from '../../temporal/gen/temporal/api/enums/v1/update_pb.js';
import { WorkflowIdConflictPolicy } from '../../temporal/gen/temporal/api/enums/v1/workflow_pb.js';
import type { Outcome } from '../../temporal/gen/temporal/api/update/v1/message_pb.js';
import type { UpdateWorkflowExecutionRequestSchema } from '../../temporal/gen/temporal/api/workflowservice/v1/request_response_pb.js';
import { WorkbenchError } from '../../errors';
import { inputPayloads } from '../../payloads/encode';
import type { Target, Workbench } from '../../workbench';
import { decoderFor, enumName, LONG_POLL_MS, required, write } from './common';
import { pollRead } from './longPoll';
import { failureView } from './failures';
import { multiOperationCause } from './statusDetails';
import { alreadyStarted, startRequest } from './workflows';

type UpdateRequestInit = MessageInitShape<typeof UpdateWorkflowExecutionRequestSchema>;

function updateRequest(target: Target, p: UpdateWorkflowParams, stage: Stage): UpdateRequestInit {
  required(p.updateName, 'updateName');
  const args = inputPayloads(p.input, 'input');
  return {
    namespace: target.namespace,
    workflowExecution: { workflowId: p.workflowId, runId: p.runId ?? '' },
    firstExecutionRunId: p.firstExecutionRunId ?? '',
    waitPolicy: { lifecycleStage: stage },
    request: {
      meta: { updateId: p.updateId || randomUUID(), identity: target.connection.identity },
      input: { name: p.updateName, args },
    },
  };
}

function stageName(stage: Stage): UpdateStage {
  return enumName(UpdateWorkflowExecutionLifecycleStageSchema, stage) as UpdateStage;
}

/** Polls an update until it reaches `stage`; ADMITTED answers at once with the current stage. */
async function pollUntil(
  wb: Workbench,
  target: Target,
  ref: { workflowId: string; runId: string; updateId: string },
  stage: Stage,
  signal?: AbortSignal,
): Promise<{ stage: Stage; outcome?: Outcome; runId: string }> {
  const longPoll = stage > Stage.ADMITTED;
  for (;;) {
    const res = await pollRead(
      wb,
      target,
      (c, options) =>
        c.workflow.pollWorkflowExecutionUpdate(
          {
            namespace: target.namespace,
            updateRef: {
              workflowExecution: { workflowId: ref.workflowId, runId: ref.runId },
              updateId: ref.updateId,
            },
            identity: target.connection.identity,
            waitPolicy: { lifecycleStage: stage },
          },
          options,
        ),
      { longPoll, signal },
    );
    if (!res) continue;
    const runId = res.updateRef?.workflowExecution?.runId || ref.runId;
    if (!longPoll || res.stage >= stage || res.outcome) {
      return { stage: res.stage, outcome: res.outcome, runId };
    }
  }
}

/** Outcome -> result fields; a failure becomes an error unless `keepFailure`. */
async function finish(
  target: Target,
  base: Omit<UpdateResult, 'stage'>,
  stage: Stage,
  outcome: Outcome | undefined,
  updateName: string | undefined,
  keepFailure: boolean,
  signal?: AbortSignal,
): Promise<UpdateResult> {
  const result: UpdateResult = { ...base, stage: stageName(outcome ? Stage.COMPLETED : stage) };
  if (!outcome) return result;
  const decoder = decoderFor(target, signal);
  let failure: FailureView | undefined;
  if (outcome.value.case === 'success')
    decoder.addAll(outcome.value.value.payloads, (v) => (result.result = v));
  else if (outcome.value.case === 'failure') failure = failureView(outcome.value.value, decoder);
  await decoder.flush();
  if (failure && !keepFailure) {
    const name = updateName ? `'${updateName}' ` : '';
    throw new WorkbenchError(
      'FailedPrecondition',
      `Update ${name}on workflow '${base.workflowId}' was rejected or failed: ${failure.message}${failure.type ? ` (${failure.type})` : ''}`,
      {
        namespace: target.namespace,
        detail: [failure.type, failure.stackTrace].filter(Boolean).join('\n') || undefined,
      },
    );
  }
  if (failure) result.failure = failure;
  return result;
}

async function sendUpdate(
  wb: Workbench,
  target: Target,
  p: UpdateWorkflowParams,
  stage: Stage,
  signal?: AbortSignal,
): Promise<UpdateResult> {
  wb.assertWritable(target);
  required(p.workflowId, 'workflowId');
  const request = updateRequest(target, p, stage);
  const updateId = request.request!.meta!.updateId!;
  const ref = { workflowId: p.workflowId, runId: p.runId ?? '', updateId };
  let current: { stage: Stage; outcome?: Outcome; runId: string };
  try {
    const res = await write(wb, target, (c) =>
      c.workflow.updateWorkflowExecution(request, { signal, timeoutMs: LONG_POLL_MS }),
    );
    current = {
      stage: res.stage,
      outcome: res.outcome,
      runId: res.updateRef?.workflowExecution?.runId ?? ref.runId,
    };
  } catch (err) {
    // The update may have been admitted before the deadline: look it up instead of re-sending.
    if (!(err instanceof WorkbenchError && err.kind === 'DeadlineExceeded')) throw err;
    current = await pollUntil(wb, target, ref, stage, signal).catch(() => {
      throw err;
    });
  }
  if (current.stage < stage && !current.outcome) {
    current = await pollUntil(wb, target, { ...ref, runId: current.runId }, stage, signal);
  }
  return finish(
    target,
    { workflowId: p.workflowId, runId: current.runId, updateId },
    current.stage,
    current.outcome,
    p.updateName,
    false,
    signal,
  );
}

export function executeUpdate(
  wb: Workbench,
  target: Target,
  p: UpdateWorkflowParams,
  signal?: AbortSignal,
) {
  return sendUpdate(wb, target, p, Stage.COMPLETED, signal);
}

export function startUpdate(
  wb: Workbench,
  target: Target,
  p: UpdateWorkflowParams,
  signal?: AbortSignal,
) {
  return sendUpdate(wb, target, p, Stage.ACCEPTED, signal);
}

export async function pollUpdate(
  wb: Workbench,
  target: Target,
  p: PollUpdateParams,
  signal?: AbortSignal,
): Promise<UpdateResult> {
  required(p.workflowId, 'workflowId');
  required(p.updateId, 'updateId');
  const ref = { workflowId: p.workflowId, runId: p.runId ?? '', updateId: p.updateId };
  const wanted = p.wait === false ? Stage.ADMITTED : Stage.COMPLETED;
  const res = await pollUntil(wb, target, ref, wanted, signal);
  return finish(
    target,
    { ...ref, runId: res.runId },
    res.stage,
    res.outcome,
    undefined,
    true,
    signal,
  );
}

export async function updateWithStartWorkflow(
  wb: Workbench,
  target: Target,
  p: UpdateWithStartParams,
  signal?: AbortSignal,
): Promise<UpdateWithStartResult> {
  wb.assertWritable(target);
  if (p.start.signal)
    throw new WorkbenchError('InvalidInput', 'Update-with-start cannot also signal-with-start');
  const start = await startRequest(
    wb,
    target,
    { idConflictPolicy: 'UseExisting', ...p.start },
    signal,
  );
  if (start.workflowIdConflictPolicy === WorkflowIdConflictPolicy.TERMINATE_EXISTING) {
    throw new WorkbenchError(
      'InvalidInput',
      'Update-with-start needs idConflictPolicy UseExisting or Fail',
    );
  }
  const workflowId = start.workflowId!;
  const stage = p.waitForAccepted ? Stage.ACCEPTED : Stage.COMPLETED;
  const update = updateRequest(target, { ...p.update, workflowId }, stage);
  const updateId = update.request!.meta!.updateId!;
  const res = await write(wb, target, (c) =>
    c.workflow
      .executeMultiOperation(
        {
          namespace: target.namespace,
          operations: [
            { operation: { case: 'startWorkflow', value: start } },
            { operation: { case: 'updateWorkflow', value: update } },
          ],
        },
        { signal, timeoutMs: LONG_POLL_MS },
      )
      .catch((err: unknown) => {
        throw multiOperationCause(err);
      }),
  ).catch(alreadyStarted);
  const started =
    res.responses[0]?.response.case === 'startWorkflow'
      ? res.responses[0].response.value
      : undefined;
  const updated =
    res.responses[1]?.response.case === 'updateWorkflow'
      ? res.responses[1].response.value
      : undefined;
  const runId = started?.runId ?? '';
  let current: { stage: Stage; outcome?: Outcome; runId: string } = {
    stage: updated?.stage ?? Stage.UNSPECIFIED,
    outcome: updated?.outcome,
    runId,
  };
  if (current.stage < stage && !current.outcome) {
    current = await pollUntil(wb, target, { workflowId, runId, updateId }, stage, signal);
  }
  const result = await finish(
    target,
    { workflowId, runId, updateId },
    current.stage,
    current.outcome,
    p.update.updateName,
    false,
    signal,
  );
  return {
    workflowId,
    runId,
    started: started?.started ?? false,
    namespace: target.namespace,
    update: result,
  };
}
