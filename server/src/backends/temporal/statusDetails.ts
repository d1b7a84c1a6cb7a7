// Update-with-start fails as a whole with "could not be executed"; the reason is in the gRPC
// status details (google.rpc.Status -> temporal.api.errordetails.v1.MultiOperationExecutionFailure
// -> one status per operation). Those two messages are read by hand: they are tiny and the
// errordetails protos are not generated.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import type * as grpc from '@grpc/grpc-js';
import { isGrpcError } from '../../errors';

interface Status {
  code: number;
  message: string;
  details: { typeUrl: string; value: Uint8Array }[];
}

/** Reads a google.rpc.Status, or the identically laid out OperationStatus. */
function readStatus(bytes: Uint8Array): Status {
  const r = new BinaryReader(bytes);
  const status: Status = { code: 0, message: '', details: [] };
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 1 && wire === WireType.Varint) status.code = r.int32();
    else if (field === 2 && wire === WireType.LengthDelimited) status.message = r.string();
    else if (field === 3 && wire === WireType.LengthDelimited) {
      const any = new BinaryReader(r.bytes());
      const detail: Status['details'][number] = { typeUrl: '', value: new Uint8Array() };
      while (any.pos < any.len) {
        const [f, w] = any.tag();
        if (f === 1 && w === WireType.LengthDelimited) detail.typeUrl = any.string();
        else if (f === 2 && w === WireType.LengthDelimited) detail.value = any.bytes();
        else any.skip(w);
      }
      status.details.push(detail);
    } else r.skip(wire);
  }
  return status;
}

const MULTI_OPERATION_FAILURE = 'temporal.api.errordetails.v1.MultiOperationExecutionFailure';
const ABORTED = 10;

/**
 * Replaces a multi-operation failure's code and message with those of the operation that
 * failed (the others only say they were aborted); other errors pass through unchanged.
 */
export function multiOperationCause(err: unknown): unknown {
  if (!isGrpcError(err)) return err;
  const raw = (err as grpc.ServiceError).metadata?.get('grpc-status-details-bin')?.[0];
  if (!raw || typeof raw === 'string') return err;
  try {
    const detail = readStatus(raw).details.find((d) => d.typeUrl.endsWith(MULTI_OPERATION_FAILURE));
    if (!detail) return err;
    const statuses: Status[] = [];
    const r = new BinaryReader(detail.value);
    while (r.pos < r.len) {
      const [field, wire] = r.tag();
      if (field === 1 && wire === WireType.LengthDelimited) statuses.push(readStatus(r.bytes()));
      else r.skip(wire);
    }
    const cause =
      statuses.find((s) => s.code !== 0 && s.code !== ABORTED) ??
      statuses.find((s) => s.code !== 0);
    if (!cause) return err;
    return Object.assign(err, { code: cause.code, details: cause.message });
  } catch {
    return err; // unreadable details: the general message is still true
  }
}
