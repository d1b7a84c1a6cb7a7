// Clojure (io.github.manetu/temporal-sdk): naming rules of the Clojure SDK.
//  - workflow: (defworkflow name [ctx params] ...); type name = the var name
//  - activity: (defactivity name [ctx params] ...); name = the var name
//  - signals: (s/<! signals :name) / (s/poll signals :name) inside a workflow; keywords are
//    named like the SDK's `namify` does (`:a` -> "a", `::a` -> "current.ns/a")
//  - queries/updates: keywords a (register-query-handler! ...) form dispatches on with case / =
//  - workers: (worker/start client {:task-queue ... :dispatch {:workflows [...] :activities [...]}});
//    without :dispatch every workflow of the program is registered
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
import type { HandlerKind, Parameter, QuickFix, Range, RegisteredRef } from '../types';
import {
  DiagnosticCodes,
  adviceFix,
  byPosition,
  diagnostic,
  unescapeC,
  workerRecord,
  type ValueFact,
} from './common';

type ClojureFact =
  | { kind: 'ns'; name: string }
  | { kind: 'def'; name: string; value: ValueFact }
  | {
      kind: 'definition';
      what: 'workflow' | 'activity';
      name: string;
      nameRange: Range;
      range: Range;
      params: Parameter[];
    }
  | { kind: 'handler'; handler: HandlerKind; name: ValueFact; range: Range; scope: string[] }
  | { kind: 'call'; head: string; range: Range; headRange: Range; scope: string[] }
  | { kind: 'options'; entries: Record<string, ValueFact>; range: Range };

const SIGNAL_RECEIVERS = new Set(['<!', 'poll', '>!']);
const CANDIDATE_HEADS = new Set([
  'Thread/sleep',
  'System/currentTimeMillis',
  'System/nanoTime',
  'Instant/now',
  'java.time.Instant/now',
  'LocalDateTime/now',
  'java.time.LocalDateTime/now',
  'UUID/randomUUID',
  'java.util.UUID/randomUUID',
  'random-uuid',
  'rand',
  'rand-int',
  'rand-nth',
  'shuffle',
  'future',
  'future-call',
  'pmap',
  'thread',
  'slurp',
  'spit',
]);

// ---- extraction -------------------------------------------------------------------------

function symbolName(node: Node, ctx: ExtractContext): string {
  const n = node.childForFieldName('name');
  return n ? ctx.text(n) : ctx.text(node);
}

function valueOf(node: Node, ctx: ExtractContext): ValueFact {
  const v: ValueFact = { text: compact(ctx.text(node)), range: ctx.range(node) };
  switch (node.type) {
    case 'str_lit':
      v.str = unescapeC(ctx.text(node).slice(1, -1));
      break;
    case 'kwd_lit':
      // `::name` needs the namespace; resolve finishes it.
      if (!v.text.startsWith('::')) v.str = v.text.slice(1);
      break;
    case 'sym_lit':
      v.ref = symbolName(node, ctx);
      break;
    case 'vec_lit':
    case 'list_lit':
      v.items = node.namedChildren.filter((c) => c.type !== 'comment').map((c) => valueOf(c, ctx));
      break;
    case 'map_lit': {
      v.entries = {};
      const kids = node.namedChildren.filter((c) => c.type !== 'comment');
      for (let i = 0; i + 1 < kids.length; i += 2) {
        if (kids[i].type === 'kwd_lit')
          v.entries[ctx.text(kids[i]).replace(/^:+/, '')] = valueOf(kids[i + 1], ctx);
      }
      break;
    }
  }
  return v;
}

/** Values of a list form after its head, skipping comments and metadata. */
function formArgs(form: Node): Node[] {
  return form.namedChildren
    .filter((c) => c.type !== 'comment' && c.type !== 'meta_lit' && c.type !== 'old_meta_lit')
    .slice(1);
}

function headOf(form: Node, ctx: ExtractContext): string | undefined {
  const head = form.namedChildren.find((c) => c.type !== 'comment' && c.type !== 'meta_lit');
  return head?.type === 'sym_lit' ? compact(ctx.text(head)) : undefined;
}

function shortHead(head: string): string {
  const slash = head.lastIndexOf('/');
  return slash > 0 ? head.slice(slash + 1) : head;
}

function paramsOf(vec: Node | undefined, ctx: ExtractContext): Parameter[] {
  if (!vec || vec.type !== 'vec_lit') return [];
  return vec.namedChildren
    .filter((c) => c.type !== 'comment')
    .map((c) => ({ name: ctx.text(c).replace(/\s+/g, ' ') }));
}

