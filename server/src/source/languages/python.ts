// Python (temporalio): naming rules of the Python SDK.
//  - workflow: @workflow.defn class; type name = `name=` argument, else the class name
//  - handlers: @workflow.signal/query/update methods; name = `name=` argument, else method name
//    (update validators, `@x.validator`, are not handlers)
//  - activities: @activity.defn functions/methods; name = `name=` argument, else function name
//  - workers: Worker(client, task_queue=..., workflows=[...], activities=[...])
//  - duroxide's Python binding: runtime.register_orchestration("Name", fn), or as a decorator
import { checkDeterminism } from '../diagnostics';
import { DETERMINISM } from '../determinism/python';
import { toParameters, type AnnotationFact, type FunctionFact } from '../facts';
import type { TypeFact, ValueFact } from '../facts';
import type { LanguageRules } from '../languageRules';
import {
  annotatedHandlers,
  annotation,
  callHandler,
  definitionOf,
  emptyBody,
  entry,
  FileFacts,
  implementationsOf,
  ref,
  sortBody,
  taskQueueOf,
  withOwners,
  workerRecord,
} from '../resolve';
import {
  durableRegistrations,
  isDurableCall,
  type DurableBindingNames,
} from '../durableRegistrations';
import { compact, lastName } from '../syntax';
import type { HandlerKind, WorkflowDefinition } from '../types';

const WF = 'temporalio.workflow';
const HANDLERS: Record<string, HandlerKind> = {
  [`${WF}.signal`]: 'signal',
  [`${WF}.query`]: 'query',
  [`${WF}.update`]: 'update',
};
const HANDLER_SETTERS: Record<string, HandlerKind> = {
  [`${WF}.set_signal_handler`]: 'signal',
  [`${WF}.set_query_handler`]: 'query',
  [`${WF}.set_update_handler`]: 'update',
};
/** Names `from temporalio.workflow import *` brings in that the rules look for. */
const WILDCARD_NAMES = { [WF]: ['defn', 'run', 'signal', 'query', 'update'] };
const DUROXIDE: DurableBindingNames = {
  orchestration: /^register_orchestration(_versioned)?(_typed)?$/,
  activity: /^register_activity(_typed)?$/,
  events: /^(wait_for_event|dequeue_event)(_typed)?$/,
};
const ENV_GETTERS = ['os.environ.get', 'os.getenv', 'environ.get', 'getenv'];

/** A fix replacing the call: "Use <what>", with `text` (default: `what`). */
const isDynamic = (a: AnnotationFact) => a.named.dynamic?.text === 'True';

/** Methods are in a class scope; functions' own scopes end with `()`. */
const isClassScope = (scope: readonly string[]) =>
  scope.length > 0 && !scope[scope.length - 1].endsWith('()');

/** Parameters as callers pass them: without `self` / `cls`. */
function parameters(fn: FunctionFact) {
  const params = toParameters(fn.params);
  const first = params[0]?.name;
  if (isClassScope(fn.scope) && (first === 'self' || first === 'cls')) params.shift();
  return params;
}

