/**
 * Stable error kinds carried in `ResponseError.data.kind` of every failed custom request.
 * The numeric LSP error code is derived from the kind (see `errorCodeOf`), so clients that
 * only look at codes still get a stable value.
 */
export const ErrorKinds = [
  'Unavailable',
  'NotFound',
  'InvalidInput',
  'PermissionDenied',
  'Unauthenticated',
  'AlreadyExists',
  'AlreadyStarted',
  'FailedPrecondition',
  'DeadlineExceeded',
  'Cancelled',
  'ResourceExhausted',
  'Unsupported',
  'ReadOnly',
  'TlsConfig',
  'ProfileConfig',
  'Internal',
] as const;

export type ErrorKind = (typeof ErrorKinds)[number];

/** Extra data on a failed request: the kind plus what it concerned. */
export interface ErrorData {
  kind: ErrorKind;
  /** Server address the failing call went to, when there was one. */
  address?: string;
  namespace?: string;
  /** gRPC status name, when the failure came from the server. */
  grpcStatus?: string;
  /** Raw detail from the transport or server, for the output channel. */
  detail?: string;
  /** The profile asks for a stored API key and none is stored for its address. */
  apiKeyMissing?: boolean;
}

/** LSP error codes for our kinds: a private range below the JSON-RPC reserved ones. */
export function errorCodeOf(kind: ErrorKind): number {
  return -33000 - ErrorKinds.indexOf(kind);
}
