// Every failure that leaves the server is a WorkbenchError: a stable kind plus a message that
// names the address/namespace involved, so the client can present all failures one way.
import * as grpc from '@grpc/grpc-js';
import { ResponseError } from 'vscode-languageserver';
import { errorCodeOf, type ErrorData, type ErrorKind } from '../../shared/src/errors';
import { redact, redactValues } from './redact';

export class WorkbenchError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly data: Omit<ErrorData, 'kind'> = {},
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

export function isGrpcError(err: unknown): err is grpc.ServiceError {
  return err instanceof Error && typeof (err as grpc.ServiceError).code === 'number';
}

/** Where a failing call went, for the message. */
export interface CallContext {
  address: string;
  namespace?: string;
  timeoutMs?: number;
}

const tlsProblem =
  /certificate|ssl|tls|handshake|self[- ]signed|unable to (get|verify)|altname|wrong version number/i;

/** Translates a grpc-js failure into a WorkbenchError with a message a person can act on. */
export function fromGrpcError(err: grpc.ServiceError, ctx: CallContext): WorkbenchError {
  const detail = err.details || err.message;
  const where = {
    address: ctx.address,
    namespace: ctx.namespace,
    grpcStatus: grpc.status[err.code],
    detail,
  };
  const ns = ctx.namespace ? `namespace '${ctx.namespace}' on ` : '';
  switch (err.code) {
    case grpc.status.UNAVAILABLE:
      if (tlsProblem.test(detail)) {
        return new WorkbenchError(
          'TlsConfig',
          `TLS connection to ${ctx.address} failed: ${tlsReason(detail)}. Check the server CA certificate, server name and client certificate of the profile.`,
          where,
        );
      }
      return new WorkbenchError(
        'Unavailable',
        `Temporal at ${ctx.address} is unavailable: ${unavailableReason(detail)}`,
        where,
      );
    case grpc.status.UNAUTHENTICATED:
      return new WorkbenchError(
        'Unauthenticated',
        `Temporal at ${ctx.address} rejected the credentials (${detail}). Check the profile's API key or client certificate.`,
        where,
      );
    case grpc.status.PERMISSION_DENIED:
      return new WorkbenchError(
        'PermissionDenied',
        `Permission denied by ${ns}${ctx.address}: ${detail}`,
        where,
      );
    case grpc.status.NOT_FOUND:
      if (/namespace/i.test(detail) && ctx.namespace) {
        return new WorkbenchError(
          'NotFound',
          `Namespace '${ctx.namespace}' not found on ${ctx.address}`,
          where,
        );
      }
      return new WorkbenchError('NotFound', `${capitalise(detail)} (${ns}${ctx.address})`, where);
    case grpc.status.ALREADY_EXISTS:
      // Start operations turn this into AlreadyStarted, which only they can tell apart.
      return new WorkbenchError('AlreadyExists', capitalise(detail), where);
    case grpc.status.INVALID_ARGUMENT:
      return new WorkbenchError('InvalidInput', capitalise(detail), where);
    case grpc.status.FAILED_PRECONDITION:
      return new WorkbenchError('FailedPrecondition', capitalise(detail), where);
    case grpc.status.DEADLINE_EXCEEDED: {
      const within = ctx.timeoutMs ? ` within ${Math.round(ctx.timeoutMs / 100) / 10} s` : '';
      return new WorkbenchError(
        'DeadlineExceeded',
        `Temporal at ${ctx.address} did not answer${within}`,
        where,
      );
    }
    case grpc.status.CANCELLED:
      return new WorkbenchError('Cancelled', 'Cancelled', where);
    case grpc.status.RESOURCE_EXHAUSTED:
      return new WorkbenchError(
        'ResourceExhausted',
        `Temporal at ${ctx.address} is rate limiting: ${detail}`,
        where,
      );
    case grpc.status.UNIMPLEMENTED:
      return new WorkbenchError(
        'Unsupported',
        `Temporal at ${ctx.address} does not support this: ${detail}`,
        where,
      );
    default:
      return new WorkbenchError('Internal', `Temporal at ${ctx.address} failed: ${detail}`, where);
  }
}

function unavailableReason(detail: string): string {
  if (/ECONNREFUSED/.test(detail)) return 'connection refused (is the server running?)';
  if (/ENOTFOUND|EAI_AGAIN|Name resolution failed|DNS resolution failed/i.test(detail))
    return 'the host name does not resolve';
  if (/ETIMEDOUT|timed out/i.test(detail)) return 'the connection timed out';
  if (/ECONNRESET|Connection dropped|socket hang up/i.test(detail))
    return 'the connection was reset (is TLS needed, or not?)';
  return detail;
}

function tlsReason(detail: string): string {
  if (/self[- ]signed|unable to (get|verify)/i.test(detail))
    return 'the server certificate is not signed by a trusted CA';
  if (/altname|hostname|Hostname\/IP does not match/i.test(detail))
    return 'the server certificate does not match the server name';
  if (/expired/i.test(detail)) return 'a certificate has expired';
  if (/certificate required|alert number 116|bad certificate|alert number 42/i.test(detail)) {
    return 'the server requires a valid client certificate';
  }
  if (/wrong version number|packet length too long/i.test(detail))
    return 'the server does not speak TLS on this port';
  return detail;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Any thrown value -> WorkbenchError (unexpected ones become Internal). */
export function asWorkbenchError(err: unknown, ctx?: CallContext): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  if (ctx && isGrpcError(err)) return fromGrpcError(err, ctx);
  return new WorkbenchError('Internal', err instanceof Error ? err.message : String(err));
}

export function toResponseError(err: unknown): ResponseError<ErrorData> {
  const e = asWorkbenchError(err);
  return new ResponseError<ErrorData>(
    errorCodeOf(e.kind),
    redact(e.message),
    redactValues({ kind: e.kind, ...e.data }),
  );
}
