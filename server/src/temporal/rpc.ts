// One generic adapter from protobuf-es service descriptors to grpc-js unary calls, so no
// method is wired by hand: every RPC of a generated service becomes a typed async function.
import { fromBinary, toBinary, create } from '@bufbuild/protobuf';
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import * as grpc from '@grpc/grpc-js';

export interface CallOptions {
  /** Milliseconds until the call is abandoned with DEADLINE_EXCEEDED. */
  timeoutMs?: number;
  /** Cancels the call (e.g. an LSP request cancellation). */
  signal?: AbortSignal;
  /** Extra metadata for this call only. */
  metadata?: Record<string, string>;
}

type UnaryKeys<T extends GenServiceMethods> = {
  [K in keyof T]: T[K]['methodKind'] extends 'unary' ? K : never;
}[keyof T];

export type RpcClient<T extends GenServiceMethods> = {
  [K in UnaryKeys<T>]: (
    request: MessageInitShape<T[K]['input']>,
    options?: CallOptions,
  ) => Promise<MessageShape<T[K]['output']>>;
};

/** Adds the per-connection metadata (auth, rpc metadata) and default deadline to every call. */
export interface CallDefaults {
  metadata: () => Record<string, string>;
  timeoutMs: number;
}

export function createRpcClient<T extends GenServiceMethods>(
  service: GenService<T>,
  channel: grpc.Client,
  defaults: CallDefaults,
): RpcClient<T> {
  const client: Record<string, unknown> = {};
  for (const method of service.methods) {
    if (method.methodKind !== 'unary') continue;
    const path = `/${service.typeName}/${method.name}`;
    const input = method.input as DescMessage;
    const output = method.output as DescMessage;
    const serialize = (msg: MessageShape<DescMessage>) => Buffer.from(toBinary(input, msg));
    const deserialize = (bytes: Buffer) => fromBinary(output, bytes);
    client[method.localName] = (
      request: MessageInitShape<DescMessage>,
      options: CallOptions = {},
    ) =>
      new Promise((resolve, reject) => {
        if (options.signal?.aborted) return reject(cancelledError(path));
        const metadata = new grpc.Metadata();
        for (const [k, v] of Object.entries({ ...defaults.metadata(), ...options.metadata })) {
          metadata.set(k, v);
        }
        const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
        const call = channel.makeUnaryRequest(
          path,
          serialize,
          deserialize,
          create(input, request),
          metadata,
          { deadline: Date.now() + timeoutMs },
          (err, value) => {
            options.signal?.removeEventListener('abort', onAbort);
            if (err) reject(err);
            else resolve(value);
          },
        );
        const onAbort = () => call.cancel();
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
  }
  return client as RpcClient<T>;
}

function cancelledError(path: string): grpc.ServiceError {
  return Object.assign(new Error(`${path} cancelled`), {
    code: grpc.status.CANCELLED,
    details: 'cancelled before it was sent',
    metadata: new grpc.Metadata(),
  });
}
