// C# (Temporalio .NET SDK): naming rules of the .NET SDK.
//  - workflow: [Workflow] class; type name = [Workflow("Name")], else the class name (an
//    interface named IFoo gives "Foo")
//  - handlers: [WorkflowSignal] / [WorkflowUpdate] methods default to the method name without an
//    "Async" suffix; [WorkflowQuery] (method or property) defaults to the member name
//  - activities: [Activity] methods; default name = method name, without "Async" when it
//    returns a Task
//  - workers: new TemporalWorkerOptions("queue").AddWorkflow<T>().AddAllActivities(obj), or
//    services.AddHostedTemporalWorker(..., "queue").AddWorkflow<T>()
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
  scopeWithin,
  scopedLookup,
  taskQueueOf,
  unescapeC,
  withConstants,
  workerRecord,
  type ValueFact,
} from './common';

interface Attribute {
  name: string;
  positional: ValueFact[];
  named: Record<string, ValueFact>;
}

interface TypeFact {
  kind: 'type';
  declaration: 'class' | 'interface' | 'record';
  name: string;
  nameRange: Range;
  range: Range;
  attributes: Attribute[];
  bases: string[];
  scope: string[];
}

interface MemberFact {
  kind: 'member';
  name: string;
  nameRange: Range;
  range: Range;
  params: Parameter[];
  returns: string;
  attributes: Attribute[];
  scope: string[];
}

interface Step {
  range: Range;
  method: string;
  typeArgs: string[];
  args: ValueFact[];
  named: Record<string, ValueFact>;
}

interface CallFact {
  kind: 'call';
  object: string;
  method: string;
  typeArgs: string[];
  args: ValueFact[];
  named: Record<string, ValueFact>;
  range: Range;
  calleeRange: Range;
  argsText: string;
  scope: string[];
}

interface WorkerChainFact {
  kind: 'worker';
  /** Queue argument of the options constructor / AddHostedTemporalWorker. */
  queue?: ValueFact;
  steps: Step[];
  assignedTo?: string;
  range: Range;
  scope: string[];
}

type CsFact =
  | TypeFact
  | MemberFact
  | CallFact
  | WorkerChainFact
  | { kind: 'variable'; name: string; value: ValueFact; scope: string[]; constant: boolean }
  | { kind: 'new'; type: string; argCount: number; range: Range; scope: string[] }
  | { kind: 'memberAccess'; object: string; member: string; range: Range; scope: string[] };

const KINDS = new Set(['type', 'method', 'property', 'variable', 'call', 'new', 'member_access']);
const STATIC_TARGETS = new Set([
  'Task',
  'Thread',
  'Guid',
  'File',
  'Directory',
  'Stopwatch',
  'Parallel',
  'ThreadPool',
]);
const PROPERTY_TARGETS = new Set(['DateTime', 'DateTimeOffset', 'Environment']);

// ---- extraction -------------------------------------------------------------------------

function stringValue(node: Node, ctx: ExtractContext): string | undefined {
  switch (node.type) {
    case 'string_literal': {
      let out = '';
      for (const c of node.namedChildren) {
        if (c.type === 'string_literal_content') out += ctx.text(c);
        else if (c.type === 'escape_sequence') out += unescapeC(ctx.text(c));
      }
      return out;
    }
    case 'verbatim_string_literal':
      return ctx.text(node).slice(2, -1).replace(/""/g, '"');
    case 'raw_string_literal':
      return node.namedChildren
        .filter((c) => c.type === 'raw_string_content')
        .map((c) => ctx.text(c))
        .join('');
  }
  return undefined;
}

/** `Foo<Bar>` -> name Foo, type args [Bar]. */
function genericParts(
  node: Node | null | undefined,
  ctx: ExtractContext,
): { name: string; typeArgs: string[] } {
  if (!node) return { name: '', typeArgs: [] };
  if (node.type === 'generic_name') {
    const id = node.namedChildren.find((c) => c.type === 'identifier');
    const list = node.namedChildren.find((c) => c.type === 'type_argument_list');
    return {
      name: id ? ctx.text(id) : '',
      typeArgs: (list?.namedChildren ?? []).map((t) => lastName(compact(ctx.text(t)))),
    };
  }
  return { name: lastName(compact(ctx.text(node))), typeArgs: [] };
}

