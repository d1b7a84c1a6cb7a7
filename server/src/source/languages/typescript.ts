// TypeScript/JavaScript (@temporalio/*): naming rules of the TypeScript SDK.
//  - workflow module: imports '@temporalio/workflow' and exports functions; every exported
//    function is a workflow whose type name is its exported name
//  - handlers: defineSignal/defineQuery/defineUpdate('name') attached with setHandler(...)
//  - activities: exported functions of modules importing '@temporalio/activity' or named
//    like activities (the SDK itself names them by their key in the `activities` object)
//  - workers: Worker.create({ taskQueue, workflowsPath, activities })
//  - duroxide's Node binding: runtime.registerOrchestration('Name', fn) and the like
import * as path from 'node:path';
import { nodeBuiltinImports } from '../determinism/typescript';
import { toParameters, type FunctionFact, type ValueFact } from '../facts';
import type { LanguageRules } from '../languageRules';
import { envName, moduleSpec, readObject, resolveModulePath } from '../values/typescript';
import {
  callHandler,
  defined,
  definitionOf,
  emptyBody,
  entry,
  FileFacts,
  ref,
  sortBody,
  taskQueueOf,
  workerRecord,
} from '../resolve';
import { durableRegistrations, type DurableBindingNames } from '../durableRegistrations';
import { isQualifiedName, lastName } from '../syntax';
import type { HandlerDefinition, HandlerKind, Range, RegisteredRef } from '../types';

