// Java (io.temporal): naming rules of the Java SDK.
//  - workflow: @WorkflowInterface interface; type name = @WorkflowMethod(name = ...), else the
//    interface's simple name
//  - handlers: @SignalMethod / @QueryMethod / @UpdateMethod(name = ...), else the method name
//  - activities: @ActivityInterface(namePrefix = ...) methods; name = @ActivityMethod(name = ...),
//    else namePrefix + method name with its first letter upper-cased
//  - workers: Worker w = factory.newWorker("queue"); w.registerWorkflowImplementationTypes(X.class)
//  - workflow code: classes implementing a workflow interface (or calling Workflow.*)
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

interface Annotation {
  name: string;
  args: Record<string, ValueFact>;
}

interface TypeFact {
  kind: 'type';
  declaration: 'class' | 'interface' | 'record';
  name: string;
  nameRange: Range;
  range: Range;
  annotations: Annotation[];
  /** Implemented (class) or extended (interface) interfaces. */
  interfaces: string[];
  scope: string[];
}

interface MethodFact {
  kind: 'method';
  name: string;
  nameRange: Range;
  range: Range;
  params: Parameter[];
  annotations: Annotation[];
  scope: string[];
}

interface CallFact {
  kind: 'call';
  object: string;
  name: string;
  range: Range;
  /** From the object (or name) to the end of the call: what a quick fix replaces. */
  calleeRange: Range;
  args: ValueFact[];
  argsText: string;
  assignedTo?: string;
  scope: string[];
}

type JavaFact =
  | { kind: 'import'; path: string }
  | TypeFact
  | MethodFact
  | CallFact
  | { kind: 'variable'; name: string; value: ValueFact; scope: string[]; final: boolean }
  | { kind: 'new'; type: string; range: Range; argCount: number; scope: string[] };

const KINDS = new Set(['import', 'type', 'method', 'variable', 'call', 'new']);

// ---- extraction -------------------------------------------------------------------------

function stringValue(node: Node, ctx: ExtractContext): string | undefined {
  if (node.type !== 'string_literal') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'string_fragment' || c.type === 'multiline_string_fragment') out += ctx.text(c);
    else if (c.type === 'escape_sequence') out += unescapeC(ctx.text(c));
    else if (c.type === 'string_interpolation') return undefined;
  }
  return out;
}

function valueOf(node: Node, ctx: ExtractContext, depth = 0): ValueFact {
  const v: ValueFact = { text: compact(ctx.text(node)), range: ctx.range(node) };
  if (depth > 5) return v;
  switch (node.type) {
    case 'string_literal': {
      const s = stringValue(node, ctx);
      if (s !== undefined) v.str = s;
      break;
    }
    case 'identifier':
    case 'field_access':
      if (isQualifiedName(v.text)) v.ref = lastName(v.text);
      break;
    case 'class_literal': {
      const t = node.namedChildren[0];
      if (t) v.construct = lastName(compact(ctx.text(t)));
      break;
    }
    case 'object_creation_expression': {
      const t = node.childForFieldName('type');
      if (t) v.construct = lastName(compact(ctx.text(t)).replace(/<.*$/, ''));
      break;
    }
    case 'element_value_array_initializer':
    case 'array_initializer':
      v.items = node.namedChildren.map((c) => valueOf(c, ctx, depth + 1));
      break;
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      if (inner) return { ...valueOf(inner, ctx, depth + 1), text: v.text, range: v.range };
      break;
    }
  }
  return v;
}

function annotationsOf(decl: Node, ctx: ExtractContext): Annotation[] {
  const modifiers = decl.namedChildren.find((c) => c.type === 'modifiers');
  const out: Annotation[] = [];
  for (const a of modifiers?.namedChildren ?? []) {
    if (a.type !== 'annotation' && a.type !== 'marker_annotation') continue;
    const name = a.childForFieldName('name');
    if (!name) continue;
    const args: Record<string, ValueFact> = {};
    const list = a.childForFieldName('arguments');
    for (const arg of list?.namedChildren ?? []) {
      if (arg.type === 'element_value_pair') {
        const key = arg.childForFieldName('key');
        const value = arg.childForFieldName('value');
        if (key && value) args[ctx.text(key)] = valueOf(value, ctx);
      } else if (arg.type !== 'comment') {
        args.value = valueOf(arg, ctx);
      }
    }
    out.push({ name: lastName(compact(ctx.text(name))), args });
  }
  return out;
}

