// Outline and symbol search over standard LSP (textDocument/documentSymbol, workspace/symbol):
// workflows with their signal/query/update handlers nested, activities and workers, so every
// editor's outline and "go to symbol" show them (activities have no lens of their own).
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import type {
  ActivityEntry,
  HandlerEntry,
  Range,
  WorkerEntry,
  WorkflowEntry,
  WorkspaceIndex,
} from '../source';

const HANDLER_KIND = {
  signal: SymbolKind.Event,
  query: SymbolKind.Function,
  update: SymbolKind.Method,
} as const;

const contains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line ||
    (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (outer.end.line > inner.end.line ||
    (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

const workflowDetail = (w: WorkflowEntry) =>
  [
    'workflow',
    w.dynamic ? 'dynamic' : undefined,
    w.taskQueues.length ? `on ${w.taskQueues.join(', ')}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');

function workflowSymbol(w: WorkflowEntry, children: DocumentSymbol[]): DocumentSymbol {
  return {
    name: w.name,
    detail: workflowDetail(w),
    kind: SymbolKind.Class,
    range: w.range,
    selectionRange: w.nameRange,
    children,
  };
}

function handlerSymbol(h: HandlerEntry): DocumentSymbol {
  return {
    name: h.name,
    detail: `${h.kind}${h.dynamic ? ' · dynamic' : ''}`,
    kind: HANDLER_KIND[h.kind],
    range: h.range,
    selectionRange: h.nameRange,
  };
}

function activitySymbol(a: ActivityEntry): DocumentSymbol {
  return {
    name: a.name,
    detail: 'activity',
    kind: SymbolKind.Function,
    range: a.range,
    selectionRange: a.range,
  };
}

const workerName = (w: WorkerEntry) =>
  `worker ${w.resolvedTaskQueue ?? w.taskQueueRef ?? '(task queue unknown)'}`;

function workerSymbol(w: WorkerEntry): DocumentSymbol {
  const detail = w.workflowTypes.length ? `registers ${w.workflowTypes.join(', ')}` : 'worker';
  return {
    name: workerName(w),
    detail,
    kind: SymbolKind.Object,
    range: w.range,
    selectionRange: w.range,
  };
}

/** The outline of one file: handlers sit under the workflow whose code declares them. */
export function documentSymbols(uri: string, index: WorkspaceIndex): DocumentSymbol[] {
  const workflows = index.workflowsIn(uri);
  const nested = new Map<WorkflowEntry, DocumentSymbol[]>(workflows.map((w) => [w, []]));
  const loose: DocumentSymbol[] = [];
  for (const h of index.handlersIn(uri)) {
    // A handler belongs under its workflow when the workflow's range holds it (LSP requires it).
    const owner = workflows.find((w) => w.name === h.workflow && contains(w.range, h.range));
    (owner ? nested.get(owner)! : loose).push(handlerSymbol(h));
  }
  const symbols = [
    ...workflows.map((w) => workflowSymbol(w, nested.get(w)!)),
    ...loose,
    ...index
      .activities()
      .filter((a) => a.uri === uri)
      .map(activitySymbol),
    ...index
      .workers()
      .filter((w) => w.uri === uri)
      .map(workerSymbol),
  ];
  return symbols.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Characters of `query` appear in `name` in order, ignoring case (what editors' symbol search expects). */
export function matchesQuery(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let at = 0;
  for (const c of query.toLowerCase()) {
    at = n.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** Workflows, handlers, activities and workers of the whole workspace matching `query`. */
export function workspaceSymbols(
  query: string,
  index: WorkspaceIndex,
  limit = 500,
): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  const add = (
    name: string,
    kind: SymbolKind,
    uri: string,
    range: Range,
    containerName?: string,
  ) => {
    if (out.length < limit && matchesQuery(name, query))
      out.push({
        name,
        kind,
        location: { uri, range },
        ...(containerName ? { containerName } : {}),
      });
  };
  for (const w of index.workflowTypes())
    add(w.name, SymbolKind.Class, w.uri, w.nameRange, 'workflow');
  for (const w of index.workflowTypes())
    for (const h of index.handlersIn(w.uri).filter((x) => x.workflow === w.name))
      add(h.name, HANDLER_KIND[h.kind], h.uri, h.nameRange, `${h.kind} of ${w.name}`);
  for (const a of index.activities())
    add(a.name, SymbolKind.Function, a.uri, a.nameRange, 'activity');
  for (const w of index.workers()) add(workerName(w), SymbolKind.Object, w.uri, w.range, 'worker');
  return out;
}
