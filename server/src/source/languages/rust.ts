// Rust: the Temporal Rust SDK in both styles, and duroxide.
//  - experimental SDK: `async fn f(ctx: WfContext)`, registered with worker.register_wf("name", f);
//    the type name is the registered string (the function name until a registration is seen)
//  - macro style (rustMacros.ts); workers: WorkerOptions::new("q").register_workflow::<T>()
//  - duroxide: OrchestrationRegistry::builder().register("Name", f) orchestrations (workflows),
//    ActivityRegistry::builder().register("Name", f) activities, ctx.schedule_wait("Event")
import { checkDeterminism } from '../diagnostics';
import { DETERMINISM } from '../determinism/rust';
import { toParameters, type AnnotationFact, type CallFact } from '../facts';
import type { LanguageRules } from '../languageRules';
import { callHandler, definitionOf, emptyBody, FileFacts, sortBody, taskQueueOf } from '../resolve';
import { chainKey, inlineDefinition, variableKey, WorkerGroups } from '../registrations';
import { compact } from '../syntax';
import type { SourceRuntime } from '../types';
import { closureCode, inImpl, macroWorkflows, namedActivities, type CodeScope } from './rustMacros';

const ORCHESTRATION_CONTEXT = /^(&(mut)?)?(duroxide::)?OrchestrationContext$/;
const REGISTRY = /(^|::)(OrchestrationRegistry|ActivityRegistry)::builder$/;
const WORKER_OPTIONS = /(^|::)WorkerOptions::(new|builder)$/;

