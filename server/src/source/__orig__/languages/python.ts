// Python (temporalio): naming rules of the Python SDK.
//  - workflow: @workflow.defn class; type name = `name=` argument, else the class name
//  - handlers: @workflow.signal/query/update methods; name = `name=` argument, else method name
//    (update validators, `@x.validator`, are not handlers)
//  - activities: @activity.defn functions/methods; name = `name=` argument, else function name
//  - workers: Worker(client, task_queue=..., workflows=[...], activities=[...])
import type { Node, QueryMatch } from 'web-tree-sitter';
import {
  capture,
  captures,
  compact,
  emptyBody,
  type ExtractContext,
  type LanguageRules,
  type RecordsBody,
} from '../languageRules';
import { QUERY_SOURCES } from '../queries';
import type {
  HandlerDefinition,
  HandlerKind,
  Parameter,
  QuickFix,
  Range,
  SourceDiagnostic,
  WorkflowDefinition,
} from '../types';
import {
  DiagnosticCodes,
  adviceFix,
  ancestorOfType,
  byPosition,
  diagnostic,
  isQualifiedName,
  lastName,
  ref,
  replaceFix,
  scopedLookup,
  taskQueueOf,
  workerRecord,
  type ValueFact,
} from './common';

interface Decorator {
  callee: string;
  kwargs: Record<string, ValueFact>;
  positional: ValueFact[];
}

interface ClassFact {
  kind: 'class';
  name: string;
  nameRange: Range;
  range: Range;
  bases: string[];
  decorators: Decorator[];
  scope: string[];
}

interface FunctionFact {
  kind: 'function';
  name: string;
  nameRange: Range;
  range: Range;
  params: Parameter[];
  decorators: Decorator[];
  scope: string[];
}

interface CallFact {
  kind: 'call';
  callee: string;
  calleeRange: Range;
  range: Range;
  argsText: string;
  args: ValueFact[];
  kwargs: Record<string, ValueFact>;
  scope: string[];
  inAsync: boolean;
}

type PyFact =
  | { kind: 'bind'; local: string; target: string }
  | { kind: 'assign'; name: string; value: ValueFact; scope: string[]; module: boolean }
  | ClassFact
  | FunctionFact
  | CallFact;

const KINDS = new Set(['import', 'class', 'plain_class', 'function', 'call', 'assign']);

// ---- extraction -------------------------------------------------------------------------

/** Value of a Python string literal; undefined for f-strings with interpolation. */
function stringValue(node: Node, ctx: ExtractContext): string | undefined {
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of node.namedChildren) {
      const v = stringValue(part, ctx);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (node.type !== 'string') return undefined;
  let out = '';
  let raw = false;
  for (const child of node.namedChildren) {
    switch (child.type) {
      case 'string_start':
        raw = /r/i.test(ctx.text(child));
        break;
      case 'string_content':
        out += ctx.text(child);
        break;
      case 'escape_sequence':
        out += raw ? ctx.text(child) : unescapePython(ctx.text(child));
        break;
      case 'interpolation':
        return undefined;
    }
  }
  return out;
}

function unescapePython(seq: string): string {
  const map: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '0': '\0',
  };
  const c = seq[1];
  if (c === 'x' || c === 'u' || c === 'U')
    return String.fromCodePoint(parseInt(seq.slice(2), 16) || 0);
  return map[c] ?? seq;
}

function valueOf(node: Node, ctx: ExtractContext): ValueFact {
  const v: ValueFact = { text: compact(ctx.text(node)), range: ctx.range(node) };
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const s = stringValue(node, ctx);
      if (s !== undefined) v.str = s;
      break;
    }
    case 'identifier':
    case 'attribute':
      if (isQualifiedName(v.text)) v.ref = lastName(v.text);
      break;
    case 'call': {
      // os.environ.get("NAME", "default") / os.getenv("NAME", "default")
      const fn = node.childForFieldName('function');
      const callee = fn ? compact(ctx.text(fn)) : '';
      if (
        callee === 'os.environ.get' ||
        callee === 'os.getenv' ||
        callee === 'environ.get' ||
        callee === 'getenv'
      ) {
        const a = node.childForFieldName('arguments')?.namedChildren ?? [];
        const name = a[0] ? stringValue(a[0], ctx) : undefined;
        const fallback = a[1] ? stringValue(a[1], ctx) : undefined;
        if (name !== undefined && fallback !== undefined) {
          v.str = fallback;
          v.env = name;
        }
      }
      break;
    }
    case 'list':
    case 'tuple':
    case 'set':
      v.items = node.namedChildren.filter((c) => c.type !== 'comment').map((c) => valueOf(c, ctx));
      break;
  }
  return v;
}