function valueOf(node: Node, ctx: ExtractContext, depth = 0): ValueFact {
  const v: ValueFact = { text: compact(ctx.text(node)), range: ctx.range(node) };
  if (depth > 5) return v;
  switch (node.type) {
    case 'string_literal':
    case 'verbatim_string_literal':
    case 'raw_string_literal': {
      const s = stringValue(node, ctx);
      if (s !== undefined) v.str = s;
      break;
    }
    case 'identifier':
    case 'member_access_expression':
    case 'qualified_name':
      if (isQualifiedName(v.text)) v.ref = lastName(v.text);
      break;
    case 'object_creation_expression': {
      const t = node.childForFieldName('type');
      if (t) v.construct = genericParts(t, ctx).name;
      break;
    }
    case 'typeof_expression': {
      const t = node.childForFieldName('type') ?? node.namedChildren[0];
      if (t) v.construct = genericParts(t, ctx).name;
      break;
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      if (inner) return { ...valueOf(inner, ctx, depth + 1), text: v.text, range: v.range };
      break;
    }
  }
  return v;
}

function argumentsOf(list: Node | null | undefined, ctx: ExtractContext) {
  const args: ValueFact[] = [];
  const named: Record<string, ValueFact> = {};
  for (const a of list?.namedChildren ?? []) {
    if (a.type !== 'argument' && a.type !== 'attribute_argument') continue;
    const nameNode = a.childForFieldName('name');
    const expr = a.namedChildren
      .filter((c) => c.id !== nameNode?.id && c.type !== 'name_colon' && c.type !== 'name_equals')
      .pop();
    if (!expr) continue;
    // Attribute `Name = "x"` parses as an assignment.
    if (expr.type === 'assignment_expression' && a.type === 'attribute_argument') {
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      if (left && right) named[ctx.text(left)] = valueOf(right, ctx);
      continue;
    }
    const explicitName =
      nameNode ?? a.namedChildren.find((c) => c.type === 'name_colon' || c.type === 'name_equals');
    if (explicitName)
      named[
        ctx
          .text(explicitName)
          .replace(/[:=]\s*$/, '')
          .trim()
      ] = valueOf(expr, ctx);
    else args.push(valueOf(expr, ctx));
  }
  return { args, named };
}

function attributesOf(decl: Node, ctx: ExtractContext): Attribute[] {
  const out: Attribute[] = [];
  for (const list of decl.namedChildren) {
    if (list.type !== 'attribute_list') continue;
    for (const a of list.namedChildren) {
      if (a.type !== 'attribute') continue;
      const name = a.childForFieldName('name');
      if (!name) continue;
      const { args, named } = argumentsOf(
        a.namedChildren.find((c) => c.type === 'attribute_argument_list'),
        ctx,
      );
      out.push({
        name: lastName(compact(ctx.text(name))).replace(/Attribute$/, ''),
        positional: args,
        named,
      });
    }
  }
  return out;
}

function parametersOf(list: Node, ctx: ExtractContext): Parameter[] {
  const out: Parameter[] = [];
  for (const p of list.namedChildren) {
    if (p.type !== 'parameter') continue;
    const name = p.childForFieldName('name');
    const type = p.childForFieldName('type');
    if (name)
      out.push(type ? { name: ctx.text(name), type: ctx.text(type) } : { name: ctx.text(name) });
  }
  return out;
}

