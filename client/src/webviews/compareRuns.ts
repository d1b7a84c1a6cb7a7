// "Compare with…": two runs (for instance before and after a reset) side by side in VS Code's
// diff editor, one line per event (see shared/src/compareRuns.ts for why lines pair by event).
import * as vscode from 'vscode';
import { comparableLines } from '../../../shared/src/compareRuns';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';

const SCHEME = 'temporal-compare';
const documents = new Map<string, string>();
let registered = false;

function register(ctx: Ctx): void {
  if (registered) return;
  registered = true;
  ctx.extension.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      provideTextDocumentContent: (uri) => documents.get(uri.path) ?? '',
    }),
  );
}

async function historyOf(
  ctx: Ctx,
  ref: { workflowId: string; runId: string },
): Promise<protocol.HistoryEventView[]> {
  const events: protocol.HistoryEventView[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await ctx.request(protocol.getWorkflowHistory, {
      ...ref,
      pageSize: 1000,
      nextPageToken,
    });
    events.push(...page.events);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return events;
}

/** Asks for the other run (of the same workflow id, or a history file) and opens the diff. */
export async function compareWith(
  ctx: Ctx,
  current: {
    label: string;
    workflowId?: string;
    runId?: string;
    events: readonly protocol.HistoryEventView[];
  },
): Promise<void> {
  register(ctx);
  const items: (vscode.QuickPickItem & { runId?: string; file?: true })[] = [];
  if (current.workflowId) {
    const { executions } = await ctx.request(protocol.listWorkflowRuns, {
      workflowId: current.workflowId,
      pageSize: 50,
    });
    for (const e of executions)
      if (e.runId !== current.runId)
        items.push({
          label: e.runId,
          description: `${e.status} · ${e.startTime ?? ''}`,
          runId: e.runId,
        });
  }
  items.push({ label: '$(file) History file…', file: true });
  const picked = await vscode.window.showQuickPick(items, {
    title: `Compare ${current.label} with…`,
  });
  if (!picked) return;
  let other: protocol.HistoryEventView[];
  let otherLabel: string;
  if (picked.file) {
    const uri = (
      await vscode.window.showOpenDialog({ filters: { JSON: ['json'] }, canSelectMany: false })
    )?.[0];
    if (!uri) return;
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const viewId = `compare-${Date.now()}`;
    other = (
      await ctx.request(protocol.importExecutionHistory, { viewId, text, fileName: uri.path })
    ).events;
    void ctx.client?.sendNotification(protocol.closeExecutionView, { viewId });
    otherLabel = uri.path.split('/').pop() ?? 'file';
  } else {
    other = await historyOf(ctx, { workflowId: current.workflowId!, runId: picked.runId! });
    otherLabel = `run ${picked.runId!.slice(0, 8)}`;
  }
  const stamp = Date.now();
  // Both sides name their run: two runs of one workflow id are otherwise told apart by nothing.
  const currentLabel = current.runId ? `run ${current.runId.slice(0, 8)}` : current.label;
  const left = `/${stamp}/${currentLabel}.history`;
  const right = `/${stamp}/${otherLabel}.history`;
  documents.set(left, comparableLines(current.events));
  documents.set(right, comparableLines(other));
  await vscode.commands.executeCommand(
    'vscode.diff',
    vscode.Uri.from({ scheme: SCHEME, path: left }),
    vscode.Uri.from({ scheme: SCHEME, path: right }),
    current.runId
      ? `${current.label}: ${currentLabel} ↔ ${otherLabel}`
      : `${current.label} ↔ ${otherLabel}`,
  );
}
