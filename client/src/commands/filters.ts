// Filtering the Workflows view: a visibility query (with recent and saved queries), a status
// quick filter, and saving the current query per namespace in settings.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import { errorKind, errorMessage } from '../errors';
import { editQueryAsDocument } from './queryDocuments';
import { emptyFilter, filterStatuses } from '../views/workflowsModel';
import { lookOf } from '../views/treeModel';

interface QueryItem extends vscode.QuickPickItem {
  query?: string;
  /** Opens the typed text in a query document instead. */
  edit?: boolean;
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
  // The server checks the query (syntax, attributes of this namespace) before anything is sent.
  // On accept, a query the check passes is also put to the Temporal server, whose rejection is
  // shown the same way until the text changes.
  let checked: { query: string; problem?: QueryProblem } | undefined;
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  let checks = 0;
  const check = async (query: string, askServer: boolean) => {
    const n = ++checks;
    const problem = await queryProblem(ctx, query, askServer);
    if (n === checks) checked = { query, problem }; // a later check (the accept) wins
    return problem;
  };
  const render = () => {
    const typed = qp.value.trim();
    const problem = checked?.query === typed ? checked.problem : undefined;
    const icon = problem ? (problem.severity === 'error' ? '$(error)' : '$(warning)') : '$(search)';
    qp.items = [
      {
        label: typed ? `${icon} ${typed}` : '$(clear-all) All executions',
        description: problem?.severity === 'error' ? undefined : 'apply',
        detail: problem
          ? problem.start === undefined
            ? problem.message
            : `Column ${problem.start + 1}: ${problem.message}`
          : undefined,
        query: typed,
        alwaysShow: true,
      },
      {
        label: '$(edit) Edit as a query document…',
        description: 'highlighting, completion, checks',
        edit: true,
        alwaysShow: true,
      },
      ...base,
    ];
  };
  render();
  qp.onDidChangeValue(() => {
    render();
    clearTimeout(checkTimer);
    const typed = qp.value.trim();
    if (typed)
      checkTimer = setTimeout(
        () => void check(typed, false).then(() => qp.value.trim() === typed && render()),
        250,
      );
  });
  const picked = await new Promise<QueryItem | undefined>((resolve) => {
    qp.onDidAccept(async () => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item?.query) {
        qp.busy = true;
        clearTimeout(checkTimer);
        const problem = await check(item.query, true);
        qp.busy = false;
        if (problem?.severity === 'error') {
          // Keep the picker and the typed text; the first item says what is wrong.
          qp.value = item.query;
          render();
          return;
        }
      }
      resolve(item);
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  const typedAtEnd = qp.value.trim();
  qp.dispose();
  if (picked?.edit) return editQueryAsDocument(ctx, typedAtEnd || provider.filter.query);
  if (!picked || picked.query === undefined) return;
  // Only a query the server accepted is worth offering again.
  if (picked.query) await ctx.memory.addRecentQuery(picked.query);
  await provider.setFilter({ ...provider.filter, query: picked.query });
}

type QueryProblem = Omit<protocol.VisibilityQueryProblem, 'start' | 'end'> & { start?: number };

/**
 * What is wrong with `query` (undefined = accepted, or the server could not be asked: the view
 * reports that itself). The language server checks syntax and this namespace's attributes;
 * with `askServer`, a query that passes is also counted by the Temporal server on its own (not
 * combined with the view's type and status filters, so the message is about the typed text).
 */
async function queryProblem(
  ctx: Ctx,
  query: string,
  askServer: boolean,
): Promise<QueryProblem | undefined> {
  let problem: QueryProblem | undefined;
  try {
    const { problems } = await ctx.request(protocol.checkVisibilityQuery, { query });
    problem = problems.find((p) => p.severity === 'error') ?? problems[0];
  } catch {
    return undefined; // language server not running: the list request will say so
  }
  if (problem?.severity === 'error' || !askServer) return problem;
  // ORDER BY is not part of a count.
  const where = query.replace(/\s*\border\s+by\b[\s\S]*$/i, '').trim();
  if (!where) return problem;
  try {
    await ctx.request(protocol.countWorkflows, { query: where });
    return problem;
  } catch (err) {
    // The server's "at position N" counts in its own rewritten SQL, not in the typed text.
    return errorKind(err) === 'InvalidInput'
      ? {
          message: `${errorMessage(err).replace(/ at position \d+/, '')} in: ${query}`,
          severity: 'error',
        }
      : problem;
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
  const problem = await queryProblem(ctx, picked.query, true);
  if (problem?.severity === 'error') {
    void vscode.window.showErrorMessage(`Saved query '${picked.label}': ${problem.message}`);
    return;
  }
  await ctx.memory.addRecentQuery(picked.query);
  await ctx.views.workflows.setFilter({ ...ctx.views.workflows.filter, query: picked.query });
}
