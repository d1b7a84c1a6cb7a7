// What a workflow does, from its source: the calls inside its definition (activities, child
// workflows, timers, signals sent, continue-as-new) plus the handlers the index knows of.
// Names resolve through the workspace index's public API only.
import type TreeSitter from 'web-tree-sitter';
import { uriToPath } from '../engine';
import type { Range, SourceLanguage } from '../types';
import type { WorkflowEntry, WorkspaceIndex } from '../workspaceIndex';
import type {
  SourceLocation as GraphLocation,
  WorkflowGraphNode as GraphNode,
  WorkflowGraphNodeKind as GraphNodeKind,
} from '../../../../shared/src/protocol';
import type { GraphLanguage, GraphParser } from './parser';

// The graph's data types are the protocol's (plain data, no LSP types).
export type {
  SourceLocation as GraphLocation,
  WorkflowGraphNode as GraphNode,
  WorkflowGraphNodeKind as GraphNodeKind,
} from '../../../../shared/src/protocol';

export interface WorkflowGraphData {
  workflowType: string;
  language: SourceLanguage;
  definition: GraphLocation;
  nodes: GraphNode[];
}

/** One call in the source: callee name, receiver text (`workflow`, `asyncio`, ...), first argument. */
interface Call {
  callee: string;
  receiver?: string;
  /** Name the first argument gives: a string literal's value or a dotted symbol path. */
  arg0?: { string?: string; path?: string };
  range: Range;
}

type Classified = { kind: Exclude<GraphNodeKind, `${string}Handler`>; name: string };

const PY_ACTIVITY = /^(execute|start)_(local_)?activity(_method|_class)?$/;
const PY_CHILD = /^(execute|start)_child_workflow$/;
const TS_CHILD = new Set(['executeChild', 'startChild']);
const TS_CONTINUE = new Set(['continueAsNew', 'makeContinueAsNewFunc']);

