// Helpers shared by the per-language naming-rule modules.
import type { Node } from 'web-tree-sitter';
import type { ExtractContext } from '../languageRules';
import type {
  DiagnosticSeverity,
  QuickFix,
  Range,
  RegisteredRef,
  SourceDiagnostic,
  SourceRuntime,
  WorkerRegistration,
} from '../types';

/** A value argument as seen in source: its text and, when it is a literal, its value. */
export interface ValueFact {
  text: string;
  range: Range;
  /** String literal value (or the default of an environment lookup, see `env`). */
  str?: string;
  /** Environment variable read with `str` as its default. */
  env?: string;
  /** Identifier (or last segment of a qualified name) when the value is a plain reference. */
  ref?: string;
  /** Elements when the value is a list/array (or object) literal. */
  items?: ValueFact[];
  /** Properties when the value is an object/map literal. */
  entries?: Record<string, ValueFact>;
  /** Module specifier when the value locates a module (`require.resolve('./x')`). */
  module?: string;
  /** Type constructed by the value (`&Acts{}`, `new Acts()`). */
  construct?: string;
  /** Callee and arguments when the value is a call. */
  call?: { callee: string; args: ValueFact[] };
}

/** Stable diagnostic codes, shared by all languages. */
export const DiagnosticCodes = {
  time: 'nondeterministic-time',
  sleep: 'nondeterministic-sleep',
  random: 'nondeterministic-random',
  uuid: 'nondeterministic-uuid',
  io: 'nondeterministic-io',
  thread: 'nondeterministic-concurrency',
  channel: 'nondeterministic-channel',
  select: 'nondeterministic-select',
  mapRange: 'nondeterministic-map-iteration',
  nodeBuiltin: 'workflow-node-builtin-import',
  unregistered: 'unregistered-workflow',
} as const;

export function diagnostic(
  range: Range,
  code: string,
  message: string,
  options: { severity?: DiagnosticSeverity; workflow?: string; fix?: QuickFix } = {},
): SourceDiagnostic {
  const d: SourceDiagnostic = {
    range,
    message,
    code,
    severity: options.severity ?? 'warning',
  };
  if (options.workflow !== undefined) d.workflow = options.workflow;
  if (options.fix) d.fix = options.fix;
  return d;
}

/** A quick fix that replaces `range` with `newText`. */
export function replaceFix(title: string, range: Range, newText: string): QuickFix {
  return { title, edits: [{ range, newText }] };
}

/** A fix that is only advice (no automatic edit). */
export function adviceFix(title: string): QuickFix {
  return { title, edits: [] };
}

/** Decodes the escapes common to C-family string literals (\n, \t, \", \\, \uXXXX...). */
export function unescapeC(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(
    /\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/gs,
    (_, e: string) => {
      switch (e[0]) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case 'b':
          return '\b';
        case 'f':
          return '\f';
        case 'v':
          return '\v';
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
          return String.fromCharCode(parseInt(e, 8));
        case 'x':
          return String.fromCharCode(parseInt(e.slice(1), 16));
        case 'u': {
          const hex = e[1] === '{' ? e.slice(2, -1) : e.slice(1);
          const code = parseInt(hex, 16);
          return code <= 0x10ffff ? String.fromCodePoint(code) : '';
        }
        default:
          return e;
      }
    },
  );
}

/** The last identifier in a qualified name such as `pkg.Name`, `a::b::C` or `ns/sym`. */
export function lastName(text: string): string {
  const m = /([A-Za-z_$][\w$!?*<>=+-]*)\W*$/.exec(text.trim());
  return m ? m[1] : text.trim();
}

/** Is `text` a simple (possibly qualified) name, like `A`, `pkg.A` or `a::B`? */
export function isQualifiedName(text: string): boolean {
  return /^[A-Za-z_$][\w$]*(\s*(\.|::)\s*[A-Za-z_$][\w$]*)*$/.test(text.trim());
}