export const rustRules: LanguageRules = {
  language: 'rust',
  attached: ['attribute_item', 'line_comment', 'block_comment'],
  syntax: {
    comments: ['line_comment', 'block_comment'],
    strings: {
      string_literal: {
        content: ['string_content'],
        escape: { type: 'escape_sequence', style: 'c' },
      },
      raw_string_literal: { content: ['string_content', 'escape_sequence'] },
    },
    values: {
      lastRef: ['identifier', 'scoped_identifier'],
      construct: ['struct_expression:name'],
      unwrap: ['reference_expression:value'],
    },
    // "name".to_string() / String::from("name")
    readValue(node, v, read) {
      if (node.type !== 'call_expression') return;
      const fn = node.childForFieldName('function');
      const arg = node.childForFieldName('arguments')?.namedChildren[0];
      let s: string | undefined;
      if (fn?.type === 'field_expression') {
        const recv = fn.childForFieldName('value');
        const field = fn.childForFieldName('field');
        if (recv && field && /^(to_string|to_owned|into)$/.test(read.text(field)))
          s = read.string(recv);
      } else if (fn && /String::from$/.test(compact(read.text(fn))) && arg) s = read.string(arg);
      if (s !== undefined) v.str = s;
    },
    tokenArguments: ['token_tree'],
    transparent: ['await_expression', 'try_expression'],
    compactTypes: true,
    keepValue: (v) => v.str !== undefined,
  },
  // Calls resolution uses: registrations, builder chains, context methods, std/tokio/rand paths.
  keep: (f) =>
    f.kind !== 'call' ||
    (f.object !== undefined
      ? /^(register.*|task_queue|schedule_wait|dequeue_event|make_signal_channel|update_handler)$/.test(
          f.method ?? '',
        )
      : f.callee.includes('::') || /^(thread_rng|spawn|sleep|random)$/.test(f.callee)),

  resolve(facts) {
    const file = new FileFacts(facts, (v) => v.scope.length === 0);
    const body = emptyBody();
    body.constants = { ...file.constants };
    const calls = file.calls;
    const nameArg = (c: CallFact) =>
      taskQueueOf(c.args[0], file.lookup(c.scope, c.range)).taskQueue;
    /** `#[run(name = "x")]` or `name = CONSTANT`: resolved here, or a reference for the index. */
    const attrName = (a: AnnotationFact | undefined) =>
      a &&
      file.nameArgument(
        a.named.name ?? a.args.find((v) => v.str !== undefined),
        file.lookup([], a.range),
      );

    // Registrations: register_wf / register_activity on a worker variable; builder chains.
    const workflowNames = new Map<string, { name?: string; ref?: string }[]>(); // fn -> registered names
    const activityNames = new Map<string, string>();
    const orchestrationNames = new Map<string, string>();
    const closureNames = new Map<string, string>(); // closure scope -> name ('' when ambiguous)
    const groups = new WorkerGroups(file);
    for (const c of calls) {
      const method = c.method ?? '';
      // Experimental SDK: worker.register_wf("name", f) / register_activity("name", f).
      if (
        (method === 'register_wf' || method === 'register_activity') &&
        c.receiver !== undefined
      ) {
        const g = groups.add(variableKey(c.scope, c.receiver), c.range, 'temporal', c.scope);
        const { name, given, ref: r, inline } = groups.byName(c, g);
        const workflow = method === 'register_wf';
        (workflow ? g.workflows : g.activities).push(r);
        if (r.symbol && given && workflow)
          workflowNames.set(r.symbol, [...(workflowNames.get(r.symbol) ?? []), given]);
        else if (r.symbol && name !== undefined) activityNames.set(r.symbol, name);
        else if (inline && name !== undefined) {
          if (c.closureScope !== undefined) closureNames.set(c.closureScope, name);
          (workflow ? body.workflows : body.activities).push(inlineDefinition(c, name, 'temporal'));
        }
        continue;
      }
      const start = c.chain?.[0];
      if (!start || !method.startsWith('register')) continue;
      const root = c.chainRoot ?? '';
      if (REGISTRY.test(root)) {
        const orchestration = root.endsWith('OrchestrationRegistry::builder');
        const g = groups.add(chainKey(start), start, 'duroxide', c.scope);
        const { name, ref: r, inline } = groups.byName(c, g);
        (orchestration ? g.workflows : g.activities).push(r);
        if (name === undefined) continue;
        if (orchestration && c.closureScope !== undefined)
          closureNames.set(c.closureScope, closureNames.has(c.closureScope) ? '' : name);
        if (r.symbol) (orchestration ? orchestrationNames : activityNames).set(r.symbol, name);
        else if (inline) {
          const record = inlineDefinition(c, name, 'duroxide');
          if (orchestration) body.workflows.push(record);
          else body.activities.push(record);
        }
      } else if (WORKER_OPTIONS.test(root)) {
        // Macro-style SDK: WorkerOptions::new("q").register_workflow::<T>().register_activities(x).
        const g = groups.add(chainKey(start), start, 'temporal', c.scope);
        if (method === 'register_workflow') {
          const t = c.typeArgs[0];
          g.workflows.push(t !== undefined ? { symbol: t, range: c.range } : { range: c.range });
          if (t === undefined) g.complete = false;
        } else if (method === 'register_activities' || method === 'register_activity') {
          const symbol = c.args[0]?.construct ?? c.args[0]?.ref ?? c.typeArgs[0];
          g.activities.push(symbol !== undefined ? { symbol, range: c.range } : { range: c.range });
        }
      }
    }
    // Task queues: WorkerOptions::new("q") chains, Worker::new_from_core(core, "q"), .task_queue("q").
    for (const c of calls) {
      if (c.object !== undefined) continue;
      if (WORKER_OPTIONS.test(c.callee)) {
        const g = groups.get(chainKey(c.range));
        if (g && c.args[0]) g.queue = c.args[0];
      } else if (/(^|::)Worker::new_from_core$/.test(c.callee) && c.assignedTo !== undefined) {
        const g = groups.get(variableKey(c.scope, c.assignedTo));
        if (g && c.args[1]) g.queue = c.args[1];
        if (g) g.range = c.range;
      }
    }
    // WorkerConfigBuilder::default().task_queue("q") in the same function.
    body.workers.push(
      ...groups.records(
        (g) =>
          calls.find(
            (c) => c.method === 'task_queue' && c.scope.join('/') === g.queueScope.join('/'),
          )?.args[0],
      ),
    );
    const code: CodeScope[] = macroWorkflows(file, body, attrName);

    // Functions taking a workflow or orchestration context.
    for (const f of file.functions) {
      const wfCtx = f.params.find((p) => /^(&(mut)?)?WfContext$/.test(p.type ?? ''));
      const orchCtx = f.params.find((p) => ORCHESTRATION_CONTEXT.test(p.type ?? ''));
      const context = !inImpl(f) && wfCtx ? wfCtx : orchCtx;
      if (!context) continue;
      const runtime: SourceRuntime = context === wfCtx ? 'temporal' : 'duroxide';
      const durable = orchestrationNames.get(f.name);
      const given =
        runtime === 'duroxide'
          ? [durable !== undefined ? { name: durable, ref: undefined } : undefined]
          : (workflowNames.get(f.name) ?? [undefined]);
      // One record per registered name: the SDK registers the function under each.
      const records = given.map((g) => {
        const record = definitionOf(f, g?.name, {
          parameters: toParameters(f.params.filter((p) => p !== context)),
          runtime,
          source: 'registration',
        });
        if (g?.ref !== undefined) record.nameRef = g.ref;
        return record;
      });
      body.workflows.push(...records);
      code.push({
        scope: [...f.scope, `${f.name}()`],
        workflow: records[0].name,
        names: records.map((r) => r.name),
        runtime,
        durable: runtime === 'duroxide',
        module: '',
        context: context.name,
      });
    }
    body.activities.push(...namedActivities(file, activityNames));

    // Code scope of a call: workflow functions, #[workflow_methods] impls, context closures.
    const codeOf = (scope: readonly string[]): CodeScope | undefined => {
      const found = code.find(
        (w) => scope.length >= w.scope.length && w.scope.every((s, i) => scope[i] === s),
      );
      if (found) return found;
      return closureCode(scope, closureNames);
    };
    for (const c of calls) {
      const where = codeOf(c.scope);
      if (!where) continue;
      // duroxide external events are its signals; the experimental SDK has signal channels.
      const isSignal =
        ((c.method === 'schedule_wait' || c.method === 'dequeue_event') && where.durable) ||
        (c.method === 'make_signal_channel' && !where.durable);
      const kind = isSignal
        ? 'signal'
        : c.method === 'update_handler' && !where.durable
          ? 'update'
          : undefined;
      if (kind) {
        const name = nameArg(c);
        if (name === undefined) continue;
        const workflowSymbol = where.scope[where.scope.length - 1]?.replace(/\(\)$/, '');
        for (const workflow of where.names ?? [where.workflow])
          body.handlers.push(
            callHandler(kind, name, c.range, c.args[0].range, {
              runtime: where.runtime,
              workflow,
              workflowSymbol,
            }),
          );
        continue;
      }
      if (c.object !== undefined) continue;
      const d = checkDeterminism(DETERMINISM, c, c.callee, where);
      if (d) body.diagnostics.push(d);
    }
    return sortBody(body);
  },
};
