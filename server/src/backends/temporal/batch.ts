// Batch operations: terminate, cancel or signal every execution a visibility query matches, run
// by the server's batcher; progress via describe.
import { randomUUID } from 'node:crypto';
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import type {
  BatchOperationView,
  ListBatchOperationsResult,
  StartBatchOperationParams,
} from '../../../../shared/src/protocol';
import {
  BatchOperationStateSchema,
  BatchOperationTypeSchema,
  type BatchOperationState,
  type BatchOperationType,
} from '../../temporal/gen/temporal/api/enums/v1/batch_operation_pb.js';
import { WorkbenchError } from '../../errors';
import { inputPayloads } from '../../payloads/encode';
import type { Target, Workbench } from '../../workbench';
import { enumName, fromBase64, isoTime, read, required, toBase64, write } from './common';

export async function startBatchOperation(
  wb: Workbench,
  target: Target,
  p: StartBatchOperationParams,
  signal?: AbortSignal,
): Promise<{ jobId: string }> {
  wb.assertWritable(target);
  required(p.query, 'query');
  required(p.reason, 'reason');
  const identity = target.connection.identity;
  const op = p.operation;
  let operation;
  switch (op?.type) {
    case 'terminate':
      operation = { case: 'terminationOperation' as const, value: { identity } };
      break;
    case 'cancel':
      operation = { case: 'cancellationOperation' as const, value: { identity } };
      break;
    case 'signal':
      required(op.signalName, 'operation.signalName');
      operation = {
        case: 'signalOperation' as const,
        value: {
          signal: op.signalName,
          input: inputPayloads(op.input, 'operation.input'),
          identity,
        },
      };
      break;
    default:
      throw new WorkbenchError(
        'InvalidInput',
        'operation.type must be terminate, cancel or signal',
      );
  }
  const jobId = p.jobId?.trim() || randomUUID();
  await write(wb, target, (c) =>
    c.workflow.startBatchOperation(
      { namespace: target.namespace, visibilityQuery: p.query, jobId, reason: p.reason, operation },
      { signal },
    ),
  );
  return { jobId };
}

function view(b: {
  jobId: string;
  operationType: BatchOperationType;
  state: BatchOperationState;
  startTime?: Timestamp;
  closeTime?: Timestamp;
}): BatchOperationView {
  const v: BatchOperationView = {
    jobId: b.jobId,
    operationType: operationTypeName(b.operationType),
    state: enumName(BatchOperationStateSchema, b.state),
    totalOperationCount: 0,
    completeOperationCount: 0,
    failureOperationCount: 0,
  };
  const start = isoTime(b.startTime);
  const close = isoTime(b.closeTime);
  if (start) v.startTime = start;
  if (close) v.closeTime = close;
  return v;
}

/** Servers answer either the old (`Terminate`) or the renamed (`TerminateWorkflow`) value: one name. */
function operationTypeName(type: BatchOperationType): string {
  const name = enumName(BatchOperationTypeSchema, type);
  return name === 'UpdateWorkflowExecutionOptions'
    ? 'UpdateExecutionOptions'
    : name.replace(/Workflow$/, '');
}

export async function describeBatchOperation(
  wb: Workbench,
  target: Target,
  p: { jobId: string },
  signal?: AbortSignal,
): Promise<BatchOperationView> {
  required(p.jobId, 'jobId');
  const res = await read(
    wb,
    target,
    (c) =>
      c.workflow.describeBatchOperation(
        { namespace: target.namespace, jobId: p.jobId },
        { signal },
      ),
    signal,
  );
  return {
    ...view(res),
    totalOperationCount: Number(res.totalOperationCount),
    completeOperationCount: Number(res.completeOperationCount),
    failureOperationCount: Number(res.failureOperationCount),
    ...(res.reason ? { reason: res.reason } : {}),
    ...(res.query ? { query: res.query } : {}),
    ...(res.identity ? { identity: res.identity } : {}),
  };
}

export async function listBatchOperations(
  wb: Workbench,
  target: Target,
  p: { pageSize?: number; nextPageToken?: string },
  signal?: AbortSignal,
): Promise<ListBatchOperationsResult> {
  const res = await read(
    wb,
    target,
    (c) =>
      c.workflow.listBatchOperations(
        {
          namespace: target.namespace,
          pageSize: p.pageSize ?? 100,
          nextPageToken: fromBase64(p.nextPageToken),
        },
        { signal },
      ),
    signal,
  );
  const token = toBase64(res.nextPageToken);
  const operations = res.operationInfo.map(view);
  return token ? { operations, nextPageToken: token } : { operations };
}