export const pythonRules: LanguageRules = {
  language: 'python',
  syntax: {
    strings: {
      string: {
        content: ['string_content'],
        escape: { type: 'escape_sequence', style: 'python' },
        dynamic: ['interpolation'],
        rawPrefix: 'string_start',
      },
      concatenated_string: { concat: true },
    },
    values: { ref: ['attribute'], list: ['list', 'tuple', 'set'] },
    // os.environ.get("NAME", "default") / os.getenv("NAME", "default")
    readValue(node, v, read) {
      const fn = node.type === 'call' ? node.childForFieldName('function') : null;
      if (!fn || !ENV_GETTERS.includes(compact(read.text(fn)))) return;
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      const name = args[0] ? read.string(args[0]) : undefined;
      const fallback = args[1] ? read.string(args[1]) : undefined;
      if (name !== undefined && fallback !== undefined) {
        v.str = fallback;
        v.env = name;
      }
    },
    namedArguments: { keyword_argument: ['name', 'value'] },
    wrappers: ['decorated_definition', 'expression_statement'],
    asyncFunctions: ['function_definition'],
  },
  importLocal: (path) => path,
  // Decorated and module-level functions (duroxide registers those by reference); calls
  // resolution can use: inside classes (workflow code, handlers), worker constructions, duroxide.
  keep: (f) =>
    f.kind === 'function'
      ? f.annotations.length > 0 || f.scope.length === 0
      : f.kind !== 'call' ||
        (!('call.decorator' in (f.props ?? {})) &&
          (f.scope.some((s) => !s.endsWith('()')) ||
            'task_queue' in f.named ||
            lastName(f.callee) === 'Worker' ||
            isDurableCall(f, DUROXIDE))),

  resolve(facts) {
    const file = new FileFacts(facts, (v) => v.topLevel);
    const canonical = (name: string) => file.canonical(name, WILDCARD_NAMES);
    const decorator = (fact: { annotations: AnnotationFact[] }, name: string) =>
      annotation(fact.annotations, name, canonical);
    const explicit = (a: AnnotationFact) => file.explicitName(a.named.name ?? a.args[0]);
    const body = emptyBody();
    body.constants = { ...file.constants };

    // Workflows, by class path so methods can find their class.
    const workflows = new Map<string, { record: WorkflowDefinition; type: TypeFact }>();
    for (const type of file.types) {
      const defn = decorator(type, `${WF}.defn`);
      if (!defn) continue;
      const run = runMethod(file, type, (f) => !!decorator(f, `${WF}.run`));
      const record = definitionOf(type, explicit(defn), { parameters: run && parameters(run) });
      if (isDynamic(defn)) record.dynamic = true;
      workflows.set([...type.scope, type.name].join('.'), { record, type });
      body.workflows.push(record);
    }
    /** Workflows a method in class `scope` belongs to: its own class, or subclasses in this file. */
    const owning = (scope: readonly string[]): WorkflowDefinition[] => {
      if (!isClassScope(scope)) return [];
      const own = workflows.get(scope.join('.'));
      if (own) return [own.record];
      const types = [...workflows.values()];
      return types
        .filter(({ type }) => file.inherits(type, scope[scope.length - 1]))
        .map((w) => w.record);
    };
    const containing = (scope: readonly string[]): WorkflowDefinition | undefined => {
      for (let n = scope.length - 1; n > 0; n--) {
        const w = scope[n - 1].endsWith('()')
          ? undefined
          : workflows.get(scope.slice(0, n).join('.'));
        if (w) return w.record;
      }
      return undefined;
    };

    for (const fn of file.functions) {
      const options = { normalize: canonical, explicit, parameters: parameters(fn) };
      for (const { handler, annotation: a } of annotatedHandlers(fn, HANDLERS, options)) {
        if (isDynamic(a)) handler.dynamic = true;
        const declaring = isClassScope(fn.scope) ? fn.scope[fn.scope.length - 1] : undefined;
        body.handlers.push(...withOwners(handler, owning(fn.scope), declaring));
      }
      const defn = decorator(fn, 'temporalio.activity.defn');
      if (defn) body.activities.push(definitionOf(fn, explicit(defn), options));
    }

    const wf =
      file.localFor(WF) ?? (file.bindings.get('temporalio') === 'temporalio' ? WF : 'workflow');
    for (const call of file.calls) {
      const callee = canonical(call.callee);
      const owner = containing(call.scope);
      // Handlers registered at run time: workflow.set_signal_handler("name", fn).
      const setter = entry(HANDLER_SETTERS, callee);
      const [name, fn] = call.args;
      if (setter && name?.str !== undefined) {
        const extra = { symbol: fn?.ref, workflow: owner?.name, workflowSymbol: owner?.symbol };
        body.handlers.push(callHandler(setter, name.str, call.range, name.range, extra));
      } else if (
        callee === 'temporalio.worker.Worker' ||
        (call.callee === 'Worker' && !file.bindings.has('Worker'))
      ) {
        const queue = taskQueueOf(call.named.task_queue, file.lookup(call.scope));
        let complete = queue.known;
        const refs = (v: ValueFact | undefined) => {
          if (v && !v.items) complete = false;
          return (v?.items ?? []).map((item) => {
            const r = ref(item.text.replace(/\(\)$/, ''), item.range);
            if (r.symbol === undefined) complete = false;
            return r;
          });
        };
        const workflowRefs = refs(call.named.workflows);
        const activities = refs(call.named.activities);
        body.workers.push(
          workerRecord({
            range: call.range,
            ...queue,
            workflows: workflowRefs,
            activities,
            complete,
          }),
        );
      } else if (owner && /^[\w.]+$/.test(call.callee)) {
        // Determinism, for module-level names (`x.y()` on a call's result is checked at that call).
        const d = checkDeterminism(DETERMINISM, call, callee, {
          workflow: owner.name,
          module: wf,
          context: '',
        });
        if (d) body.diagnostics.push(d);
      }
    }
    durableRegistrations(file, body, DUROXIDE);
    body.implementations = implementationsOf(file.types);
    return sortBody(body);
  },
};

/** Method of `type` (or of an in-file base class) that satisfies `pred`. */
function runMethod(
  file: FileFacts,
  type: TypeFact,
  pred: (f: FunctionFact) => boolean,
  seen = new Set<string>(),
): FunctionFact | undefined {
  const path = (t: TypeFact) => [...t.scope, t.name].join('.');
  seen.add(path(type));
  const own = file.members(type).find(pred);
  if (own) return own;
  for (const name of type.bases) {
    const base = file.types.find((t) => t.name === name && !seen.has(path(t)));
    const found = base && runMethod(file, base, pred, seen);
    if (found) return found;
  }
  return undefined;
}
