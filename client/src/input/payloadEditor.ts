// Payload input in a real editor: an untitled JSON-with-comments document, prefilled (last input
// or a skeleton from the source's parameters). "Submit" validates it; a syntax error is shown
// with its line and column and the cursor goes there, the text stays, so nothing typed is lost.
// Closing the document cancels. The body is a snippet (one tab stop per argument). When the call
// made with the input fails (e.g. an update's validator rejects it), the editor stays open with
// the error beside the text, so the user corrects it instead of starting over.
import * as vscode from 'vscode';
import { errorMessage, isCancellation, showError } from '../errors';
import {
  checkJson,
  documentHeader,
  freeName,
  payloadSnippet,
  type ParameterInfo,
} from './jsonText';

interface Pending {
  resolve(text: string | undefined): void;
  /** The call made with the submitted text; a throw keeps the editor open. */
  run?: (text: string) => Promise<unknown>;
}

const activeKey = 'temporal.payloadEditorActive';

export class PayloadEditors implements vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly subs: vscode.Disposable[];
  private readonly running = new Set<string>();
  private readonly problems = vscode.languages.createDiagnosticCollection('temporal-input');

  constructor() {
    this.subs = [
      this.problems,
      vscode.window.onDidChangeActiveTextEditor((e) => void this.updateContext(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.settle(d.uri.toString(), undefined)),
      // A closed tab may leave the document alive for a while: no tab showing it = cancelled.
      vscode.window.tabGroups.onDidChangeTabs(({ closed }) => {
        for (const tab of closed) {
          const uri =
            tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : undefined;
          if (uri && this.pending.has(uri) && !this.isShown(uri)) this.settle(uri, undefined);
        }
      }),
    ];
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.settle(uri, undefined);
    this.subs.forEach((d) => d.dispose());
  }

  /**
   * Opens the payload document and resolves with its JSON text ('' = no input) once submitted,
   * or undefined when the user closed it.
   */
  async edit(options: {
    name: string;
    title: string;
    parameters?: readonly ParameterInfo[];
    body: string;
    action: string;
    run?: (text: string) => Promise<unknown>;
    /** Extra comment lines of the header (e.g. syntax with examples). */
    notes?: readonly string[];
    /** Called on each edit of the document (e.g. to keep a derived field in step). */
    onEdit?: (doc: vscode.TextDocument) => void;
  }): Promise<string | undefined> {
    const uri = untitledUri(`${options.name}.jsonc`);
    // Pending before the editor shows: the active-editor event then already sets the submit
    // context, so a quick Ctrl+Enter never becomes "insert line below".
    const onEdit = options.onEdit;
    const listener =
      onEdit &&
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === uri.toString() && e.contentChanges.length)
          onEdit(e.document);
      });
    const result = new Promise<string | undefined>((resolve) =>
      this.pending.set(uri.toString(), { resolve, run: options.run }),
    ).finally(() => listener?.dispose());
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const header = documentHeader(options.title, options.parameters, options.action, options.notes);
    await this.updateContext(vscode.window.activeTextEditor);
    // The editor object may have been replaced while the context was set: edit the document, then
    // insert the snippet into whichever editor shows it now.
    const headerEdit = new vscode.WorkspaceEdit();
    headerEdit.insert(uri, new vscode.Position(0, 0), `${header}\n`);
    await vscode.workspace.applyEdit(headerEdit);
    const shown =
      vscode.window.visibleTextEditors.find((e) => e.document === doc) ??
      (await vscode.window.showTextDocument(doc, { preview: false }));
    // A snippet, not selected text: typing replaces one value (no auto-surround of the whole).
    await shown.insertSnippet(
      new vscode.SnippetString(payloadSnippet(options.body, options.parameters)),
      doc.positionAt(header.length),
    );
    return result;
  }

  /** The Submit command: validates the active payload document and hands its text over. */
  async submit(): Promise<void> {
    const editor = this.activeEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('No Temporal input is being edited.');
      return;
    }
    const doc = editor.document;
    const check = checkJson(doc.getText());
    if (!check.ok) {
      const at = doc.positionAt(check.offset);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(
        new vscode.Range(at, at),
        vscode.TextEditorRevealType.InCenterIfOutsideViewport,
      );
      const message = `The input is not valid JSON: line ${check.line}, column ${check.column}: ${check.message}.`;
      this.problems.set(doc.uri, [
        new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), message),
      ]);
      void vscode.window.showErrorMessage(message);
      return;
    }
    const uri = doc.uri.toString();
    const pending = this.pending.get(uri);
    this.problems.delete(doc.uri);
    if (pending?.run) {
      if (this.running.has(uri)) return; // a second Ctrl+Enter while the call is on its way
      this.running.add(uri);
      try {
        await pending.run(check.text);
      } catch (err) {
        if (isCancellation(err)) return;
        // Shown on the input itself (whole body) and as a notification; the text stays.
        const body = new vscode.Range(
          doc.positionAt(doc.getText().search(/^[^/\s]/m)),
          doc.positionAt(doc.getText().length),
        );
        this.problems.set(doc.uri, [
          new vscode.Diagnostic(body, errorMessage(err), vscode.DiagnosticSeverity.Error),
        ]);
        void showError(err);
        return;
      } finally {
        this.running.delete(uri);
      }
    }
    this.pending.delete(uri);
    // Handed over before the editor closes: what follows (toasts, refreshes) never waits on it.
    pending?.resolve(check.text);
    if (vscode.window.activeTextEditor?.document === doc)
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    else await this.closeDocument(doc);
    void this.updateContext(vscode.window.activeTextEditor);
  }

  /** Closes the tabs of a payload document that is not the active editor (unsaved text dropped). */
  private async closeDocument(doc: vscode.TextDocument): Promise<void> {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }

  /** The Cancel command: closes the active payload document. */
  async cancel(): Promise<void> {
    const editor = this.activeEditor();
    if (!editor) return;
    this.settle(editor.document.uri.toString(), undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }

  private activeEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    return editor && this.pending.has(editor.document.uri.toString()) ? editor : undefined;
  }

  private isShown(uri: string): boolean {
    return vscode.window.tabGroups.all.some((g) =>
      g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri),
    );
  }

  private settle(uri: string, text: string | undefined): void {
    const pending = this.pending.get(uri);
    if (!pending) return;
    this.pending.delete(uri);
    this.problems.delete(vscode.Uri.parse(uri));
    pending.resolve(text);
    void this.updateContext(vscode.window.activeTextEditor);
  }

  private async updateContext(editor: vscode.TextEditor | undefined): Promise<void> {
    await vscode.commands.executeCommand(
      'setContext',
      activeKey,
      !!editor && this.pending.has(editor.document.uri.toString()),
    );
  }
}

/** An untitled document URI named `name` (file-name safe), numbered if that name is open. */
export function untitledUri(name: string): vscode.Uri {
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const make = (n: string) => vscode.Uri.from({ scheme: 'untitled', path: n });
  return make(freeName(name.replace(/[\\/:*?"<>|]/g, '-'), (n) => open.has(make(n).toString())));
}
