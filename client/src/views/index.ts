// Creates the tree views of the Temporal container and keeps them for commands to refresh.
// Order in the container (package.json): Connections, Workflows, Schedules (its own provider,
// added beside these), Task Queues.
import * as vscode from 'vscode';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import { autoRefresh } from './commonNodes';
import { ConnectionTreeProvider } from './connectionsView';
import { ResultTreeProvider } from './resultsView';
import { ScheduleTreeProvider, type ScheduleNode } from './schedulesView';
import { TaskQueueTreeProvider } from './taskQueuesView';
import { isFiltered } from './workflowsModel';
import { WorkflowTreeProvider, type WorkflowNode } from './workflowsView';

export class Views {
  readonly connections: ConnectionTreeProvider;
  readonly connectionsView: vscode.TreeView<unknown>;
  readonly workflows: WorkflowTreeProvider;
  readonly workflowsView: vscode.TreeView<WorkflowNode>;
  readonly schedules: ScheduleTreeProvider;
  readonly schedulesView: vscode.TreeView<ScheduleNode>;
  readonly taskQueues: TaskQueueTreeProvider;
  readonly taskQueuesView: vscode.TreeView<unknown>;

  constructor(ctx: Ctx) {
    const interval = () => Config.read().refreshIntervalSeconds;
    this.connections = new ConnectionTreeProvider(ctx);
    this.connectionsView = vscode.window.createTreeView('temporal.connections', {
      treeDataProvider: this.connections,
      showCollapseAll: true,
    });

    this.workflows = new WorkflowTreeProvider(ctx);
    this.workflowsView = vscode.window.createTreeView('temporal.workflows', {
      treeDataProvider: this.workflows,
      showCollapseAll: true,
    });
    this.workflows.view = this.workflowsView;
    void vscode.commands.executeCommand(
      'setContext',
      'temporal.workflows.filtered',
      isFiltered(this.workflows.filter),
    );

    // Schedules: its provider and view are created here, between Workflows and Task Queues.
    this.schedules = new ScheduleTreeProvider(ctx);
    this.schedulesView = vscode.window.createTreeView('temporal.schedules', {
      treeDataProvider: this.schedules,
      showCollapseAll: true,
    });

    this.taskQueues = new TaskQueueTreeProvider(ctx);
    this.taskQueuesView = vscode.window.createTreeView('temporal.taskQueues', {
      treeDataProvider: this.taskQueues,
      showCollapseAll: true,
    });

    ctx.extension.subscriptions.push(
      this.workflowsView.onDidChangeSelection((e) => (this.lastWorkflowSelection = e.selection)),
      this.connectionsView,
      this.workflowsView,
      this.schedulesView,
      this.taskQueuesView,
      autoRefresh(this.workflowsView, interval, () => void this.workflows.poll()),
      // Collapsed details need no polling; expanding reads them afresh.
      this.workflowsView.onDidCollapseElement((e) => this.workflows.collapsed(e.element)),
      autoRefresh(this.schedulesView, interval, () => this.schedules.poll()),
      autoRefresh(this.taskQueuesView, interval, () => void this.taskQueues.poll()),
      // duroxide stores: the metrics under an expanded profile follow the store.
      autoRefresh(this.connectionsView, interval, () => void this.connections.poll()),
    );

    // Results: what the workbench did since the editor started.
    const results = new ResultTreeProvider();
    ctx.extension.subscriptions.push(
      results,
      vscode.window.createTreeView('temporal.results', { treeDataProvider: results }),
    );
  }

  /**
   * The row selected in Workflows. The view's own `selection` reads empty while a refresh
   * re-reads the tree (its elements are looked up afresh), so a command run then would miss
   * the row the user selected; the last selection event still has it.
   */
  selectedWorkflowNode(): WorkflowNode | undefined {
    return this.workflowsView.selection[0] ?? this.lastWorkflowSelection[0];
  }

  private lastWorkflowSelection: readonly WorkflowNode[] = [];

  refreshAll(): void {
    this.connections.refresh();
    this.workflows.refresh();
    this.schedules.refresh();
    this.taskQueues.refresh();
  }
}