/** Follows `.Method<T>(args)` calls chained onto `start`. */
function chainFrom(start: Node, ctx: ExtractContext): { steps: Step[]; end: Node } {
  const steps: Step[] = [];
  let cur = start;
  for (;;) {
    const access = cur.parent;
    if (
      access?.type !== 'member_access_expression' ||
      access.childForFieldName('expression')?.id !== cur.id
    )
      break;
    const call = access.parent;
    if (
      call?.type !== 'invocation_expression' ||
      call.childForFieldName('function')?.id !== access.id
    )
      break;
    const nameNode = access.childForFieldName('name');
    const { name, typeArgs } = genericParts(nameNode, ctx);
    steps.push({
      range: ctx.span(nameNode ?? access, call),
      method: name,
      typeArgs,
      ...argumentsOf(call.childForFieldName('arguments'), ctx),
    });
    cur = call;
  }
  return { steps, end: cur };
}

function assignedTo(node: Node, ctx: ExtractContext): string | undefined {
  const p = node.parent;
  if (p?.type === 'variable_declarator') {
    const n = p.childForFieldName('name');
    return n ? ctx.text(n) : undefined;
  }
  if (p?.type === 'assignment_expression') {
    const left = p.childForFieldName('left');
    return left?.type === 'identifier' ? ctx.text(left) : undefined;
  }
  return undefined;
}