/** Keywords a query/update dispatcher compares against: (case x :a ... :b ...) and (= x :a). */
function dispatchKeywords(node: Node, ctx: ExtractContext, out: Node[]): void {
  if (node.type === 'list_lit') {
    const head = headOf(node, ctx);
    const args = formArgs(node);
    if (head === 'case' || head === 'condp') {
      const clauses = head === 'case' ? args.slice(1) : args.slice(2);
      for (let i = 0; i + 1 < clauses.length; i += 2)
        if (clauses[i].type === 'kwd_lit') out.push(clauses[i]);
    } else if (head === '=') {
      for (const a of args) if (a.type === 'kwd_lit') out.push(a);
    }
  }
  for (const c of node.namedChildren) dispatchKeywords(c, ctx, out);
}

export const clojureRules: LanguageRules<ClojureFact> = {
  language: 'clojure',
  query: QUERY_SOURCES.clojure,

  scopeName(node, ctx) {
    if (node.type !== 'list_lit') return undefined;
    const head = headOf(node, ctx);
    if (!head) return undefined;
    const short = shortHead(head);
    if (!/^(defworkflow|defactivity|defn-?|def)$/.test(short)) return undefined;
    const name = formArgs(node)[0];
    return name?.type === 'sym_lit' ? `${short}:${symbolName(name, ctx)}` : undefined;
  },

  extract(match: QueryMatch, ctx: ExtractContext, out: ClojureFact[]): void {
    const map = capture(match, 'map');
    if (map) {
      const v = valueOf(map, ctx);
      if (v.entries) out.push({ kind: 'options', entries: v.entries, range: v.range });
      return;
    }
    const form = capture(match, 'form');
    const headNode = capture(match, 'head');
    if (!form || !headNode) return;
    const head = compact(ctx.text(headNode));
    const short = shortHead(head);
    const args = formArgs(form);
    const topLevel = !!form.parent && ctx.isRoot(form.parent);
    switch (short) {
      case 'ns':
        if (topLevel && args[0]?.type === 'sym_lit')
          out.push({ kind: 'ns', name: symbolName(args[0], ctx) });
        return;
      case 'def':
        if (topLevel && args[0]?.type === 'sym_lit' && args[1]) {
          const value = valueOf(args[args.length - 1], ctx);
          if (value.str !== undefined || value.text.startsWith('::')) {
            out.push({ kind: 'def', name: symbolName(args[0], ctx), value });
          }
        }
        return;
      case 'defworkflow':
      case 'defactivity': {
        const name = args[0];
        if (name?.type !== 'sym_lit') return;
        out.push({
          kind: 'definition',
          what: short === 'defworkflow' ? 'workflow' : 'activity',
          name: symbolName(name, ctx),
          nameRange: ctx.range(name),
          range: ctx.range(form),
          params: paramsOf(args[1], ctx),
        });
        return;
      }
      case 'register-query-handler!':
      case 'register-update-handler!': {
        const kwds: Node[] = [];
        for (const a of args) dispatchKeywords(a, ctx, kwds);
        const scope = ctx.scope(form);
        for (const k of kwds) {
          out.push({
            kind: 'handler',
            handler: short === 'register-query-handler!' ? 'query' : 'update',
            name: valueOf(k, ctx),
            range: ctx.range(form),
            scope,
          });
        }
        return;
      }
    }
    if (
      SIGNAL_RECEIVERS.has(short) &&
      args[1] &&
      ['kwd_lit', 'str_lit', 'sym_lit'].includes(args[1].type)
    ) {
      out.push({
        kind: 'handler',
        handler: 'signal',
        name: valueOf(args[1], ctx),
        range: ctx.range(form),
        scope: ctx.scope(form),
      });
      return;
    }
    if (CANDIDATE_HEADS.has(head) || CANDIDATE_HEADS.has(short)) {
      out.push({
        kind: 'call',
        head,
        range: ctx.range(form),
        headRange: ctx.range(headNode),
        scope: ctx.scope(form),
      });
    }
  },

  resolve(facts: readonly ClojureFact[], _ctx: ResolveContext): RecordsBody {
    const body = emptyBody();
    const ns = facts.find((f) => f.kind === 'ns')?.name;
    /** The SDK names keywords with `namify`: `:a` -> "a", `::a` -> "<ns>/a", `:x/a` -> "x/a". */
    const nameOf = (v: ValueFact | undefined, defs: Map<string, ValueFact>): string | undefined => {
      for (let depth = 0; v && depth < 4; depth++) {
        if (v.str !== undefined) return v.str;
        if (v.text.startsWith('::')) return ns ? `${ns}/${v.text.slice(2)}` : undefined;
        v = v.ref !== undefined ? defs.get(v.ref) : undefined;
      }
      return undefined;
    };
    const defs = new Map<string, ValueFact>();
    for (const f of facts) if (f.kind === 'def') defs.set(f.name, f.value);
    for (const [name, value] of defs) {
      const s = nameOf(value, defs);
      if (s !== undefined) body.constants[name] = s;
    }
    const workflowScopes = new Set<string>();
    for (const f of facts) {
      if (f.kind !== 'definition') continue;
      const record = {
        name: f.name,
        nameSource: 'symbol' as const,
        symbol: f.name,
        range: f.range,
        nameRange: f.nameRange,
        // The SDK passes ctx first; the workflow's input is the second parameter.
        parameters: f.params.slice(1),
        runtime: 'temporal' as const,
      };
      if (f.what === 'workflow') {
        body.workflows.push(record);
        workflowScopes.add(`defworkflow:${f.name}`);
      } else {
        body.activities.push(record);
      }
    }
    const workflowOf = (scope: readonly string[]) =>
      scope[0] !== undefined && workflowScopes.has(scope[0])
        ? scope[0].slice('defworkflow:'.length)
        : undefined;
    for (const f of facts) {
      if (f.kind === 'handler') {
        const name = nameOf(f.name, defs);
        if (name === undefined) continue;
        const workflow = workflowOf(f.scope);
        body.handlers.push({
          kind: f.handler,
          name,
          nameSource: 'explicit',
          range: f.range,
          nameRange: f.name.range,
          parameters: [],
          runtime: 'temporal',
          ...(workflow !== undefined ? { workflow, workflowSymbol: workflow } : {}),
        });
      } else if (f.kind === 'call') {
        const workflow = workflowOf(f.scope);
        if (workflow === undefined) continue;
        const d = check(f.head);
        if (d)
          body.diagnostics.push(
            diagnostic(f.headRange, d.code, d.message, { workflow, fix: d.fix }),
          );
      } else if (f.kind === 'options') {
        const dispatch = f.entries.dispatch?.entries ?? f.entries;
        const refs = (v: ValueFact | undefined): RegisteredRef[] =>
          (v?.items ?? []).map((i) =>
            i.ref !== undefined ? { symbol: i.ref, range: i.range } : { range: i.range },
          );
        const queueValue = f.entries['task-queue'];
        const taskQueue = nameOf(queueValue, defs);
        const registersAll = !f.entries.dispatch && !f.entries.workflows;
        body.workers.push(
          workerRecord({
            range: f.range,
            runtime: 'temporal',
            taskQueue,
            taskQueueRef:
              taskQueue === undefined && queueValue?.ref !== undefined ? queueValue.ref : undefined,
            workflows: refs(dispatch.workflows),
            activities: refs(dispatch.activities),
            registersAll,
            complete: taskQueue !== undefined,
          }),
        );
      }
    }
    body.workflows.sort(byPosition);
    body.handlers.sort(byPosition);
    body.activities.sort(byPosition);
    body.workers.sort(byPosition);
    body.diagnostics.sort(byPosition);
    return body;
  },
};

