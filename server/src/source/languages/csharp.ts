// C# (Temporalio .NET SDK): naming rules of the .NET SDK.
//  - workflow: [Workflow] class; type name = [Workflow("Name")], else the class name (an
//    interface named IFoo gives "Foo")
//  - handlers: [WorkflowSignal] / [WorkflowUpdate] methods default to the method name without an
//    "Async" suffix; [WorkflowQuery] (method or property) defaults to the member name
//  - activities: [Activity] methods; default name = method name, without "Async" when it
//    returns a Task
//  - workers: new TemporalWorkerOptions("queue").AddWorkflow<T>().AddAllActivities(obj), or
//    services.AddHostedTemporalWorker(..., "queue").AddWorkflow<T>()
import { checkDeterminism } from '../diagnostics';
import { DETERMINISM } from '../determinism/csharp';
import { toParameters, type AnnotationFact } from '../facts';
import type { LanguageRules } from '../languageRules';
import {
  annotatedHandlers,
  annotation,
  definitionOf,
  emptyBody,
  FileFacts,
  implementationsOf,
  scopeKey,
  ScopeOwners,
  sortBody,
  taskQueueOf,
  withOwners,
  workerRecord,
} from '../resolve';
import { lastName } from '../syntax';
import type { HandlerKind, Range, RegisteredRef, WorkflowDefinition } from '../types';

const HANDLERS: Record<string, HandlerKind> = {
  WorkflowSignal: 'signal',
  WorkflowQuery: 'query',
  WorkflowUpdate: 'update',
};
const STATIC_TARGETS = [
  'Task',
  'Thread',
  'Guid',
  'File',
  'Directory',
  'Stopwatch',
  'Parallel',
  'ThreadPool',
];

const trimAsync = (name: string) =>
  name.length > 5 && name.endsWith('Async') ? name.slice(0, -5) : name;
const returnsTask = (returns = '') => /^(System\.Threading\.Tasks\.)?Task(<.*>)?$/.test(returns);
const attributeName = (name: string) => lastName(name).replace(/Attribute$/, '');

