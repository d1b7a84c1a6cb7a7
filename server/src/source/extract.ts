// The shared extractor: turns the query matches of one chunk into facts. Languages differ only
// in their query file (which captures what) and in the data of their LanguageSyntax.
//
// Capture vocabulary. Each pattern has one primary capture naming what it found, with
// `@<primary>.<part>` captures for its parts; captures starting with `_` only serve predicates.
// Matches with the same primary capture on the same node merge, so several patterns may each
// add parts (a modifier, one base type, a flag set with `#set!`).
//
//   @scope       a named scope (class, function, closure): @scope.name, or #set! scope.name;
//                #set! scope.prefix / scope.suffix decorate the name; @scope.inner marks a node
//                that belongs to this scope instead of opening its own
//   @namespace   the file's namespace: @namespace.name
//   @import      @import.path, @import.name (or #set! import.name), @import.alias,
//                @import.wildcard, @import.type-only
//   @export      @export.name and @export.alias, or @export.path (re-export)
//   @type        @type.name, @type.base (each); #set! kind (class, interface, struct...)
//   @function    @function.name, @function.params (the list @param nodes belong to),
//                @function.receiver, @function.returns
//   @annotation  decorator / annotation / attribute: @annotation.name, @annotation.arguments,
//                @annotation.target (or #set! annotation.target "next": the next sibling)
//   @param       @param.name (default: the node itself, or #set! param.name), @param.type,
//                @param.list (default: the parent); #set! param.optional, type.prefix, type.suffix
//   @value       a name bound to a value: @value.name + @value.value, or @value.names +
//                @value.values (lists paired by position); @value.type, @value.modifier;
//                #set! value.link-only (only tells which variable receives a call)
//   @call        a call, or a call-like construct to check: @call.callee, or @call.object +
//                @call.method; @call.arguments, @call.argument (each), @call.type-argument,
//                @call.handler (parameter list of a function argument), @call.start (where the
//                call's range starts), @call.named.<name> (a named argument the grammar does not
//                mark as one, like an object initializer); #set! callee (a name for non-calls),
//                call.new (`new T(...)`), call.property (a property read, dropped when called)
// Other part captures are kept as text (`@call.body` -> fact.texts.body).
import type { Node, QueryCapture, QueryMatch } from 'web-tree-sitter';
import type { LineIndex } from './documentText';
import type {
  AnnotationFact,
  CallFact,
  Fact,
  FactParameter,
  FactProperties,
  ValueFact,
} from './facts';
import {
  compact,
  createValueReader,
  lastName,
  readArguments,
  typeName,
  type LanguageSyntax,
  type ValueReader,
} from './syntax';
import type { Position, Range } from './types';

/** What the extractor needs from a language's rules. */
export interface ExtractRules {
  syntax: LanguageSyntax;
  /** Local name of an import without alias or member (`import a.b` binds `a`). */
  importLocal?(path: string): string | undefined;
  /** Drops facts resolution cannot use, to keep the cache small. */
  keep?(fact: Fact): boolean;
}

/** Text and ranges of nodes. */
export class ChunkExtractContext {
  constructor(private readonly lines: LineIndex) {}

  text(node: Node): string {
    return this.lines.text.slice(node.startIndex, node.endIndex);
  }

  range(node: Node): Range {
    return {
      start: this.lines.positionAt(node.startIndex),
      end: this.lines.positionAt(node.endIndex),
    };
  }

  span(from: Node, to: Node): Range {
    return {
      start: this.lines.positionAt(from.startIndex),
      end: this.lines.positionAt(to.endIndex),
    };
  }
}

/** A copy of a chunk's facts moved from `from` to `to` (where the chunk now starts). */
export function moveFacts<T>(facts: T, from: Position, to: Position): T {
  const dl = to.line - from.line;
  const dc = to.character - from.character;
  const move = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(move);
    const v = value as Record<string, unknown>;
    if (typeof v.line === 'number' && typeof v.character === 'number') {
      // Only the chunk's first line shifts sideways.
      return {
        line: v.line + dl,
        character: v.line === from.line ? v.character + dc : v.character,
      };
    }
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = move(v[k]);
    return out;
  };
  return move(facts) as T;
}