function typeNames(list: Node | undefined | null, ctx: ExtractContext): string[] {
  const types = list?.namedChildren.find((c) => c.type === 'type_list') ?? list;
  return (types?.namedChildren ?? []).map((t) =>
    lastName(compact(ctx.text(t)).replace(/<.*$/, '')),
  );
}

function parametersOf(params: Node, ctx: ExtractContext): Parameter[] {
  const out: Parameter[] = [];
  for (const p of params.namedChildren) {
    if (p.type !== 'formal_parameter' && p.type !== 'spread_parameter') continue;
    if (p.type === 'spread_parameter') {
      const declarator = p.namedChildren.find((c) => c.type === 'variable_declarator');
      const type = p.namedChildren.find(
        (c) => c.type !== 'modifiers' && c.type !== 'variable_declarator',
      );
      const n = declarator?.childForFieldName('name');
      if (n) out.push({ name: ctx.text(n), type: `${type ? ctx.text(type) : ''}...` });
      continue;
    }
    const name = p.childForFieldName('name');
    const type = p.childForFieldName('type');
    if (name)
      out.push(type ? { name: ctx.text(name), type: ctx.text(type) } : { name: ctx.text(name) });
  }
  return out;
}

export const javaRules: LanguageRules<JavaFact> = {
  language: 'java',
  query: QUERY_SOURCES.java,

  scopeName(node, ctx) {
    switch (node.type) {
      case 'class_declaration':
      case 'interface_declaration':
      case 'record_declaration':
      case 'enum_declaration': {
        const n = node.childForFieldName('name');
        return n ? ctx.text(n) : undefined;
      }
      case 'method_declaration':
      case 'constructor_declaration': {
        const n = node.childForFieldName('name');
        return n ? `${ctx.text(n)}()` : undefined;
      }
    }
    return undefined;
  },

  extract(match: QueryMatch, ctx: ExtractContext, out: JavaFact[]): void {
    const kind = match.captures.find((c) => KINDS.has(c.name));
    if (!kind) return;
    const node = kind.node;
    switch (kind.name) {
      case 'import': {
        const path = node.namedChildren.find(
          (c) => c.type === 'scoped_identifier' || c.type === 'identifier',
        );
        if (path) out.push({ kind: 'import', path: compact(ctx.text(path)) });
        return;
      }
      case 'type': {
        const name = capture(match, 'name');
        if (!name) return;
        const interfaces =
          node.type === 'interface_declaration'
            ? typeNames(
                node.namedChildren.find((c) => c.type === 'extends_interfaces'),
                ctx,
              )
            : typeNames(node.childForFieldName('interfaces'), ctx);
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
          annotations: annotationsOf(node, ctx),
          interfaces,
          scope: ctx.scope(node),
        });
        return;
      }
      case 'method': {
        const name = capture(match, 'name');
        const params = capture(match, 'params');
        if (!name || !params) return;
        out.push({
          kind: 'method',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: ctx.range(node),
          params: parametersOf(params, ctx),
          annotations: annotationsOf(node, ctx),
          scope: ctx.scope(node),
        });
        return;
      }
      case 'variable': {
        const name = capture(match, 'name');
        const value = capture(match, 'value');
        if (!name || !value) return;
        const v = valueOf(value, ctx);
        if (v.str === undefined && v.ref === undefined) return;
        const modifiers = node.namedChildren.find((c) => c.type === 'modifiers');
        const final = !!modifiers && /\bfinal\b/.test(ctx.text(modifiers));
        out.push({
          kind: 'variable',
          name: ctx.text(name),
          value: v,
          scope: ctx.scope(node),
          final,
        });
        return;
      }
      case 'call': {
        const name = capture(match, 'name');
        const args = capture(match, 'args');
        if (!name || !args) return;
        const object = node.childForFieldName('object');
        const fact: CallFact = {
          kind: 'call',
          object: object ? compact(ctx.text(object)) : '',
          name: ctx.text(name),
          range: ctx.range(node),
          calleeRange: ctx.span(object ?? name, name),
          args: args.namedChildren.filter((a) => a.type !== 'comment').map((a) => valueOf(a, ctx)),
          argsText: ctx.text(args),
          scope: ctx.scope(node),
        };
        if (node.parent?.type === 'variable_declarator') {
          const n = node.parent.childForFieldName('name');
          if (n) fact.assignedTo = ctx.text(n);
        } else if (node.parent?.type === 'assignment_expression') {
          const left = node.parent.childForFieldName('left');
          if (left?.type === 'identifier') fact.assignedTo = ctx.text(left);
        }
        out.push(fact);
        return;
      }
      case 'new': {
        const type = capture(match, 'type');
        const args = capture(match, 'args');
        if (!type || !args) return;
        out.push({
          kind: 'new',
          type: lastName(compact(ctx.text(type)).replace(/<.*$/, '')),
          range: ctx.range(node),
          argCount: args.namedChildren.filter((a) => a.type !== 'comment').length,
          scope: ctx.scope(node),
        });
        return;
      }
    }
  },

  resolve(facts: readonly JavaFact[], ctx: ResolveContext): RecordsBody {
    return resolveJava(facts, ctx);
  },
};

