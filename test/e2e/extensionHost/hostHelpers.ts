// Helpers the extension-host suites share (each suite is bundled with them on its own).
import type * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../../../client/src/ctx';

/**
 * Polls `fn` until it returns a truthy value; a throw counts as "not yet" (the last one is named
 * if time runs out). The 200 ms is the poll interval, not a pause the test relies on.
 */
export async function waitFor<T>(
  what: string,
  fn: () => T | Promise<T>,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200)); // poll interval: the loop waits for the condition
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * ctx.request by method name: this bundle's RequestType objects are not the extension's (the
 * JSON-RPC layer checks their parameter-structure marker by identity).
 */
export function request<P, R>(ctx: Ctx, type: protocol.RequestTypeOf<P, R>, params: P): Promise<R> {
  return ctx.request(type.method as unknown as protocol.RequestTypeOf<P, R>, params);
}