/** All matches of one primary capture on one node. */
interface Found {
  kind: string;
  node: Node;
  parts: Map<string, Node[]>;
  props: FactProperties;
}

const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/;
/** A variable name (not `a.b` or `m[k]`); Clojure names have dashes and more. */
const BINDABLE = /^[^\s.()[\]{}]+$/;

/** Extracts the facts of one chunk (`tops`, top-level nodes) from the matches in it. */
export function extractChunk(
  matches: readonly QueryMatch[],
  ctx: ChunkExtractContext,
  rules: ExtractRules,
  tops: readonly Node[],
): Fact[] {
  return new ChunkExtraction(ctx, rules, group(matches), tops).run();
}

function group(matches: readonly QueryMatch[]): Found[] {
  const byKey = new Map<string, Found>();
  const out: Found[] = [];
  for (const match of matches) {
    const primary = match.captures.find((c) => isPrimary(c.name));
    if (!primary) continue;
    const key = `${primary.name}:${primary.node.id}`;
    let found = byKey.get(key);
    if (!found) {
      found = {
        kind: primary.name,
        node: primary.node,
        parts: new Map(),
        props: {},
      };
      byKey.set(key, found);
      out.push(found);
    }
    addParts(found, match.captures, primary);
    if (match.setProperties) Object.assign(found.props, match.setProperties);
  }
  return out;
}

function isPrimary(name: string): boolean {
  return !name.includes('.') && !name.startsWith('_');
}

function addParts(found: Found, captures: readonly QueryCapture[], primary: QueryCapture): void {
  for (const c of captures) {
    if (c === primary || !c.name.startsWith(`${found.kind}.`)) continue;
    const part = c.name.slice(found.kind.length + 1);
    const list = found.parts.get(part);
    if (!list) found.parts.set(part, [c.node]);
    else if (!list.some((n) => n.id === c.node.id)) {
      list.push(c.node);
      list.sort((a, b) => a.startIndex - b.startIndex);
    }
  }
}

/** A scope node by its offsets: ancestry is containment (no walks up the tree). */
interface ScopeSpan {
  id: number;
  start: number;
  end: number;
  name: string;
  node: Node;
}

class ChunkExtraction {
  private readonly reader: ValueReader;
  private readonly comments: Set<string>;
  private readonly scopeNames = new Map<number, string | null>();
  private scopes: ScopeSpan[] = [];
  private readonly scopeCache = new Map<number, ScopeSpan[]>();
  private readonly ends = new Map<number, number>();
  private readonly annotations = new Map<number, { node: Node; fact: AnnotationFact }[]>();
  private readonly params = new Map<number, { node: Node; param: FactParameter }[]>();
  /** Value node -> name of the variable it is assigned to. */
  private readonly assigned = new Map<number, string>();
  private readonly calls = new Map<number, Found>();
  private readonly calledNodes = new Set<number>();

  constructor(
    private readonly ctx: ChunkExtractContext,
    private readonly rules: ExtractRules,
    private readonly found: Found[],
    private readonly tops: readonly Node[],
  ) {
    this.reader = createValueReader(
      rules.syntax,
      (n) => ctx.text(n),
      (n) => ctx.range(n),
    );
    this.comments = new Set(rules.syntax.comments ?? ['comment']);
  }

