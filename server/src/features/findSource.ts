// Where a name seen in the tree or in a history event is defined in the workspace: workflow
// types, activity types, and signal/query/update handlers.
import type { WorkspaceIndex } from '../source';

export type SourceKind = 'workflow' | 'activity' | 'signal' | 'query' | 'update';

export interface SourceLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export function findSource(
  index: WorkspaceIndex,
  kind: SourceKind,
  name: string,
): SourceLocation[] {
  const at = (e: { uri: string; nameRange: SourceLocation['range'] }) => ({
    uri: e.uri,
    range: e.nameRange,
  });
  switch (kind) {
    case 'workflow':
      return index.findWorkflow(name).map(at);
    case 'activity':
      return index
        .activities()
        .filter((a) => a.name === name)
        .map(at);
    default:
      return index
        .workflowTypes()
        .flatMap((w) => index.handlersOf(w.name, w.language))
        .filter((h) => h.kind === kind && h.name === name)
        .map(at)
        .filter(
          (loc, i, all) =>
            all.findIndex(
              (o) => o.uri === loc.uri && o.range.start.line === loc.range.start.line,
            ) === i,
        );
  }
}
