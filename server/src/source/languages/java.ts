// Java (io.temporal): naming rules of the Java SDK.
//  - workflow: @WorkflowInterface interface; type name = @WorkflowMethod(name = ...), else the
//    interface's simple name
//  - handlers: @SignalMethod / @QueryMethod / @UpdateMethod(name = ...), else the method name
//  - activities: @ActivityInterface(namePrefix = ...) methods; name = @ActivityMethod(name = ...),
//    else namePrefix + method name with its first letter upper-cased
//  - workers: Worker w = factory.newWorker("queue"); w.registerWorkflowImplementationTypes(X.class)
//  - workflow code: classes implementing a workflow interface (or calling Workflow.*)
import { checkDeterminism } from '../diagnostics';
import { DETERMINISM } from '../determinism/java';
import { toParameters, type AnnotationFact, type ValueFact } from '../facts';
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
  scopeKey,
  ScopeOwners,
  scopePrefixes,
  sortBody,
  variableWorkers,
  withOwners,
} from '../resolve';
import { typeName } from '../syntax';
import type { HandlerKind, RegisteredRef, WorkflowDefinition } from '../types';

const HANDLERS: Record<string, HandlerKind> = {
  SignalMethod: 'signal',
  QueryMethod: 'query',
  UpdateMethod: 'update',
};
const REGISTER: Record<string, 'workflow' | 'activity'> = {
  registerWorkflowImplementationTypes: 'workflow',
  registerWorkflowImplementationFactory: 'workflow',
  registerActivitiesImplementations: 'activity',
  registerActivityImplementations: 'activity',
};

/** Dynamic handlers: `Workflow.registerListener(new DynamicSignalHandler() {...})` or a cast lambda. */
const DYNAMIC_HANDLERS: Record<string, HandlerKind> = {
  DynamicSignalHandler: 'signal',
  DynamicQueryHandler: 'query',
  DynamicUpdateHandler: 'update',
};

