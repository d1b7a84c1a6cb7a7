// Rust helpers: workflow code in context closures, and the macro style of the Temporal SDK: #[workflow] struct + #[workflow_methods] impl with
// #[run] / #[signal] / #[query] / #[update] (each with an optional name = "..."; #[run(name)]
// names the workflow type, else the struct name), and #[activities] impls with #[activity].
import type { WorkflowCode } from '../diagnostics';
import { toParameters, type AnnotationFact, type FactParameter, type FunctionFact } from '../facts';
import {
  annotatedHandlers,
  annotation,
  definitionOf,
  type FileFacts,
  type RecordsBody,
  withOwners,
} from '../resolve';
import type { HandlerKind, SourceRuntime, WorkflowDefinition } from '../types';

const HANDLERS: Record<string, HandlerKind> = {
  signal: 'signal',
  query: 'query',
  update: 'update',
};
export const WORKFLOW_CONTEXT =
  /^(&(mut)?)?(WfContext|(Sync)?WorkflowContext(<.*>)?|WorkflowContextView)$/;
export const ACTIVITY_CONTEXT = /Act(ivity)?Context$/;

/** Workflow code: functions and impls of workflows, closures taking a workflow context. */
export interface CodeScope extends WorkflowCode {
  scope: string[];
  runtime: SourceRuntime;
  /** Every type name the code is registered under (one function, several register_wf calls). */
  names?: string[];
}

export const withoutContext = (params: readonly FactParameter[], context: RegExp) =>
  toParameters(params.filter((p) => !context.test(p.type ?? '')));

type AttrName = (a: AnnotationFact | undefined) => { name?: string; ref?: string } | undefined;

/** Adds the macro-style workflows, handlers and activities to `body`; returns their code scopes. */
export function macroWorkflows(
  file: FileFacts,
  body: RecordsBody,
  attrName: AttrName,
): CodeScope[] {
  const explicit = (a: AnnotationFact) => attrName(a)?.name;
  const code: CodeScope[] = [];
  const workflowByStruct = new Map<string, WorkflowDefinition>();
  // Methods by the impl block holding them (`impl Name`), looked up for every struct.
  const byImpl = new Map<string, FunctionFact[]>();
  for (const f of file.functions) {
    const key = f.scope[f.scope.length - 1];
    if (key === undefined || !key.startsWith('impl ')) continue;
    const list = byImpl.get(key);
    if (list) list.push(f);
    else byImpl.set(key, [f]);
  }
  for (const s of file.types) {
    const a = s.typeKind === 'struct' ? annotation(s.annotations, 'workflow') : undefined;
    if (!a) continue;
    const methods = byImpl.get(`impl ${s.name}`) ?? [];
    const method = (name: string) => methods.find((m) => annotation(m.annotations, name));
    const run = method('run');
    const inputs = (m: FunctionFact | undefined) =>
      withoutContext(m?.params ?? [], WORKFLOW_CONTEXT);
    const given = attrName(run && annotation(run.annotations, 'run')) ?? attrName(a);
    const record = definitionOf(s, given?.name, {
      parameters: inputs(run).length > 0 ? inputs(run) : inputs(method('init')),
    });
    if (given?.ref !== undefined) record.nameRef = given.ref;
    body.workflows.push(record);
    workflowByStruct.set(s.name, record);
  }
  for (const impl of file.types) {
    if (impl.typeKind !== 'impl') continue;
    const scope = [...impl.scope, `impl ${impl.name}`];
    const methods = file.inScope(scope);
    if (annotation(impl.annotations, 'workflow_methods')) {
      const wf = workflowByStruct.get(impl.name);
      code.push({ scope, workflow: wf?.name, runtime: 'temporal', module: '', context: 'ctx' });
      for (const m of methods) {
        const parameters = withoutContext(m.params, WORKFLOW_CONTEXT);
        for (const { handler, annotation: a } of annotatedHandlers(m, HANDLERS, {
          explicit,
          parameters,
        })) {
          const ref = attrName(a)?.ref;
          if (ref !== undefined) handler.nameRef = ref;
          body.handlers.push(...withOwners(handler, wf ? [wf] : [], impl.name));
        }
      }
    }
    if (annotation(impl.annotations, 'activities')) {
      for (const m of methods) {
        const a = annotation(m.annotations, 'activity');
        if (!a) continue;
        body.activities.push(
          definitionOf(m, explicit(a), { parameters: withoutContext(m.params, ACTIVITY_CONTEXT) }),
        );
      }
    }
  }
  return code;
}

/** Workflow code in a closure taking a workflow or orchestration context (`|ctx: WfContext| ..`). */
export function closureCode(
  scope: readonly string[],
  closureNames: Map<string, string>,
): CodeScope | undefined {
  for (const s of scope) {
    const workflow = closureNames.get(s) || undefined;
    const orch = /^\|(\w+):(duroxide::)?OrchestrationContext[,|]/.exec(s);
    if (orch)
      return {
        scope: [],
        workflow,
        runtime: 'duroxide',
        durable: true,
        module: '',
        context: orch[1],
      };
    const wf = /^\|(\w+):&?(mut)?(WfContext|WorkflowContext)/.exec(s);
    if (wf) return { scope: [], workflow, runtime: 'temporal', module: '', context: wf[1] };
  }
  return undefined;
}

export const inImpl = (f: FunctionFact) => f.scope.some((s) => s.startsWith('impl '));

/** Activities registered by name (register_activity, ActivityRegistry) for functions of this file. */
export function namedActivities(file: FileFacts, names: Map<string, string>) {
  const out = [];
  for (const [symbol, name] of names) {
    const f = file.functions.find((fn) => fn.name === symbol && !inImpl(fn));
    if (!f) continue;
    const duroxide = file.calls.some(
      (c) =>
        c.chainRoot?.endsWith('ActivityRegistry::builder') &&
        c.args[c.args.length - 1]?.ref === symbol,
    );
    const parameters = withoutContext(f.params, ACTIVITY_CONTEXT);
    out.push(
      definitionOf(f, name, {
        parameters,
        runtime: duroxide ? 'duroxide' : 'temporal',
        source: 'registration',
      }),
    );
  }
  return out;
}