function rangeOf(node: TreeSitter.Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

function inside(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function stringValue(node: TreeSitter.Node): string | undefined {
  if (node.type !== 'string' && node.type !== 'template_string') return undefined;
  const text = node.text;
  const body = text.replace(/^[a-zA-Z]*("""|'''|"|'|`)/, '').replace(/("""|'''|"|'|`)$/, '');
  return /[{$]/.test(body) && node.type === 'template_string' ? undefined : body;
}

/** `Greeting.run` -> `Greeting` (first) or `run` (last); `foo` -> `foo`. */
function symbolOf(dotted: string, keep: 'first' | 'last'): string {
  const parts = dotted.split('.');
  return keep === 'first' ? parts[0] : parts[parts.length - 1];
}

/** Calls and activity stub names of one parsed file. */
function collect(parsed: { tree: TreeSitter.Tree; query: TreeSitter.Query }) {
  const calls: Call[] = [];
  const stubs = new Map<string, string>(); // local name -> activity name
  const stubObjects = new Set<string>();
  for (const match of parsed.query.matches(parsed.tree.rootNode)) {
    const by = (name: string) => match.captures.find((c) => c.name === name)?.node;
    const call = by('call');
    const callee = by('callee');
    if (call && callee) {
      const arg = by('arg0');
      calls.push({
        callee: callee.text,
        receiver: by('receiver')?.text,
        arg0: arg
          ? { string: stringValue(arg), path: /^[\w.]+$/.test(arg.text) ? arg.text : undefined }
          : undefined,
        range: rangeOf(call),
      });
      continue;
    }
    const pattern = by('stubs');
    if (pattern) {
      for (const child of pattern.namedChildren) {
        if (!child) continue;
        if (child.type === 'shorthand_property_identifier_pattern')
          stubs.set(child.text, child.text);
        else if (child.type === 'pair_pattern') {
          const key = child.childForFieldName('key')?.text;
          const value = child.childForFieldName('value')?.text;
          if (key && value) stubs.set(value, key);
        }
      }
    }
    const object = by('stubObject');
    if (object) stubObjects.add(object.text);
  }
  return { calls, stubs, stubObjects };
}

function classify(
  language: GraphLanguage,
  call: Call,
  stubs: Map<string, string>,
  stubObjects: Set<string>,
): Classified | undefined {
  const arg = call.arg0;
  const argName = (keep: 'first' | 'last') =>
    arg?.string ?? (arg?.path ? symbolOf(arg.path, keep) : undefined);
  if (language === 'python') {
    const fromWorkflow = call.receiver === 'workflow' || call.receiver === undefined;
    if (fromWorkflow && PY_ACTIVITY.test(call.callee)) {
      const name = argName('last');
      return name ? { kind: 'activity', name } : undefined;
    }
    if (fromWorkflow && PY_CHILD.test(call.callee)) {
      const name = argName('first');
      return name ? { kind: 'childWorkflow', name } : undefined;
    }
    if (call.callee === 'sleep' && (call.receiver === 'asyncio' || call.receiver === 'workflow'))
      return { kind: 'timer', name: `${call.receiver}.sleep` };
    if (fromWorkflow && call.callee === 'continue_as_new')
      return { kind: 'continueAsNew', name: 'continue_as_new' };
    if (call.callee === 'signal' && call.receiver && call.receiver !== 'workflow') {
      const name = argName('last');
      return name ? { kind: 'signalSent', name } : undefined;
    }
    return undefined;
  }
  if (!call.receiver && stubs.has(call.callee))
    return { kind: 'activity', name: stubs.get(call.callee)! };
  if (call.receiver && stubObjects.has(call.receiver))
    return { kind: 'activity', name: call.callee };
  if (!call.receiver && TS_CHILD.has(call.callee)) {
    const name = argName('last');
    return name ? { kind: 'childWorkflow', name } : undefined;
  }
  if (!call.receiver && call.callee === 'sleep') return { kind: 'timer', name: 'sleep' };
  if (!call.receiver && TS_CONTINUE.has(call.callee))
    return { kind: 'continueAsNew', name: call.callee };
  if (call.callee === 'signal' && call.receiver) {
    const name = argName('last');
    return name ? { kind: 'signalSent', name } : undefined;
  }
  return undefined;
}

const HANDLER_KIND = {
  signal: 'signalHandler',
  query: 'queryHandler',
  update: 'updateHandler',
} as const;

/**
 * The graph of one workflow definition. `text` is the current text of the workflow's file;
 * `parser` must have been created after the source engine.
 */
export function workflowGraph(
  workflow: WorkflowEntry,
  text: string,
  parser: GraphParser,
  index: WorkspaceIndex,
): WorkflowGraphData | undefined {
  const file = uriToPath(workflow.uri) ?? workflow.uri;
  const parsed = parser.parse(file, text);
  if (!parsed) return undefined;
  const { calls, stubs, stubObjects } = collect(parsed);
  parsed.tree.delete();

  const nodes = new Map<string, GraphNode>();
  const add = (
    kind: GraphNodeKind,
    name: string,
    site: GraphLocation,
    definition?: GraphLocation,
  ) => {
    const id = `${kind}:${name}`;
    const node = nodes.get(id) ?? { id, kind, name, sites: [] };
    node.sites.push(site);
    if (definition && !node.definition) node.definition = definition;
    nodes.set(id, node);
  };

  const allHandlers = index.uris().flatMap((uri) => index.handlersIn(uri));
  for (const call of calls) {
    if (!inside(call.range, workflow.range)) continue;
    const found = classify(parsed.language, call, stubs, stubObjects);
    if (!found) continue;
    const site = { uri: workflow.uri, range: call.range };
    // The call names a symbol or a registered name; the node carries the registered name.
    const candidates: {
      name: string;
      symbol?: string;
      uri: string;
      nameRange: Range;
      language: SourceLanguage;
    }[] =
      found.kind === 'activity'
        ? index.activities()
        : found.kind === 'childWorkflow'
          ? index.workflowTypes()
          : found.kind === 'signalSent'
            ? allHandlers.filter((h) => h.kind === 'signal')
            : [];
    const def = candidates.find(
      (c) => c.language === workflow.language && (c.symbol === found.name || c.name === found.name),
    );
    const name = def?.name ?? found.name;
    const definition = def && { uri: def.uri, range: def.nameRange };
    add(found.kind, name, site, definition);
  }
  for (const h of index.handlersOf(workflow.name, workflow.language)) {
    const location = { uri: h.uri, range: h.nameRange };
    add(HANDLER_KIND[h.kind], h.name, location, location);
  }
  return {
    workflowType: workflow.name,
    language: workflow.language,
    definition: { uri: workflow.uri, range: workflow.nameRange },
    nodes: [...nodes.values()],
  };
}
