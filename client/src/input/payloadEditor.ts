// Payload input in a real editor: an untitled JSON-with-comments document, prefilled (last input
// or a skeleton from the source's parameters). "Submit" validates it; a syntax error is shown
// with its line and column and the cursor goes there, the text stays, so nothing typed is lost.
// Closing the document cancels.
import * as vscode from 'vscode';
import { checkJson, documentHeader, freeName, type ParameterInfo } from './jsonText';

interface Pending {
  resolve(text: string | undefined): void;
}

const activeKey = 'temporal.payloadEditorActive';

export class PayloadEditors implements vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly subs: vscode.Disposable[];

  constructor() {
    this.subs = [
      vscode.window.onDidChangeActiveTextEditor((e) => this.updateContext(e)),
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
    /** Why the previous submission was refused: shown once the document is open again. */
    error?: string;
  }): Promise<string | undefined> {
    const uri = untitledUri(`${options.name}.jsonc`);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const header = documentHeader(options.title, options.parameters, options.action);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), `${header}${options.body}\n`));
    // The body is selected: typing replaces the skeleton.
    const bodyStart = doc.positionAt(header.length);
    editor.selection = new vscode.Selection(
      bodyStart,
      doc.positionAt(header.length + options.body.length),
    );
    const result = new Promise<string | undefined>((resolve) =>
      this.pending.set(uri.toString(), { resolve }),
    );
    this.updateContext(vscode.window.activeTextEditor);
    if (options.error) void vscode.window.showErrorMessage(options.error);
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
      void vscode.window.showErrorMessage(
        `The input is not valid JSON: line ${check.line}, column ${check.column}: ${check.message}.`,
      );
      return;
    }
    const uri = doc.uri.toString();
    const pending = this.pending.get(uri);
    this.pending.delete(uri);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    this.updateContext(vscode.window.activeTextEditor);
    pending?.resolve(check.text);
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
    pending.resolve(text);
    this.updateContext(vscode.window.activeTextEditor);
  }

  private updateContext(editor: vscode.TextEditor | undefined): void {
    void vscode.commands.executeCommand(
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
