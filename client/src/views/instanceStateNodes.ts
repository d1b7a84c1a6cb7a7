// Tree rows of a duroxide instance's state under a run in the Workflows view: its custom status
// and a "Values" folder with its key-value store (from the run's description).
import * as vscode from 'vscode';
import type { StateRow } from './instanceStateModel';

function tooltip(row: StateRow): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${row.label}**\n\n`);
  md.appendCodeblock(row.full, 'json');
  return md;
}

export class StateValueItem extends vscode.TreeItem {
  constructor(
    readonly row: StateRow,
    key: string,
    icon: string,
  ) {
    super(row.label, vscode.TreeItemCollapsibleState.None);
    this.id = key;
    this.description = row.description;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = 'instanceValue';
    this.tooltip = tooltip(row);
    this.accessibilityInformation = { label: `${row.label}: ${row.description}` };
  }
}

export class ValuesFolderItem extends vscode.TreeItem {
  constructor(
    readonly rows: StateRow[],
    readonly key: string,
  ) {
    super('Values', vscode.TreeItemCollapsibleState.Expanded);
    this.id = key;
    this.description = String(rows.length);
    this.iconPath = new vscode.ThemeIcon('symbol-key');
    this.contextValue = 'instanceValues';
    this.tooltip = "The orchestration's key-value store, as the runtime last saved it.";
  }

  children(): StateValueItem[] {
    return this.rows.map((r) => new StateValueItem(r, `${this.key}/${r.label}`, 'symbol-field'));
  }
}
