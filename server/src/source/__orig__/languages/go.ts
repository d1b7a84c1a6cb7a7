// Go (go.temporal.io/sdk): naming rules of the Go SDK.
//  - workflow: a function whose first parameter is workflow.Context; type name = function (or
//    method) name, or RegisterWorkflowWithOptions(fn, workflow.RegisterOptions{Name: ...})
//  - handlers: workflow.SetQueryHandler / GetSignalChannel / SetUpdateHandler(ctx, "name", ...)
//  - activities: functions/methods taking context.Context first, registered with RegisterActivity
//    (or exported from a file using the SDK); name = function/method name or RegisterOptions.Name
//  - workers: w := worker.New(client, "queue", opts); w.RegisterWorkflow(fn)...
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
  HandlerDefinition,
  HandlerKind,
  Parameter,
  QuickFix,
  Range,
  RegisteredRef,
  WorkflowDefinition,
} from '../types';
import {
  DiagnosticCodes,
  adviceFix,
  byPosition,
  diagnostic,
  isQualifiedName,
  lastName,
  replaceFix,
  scopedLookup,
  taskQueueOf,
  unescapeC,
  workerRecord,
  type ValueFact,
  type ValueLookup,
} from './common';

interface GoParam {
  name?: string;
  type: string;
}

interface FunctionFact {
  kind: 'function';
  name: string;
  nameRange: Range;
  range: Range;
  params: GoParam[];
  receiver?: string;
}

interface ValueBinding {
  kind: 'value';
  name: string;
  value?: ValueFact;
  isMap: boolean;
  scope: string[];
  isConst: boolean;
}

interface CallFact {
  kind: 'call';
  callee: string;
  calleeRange: Range;
  range: Range;
  args: ValueFact[];
  argsText: string;
  assignedTo?: string;
  handlerParams?: Parameter[];
  scope: string[];
}

type GoFact =
  | { kind: 'import'; alias: string; path: string }
  | FunctionFact
  | ValueBinding
  | CallFact
  | {
      kind: 'go';
      range: Range;
      callText: string;
      /** Body of `go func() { ... }()`, when it takes no parameters and no arguments. */
      literalBody?: string;
      scope: string[];
    }
  | { kind: 'select'; range: Range; scope: string[] }
  | { kind: 'range'; range: Range; subject: ValueFact; mapLiteral: boolean; scope: string[] };

const KINDS = new Set([
  'import',
  'function',
  'const',
  'var',
  'short_var',
  'call',
  'go',
  'select',
  'range_for',
]);

// ---- extraction -------------------------------------------------------------------------

function stringValue(node: Node, ctx: ExtractContext): string | undefined {
  if (node.type === 'raw_string_literal') {
    return node.namedChildren.map((c) => ctx.text(c)).join('');
  }
  if (node.type !== 'interpreted_string_literal') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'interpreted_string_literal_content') out += ctx.text(c);
    else if (c.type === 'escape_sequence') out += unescapeC(ctx.text(c));
  }
  return out;
}

function valueOf(node: Node, ctx: ExtractContext, depth = 0): ValueFact {
  const v: ValueFact = { text: compact(ctx.text(node)), range: ctx.range(node) };
  if (depth > 5) return v;
  switch (node.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal': {
      const s = stringValue(node, ctx);
      if (s !== undefined) v.str = s;
      break;
    }
    case 'identifier':
      v.ref = v.text;
      break;
    case 'selector_expression':
      if (isQualifiedName(v.text)) v.ref = lastName(v.text);
      break;
    case 'unary_expression':
    case 'parenthesized_expression': {
      const inner = node.childForFieldName('operand') ?? node.namedChildren[0];
      if (inner) return { ...valueOf(inner, ctx, depth + 1), text: v.text, range: v.range };
      break;
    }
    case 'composite_literal': {
      const type = node.childForFieldName('type');
      if (type) v.construct = lastName(compact(ctx.text(type)));
      const body = node.childForFieldName('body');
      v.entries = {};
      v.items = [];
      for (const el of body?.namedChildren ?? []) {
        if (el.type === 'keyed_element') {
          const key = el.childForFieldName('key');
          const value = el.childForFieldName('value');
          const keyNode = key?.namedChildren[0] ?? key;
          const valueNode = value?.namedChildren[0] ?? value;
          if (keyNode && valueNode)
            v.entries[ctx.text(keyNode)] = valueOf(valueNode, ctx, depth + 1);
        } else if (el.type === 'literal_element') {
          const inner = el.namedChildren[0];
          if (inner) v.items.push(valueOf(inner, ctx, depth + 1));
        }
      }
      break;
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (fn && args) {
        v.call = {
          callee: compact(ctx.text(fn)),
          args: args.namedChildren
            .filter((a) => a.type !== 'comment')
            .map((a) => valueOf(a, ctx, depth + 1)),
        };
      }
      break;
    }
  }
  return v;
}

