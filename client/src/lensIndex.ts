// What the client learns from the code lenses the server sends (pure, no vscode import):
// workflow types with their task queues and parameters, handler names per workflow type, and
// where each is defined. Fills pickers and is the fallback for go-to-definition.
import {
  LensCommands,
  type HandlerLensArgs,
  type SourceRange,
  type WorkflowLensArgs,
} from '../../shared/src/lenses';

export interface LensLike {
  command?: { command: string; arguments?: unknown[] };
}

interface FileEntry {
  workflows: WorkflowLensArgs[];
  handlers: HandlerLensArgs[];
}

export type SourceKind = 'workflow' | 'signal' | 'query' | 'update';

export class LensIndex {
  private readonly byUri = new Map<string, FileEntry>();

  /** Replaces what is known about one document; true when something changed. */
  learn(uri: string, lenses: readonly LensLike[]): boolean {
    const entry: FileEntry = { workflows: [], handlers: [] };
    for (const lens of lenses) {
      const arg = lens.command?.arguments?.[0];
      if (!arg || typeof arg !== 'object') continue;
      if (lens.command?.command === LensCommands.start)
        entry.workflows.push(arg as WorkflowLensArgs);
      const kind = (arg as HandlerLensArgs).kind;
      if (
        lens.command?.command === LensCommands[kind as 'signal'] &&
        typeof (arg as HandlerLensArgs).name === 'string'
      ) {
        entry.handlers.push(arg as HandlerLensArgs);
      }
    }
    const before = JSON.stringify(this.byUri.get(uri) ?? null);
    if (entry.workflows.length || entry.handlers.length) this.byUri.set(uri, entry);
    else this.byUri.delete(uri);
    return before !== JSON.stringify(this.byUri.get(uri) ?? null);
  }

  private get entries(): FileEntry[] {
    return [...this.byUri.values()];
  }

  workflowTypes(): string[] {
    return [...new Set(this.entries.flatMap((e) => e.workflows.map((w) => w.workflowType)))].sort();
  }

  workflow(workflowType: string): WorkflowLensArgs | undefined {
    return this.entries.flatMap((e) => e.workflows).find((w) => w.workflowType === workflowType);
  }

  /** Task queues of workers that register some workflow, across the known files. */
  taskQueues(): string[] {
    return [
      ...new Set(this.entries.flatMap((e) => e.workflows.flatMap((w) => w.taskQueues))),
    ].sort();
  }

  /** Handlers of a workflow type (and those whose type is unknown), each kind+name once. */
  handlers(workflowType: string | undefined, kind?: HandlerLensArgs['kind']): HandlerLensArgs[] {
    const seen = new Set<string>();
    const out: HandlerLensArgs[] = [];
    const all = this.entries.flatMap((e) => e.handlers);
    // Handlers of the type first, then the ones with no known type.
    for (const h of [
      ...all.filter((x) => x.workflowType === workflowType),
      ...all.filter((x) => !x.workflowType),
    ]) {
      if (kind && h.kind !== kind) continue;
      const key = `${h.kind}:${h.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(h);
    }
    return out;
  }

  /** Definitions seen in lenses for a name. */
  definitions(kind: SourceKind, name: string): { uri: string; range: SourceRange }[] {
    const found =
      kind === 'workflow'
        ? this.entries.flatMap((e) => e.workflows).filter((w) => w.workflowType === name)
        : this.entries.flatMap((e) => e.handlers).filter((h) => h.kind === kind && h.name === name);
    return found.map((f) => ({ uri: f.uri, range: f.range }));
  }
}
