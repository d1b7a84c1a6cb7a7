// Clojure (io.github.manetu/temporal-sdk): naming rules of the Clojure SDK.
//  - workflow: (defworkflow name [ctx params] ...); type name = the var name
//  - activity: (defactivity name [ctx params] ...); name = the var name
//  - signals: (s/<! signals :name) / (s/poll signals :name) inside a workflow; keywords are
//    named like the SDK's `namify` does (`:a` -> "a", `::a` -> "current.ns/a")
//  - queries/updates: keywords a (register-query-handler! ...) form dispatches on with case / =
//  - workers: (worker/start client {:task-queue ... :dispatch {:workflows [...] :activities [...]}});
//    without :dispatch every workflow of the program is registered
import type { Node } from 'web-tree-sitter';
import { checkDeterminism } from '../diagnostics';
import { DETERMINISM } from '../determinism/clojure';
import { toParameters, type ValueFact } from '../facts';
import type { LanguageRules } from '../languageRules';
import { FileFacts, definitionOf, emptyBody, entry, sortBody, workerRecord } from '../resolve';
import { compact, unescapeC, type ValueReader } from '../syntax';
import type { HandlerKind, RegisteredRef } from '../types';

const HANDLERS: Record<string, HandlerKind> = {
  'register-query-handler!': 'query',
  'register-update-handler!': 'update',
};
const short = (head: string) => head.slice(head.lastIndexOf('/') + 1);
const IGNORED = ['comment', 'meta_lit', 'old_meta_lit'];

/** The values of a form after its head. */
const formArgs = (form: Node) =>
  form.namedChildren.filter((c) => !IGNORED.includes(c.type)).slice(1);

/** Keywords a query/update dispatcher compares against: (case x :a ... :b ...) and (= x :a). */
function dispatchKeywords(node: Node, read: ValueReader, out: ValueFact[]): ValueFact[] {
  if (node.type === 'list_lit') {
    const head = node.namedChildren.find((c) => c.type !== 'comment' && c.type !== 'meta_lit');
    const name = head?.type === 'sym_lit' ? compact(read.text(head)) : undefined;
    const args = formArgs(node);
    if (name === 'case' || name === 'condp') {
      const clauses = args.slice(name === 'case' ? 1 : 2);
      for (let i = 0; i + 1 < clauses.length; i += 2)
        if (clauses[i].type === 'kwd_lit') out.push(read.read(clauses[i]));
    } else if (name === '=') {
      for (const a of args) if (a.type === 'kwd_lit') out.push(read.read(a));
    }
  }
  for (const c of node.namedChildren) dispatchKeywords(c, read, out);
  return out;
}

export const clojureRules: LanguageRules = {
  language: 'clojure',
  syntax: {
    strings: { str_lit: { whole: (text) => unescapeC(text.slice(1, -1)) } },
    values: { ref: ['sym_lit:name'], list: ['vec_lit', 'list_lit'] },
    readValue(node, v, read) {
      // `::name` needs the namespace; resolution finishes it.
      if (node.type === 'kwd_lit' && !v.text.startsWith('::')) v.str = v.text.slice(1);
      if (node.type !== 'map_lit') return;
      v.entries = {};
      const kids = node.namedChildren.filter((c) => c.type !== 'comment');
      for (let i = 0; i + 1 < kids.length; i += 2) {
        if (kids[i].type === 'kwd_lit')
          v.entries[read.text(kids[i]).replace(/^:+/, '')] = read.read(kids[i + 1]);
      }
    },
    callArguments: (node, callee, read) =>
      entry(HANDLERS, short(callee))
        ? formArgs(node).flatMap((a) => dispatchKeywords(a, read, []))
        : undefined,
    collapseParameterNames: true,
    keepValue: (v) => v.str !== undefined || v.text.startsWith('::'),
  },

  resolve(facts) {
    const file = new FileFacts(facts, () => false);
    const body = emptyBody();
    const ns = file.namespace;
    const defs = new Map(file.values.filter((v) => v.topLevel).map((v) => [v.name, v.value]));
    /** The SDK names keywords with `namify`: `:a` -> "a", `::a` -> "<ns>/a", `:x/a` -> "x/a". */
    const nameOf = (v: ValueFact | undefined): string | undefined => {
      for (let depth = 0; v && depth < 4; depth++) {
        if (v.str !== undefined) return v.str;
        if (v.text.startsWith('::')) return ns ? `${ns}/${v.text.slice(2)}` : undefined;
        v = v.ref !== undefined ? defs.get(v.ref) : undefined;
      }
      return undefined;
    };
    for (const [name, value] of defs) {
      const s = nameOf(value);
      if (s !== undefined) body.constants[name] = s;
    }
    const workflows = new Set<string>();
    for (const f of file.functions) {
      // The SDK passes ctx first; the workflow's input is the second parameter.
      const record = definitionOf(f, undefined, { parameters: toParameters(f.params.slice(1)) });
      if (f.props?.role === 'workflow') {
        body.workflows.push(record);
        workflows.add(`defworkflow:${f.name}`);
      } else body.activities.push(record);
    }
    for (const call of file.calls) {
      const workflow =
        call.scope[0] !== undefined && workflows.has(call.scope[0])
          ? call.scope[0].slice('defworkflow:'.length)
          : undefined;
      const head = short(call.callee);
      if (call.callee === 'worker-options') {
        const entries = call.args[0].entries ?? {};
        const dispatch = entries.dispatch?.entries ?? entries;
        const refs = (v: ValueFact | undefined): RegisteredRef[] =>
          (v?.items ?? []).map((i) =>
            i.ref !== undefined ? { symbol: i.ref, range: i.range } : { range: i.range },
          );
        const queue = entries['task-queue'];
        const taskQueue = nameOf(queue);
        body.workers.push(
          workerRecord({
            range: call.range,
            runtime: 'temporal',
            taskQueue,
            taskQueueRef:
              taskQueue === undefined && queue?.ref !== undefined ? queue.ref : undefined,
            workflows: refs(dispatch.workflows),
            activities: refs(dispatch.activities),
            registersAll: !entries.dispatch && !entries.workflows,
            complete: taskQueue !== undefined,
          }),
        );
      } else if (entry(HANDLERS, head) || ['<!', 'poll', '>!'].includes(head)) {
        for (const arg of call.args) {
          const name = nameOf(arg);
          if (name === undefined) continue;
          body.handlers.push({
            kind: entry(HANDLERS, head) ?? 'signal',
            name,
            nameSource: 'explicit',
            range: call.range,
            nameRange: arg.range,
            parameters: [],
            runtime: 'temporal',
            ...(workflow !== undefined ? { workflow, workflowSymbol: workflow } : {}),
          });
        }
      } else if (workflow !== undefined) {
        const callee = call.callee.replace(/^clojure\.core\//, '');
        const d = checkDeterminism(DETERMINISM, call, callee, {
          workflow,
          module: '',
          context: '',
        });
        if (d) body.diagnostics.push(d);
      }
    }
    return sortBody(body);
  },
};
