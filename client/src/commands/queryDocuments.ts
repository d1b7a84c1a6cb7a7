// Visibility queries as documents: highlighted by the temporal-query grammar, checked and
// completed by the language server, applied to the Workflows view from the editor title.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';

export const queryLanguageId = 'temporal-query';

/** Opens a query (the typed filter, or the view's current one) in an untitled query document. */
export async function editQueryAsDocument(ctx: Ctx, query?: unknown): Promise<void> {
  const content = typeof query === 'string' ? query : ctx.views.workflows.filter.query;
  const doc = await vscode.workspace.openTextDocument({ language: queryLanguageId, content });
  await vscode.window.showTextDocument(doc);
}

/** Applies the active query document as the Workflows filter, unless the server finds errors in it. */
export async function applyQueryDocument(ctx: Ctx): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== queryLanguageId) {
    void vscode.window.showInformationMessage(
      'Open a Temporal query document (.tquery) to apply it as the Workflows filter.',
    );
    return;
  }
  const query = editor.document.getText().replace(/\s+/g, ' ').trim();
  const { problems } = await ctx.request(protocol.checkVisibilityQuery, { query });
  const error = problems.find((p) => p.severity === 'error');
  if (error) {
    // The same problem is underlined in the document; nothing was sent.
    void vscode.window.showErrorMessage(
      `The query was not applied: ${error.message} (column ${error.start + 1})`,
    );
    return;
  }
  if (query) await ctx.memory.addRecentQuery(query);
  await ctx.views.workflows.setFilter({ ...ctx.views.workflows.filter, query });
  await vscode.commands.executeCommand('temporal.workflows.focus');
}