  run(): Fact[] {
    // Parts other facts refer to come first: scopes, annotations, parameters, assignments.
    for (const f of this.found) {
      if (f.kind === 'scope') this.addScope(f);
      else if (f.kind === 'annotation') this.addAnnotation(f);
      else if (f.kind === 'param') this.addParam(f);
      else if (f.kind === 'call') {
        this.calls.set(f.node.id, f);
        for (const c of f.parts.get('callee') ?? []) this.calledNodes.add(c.id);
      }
    }
    for (const f of this.found) {
      if (f.kind !== 'scope') continue;
      for (const inner of f.parts.get('inner') ?? []) this.scopeNames.set(inner.id, null);
    }
    for (const f of this.found) {
      const name = f.kind === 'scope' ? this.scopeNames.get(f.node.id) : undefined;
      if (typeof name !== 'string') continue;
      const id = f.node.id;
      if (this.scopes.some((s) => s.id === id)) continue;
      this.scopes.push({ id, start: f.node.startIndex, end: this.end(f.node), name, node: f.node });
    }
    // Outermost first: by start, then the longer one.
    this.scopes.sort((a, b) => a.start - b.start || b.end - a.end);
    const values = this.found.filter((f) => f.kind === 'value').map((f) => this.pairs(f));
    const out: Fact[] = [];
    let v = 0;
    for (const f of this.found) {
      if (f.kind === 'value') {
        this.values(f, values[v++], out);
        continue;
      }
      const fact = this.build(f);
      if (fact && (!this.rules.keep || this.rules.keep(fact))) out.push(fact);
    }
    return out;
  }

  private build(f: Found): Fact | undefined {
    switch (f.kind) {
      case 'import':
        return this.importFact(f);
      case 'namespace': {
        const name = this.part(f, 'name');
        return name
          ? {
              kind: 'namespace',
              name: compact(this.ctx.text(name)),
              ...this.located(f),
            }
          : undefined;
      }
      case 'export':
        return this.exportFact(f);
      case 'type':
      case 'function':
        return this.declaration(f);
      case 'call':
        return this.call(f);
    }
    return undefined;
  }

  private part(f: Found, name: string): Node | undefined {
    return f.parts.get(name)?.[0];
  }

  private textOf(f: Found, name: string): string | undefined {
    const n = this.part(f, name);
    return n ? compact(this.ctx.text(n)) : undefined;
  }

  private end(node: Node): number {
    let end = this.ends.get(node.id);
    if (end === undefined) {
      end = node.endIndex;
      this.ends.set(node.id, end);
    }
    return end;
  }

  /** Scopes enclosing `node`, outermost first. */
  private enclosing(node: Node): ScopeSpan[] {
    let found = this.scopeCache.get(node.id);
    if (!found) {
      const start = node.startIndex;
      const end = this.end(node);
      found = this.scopes.filter((s) => s.id !== node.id && s.start <= start && end <= s.end);
      this.scopeCache.set(node.id, found);
    }
    return found;
  }

  private located(f: Found): {
    scope: string[];
    topLevel: boolean;
    props?: FactProperties;
    texts?: Record<string, string>;
  } {
    const out: ReturnType<ChunkExtraction['located']> = {
      scope: this.enclosing(f.node).map((s) => s.name),
      topLevel: f.kind !== 'call' && this.isTopLevel(f.node),
    };
    if (Object.keys(f.props).length > 0) out.props = { ...f.props };
    for (const [part, nodes] of f.parts) {
      if (KNOWN_PARTS.has(`${f.kind}.${part}`) || part.startsWith('named.')) continue;
      out.texts ??= {};
      out.texts[part] = this.ctx.text(nodes[0]);
    }
    return out;
  }

  /** The outermost wrapper (`export`, decorators) around a declaration. */
  private wrapped(node: Node): Node {
    const wrappers = this.rules.syntax.wrappers;
    if (!wrappers || this.tops.some((t) => t.id === node.id)) return node;
    let n = node;
    for (let p = n.parent; p && wrappers.includes(p.type); p = n.parent) n = p;
    return n;
  }

  /** Directly in the file, or only inside wrappers (`export`) that are. */
  private isTopLevel(node: Node): boolean {
    if (this.tops.some((t) => t.id === node.id)) return true;
    const wrappers = this.rules.syntax.wrappers;
    const start = node.startIndex;
    const top = this.tops.find((t) => t.startIndex <= start && start < this.end(t));
    if (!wrappers || !top || !wrappers.includes(top.type)) return false;
    return this.tops.some((t) => t.id === this.wrapped(node).id);
  }

  private addScope(f: Found): void {
    const literal = f.props['scope.name'];
    const nameNode = this.part(f, 'name');
    if (literal === undefined && !nameNode) return;
    const name =
      literal ??
      `${f.props['scope.prefix'] ?? ''}${compact(this.ctx.text(nameNode!))}${f.props['scope.suffix'] ?? ''}`;
    if (!this.scopeNames.has(f.node.id)) this.scopeNames.set(f.node.id, name ?? '');
  }

