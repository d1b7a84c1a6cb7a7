// Shared readers for literals, values and argument lists. What differs between grammars (node
// types, escapes) is data in each language's `LanguageSyntax`; idioms that data cannot say
// (environment lookups, module paths, map literals) are a small `readValue` hook.
import type { Node } from 'web-tree-sitter';
import type { ValueFact } from './facts';
import type { Range } from './types';

/** How a string literal node is decoded. */
export interface StringRule {
  /** Child node types holding literal text. */
  content?: readonly string[];
  /** Child node type of escape sequences, decoded C style or Python style. */
  escape?: { type: string; style: 'c' | 'python' };
  /** Child node types that make the value dynamic (interpolation): no static value. */
  dynamic?: readonly string[];
  /** Child node type whose text marks a raw string (Python `r"..."`): escapes kept as written. */
  rawPrefix?: string;
  /** Concatenation of adjacent literals (Python `"a" "b"`). */
  concat?: boolean;
  /** Decodes the whole literal text instead (`@"..."`, Clojure strings). */
  whole?: (text: string) => string;
}

/** How a value node is read (see ValueFact). */
type ValueRule =
  | { kind: 'string' }
  /** A reference: the text of `field`, the last segment (`last`), or that of a qualified name. */
  | { kind: 'ref'; field?: string; last?: boolean }
  | { kind: 'list' }
  /** The value of an inner node (`field` or the first named child), with the outer text. */
  | { kind: 'unwrap'; field?: string }
  /** A construction of the type in `field` (or the first named child). */
  | { kind: 'construct'; field?: string }
  | { kind: 'call' };

/**
 * Node types by how their values are read; `type:field` names the child to read. String
 * literal types and `identifier` need no entry.
 *  - ref: a reference to a name (qualified names by their last segment); lastRef: always the
 *    last segment; list: its items; unwrap: the inner value (parentheses, casts, `&x`);
 *    construct: a construction of the type (`new T()`, `T{}`); call: callee and arguments
 */
export type ValueTable = Partial<
  Record<'ref' | 'lastRef' | 'list' | 'unwrap' | 'construct' | 'call', readonly string[]>
>;

const valueRules = new WeakMap<ValueTable, Map<string, ValueRule>>();

function rulesOf(table: ValueTable): Map<string, ValueRule> {
  let rules = valueRules.get(table);
  if (rules) return rules;
  rules = new Map();
  for (const [kind, types] of Object.entries(table)) {
    for (const entry of types ?? []) {
      const [type, field] = entry.split(':');
      if (kind === 'lastRef') rules.set(type, { kind: 'ref', last: true });
      else rules.set(type, { kind, field } as ValueRule);
    }
  }
  valueRules.set(table, rules);
  return rules;
}

export interface LanguageSyntax {
  /** Comment node types (default `comment`). */
  comments?: readonly string[];
  strings: Record<string, StringRule>;
  values: ValueTable;
  /** Idioms the tables cannot say; may fill `v` (and read inner nodes with `read`). */
  readValue?(node: Node, v: ValueFact, read: ValueReader): void;
  /** Arguments a call's captures cannot say (Clojure `case` keywords a handler dispatches on). */
  callArguments?(node: Node, callee: string, read: ValueReader): ValueFact[] | undefined;
  /** Named argument node types: [name field, value field]. */
  namedArguments?: Record<string, readonly [string, string]>;
  /** Reads one argument: its name when named, and the node holding its value. */
  argument?(node: Node, read: ValueReader): { name?: string; value: Node } | undefined;
  /** Argument lists made of raw tokens (Rust attributes): `name = value` pairs and values. */
  tokenArguments?: readonly string[];
  /** Nodes that wrap a declaration (`export`, decorators): its range and top-levelness include them. */
  wrappers?: readonly string[];
  /** Nodes between a call and what receives it (`await`, `?`, casts, parentheses). */
  transparent?: readonly string[];
  /** Function node types with an `async` keyword child. */
  asyncFunctions?: readonly string[];
  /** Parameter and declared types are compared without whitespace. */
  compactTypes?: boolean;
  /** Whitespace inside parameter names is collapsed (Clojure destructuring). */
  collapseParameterNames?: boolean;
  /** Which value bindings are worth keeping (default: strings, references, modules, env). */
  keepValue?(v: ValueFact, type: string | undefined): boolean;
}

/** Reads values of one chunk; ranges come from the chunk context. */
export interface ValueReader {
  text(node: Node): string;
  range(node: Node): Range;
  read(node: Node): ValueFact;
  string(node: Node): string | undefined;
}

const MAX_VALUE_DEPTH = 8;
const STRING: ValueRule = { kind: 'string' };
const REF: ValueRule = { kind: 'ref' };

/** Removes all whitespace, so `workflow . defn` and `workflow.defn` compare equal. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The last identifier in a qualified name such as `pkg.Name`, `a::b::C` or `ns/sym`. */
export function lastName(text: string): string {
  // Resolution asks this of every call in a file on every edit, mostly for the same few
  // callees; the regex retries from each start position, a lookup does not.
  let name = lastNames.get(text);
  if (name === undefined) {
    const m = /([A-Za-z_$][\w$!?*<>=+-]*)\W*$/.exec(text.trim());
    name = m ? m[1] : text.trim();
    if (lastNames.size >= 10_000) lastNames.clear();
    lastNames.set(text, name);
  }
  return name;
}
const lastNames = new Map<string, string>();

/** Simple name of a type as written: `pkg.Foo<Bar>` -> `Foo`. */
export function typeName(text: string): string {
  return lastName(compact(text).replace(/<.*$/, ''));
}