export function ref(text: string, range: Range, name?: string): RegisteredRef {
  const r: RegisteredRef = { range };
  if (isQualifiedName(text)) r.symbol = lastName(text);
  if (name !== undefined) r.name = name;
  return r;
}

/** Looks a referenced name up (locals of the enclosing scopes first, then module constants). */
export type ValueLookup = (name: string) => ValueFact | undefined;

/** Resolves a task-queue value: literal, env default, constant of this file, or a reference for the index. */
export function taskQueueOf(
  value: ValueFact | undefined,
  lookup: ValueLookup,
): Pick<WorkerRegistration, 'taskQueue' | 'taskQueueRef' | 'taskQueueEnv'> & { known: boolean } {
  for (let depth = 0; value && depth < 8; depth++) {
    if (value.str !== undefined) {
      return value.env !== undefined
        ? { taskQueue: value.str, taskQueueEnv: value.env, known: true }
        : { taskQueue: value.str, known: true };
    }
    if (value.ref === undefined) return { known: false };
    const next = lookup(value.ref);
    if (!next) return { taskQueueRef: value.ref, known: true };
    value = next;
  }
  return { known: false };
}

/** Builds a worker registration record with fields in a stable order. */
export function workerRecord(fields: {
  range: Range;
  runtime: SourceRuntime;
  taskQueue?: string;
  taskQueueRef?: string;
  taskQueueEnv?: string;
  workflows: RegisteredRef[];
  activities: RegisteredRef[];
  workflowsModule?: string;
  registersAll?: boolean;
  complete: boolean;
}): WorkerRegistration {
  const w = {} as WorkerRegistration;
  if (fields.taskQueue !== undefined) w.taskQueue = fields.taskQueue;
  if (fields.taskQueueRef !== undefined) w.taskQueueRef = fields.taskQueueRef;
  if (fields.taskQueueEnv !== undefined) w.taskQueueEnv = fields.taskQueueEnv;
  if (fields.workflowsModule !== undefined) w.workflowsModule = fields.workflowsModule;
  if (fields.registersAll) w.registersAll = true;
  w.workflows = fields.workflows;
  w.activities = fields.activities;
  w.complete = fields.complete;
  w.range = fields.range;
  w.runtime = fields.runtime;
  return w;
}

/** A lookup that falls back to the file's constants. */
export function withConstants(
  lookup: ValueLookup,
  constants: Record<string, string>,
  range: Range,
): ValueLookup {
  return (name) => {
    const found = lookup(name);
    if (found) return found;
    const c = constants[name];
    return c === undefined ? undefined : { text: name, range, str: c };
  };
}

/** Finds the value of `name` as seen from `scope`: innermost enclosing scope first, then the module. */
export function scopedLookup(
  locals: readonly { name: string; value: ValueFact; scope: readonly string[] }[],
  scope: readonly string[],
): ValueLookup {
  return (name) => {
    let best: { value: ValueFact; depth: number } | undefined;
    for (const l of locals) {
      if (l.name !== name) continue;
      if (l.scope.length > scope.length) continue;
      if (!l.scope.every((s, i) => scope[i] === s)) continue;
      if (!best || l.scope.length >= best.depth) best = { value: l.value, depth: l.scope.length };
    }
    return best?.value;
  };
}

/** Is `scope` inside (or equal to) `prefix`? */
export function scopeWithin(scope: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length === 0 || scope.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (scope[i] !== prefix[i]) return false;
  return true;
}

/** Nearest ancestor (or the node itself) of one of `types`. */
export function ancestorOfType(
  node: Node,
  types: readonly string[],
  ctx: ExtractContext,
): Node | undefined {
  for (let n: Node | null = node; n && !ctx.isRoot(n); n = n.parent) {
    if (types.includes(n.type)) return n;
  }
  return undefined;
}

/** Sorts records by position so output order does not depend on fact order. */
export function byPosition<T extends { range: Range }>(a: T, b: T): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character
  );
}
