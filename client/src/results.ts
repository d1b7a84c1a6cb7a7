// Results (query answers, update results, workflow outcomes, descriptions, history) open as
// formatted JSON documents named after what they show; a short value is a notification instead,
// with a button to open it.
import * as vscode from 'vscode';
import type { JsonValue } from '../../shared/src/protocol';
import { untitledUri } from './input/payloadEditor';
import { shortText } from './views/workflowsModel';

/**
 * Opens `value` as a formatted, unsaved JSON document beside the current editor, titled `name`
 * (e.g. "history of order-42.json") when given.
 */
export async function openJsonDocument(
  value: unknown,
  options: { name?: string; preserveFocus?: boolean } = {},
): Promise<vscode.TextEditor> {
  const content = `${JSON.stringify(value, null, 2)}\n`;
  let doc: vscode.TextDocument;
  if (options.name) {
    const uri = untitledUri(`${options.name}.json`);
    doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), content);
    await vscode.workspace.applyEdit(edit);
  } else {
    doc = await vscode.workspace.openTextDocument({ language: 'json', content });
  }
  return vscode.window.showTextDocument(doc, {
    preview: false,
    preserveFocus: options.preserveFocus,
    viewColumn: vscode.ViewColumn.Beside,
  });
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
  if (short !== undefined) {
    // Not awaited: the promise settles only when the notification is dismissed.
    void show(`${headline}: ${short}`, 'Open as JSON').then(
      (picked) => picked && openJsonDocument(value ?? null, { name }),
    );
    return;
  }
  void show(headline);
  await openJsonDocument(value ?? null, { name });
}
