// Long calls get a cancellable progress notification, but only when they take more than 300 ms
// (a flash of progress on every quick call is noise). Cancelling cancels the LSP request, which
// reaches the server and aborts its gRPC call.
import * as vscode from 'vscode';

const quietMs = 300;

/**
 * Runs `work` with a cancellation token; shows cancellable progress titled `title` if it is still
 * running after 300 ms. Rejects with vscode.CancellationError when the user cancelled.
 */
export async function withCancellableProgress<T>(
  title: string,
  work: (token: vscode.CancellationToken) => Promise<T>,
): Promise<T> {
  const source = new vscode.CancellationTokenSource();
  const running = work(source.token);
  let settled = false;
  const done = running.then(
    () => (settled = true),
    () => (settled = true),
  );
  const timer = setTimeout(() => {
    if (settled) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => {
        const sub = token.onCancellationRequested(() => source.cancel());
        return done.finally(() => sub.dispose());
      },
    );
  }, quietMs);
  try {
    const result = await running;
    if (source.token.isCancellationRequested) throw new vscode.CancellationError();
    return result;
  } catch (err) {
    if (source.token.isCancellationRequested) throw new vscode.CancellationError();
    throw err;
  } finally {
    clearTimeout(timer);
    source.dispose();
  }
}