function check(head: string): { code: string; message: string; fix: QuickFix } | undefined {
  const short = head.replace(/^clojure\.core\//, '');
  switch (short) {
    case 'Thread/sleep':
      return {
        code: DiagnosticCodes.sleep,
        message: 'Thread/sleep blocks the workflow and is not replayed; use a durable timer.',
        fix: adviceFix('Use temporal.workflow/sleep'),
      };
    case 'System/currentTimeMillis':
    case 'System/nanoTime':
    case 'Instant/now':
    case 'java.time.Instant/now':
    case 'LocalDateTime/now':
    case 'java.time.LocalDateTime/now':
      return {
        code: DiagnosticCodes.time,
        message: 'Workflow code must not read the system clock.',
        fix: adviceFix('Use temporal.side-effect/now'),
      };
    case 'UUID/randomUUID':
    case 'java.util.UUID/randomUUID':
    case 'random-uuid':
      return {
        code: DiagnosticCodes.uuid,
        message: 'Generated UUIDs differ on replay.',
        fix: adviceFix('Use temporal.side-effect/gen-uuid'),
      };
    case 'rand':
    case 'rand-int':
    case 'rand-nth':
    case 'shuffle':
      return {
        code: DiagnosticCodes.random,
        message: 'Random values differ on replay.',
        fix: adviceFix('Wrap in temporal.side-effect/invoke'),
      };
    case 'future':
    case 'future-call':
    case 'pmap':
    case 'thread':
      return {
        code: DiagnosticCodes.thread,
        message: 'Threads are not allowed in workflow code.',
        fix: adviceFix('Use temporal.promise and activities instead of threads'),
      };
    case 'slurp':
    case 'spit':
      return {
        code: DiagnosticCodes.io,
        message: 'I/O is not allowed in workflow code; move it to an activity.',
        fix: adviceFix('Move this I/O to an activity'),
      };
  }
  return undefined;
}