function argumentsOf(
  args: Node | undefined,
  ctx: ExtractContext,
): { args: ValueFact[]; kwargs: Record<string, ValueFact> } {
  const out = { args: [] as ValueFact[], kwargs: {} as Record<string, ValueFact> };
  if (!args) return out;
  for (const a of args.namedChildren) {
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name');
      const value = a.childForFieldName('value');
      if (name && value) out.kwargs[ctx.text(name)] = valueOf(value, ctx);
    } else if (a.type !== 'comment') {
      out.args.push(valueOf(a, ctx));
    }
  }
  return out;
}

function decoratorOf(node: Node, ctx: ExtractContext): Decorator {
  const expr = node.namedChildren.find((c) => c.type !== 'comment');
  if (expr?.type === 'call') {
    const fn = expr.childForFieldName('function');
    return {
      callee: fn ? compact(ctx.text(fn)) : '',
      ...argsAsDecorator(argumentsOf(expr.childForFieldName('arguments') ?? undefined, ctx)),
    };
  }
  return { callee: expr ? compact(ctx.text(expr)) : '', kwargs: {}, positional: [] };
}

function argsAsDecorator(a: { args: ValueFact[]; kwargs: Record<string, ValueFact> }) {
  return { kwargs: a.kwargs, positional: a.args };
}

function parametersOf(params: Node, ctx: ExtractContext, inClass: boolean): Parameter[] {
  const out: Parameter[] = [];
  for (const p of params.namedChildren) {
    let name: string | undefined;
    let type: string | undefined;
    switch (p.type) {
      case 'identifier':
        name = ctx.text(p);
        break;
      case 'typed_parameter': {
        const first = p.namedChildren[0];
        name = first ? ctx.text(first) : undefined;
        const t = p.childForFieldName('type');
        if (t) type = ctx.text(t);
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const n = p.childForFieldName('name');
        name = n ? ctx.text(n) : undefined;
        const t = p.childForFieldName('type');
        if (t) type = ctx.text(t);
        break;
      }
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
        name = ctx.text(p);
        break;
    }
    if (name === undefined) continue;
    out.push(type === undefined ? { name } : { name, type });
  }
  if (inClass && out.length > 0 && (out[0].name === 'self' || out[0].name === 'cls')) out.shift();
  return out;
}

function isClassScope(scope: readonly string[]): boolean {
  return scope.length > 0 && !scope[scope.length - 1].endsWith('()');
}

function extractImport(node: Node, ctx: ExtractContext, out: PyFact[]): void {
  if (node.type === 'import_statement') {
    for (const n of node.childrenForFieldName('name')) {
      if (n.type === 'aliased_import') {
        const target = n.childForFieldName('name');
        const alias = n.childForFieldName('alias');
        if (target && alias)
          out.push({ kind: 'bind', local: ctx.text(alias), target: compact(ctx.text(target)) });
      } else {
        // `import a.b.c` binds `a`, through which a.b.c is reached.
        const first = compact(ctx.text(n)).split('.')[0];
        out.push({ kind: 'bind', local: first, target: first });
      }
    }
    return;
  }
  if (node.type !== 'import_from_statement') return;
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) return;
  const module = compact(ctx.text(moduleNode));
  if (node.namedChildren.some((c) => c.type === 'wildcard_import')) {
    out.push({ kind: 'bind', local: '*', target: module });
    return;
  }
  for (const n of node.childrenForFieldName('name')) {
    if (n.type === 'aliased_import') {
      const target = n.childForFieldName('name');
      const alias = n.childForFieldName('alias');
      if (target && alias) {
        out.push({
          kind: 'bind',
          local: ctx.text(alias),
          target: `${module}.${compact(ctx.text(target))}`,
        });
      }
    } else {
      const name = compact(ctx.text(n));
      out.push({ kind: 'bind', local: name, target: `${module}.${name}` });
    }
  }
}

