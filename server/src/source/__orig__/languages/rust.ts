// Rust: the Temporal Rust SDK in both styles, and duroxide.
//  - experimental SDK: `async fn f(ctx: WfContext)`, registered with worker.register_wf("name", f);
//    the type name is the registered string (the function name until a registration is seen)
//  - macro style: #[workflow] struct + #[workflow_methods] impl with #[run] / #[signal] /
//    #[query] / #[update], each with an optional name = "..." (#[run(name)] names the workflow
//    type); default names are the impl type and method names;
//    workers: WorkerOptions::new("q").register_workflow::<T>()
//  - duroxide: OrchestrationRegistry::builder().register("Name", f) orchestrations (workflows),
//    ActivityRegistry::builder().register("Name", f) activities, ctx.schedule_wait("Event")
import type { Node, QueryMatch } from 'web-tree-sitter';
import {
  capture,
  compact,
  emptyBody,
  type ExtractContext,
  type LanguageRules,
  type RecordsBody,
  type ResolveContext,
} from '../languageRules';
import { QUERY_SOURCES } from '../queries';
import type {
  HandlerKind,
  Parameter,
  QuickFix,
  Range,
  RegisteredRef,
  SourceRuntime,
  WorkflowDefinition,
} from '../types';
import {
  DiagnosticCodes,
  adviceFix,
  byPosition,
  diagnostic,
  lastName,
  replaceFix,
  scopedLookup,
  taskQueueOf,
  unescapeC,
  withConstants,
  workerRecord,
  type ValueFact,
} from './common';

interface Attribute {
  name: string;
  named: Record<string, string>;
  positional: string[];
}

interface FunctionFact {
  kind: 'function';
  name: string;
  nameRange: Range;
  range: Range;
  params: Parameter[];
  attributes: Attribute[];
  scope: string[];
}

interface CallFact {
  kind: 'call';
  /** Path of a plain call (`tokio::spawn`), empty for method calls. */
  path: string;
  /** Method name of a method call (`register_wf`), empty for plain calls. */
  method: string;
  /** Receiver variable of a method call, when it is a plain identifier. */
  receiver?: string;
  /** Path of the call a method chain starts from (`OrchestrationRegistry::builder`). */
  chainRoot?: string;
  /** Identity of the chain (position of its first call) to group its steps. */
  chainStart?: Range;
  typeArgs: string[];
  args: ValueFact[];
  argsText: string;
  range: Range;
  calleeRange: Range;
  assignedTo?: string;
  /** Scope name of a closure passed as last argument (see `scopeName`), to name its code. */
  closureScope?: string;
  scope: string[];
}

type RustFact =
  | FunctionFact
  | CallFact
  | { kind: 'struct'; name: string; nameRange: Range; range: Range; attributes: Attribute[] }
  | { kind: 'impl'; type: string; attributes: Attribute[]; scope: string[] }
  | { kind: 'value'; name: string; value: ValueFact; scope: string[] };

const KINDS = new Set(['struct', 'impl', 'function', 'constant', 'let', 'call']);
const WORKFLOW_CONTEXTS =
  /^(&(mut)?)?(WfContext|(Sync)?WorkflowContext(<.*>)?|WorkflowContextView)$/;
const ORCHESTRATION_CONTEXT = /^(&(mut)?)?(duroxide::)?OrchestrationContext$/;

// ---- extraction -------------------------------------------------------------------------

function stringValue(node: Node, ctx: ExtractContext): string | undefined {
  if (node.type !== 'string_literal' && node.type !== 'raw_string_literal') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'string_content') out += ctx.text(c);
    else if (c.type === 'escape_sequence')
      out += node.type === 'string_literal' ? unescapeC(ctx.text(c)) : ctx.text(c);
  }
  return out;
}

