// Go to definition from names the server reports (workflow types, handler names) to the source,
// through the server's workspace index (`temporal/findSource`). While the server is still
// indexing it may know nothing yet: the definitions seen in code lenses are the fallback.
import * as vscode from 'vscode';
import * as protocol from '../../shared/src/protocol';
import type { SourceRange } from '../../shared/src/lenses';
import type { Ctx } from './ctx';

export type FindSourceKind = protocol.FindSourceParams['kind'];

function toLocation(l: { uri: string; range: SourceRange }): vscode.Location {
  const { start, end } = l.range;
  return new vscode.Location(
    vscode.Uri.parse(l.uri),
    new vscode.Range(start.line, start.character, end.line, end.character),
  );
}

export async function findSource(
  ctx: Ctx,
  kind: FindSourceKind,
  name: string,
): Promise<vscode.Location[]> {
  const { locations } = await ctx.request(protocol.findSource, { kind, name });
  if (locations.length) return locations.map(toLocation);
  return kind === 'activity' ? [] : ctx.lenses.definitions(kind, name).map(toLocation);
}

/** Opens the definition (or lets the user pick among several). */
export async function goToSource(
  ctx: Ctx,
  kind: FindSourceKind,
  name: string,
  viewColumn?: vscode.ViewColumn,
): Promise<void> {
  const locations = await findSource(ctx, kind, name);
  if (!locations.length) {
    void vscode.window.showInformationMessage(
      `No definition of ${kind} '${name}' found in the workspace.`,
    );
    return;
  }
  let target = locations[0];
  if (locations.length > 1) {
    const picked = await vscode.window.showQuickPick(
      locations.map((l) => ({
        label: vscode.workspace.asRelativePath(l.uri),
        description: `line ${l.range.start.line + 1}`,
        l,
      })),
      { title: `Definitions of ${kind} '${name}'` },
    );
    if (!picked) return;
    target = picked.l;
  }
  await vscode.window.showTextDocument(target.uri, { selection: target.range, viewColumn });
}
