// Filtering the Workflows view: a visibility query (with recent and saved queries), a status
// quick filter, and saving the current query per namespace in settings.
import * as vscode from 'vscode';
import { Config } from '../config';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { errorKind, errorMessage } from '../errors';
import { emptyFilter, filterStatuses } from '../views/workflowsModel';
import { lookOf } from '../views/treeModel';

interface QueryItem extends vscode.QuickPickItem {
  query?: string;
}

/** Query input: type a visibility query, or pick a saved or recent one. */
export async function filterWorkflows(ctx: Ctx): Promise<void> {
  const provider = ctx.views.workflows;
  const namespace = ctx.status.namespace ?? '';
  const saved = Config.client().savedQueries[namespace] ?? [];
  const recent = ctx.memory.recentQueries();
  const base: QueryItem[] = [
    ...(saved.length
      ? [{ label: `Saved for ${namespace}`, kind: vscode.QuickPickItemKind.Separator }]
      : []),
    ...saved.map((s) => ({ label: `$(bookmark) ${s.name}`, description: s.query, query: s.query })),
    ...(recent.length ? [{ label: 'Recent', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...recent.map((q) => ({ label: `$(history) ${q}`, query: q })),
  ];
  const qp = vscode.window.createQuickPick<QueryItem>();
  qp.title = 'Filter Workflows';
  qp.placeholder =
    "Visibility query, e.g. WorkflowType = 'greeting' AND ExecutionStatus = 'Running' (empty = all)";
  qp.value = provider.filter.query;
  qp.matchOnDescription = true;
  // The server's complaint about the query as typed, shown until the text changes.
  let problem: { query: string; message: string } | undefined;
  const render = () => {
    const typed = qp.value.trim();
    qp.items = [
      ...(problem && problem.query === typed
        ? [{ label: `$(error) ${problem.message}`, kind: vscode.QuickPickItemKind.Separator }]
        : []),
      {
        label: typed ? `$(search) ${typed}` : '$(clear-all) All executions',
        description: 'apply',
        query: typed,
      },
      ...base,
    ];
  };
  render();
  qp.onDidChangeValue(render);
  // The server checks the query as the user typed it (not combined with the view's type and
  // status filters), so an error's position points into their own text; the picker stays open.
  const picked = await new Promise<QueryItem | undefined>((resolve) => {
    qp.onDidAccept(async () => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (!item?.query) return resolve(item);
      qp.busy = true;
      const message = await queryProblem(ctx, item.query);
      qp.busy = false;
      if (!message) return resolve(item);
      problem = { query: item.query, message };
      if (qp.value.trim() !== item.query) qp.value = item.query;
      render();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (!picked || picked.query === undefined) return;
  // Only a query the server accepted is worth offering again.
  if (picked.query) await ctx.memory.addRecentQuery(picked.query);
  await provider.setFilter({ ...provider.filter, query: picked.query });
}

/**
 * What the server says is wrong with `query` on its own (undefined = accepted, or the server
 * could not be asked: the view reports that itself). ORDER BY is not part of a count.
 */
async function queryProblem(ctx: Ctx, query: string): Promise<string | undefined> {
  const where = query.replace(/\s*\border\s+by\b[\s\S]*$/i, '').trim();
  if (!where) return undefined;
  try {
    await ctx.request(protocol.countWorkflows, { query: where });
    return undefined;
  } catch (err) {
    // The server's "at position N" counts in its own rewritten SQL, not in the typed text.
    return errorKind(err) === 'InvalidInput'
      ? `${errorMessage(err).replace(/ at position \d+/, '')} in: ${query}`
      : undefined;
  }
}

/** Status quick filter (several may be picked; none = every status). */
export async function filterWorkflowsByStatus(ctx: Ctx): Promise<void> {
  const provider = ctx.views.workflows;
  const items = filterStatuses.map((s) => ({
    label: `$(${lookOf(s).icon.replace('~spin', '')}) ${lookOf(s).label}`,
    status: s,
    picked: provider.filter.statuses.includes(s),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Filter Workflows by Status',
    placeHolder: 'Statuses to show (none = all)',
    canPickMany: true,
  });
  if (!picked) return;
  await provider.setFilter({ ...provider.filter, statuses: picked.map((p) => p.status) });
}

export async function clearWorkflowFilter(ctx: Ctx): Promise<void> {
  await ctx.views.workflows.setFilter(emptyFilter);
}

/** Saves the current typed query under a name for this namespace (user settings). */
export async function saveWorkflowQuery(ctx: Ctx): Promise<void> {
  const query = ctx.views.workflows.filter.query.trim();
  const namespace = ctx.status.namespace;
  if (!query || !namespace) {
    void vscode.window.showInformationMessage(
      'Set a query with "Filter Workflows" first; then it can be saved.',
    );
    return;
  }
  const name = await vscode.window.showInputBox({
    title: `Save Query for ${namespace}`,
    prompt: query,
    placeHolder: 'Name',
    validateInput: (v) => (v.trim() ? undefined : 'The name cannot be empty'),
  });
  if (!name) return;
  await Config.saveQuery(namespace, { name: name.trim(), query });
  void vscode.window.showInformationMessage(`Saved query '${name.trim()}' for ${namespace}.`);
}

export async function runSavedQuery(ctx: Ctx): Promise<void> {
  const namespace = ctx.status.namespace ?? '';
  const saved = Config.client().savedQueries[namespace] ?? [];
  if (!saved.length) {
    void vscode.window.showInformationMessage(
      `No saved queries for ${namespace || 'this namespace'} (setting temporal.savedQueries).`,
    );
    return;
  }
  const picked = await vscode.window.showQuickPick(
    saved.map((s) => ({ label: s.name, description: s.query, query: s.query })),
    { title: `Saved Queries of ${namespace}`, matchOnDescription: true },
  );
  if (!picked) return;
  const problem = await queryProblem(ctx, picked.query);
  if (problem) {
    void vscode.window.showErrorMessage(`Saved query '${picked.label}': ${problem}`);
    return;
  }
  await ctx.memory.addRecentQuery(picked.query);
  await ctx.views.workflows.setFilter({ ...ctx.views.workflows.filter, query: picked.query });
}
