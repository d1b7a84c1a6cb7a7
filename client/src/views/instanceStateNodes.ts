// Tree rows of a duroxide instance's state under a run in the Workflows view: its custom status
// and a "Values" folder with its key-value store (from the run's description).
import * as vscode from 'vscode';
import { CountedFolderItem } from './commonNodes';
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

export class ValuesFolderItem extends CountedFolderItem {
  constructor(
    readonly rows: StateRow[],
    key: string,
  ) {
    super('Values', key, rows.length, 'key', 'instanceValues', true);
    this.tooltip = "The orchestration's key-value store, as the runtime last saved it.";
    // A string tooltip would otherwise be what screen readers read (and the row's name).
    this.accessibilityInformation = { label: `Values, ${rows.length}` };
  }

  children(): StateValueItem[] {
    return this.rows.map((r) => new StateValueItem(r, `${this.key}/${r.label}`, 'symbol-field'));
  }
}