export const csharpRules: LanguageRules<CsFact> = {
  language: 'csharp',
  query: QUERY_SOURCES.csharp,

  scopeName(node, ctx) {
    switch (node.type) {
      case 'class_declaration':
      case 'interface_declaration':
      case 'record_declaration':
      case 'struct_declaration': {
        const n = node.childForFieldName('name');
        return n ? ctx.text(n) : undefined;
      }
      case 'method_declaration':
      case 'constructor_declaration':
      case 'property_declaration':
      case 'local_function_statement': {
        const n = node.childForFieldName('name');
        return n ? `${ctx.text(n)}()` : undefined;
      }
    }
    return undefined;
  },

  extract(match: QueryMatch, ctx: ExtractContext, out: CsFact[]): void {
    const kind = match.captures.find((c) => KINDS.has(c.name));
    if (!kind) return;
    const node = kind.node;
    switch (kind.name) {
      case 'type': {
        const name = capture(match, 'name');
        if (!name) return;
        const bases = node.namedChildren.find((c) => c.type === 'base_list');
        out.push({
          kind: 'type',
          declaration:
            node.type === 'interface_declaration'
              ? 'interface'
              : node.type === 'record_declaration'
                ? 'record'
                : 'class',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: ctx.range(node),
          attributes: attributesOf(node, ctx),
          bases: (bases?.namedChildren ?? []).map((b) => genericParts(b, ctx).name),
          scope: ctx.scope(node),
        });
        return;
      }
      case 'method':
      case 'property': {
        const name = capture(match, 'name');
        if (!name) return;
        const params = capture(match, 'params');
        const returns = node.childForFieldName(kind.name === 'method' ? 'returns' : 'type');
        out.push({
          kind: 'member',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: ctx.range(node),
          params: params ? parametersOf(params, ctx) : [],
          returns: returns ? compact(ctx.text(returns)) : '',
          attributes: attributesOf(node, ctx),
          scope: ctx.scope(node),
        });
        return;
      }
      case 'variable': {
        const name = capture(match, 'name');
        if (!name) return;
        const value = node.namedChildren
          .filter((c) => c.id !== name.id && c.type !== 'bracketed_argument_list')
          .pop();
        if (!value) return;
        const v = valueOf(
          value.type === 'equals_value_clause' ? (value.namedChildren[0] ?? value) : value,
          ctx,
        );
        if (v.str === undefined && v.ref === undefined) return;
        // `const` fields/locals and `static readonly` fields are constants; other variables
        // only help resolve names in their own scope.
        const declaration = node.parent?.parent;
        const modifiers = (declaration?.namedChildren ?? [])
          .filter((c) => c.type === 'modifier')
          .map((c) => ctx.text(c));
        const constant =
          modifiers.includes('const') ||
          (modifiers.includes('static') && modifiers.includes('readonly')) ||
          (declaration?.type === 'local_declaration_statement' &&
            declaration.children.some((c) => c.type === 'const'));
        out.push({
          kind: 'variable',
          name: ctx.text(name),
          value: v,
          scope: ctx.scope(node),
          constant,
        });
        return;
      }
      case 'new': {
        const type = capture(match, 'type');
        if (!type) return;
        const typeName = genericParts(type, ctx).name;
        const args = node.childForFieldName('arguments');
        const scope = ctx.scope(node);
        if (typeName === 'TemporalWorkerOptions') {
          const { args: positional, named } = argumentsOf(args, ctx);
          const initializer: Record<string, ValueFact> = {};
          for (const a of node.childForFieldName('initializer')?.namedChildren ?? []) {
            if (a.type !== 'assignment_expression') continue;
            const left = a.childForFieldName('left');
            const right = a.childForFieldName('right');
            if (left && right) initializer[ctx.text(left)] = valueOf(right, ctx);
          }
          const { steps, end } = chainFrom(node, ctx);
          const fact: WorkerChainFact = {
            kind: 'worker',
            steps,
            range: ctx.range(node),
            scope,
          };
          const queue = named.taskQueue ?? positional[0] ?? initializer.TaskQueue;
          if (queue) fact.queue = queue;
          const to = assignedTo(end, ctx);
          if (to) fact.assignedTo = to;
          out.push(fact);
          return;
        }
        if (typeName === 'Random' || typeName === 'Thread' || typeName === 'HttpClient') {
          out.push({
            kind: 'new',
            type: typeName,
            argCount: args?.namedChildren.filter((a) => a.type === 'argument').length ?? 0,
            range: ctx.range(node),
            scope,
          });
        }
        return;
      }
      case 'call': {
        const callee = capture(match, 'callee');
        const argsNode = capture(match, 'args');
        if (!callee || !argsNode) return;
        let object = '';
        let nameNode: Node | null = callee;
        if (callee.type === 'member_access_expression') {
          const expr = callee.childForFieldName('expression');
          object = expr ? compact(ctx.text(expr)) : '';
          nameNode = callee.childForFieldName('name');
        }
        const { name: method, typeArgs } = genericParts(nameNode, ctx);
        const scope = ctx.scope(node);
        if (method === 'AddHostedTemporalWorker') {
          const { args, named } = argumentsOf(argsNode, ctx);
          const { steps, end } = chainFrom(node, ctx);
          const fact: WorkerChainFact = { kind: 'worker', steps, range: ctx.range(node), scope };
          const queue = named.taskQueue ?? (args.length >= 3 ? args[2] : args[0]);
          if (queue) fact.queue = queue;
          const to = assignedTo(end, ctx);
          if (to) fact.assignedTo = to;
          out.push(fact);
          return;
        }
        const rootObject = object.split('.')[0];
        if (!method.startsWith('Add') && !STATIC_TARGETS.has(rootObject)) return;
        // Chained Add* calls are read with their chain.
        if (method.startsWith('Add') && !/^[A-Za-z_]\w*$/.test(object)) return;
        out.push({
          kind: 'call',
          object,
          method,
          typeArgs,
          ...argumentsOf(argsNode, ctx),
          range: ctx.range(node),
          calleeRange: ctx.range(callee),
          argsText: ctx.text(argsNode),
          scope,
        });
        return;
      }
      case 'member_access': {
        const object = capture(match, 'object');
        const member = capture(match, 'member');
        if (!object || !member || !PROPERTY_TARGETS.has(ctx.text(object))) return;
        // Invoked members are handled as calls.
        if (
          node.parent?.type === 'invocation_expression' &&
          node.parent.childForFieldName('function')?.id === node.id
        )
          return;
        out.push({
          kind: 'memberAccess',
          object: ctx.text(object),
          member: ctx.text(member),
          range: ctx.range(node),
          scope: ctx.scope(node),
        });
        return;
      }
    }
  },

  resolve(facts: readonly CsFact[], ctx: ResolveContext): RecordsBody {
    return resolveCsharp(facts, ctx);
  },
};

// ---- resolution -------------------------------------------------------------------------

const HANDLER_ATTRIBUTES: Record<string, HandlerKind> = {
  WorkflowSignal: 'signal',
  WorkflowQuery: 'query',
  WorkflowUpdate: 'update',
};

