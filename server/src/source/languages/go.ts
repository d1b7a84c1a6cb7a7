// Go (go.temporal.io/sdk): naming rules of the Go SDK.
//  - workflow: a function whose first parameter is workflow.Context; type name = function (or
//    method) name, or RegisterWorkflowWithOptions(fn, workflow.RegisterOptions{Name: ...})
//  - handlers: workflow.SetQueryHandler / GetSignalChannel / SetUpdateHandler(ctx, "name", ...)
//  - activities: functions/methods taking context.Context first, registered with RegisterActivity
//    (or exported from a file using the SDK); name = function/method name or RegisterOptions.Name
//  - workers: w := worker.New(client, "queue", opts); w.RegisterWorkflow(fn)...
import { checkDeterminism } from '../diagnostics';
import { DETERMINISM } from '../determinism/go';
import { toParameters, type FunctionFact, type ValueFact } from '../facts';
import type { LanguageRules } from '../languageRules';
import {
  callHandler,
  definitionOf,
  emptyBody,
  entry,
  FileFacts,
  sortBody,
  variableWorkers,
} from '../resolve';
import type { HandlerKind, RegisteredRef, WorkflowDefinition } from '../types';

const SDK = 'go.temporal.io/sdk';
const WF = `${SDK}/workflow`;
const HANDLERS: Record<string, HandlerKind> = {
  SetQueryHandler: 'query',
  SetQueryHandlerWithOptions: 'query',
  GetSignalChannel: 'signal',
  GetSignalChannelWithOptions: 'signal',
  SetUpdateHandler: 'update',
  SetUpdateHandlerWithOptions: 'update',
};
const REGISTER: Record<string, 'workflow' | 'activity'> = {
  RegisterWorkflow: 'workflow',
  RegisterDynamicWorkflow: 'workflow',
  RegisterWorkflowWithOptions: 'workflow',
  RegisterActivity: 'activity',
  RegisterActivityWithOptions: 'activity',
};

const isMap = (v: ValueFact, type?: string) =>
  !!type?.startsWith('map[') ||
  v.text.startsWith('map[') ||
  (v.call?.callee === 'make' && !!v.call.args[0]?.text.startsWith('map['));

