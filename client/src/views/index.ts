// Creates the tree views of the Temporal container and keeps them for commands to refresh.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ConnectionTreeProvider } from './connectionsView';

export class Views {
  readonly connections: ConnectionTreeProvider;
  readonly connectionsView: vscode.TreeView<unknown>;

  constructor(ctx: Ctx) {
    this.connections = new ConnectionTreeProvider(ctx);
    this.connectionsView = vscode.window.createTreeView('temporal.connections', {
      treeDataProvider: this.connections,
      showCollapseAll: true,
    });
    ctx.extension.subscriptions.push(this.connectionsView);
  }

  refreshAll(): void {
    this.connections.refresh();
  }
}