const WORKFLOW_PKG = '@temporalio/workflow';
const DEFINE_KINDS: Record<string, HandlerKind> = {
  defineSignal: 'signal',
  defineQuery: 'query',
  defineUpdate: 'update',
};
const DUROXIDE: DurableBindingNames = {
  orchestration: /^registerOrchestration(Versioned)?(Typed)?$/,
  activity: /^registerActivity(Typed)?$/,
  events: /^(waitForEvent|dequeueEvent)(Typed)?$/,
};
const rangeKey = (r: Range) =>
  `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;

export const typescriptRules: LanguageRules = {
  language: 'typescript',
  syntax: {
    strings: {
      string: { content: ['string_fragment'], escape: { type: 'escape_sequence', style: 'c' } },
      template_string: {
        content: ['string_fragment'],
        escape: { type: 'escape_sequence', style: 'c' },
        dynamic: ['template_substitution'],
      },
    },
    values: {
      ref: ['shorthand_property_identifier', 'member_expression', 'subscript_expression'],
      unwrap: [
        'parenthesized_expression',
        'as_expression',
        'satisfies_expression',
        'non_null_expression',
        'await_expression',
      ],
      call: ['call_expression'],
      list: ['array'],
    },
    readValue(node, v, read) {
      if (node.type === 'member_expression' || node.type === 'subscript_expression') {
        const env = envName(node, read);
        if (env !== undefined) {
          v.env = env;
          delete v.ref;
        }
      } else if (node.type === 'binary_expression') {
        // process.env.X ?? 'default'
        const op = node.childForFieldName('operator');
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!op || !left || !right || !['??', '||'].includes(read.text(op))) return;
        const env = envName(left, read);
        const fallback = read.string(right);
        if (env !== undefined && fallback !== undefined) {
          v.str = fallback;
          v.env = env;
        }
      } else if (node.type === 'object') readObject(node, v, read);
      const mod = moduleSpec(node, read);
      if (mod !== undefined) v.module = mod;
    },
    wrappers: ['export_statement', 'lexical_declaration', 'variable_declaration', 'export_clause'],
    transparent: ['as_expression', 'parenthesized_expression'],
  },

  resolve(facts, ctx) {
    const file = new FileFacts(facts, (v) => v.topLevel);
    const body = emptyBody();
    body.constants = { ...file.constants };
    const canonical = (name: string) => file.canonical(name);
    const imports = file.imports.filter((i) => i.local === undefined && !i.wildcard);
    const statements = imports.filter((i) => !('import.require' in (i.props ?? {})));
    const sourceOf = new Map(file.imports.map((i) => [i.local, i.path]));

    // Exported top-level functions, by exported name.
    const exportNames = new Map<string, string>(); // exported name -> local name
    for (const e of file.exports) {
      if (e.path !== undefined) {
        const m = resolveModulePath(e.path, ctx.filePath);
        if (m !== undefined && e.local !== undefined && e.exported !== undefined)
          (body.reexportNames ??= []).push({ module: m, local: e.local, exported: e.exported });
        else if (m !== undefined && !body.reexports.includes(m)) body.reexports.push(m);
      } else if (e.exported !== undefined && e.topLevel) exportNames.set(e.exported, e.local!);
    }
    const topLevel = file.functions.filter((f) => f.topLevel);
    const exported: { exportName: string; fn: FunctionFact }[] = topLevel
      .filter((f) => 'exported' in (f.props ?? {}))
      .map((fn) => ({ exportName: fn.name, fn }));
    const byName = new Map(topLevel.map((f) => [f.name, f]));
    for (const [exportName, local] of exportNames) {
      const fn = byName.get(local);
      if (fn && !exported.some((e) => e.exportName === exportName))
        exported.push({ exportName, fn });
    }
    const isWorkflowModule = statements.some((i) => i.path === WORKFLOW_PKG) && exported.length > 0;
    const base = ctx.filePath ? path.basename(ctx.filePath) : ctx.uri;
    const isActivityModule =
      !isWorkflowModule &&
      (statements.some((i) => i.path === '@temporalio/activity') || /activit/i.test(base));
    const workflowByLocal = new Map<string, { name: string; symbol: string }>();
    for (const { exportName, fn } of isWorkflowModule || isActivityModule ? exported : []) {
      const parameters = toParameters(fn.params);
      const record = definitionOf(fn, undefined, { parameters, fallback: exportName });
      if (isActivityModule) body.activities.push(record);
      else body.workflows.push(record);
      if (!isActivityModule && !workflowByLocal.has(fn.name)) workflowByLocal.set(fn.name, record);
    }

    // define* calls, by the variable they are assigned to (or their range when inline).
    const defineOf = (c: { callee: string; args: ValueFact[] }, range: Range, symbol?: string) => {
      const cn = canonical(c.callee);
      const kind = cn.startsWith(`${WORKFLOW_PKG}.`)
        ? entry(DEFINE_KINDS, cn.slice(WORKFLOW_PKG.length + 1))
        : undefined;
      const name = c.args[0];
      if (!kind || name?.str === undefined) return undefined;
      return callHandler(kind, name.str, range, name.range, { symbol });
    };
    const defines = new Map<string, HandlerDefinition>(); // by range
    const definesBySymbol = new Map<string, HandlerDefinition>();
    for (const call of file.calls) {
      const d = defineOf(call, call.range, call.assignedTo);
      if (!d) continue;
      defines.set(rangeKey(d.range), d);
      if (d.symbol !== undefined && !definesBySymbol.has(d.symbol))
        definesBySymbol.set(d.symbol, d);
    }
    const used = new Set<HandlerDefinition>();

    // setHandler(def, fn) inside workflow functions.
    for (const call of file.calls) {
      const target = call.args[0];
      if (canonical(call.callee) !== `${WORKFLOW_PKG}.setHandler` || !target) continue;
      const owner = call.scope.length > 0 ? workflowByLocal.get(call.scope[0]) : undefined;
      // Inline `setHandler(defineQuery('x'), ...)`: the define call is also a fact of its own.
      const def = target.call
        ? (defines.get(rangeKey(target.range)) ?? defineOf(target.call, target.range))
        : target.ref !== undefined
          ? definesBySymbol.get(target.ref)
          : undefined;
      const parameters = toParameters(call.handlerParams ?? []);
      const where = { workflow: owner?.name, workflowSymbol: owner?.symbol, parameters };
      if (def) {
        used.add(def);
        const extra = { ...where, symbol: def.symbol };
        body.handlers.push(callHandler(def.kind, def.name, call.range, target.range, extra));
      } else if (owner && target.ref !== undefined && isQualifiedName(target.text)) {
        const source = sourceOf.get(target.text.split('.')[0]);
        const module = source !== undefined ? resolveModulePath(source, ctx.filePath) : undefined;
        body.handlerRefs.push({
          symbol: lastName(target.text),
          ...defined({ module }),
          workflow: owner.name,
          workflowSymbol: owner.symbol,
          range: call.range,
          nameRange: target.range,
          parameters,
          runtime: 'temporal',
        });
      }
    }
    // Definitions nobody attaches here (shared definition modules).
    for (const d of defines.values()) if (!used.has(d)) body.handlers.push(d);

    // Workers; a prebuilt bundle names its workflowsPath in bundleWorkflowCode({ ... }).
    const bundles = file.calls
      .filter((c) => canonical(c.callee) === '@temporalio/worker.bundleWorkflowCode')
      .flatMap((c) => c.args[0]?.entries?.workflowsPath ?? []);
    for (const call of file.calls) {
      const cn = canonical(call.callee);
      if (cn !== '@temporalio/worker.Worker.create' && call.callee !== 'Worker.create') continue;
      const bundlePath = bundles.length === 1 ? bundles[0] : undefined;
      const lookup = file.lookup(call.scope);
      let options = call.args[0];
      if (options?.ref !== undefined && !options.entries) options = lookup(options.ref) ?? options;
      const entries = options?.entries ?? {};
      const queue = taskQueueOf(entries.taskQueue, lookup);
      let complete = queue.known && !!options?.entries;
      let workflowsModule: string | undefined;
      // workflowBundle: the bundleWorkflowCode({ workflowsPath }) call of this file.
      let wp = entries.workflowsPath ?? (entries.workflowBundle ? bundlePath : undefined);
      if (wp?.ref !== undefined && wp.module === undefined) wp = lookup(wp.ref) ?? wp;
      const spec = wp?.module ?? wp?.str;
      if (spec !== undefined) workflowsModule = resolveModulePath(spec, ctx.filePath) ?? spec;
      else complete = false;
      const activities: RegisteredRef[] = [];
      const acts = entries.activities;
      for (const item of acts?.items ?? (acts?.ref !== undefined ? [acts] : [])) {
        const r = ref(item.text, item.range);
        if (r.symbol === undefined && acts?.items) complete = false;
        activities.push(r);
      }
      body.workers.push(
        workerRecord({
          range: call.range,
          ...queue,
          workflowsModule,
          workflows: [],
          activities,
          complete,
        }),
      );
    }

    durableRegistrations(file, body, DUROXIDE);
    if (isWorkflowModule) body.diagnostics.push(...nodeBuiltinImports(file, imports));
    return sortBody(body);
  },
};