  private addAnnotation(f: Found): void {
    const nameNode = this.part(f, 'name');
    if (!nameNode) return;
    let target = this.part(f, 'target');
    if (!target && f.props['annotation.target'] === 'next') {
      let n = f.node.nextSibling;
      while (n && (this.comments.has(n.type) || n.type === f.node.type)) n = n.nextSibling;
      target = n ?? undefined;
    }
    if (!target) return;
    const { args, named } = readArguments(
      this.part(f, 'arguments'),
      this.rules.syntax,
      this.reader,
    );
    const fact: AnnotationFact = {
      name: compact(this.ctx.text(nameNode)),
      args,
      named,
      range: this.ctx.range(f.node),
    };
    const list = this.annotations.get(target.id);
    if (list) list.push({ node: f.node, fact });
    else this.annotations.set(target.id, [{ node: f.node, fact }]);
  }

  private addParam(f: Found): void {
    const syntax = this.rules.syntax;
    const holder = this.part(f, 'list') ?? f.node.parent;
    if (!holder || this.comments.has(f.node.type)) return;
    let name = f.props['param.name'] ?? this.ctx.text(this.part(f, 'name') ?? f.node);
    if (syntax.collapseParameterNames) name = name.replace(/\s+/g, ' ');
    if ('param.optional' in f.props && !name.startsWith('...')) name += '?';
    const param: FactParameter = { name };
    const typeNode = this.part(f, 'type');
    if (typeNode) {
      // Type annotations may include their colon (`: string`).
      const text = this.ctx.text(typeNode).replace(/^:\s*/, '');
      param.type = `${f.props['type.prefix'] ?? ''}${syntax.compactTypes ? compact(text) : text}${f.props['type.suffix'] ?? ''}`;
    }
    const list = this.params.get(holder.id);
    if (list) list.push({ node: f.node, param });
    else this.params.set(holder.id, [{ node: f.node, param }]);
  }

  private paramsOf(holder: Node | undefined): FactParameter[] | undefined {
    const list = holder ? this.params.get(holder.id) : undefined;
    if (!list) return undefined;
    return [...list].sort((a, b) => a.node.startIndex - b.node.startIndex).map((p) => p.param);
  }

  private importFact(f: Found): Fact | undefined {
    const pathNode = this.part(f, 'path');
    if (!pathNode) return undefined;
    const path = this.reader.string(pathNode) ?? compact(this.ctx.text(pathNode));
    const name = f.props['import.name'] ?? this.textOf(f, 'name');
    const alias = this.textOf(f, 'alias');
    const fact: Fact = {
      kind: 'import',
      path,
      pathRange: this.ctx.range(pathNode),
      ...this.located(f),
    };
    if (f.parts.has('wildcard')) fact.wildcard = true;
    else {
      const local = alias ?? name ?? this.rules.importLocal?.(path);
      if (local !== undefined) {
        fact.local = local;
        fact.target = name !== undefined ? `${path}.${name}` : path;
      }
    }
    if (f.parts.has('type-only')) fact.typeOnly = true;
    return fact;
  }

  private exportFact(f: Found): Fact | undefined {
    const pathNode = this.part(f, 'path');
    const name = this.part(f, 'name');
    const alias = this.part(f, 'alias');
    if (pathNode) {
      const path = this.reader.string(pathNode);
      if (path === undefined) return undefined;
      // `export { a as B } from './x'`: one name of another module, under another name.
      const names = name
        ? { local: this.ctx.text(name), exported: this.ctx.text(alias ?? name) }
        : {};
      return { kind: 'export', path, ...names, ...this.located(f) };
    }
    if (!name) return undefined;
    return {
      kind: 'export',
      local: this.ctx.text(name),
      exported: this.ctx.text(alias ?? name),
      ...this.located(f),
    };
  }