/** Is `text` a simple (possibly qualified) name, like `A`, `pkg.A` or `a::B`? */
export function isQualifiedName(text: string): boolean {
  return /^[A-Za-z_$][\w$]*(\s*(\.|::)\s*[A-Za-z_$][\w$]*)*$/.test(text.trim());
}

export function createValueReader(
  syntax: LanguageSyntax,
  text: (node: Node) => string,
  range: (node: Node) => Range,
): ValueReader {
  const comments = new Set(syntax.comments ?? ['comment']);
  const table = rulesOf(syntax.values);
  const string = (node: Node): string | undefined => {
    const rule = syntax.strings[node.type];
    return rule ? decodeString(node, rule, text, string) : undefined;
  };
  const read = (node: Node, depth = 0): ValueFact => {
    const v: ValueFact = { text: compact(text(node)), range: range(node) };
    if (depth > MAX_VALUE_DEPTH) return v;
    const inner = (n: Node) => read(n, depth + 1);
    // String literal types are string values; identifiers are references.
    const rule =
      table.get(node.type) ??
      (syntax.strings[node.type] ? STRING : node.type === 'identifier' ? REF : undefined);
    switch (rule?.kind) {
      case 'string': {
        const s = string(node);
        if (s !== undefined) v.str = s;
        break;
      }
      case 'ref':
        if (rule.field) {
          const f = node.childForFieldName(rule.field);
          v.ref = f ? text(f) : text(node);
        } else if (rule.last) v.ref = lastName(v.text);
        else if (isQualifiedName(v.text)) v.ref = lastName(v.text);
        break;
      case 'list':
        v.items = node.namedChildren.filter((c) => !comments.has(c.type)).map(inner);
        break;
      case 'unwrap': {
        const n = (rule.field ? node.childForFieldName(rule.field) : null) ?? node.namedChildren[0];
        if (n) return { ...inner(n), text: v.text, range: v.range };
        break;
      }
      case 'construct': {
        const t = (rule.field ? node.childForFieldName(rule.field) : null) ?? node.namedChildren[0];
        if (t) v.construct = typeName(text(t));
        break;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        const args = node.childForFieldName('arguments');
        if (fn && args) {
          v.call = {
            callee: compact(text(fn)),
            args: args.namedChildren.filter((a) => !comments.has(a.type)).map(inner),
          };
        }
        break;
      }
    }
    syntax.readValue?.(node, v, { text, range, read: inner, string });
    return v;
  };
  return { text, range, read: (node) => read(node), string };
}

function decodeString(
  node: Node,
  rule: StringRule,
  text: (node: Node) => string,
  string: (node: Node) => string | undefined,
): string | undefined {
  if (rule.whole) return rule.whole(text(node));
  let out = '';
  let raw = false;
  for (const child of node.namedChildren) {
    if (rule.concat) {
      const part = string(child);
      if (part === undefined) return undefined;
      out += part;
    } else if (child.type === rule.rawPrefix) {
      raw = /r/i.test(text(child));
    } else if (rule.content?.includes(child.type)) {
      out += text(child);
    } else if (child.type === rule.escape?.type) {
      const seq = text(child);
      out += raw ? seq : rule.escape.style === 'c' ? unescapeC(seq) : unescapePython(seq);
    } else if (rule.dynamic?.includes(child.type)) {
      return undefined;
    }
  }
  return out;
}

/** Decodes the escapes common to C-family string literals (\n, \t, \", \\, \uXXXX...). */
export function unescapeC(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(
    /\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/gs,
    (_, e: string) => {
      const simple = C_ESCAPES[e];
      if (simple !== undefined) return simple;
      if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
      if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
      if (e[0] === 'u') {
        const code = parseInt(e[1] === '{' ? e.slice(2, -1) : e.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return e;
    },
  );
}

const C_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
};

const PYTHON_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};

function unescapePython(seq: string): string {
  const c = seq[1];
  if (c === 'x' || c === 'u' || c === 'U') {
    return String.fromCodePoint(parseInt(seq.slice(2), 16) || 0);
  }
  return PYTHON_ESCAPES[c] ?? seq;
}

/** Positional and named arguments of an argument list node. */
export function readArguments(
  list: Node | null | undefined,
  syntax: LanguageSyntax,
  reader: ValueReader,
): { args: ValueFact[]; named: Record<string, ValueFact> } {
  const args: ValueFact[] = [];
  const named: Record<string, ValueFact> = {};
  const comments = syntax.comments ?? ['comment'];
  if (!list) return { args, named };
  if (syntax.tokenArguments?.includes(list.type)) {
    const tokens = list.children;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!t.isNamed || comments.includes(t.type)) continue;
      if (t.type === 'identifier' && tokens[i + 1]?.type === '=' && tokens[i + 2]) {
        named[reader.text(t)] = reader.read(tokens[i + 2]);
        i += 2;
      } else {
        args.push(reader.read(t));
      }
    }
    return { args, named };
  }
  for (const a of list.namedChildren) {
    if (comments.includes(a.type)) continue;
    const spec = syntax.namedArguments?.[a.type];
    if (spec) {
      const name = a.childForFieldName(spec[0]);
      const value = a.childForFieldName(spec[1]);
      if (name && value) named[reader.text(name)] = reader.read(value);
      continue;
    }
    const custom = syntax.argument ? syntax.argument(a, reader) : { value: a };
    if (!custom) continue;
    if (custom.name !== undefined) named[custom.name] = reader.read(custom.value);
    else args.push(reader.read(custom.value));
  }
  return { args, named };
}