export const javaRules: LanguageRules = {
  language: 'java',
  syntax: {
    comments: ['line_comment', 'block_comment'],
    strings: {
      string_literal: {
        content: ['string_fragment', 'multiline_string_fragment'],
        escape: { type: 'escape_sequence', style: 'c' },
        dynamic: ['string_interpolation'],
      },
    },
    values: {
      ref: ['field_access'],
      construct: ['class_literal', 'object_creation_expression:type'],
      list: ['element_value_array_initializer', 'array_initializer'],
      unwrap: ['parenthesized_expression'],
    },
    namedArguments: { element_value_pair: ['key', 'value'] },
    // After a syntax error earlier in the file, tree-sitter may read `X.class` as a field
    // access: the same text must mean the same (cached chunk facts rely on it).
    readValue(node, v, read) {
      const field = node.type === 'field_access' ? node.childForFieldName('field') : null;
      const object = node.childForFieldName('object');
      if (field && object && read.text(field) === 'class')
        v.construct = typeName(read.text(object));
    },
  },

  resolve(facts) {
    const inMethod = (scope: readonly string[]) => scope.some((s) => s.endsWith('()'));
    const file = new FileFacts(facts, (v) => v.modifiers.includes('final') && !inMethod(v.scope));
    const body = emptyBody();
    body.constants = { ...file.constants };
    const explicit = (a: AnnotationFact | undefined, key = 'name'): string | undefined => {
      const v = a?.named[key];
      return v?.str === '' ? undefined : file.explicitName(v);
    };

    // Workflow interfaces (and interfaces they extend, for inherited handlers).
    const workflows = new Map<string, WorkflowDefinition>();
    for (const t of file.types) {
      if (t.typeKind !== 'interface' || !annotation(t.annotations, 'WorkflowInterface')) continue;
      const run = file.members(t).find((m) => annotation(m.annotations, 'WorkflowMethod'));
      const name = explicit(run && annotation(run.annotations, 'WorkflowMethod'));
      const record = definitionOf(t, name, { parameters: toParameters(run?.params ?? []) });
      body.workflows.push(record);
      workflows.set(t.name, record);
    }
    // A class implementing DynamicWorkflow receives every type the worker does not know.
    for (const t of file.types) {
      if (t.typeKind === 'interface' || !t.bases.includes('DynamicWorkflow')) continue;
      const run = file.members(t).find((m) => m.name === 'execute');
      const record = definitionOf(t, undefined, { parameters: toParameters(run?.params ?? []) });
      record.dynamic = true;
      body.workflows.push(record);
      workflows.set(t.name, record);
    }
    // Interface name -> the workflow interfaces extending it (asked for every type of the file).
    const extending = new Map<string, WorkflowDefinition[]>();
    for (const w of workflows.values()) {
      const wt = file.typeNamed(w.symbol);
      for (const base of wt ? file.ancestors(wt) : []) {
        const list = extending.get(base);
        if (list) list.push(w);
        else extending.set(base, [w]);
      }
    }
    for (const t of file.types) {
      // Handlers: owner = the workflow interface, or the ones extending this interface.
      const own = workflows.get(t.name);
      const owners = own ? [own] : (extending.get(t.name) ?? []);
      const activityInterface =
        t.typeKind === 'interface' ? annotation(t.annotations, 'ActivityInterface') : undefined;
      const prefix = explicit(activityInterface, 'namePrefix') ?? '';
      for (const m of file.members(t)) {
        const parameters = toParameters(m.params);
        for (const { handler } of annotatedHandlers(m, HANDLERS, { explicit, parameters }))
          body.handlers.push(...withOwners(handler, owners, t.name));
        if (!activityInterface) continue;
        const fallback = prefix + m.name.charAt(0).toUpperCase() + m.name.slice(1);
        const name = explicit(annotation(m.annotations, 'ActivityMethod'));
        body.activities.push(definitionOf(m, name, { parameters, fallback }));
      }
    }
    body.implementations = implementationsOf(file.types);

    // Workers: newWorker("queue") assigned to a variable, then register* calls on it.
    body.workers = variableWorkers(file.calls, {
      scopeKey: (scope) => scope.join('.'),
      creates: (c) => (c.method === 'newWorker' ? { queue: c.args[0] } : undefined),
      lookup: (c) => file.lookup(c.scope, c.range),
      registers(call) {
        const what = entry(REGISTER, call.method);
        if (!what) return undefined;
        const factory = call.method === 'registerWorkflowImplementationFactory';
        let complete = true;
        const refs: RegisteredRef[] = [];
        for (const a of factory ? call.args.slice(0, 1) : call.args) {
          // Options objects (WorkflowImplementationOptions) come first in some overloads.
          const symbol = a.construct ?? (what === 'activity' ? a.ref : undefined);
          if (symbol === undefined && (what === 'activity' || a.ref === undefined))
            complete = false;
          if (symbol !== undefined) refs.push({ symbol, range: a.range });
          else if (what === 'activity') refs.push({ range: a.range });
        }
        return { [what === 'workflow' ? 'workflows' : 'activities']: refs, complete };
      },
    });

    // Workflow code: classes implementing a workflow interface of this file or using Workflow.*.
    const code: { path: string[]; workflow?: string }[] = [];
    const apiScopes = scopePrefixes(
      file.calls.filter((c) => c.object === 'Workflow').map((c) => c.scope),
    );
    for (const t of file.types) {
      if (t.typeKind === 'interface') continue;
      const path = [...t.scope, t.name];
      const implemented = [t.name, ...t.bases]
        .map((i) => workflows.get(i))
        .find((w) => w !== undefined);
      const usesApi = apiScopes.has(scopeKey(path));
      if (implemented || (usesApi && t.bases.length > 0))
        code.push({ path, workflow: implemented?.name });
    }
    const owners = new ScopeOwners(code);
    for (const call of file.calls) {
      const owner = owners.innermost(call.scope);
      if (!owner) continue;
      const dynamic = call.callee === 'Workflow.registerListener' && dynamicHandler(call.args[0]);
      if (dynamic) {
        const [kind, symbol] = dynamic;
        const handler = callHandler(kind, symbol, call.range, call.args[0].range, {
          nameSource: 'symbol',
          symbol,
          dynamic: true,
          workflow: owner.workflow,
          workflowSymbol: owner.path[owner.path.length - 1],
        });
        body.handlers.push(handler);
        continue;
      }
      const callee = call.callee.replace(/^java\.(util|lang|time)\./, '');
      const d = checkDeterminism(DETERMINISM, call, callee, {
        workflow: owner.workflow,
        module: 'Workflow',
        context: '',
      });
      if (d) body.diagnostics.push(d);
    }
    return sortBody(body);
  },
};

/** The kind and interface of a dynamic handler object (anonymous class or cast lambda). */
function dynamicHandler(v: ValueFact | undefined): [HandlerKind, string] | undefined {
  const symbol = v?.construct ?? /^\((\w+)\)/.exec(v?.text ?? '')?.[1];
  const kind = symbol !== undefined ? entry(DYNAMIC_HANDLERS, symbol) : undefined;
  return kind && symbol ? [kind, symbol] : undefined;
}