  private declaration(f: Found): Fact | undefined {
    const nameNode = this.part(f, 'name');
    if (!nameNode) return undefined;
    const annotations = this.annotations.get(f.node.id) ?? [];
    let first = this.wrapped(f.node);
    const end = first;
    for (const a of annotations) if (a.node.startIndex < first.startIndex) first = a.node;
    const base = {
      name: compact(this.ctx.text(nameNode)),
      nameRange: this.ctx.range(nameNode),
      range: this.ctx.span(first, end),
      annotations: annotations.map((a) => a.fact),
      ...this.located(f),
    };
    if (f.kind === 'type') {
      return {
        kind: 'type',
        ...base,
        typeKind: f.props.kind ?? 'class',
        bases: (f.parts.get('base') ?? []).map((b) => typeName(this.ctx.text(b))),
      };
    }
    const fact: Fact = {
      kind: 'function',
      ...base,
      params: this.paramsOf(this.part(f, 'params')) ?? [],
    };
    const receiver = this.textOf(f, 'receiver');
    if (receiver !== undefined) fact.receiver = receiver;
    const returns = this.textOf(f, 'returns');
    if (returns !== undefined) fact.returns = returns;
    return fact;
  }

  /** [name node, value node] pairs of a value binding; no value node for typed declarations. */
  private pairs(f: Found): [Node, Node | undefined][] {
    const listed = (single: string, list: string): Node[] => {
      const nodes = f.parts.get(single);
      if (nodes) return nodes;
      const l = this.part(f, list);
      return l ? l.namedChildren.filter((c) => !this.comments.has(c.type)) : [];
    };
    const names = listed('name', 'names');
    const values = listed('value', 'values');
    const typed = f.parts.has('type');
    const out: [Node, Node | undefined][] = [];
    names.forEach((n, i) => {
      const v = values[i];
      if ((!v && !typed) || !BINDABLE.test(this.ctx.text(n))) return;
      out.push([n, v]);
      // A call under `await`, `?` or a cast is what the variable receives.
      const transparent = this.rules.syntax.transparent ?? [];
      let inner: Node | null | undefined = v;
      while (inner) {
        this.assigned.set(inner.id, this.ctx.text(n));
        inner = transparent.includes(inner.type) ? inner.namedChildren[0] : undefined;
      }
    });
    return out;
  }

  private values(f: Found, pairs: [Node, Node | undefined][], out: Fact[]): void {
    if ('value.link-only' in f.props) return;
    const syntax = this.rules.syntax;
    const type = this.textOf(f, 'type');
    const modifiers = (f.parts.get('modifier') ?? []).map((m) => this.ctx.text(m));
    for (const [nameNode, valueNode] of pairs) {
      // A declaration without value (`var m map[string]int`) only says what type `m` has.
      const value = valueNode
        ? this.reader.read(valueNode)
        : { text: '', range: this.ctx.range(nameNode) };
      const keep = syntax.keepValue
        ? syntax.keepValue(value, type)
        : value.str !== undefined ||
          value.ref !== undefined ||
          value.module !== undefined ||
          value.env !== undefined;
      if (!keep) continue;
      const fact: Fact = {
        kind: 'value',
        name: this.ctx.text(nameNode),
        value,
        modifiers,
        ...this.located(f),
      };
      if (type !== undefined) fact.type = type;
      if (!this.rules.keep || this.rules.keep(fact)) out.push(fact);
    }
  }

