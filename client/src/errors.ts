// One presentation for every failed request: the server's message (which already names the
// address/namespace) plus the action that usually fixes that kind of failure.
import * as vscode from 'vscode';
import type { ErrorData } from '../../shared/src/protocol';
import { resultLog } from './results';

export function errorKind(err: unknown): string | undefined {
  return (err as { data?: ErrorData }).data?.kind;
}

/** The user (or a closed editor) cancelled: nothing to report. */
export function isCancellation(err: unknown): boolean {
  return errorKind(err) === 'Cancelled' || err instanceof vscode.CancellationError;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const fixes: Record<string, { label: string; command: string }> = {
  Unauthenticated: { label: 'Set API Key', command: 'temporal.setApiKey' },
  ProfileConfig: { label: 'Select Profile', command: 'temporal.selectProfile' },
  TlsConfig: { label: 'Open Settings', command: 'temporal.openSettings' },
  Unavailable: { label: 'Select Profile', command: 'temporal.selectProfile' },
};

export async function showError(err: unknown, output?: vscode.OutputChannel): Promise<void> {
  const message = errorMessage(err);
  if (isCancellation(err)) return;
  output?.appendLine(`[error] ${message}`);
  // Kept in the Results view too: a long message is cut off in a toast, whole in its document.
  resultLog.add({
    headline: message,
    ok: false,
    at: new Date(),
    document: { name: 'error', value: { error: message, kind: errorKind(err) ?? null } },
  });
  const fix = fixes[errorKind(err) ?? ''];
  const showResults = 'Show in Results';
  const picked = await vscode.window.showErrorMessage(
    message,
    ...(fix ? [fix.label] : []),
    showResults,
  );
  if (fix && picked === fix.label) await vscode.commands.executeCommand(fix.command);
  if (picked === showResults) await vscode.commands.executeCommand('temporal.results.focus');
}