export const pythonRules: LanguageRules<PyFact> = {
  language: 'python',
  query: QUERY_SOURCES.python,

  scopeName(node, ctx) {
    if (node.type === 'class_definition') {
      const n = node.childForFieldName('name');
      return n ? ctx.text(n) : undefined;
    }
    if (node.type === 'function_definition') {
      const n = node.childForFieldName('name');
      return n ? `${ctx.text(n)}()` : undefined;
    }
    return undefined;
  },

  extract(match: QueryMatch, ctx: ExtractContext, out: PyFact[]): void {
    const kind = match.captures.find((c) => KINDS.has(c.name));
    if (!kind) return;
    const node = kind.node;
    switch (kind.name) {
      case 'import':
        extractImport(node, ctx, out);
        return;
      case 'assign': {
        const name = capture(match, 'name');
        const value = capture(match, 'value');
        if (!name || !value) return;
        const v = valueOf(value, ctx);
        if (v.str === undefined && v.ref === undefined) return;
        const module =
          node.parent?.type === 'expression_statement' &&
          !!node.parent.parent &&
          ctx.isRoot(node.parent.parent);
        out.push({
          kind: 'assign',
          name: ctx.text(name),
          value: v,
          scope: ctx.scope(node),
          module,
        });
        return;
      }
      case 'class':
      case 'plain_class': {
        if (kind.name === 'plain_class' && node.parent?.type === 'decorated_definition') return;
        const name = capture(match, 'name');
        if (!name) return;
        const bases = capture(match, 'bases');
        out.push({
          kind: 'class',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: ctx.range(node),
          bases: bases
            ? bases.namedChildren
                .filter((b) => b.type === 'identifier' || b.type === 'attribute')
                .map((b) => lastName(ctx.text(b)))
            : [],
          decorators: captures(match, 'decorator').map((d) => decoratorOf(d, ctx)),
          scope: ctx.scope(node),
        });
        return;
      }
      case 'function': {
        const name = capture(match, 'name');
        const params = capture(match, 'params');
        if (!name || !params) return;
        const scope = ctx.scope(node);
        out.push({
          kind: 'function',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: ctx.range(node),
          params: parametersOf(params, ctx, isClassScope(scope)),
          decorators: captures(match, 'decorator').map((d) => decoratorOf(d, ctx)),
          scope,
        });
        return;
      }
      case 'call': {
        // Decorator calls are read with their definition.
        if (node.parent?.type === 'decorator') return;
        const callee = capture(match, 'callee');
        const argsNode = capture(match, 'args');
        if (!callee || !argsNode) return;
        const calleeText = compact(ctx.text(callee));
        const scope = ctx.scope(node);
        const { args, kwargs } = argumentsOf(argsNode, ctx);
        // Keep only what resolve can use: calls inside classes (workflow code, dynamic
        // handlers) and worker constructions.
        const inClass = scope.some((s) => !s.endsWith('()'));
        if (!inClass && !('task_queue' in kwargs) && lastName(calleeText) !== 'Worker') return;
        const fn = ancestorOfType(node, ['function_definition'], ctx);
        const inAsync = fn?.child(0)?.type === 'async';
        out.push({
          kind: 'call',
          callee: calleeText,
          calleeRange: ctx.range(callee),
          range: ctx.range(node),
          argsText: ctx.text(argsNode),
          args,
          kwargs,
          scope,
          inAsync,
        });
        return;
      }
    }
  },

  resolve(facts: readonly PyFact[]): RecordsBody {
    return new PythonResolver(facts).run();
  },
};

// ---- resolution -------------------------------------------------------------------------

