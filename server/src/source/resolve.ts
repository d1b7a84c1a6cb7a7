// Shared resolution: indexes a file's facts and builds records from them. Each language's rules
// call these helpers with its naming rules and tables.
import type {
  AnnotationFact,
  CallFact,
  DeclarationFact,
  Fact,
  FunctionFact,
  ImportFact,
  TypeFact,
  ValueBindingFact,
  ValueFact,
} from './facts';
import type { GrammarId } from './grammars';
import { isQualifiedName, lastName } from './syntax';
import type {
  HandlerDefinition,
  HandlerKind,
  NameSource,
  Parameter,
  Range,
  RegisteredRef,
  SourceRecords,
  SourceRuntime,
  WorkerRegistration,
  WorkflowDefinition,
} from './types';

export type RecordsBody = Omit<SourceRecords, 'uri' | 'language' | 'hasErrors'>;

export interface ResolveContext {
  uri: string;
  /** File system path of the document, when the uri is a file uri or a path. */
  filePath?: string;
  grammar: GrammarId;
}

export function emptyBody(): RecordsBody {
  return {
    workflows: [],
    handlers: [],
    handlerRefs: [],
    activities: [],
    workers: [],
    implementations: [],
    diagnostics: [],
    constants: {},
    reexports: [],
  };
}

/** Looks a referenced name up (locals of the enclosing scopes first, then module constants). */
export type ValueLookup = (name: string) => ValueFact | undefined;

/** A file's facts by kind, with its import bindings and constants. */
export class FileFacts {
  readonly imports: ImportFact[] = [];
  readonly types: TypeFact[] = [];
  readonly functions: FunctionFact[] = [];
  readonly values: ValueBindingFact[] = [];
  readonly calls: CallFact[] = [];
  readonly exports: Extract<Fact, { kind: 'export' }>[] = [];
  readonly namespace: string | undefined;
  /** Local name -> what it imports (`wf` -> `temporalio.workflow`). */
  readonly bindings = new Map<string, string>();
  readonly wildcards: string[] = [];
  /** File constants (name -> string), by the language's rule of what is constant. */
  readonly constants: Record<string, string> = {};
  private valued: ValueBindingFact[] | undefined;
  private byScope: Map<string, FunctionFact[]> | undefined;
  private byName: Map<string, TypeFact> | undefined;

  constructor(facts: readonly Fact[], isConstant: (v: ValueBindingFact) => boolean) {
    let namespace: string | undefined;
    for (const f of facts) {
      switch (f.kind) {
        case 'import':
          this.imports.push(f);
          if (f.wildcard) this.wildcards.push(f.path);
          else if (f.local !== undefined && f.target !== undefined)
            this.bindings.set(f.local, f.target);
          break;
        case 'namespace':
          if (f.topLevel) namespace ??= f.name;
          break;
        case 'export':
          this.exports.push(f);
          break;
        case 'type':
          this.types.push(f);
          break;
        case 'function':
          this.functions.push(f);
          break;
        case 'value':
          this.values.push(f);
          if (f.value.str !== undefined && f.value.env === undefined && isConstant(f))
            this.constants[f.name] = f.value.str;
          break;
        case 'call':
          this.calls.push(f);
          break;
      }
    }
    this.namespace = namespace;
  }

  /** What a dotted name refers to through the file's imports (`wf.defn` -> `temporalio.workflow.defn`). */
  canonical(dotted: string, wildcardNames: Record<string, readonly string[]> = {}): string {
    const dot = dotted.indexOf('.');
    const first = dot < 0 ? dotted : dotted.slice(0, dot);
    const target = this.bindings.get(first);
    if (target !== undefined) return target + (dot < 0 ? '' : dotted.slice(dot));
    for (const module of this.wildcards) {
      if (wildcardNames[module]?.includes(first)) return `${module}.${dotted}`;
    }
    return dotted;
  }

  /** The local name bound to `target` (how the file spells an imported module). */
  localFor(target: string): string | undefined {
    for (const [local, t] of this.bindings) if (t === target) return local;
    return undefined;
  }

  /** Values visible from `scope` (innermost first), then, with `constants`, the file's constants. */
  lookup(scope: readonly string[], constants?: Range): ValueLookup {
    // Declarations without a value (`var m T`) only tell a type.
    this.valued ??= this.values.filter((v) => v.value.text !== '');
    const locals = scopedLookup(this.valued, scope);
    if (!constants) return locals;
    return (name) => {
      const found = locals(name);
      if (found) return found;
      const c = this.constants[name];
      return c === undefined ? undefined : { text: name, range: constants, str: c };
    };
  }

