// Tree items every view uses: a failure shown in place (with Retry, never a modal), "Load more",
// and a plain message. Plus the interval refresh that pauses while a view is hidden.
import * as vscode from 'vscode';
import { errorKind, errorMessage } from '../errors';

export class ErrorItem extends vscode.TreeItem {
  constructor(err: unknown, retryCommand: string, retryArgs: unknown[] = []) {
    super(errorMessage(err), vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    this.tooltip = `${errorKind(err) ?? 'Error'}: ${errorMessage(err)}\nClick to retry.`;
    this.contextValue = 'error';
    this.command = { command: retryCommand, title: 'Retry', arguments: retryArgs };
  }
}

export class LoadMoreItem extends vscode.TreeItem {
  constructor(command: string, args: unknown[]) {
    super('Load more…', vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.contextValue = 'loadMore';
    this.command = { command, title: 'Load more', arguments: args };
  }
}

export class MessageItem extends vscode.TreeItem {
  constructor(message: string, icon = 'info') {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = 'message';
  }
}

/** A folder of `count` rows under a node (pending activities, children, values). */
export class CountedFolderItem extends vscode.TreeItem {
  constructor(
    label: string,
    readonly key: string,
    count: number,
    icon: string,
    contextValue: string,
    expanded = false,
  ) {
    super(
      label,
      expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed,
    );
    this.id = key;
    this.description = String(count);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = contextValue;
  }
}

/** Calls `refresh` every `seconds()` while the view is visible; 0 turns it off. */
export function autoRefresh(
  view: vscode.TreeView<unknown>,
  seconds: () => number,
  refresh: () => void,
): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearInterval(timer);
    timer = undefined;
    const s = seconds();
    if (view.visible && s > 0) timer = setInterval(refresh, s * 1000);
  };
  arm();
  const subs = [
    view.onDidChangeVisibility(arm),
    vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration('temporal.refreshIntervalSeconds') && arm(),
    ),
  ];
  return new vscode.Disposable(() => {
    clearInterval(timer);
    subs.forEach((d) => d.dispose());
  });
}

/** The progress bar of a view while `work` is under way. */
export function viewProgress(viewId: string): (work: Promise<unknown>) => void {
  return (work) => void vscode.window.withProgress({ location: { viewId } }, () => work);
}