// ---- resolution -------------------------------------------------------------------------

const HANDLER_ANNOTATIONS: Record<string, HandlerKind> = {
  SignalMethod: 'signal',
  QueryMethod: 'query',
  UpdateMethod: 'update',
};

function resolveJava(facts: readonly JavaFact[], _ctx: ResolveContext): RecordsBody {
  const body = emptyBody();
  const types: TypeFact[] = [];
  const methods: MethodFact[] = [];
  const calls: CallFact[] = [];
  const variables: { name: string; value: ValueFact; scope: string[]; final: boolean }[] = [];
  const creations: Extract<JavaFact, { kind: 'new' }>[] = [];
  for (const f of facts) {
    if (f.kind === 'type') types.push(f);
    else if (f.kind === 'method') methods.push(f);
    else if (f.kind === 'call') calls.push(f);
    else if (f.kind === 'variable') variables.push(f);
    else if (f.kind === 'new') creations.push(f);
  }
  const has = (annotations: Annotation[], name: string) => annotations.find((a) => a.name === name);
  const pathOf = (t: TypeFact) => [...t.scope, t.name];
  const methodsOf = (t: TypeFact) => {
    const p = pathOf(t);
    return methods.filter((m) => m.scope.length === p.length && scopeWithin(m.scope, p));
  };
  // Constants: final fields with string values (their scope is the class chain).
  for (const v of variables) {
    if (v.final && v.value.str !== undefined && !v.scope.some((s) => s.endsWith('()')))
      body.constants[v.name] = v.value.str;
  }
  const explicit = (a: Annotation | undefined, key = 'name'): string | undefined => {
    const v = a?.args[key];
    if (!v) return undefined;
    if (v.str !== undefined && v.str !== '') return v.str;
    if (v.ref !== undefined) return body.constants[v.ref];
    return undefined;
  };

  // Workflow interfaces (and interfaces they extend, for inherited handlers).
  const workflowByInterface = new Map<string, WorkflowDefinition>();
  for (const t of types) {
    if (t.declaration !== 'interface' || !has(t.annotations, 'WorkflowInterface')) continue;
    const run = methodsOf(t).find((m) => has(m.annotations, 'WorkflowMethod'));
    const name = explicit(run ? has(run.annotations, 'WorkflowMethod') : undefined);
    const record: WorkflowDefinition = {
      name: name ?? t.name,
      nameSource: name !== undefined ? 'explicit' : 'symbol',
      symbol: t.name,
      range: t.range,
      nameRange: t.nameRange,
      parameters: run?.params ?? [],
      runtime: 'temporal',
    };
    body.workflows.push(record);
    workflowByInterface.set(t.name, record);
  }
  const extendsInterface = (t: TypeFact, base: string, seen = new Set<TypeFact>()): boolean => {
    if (seen.has(t)) return false;
    seen.add(t);
    if (t.interfaces.includes(base)) return true;
    return t.interfaces.some((i) => {
      const next = types.find((x) => x.name === i);
      return next ? extendsInterface(next, base, seen) : false;
    });
  };

  // Handlers: annotated methods; owner = the workflow interface (or one extending it).
  for (const t of types) {
    const owners = workflowByInterface.has(t.name)
      ? [workflowByInterface.get(t.name)!]
      : [...workflowByInterface.values()].filter((w) => {
          const wt = types.find((x) => x.name === w.symbol);
          return wt ? extendsInterface(wt, t.name) : false;
        });
    for (const m of methodsOf(t)) {
      for (const [annotation, kind] of Object.entries(HANDLER_ANNOTATIONS)) {
        const a = has(m.annotations, annotation);
        if (!a) continue;
        const name = explicit(a);
        const base = {
          kind,
          name: name ?? m.name,
          nameSource: name !== undefined ? ('explicit' as const) : ('symbol' as const),
          symbol: m.name,
          range: m.range,
          nameRange: m.nameRange,
          parameters: m.params,
          runtime: 'temporal' as const,
        };
        if (owners.length === 0) body.handlers.push({ ...base, workflowSymbol: t.name });
        for (const o of owners)
          body.handlers.push({ ...base, workflow: o.name, workflowSymbol: o.symbol });
      }
    }
  }

  // Activity interfaces.
  for (const t of types) {
    const ai = has(t.annotations, 'ActivityInterface');
    if (t.declaration !== 'interface' || !ai) continue;
    const prefix = explicit(ai, 'namePrefix') ?? '';
    for (const m of methodsOf(t)) {
      const name = explicit(has(m.annotations, 'ActivityMethod'));
      body.activities.push({
        name: name ?? prefix + m.name.charAt(0).toUpperCase() + m.name.slice(1),
        nameSource: name !== undefined ? 'explicit' : 'symbol',
        symbol: m.name,
        range: m.range,
        nameRange: m.nameRange,
        parameters: m.params,
        runtime: 'temporal',
      });
    }
  }

  // Implemented / extended interfaces, so the index can follow impl classes and inheritance.
  for (const t of types) {
    if (t.interfaces.length === 0) continue;
    body.implementations.push({
      symbol: t.name,
      interfaces: t.interfaces,
      range: t.range,
      nameRange: t.nameRange,
    });
  }

  // Workers: newWorker("queue") assigned to a variable, then register* calls on it.
  interface Group {
    method: string;
    receiver: string;
    workflows: RegisteredRef[];
    activities: RegisteredRef[];
    complete: boolean;
    range: Range;
  }
  const groups: Group[] = [];
  const methodOf = (scope: readonly string[]) => scope.join('.');
  for (const call of calls) {
    const isWorkflow =
      call.name === 'registerWorkflowImplementationTypes' ||
      call.name === 'registerWorkflowImplementationFactory';
    const isActivity =
      call.name === 'registerActivitiesImplementations' ||
      call.name === 'registerActivityImplementations';
    if (!isWorkflow && !isActivity) continue;
    const method = methodOf(call.scope);
    let g = groups.find((x) => x.method === method && x.receiver === call.object);
    if (!g) {
      g = {
        method,
        receiver: call.object,
        workflows: [],
        activities: [],
        complete: true,
        range: call.range,
      };
      groups.push(g);
    }
    const args =
      call.name === 'registerWorkflowImplementationFactory' ? call.args.slice(0, 1) : call.args;
    for (const a of args) {
      // Options objects (WorkflowImplementationOptions) come first in some overloads.
      if (isWorkflow && a.construct === undefined) {
        if (a.ref === undefined) g.complete = false;
        continue;
      }
      const r: RegisteredRef = { range: a.range };
      const symbol = a.construct ?? a.ref;
      if (symbol !== undefined) r.symbol = symbol;
      else g.complete = false;
      (isWorkflow ? g.workflows : g.activities).push(r);
    }
  }
  for (const call of calls) {
    if (call.name !== 'newWorker') continue;
    const method = methodOf(call.scope);
    const g = groups.find((x) => x.method === method && x.receiver === call.assignedTo);
    const queue = taskQueueOf(
      call.args[0],
      withConstants(scopedLookup(variables, call.scope), body.constants, call.range),
    );
    body.workers.push(
      workerRecord({
        range: call.range,
        runtime: 'temporal',
        taskQueue: queue.taskQueue,
        taskQueueRef: queue.taskQueueRef,
        workflows: g?.workflows ?? [],
        activities: g?.activities ?? [],
        complete: queue.known && (g?.complete ?? true),
      }),
    );
    if (g) groups.splice(groups.indexOf(g), 1);
  }
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

  // Workflow code: classes implementing a workflow interface of this file or using Workflow.*.
  const workflowClasses: { path: string[]; workflow?: string }[] = [];
  for (const t of types) {
    if (t.declaration === 'interface') continue;
    const path = pathOf(t);
    const implemented = t.interfaces
      .map((i) => workflowByInterface.get(i))
      .find((w) => w !== undefined);
    const usesWorkflowApi = calls.some(
      (c) => c.object === 'Workflow' && scopeWithin(c.scope, path),
    );
    if (implemented || (usesWorkflowApi && t.interfaces.length > 0)) {
      workflowClasses.push({ path, workflow: implemented?.name });
    }
  }
  const ownerOf = (scope: readonly string[]) => {
    let best: { path: string[]; workflow?: string } | undefined;
    for (const w of workflowClasses) {
      if (
        scope.length > w.path.length &&
        scopeWithin(scope, w.path) &&
        (!best || w.path.length > best.path.length)
      )
        best = w;
    }
    return best;
  };
  for (const call of calls) {
    const owner = ownerOf(call.scope);
    if (!owner) continue;
    const d = checkCall(call);
    if (d)
      body.diagnostics.push(
        diagnostic(call.calleeRange, d.code, d.message, { workflow: owner.workflow, fix: d.fix }),
      );
  }
  for (const n of creations) {
    const owner = ownerOf(n.scope);
    if (!owner) continue;
    if (n.type === 'Random' && n.argCount === 0) {
      body.diagnostics.push(
        diagnostic(
          n.range,
          DiagnosticCodes.random,
          'new Random() is seeded differently on replay; use Workflow.newRandom().',
          {
            workflow: owner.workflow,
            fix: replaceFix('Use Workflow.newRandom()', n.range, 'Workflow.newRandom()'),
          },
        ),
      );
    } else if (n.type === 'Thread') {
      body.diagnostics.push(
        diagnostic(
          n.range,
          DiagnosticCodes.thread,
          'Threads are not allowed in workflow code; use Async.function / Async.procedure.',
          {
            workflow: owner.workflow,
            fix: adviceFix('Use Async.procedure(...) or Workflow.newPromise()'),
          },
        ),
      );
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
  const target = `${call.object.replace(/^java\.(util|lang|time)\./, '')}.${call.name}`;
  const clock = 'Workflow code must not read the system clock; use Workflow.currentTimeMillis().';
  switch (target) {
    case 'Thread.sleep':
      return {
        code: DiagnosticCodes.sleep,
        message: 'Thread.sleep blocks the workflow thread and is not replayed; use Workflow.sleep.',
        fix: replaceFix('Use Workflow.sleep', call.range, `Workflow.sleep${call.argsText}`),
      };
    case 'System.currentTimeMillis':
      return {
        code: DiagnosticCodes.time,
        message: clock,
        fix: replaceFix(
          'Use Workflow.currentTimeMillis()',
          call.range,
          'Workflow.currentTimeMillis()',
        ),
      };
    case 'System.nanoTime':
      return {
        code: DiagnosticCodes.time,
        message: clock,
        fix: adviceFix('Use Workflow.currentTimeMillis()'),
      };
    case 'Instant.now':
      return {
        code: DiagnosticCodes.time,
        message: clock,
        fix: replaceFix(
          'Use Workflow.currentTimeMillis()',
          call.range,
          'Instant.ofEpochMilli(Workflow.currentTimeMillis())',
        ),
      };
    case 'LocalDateTime.now':
    case 'LocalDate.now':
    case 'ZonedDateTime.now':
    case 'OffsetDateTime.now':
      return {
        code: DiagnosticCodes.time,
        message: clock,
        fix: adviceFix('Derive the time from Workflow.currentTimeMillis()'),
      };
    case 'UUID.randomUUID':
      return {
        code: DiagnosticCodes.uuid,
        message: 'Generated UUIDs differ on replay; use Workflow.randomUUID().',
        fix: replaceFix('Use Workflow.randomUUID()', call.range, 'Workflow.randomUUID()'),
      };
    case 'Math.random':
      return {
        code: DiagnosticCodes.random,
        message: 'Random values differ on replay; use Workflow.newRandom().',
        fix: replaceFix(
          'Use Workflow.newRandom()',
          call.range,
          'Workflow.newRandom().nextDouble()',
        ),
      };
    case 'CompletableFuture.supplyAsync':
    case 'CompletableFuture.runAsync':
      return {
        code: DiagnosticCodes.thread,
        message:
          'Native threads are not allowed in workflow code; use Async.function / Async.procedure.',
        fix: adviceFix('Use Async.function(...)'),
      };
  }
  if (call.object === 'Executors') {
    return {
      code: DiagnosticCodes.thread,
      message:
        'Thread pools are not allowed in workflow code; use Async.function / Async.procedure.',
      fix: adviceFix('Use Async.function(...)'),
    };
  }
  return undefined;
}