  /** Functions declared directly in `type` (by scope). */
  members(type: DeclarationFact): FunctionFact[] {
    return this.inScope([...type.scope, type.name]);
  }

  /** Functions whose scope is exactly `scope` (indexed once: files have thousands). */
  inScope(scope: readonly string[]): FunctionFact[] {
    if (!this.byScope) {
      this.byScope = new Map();
      for (const f of this.functions) {
        const key = f.scope.join('\u0000');
        const list = this.byScope.get(key);
        if (list) list.push(f);
        else this.byScope.set(key, [f]);
      }
    }
    return this.byScope.get(scope.join('\u0000')) ?? [];
  }

  /** The first type of that name (indexed once: inheritance checks ask for every type). */
  typeNamed(name: string): TypeFact | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const t of this.types) if (!this.byName.has(t.name)) this.byName.set(t.name, t);
    }
    return this.byName.get(name);
  }

  /** Does `type` extend `base`, directly or through types of this file? */
  inherits(type: TypeFact, base: string, seen = new Set<TypeFact>()): boolean {
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.bases.includes(base)) return true;
    return type.bases.some((b) => {
      const next = this.typeNamed(b);
      return next ? this.inherits(next, base, seen) : false;
    });
  }

  /** Every name `type` extends, directly or through types of this file (what `inherits` asks). */
  ancestors(type: TypeFact): Set<string> {
    const names = new Set<string>();
    const seen = new Set<TypeFact>();
    const visit = (t: TypeFact) => {
      if (seen.has(t)) return;
      seen.add(t);
      for (const b of t.bases) {
        names.add(b);
        const next = this.typeNamed(b);
        if (next) visit(next);
      }
    };
    visit(type);
    return names;
  }

  /** A name given as a literal or a constant of this file. */
  explicitName(value: ValueFact | undefined): string | undefined {
    if (!value) return undefined;
    if (value.str !== undefined) return value.str;
    if (value.ref !== undefined) return this.constants[value.ref];
    return undefined;
  }

  /** A name argument: literal, constant or local of this file, or a reference for the index. */
  nameArgument(
    value: ValueFact | undefined,
    lookup: ValueLookup,
  ): { name: string; ref?: string } | undefined {
    const q = taskQueueOf(value, lookup);
    if (q.taskQueue !== undefined) return { name: q.taskQueue };
    if (q.taskQueueRef !== undefined) return { name: q.taskQueueRef, ref: q.taskQueueRef };
    return undefined;
  }
}