export const goRules: LanguageRules = {
  language: 'go',
  syntax: {
    strings: {
      interpreted_string_literal: {
        content: ['interpreted_string_literal_content'],
        escape: { type: 'escape_sequence', style: 'c' },
      },
      raw_string_literal: { content: ['raw_string_literal_content'] },
    },
    values: {
      ref: ['selector_expression'],
      unwrap: ['unary_expression:operand', 'parenthesized_expression'],
      construct: ['composite_literal:type'],
      call: ['call_expression'],
    },
    // Composite literals: `Options{Name: "x"}` entries and `[]T{a, b}` items.
    readValue(node, v, read) {
      if (node.type !== 'composite_literal') return;
      v.entries = {};
      v.items = [];
      for (const el of node.childForFieldName('body')?.namedChildren ?? []) {
        if (el.type === 'keyed_element') {
          const key = el.childForFieldName('key');
          const value = el.childForFieldName('value');
          const k = key?.namedChildren[0] ?? key;
          const val = value?.namedChildren[0] ?? value;
          if (k && val) v.entries[read.text(k)] = read.read(val);
        } else if (el.type === 'literal_element' && el.namedChildren[0]) {
          v.items.push(read.read(el.namedChildren[0]));
        }
      }
    },
    compactTypes: true,
    keepValue: (v, type) => v.str !== undefined || v.ref !== undefined || isMap(v, type),
  },
  // Versioned paths (".../v2") are named after the segment before the version.
  importLocal(path) {
    const segments = path.split('/');
    let name = segments[segments.length - 1];
    if (/^v\d+$/.test(name) && segments.length > 1) name = segments[segments.length - 2];
    return name.replace(/^go-/, '');
  },

  resolve(facts) {
    const file = new FileFacts(facts, (v) => v.scope.length === 0);
    const body = emptyBody();
    body.constants = { ...file.constants };
    const canonical = (name: string) => file.canonical(name);
    const isContext = (type: string | undefined, context: string) =>
      type !== undefined && canonical(type) === context;
    const nameOf = (v: ValueFact | undefined, scope: readonly string[]) =>
      file.nameArgument(v, file.lookup(scope));

    // Registrations: w.RegisterWorkflow(fn) / RegisterWorkflowWithOptions(fn, {Name: ...}).
    const registered = new Map<string, { name: string; ref?: string } | undefined>();
    body.workers = variableWorkers(file.calls, {
      scopeKey: (scope) => scope[0] ?? '',
      creates: (c) =>
        canonical(c.callee) === `${SDK}/worker.New` ? { queue: c.args[1] } : undefined,
      lookup: (c) => file.lookup(c.scope),
      registers(call) {
        const what = entry(REGISTER, call.method);
        const target = call.args[0];
        if (!what || !target) return what && { complete: true };
        const symbol = target.ref ?? target.construct;
        const options = call.args[1]?.entries;
        const explicit = options ? nameOf(options.Name, call.scope) : undefined;
        const r: RegisteredRef = { range: target.range };
        if (explicit?.ref !== undefined) r.nameRef = explicit.ref;
        else if (explicit) r.name = explicit.name;
        if (call.method === 'RegisterDynamicWorkflow') r.dynamic = true;
        if (symbol !== undefined) {
          r.symbol = symbol;
          const key = `${what}:${symbol}`;
          if (!registered.get(key)) registered.set(key, explicit);
        }
        return {
          [what === 'workflow' ? 'workflows' : 'activities']: [r],
          complete: symbol !== undefined,
        };
      },
    });
    const dynamicRefs = new Set(
      body.workers.flatMap((w) => w.workflows.filter((r) => r.dynamic).map((r) => r.symbol)),
    );
    /** A function registered under a name given as a literal, or by its own name. */
    const definition = (fn: FunctionFact, what: string) => {
      const explicit = registered.get(`${what}:${fn.name}`);
      const name = explicit?.ref === undefined ? explicit?.name : undefined;
      const parameters = toParameters(fn.params.slice(1));
      return definitionOf(fn, name, { parameters, source: 'registration' });
    };

    // Workflow code: functions taking workflow.Context first.
    const workflowCode = new Map<string, FunctionFact>();
    for (const fn of file.functions)
      if (isContext(fn.params[0]?.type, `${WF}.Context`)) workflowCode.set(fn.name, fn);
    const workflows = new Map<string, WorkflowDefinition>();
    // The SDK registers functions returning an error; methods, helpers called directly from
    // workflow code and unexported functions are workflows only when registered here.
    const calledDirectly = new Set(
      file.calls.filter((c) => c.scope.length > 0).map((c) => c.callee),
    );
    for (const fn of workflowCode.values()) {
      const key = `workflow:${fn.name}`;
      const candidate =
        /^[A-Z]/.test(fn.name) &&
        fn.receiver === undefined &&
        /\berror\)?$/.test(fn.returns ?? '') &&
        !calledDirectly.has(fn.name);
      if (!candidate && !registered.has(key)) continue;
      const record = definition(fn, 'workflow');
      if (dynamicRefs.has(fn.name)) record.dynamic = true;
      body.workflows.push(record);
      workflows.set(fn.name, record);
    }
    // Activities: context.Context first, registered here or exported from an SDK-using file.
    const usesSdk = file.imports.some((i) => i.path === SDK || i.path.startsWith(`${SDK}/`));
    for (const fn of file.functions) {
      if (workflowCode.has(fn.name) || !isContext(fn.params[0]?.type, 'context.Context')) continue;
      const receiver = fn.receiver?.replace(/^\*/, '');
      const isRegistered =
        registered.has(`activity:${fn.name}`) || registered.has(`activity:${receiver}`);
      if (isRegistered || (usesSdk && /^[A-Z]/.test(fn.name)))
        body.activities.push(definition(fn, 'activity'));
    }

    const wf = file.localFor(WF) ?? 'workflow';
    for (const call of file.calls) {
      const callee = canonical(call.callee);
      const kind = callee.startsWith(`${WF}.`)
        ? entry(HANDLERS, callee.slice(WF.length + 1))
        : undefined;
      const owner = call.scope[0] !== undefined ? workflowCode.get(call.scope[0]) : undefined;
      const [, nameArg, handlerFn] = call.args;
      const name = kind && nameOf(nameArg, call.scope);
      if (kind && name) {
        // Update handlers may take workflow.Context first; callers do not pass it.
        const parameters = toParameters(call.handlerParams ?? []).filter(
          (p, i) => !(i === 0 && isContext(p.type, `${WF}.Context`)),
        );
        const extra = {
          parameters,
          nameRef: name.ref,
          symbol: handlerFn?.ref,
          workflowSymbol: owner?.name,
        };
        const workflow = owner && workflows.get(owner.name)?.name;
        body.handlers.push(
          callHandler(kind, name.name, call.range, nameArg.range, { ...extra, workflow }),
        );
      } else if (
        !kind &&
        owner &&
        (callee !== 'range' || rangesOverMap(file, call.args[0], call.scope, owner))
      ) {
        // Determinism inside workflow code.
        const context = owner.params[0]?.name || 'ctx';
        const workflow = workflows.get(owner.name)?.name;
        const d = checkDeterminism(DETERMINISM, call, callee, { workflow, module: wf, context });
        if (d) body.diagnostics.push(d);
      }
    }
    return sortBody(body);
  },
};

/** A map literal, or a variable or parameter of map type in the same function. */
function rangesOverMap(
  file: FileFacts,
  subject: ValueFact | undefined,
  scope: readonly string[],
  fn: FunctionFact,
): boolean {
  if (!subject) return false;
  if (isMap(subject)) return true;
  const name = subject.ref;
  if (name === undefined || subject.text !== name) return false;
  return (
    file.values.some((v) => v.name === name && isMap(v.value, v.type) && v.scope[0] === scope[0]) ||
    fn.params.some((p) => p.name === name && !!p.type?.startsWith('map['))
  );
}