const WF = 'temporalio.workflow';
const HANDLER_DECORATORS: Record<string, HandlerKind> = {
  [`${WF}.signal`]: 'signal',
  [`${WF}.query`]: 'query',
  [`${WF}.update`]: 'update',
};
const HANDLER_SETTERS: Record<string, HandlerKind> = {
  [`${WF}.set_signal_handler`]: 'signal',
  [`${WF}.set_query_handler`]: 'query',
  [`${WF}.set_update_handler`]: 'update',
};

interface DeterminismRule {
  test: (canonical: string) => boolean;
  code: string;
  message: string;
  /** Advice shown when there is no automatic replacement. */
  advice: string;
  fix?: (call: CallFact, canonical: string, wf: string) => QuickFix | undefined;
}

const under = (prefix: string) => (c: string) => c === prefix || c.startsWith(`${prefix}.`);
const exactly =
  (...names: string[]) =>
  (c: string) =>
    names.includes(c);

const CLOCK = 'Workflow code must not read the system clock';
const PY_RULES: DeterminismRule[] = [
  {
    test: exactly('time.time', 'time.time_ns'),
    code: DiagnosticCodes.time,
    message: `${CLOCK}; use workflow.time().`,
    advice: 'Use workflow.time()',
    fix: (call, c, wf) =>
      replaceFix(`Use ${wf}.${c.slice(5)}()`, call.range, `${wf}.${c.slice(5)}()`),
  },
  {
    test: exactly(
      'time.monotonic',
      'time.perf_counter',
      'time.monotonic_ns',
      'time.perf_counter_ns',
    ),
    code: DiagnosticCodes.time,
    message: `${CLOCK}; use workflow.time().`,
    advice: 'Use workflow.time()',
  },
  {
    test: exactly('time.sleep'),
    code: DiagnosticCodes.sleep,
    message:
      'time.sleep blocks the workflow and is not replayed; use workflow.sleep (or asyncio.sleep).',
    advice: 'Use await workflow.sleep() in an async method',
    fix: (call, _c, wf) =>
      call.inAsync
        ? replaceFix(`Use await ${wf}.sleep()`, call.range, `await ${wf}.sleep${call.argsText}`)
        : undefined,
  },
  {
    test: exactly(
      'datetime.datetime.now',
      'datetime.datetime.utcnow',
      'datetime.datetime.today',
      'datetime.date.today',
    ),
    code: DiagnosticCodes.time,
    message: `${CLOCK}; use workflow.now().`,
    advice: 'Use workflow.now()',
    fix: (call, c, wf) =>
      c === 'datetime.datetime.now' && call.args.length > 0
        ? undefined
        : replaceFix(
            `Use ${wf}.now()`,
            call.range,
            c === 'datetime.date.today' ? `${wf}.now().date()` : `${wf}.now()`,
          ),
  },
  {
    test: exactly('random.Random', 'random.SystemRandom'),
    code: DiagnosticCodes.random,
    message: 'Unseeded random generators are not replay-safe; use workflow.random().',
    advice: 'Use workflow.random()',
    fix: (call, _c, wf) =>
      call.args.length === 0
        ? replaceFix(`Use ${wf}.random()`, call.range, `${wf}.random()`)
        : undefined,
  },
  {
    test: under('random'),
    code: DiagnosticCodes.random,
    message: 'The random module is not replay-safe in workflow code; use workflow.random().',
    advice: 'Use workflow.random()',
    fix: (call, c, wf) =>
      replaceFix(`Use ${wf}.random()`, call.range, `${wf}.random().${c.slice(7)}${call.argsText}`),
  },
  {
    test: (c) => c === 'os.urandom' || under('secrets')(c),
    code: DiagnosticCodes.random,
    message: 'Random values are not replay-safe in workflow code; use workflow.random().',
    advice: 'Use workflow.random()',
  },
  {
    test: exactly('uuid.uuid4', 'uuid.uuid1'),
    code: DiagnosticCodes.uuid,
    message: 'Generated UUIDs differ on replay; use workflow.uuid4().',
    advice: 'Use workflow.uuid4()',
    fix: (call, _c, wf) => replaceFix(`Use ${wf}.uuid4()`, call.range, `${wf}.uuid4()`),
  },
  {
    test: (c) =>
      c === 'open' ||
      c === 'io.open' ||
      c === 'os.system' ||
      ['requests', 'httpx', 'aiohttp', 'urllib.request', 'socket', 'subprocess', 'shutil'].some(
        (m) => under(m)(c),
      ),
    code: DiagnosticCodes.io,
    message: 'I/O is not allowed in workflow code; move it to an activity.',
    advice: 'Move this I/O to an activity',
  },
  {
    test: (c) =>
      under('threading')(c) || under('multiprocessing')(c) || under('concurrent.futures')(c),
    code: DiagnosticCodes.thread,
    message:
      'Threads are not allowed in workflow code; use asyncio tasks or workflow.wait_condition.',
    advice: 'Use asyncio tasks or workflow.wait_condition',
  },
];

