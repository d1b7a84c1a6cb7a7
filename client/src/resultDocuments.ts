// Read-only documents for what the workbench shows (results, descriptions, histories, events):
// a content provider with its own scheme, so closing one never asks to save it. A name is one
// document: showing "history of order-42" again replaces its text instead of opening another.
// All of them open in one editor group (beside the code the first time, the same group after).
import * as vscode from 'vscode';
import { boundLongStrings, DISPLAY_STRING_LIMIT, sizeText } from '../../shared/src/displayBounds';

export const resultScheme = 'temporal-result';

/** Scheme-relative path of the raw twin of a decoded document. */
const rawSuffix = ' (raw).json';
/** Scheme-relative path of the uncut twin of a document whose long strings were cut. */
const fullSuffix = ' (full).json';

class ResultDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.texts.get(uri.path) ?? '// This result is no longer available: run the command again.\n'
    );
  }

  set(uri: vscode.Uri, text: string): void {
    const before = this.texts.get(uri.path);
    this.texts.set(uri.path, text);
    if (before !== undefined && before !== text) this.changed.fire(uri);
  }

  has(uri: vscode.Uri): boolean {
    return this.texts.has(uri.path);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const provider = new ResultDocumentProvider();

/** Registers the scheme; once, at activation. */
export function registerResultDocuments(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(resultScheme, provider),
  );
}

/** The URI of the document named `name` (file-name safe). */
export function resultUri(name: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: resultScheme,
    path: `/${name.replace(/[\\/:*?"<>|]/g, '-')}.json`,
  });
}

/** The group result documents live in: the one already showing one, else beside the code. */
function resultColumn(): vscode.ViewColumn {
  for (const group of vscode.window.tabGroups.all) {
    if (
      group.tabs.some(
        (t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === resultScheme,
      )
    )
      return group.viewColumn;
  }
  return vscode.ViewColumn.Beside;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Shows `value` as formatted JSON in the read-only document `name`. With `raw`, the exact form
 * (e.g. base64 payloads) is kept one click away: the "Show Raw" title action opens it.
 */
export async function openResultDocument(
  name: string,
  value: unknown,
  options: { raw?: unknown; preserveFocus?: boolean; preview?: boolean } = {},
): Promise<vscode.TextEditor> {
  const uri = resultUri(name);
  const cut = setBounded(uri, value);
  if (options.raw !== undefined) setBounded(rawTwin(uri), options.raw);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, {
    preview: options.preview ?? true,
    preserveFocus: options.preserveFocus,
    viewColumn: resultColumn(),
  });
  if (cut) void offerFullText(name, uri, cut);
  return editor;
}

/**
 * Sets the text of `uri` with long strings cut (a 2 MB payload would make the editor crawl)
 * and keeps the whole text in its "(full)" twin. Returns the longest cut string's length.
 */
function setBounded(uri: vscode.Uri, value: unknown): number | undefined {
  const bounded = boundLongStrings(value);
  provider.set(uri, json(bounded.value));
  if (!bounded.cut.length) return undefined;
  provider.set(fullTwin(uri), json(value));
  return Math.max(...bounded.cut.map((c) => c.length));
}

function fullTwin(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: uri.path.replace(/\.json$/, fullSuffix) });
}

/** Says what was cut, and opens or saves the whole text on request. */
async function offerFullText(name: string, uri: vscode.Uri, longest: number): Promise<void> {
  const full = fullTwin(uri);
  const picked = await vscode.window.showInformationMessage(
    `${name}: a value of ${sizeText(longest)} is cut to its first ${sizeText(DISPLAY_STRING_LIMIT)} so the editor stays responsive.`,
    'Open Full',
    'Save to File…',
  );
  if (picked === 'Open Full') {
    const doc = await vscode.workspace.openTextDocument(full);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: resultColumn() });
  } else if (picked === 'Save to File…') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: `Save ${name}`,
      filters: { JSON: ['json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, full.path.split('/').pop()!) } : {}),
    });
    if (target)
      await vscode.workspace.fs.writeFile(
        target,
        Buffer.from(provider.provideTextDocumentContent(full)),
      );
  }
}

function rawTwin(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: uri.path.replace(/\.json$/, rawSuffix) });
}

/** "Show Raw": the exact form of the active decoded document, in the same group. */
export async function showRawResult(uri?: vscode.Uri): Promise<void> {
  const shown = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!shown || shown.scheme !== resultScheme) return;
  const raw = rawTwin(shown);
  if (!provider.has(raw)) {
    void vscode.window.showInformationMessage(
      'This document is already shown as the server sent it.',
    );
    return;
  }
  const doc = await vscode.workspace.openTextDocument(raw);
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: resultColumn() });
}