const rangeKey = (r: Range) =>
  `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;

export const csharpRules: LanguageRules = {
  language: 'csharp',
  syntax: {
    strings: {
      string_literal: {
        content: ['string_literal_content'],
        escape: { type: 'escape_sequence', style: 'c' },
      },
      verbatim_string_literal: { whole: (text) => text.slice(2, -1).replace(/""/g, '"') },
      raw_string_literal: { content: ['raw_string_content'] },
    },
    values: {
      ref: ['member_access_expression', 'qualified_name'],
      construct: ['object_creation_expression:type', 'typeof_expression:type'],
      unwrap: ['parenthesized_expression'],
    },
    // `name: value` arguments, and `Name = value` in attributes.
    argument(a, read) {
      if (a.type !== 'argument' && a.type !== 'attribute_argument') return undefined;
      const nameNode = a.childForFieldName('name');
      const marker = (c: { type: string }) => c.type === 'name_colon' || c.type === 'name_equals';
      const value = a.namedChildren.filter((c) => c.id !== nameNode?.id && !marker(c)).pop();
      if (!value) return undefined;
      if (value.type === 'assignment_expression' && a.type === 'attribute_argument') {
        const left = value.childForFieldName('left');
        const right = value.childForFieldName('right');
        return left && right ? { name: read.text(left), value: right } : undefined;
      }
      const name = nameNode ?? a.namedChildren.find(marker);
      if (!name) return { value };
      return {
        name: read
          .text(name)
          .replace(/[:=]\s*$/, '')
          .trim(),
        value,
      };
    },
  },
  keep: (f) =>
    f.kind !== 'call' ||
    f.method === undefined ||
    f.chain !== undefined ||
    f.method.startsWith('Add') ||
    'call.property' in (f.props ?? {}) ||
    STATIC_TARGETS.includes((f.object ?? '').split('.')[0]),

  resolve(facts) {
    const inMethod = (scope: readonly string[]) => scope.some((s) => s.endsWith('()'));
    const file = new FileFacts(facts, (v) => {
      const m = v.modifiers;
      return (
        (m.includes('const') || (m.includes('static') && m.includes('readonly'))) &&
        !inMethod(v.scope)
      );
    });
    const body = emptyBody();
    body.constants = { ...file.constants };
    const attribute = (a: readonly AnnotationFact[], name: string) =>
      annotation(a, name, attributeName);
    const explicit = (a: AnnotationFact) => file.explicitName(a.named.Name ?? a.args[0]);
    const isDynamic = (a: AnnotationFact) => a.named.Dynamic?.text === 'true';

    const workflows: { record: WorkflowDefinition; path: string[] }[] = [];
    for (const t of file.types) {
      const a = attribute(t.annotations, 'Workflow');
      if (!a) continue;
      const run = file.members(t).find((m) => attribute(m.annotations, 'WorkflowRun'));
      const record = definitionOf(t, explicit(a), {
        parameters: toParameters(run?.params ?? []),
        fallback: t.typeKind === 'interface' && /^I[A-Z]/.test(t.name) ? t.name.slice(1) : t.name,
      });
      if (isDynamic(a)) record.dynamic = true;
      body.workflows.push(record);
      workflows.push({ record, path: [...t.scope, t.name] });
    }
    const workflowAt = new Map<string, (typeof workflows)[number]>();
    for (const w of workflows)
      if (!workflowAt.has(scopeKey(w.path))) workflowAt.set(scopeKey(w.path), w);
    for (const t of file.types) {
      const owner = workflowAt.get(scopeKey([...t.scope, t.name]));
      for (const m of file.members(t)) {
        const fallback = (kind: string) => (kind === 'query' ? m.name : trimAsync(m.name));
        const options = {
          normalize: attributeName,
          explicit,
          fallback,
          parameters: toParameters(m.params),
        };
        for (const { handler, annotation: a } of annotatedHandlers(m, HANDLERS, options)) {
          if (isDynamic(a)) handler.dynamic = true;
          body.handlers.push(...withOwners(handler, owner ? [owner.record] : [], t.name));
        }
      }
    }
    for (const m of file.functions) {
      const a = attribute(m.annotations, 'Activity');
      if (!a) continue;
      const fallback = returnsTask(m.returns) ? trimAsync(m.name) : m.name;
      body.activities.push(
        definitionOf(m, explicit(a), { parameters: toParameters(m.params), fallback }),
      );
    }
    body.implementations = implementationsOf(file.types.filter((t) => t.typeKind !== 'interface'));

    // Workers: the options chain plus Add* calls on the variable holding it.
    for (const w of file.calls) {
      const hosted = w.method === 'AddHostedTemporalWorker';
      if (w.callee !== 'new TemporalWorkerOptions' && !hosted) continue;
      const key = rangeKey(w.range);
      const chained = file.calls
        .filter((c) => c.chain?.some((r) => rangeKey(r) === key))
        .sort((a, b) => (a.chain?.length ?? 0) - (b.chain?.length ?? 0));
      const steps = [...chained];
      const assignedTo = (chained.length > 0 ? chained[chained.length - 1] : w).assignedTo;
      if (assignedTo !== undefined) {
        const scope = w.scope.join('.');
        steps.push(
          ...file.calls.filter(
            (c) =>
              c.object === assignedTo && c.method?.startsWith('Add') && c.scope.join('.') === scope,
          ),
        );
      }
      const workflowRefs: RegisteredRef[] = [];
      const activityRefs: RegisteredRef[] = [];
      let complete = true;
      for (const s of steps) {
        const target = s.typeArgs[0] ?? s.args[0]?.construct ?? s.args[0]?.ref;
        if (s.method === 'AddWorkflow') {
          if (target !== undefined) workflowRefs.push({ symbol: target, range: s.range });
          else complete = false;
        } else if (
          /^Add(All|Scoped|Singleton|Transient|Static)?Activit(y|ies)$/.test(s.method ?? '')
        ) {
          if (target !== undefined) activityRefs.push({ symbol: target, range: s.range });
        }
      }
      const queueArg = hosted ? (w.args.length >= 3 ? w.args[2] : w.args[0]) : w.args[0];
      const queue = taskQueueOf(
        w.named.taskQueue ?? queueArg ?? w.named.TaskQueue,
        file.lookup(w.scope, w.range),
      );
      body.workers.push(
        workerRecord({
          range: w.range,
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
    const owners = new ScopeOwners(workflows);
    for (const call of file.calls) {
      const owner = owners.outermost(call.scope);
      if (!owner) continue;
      const d = checkDeterminism(DETERMINISM, call, call.callee, {
        workflow: owner.record.name,
        module: 'Workflow',
        context: '',
      });
      if (d) body.diagnostics.push(d);
    }
    return sortBody(body);
  },
};