class PythonResolver {
  private readonly binds = new Map<string, string>();
  private readonly wildcards: string[] = [];
  private readonly constants: Record<string, string> = {};
  private readonly assigns: { name: string; value: ValueFact; scope: string[] }[] = [];
  private readonly classes: ClassFact[] = [];
  private readonly functions: FunctionFact[] = [];
  private readonly calls: CallFact[] = [];

  constructor(facts: readonly PyFact[]) {
    for (const f of facts) {
      switch (f.kind) {
        case 'bind':
          if (f.local === '*') this.wildcards.push(f.target);
          else this.binds.set(f.local, f.target);
          break;
        case 'assign':
          this.assigns.push(f);
          if (f.module && f.value.str !== undefined && f.value.env === undefined) {
            this.constants[f.name] = f.value.str;
          }
          break;
        case 'class':
          this.classes.push(f);
          break;
        case 'function':
          this.functions.push(f);
          break;
        case 'call':
          this.calls.push(f);
          break;
      }
    }
  }

  /** Fully qualified name of a dotted expression, following import aliases. */
  private canonical(dotted: string): string {
    const dot = dotted.indexOf('.');
    const first = dot < 0 ? dotted : dotted.slice(0, dot);
    const rest = dot < 0 ? '' : dotted.slice(dot);
    const target = this.binds.get(first);
    if (target !== undefined) return target + rest;
    if (
      this.wildcards.includes(WF) &&
      (first === 'defn' || first === 'run' || first in HANDLER_NAMES)
    ) {
      return `${WF}.${dotted}`;
    }
    return dotted;
  }

  /** How the file spells the workflow module, for quick-fix text. */
  private workflowModuleAlias(): string {
    for (const [local, target] of this.binds) if (target === WF) return local;
    if (this.binds.get('temporalio') === 'temporalio') return WF;
    return 'workflow';
  }

  private hasDecorator(decorators: Decorator[], name: string): Decorator | undefined {
    return decorators.find((d) => this.canonical(d.callee) === name);
  }

  private explicitName(value: ValueFact | undefined): string | undefined {
    if (!value) return undefined;
    if (value.str !== undefined) return value.str;
    if (value.ref !== undefined) return this.constants[value.ref];
    return undefined;
  }