  private call(f: Found): CallFact | undefined {
    const ctx = this.ctx;
    const syntax = this.rules.syntax;
    if ('call.property' in f.props && this.calledNodes.has(f.node.id)) return undefined;
    const calleeNode = this.part(f, 'callee');
    const objectNode = this.part(f, 'object');
    const methodNode = this.part(f, 'method');
    const object = objectNode ? compact(ctx.text(objectNode)) : undefined;
    const method = methodNode ? ctx.text(methodNode) : undefined;
    let callee: string;
    if (f.props.callee !== undefined) callee = f.props.callee ?? '';
    else if ('call.new' in f.props && calleeNode) callee = `new ${typeName(ctx.text(calleeNode))}`;
    else if (method !== undefined) callee = object !== undefined ? `${object}.${method}` : method;
    else if (calleeNode) callee = compact(ctx.text(calleeNode));
    else return undefined;
    const argsNode = this.part(f, 'arguments');
    const { args, named } = readArguments(argsNode, syntax, this.reader);
    for (const a of f.parts.get('argument') ?? []) args.push(this.reader.read(a));
    const custom = syntax.callArguments?.(f.node, callee, this.reader);
    if (custom) args.splice(0, args.length, ...custom);
    for (const [part, nodes] of f.parts) {
      if (part.startsWith('named.')) named[part.slice(6)] = this.reader.read(nodes[0]);
    }
    const start = this.part(f, 'start');
    const fact: CallFact = {
      kind: 'call',
      callee,
      calleeRange:
        calleeNode && !('call.new' in f.props)
          ? ctx.range(calleeNode)
          : methodNode
            ? ctx.span(objectNode ?? methodNode, methodNode)
            : ctx.range(f.node),
      range: start ? ctx.span(start, f.node) : ctx.range(f.node),
      typeArgs: (f.parts.get('type-argument') ?? []).map((t) => lastName(compact(ctx.text(t)))),
      args,
      named,
      argsText: argsNode ? ctx.text(argsNode) : '',
      ...this.located(f),
    };
    if (object !== undefined) fact.object = object;
    if (method !== undefined) fact.method = method;
    const assigned = this.assigned.get(f.node.id);
    if (assigned !== undefined) fact.assignedTo = assigned;
    const handler = this.part(f, 'handler');
    if (handler) fact.handlerParams = this.paramsOf(handler) ?? [];
    // A closure passed last names the scope of its code.
    const argsStart = argsNode?.startIndex ?? 0;
    if (argsNode && this.scopes.some((s) => s.start > argsStart && s.end < this.end(argsNode))) {
      const last = argsNode.namedChildren[argsNode.namedChildCount - 1];
      const closure = last ? this.scopeNames.get(last.id) : undefined;
      if (typeof closure === 'string') fact.closureScope = closure;
    }
    if (objectNode) this.chain(objectNode, fact);
    if (syntax.asyncFunctions) fact.inAsync = this.inAsync(f.node);
    return fact;
  }

  /** Follows the receiver of a method call down to where its chain starts. */
  private chain(objectNode: Node, fact: CallFact): void {
    const transparent = this.rules.syntax.transparent ?? [];
    const chain: Range[] = [];
    let n: Node | undefined = objectNode;
    while (n) {
      while (transparent.includes(n.type) && n.namedChildren[0]) n = n.namedChildren[0];
      const inner = this.calls.get(n.id);
      if (!inner) break;
      chain.unshift(this.ctx.range(n));
      const next = this.part(inner, 'object');
      if (!next) {
        const root = this.part(inner, 'callee');
        if (root && !('call.new' in inner.props)) fact.chainRoot = compact(this.ctx.text(root));
        else if (root) fact.chainRoot = `new ${typeName(this.ctx.text(root))}`;
        n = undefined;
        break;
      }
      n = next;
    }
    if (n && PLAIN_NAME.test(this.ctx.text(n))) fact.receiver = this.ctx.text(n);
    if (chain.length > 0) fact.chain = chain;
  }

  /** In a function declared `async` (the innermost enclosing function scope). */
  private inAsync(node: Node): boolean {
    const types = this.rules.syntax.asyncFunctions ?? [];
    const fn = this.enclosing(node)
      .filter((s) => types.includes(s.node.type))
      .pop();
    return fn?.node.child(0)?.type === 'async';
  }
}

const KNOWN_PARTS = new Set([
  'namespace.name',
  'value.name',
  'value.value',
  'value.names',
  'value.values',
  'value.type',
  'value.modifier',
  'import.path',
  'import.name',
  'import.alias',
  'import.wildcard',
  'import.type-only',
  'export.name',
  'export.alias',
  'export.path',
  'type.name',
  'type.base',
  'function.name',
  'function.params',
  'function.receiver',
  'function.returns',
  'call.callee',
  'call.object',
  'call.method',
  'call.arguments',
  'call.argument',
  'call.type-argument',
  'call.handler',
  'call.start',
]);

export type { ValueFact };
