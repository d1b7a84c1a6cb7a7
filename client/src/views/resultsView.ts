// The Results view: every operation's outcome since the editor started (newest first), each
// reopenable, so a result is never only in a toast that vanished.
import * as vscode from 'vscode';
import { resultLog, type OperationResult } from '../results';
import { ago } from './treeModel';

export class ResultItem extends vscode.TreeItem {
  constructor(readonly result: OperationResult) {
    super(result.headline.split('\n')[0], vscode.TreeItemCollapsibleState.None);
    this.description = ago(result.at.toISOString());
    this.iconPath = new vscode.ThemeIcon(
      result.ok ? 'pass' : 'error',
      new vscode.ThemeColor(result.ok ? 'testing.iconPassed' : 'testing.iconFailed'),
    );
    this.tooltip = new vscode.MarkdownString().appendText(
      `${result.headline}\n\n${result.at.toLocaleString()}`,
    );
    this.contextValue = result.document ? 'result.document' : 'result';
    this.command = { command: 'temporal.results.open', title: 'Open Result', arguments: [this] };
  }
}

export class ResultTreeProvider implements vscode.TreeDataProvider<ResultItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub = resultLog.onDidChange(() => this.changed.fire());

  getTreeItem(item: ResultItem): vscode.TreeItem {
    return item;
  }

  getChildren(): ResultItem[] {
    return resultLog.all().map((r) => new ResultItem(r));
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