/** `table[key]` for own keys only (`toString` is not a table entry). */
export function entry<T>(table: Record<string, T>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Finds the value of `name` as seen from `scope`: innermost enclosing scope first, then the module. */
export function scopedLookup(
  locals: readonly {
    name: string;
    value: ValueFact;
    scope: readonly string[];
  }[],
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

/**
 * Finds which of `items` (each a scope path) a scope lies strictly inside, through a map of their
 * paths: O(depth) per lookup where a scan of every item per call made resolving quadratic.
 */
export class ScopeOwners<T extends { path: readonly string[] }> {
  private readonly byPath = new Map<string, T>();

  constructor(items: Iterable<T>) {
    for (const item of items) {
      const key = item.path.join('\u0000');
      if (item.path.length > 0 && !this.byPath.has(key)) this.byPath.set(key, item);
    }
  }

  /** The item with the longest path that is a strict prefix of `scope`. */
  innermost(scope: readonly string[]): T | undefined {
    for (let n = scope.length - 1; n >= 1; n--) {
      const found = this.byPath.get(scope.slice(0, n).join('\u0000'));
      if (found) return found;
    }
    return undefined;
  }

  /** The item with the shortest path that is a strict prefix of `scope`. */
  outermost(scope: readonly string[]): T | undefined {
    for (let n = 1; n < scope.length; n++) {
      const found = this.byPath.get(scope.slice(0, n).join('\u0000'));
      if (found) return found;
    }
    return undefined;
  }
}

/** Every prefix of every scope (as joined keys), to ask whether any scope lies within a path. */
export function scopePrefixes(scopes: Iterable<readonly string[]>): Set<string> {
  const out = new Set<string>();
  for (const scope of scopes) {
    for (let n = 1; n <= scope.length; n++) out.add(scope.slice(0, n).join('\u0000'));
  }
  return out;
}

/** The key `scopePrefixes` gives a path. */
export const scopeKey = (path: readonly string[]): string => path.join('\u0000');

/** Is `scope` inside (or equal to) `prefix`? */
export function scopeWithin(scope: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length === 0 || scope.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (scope[i] !== prefix[i]) return false;
  return true;
}

/** Resolves a task-queue value: literal, env default, constant of this file, or a reference for the index. */
export function taskQueueOf(
  value: ValueFact | undefined,
  lookup: ValueLookup,
): Pick<WorkerRegistration, 'taskQueue' | 'taskQueueRef' | 'taskQueueEnv'> & {
  known: boolean;
} {
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

/** A registered reference to a code symbol (its last name segment) by the text that names it. */
export function ref(text: string, range: Range, name?: string): RegisteredRef {
  const r: RegisteredRef = { range };
  if (isQualifiedName(text)) r.symbol = lastName(text);
  if (name !== undefined) r.name = name;
  return r;
}

/** Fields shared by workflow, handler and activity records, from the declaration that makes them. */
export function definitionOf(
  fact: { name: string; range: Range; nameRange: Range },
  explicit: string | undefined,
  options: {
    parameters?: Parameter[];
    runtime?: SourceRuntime;
    /** Name when not explicit (default: the symbol). */
    fallback?: string;
    /** Where an explicit name comes from (default `explicit`). */
    source?: NameSource;
  } = {},
): WorkflowDefinition {
  return {
    name: explicit ?? options.fallback ?? fact.name,
    nameSource: explicit !== undefined ? (options.source ?? 'explicit') : 'symbol',
    symbol: fact.name,
    range: fact.range,
    nameRange: fact.nameRange,
    parameters: options.parameters ?? [],
    runtime: options.runtime ?? 'temporal',
  };
}

/** The annotation named `name` (after `normalize`). */
export function annotation(
  annotations: readonly AnnotationFact[],
  name: string,
  normalize: (name: string) => string = lastName,
): AnnotationFact | undefined {
  return annotations.find((a) => normalize(a.name) === name);
}

/** Builds a worker registration record (Temporal unless said) with fields in a stable order. */
export function workerRecord(
  fields: Omit<WorkerRegistration, 'runtime'> & {
    runtime?: SourceRuntime;
    /** Ignored: lets a `taskQueueOf` result be spread in. */
    known?: boolean;
  },
): WorkerRegistration {
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
  w.runtime = fields.runtime ?? 'temporal';
  return w;
}

/** `value` without its undefined properties (records never carry `key: undefined`). */
export function defined<T extends object>(value: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(value))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** A handler a call declares: `set_signal_handler("name", fn)`, `GetSignalChannel(ctx, "name")`. */
export function callHandler(
  kind: HandlerKind,
  name: string,
  range: Range,
  nameRange: Range,
  extra: Partial<HandlerDefinition> = {},
): HandlerDefinition {
  return {
    kind,
    name,
    nameSource: 'explicit',
    range,
    nameRange,
    parameters: [],
    runtime: 'temporal',
    ...defined(extra),
  };
}

/** Handlers a member declares with annotations (`@workflow.signal`, `[WorkflowQuery]`). */
export function annotatedHandlers(
  member: FunctionFact,
  kinds: Record<string, HandlerKind>,
  options: {
    /** Annotation name as the `kinds` table spells it (default: its last segment). */
    normalize?(name: string): string;
    explicit(a: AnnotationFact): string | undefined;
    parameters: Parameter[];
    /** Name when not explicit (default: the member's). */
    fallback?(kind: HandlerKind): string;
  },
): { handler: HandlerDefinition; annotation: AnnotationFact }[] {
  const out: { handler: HandlerDefinition; annotation: AnnotationFact }[] = [];
  for (const a of member.annotations) {
    const kind = entry(kinds, (options.normalize ?? lastName)(a.name));
    if (!kind) continue;
    const { parameters, fallback } = options;
    const handler = {
      kind,
      ...definitionOf(member, options.explicit(a), { parameters, fallback: fallback?.(kind) }),
    };
    out.push({ handler, annotation: a });
  }
  return out;
}

/** A handler attached to the workflows it belongs to; without any, to its declaring type. */
export function withOwners(
  handler: HandlerDefinition,
  owners: readonly { name: string; symbol: string }[],
  declaringType?: string,
): HandlerDefinition[] {
  if (owners.length === 0) {
    return [declaringType !== undefined ? { ...handler, workflowSymbol: declaringType } : handler];
  }
  return owners.map((o) => ({ ...handler, workflow: o.name, workflowSymbol: o.symbol }));
}

/** Registrations made by method calls on one worker variable (`w.RegisterWorkflow(...)`). */
export interface RegistrationGroup {
  key: string;
  workflows: RegisteredRef[];
  activities: RegisteredRef[];
  complete: boolean;
  /** Range of the first registration call. */
  range: Range;
}

/** Groups registration calls by a key (usually enclosing function and receiver). */
class RegistrationGroups {
  private readonly groups = new Map<string, RegistrationGroup>();

  get(key: string): RegistrationGroup | undefined {
    return this.groups.get(key);
  }

  add(key: string, range: Range): RegistrationGroup {
    let g = this.groups.get(key);
    if (!g) {
      g = { key, workflows: [], activities: [], complete: true, range };
      this.groups.set(key, g);
    }
    return g;
  }

  /** Removes and returns the group of a worker created with `key`. */
  take(key: string): RegistrationGroup | undefined {
    const g = this.groups.get(key);
    this.groups.delete(key);
    return g;
  }

  /** Groups on workers created elsewhere (a parameter): their task queue is unknown here. */
  remaining(runtime: SourceRuntime = 'temporal'): WorkerRegistration[] {
    return [...this.groups.values()].map((g) =>
      workerRecord({
        range: g.range,
        runtime,
        workflows: g.workflows,
        activities: g.activities,
        complete: false,
      }),
    );
  }
}

/** How a language's workers are built from a variable and method calls on it. */
export interface VariableWorkers {
  /** Key of the function a call is in: a worker and its registrations share it. */
  scopeKey(scope: readonly string[]): string;
  /** When `call` creates a worker (`w := worker.New(c, "q")`): its task-queue argument. */
  creates(call: CallFact): { queue: ValueFact | undefined } | undefined;
  /** What a registration call (`w.RegisterWorkflow(f)`) adds; `complete: false` if unknown parts. */
  registers(
    call: CallFact,
  ): { workflows?: RegisteredRef[]; activities?: RegisteredRef[]; complete: boolean } | undefined;
  lookup(call: CallFact): ValueLookup;
}

/**
 * Workers created by a call assigned to a variable, with the registrations made by method
 * calls on that variable in the same function; registrations on workers created elsewhere (a
 * parameter) make workers whose task queue is unknown.
 */
export function variableWorkers(
  calls: readonly CallFact[],
  spec: VariableWorkers,
): WorkerRegistration[] {
  const groups = new RegistrationGroups();
  for (const call of calls) {
    const added = spec.registers(call);
    if (!added) continue;
    const g = groups.add(`${spec.scopeKey(call.scope)}|${call.object ?? ''}`, call.range);
    g.workflows.push(...(added.workflows ?? []));
    g.activities.push(...(added.activities ?? []));
    if (!added.complete) g.complete = false;
  }
  const out: WorkerRegistration[] = [];
  for (const call of calls) {
    const created = spec.creates(call);
    if (!created) continue;
    const g = groups.take(`${spec.scopeKey(call.scope)}|${call.assignedTo}`);
    const queue = taskQueueOf(created.queue, spec.lookup(call));
    out.push(
      workerRecord({
        range: call.range,
        taskQueue: queue.taskQueue,
        taskQueueRef: queue.taskQueueRef,
        workflows: g?.workflows ?? [],
        activities: g?.activities ?? [],
        complete: queue.known && (g?.complete ?? true),
      }),
    );
  }
  return [...out, ...groups.remaining()];
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

/** Puts every record list in position order. */
export function sortBody(body: RecordsBody): RecordsBody {
  body.workflows.sort(byPosition);
  body.handlers.sort(byPosition);
  body.handlerRefs.sort(byPosition);
  body.activities.sort(byPosition);
  body.workers.sort(byPosition);
  body.implementations.sort(byPosition);
  body.diagnostics.sort(byPosition);
  return body;
}

/** Supertypes of each type that has some, so the index can follow implementations. */
export function implementationsOf(types: readonly TypeFact[]): RecordsBody['implementations'] {
  return types
    .filter((t) => t.bases.length > 0)
    .map((t) => ({
      symbol: t.name,
      interfaces: t.bases,
      range: t.range,
      nameRange: t.nameRange,
    }));
}
