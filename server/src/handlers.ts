// Thin request plumbing: LSP cancellation -> AbortSignal, any failure -> a typed ResponseError.
import type { Connection, RequestType } from 'vscode-languageserver';
import { toResponseError } from './errors';

export type Handler<P, R> = (params: P, signal: AbortSignal) => Promise<R>;

export function handle<P, R>(
  connection: Connection,
  type: RequestType<P, R, void>,
  fn: Handler<P, R>,
): void {
  connection.onRequest(type, async (params, token) => {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      return await fn(params, controller.signal);
    } catch (err) {
      const response = toResponseError(err);
      connection.console.warn(`${type.method} failed: ${response.message}`);
      throw response;
    } finally {
      sub.dispose();
    }
  });
}