function valueOf(node: Node, ctx: ExtractContext): ValueFact {
  const v: ValueFact = { text: compact(ctx.text(node)), range: ctx.range(node) };
  switch (node.type) {
    case 'string_literal':
    case 'raw_string_literal': {
      const s = stringValue(node, ctx);
      if (s !== undefined) v.str = s;
      break;
    }
    case 'identifier':
    case 'scoped_identifier':
      v.ref = lastName(v.text);
      break;
    case 'struct_expression': {
      const n = node.childForFieldName('name');
      if (n) v.construct = lastName(compact(ctx.text(n)));
      break;
    }
    case 'reference_expression': {
      const inner = node.childForFieldName('value');
      if (inner) return { ...valueOf(inner, ctx), text: v.text, range: v.range };
      break;
    }
    case 'call_expression': {
      // "name".to_string() / String::from("name")
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      if (fn?.type === 'field_expression') {
        const recv = fn.childForFieldName('value');
        const field = fn.childForFieldName('field');
        if (recv && field && /^(to_string|to_owned|into)$/.test(ctx.text(field))) {
          const s = stringValue(recv, ctx);
          if (s !== undefined) v.str = s;
        }
      } else if (fn && /String::from$/.test(compact(ctx.text(fn))) && args[0]) {
        const s = stringValue(args[0], ctx);
        if (s !== undefined) v.str = s;
      }
      break;
    }
  }
  return v;
}

function attributeOf(item: Node, ctx: ExtractContext): Attribute | undefined {
  const attr = item.namedChildren.find((c) => c.type === 'attribute');
  if (!attr) return undefined;
  const path = attr.namedChildren.find((c) => c.type !== 'token_tree');
  const out: Attribute = {
    name: path ? lastName(compact(ctx.text(path))) : '',
    named: {},
    positional: [],
  };
  const tokens =
    attr.childForFieldName('arguments') ?? attr.namedChildren.find((c) => c.type === 'token_tree');
  const children = tokens?.children ?? [];
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type === 'identifier' && children[i + 1]?.type === '=' && children[i + 2]) {
      const s = stringValue(children[i + 2], ctx);
      if (s !== undefined) out.named[ctx.text(c)] = s;
      i += 2;
    } else if (c.type === 'string_literal') {
      const s = stringValue(c, ctx);
      if (s !== undefined) out.positional.push(s);
    }
  }
  return out;
}

/** `#[...]` attributes written just before `item` (its preceding siblings). */
function attributesOf(item: Node, ctx: ExtractContext): Attribute[] {
  const out: Attribute[] = [];
  for (let s = item.previousSibling; s; s = s.previousSibling) {
    if (s.type === 'attribute_item') {
      const a = attributeOf(s, ctx);
      if (a) out.unshift(a);
    } else if (s.type !== 'line_comment' && s.type !== 'block_comment') {
      break;
    }
  }
  return out;
}

/** Range of an item including its attributes. */
function itemRange(item: Node, ctx: ExtractContext): Range {
  let first = item;
  for (let s = item.previousSibling; s; s = s.previousSibling) {
    if (s.type === 'attribute_item') first = s;
    else if (s.type !== 'line_comment' && s.type !== 'block_comment') break;
  }
  return ctx.span(first, item);
}

function parametersOf(list: Node, ctx: ExtractContext): Parameter[] {
  const out: Parameter[] = [];
  for (const p of list.namedChildren) {
    if (p.type === 'self_parameter') continue;
    if (p.type !== 'parameter') continue;
    const pattern = p.childForFieldName('pattern');
    const type = p.childForFieldName('type');
    out.push({
      name: pattern ? ctx.text(pattern) : '_',
      type: type ? compact(ctx.text(type)) : '',
    });
  }
  return out;
}