const trimAsync = (name: string) =>
  name.length > 5 && name.endsWith('Async') ? name.slice(0, -5) : name;
const returnsTask = (returns: string) => /^(System\.Threading\.Tasks\.)?Task(<.*>)?$/.test(returns);

function resolveCsharp(facts: readonly CsFact[], _ctx: ResolveContext): RecordsBody {
  const body = emptyBody();
  const types: TypeFact[] = [];
  const members: MemberFact[] = [];
  const calls: CallFact[] = [];
  const chains: WorkerChainFact[] = [];
  const variables: { name: string; value: ValueFact; scope: string[] }[] = [];
  const others: CsFact[] = [];
  for (const f of facts) {
    if (f.kind === 'type') types.push(f);
    else if (f.kind === 'member') members.push(f);
    else if (f.kind === 'call') calls.push(f);
    else if (f.kind === 'worker') chains.push(f);
    else if (f.kind === 'variable') {
      variables.push(f);
      if (f.constant && f.value.str !== undefined && !f.scope.some((s) => s.endsWith('()')))
        body.constants[f.name] = f.value.str;
    } else others.push(f);
  }
  const attr = (list: Attribute[], name: string) => list.find((a) => a.name === name);
  const explicitName = (a: Attribute): string | undefined => {
    const v = a.named.Name ?? a.positional[0];
    if (!v) return undefined;
    if (v.str !== undefined) return v.str;
    if (v.ref !== undefined) return body.constants[v.ref];
    return undefined;
  };
  const isDynamic = (a: Attribute) => a.named.Dynamic?.text === 'true';
  const pathOf = (t: TypeFact) => [...t.scope, t.name];
  const membersOf = (t: TypeFact) => {
    const p = pathOf(t);
    return members.filter((m) => m.scope.length === p.length && scopeWithin(m.scope, p));
  };

  // Workflows.
  const workflows: { record: WorkflowDefinition; path: string[] }[] = [];
  for (const t of types) {
    const a = attr(t.attributes, 'Workflow');
    if (!a) continue;
    const explicit = explicitName(a);
    let symbolName = t.name;
    if (t.declaration === 'interface' && /^I[A-Z]/.test(symbolName))
      symbolName = symbolName.slice(1);
    const run = membersOf(t).find((m) => attr(m.attributes, 'WorkflowRun'));
    const record: WorkflowDefinition = {
      name: explicit ?? symbolName,
      nameSource: explicit !== undefined ? 'explicit' : 'symbol',
      symbol: t.name,
      range: t.range,
      nameRange: t.nameRange,
      parameters: run?.params ?? [],
      runtime: 'temporal',
    };
    if (isDynamic(a)) record.dynamic = true;
    body.workflows.push(record);
    workflows.push({ record, path: pathOf(t) });
  }

  // Handlers.
  for (const t of types) {
    const owner = workflows.find((w) => w.path.join('.') === pathOf(t).join('.'));
    for (const m of membersOf(t)) {
      for (const [attribute, kind] of Object.entries(HANDLER_ATTRIBUTES)) {
        const a = attr(m.attributes, attribute);
        if (!a) continue;
        const explicit = explicitName(a);
        const h = {
          kind,
          name: explicit ?? (kind === 'query' ? m.name : trimAsync(m.name)),
          nameSource: explicit !== undefined ? ('explicit' as const) : ('symbol' as const),
          symbol: m.name,
          range: m.range,
          nameRange: m.nameRange,
          parameters: m.params,
          runtime: 'temporal' as const,
          ...(owner ? { workflow: owner.record.name } : {}),
          workflowSymbol: t.name,
          ...(isDynamic(a) ? { dynamic: true } : {}),
        };
        body.handlers.push(h);
      }
    }
  }

  // Activities.
  for (const m of members) {
    const a = attr(m.attributes, 'Activity');
    if (!a) continue;
    const explicit = explicitName(a);
    body.activities.push({
      name: explicit ?? (returnsTask(m.returns) ? trimAsync(m.name) : m.name),
      nameSource: explicit !== undefined ? 'explicit' : 'symbol',
      symbol: m.name,
      range: m.range,
      nameRange: m.nameRange,
      parameters: m.params,
      runtime: 'temporal',
    });
  }

  for (const t of types) {
    if (t.declaration === 'interface' || t.bases.length === 0) continue;
    body.implementations.push({
      symbol: t.name,
      interfaces: t.bases,
      range: t.range,
      nameRange: t.nameRange,
    });
  }

  // Workers: the options chain plus Add* calls on the variable holding it.
  for (const chain of chains) {
    const steps = [...chain.steps];
    if (chain.assignedTo) {
      for (const c of calls) {
        if (
          c.object === chain.assignedTo &&
          c.method.startsWith('Add') &&
          c.scope.join('.') === chain.scope.join('.')
        ) {
          steps.push({
            range: c.range,
            method: c.method,
            typeArgs: c.typeArgs,
            args: c.args,
            named: c.named,
          });
        }
      }
    }
    const workflowRefs: RegisteredRef[] = [];
    const activityRefs: RegisteredRef[] = [];
    let complete = true;
    for (const s of steps) {
      const target =
        s.typeArgs[0] ??
        s.args[0]?.construct ??
        (s.args[0]?.ref !== undefined ? s.args[0].ref : undefined);
      const range = s.range;
      if (s.method === 'AddWorkflow') {
        if (target !== undefined) workflowRefs.push({ symbol: target, range });
        else complete = false;
      } else if (/^Add(All|Scoped|Singleton|Transient|Static)?Activit(y|ies)$/.test(s.method)) {
        if (target !== undefined) activityRefs.push({ symbol: target, range });
      }
    }
    const lookup = withConstants(scopedLookup(variables, chain.scope), body.constants, chain.range);
    const queue = taskQueueOf(chain.queue, lookup);
    body.workers.push(
      workerRecord({
        range: chain.range,
        runtime: 'temporal',
        taskQueue: queue.taskQueue,
        taskQueueRef: queue.taskQueueRef,
        workflows: workflowRefs,
        activities: activityRefs,
        complete: complete && queue.known,
      }),
    );
  }

  // Determinism inside [Workflow] classes.
  const ownerOf = (scope: readonly string[]) =>
    workflows.find((w) => scope.length > w.path.length && scopeWithin(scope, w.path))?.record.name;
  const isInWorkflow = (scope: readonly string[]) =>
    workflows.some((w) => scope.length > w.path.length && scopeWithin(scope, w.path));
  for (const call of calls) {
    if (!isInWorkflow(call.scope)) continue;
    const d = checkCall(call);
    if (d)
      body.diagnostics.push(
        diagnostic(call.calleeRange, d.code, d.message, {
          workflow: ownerOf(call.scope),
          fix: d.fix,
        }),
      );
  }
  for (const f of others) {
    if (f.kind === 'memberAccess' && isInWorkflow(f.scope)) {
      const target = `${f.object}.${f.member}`;
      if (
        [
          'DateTime.Now',
          'DateTime.UtcNow',
          'DateTime.Today',
          'DateTimeOffset.Now',
          'DateTimeOffset.UtcNow',
        ].includes(target)
      ) {
        const replacement =
          f.object === 'DateTimeOffset' ? 'new DateTimeOffset(Workflow.UtcNow)' : 'Workflow.UtcNow';
        body.diagnostics.push(
          diagnostic(
            f.range,
            DiagnosticCodes.time,
            'Workflow code must not read the system clock; use Workflow.UtcNow.',
            {
              workflow: ownerOf(f.scope),
              fix: replaceFix(
                'Use Workflow.UtcNow',
                f.range,
                f.member === 'Today' ? 'Workflow.UtcNow.Date' : replacement,
              ),
            },
          ),
        );
      } else if (target === 'Environment.TickCount' || target === 'Environment.TickCount64') {
        body.diagnostics.push(
          diagnostic(
            f.range,
            DiagnosticCodes.time,
            'Workflow code must not read the system clock; use Workflow.UtcNow.',
            {
              workflow: ownerOf(f.scope),
              fix: adviceFix('Use Workflow.UtcNow'),
            },
          ),
        );
      }
    } else if (f.kind === 'new' && isInWorkflow(f.scope)) {
      if (f.type === 'Random' && f.argCount === 0) {
        body.diagnostics.push(
          diagnostic(
            f.range,
            DiagnosticCodes.random,
            'new Random() is seeded differently on replay; use Workflow.Random.',
            {
              workflow: ownerOf(f.scope),
              fix: replaceFix('Use Workflow.Random', f.range, 'Workflow.Random'),
            },
          ),
        );
      } else if (f.type === 'Thread') {
        body.diagnostics.push(
          diagnostic(
            f.range,
            DiagnosticCodes.thread,
            'Threads are not allowed in workflow code; use Workflow.RunTaskAsync.',
            {
              workflow: ownerOf(f.scope),
              fix: adviceFix('Use Workflow.RunTaskAsync'),
            },
          ),
        );
      } else if (f.type === 'HttpClient') {
        body.diagnostics.push(
          diagnostic(
            f.range,
            DiagnosticCodes.io,
            'I/O is not allowed in workflow code; move it to an activity.',
            {
              workflow: ownerOf(f.scope),
              fix: adviceFix('Move this I/O to an activity'),
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
  body.implementations.sort(byPosition);
  body.diagnostics.sort(byPosition);
  return body;
}

function checkCall(call: CallFact): { code: string; message: string; fix: QuickFix } | undefined {
  const target = `${call.object}.${call.method}`;
  const swap = (title: string, callee: string) =>
    replaceFix(title, call.range, `${callee}${call.argsText}`);
  switch (target) {
    case 'Task.Run':
      return {
        code: DiagnosticCodes.thread,
        message:
          'Task.Run schedules on the thread pool; use Workflow.RunTaskAsync in workflow code.',
        fix: swap('Use Workflow.RunTaskAsync', 'Workflow.RunTaskAsync'),
      };
    case 'Task.Factory.StartNew':
    case 'Parallel.For':
    case 'Parallel.ForEach':
    case 'ThreadPool.QueueUserWorkItem':
      return {
        code: DiagnosticCodes.thread,
        message: 'Thread-pool work is not allowed in workflow code; use Workflow.RunTaskAsync.',
        fix: adviceFix('Use Workflow.RunTaskAsync'),
      };
    case 'Task.Delay':
      return {
        code: DiagnosticCodes.sleep,
        message: 'Task.Delay uses a system timer; use Workflow.DelayAsync (a durable timer).',
        fix: swap('Use Workflow.DelayAsync', 'Workflow.DelayAsync'),
      };
    case 'Thread.Sleep':
      return {
        code: DiagnosticCodes.sleep,
        message: 'Thread.Sleep blocks the workflow; use await Workflow.DelayAsync.',
        fix: swap('Use await Workflow.DelayAsync', 'await Workflow.DelayAsync'),
      };
    case 'Task.WhenAny':
    case 'Task.WhenAll':
      return {
        code: DiagnosticCodes.thread,
        message: `${target} is not deterministic in workflow code; use Workflow.${call.method}Async.`,
        fix: swap(`Use Workflow.${call.method}Async`, `Workflow.${call.method}Async`),
      };
    case 'Guid.NewGuid':
      return {
        code: DiagnosticCodes.uuid,
        message: 'Generated GUIDs differ on replay; use Workflow.NewGuid().',
        fix: replaceFix('Use Workflow.NewGuid()', call.range, 'Workflow.NewGuid()'),
      };
    case 'Stopwatch.StartNew':
      return {
        code: DiagnosticCodes.time,
        message: 'Workflow code must not read the system clock; use Workflow.UtcNow.',
        fix: adviceFix('Use Workflow.UtcNow'),
      };
  }
  if (call.object === 'File' || call.object === 'Directory') {
    return {
      code: DiagnosticCodes.io,
      message: 'I/O is not allowed in workflow code; move it to an activity.',
      fix: adviceFix('Move this I/O to an activity'),
    };
  }
  return undefined;
}