function parametersOf(list: Node, ctx: ExtractContext): GoParam[] {
  const out: GoParam[] = [];
  for (const decl of list.namedChildren) {
    if (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration')
      continue;
    const type = decl.childForFieldName('type');
    const typeText = type ? compact(ctx.text(type)) : '';
    const names = decl.childrenForFieldName('name');
    const prefix = decl.type === 'variadic_parameter_declaration' ? '...' : '';
    if (names.length === 0) out.push({ type: prefix + typeText });
    for (const n of names) out.push({ name: ctx.text(n), type: prefix + typeText });
  }
  return out;
}

function toParameters(params: GoParam[]): Parameter[] {
  return params.map((p) => ({ name: p.name ?? '_', type: p.type }));
}

function isMapNode(node: Node | null | undefined, ctx: ExtractContext): boolean {
  if (!node) return false;
  if (node.type === 'map_type') return true;
  if (node.type === 'composite_literal') return node.childForFieldName('type')?.type === 'map_type';
  if (node.type === 'call_expression') {
    const fn = node.childForFieldName('function');
    const first = node.childForFieldName('arguments')?.namedChildren[0];
    return !!fn && ctx.text(fn) === 'make' && first?.type === 'map_type';
  }
  return false;
}

/** Left-hand identifier that receives `node` in `a, b := x, y` / `var a = x` / `a = x`. */
function assignedName(node: Node, ctx: ExtractContext): string | undefined {
  const list = node.parent;
  if (list?.type !== 'expression_list') return undefined;
  const stmt = list.parent;
  if (!stmt) return undefined;
  const index = list.namedChildren.findIndex((c) => c.id === node.id);
  if (stmt.type === 'short_var_declaration' || stmt.type === 'assignment_statement') {
    const left = stmt.childForFieldName('left')?.namedChildren[index];
    return left?.type === 'identifier' ? ctx.text(left) : undefined;
  }
  if (stmt.type === 'var_spec') {
    const n = stmt.childrenForFieldName('name')[index];
    return n ? ctx.text(n) : undefined;
  }
  return undefined;
}

export const goRules: LanguageRules<GoFact> = {
  language: 'go',
  query: QUERY_SOURCES.go,

  scopeName(node, ctx) {
    if (node.type === 'function_declaration' || node.type === 'method_declaration') {
      const n = node.childForFieldName('name');
      return n ? ctx.text(n) : undefined;
    }
    if (node.type === 'func_literal') return '<func>';
    return undefined;
  },

  extract(match: QueryMatch, ctx: ExtractContext, out: GoFact[]): void {
    const kind = match.captures.find((c) => KINDS.has(c.name));
    if (!kind) return;
    const node = kind.node;
    switch (kind.name) {
      case 'import': {
        const pathNode = capture(match, 'path');
        const p = pathNode ? stringValue(pathNode, ctx) : undefined;
        if (p === undefined) return;
        const alias = node.childForFieldName('name');
        const segments = p.split('/');
        // Versioned paths (".../v2") are named after the segment before the version.
        let name = segments[segments.length - 1];
        if (/^v\d+$/.test(name) && segments.length > 1) name = segments[segments.length - 2];
        out.push({
          kind: 'import',
          alias: alias ? ctx.text(alias) : name.replace(/^go-/, ''),
          path: p,
        });
        return;
      }
      case 'function': {
        const name = capture(match, 'name');
        const params = capture(match, 'params');
        if (!name || !params) return;
        const fact: FunctionFact = {
          kind: 'function',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: ctx.range(node),
          params: parametersOf(params, ctx),
        };
        const receiver = capture(match, 'receiver');
        if (receiver) {
          const r = parametersOf(receiver, ctx)[0];
          if (r) fact.receiver = r.type.replace(/^\*/, '');
        }
        out.push(fact);
        return;
      }
      case 'const':
      case 'var': {
        const name = capture(match, 'name');
        if (!name) return;
        const valueList = node.childForFieldName('value');
        const index = node.childrenForFieldName('name').findIndex((n) => n.id === name.id);
        const valueNode = valueList?.namedChildren[Math.max(0, index)];
        const type = node.childForFieldName('type');
        const fact: ValueBinding = {
          kind: 'value',
          name: ctx.text(name),
          isMap: isMapNode(type, ctx) || isMapNode(valueNode, ctx),
          scope: ctx.scope(node),
          isConst: kind.name === 'const',
        };
        if (valueNode) fact.value = valueOf(valueNode, ctx);
        if (fact.value?.str !== undefined || fact.value?.ref !== undefined || fact.isMap)
          out.push(fact);
        return;
      }
      case 'short_var': {
        const left = capture(match, 'left');
        const right = capture(match, 'right');
        if (!left || !right) return;
        const scope = ctx.scope(node);
        left.namedChildren.forEach((l, i) => {
          const r = right.namedChildren[i];
          if (l.type !== 'identifier' || !r) return;
          const value = valueOf(r, ctx);
          const isMap = isMapNode(r, ctx);
          if (value.str === undefined && value.ref === undefined && !isMap) return;
          out.push({ kind: 'value', name: ctx.text(l), value, isMap, scope, isConst: false });
        });
        return;
      }
      case 'call': {
        const callee = capture(match, 'callee');
        const args = capture(match, 'args');
        if (!callee || !args) return;
        const calleeText = compact(ctx.text(callee));
        if (callee.type === 'identifier' && calleeText !== 'make') return;
        const argNodes = args.namedChildren.filter((a) => a.type !== 'comment');
        const fact: CallFact = {
          kind: 'call',
          callee: calleeText,
          calleeRange: ctx.range(callee),
          range: ctx.range(node),
          args: argNodes.map((a) => valueOf(a, ctx)),
          argsText: ctx.text(args).slice(1, -1).trim(),
          scope: ctx.scope(node),
        };
        if (calleeText === 'make' && argNodes[0]?.type !== 'channel_type') return;
        const assigned = assignedName(node, ctx);
        if (assigned) fact.assignedTo = assigned;
        const handler = argNodes[2];
        if (handler?.type === 'func_literal') {
          const p = handler.childForFieldName('parameters');
          if (p) fact.handlerParams = toParameters(parametersOf(p, ctx));
        }
        out.push(fact);
        return;
      }
      case 'go': {
        const call = node.namedChildren.find((c) => c.type === 'call_expression');
        if (!call) return;
        const fn = call.childForFieldName('function');
        const args = call.childForFieldName('arguments');
        const fact: GoFact = {
          kind: 'go',
          range: ctx.range(node),
          callText: ctx.text(call),
          scope: ctx.scope(node),
        };
        if (
          fn?.type === 'func_literal' &&
          args?.namedChildCount === 0 &&
          fn.childForFieldName('parameters')?.namedChildCount === 0
        ) {
          const body = fn.childForFieldName('body');
          if (body) fact.literalBody = ctx.text(body);
        }
        out.push(fact);
        return;
      }
      case 'select':
        out.push({
          kind: 'select',
          range: ctx.range(node.child(0) ?? node),
          scope: ctx.scope(node),
        });
        return;
      case 'range_for': {
        const subject = capture(match, 'subject');
        if (!subject) return;
        const clause = subject.parent ?? node;
        out.push({
          kind: 'range',
          range: ctx.range(clause),
          subject: valueOf(subject, ctx),
          mapLiteral: isMapNode(subject, ctx),
          scope: ctx.scope(node),
        });
        return;
      }
    }
  },

  resolve(facts: readonly GoFact[], ctx: ResolveContext): RecordsBody {
    return resolveGo(facts, ctx);
  },
};

// ---- resolution -------------------------------------------------------------------------

const SDK = 'go.temporal.io/sdk';
const WF = `${SDK}/workflow`;
const HANDLER_FUNCS: Record<string, HandlerKind> = {
  SetQueryHandler: 'query',
  SetQueryHandlerWithOptions: 'query',
  GetSignalChannel: 'signal',
  GetSignalChannelWithOptions: 'signal',
  SetUpdateHandler: 'update',
  SetUpdateHandlerWithOptions: 'update',
};
const REGISTER_WORKFLOW = new Set(['RegisterWorkflow', 'RegisterWorkflowWithOptions']);
const REGISTER_ACTIVITY = new Set(['RegisterActivity', 'RegisterActivityWithOptions']);

interface Registration {
  scope: string;
  receiver: string;
  workflows: RegisteredRef[];
  activities: RegisteredRef[];
  complete: boolean;
  range: Range;
}

function resolveGo(facts: readonly GoFact[], _ctx: ResolveContext): RecordsBody {
  const body = emptyBody();
  const aliases = new Map<string, string>();
  const functions: FunctionFact[] = [];
  const values: ValueBinding[] = [];
  const calls: CallFact[] = [];
  const others: GoFact[] = [];
  for (const f of facts) {
    if (f.kind === 'import') aliases.set(f.alias, f.path);
    else if (f.kind === 'function') functions.push(f);
    else if (f.kind === 'value') {
      values.push(f);
      if (f.scope.length === 0 && f.value?.str !== undefined) body.constants[f.name] = f.value.str;
    } else if (f.kind === 'call') calls.push(f);
    else others.push(f);
  }
  const canonical = (dotted: string): string => {
    const dot = dotted.indexOf('.');
    if (dot < 0) return dotted;
    const pkg = aliases.get(dotted.slice(0, dot));
    return pkg ? `${pkg}.${dotted.slice(dot + 1)}` : dotted;
  };
  const wfAlias = [...aliases].find(([, p]) => p === WF)?.[0] ?? 'workflow';
  const usesSdk = [...aliases.values()].some((p) => p === SDK || p.startsWith(`${SDK}/`));
  const lookupIn = (scope: readonly string[]): ValueLookup =>
    scopedLookup(
      values.filter((v) => v.value).map((v) => ({ name: v.name, value: v.value!, scope: v.scope })),
      scope,
    );
  /** A name argument: literal, constant of this file, or a reference for the index. */
  const nameOf = (
    v: ValueFact | undefined,
    scope: readonly string[],
  ): { name: string; ref?: string } | undefined => {
    if (!v) return undefined;
    const q = taskQueueOf(v, lookupIn(scope));
    if (q.taskQueue !== undefined) return { name: q.taskQueue };
    if (q.taskQueueRef !== undefined) return { name: q.taskQueueRef, ref: q.taskQueueRef };
    return undefined;
  };

  // Registrations, grouped by the worker variable they are called on.
  const groups: Registration[] = [];
  const explicitWorkflowNames = new Map<string, { name: string; ref?: string }>();
  const explicitActivityNames = new Map<string, { name: string; ref?: string }>();
  const registeredWorkflowSymbols = new Set<string>();
  const registeredActivitySymbols = new Set<string>();
  for (const call of calls) {
    const dot = call.callee.lastIndexOf('.');
    if (dot < 0) continue;
    const method = call.callee.slice(dot + 1);
    const isWorkflow = REGISTER_WORKFLOW.has(method);
    const isActivity = REGISTER_ACTIVITY.has(method);
    if (!isWorkflow && !isActivity) continue;
    const receiver = call.callee.slice(0, dot);
    const scope = call.scope[0] ?? '';
    let group = groups.find((g) => g.scope === scope && g.receiver === receiver);
    if (!group) {
      group = { scope, receiver, workflows: [], activities: [], complete: true, range: call.range };
      groups.push(group);
    }
    const target = call.args[0];
    if (!target) continue;
    const symbol = target.ref ?? target.construct;
    const r: RegisteredRef = { range: target.range };
    if (symbol !== undefined) r.symbol = symbol;
    else group.complete = false;
    const options = call.args[1]?.entries;
    const explicit = options ? nameOf(options.Name, call.scope) : undefined;
    if (explicit) {
      if (explicit.ref !== undefined) r.nameRef = explicit.ref;
      else r.name = explicit.name;
    }
    if (isWorkflow) {
      group.workflows.push(r);
      if (symbol !== undefined) {
        registeredWorkflowSymbols.add(symbol);
        if (explicit && !explicitWorkflowNames.has(symbol))
          explicitWorkflowNames.set(symbol, explicit);
      }
    } else {
      group.activities.push(r);
      if (symbol !== undefined) {
        registeredActivitySymbols.add(symbol);
        if (explicit && !explicitActivityNames.has(symbol))
          explicitActivityNames.set(symbol, explicit);
      }
    }
  }

  // worker.New(client, queue, options)
  const workerCalls = calls.filter((c) => canonical(c.callee) === `${SDK}/worker.New`);
  for (const w of workerCalls) {
    const scope = w.scope[0] ?? '';
    const group = groups.find((g) => g.scope === scope && g.receiver === w.assignedTo);
    const queue = taskQueueOf(w.args[1], lookupIn(w.scope));
    body.workers.push(
      workerRecord({
        range: w.range,
        runtime: 'temporal',
        taskQueue: queue.taskQueue,
        taskQueueRef: queue.taskQueueRef,
        workflows: group?.workflows ?? [],
        activities: group?.activities ?? [],
        complete: queue.known && (group?.complete ?? true),
      }),
    );
    if (group) groups.splice(groups.indexOf(group), 1);
  }
  // Registrations on a worker created elsewhere (for example a parameter): queue unknown.
  for (const g of groups) {
    body.workers.push(
      workerRecord({
        range: g.range,
        runtime: 'temporal',
        workflows: g.workflows,
        activities: g.activities,
        complete: false,
      }),
    );
  }

  // Workflow code: functions taking workflow.Context first.
  const isWorkflowContext = (type: string) => canonical(type) === `${WF}.Context`;
  const workflowCode = new Map<string, FunctionFact>();
  for (const fn of functions)
    if (fn.params[0] && isWorkflowContext(fn.params[0].type)) workflowCode.set(fn.name, fn);

  const workflowByFunction = new Map<string, WorkflowDefinition>();
  for (const fn of workflowCode.values()) {
    const exported = /^[A-Z]/.test(fn.name);
    if (!exported && !registeredWorkflowSymbols.has(fn.name)) continue;
    const explicit = explicitWorkflowNames.get(fn.name);
    const record: WorkflowDefinition = {
      name: explicit ? explicit.name : fn.name,
      nameSource: explicit && explicit.ref === undefined ? 'registration' : 'symbol',
      symbol: fn.name,
      range: fn.range,
      nameRange: fn.nameRange,
      parameters: toParameters(fn.params.slice(1)),
      runtime: 'temporal',
    };
    if (explicit?.ref !== undefined) record.name = fn.name;
    body.workflows.push(record);
    workflowByFunction.set(fn.name, record);
  }

  // Activities: context.Context first, registered here or exported from an SDK-using file.
  for (const fn of functions) {
    if (
      workflowCode.has(fn.name) ||
      !fn.params[0] ||
      canonical(fn.params[0].type) !== 'context.Context'
    )
      continue;
    const registered =
      registeredActivitySymbols.has(fn.name) ||
      (fn.receiver !== undefined && registeredActivitySymbols.has(fn.receiver));
    if (!registered && !(usesSdk && /^[A-Z]/.test(fn.name))) continue;
    const explicit = explicitActivityNames.get(fn.name);
    body.activities.push({
      name: explicit && explicit.ref === undefined ? explicit.name : fn.name,
      nameSource: explicit && explicit.ref === undefined ? 'registration' : 'symbol',
      symbol: fn.name,
      range: fn.range,
      nameRange: fn.nameRange,
      parameters: toParameters(fn.params.slice(1)),
      runtime: 'temporal',
    });
  }

  // Handlers.
  for (const call of calls) {
    const cn = canonical(call.callee);
    if (!cn.startsWith(`${WF}.`)) continue;
    const kind = HANDLER_FUNCS[cn.slice(WF.length + 1)];
    if (!kind) continue;
    const nameArg = call.args[1];
    const name = nameOf(nameArg, call.scope);
    if (!nameArg || !name) continue;
    const h: HandlerDefinition = {
      kind,
      name: name.name,
      nameSource: 'explicit',
      range: call.range,
      nameRange: nameArg.range,
      // Update handlers may take workflow.Context first; callers do not pass it.
      parameters: (call.handlerParams ?? []).filter(
        (p, i) => !(i === 0 && p.type !== undefined && isWorkflowContext(p.type)),
      ),
      runtime: 'temporal',
    };
    if (name.ref !== undefined) h.nameRef = name.ref;
    const handlerFn = call.args[2];
    if (handlerFn?.ref !== undefined) h.symbol = handlerFn.ref;
    const owner = call.scope[0];
    if (owner !== undefined && workflowCode.has(owner)) {
      const wf = workflowByFunction.get(owner);
      if (wf) h.workflow = wf.name;
      h.workflowSymbol = owner;
    }
    body.handlers.push(h);
  }

  // Determinism inside workflow code.
  const inWorkflow = (scope: readonly string[]) =>
    scope[0] !== undefined ? workflowCode.get(scope[0]) : undefined;
  const workflowNameOf = (fn: FunctionFact) => workflowByFunction.get(fn.name)?.name;
  const ctxName = (fn: FunctionFact) => fn.params[0]?.name ?? 'ctx';
  for (const call of calls) {
    const fn = inWorkflow(call.scope);
    if (!fn) continue;
    const d = checkCall(call, canonical(call.callee), wfAlias, ctxName(fn));
    if (d)
      body.diagnostics.push(
        diagnostic(call.calleeRange, d.code, d.message, {
          workflow: workflowNameOf(fn),
          fix: d.fix,
        }),
      );
  }
  for (const f of others) {
    if (f.kind !== 'go' && f.kind !== 'select' && f.kind !== 'range') continue;
    const fn = inWorkflow(f.scope);
    if (!fn) continue;
    const workflow = workflowNameOf(fn);
    const c = ctxName(fn);
    if (f.kind === 'go') {
      const inner = f.literalBody ?? `{ ${f.callText} }`;
      body.diagnostics.push(
        diagnostic(
          f.range,
          DiagnosticCodes.thread,
          'Goroutines are not replay-safe in workflow code; use workflow.Go.',
          {
            workflow,
            fix: replaceFix(
              `Use ${wfAlias}.Go`,
              f.range,
              `${wfAlias}.Go(${c}, func(${c} ${wfAlias}.Context) ${inner})`,
            ),
          },
        ),
      );
    } else if (f.kind === 'select') {
      body.diagnostics.push(
        diagnostic(
          f.range,
          DiagnosticCodes.select,
          'Native select is not replay-safe in workflow code; use workflow.NewSelector.',
          {
            workflow,
            fix: adviceFix(`Use ${wfAlias}.NewSelector(${c})`),
          },
        ),
      );
    } else {
      const isMap =
        f.mapLiteral ||
        (f.subject.ref !== undefined &&
          f.subject.text === f.subject.ref &&
          (values.some((v) => v.name === f.subject.ref && v.isMap && v.scope[0] === f.scope[0]) ||
            fn.params.some((p) => p.name === f.subject.ref && p.type.startsWith('map['))));
      if (isMap) {
        body.diagnostics.push(
          diagnostic(
            f.range,
            DiagnosticCodes.mapRange,
            'Map iteration order is random; iterate over sorted keys in workflow code.',
            {
              workflow,
              fix: adviceFix(
                'Sort the keys (for example with slices.Sorted(maps.Keys(m))) and range over them',
              ),
            },
          ),
        );
      }
    }
  }

  body.workflows.sort(byPosition);
  body.handlers.sort(byPosition);
  body.activities.sort(byPosition);
  body.workers.sort(byPosition);
  body.diagnostics.sort(byPosition);
  return body;
}

function checkCall(
  call: CallFact,
  cn: string,
  wf: string,
  ctxVar: string,
): { code: string; message: string; fix: QuickFix } | undefined {
  const clock = 'Workflow code must not read the system clock; use workflow.Now.';
  switch (cn) {
    case 'time.Now':
      return {
        code: DiagnosticCodes.time,
        message: clock,
        fix: replaceFix(`Use ${wf}.Now(${ctxVar})`, call.range, `${wf}.Now(${ctxVar})`),
      };
    case 'time.Since':
      return {
        code: DiagnosticCodes.time,
        message: clock,
        fix: replaceFix(
          `Use ${wf}.Now(${ctxVar}).Sub`,
          call.range,
          `${wf}.Now(${ctxVar}).Sub(${call.argsText})`,
        ),
      };
    case 'time.Until':
      return {
        code: DiagnosticCodes.time,
        message: clock,
        fix: adviceFix(`Use t.Sub(${wf}.Now(${ctxVar}))`),
      };
    case 'time.Sleep':
      return {
        code: DiagnosticCodes.sleep,
        message: 'time.Sleep is not replayed; use workflow.Sleep (a durable timer).',
        fix: replaceFix(`Use ${wf}.Sleep`, call.range, `${wf}.Sleep(${ctxVar}, ${call.argsText})`),
      };
    case 'time.After':
    case 'time.NewTimer':
    case 'time.Tick':
    case 'time.NewTicker':
    case 'time.AfterFunc':
      return {
        code: DiagnosticCodes.sleep,
        message: 'Native timers are not replayed; use workflow.NewTimer.',
        fix: adviceFix(`Use ${wf}.NewTimer(${ctxVar}, d)`),
      };
    case 'make':
      return {
        code: DiagnosticCodes.channel,
        message: 'Native channels are not replay-safe in workflow code; use workflow.Channel.',
        fix:
          call.args.length > 1
            ? replaceFix(
                `Use ${wf}.NewBufferedChannel`,
                call.range,
                `${wf}.NewBufferedChannel(${ctxVar}, ${call.args[1].text})`,
              )
            : replaceFix(`Use ${wf}.NewChannel`, call.range, `${wf}.NewChannel(${ctxVar})`),
      };
  }
  if (
    cn.startsWith('math/rand.') ||
    cn.startsWith('math/rand/v2.') ||
    cn.startsWith('crypto/rand.')
  ) {
    return {
      code: DiagnosticCodes.random,
      message:
        'Random values differ on replay; produce them in workflow.SideEffect or an activity.',
      fix: adviceFix(`Wrap in ${wf}.SideEffect`),
    };
  }
  if (cn.startsWith('github.com/google/uuid.') && /\.(New|NewString|NewRandom)$/.test(cn)) {
    return {
      code: DiagnosticCodes.uuid,
      message:
        'Generated UUIDs differ on replay; produce them in workflow.SideEffect or an activity.',
      fix: adviceFix(`Wrap in ${wf}.SideEffect`),
    };
  }
  if (
    cn.startsWith('net/http.') ||
    cn.startsWith('os/exec.') ||
    ['os.ReadFile', 'os.WriteFile', 'os.Open', 'os.Create', 'os.OpenFile', 'os.Getenv'].includes(cn)
  ) {
    return {
      code: DiagnosticCodes.io,
      message: 'I/O is not allowed in workflow code; move it to an activity.',
      fix: adviceFix('Move this I/O to an activity'),
    };
  }
  return undefined;
}