export const rustRules: LanguageRules<RustFact> = {
  language: 'rust',
  query: QUERY_SOURCES.rust,

  attachesToNext(nodeType) {
    return (
      nodeType === 'attribute_item' || nodeType === 'line_comment' || nodeType === 'block_comment'
    );
  },

  scopeName(node, ctx) {
    switch (node.type) {
      case 'function_item': {
        const n = node.childForFieldName('name');
        return n ? `${ctx.text(n)}()` : undefined;
      }
      case 'impl_item': {
        const t = node.childForFieldName('type');
        return t ? `impl ${compact(ctx.text(t))}` : undefined;
      }
      case 'mod_item': {
        const n = node.childForFieldName('name');
        return n ? `mod ${ctx.text(n)}` : undefined;
      }
      case 'closure_expression': {
        // Closures are named by their parameters, so `|ctx: OrchestrationContext|` marks
        // orchestration code without another fact.
        const p = node.childForFieldName('parameters');
        return p ? compact(ctx.text(p)) : '||';
      }
    }
    return undefined;
  },

  extract(match: QueryMatch, ctx: ExtractContext, out: RustFact[]): void {
    const kind = match.captures.find((c) => KINDS.has(c.name));
    if (!kind) return;
    const node = kind.node;
    switch (kind.name) {
      case 'struct': {
        const name = capture(match, 'name');
        if (!name) return;
        const attributes = attributesOf(node, ctx);
        if (attributes.length === 0) return;
        out.push({
          kind: 'struct',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: itemRange(node, ctx),
          attributes,
        });
        return;
      }
      case 'impl': {
        const type = capture(match, 'type');
        if (!type) return;
        const attributes = attributesOf(node, ctx);
        if (attributes.length === 0) return;
        out.push({
          kind: 'impl',
          type: compact(ctx.text(type)),
          attributes,
          scope: [...ctx.scope(node), `impl ${compact(ctx.text(type))}`],
        });
        return;
      }
      case 'function': {
        const name = capture(match, 'name');
        const params = capture(match, 'params');
        if (!name || !params) return;
        out.push({
          kind: 'function',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: itemRange(node, ctx),
          params: parametersOf(params, ctx),
          attributes: attributesOf(node, ctx),
          scope: ctx.scope(node),
        });
        return;
      }
      case 'constant':
      case 'let': {
        const name = capture(match, 'name');
        const value = capture(match, 'value');
        if (!name || !value) return;
        const v = valueOf(value, ctx);
        if (v.str === undefined) return;
        out.push({ kind: 'value', name: ctx.text(name), value: v, scope: ctx.scope(node) });
        return;
      }
      case 'call': {
        const callee = capture(match, 'callee');
        const args = capture(match, 'args');
        if (!callee || !args) return;
        let fn = callee;
        let typeArgs: string[] = [];
        if (fn.type === 'generic_function') {
          const ta = fn.childForFieldName('type_arguments');
          typeArgs = (ta?.namedChildren ?? []).map((t) => lastName(compact(ctx.text(t))));
          fn = fn.childForFieldName('function') ?? fn;
        }
        const fact: CallFact = {
          kind: 'call',
          path: '',
          method: '',
          typeArgs,
          args: args.namedChildren
            .filter((a) => a.type !== 'line_comment' && a.type !== 'block_comment')
            .map((a) => valueOf(a, ctx)),
          argsText: ctx.text(args).slice(1, -1).trim(),
          range: ctx.range(node),
          calleeRange: ctx.range(callee),
          scope: ctx.scope(node),
        };
        if (fn.type === 'field_expression') {
          const field = fn.childForFieldName('field');
          fact.method = field ? ctx.text(field) : '';
          // A method call's own range starts at its name, not at the receiver chain.
          if (field) fact.range = ctx.span(field, node);
          // Walk down the receiver chain to the call it starts from.
          let recv = fn.childForFieldName('value');
          let start: Node | null = null;
          while (
            recv &&
            (recv.type === 'call_expression' ||
              recv.type === 'await_expression' ||
              recv.type === 'try_expression')
          ) {
            if (recv.type !== 'call_expression') {
              recv = recv.namedChildren[0] ?? null;
              continue;
            }
            start = recv;
            let inner = recv.childForFieldName('function');
            if (inner?.type === 'generic_function') inner = inner.childForFieldName('function');
            if (inner?.type !== 'field_expression') break;
            recv = inner.childForFieldName('value');
          }
          if (recv?.type === 'identifier' && !start) fact.receiver = ctx.text(recv);
          if (start) {
            const f = start.childForFieldName('function');
            if (f && f.type !== 'field_expression') fact.chainRoot = compact(ctx.text(f));
            else if (recv?.type === 'identifier') fact.receiver = ctx.text(recv);
            fact.chainStart = ctx.range(start);
          }
        } else {
          fact.path = compact(ctx.text(fn));
        }
        // Keep what resolve uses: registrations, chains, context methods, std/tokio/rand calls.
        const keep =
          fact.method.startsWith('register') ||
          fact.method === 'task_queue' ||
          fact.method === 'schedule_wait' ||
          fact.method === 'dequeue_event' ||
          fact.method === 'make_signal_channel' ||
          fact.path.includes('::') ||
          /^(thread_rng|spawn|sleep|random)$/.test(fact.path);
        if (!keep) return;
        const lastArg = args.namedChildren[args.namedChildCount - 1];
        if (lastArg?.type === 'closure_expression') {
          const p = lastArg.childForFieldName('parameters');
          fact.closureScope = p ? compact(ctx.text(p)) : '||';
        }
        let parent = node.parent;
        while (parent && (parent.type === 'await_expression' || parent.type === 'try_expression'))
          parent = parent.parent;
        if (parent?.type === 'let_declaration') {
          const p = parent.childForFieldName('pattern');
          if (p?.type === 'identifier') fact.assignedTo = ctx.text(p);
        }
        out.push(fact);
        return;
      }
    }
  },

  resolve(facts: readonly RustFact[], ctx: ResolveContext): RecordsBody {
    return resolveRust(facts, ctx);
  },
};