  run(): RecordsBody {
    const body = emptyBody();
    body.constants = { ...this.constants };

    // Workflows, keyed by class path so methods can find their class.
    const workflowByPath = new Map<string, { record: WorkflowDefinition; cls: ClassFact }>();
    for (const cls of this.classes) {
      const defn = this.hasDecorator(cls.decorators, `${WF}.defn`);
      if (!defn) continue;
      const explicit = this.explicitName(defn.kwargs.name ?? defn.positional[0]);
      const record: WorkflowDefinition = {
        name: explicit ?? cls.name,
        nameSource: explicit !== undefined ? 'explicit' : 'symbol',
        symbol: cls.name,
        range: cls.range,
        nameRange: cls.nameRange,
        parameters: [],
        runtime: 'temporal',
      };
      if (defn.kwargs.dynamic?.text === 'True') record.dynamic = true;
      workflowByPath.set([...cls.scope, cls.name].join('.'), { record, cls });
      body.workflows.push(record);
    }

    // Run methods give the parameters (own class first, then base classes in this file).
    for (const { record, cls } of workflowByPath.values()) {
      const run = this.findMethod(cls, (f) => !!this.hasDecorator(f.decorators, `${WF}.run`));
      if (run) record.parameters = run.params;
    }

    // Handlers declared with decorators.
    for (const fn of this.functions) {
      for (const d of fn.decorators) {
        const kind = HANDLER_DECORATORS[this.canonical(d.callee)];
        if (!kind) continue;
        const explicit = this.explicitName(d.kwargs.name ?? d.positional[0]);
        const base: HandlerDefinition = {
          kind,
          name: explicit ?? fn.name,
          nameSource: explicit !== undefined ? 'explicit' : 'symbol',
          symbol: fn.name,
          range: fn.range,
          nameRange: fn.nameRange,
          parameters: fn.params,
          runtime: 'temporal',
        };
        if (d.kwargs.dynamic?.text === 'True') base.dynamic = true;
        const owners = this.workflowsOwning(fn.scope, workflowByPath);
        if (owners.length === 0) {
          const ownerClass = fn.scope[fn.scope.length - 1];
          body.handlers.push(
            ownerClass && isClassScope(fn.scope) ? { ...base, workflowSymbol: ownerClass } : base,
          );
        }
        for (const owner of owners) {
          body.handlers.push({ ...base, workflow: owner.name, workflowSymbol: owner.symbol });
        }
      }
    }

    // Activities.
    for (const fn of this.functions) {
      const defn = this.hasDecorator(fn.decorators, 'temporalio.activity.defn');
      if (!defn) continue;
      const explicit = this.explicitName(defn.kwargs.name ?? defn.positional[0]);
      body.activities.push({
        name: explicit ?? fn.name,
        nameSource: explicit !== undefined ? 'explicit' : 'symbol',
        symbol: fn.name,
        range: fn.range,
        nameRange: fn.nameRange,
        parameters: fn.params,
        runtime: 'temporal',
      });
    }

    const wfAlias = this.workflowModuleAlias();
    for (const call of this.calls) {
      const canonical = this.canonical(call.callee);

      // Handlers registered at run time: workflow.set_signal_handler("name", fn).
      const setter = HANDLER_SETTERS[canonical];
      if (setter && call.args[0]?.str !== undefined) {
        const owner = this.workflowContaining(call.scope, workflowByPath);
        const h: HandlerDefinition = {
          kind: setter,
          name: call.args[0].str,
          nameSource: 'explicit',
          range: call.range,
          nameRange: call.args[0].range,
          parameters: [],
          runtime: 'temporal',
        };
        if (call.args[1]?.ref !== undefined) h.symbol = call.args[1].ref;
        if (owner) {
          h.workflow = owner.record.name;
          h.workflowSymbol = owner.record.symbol;
        }
        body.handlers.push(h);
        continue;
      }

      // Worker registrations.
      if (
        canonical === 'temporalio.worker.Worker' ||
        (call.callee === 'Worker' && !this.binds.has('Worker'))
      ) {
        const queue = taskQueueOf(call.kwargs.task_queue, scopedLookup(this.assigns, call.scope));
        let complete = queue.known;
        const refsOf = (v: ValueFact | undefined) => {
          if (!v) return [];
          if (!v.items) {
            complete = false;
            return [];
          }
          return v.items.map((item) => {
            const r = ref(item.text.replace(/\(\)$/, ''), item.range);
            if (r.symbol === undefined) complete = false;
            return r;
          });
        };
        const workflows = refsOf(call.kwargs.workflows);
        const activities = refsOf(call.kwargs.activities);
        body.workers.push(
          workerRecord({
            range: call.range,
            runtime: 'temporal',
            taskQueue: queue.taskQueue,
            taskQueueRef: queue.taskQueueRef,
            taskQueueEnv: queue.taskQueueEnv,
            workflows,
            activities,
            complete,
          }),
        );
        continue;
      }

      // Determinism: only inside workflow classes, and only for module-level names
      // (`x.y()` on the result of another call is checked at that inner call).
      const owner = this.workflowContaining(call.scope, workflowByPath);
      if (!owner || !/^[\w.]+$/.test(call.callee)) continue;
      const d = this.checkDeterminism(call, canonical, wfAlias, owner.record.name);
      if (d) body.diagnostics.push(d);
    }

    // Base classes, so the index can find handlers inherited from other files.
    for (const cls of this.classes) {
      if (cls.bases.length === 0) continue;
      body.implementations.push({
        symbol: cls.name,
        interfaces: cls.bases,
        range: cls.range,
        nameRange: cls.nameRange,
      });
    }

    body.workflows.sort(byPosition);
    body.handlers.sort(byPosition);
    body.activities.sort(byPosition);
    body.workers.sort(byPosition);
    body.implementations.sort(byPosition);
    body.diagnostics.sort(byPosition);
    return body;
  }

