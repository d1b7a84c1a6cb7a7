// One webview panel per workflow type: the graph the language server computes from the source
// index, drawn by the webview; nodes open their definitions; with a run chosen, nodes are
// coloured by what that run did. The panel keeps the data, so a webview re-created after
// hiding gets it back without asking the server again.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { FromGraphWebview, ToGraphWebview } from '../../../shared/src/workflowGraphView';
import type { Ctx } from '../ctx';
import { BACK, MultiStepInput } from '../input/multiStep';
import { pickExecution } from '../input/pickers';
import { webviewHtml } from './webviewHtml';

const VIEW_TYPE = 'temporal.workflowGraph';

export class WorkflowGraphPanel {
  private static readonly open = new Map<string, WorkflowGraphPanel>();

  private graphs: protocol.WorkflowGraph[] = [];
  private run: { workflowId: string; runId?: string } | undefined;
  private disposed = false;
  private readonly panel: vscode.WebviewPanel;

  /** Opens (or reveals) the graph of a workflow type, coloured by `run` when given. */
  static async show(
    ctx: Ctx,
    workflowType: string,
    run?: { workflowId: string; runId?: string },
  ): Promise<WorkflowGraphPanel | undefined> {
    const existing = WorkflowGraphPanel.open.get(workflowType);
    if (existing) {
      existing.panel.reveal();
      if (run) await existing.load(run);
      return existing;
    }
    // Ask first: a type without a TypeScript/Python definition opens no empty panel.
    const { graphs } = await ctx.request(protocol.workflowGraph, { workflowType, run });
    if (!graphs.length) {
      void vscode.window.showWarningMessage(
        `No TypeScript or Python definition of ${workflowType} in this workspace.`,
      );
      return undefined;
    }
    const panel = new WorkflowGraphPanel(ctx, workflowType);
    panel.graphs = graphs;
    panel.run = run;
    panel.post({ type: 'graphs', workflowType, graphs });
    return panel;
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly workflowType: string,
  ) {
    const root = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webview');
    // No retainContextWhenHidden: the webview keeps its focus with setState and gets the
    // graphs back from this panel on 'ready'.
    this.panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Graph ${workflowType}`,
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: [root],
      },
    );
    this.panel.webview.html = webviewHtml(
      this.panel.webview,
      root,
      'workflowGraph',
      `Workflow graph: ${workflowType}`,
    );
    WorkflowGraphPanel.open.set(workflowType, this);
    this.panel.onDidDispose(() => {
      this.disposed = true;
      WorkflowGraphPanel.open.delete(workflowType);
    });
    this.panel.webview.onDidReceiveMessage((m: FromGraphWebview) => void this.onMessage(m));
  }

  private post(message: ToGraphWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async onMessage(m: FromGraphWebview): Promise<void> {
    try {
      switch (m.type) {
        case 'ready':
          if (this.graphs.length)
            this.post({ type: 'graphs', workflowType: this.workflowType, graphs: this.graphs });
          return;
        case 'openNode': {
          const node = this.graphs[m.graphIndex]?.nodes.find((n) => n.id === m.nodeId);
          const target = node?.definition ?? node?.sites[0];
          if (target) await openLocation(target);
          return;
        }
        case 'openWorkflow': {
          const g = this.graphs[m.graphIndex];
          if (g) await openLocation(g.definition);
          return;
        }
        case 'chooseRun': {
          const picked = await pickExecution(
            this.ctx,
            new MultiStepInput('Colour the Graph by a Run', 1),
            {
              workflowType: this.workflowType,
            },
          );
          if (picked !== BACK)
            await this.load({ workflowId: picked.workflowId, runId: picked.runId });
          return;
        }
        case 'clearRun':
          return await this.load(undefined);
      }
    } catch (err) {
      if (err instanceof vscode.CancellationError) return;
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private async load(run: { workflowId: string; runId?: string } | undefined): Promise<void> {
    this.post({
      type: 'busy',
      message: run ? `Reading the history of ${run.workflowId}…` : 'Reading the source…',
    });
    try {
      const { graphs } = await this.ctx.request(protocol.workflowGraph, {
        workflowType: this.workflowType,
        run,
      });
      this.graphs = graphs;
      this.run = run;
      this.post({ type: 'graphs', workflowType: this.workflowType, graphs });
    } catch (err) {
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** For tests and the tree: the run the graph is coloured by. */
  get coloredBy(): { workflowId: string; runId?: string } | undefined {
    return this.run;
  }
}

/** Beside the graph, so the graph stays in sight. */
async function openLocation(location: protocol.SourceLocation): Promise<void> {
  const { start } = location.range;
  await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), {
    selection: new vscode.Range(start.line, start.character, start.line, start.character),
    viewColumn: vscode.ViewColumn.Beside,
  });
}