// ---- resolution -------------------------------------------------------------------------

const HANDLER_ATTRIBUTES: Record<string, HandlerKind> = {
  signal: 'signal',
  query: 'query',
  update: 'update',
};
const rangeKey = (r: Range) => `${r.start.line}:${r.start.character}`;

function resolveRust(facts: readonly RustFact[], _ctx: ResolveContext): RecordsBody {
  const body = emptyBody();
  const functions: FunctionFact[] = [];
  const calls: CallFact[] = [];
  const structs: Extract<RustFact, { kind: 'struct' }>[] = [];
  const impls: Extract<RustFact, { kind: 'impl' }>[] = [];
  const values: { name: string; value: ValueFact; scope: string[] }[] = [];
  for (const f of facts) {
    if (f.kind === 'function') functions.push(f);
    else if (f.kind === 'call') calls.push(f);
    else if (f.kind === 'struct') structs.push(f);
    else if (f.kind === 'impl') impls.push(f);
    else {
      values.push(f);
      if (f.scope.length === 0 && f.value.str !== undefined) body.constants[f.name] = f.value.str;
    }
  }
  const has = (attrs: Attribute[], name: string) => attrs.find((a) => a.name === name);
  const lookupIn = (scope: readonly string[], range: Range) =>
    withConstants(scopedLookup(values, scope), body.constants, range);
  const topLevelFunction = (name: string) =>
    functions.find((f) => f.name === name && !f.scope.some((s) => s.startsWith('impl ')));
  const nameArg = (c: CallFact) => {
    const q = taskQueueOf(c.args[0], lookupIn(c.scope, c.range));
    return q.taskQueue;
  };

  // Registrations: register_wf / register_activity on a worker variable; builder chains.
  const registeredWorkflowNames = new Map<string, string>(); // fn symbol -> registered name
  const registeredActivityNames = new Map<string, string>();
  const orchestrationNames = new Map<string, string>();
  const closureNames = new Map<string, string>(); // closure scope -> registered name ('' when ambiguous)
  interface Group {
    key: string;
    runtime: SourceRuntime;
    queue?: ValueFact;
    queueScope: string[];
    workflows: RegisteredRef[];
    activities: RegisteredRef[];
    complete: boolean;
    range: Range;
  }
  const groups = new Map<string, Group>();
  const groupFor = (key: string, range: Range, runtime: SourceRuntime, scope: string[]): Group => {
    let g = groups.get(key);
    if (!g) {
      g = { key, runtime, queueScope: scope, workflows: [], activities: [], complete: true, range };
      groups.set(key, g);
    }
    return g;
  };
  const fnArg = (c: CallFact) => c.args[c.args.length - 1];

  for (const c of calls) {
    const scopeKey = c.scope.join('/');
    // Experimental SDK: worker.register_wf("name", f) / register_activity("name", f).
    if (
      (c.method === 'register_wf' || c.method === 'register_activity') &&
      c.receiver !== undefined
    ) {
      const g = groupFor(`${scopeKey}|${c.receiver}`, c.range, 'temporal', c.scope);
      const name = nameArg(c);
      const f = fnArg(c);
      const r: RegisteredRef = { range: c.range };
      if (f?.ref !== undefined && c.args.length > 1) r.symbol = f.ref;
      if (name !== undefined) r.name = name;
      else g.complete = false;
      if (c.method === 'register_wf') {
        g.workflows.push(r);
        if (r.symbol && name !== undefined) registeredWorkflowNames.set(r.symbol, name);
      } else {
        g.activities.push(r);
        if (r.symbol && name !== undefined) registeredActivityNames.set(r.symbol, name);
      }
      continue;
    }
    if (!c.chainStart || !c.method.startsWith('register')) continue;
    const chainKey = `chain@${rangeKey(c.chainStart)}`;
    const root = c.chainRoot ?? '';
    // duroxide registries.
    if (/(^|::)(OrchestrationRegistry|ActivityRegistry)::builder$/.test(root)) {
      const isOrchestration = root.endsWith('OrchestrationRegistry::builder');
      const g = groupFor(chainKey, c.chainStart, 'duroxide', c.scope);
      const name = nameArg(c);
      const f = fnArg(c);
      const r: RegisteredRef = { range: c.range };
      if (f?.ref !== undefined && c.args.length > 1) r.symbol = f.ref;
      if (name !== undefined) r.name = name;
      else g.complete = false;
      (isOrchestration ? g.workflows : g.activities).push(r);
      if (isOrchestration && name !== undefined) {
        if (c.closureScope !== undefined)
          closureNames.set(c.closureScope, closureNames.has(c.closureScope) ? '' : name);
        if (r.symbol) orchestrationNames.set(r.symbol, name);
        else if (f) {
          // Inline closure: the registration is the definition.
          body.workflows.push({
            name,
            nameSource: 'registration',
            symbol: name,
            range: c.range,
            nameRange: c.args[0].range,
            parameters: [],
            runtime: 'duroxide',
          });
        }
      } else if (!isOrchestration && name !== undefined) {
        if (r.symbol) registeredActivityNames.set(r.symbol, name);
        else {
          body.activities.push({
            name,
            nameSource: 'registration',
            symbol: name,
            range: c.range,
            nameRange: c.args[0].range,
            parameters: [],
            runtime: 'duroxide',
          });
        }
      }
      continue;
    }
    // Macro-style SDK: WorkerOptions::new("q").register_workflow::<T>().register_activities(x).
    if (/(^|::)WorkerOptions::(new|builder)$/.test(root)) {
      const g = groupFor(chainKey, c.chainStart, 'temporal', c.scope);
      if (c.method === 'register_workflow') {
        const t = c.typeArgs[0];
        g.workflows.push(t !== undefined ? { symbol: t, range: c.range } : { range: c.range });
        if (t === undefined) g.complete = false;
      } else if (c.method === 'register_activities' || c.method === 'register_activity') {
        const a = c.args[0];
        const symbol = a?.construct ?? a?.ref ?? c.typeArgs[0];
        g.activities.push(symbol !== undefined ? { symbol, range: c.range } : { range: c.range });
      }
    }
  }
  // Task queues: WorkerOptions::new("q") chains, Worker::new_from_core(core, "q"), .task_queue("q").
  for (const c of calls) {
    if (/(^|::)WorkerOptions::(new|builder)$/.test(c.path)) {
      const g = groups.get(`chain@${rangeKey(c.range)}`);
      if (g && c.args[0]) g.queue = c.args[0];
    } else if (/(^|::)Worker::new_from_core$/.test(c.path) && c.assignedTo !== undefined) {
      const g = groups.get(`${c.scope.join('/')}|${c.assignedTo}`);
      if (g && c.args[1]) g.queue = c.args[1];
      if (g) g.range = c.range;
    }
  }
  for (const g of groups.values()) {
    if (g.queue || g.runtime !== 'temporal') continue;
    // WorkerConfigBuilder::default().task_queue("q") in the same function.
    const tq = calls.find(
      (c) => c.method === 'task_queue' && c.scope.join('/') === g.queueScope.join('/'),
    );
    if (tq?.args[0]) g.queue = tq.args[0];
  }
  for (const g of groups.values()) {
    const queue =
      g.runtime === 'temporal'
        ? taskQueueOf(g.queue, lookupIn(g.queueScope, g.range))
        : { known: true };
    body.workers.push(
      workerRecord({
        range: g.range,
        runtime: g.runtime,
        taskQueue: 'taskQueue' in queue ? queue.taskQueue : undefined,
        taskQueueRef: 'taskQueueRef' in queue ? queue.taskQueueRef : undefined,
        workflows: g.workflows,
        activities: g.activities,
        complete: g.complete && queue.known,
      }),
    );
  }

  // Workflow definitions.
  const contextParam = (f: FunctionFact, pattern: RegExp) =>
    f.params.find((p) => pattern.test(p.type ?? ''));
  const workflowCodeScopes: {
    scope: string[];
    workflow?: string;
    runtime: SourceRuntime;
    ctxName: string;
  }[] = [];
  const workflowByStruct = new Map<string, WorkflowDefinition>();
  for (const s of structs) {
    const a = has(s.attributes, 'workflow');
    if (!a) continue;
    const methods = functions.filter((f) => f.scope[f.scope.length - 1] === `impl ${s.name}`);
    const init = methods.find((m) => has(m.attributes, 'init'));
    const run = methods.find((m) => has(m.attributes, 'run'));
    // The macros name the type after #[run(name = ...)], else the impl's type name.
    const runAttribute = run ? has(run.attributes, 'run') : undefined;
    const explicit = runAttribute?.named.name ?? a.named.name ?? a.positional[0];
    const inputs = (m: FunctionFact | undefined) =>
      m?.params.filter((p) => !WORKFLOW_CONTEXTS.test(p.type ?? '')) ?? [];
    const params = inputs(run).length > 0 ? inputs(run) : inputs(init);
    const record: WorkflowDefinition = {
      name: explicit ?? s.name,
      nameSource: explicit !== undefined ? 'explicit' : 'symbol',
      symbol: s.name,
      range: s.range,
      nameRange: s.nameRange,
      parameters: params,
      runtime: 'temporal',
    };
    body.workflows.push(record);
    workflowByStruct.set(s.name, record);
  }
  for (const impl of impls) {
    if (!has(impl.attributes, 'workflow_methods')) continue;
    const wf = workflowByStruct.get(impl.type);
    workflowCodeScopes.push({
      scope: impl.scope,
      workflow: wf?.name,
      runtime: 'temporal',
      ctxName: 'ctx',
    });
    for (const m of functions.filter((f) => f.scope.join('/') === impl.scope.join('/'))) {
      for (const [attribute, kind] of Object.entries(HANDLER_ATTRIBUTES)) {
        const a = has(m.attributes, attribute);
        if (!a) continue;
        const explicit = a.named.name ?? a.positional[0];
        body.handlers.push({
          kind,
          name: explicit ?? m.name,
          nameSource: explicit !== undefined ? 'explicit' : 'symbol',
          symbol: m.name,
          range: m.range,
          nameRange: m.nameRange,
          parameters: m.params.filter((p) => !WORKFLOW_CONTEXTS.test(p.type ?? '')),
          runtime: 'temporal',
          ...(wf ? { workflow: wf.name } : {}),
          workflowSymbol: impl.type,
        });
      }
    }
  }
  // #[activities] impl blocks.
  for (const impl of impls) {
    if (!has(impl.attributes, 'activities')) continue;
    for (const m of functions.filter((f) => f.scope.join('/') === impl.scope.join('/'))) {
      const a = has(m.attributes, 'activity');
      if (!a) continue;
      const explicit = a.named.name ?? a.positional[0];
      body.activities.push({
        name: explicit ?? m.name,
        nameSource: explicit !== undefined ? 'explicit' : 'symbol',
        symbol: m.name,
        range: m.range,
        nameRange: m.nameRange,
        parameters: m.params.filter((p) => !/Act(ivity)?Context$/.test(p.type ?? '')),
        runtime: 'temporal',
      });
    }
  }
  const orchestrationByFunction = new Map<string, WorkflowDefinition>();
  for (const f of functions) {
    const inImpl = f.scope.some((s) => s.startsWith('impl '));
    const wfCtx = contextParam(f, /^(&(mut)?)?WfContext$/);
    const orchCtx = contextParam(f, ORCHESTRATION_CONTEXT);
    if (!inImpl && wfCtx) {
      const registered = registeredWorkflowNames.get(f.name);
      const record: WorkflowDefinition = {
        name: registered ?? f.name,
        nameSource: registered !== undefined ? 'registration' : 'symbol',
        symbol: f.name,
        range: f.range,
        nameRange: f.nameRange,
        parameters: f.params.filter((p) => p !== wfCtx),
        runtime: 'temporal',
      };
      body.workflows.push(record);
      workflowCodeScopes.push({
        scope: [...f.scope, `${f.name}()`],
        workflow: record.name,
        runtime: 'temporal',
        ctxName: wfCtx.name,
      });
    } else if (orchCtx) {
      const registered = orchestrationNames.get(f.name);
      const record: WorkflowDefinition = {
        name: registered ?? f.name,
        nameSource: registered !== undefined ? 'registration' : 'symbol',
        symbol: f.name,
        range: f.range,
        nameRange: f.nameRange,
        parameters: f.params.filter((p) => p !== orchCtx),
        runtime: 'duroxide',
      };
      body.workflows.push(record);
      orchestrationByFunction.set(f.name, record);
      workflowCodeScopes.push({
        scope: [...f.scope, `${f.name}()`],
        workflow: record.name,
        runtime: 'duroxide',
        ctxName: orchCtx.name,
      });
    }
  }
  // Activities registered by name for functions of this file.
  for (const [symbol, name] of registeredActivityNames) {
    const f = topLevelFunction(symbol);
    if (!f) continue;
    const duroxide = calls.some(
      (c) =>
        c.chainRoot?.endsWith('ActivityRegistry::builder') &&
        c.args[c.args.length - 1]?.ref === symbol,
    );
    body.activities.push({
      name,
      nameSource: 'registration',
      symbol,
      range: f.range,
      nameRange: f.nameRange,
      parameters: f.params.filter((p) => !/Act(ivity)?Context$/.test(p.type ?? '')),
      runtime: duroxide ? 'duroxide' : 'temporal',
    });
  }

  // Code scope of a call: workflow functions, #[workflow_methods] impls, context closures.
  const codeScopeOf = (scope: readonly string[]) => {
    for (const w of workflowCodeScopes) {
      if (scope.length >= w.scope.length && w.scope.every((s, i) => scope[i] === s)) return w;
    }
    for (const s of scope) {
      const workflow = closureNames.get(s) || undefined;
      const orch = /^\|(\w+):(duroxide::)?OrchestrationContext[,|]/.exec(s);
      if (orch) return { scope: [], workflow, runtime: 'duroxide' as const, ctxName: orch[1] };
      const wf = /^\|(\w+):&?(mut)?(WfContext|WorkflowContext)/.exec(s);
      if (wf) return { scope: [], workflow, runtime: 'temporal' as const, ctxName: wf[1] };
    }
    return undefined;
  };

  for (const c of calls) {
    const code = codeScopeOf(c.scope);
    if (!code) continue;
    // duroxide external events are its signals; the experimental SDK has signal channels.
    const isSignal =
      ((c.method === 'schedule_wait' || c.method === 'dequeue_event') &&
        code.runtime === 'duroxide') ||
      (c.method === 'make_signal_channel' && code.runtime === 'temporal');
    if (isSignal) {
      const name = nameArg(c);
      if (name !== undefined) {
        body.handlers.push({
          kind: 'signal',
          name,
          nameSource: 'explicit',
          range: c.range,
          nameRange: c.args[0].range,
          parameters: [],
          runtime: code.runtime,
          ...(code.workflow !== undefined ? { workflow: code.workflow } : {}),
          ...(code.scope.length > 0
            ? { workflowSymbol: code.scope[code.scope.length - 1].replace(/\(\)$/, '') }
            : {}),
        });
      }
      continue;
    }
    const d = checkCall(c, code.runtime, code.ctxName);
    if (d)
      body.diagnostics.push(
        diagnostic(c.calleeRange, d.code, d.message, { workflow: code.workflow, fix: d.fix }),
      );
  }

  body.workflows.sort(byPosition);
  body.handlers.sort(byPosition);
  body.activities.sort(byPosition);
  body.workers.sort(byPosition);
  body.diagnostics.sort(byPosition);
  return body;
}