  private checkDeterminism(
    call: CallFact,
    canonical: string,
    wf: string,
    workflow: string,
  ): SourceDiagnostic | undefined {
    for (const rule of PY_RULES) {
      if (!rule.test(canonical)) continue;
      const fix = rule.fix?.(call, canonical, wf) ?? adviceFix(rule.advice);
      return diagnostic(call.calleeRange, rule.code, rule.message, { workflow, fix });
    }
    return undefined;
  }

  private methodsByClass: Map<string, FunctionFact[]> | undefined;

  /** Method of `cls` (or an in-file base class) that satisfies `pred`. */
  private findMethod(
    cls: ClassFact,
    pred: (f: FunctionFact) => boolean,
    seen = new Set<string>(),
  ): FunctionFact | undefined {
    if (!this.methodsByClass) {
      this.methodsByClass = new Map();
      for (const f of this.functions) {
        const key = f.scope.join('.');
        const list = this.methodsByClass.get(key);
        if (list) list.push(f);
        else this.methodsByClass.set(key, [f]);
      }
    }
    const path = [...cls.scope, cls.name];
    seen.add(path.join('.'));
    const own = this.methodsByClass.get(path.join('.'))?.find(pred);
    if (own) return own;
    for (const baseName of cls.bases) {
      const base = this.classes.find(
        (c) => c.name === baseName && !seen.has([...c.scope, c.name].join('.')),
      );
      if (!base) continue;
      const found = this.findMethod(base, pred, seen);
      if (found) return found;
    }
    return undefined;
  }

  /** Workflows a method in class `scope` belongs to: its own class, or subclasses in this file. */
  private workflowsOwning(
    scope: readonly string[],
    workflows: Map<string, { record: WorkflowDefinition; cls: ClassFact }>,
  ): WorkflowDefinition[] {
    if (!isClassScope(scope)) return [];
    const own = workflows.get(scope.join('.'));
    if (own) return [own.record];
    const className = scope[scope.length - 1];
    const out: WorkflowDefinition[] = [];
    for (const { record, cls } of workflows.values()) {
      if (this.inherits(cls, className, new Set())) out.push(record);
    }
    return out;
  }

  private inherits(cls: ClassFact, baseName: string, seen: Set<ClassFact>): boolean {
    if (seen.has(cls)) return false;
    seen.add(cls);
    if (cls.bases.includes(baseName)) return true;
    return cls.bases.some((b) => {
      const base = this.classes.find((c) => c.name === b);
      return base ? this.inherits(base, baseName, seen) : false;
    });
  }

  private workflowContaining(
    scope: readonly string[],
    workflows: Map<string, { record: WorkflowDefinition; cls: ClassFact }>,
  ): { record: WorkflowDefinition } | undefined {
    for (let n = scope.length - 1; n > 0; n--) {
      if (scope[n - 1].endsWith('()')) continue;
      const w = workflows.get(scope.slice(0, n).join('.'));
      if (w) return w;
    }
    return undefined;
  }
}

const HANDLER_NAMES: Record<string, true> = { signal: true, query: true, update: true };
