// Results (query answers, update results, workflow outcomes, descriptions, history) open as
// read-only JSON documents named after what they show; a short value is a notification instead,
// with a button to open it. Every outcome also goes to the Results view, so a vanished toast
// loses nothing.
import * as vscode from 'vscode';
import type { JsonValue } from '../../shared/src/protocol';
import { openResultDocument } from './resultDocuments';
import { shortText } from './views/workflowsModel';

/** One operation's outcome, kept for the Results view. */
export interface OperationResult {
  /** What happened, e.g. "Query 'value' on 'order-42': 7" or "Terminate 'order-42' failed: …". */
  headline: string;
  ok: boolean;
  at: Date;
  /** Document name and value, when there is something to open. */
  document?: { name: string; value: unknown; raw?: unknown };
  /** What reopening does instead, e.g. wait for and show a started workflow's result. */
  reopen?: () => Promise<unknown>;
}

class ResultLog {
  private readonly entries: OperationResult[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  add(entry: OperationResult): void {
    this.entries.unshift(entry);
    if (this.entries.length > 200) this.entries.pop();
    this.changed.fire();
  }

  clear(): void {
    this.entries.length = 0;
    this.changed.fire();
  }

  all(): readonly OperationResult[] {
    return this.entries;
  }
}

/** Every operation's outcome since the editor started, newest first. */
export const resultLog = new ResultLog();

/** Opens a result's document again (Results view). */
export async function reopenResult(entry: OperationResult): Promise<void> {
  if (entry.reopen) await entry.reopen();
  else if (entry.document)
    await openResultDocument(entry.document.name, entry.document.value, {
      raw: entry.document.raw,
    });
  else
    void (entry.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage)(
      entry.headline,
    );
}

/**
 * Opens `value` as a read-only JSON document titled `name` (e.g. "history of order-42"); the same
 * name reuses its document. `raw` (the exact server form) is one click away when given.
 */
export async function openJsonDocument(
  value: unknown,
  options: { name: string; raw?: unknown; preserveFocus?: boolean; headline?: string },
): Promise<vscode.TextEditor> {
  resultLog.add({
    headline: options.headline ?? options.name,
    ok: true,
    at: new Date(),
    document: { name: options.name, value, raw: options.raw },
  });
  return openResultDocument(options.name, value, {
    raw: options.raw,
    preserveFocus: options.preserveFocus,
  });
}

const showResults = 'Show in Results';

/** Records an outcome without a document (signal sent, terminated ...) and shows it in a toast. */
export function reportOutcome(headline: string, ok = true): void {
  resultLog.add({ headline, ok, at: new Date() });
  const show = ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(headline, showResults).then(
    (picked) => picked && vscode.commands.executeCommand('temporal.results.focus'),
  );
}

/**
 * Shows a result: "<headline>: <value>" as a notification when the value is short, else the
 * headline plus the value in a JSON document named `name`. `failed` shows it as a warning.
 */
export async function showResult(
  headline: string,
  value: JsonValue | undefined,
  options: { failed?: boolean; name?: string } = {},
): Promise<void> {
  const short = shortText(value);
  const show = options.failed
    ? vscode.window.showWarningMessage
    : vscode.window.showInformationMessage;
  const name = options.name ?? headline.replace(/'/g, '');
  const entry: OperationResult = {
    headline: short !== undefined ? `${headline}: ${short}` : headline,
    ok: !options.failed,
    at: new Date(),
    document: { name, value: value ?? null },
  };
  resultLog.add(entry);
  if (short !== undefined) {
    // Not awaited: the promise settles only when the notification is dismissed.
    void show(entry.headline, 'Open as JSON', showResults).then((picked) => {
      if (picked === 'Open as JSON') return reopenResult(entry);
      if (picked === showResults) return vscode.commands.executeCommand('temporal.results.focus');
    });
    return;
  }
  void show(headline, showResults).then(
    (picked) => picked && vscode.commands.executeCommand('temporal.results.focus'),
  );
  await reopenResult(entry);
}