function checkCall(
  c: CallFact,
  runtime: SourceRuntime,
  ctxName: string,
): { code: string; message: string; fix: QuickFix } | undefined {
  const path = c.path;
  if (!path) return undefined;
  const segments = path.split('::');
  const tail2 = segments.slice(-2).join('::');
  const durable = runtime === 'duroxide';
  if (
    [
      'SystemTime::now',
      'Instant::now',
      'Utc::now',
      'Local::now',
      'OffsetDateTime::now_utc',
    ].includes(tail2)
  ) {
    return {
      code: DiagnosticCodes.time,
      message: 'Workflow code must not read the system clock.',
      fix: adviceFix(durable ? `Use ${ctxName}.utc_now().await` : `Use ${ctxName}.workflow_time()`),
    };
  }
  if (path === 'tokio::time::sleep' || (path === 'sleep' && !durable) || tail2 === 'time::sleep') {
    return {
      code: DiagnosticCodes.sleep,
      message: 'Native timers are not replayed; use a durable timer.',
      fix: durable
        ? replaceFix(
            `Use ${ctxName}.schedule_timer`,
            c.range,
            `${ctxName}.schedule_timer(${c.argsText})`,
          )
        : replaceFix(`Use ${ctxName}.timer`, c.range, `${ctxName}.timer(${c.argsText})`),
    };
  }
  if (tail2 === 'thread::sleep') {
    return {
      code: DiagnosticCodes.sleep,
      message: 'thread::sleep blocks the workflow and is not replayed; use a durable timer.',
      fix: adviceFix(
        durable ? `Use ${ctxName}.schedule_timer(d).await` : `Use ${ctxName}.timer(d).await`,
      ),
    };
  }
  if (
    [
      'tokio::spawn',
      'task::spawn',
      'thread::spawn',
      'tokio::task::spawn_blocking',
      'task::spawn_blocking',
    ].includes(tail2) ||
    path === 'spawn'
  ) {
    return {
      code: DiagnosticCodes.thread,
      message: 'Spawned tasks and threads are not replay-safe in workflow code.',
      fix: adviceFix(
        durable
          ? `Use ${ctxName}.join / ${ctxName}.select`
          : 'Use futures::join! / select! (biased) on workflow futures',
      ),
    };
  }
  if (
    ['rand::thread_rng', 'rand::random', 'rand::rng'].includes(tail2) ||
    path === 'thread_rng' ||
    path === 'random'
  ) {
    return {
      code: DiagnosticCodes.random,
      message: 'Random values differ on replay.',
      fix: adviceFix(
        durable
          ? 'Produce random values in an activity'
          : `Use ${ctxName}.random_seed() to seed a generator`,
      ),
    };
  }
  if (tail2 === 'Uuid::new_v4' || tail2 === 'Uuid::now_v7') {
    return {
      code: DiagnosticCodes.uuid,
      message: 'Generated UUIDs differ on replay.',
      fix: adviceFix(
        durable ? `Use ${ctxName}.new_guid().await` : 'Produce the UUID in an activity',
      ),
    };
  }
  if (
    segments[0] === 'reqwest' ||
    (segments[0] === 'std' && segments[1] === 'fs') ||
    segments[0] === 'fs' ||
    tail2 === 'File::open' ||
    tail2 === 'File::create'
  ) {
    return {
      code: DiagnosticCodes.io,
      message: 'I/O is not allowed in workflow code; move it to an activity.',
      fix: adviceFix('Move this I/O to an activity'),
    };
  }
  return undefined;
}
