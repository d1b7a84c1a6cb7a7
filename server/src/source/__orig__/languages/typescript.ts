// TypeScript/JavaScript (@temporalio/*): naming rules of the TypeScript SDK.
//  - workflow module: imports '@temporalio/workflow' and exports functions; every exported
//    function is a workflow whose type name is its exported name
//  - handlers: defineSignal/defineQuery/defineUpdate('name') attached with setHandler(...)
//  - activities: exported functions of modules importing '@temporalio/activity' or named
//    like activities (the SDK itself names them by their key in the `activities` object)
//  - workers: Worker.create({ taskQueue, workflowsPath, activities })
import { builtinModules } from 'node:module';
import * as path from 'node:path';
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
import type { HandlerDefinition, HandlerKind, Parameter, Range } from '../types';
import {
  DiagnosticCodes,
  adviceFix,
  byPosition,
  diagnostic,
  isQualifiedName,
  lastName,
  ref,
  scopedLookup,
  taskQueueOf,
  unescapeC,
  workerRecord,
  type ValueFact,
} from './common';

interface ImportFact {
  kind: 'import';
  source: string;
  sourceRange: Range;
  typeOnly: boolean;
  bindings: { local: string; imported: string }[];
}

interface FunctionFact {
  kind: 'function';
  name: string;
  nameRange: Range;
  range: Range;
  params: Parameter[];
  exported: boolean;
  topLevel: boolean;
}

interface VariableFact {
  kind: 'variable';
  name: string;
  value: ValueFact;
  scope: string[];
  topLevel: boolean;
}

interface CallFact {
  kind: 'call';
  callee: string;
  range: Range;
  args: ValueFact[];
  /** Variable the call's result is assigned to. */
  assignedTo?: string;
  /** Parameters of a function passed as second argument (setHandler's handler). */
  handlerParams?: Parameter[];
  scope: string[];
}

type TsFact =
  | ImportFact
  | FunctionFact
  | VariableFact
  | CallFact
  | { kind: 'reexport'; source: string }
  | { kind: 'exportClause'; names: { local: string; exported: string }[] }
  | { kind: 'require'; source: string; sourceRange: Range };

const KINDS = new Set([
  'import',
  'reexport',
  'export_clause',
  'function',
  'function_var',
  'variable',
  'call',
]);
const KEEP_CALLS = new Set(['defineSignal', 'defineQuery', 'defineUpdate', 'setHandler', 'create']);

// ---- extraction -------------------------------------------------------------------------

function stringValue(node: Node, ctx: ExtractContext): string | undefined {
  if (node.type === 'string') {
    let out = '';
    for (const c of node.namedChildren) {
      if (c.type === 'string_fragment') out += ctx.text(c);
      else if (c.type === 'escape_sequence') out += unescapeC(ctx.text(c));
    }
    return out;
  }
  if (node.type === 'template_string') {
    let out = '';
    for (const c of node.namedChildren) {
      if (c.type === 'string_fragment') out += ctx.text(c);
      else if (c.type === 'escape_sequence') out += unescapeC(ctx.text(c));
      else return undefined;
    }
    return out;
  }
  return undefined;
}

/** `process.env.NAME` or `process.env['NAME']` -> NAME. */
function envName(node: Node, ctx: ExtractContext): string | undefined {
  const obj = node.childForFieldName('object');
  if (!obj || compact(ctx.text(obj)) !== 'process.env') return undefined;
  if (node.type === 'member_expression') {
    const p = node.childForFieldName('property');
    return p ? ctx.text(p) : undefined;
  }
  if (node.type === 'subscript_expression') {
    const i = node.childForFieldName('index');
    return i ? stringValue(i, ctx) : undefined;
  }
  return undefined;
}

/** Module located by `require.resolve('./x')`, `path.join(__dirname, 'x')`, `new URL('./x', import.meta.url)`. */
function moduleSpec(node: Node, ctx: ExtractContext): string | undefined {
  const unwrap = (n: Node): Node => {
    while (
      n.type === 'parenthesized_expression' ||
      n.type === 'as_expression' ||
      n.type === 'await_expression'
    ) {
      const inner = n.namedChildren[0];
      if (!inner) break;
      n = inner;
    }
    return n;
  };
  node = unwrap(node);
  if (node.type === 'member_expression') {
    // new URL(...).pathname
    const obj = node.childForFieldName('object');
    const prop = node.childForFieldName('property');
    if (obj && prop && ctx.text(prop) === 'pathname') return moduleSpec(obj, ctx);
    return undefined;
  }
  if (node.type === 'new_expression') {
    const ctor = node.childForFieldName('constructor');
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    if (
      ctor &&
      ctx.text(ctor) === 'URL' &&
      args.length === 2 &&
      compact(ctx.text(args[1])) === 'import.meta.url'
    ) {
      return stringValue(args[0], ctx);
    }
    return undefined;
  }
  if (node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  const callee = fn ? compact(ctx.text(fn)) : '';
  if (callee === 'require.resolve' && args[0]) return stringValue(args[0], ctx);
  if (callee === 'fileURLToPath' || callee === 'url.fileURLToPath')
    return args[0] ? moduleSpec(args[0], ctx) : undefined;
  if (
    (callee === 'path.join' ||
      callee === 'path.resolve' ||
      callee === 'join' ||
      callee === 'resolve') &&
    args.length > 1
  ) {
    if (ctx.text(args[0]) !== '__dirname') return undefined;
    const parts: string[] = [];
    for (const a of args.slice(1)) {
      const s = stringValue(a, ctx);
      if (s === undefined) return undefined;
      parts.push(s);
    }
    return `./${path.posix.join(...parts)}`;
  }
  return undefined;
}

function valueOf(node: Node, ctx: ExtractContext, depth = 0): ValueFact {
  const v: ValueFact = { text: compact(ctx.text(node)), range: ctx.range(node) };
  if (depth > 6) return v;
  switch (node.type) {
    case 'string':
    case 'template_string': {
      const s = stringValue(node, ctx);
      if (s !== undefined) v.str = s;
      break;
    }
    case 'identifier':
    case 'shorthand_property_identifier':
      v.ref = ctx.text(node);
      break;
    case 'member_expression':
    case 'subscript_expression': {
      const env = envName(node, ctx);
      if (env !== undefined) v.env = env;
      else if (isQualifiedName(v.text)) v.ref = lastName(v.text);
      const mod = moduleSpec(node, ctx);
      if (mod !== undefined) v.module = mod;
      break;
    }
    case 'binary_expression': {
      // process.env.X ?? 'default'
      const op = node.childForFieldName('operator');
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (op && left && right && (ctx.text(op) === '??' || ctx.text(op) === '||')) {
        const env = envName(left, ctx);
        const fallback = stringValue(right, ctx);
        if (env !== undefined && fallback !== undefined) {
          v.str = fallback;
          v.env = env;
        }
      }
      break;
    }
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
    case 'await_expression': {
      const inner = node.namedChildren[0];
      if (inner) return { ...valueOf(inner, ctx, depth + 1), text: v.text, range: v.range };
      break;
    }
    case 'call_expression':
    case 'new_expression': {
      const mod = moduleSpec(node, ctx);
      if (mod !== undefined) v.module = mod;
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (fn && args) {
        v.call = {
          callee: compact(ctx.text(fn)),
          args: args.namedChildren
            .filter((a) => a.type !== 'comment')
            .map((a) => valueOf(a, ctx, depth + 1)),
        };
      }
      break;
    }
    case 'array':
      v.items = node.namedChildren
        .filter((c) => c.type !== 'comment')
        .map((c) => valueOf(c, ctx, depth + 1));
      break;
    case 'object': {
      v.items = [];
      v.entries = {};
      for (const p of node.namedChildren) {
        if (p.type === 'pair') {
          const key = p.childForFieldName('key');
          const value = p.childForFieldName('value');
          if (!key || !value) continue;
          const k =
            key.type === 'string' ? (stringValue(key, ctx) ?? ctx.text(key)) : ctx.text(key);
          const pv = valueOf(value, ctx, depth + 1);
          v.entries[k] = pv;
          v.items.push(pv.ref !== undefined ? pv : { text: k, range: ctx.range(key), ref: k });
        } else if (p.type === 'shorthand_property_identifier') {
          const pv = valueOf(p, ctx, depth + 1);
          v.entries[ctx.text(p)] = pv;
          v.items.push(pv);
        } else if (p.type === 'method_definition') {
          const key = p.childForFieldName('name');
          if (key) v.items.push({ text: ctx.text(key), range: ctx.range(key), ref: ctx.text(key) });
        } else if (p.type !== 'comment') {
          // Spread or computed member: not statically visible.
          v.items.push({ text: compact(ctx.text(p)), range: ctx.range(p) });
        }
      }
      break;
    }
  }
  return v;
}

function parametersOf(params: Node, ctx: ExtractContext): Parameter[] {
  const out: Parameter[] = [];
  for (const p of params.namedChildren) {
    if (p.type !== 'required_parameter' && p.type !== 'optional_parameter') {
      // JavaScript in the TSX grammar: plain identifiers and patterns.
      if (p.type === 'identifier' || p.type === 'assignment_pattern' || p.type === 'rest_pattern') {
        out.push({
          name: compact(
            ctx.text(p.type === 'assignment_pattern' ? (p.childForFieldName('left') ?? p) : p),
          ),
        });
      }
      continue;
    }
    const pattern = p.childForFieldName('pattern');
    if (!pattern) continue;
    const name = ctx.text(pattern);
    const type = p.childForFieldName('type');
    const typeText = type ? ctx.text(type).replace(/^:\s*/, '') : undefined;
    const optional = p.type === 'optional_parameter' || p.childForFieldName('value') !== null;
    const param: Parameter = { name: optional && !name.startsWith('...') ? `${name}?` : name };
    if (typeText !== undefined) param.type = typeText;
    out.push(param);
  }
  return out;
}

function isExported(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'export_statement') return true;
  // export const f = ... : declarator -> lexical_declaration -> export_statement
  return parent.type === 'lexical_declaration' && parent.parent?.type === 'export_statement';
}

function isTopLevel(node: Node): boolean {
  let n: Node | null = node.parent;
  while (
    n &&
    (n.type === 'export_statement' ||
      n.type === 'lexical_declaration' ||
      n.type === 'variable_declaration')
  ) {
    n = n.parent;
  }
  // The root, whatever its type (it is ERROR when the file does not parse).
  return !!n && n.parent === null;
}

function extractImport(node: Node, ctx: ExtractContext, out: TsFact[]): void {
  const source = node.childForFieldName('source');
  const value = source ? stringValue(source, ctx) : undefined;
  if (!source || value === undefined) return;
  const bindings: { local: string; imported: string }[] = [];
  let typeOnly = node.children.some((c) => c.type === 'type');
  let valueSpecifiers = 0;
  let typeSpecifiers = 0;
  const clause = node.namedChildren.find((c) => c.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (part.type === 'identifier') {
      bindings.push({ local: ctx.text(part), imported: 'default' });
      valueSpecifiers++;
    } else if (part.type === 'namespace_import') {
      const id = part.namedChildren.find((c) => c.type === 'identifier');
      if (id) bindings.push({ local: ctx.text(id), imported: '*' });
      valueSpecifiers++;
    } else if (part.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        if (spec.type !== 'import_specifier') continue;
        const name = spec.childForFieldName('name');
        const alias = spec.childForFieldName('alias');
        if (!name) continue;
        bindings.push({ local: ctx.text(alias ?? name), imported: ctx.text(name) });
        if (spec.children.some((c) => c.type === 'type')) typeSpecifiers++;
        else valueSpecifiers++;
      }
    }
  }
  // `import { type A, type B } from 'x'` is erased like `import type`; `import 'x'` is not.
  if (valueSpecifiers === 0 && typeSpecifiers > 0) typeOnly = true;
  out.push({ kind: 'import', source: value, sourceRange: ctx.range(source), typeOnly, bindings });
}

export const typescriptRules: LanguageRules<TsFact> = {
  language: 'typescript',
  query: QUERY_SOURCES.typescript,

  scopeName(node, ctx) {
    switch (node.type) {
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'method_definition':
      case 'class_declaration': {
        const n = node.childForFieldName('name');
        return n ? ctx.text(n) : undefined;
      }
      case 'variable_declarator': {
        const value = node.childForFieldName('value');
        const n = node.childForFieldName('name');
        if (
          n &&
          value &&
          (value.type === 'arrow_function' || value.type === 'function_expression')
        ) {
          return ctx.text(n);
        }
        return undefined;
      }
      case 'arrow_function':
      case 'function_expression':
        // Anonymous functions get a scope too, so their locals do not leak to the module.
        return node.parent?.type === 'variable_declarator' ? undefined : '<anonymous>';
    }
    return undefined;
  },

  extract(match: QueryMatch, ctx: ExtractContext, out: TsFact[]): void {
    const kind = match.captures.find((c) => KINDS.has(c.name));
    if (!kind) return;
    const node = kind.node;
    switch (kind.name) {
      case 'import':
        extractImport(node, ctx, out);
        return;
      case 'reexport': {
        const source = capture(match, 'source');
        const value = source ? stringValue(source, ctx) : undefined;
        if (value !== undefined) out.push({ kind: 'reexport', source: value });
        return;
      }
      case 'export_clause': {
        const clause = capture(match, 'clause');
        if (!clause || !node.parent || !ctx.isRoot(node.parent)) return;
        const names: { local: string; exported: string }[] = [];
        for (const spec of clause.namedChildren) {
          if (spec.type !== 'export_specifier') continue;
          const name = spec.childForFieldName('name');
          const alias = spec.childForFieldName('alias');
          if (name) names.push({ local: ctx.text(name), exported: ctx.text(alias ?? name) });
        }
        out.push({ kind: 'exportClause', names });
        return;
      }
      case 'function':
      case 'function_var': {
        const name = capture(match, 'name');
        const fnNode = kind.name === 'function' ? node : capture(match, 'value');
        const params =
          kind.name === 'function'
            ? capture(match, 'params')
            : fnNode?.childForFieldName('parameters');
        if (!name || !fnNode) return;
        const rangeNode = kind.name === 'function' ? node : (node.parent ?? node);
        out.push({
          kind: 'function',
          name: ctx.text(name),
          nameRange: ctx.range(name),
          range: ctx.range(
            rangeNode.parent?.type === 'export_statement' ? rangeNode.parent : rangeNode,
          ),
          params: params ? parametersOf(params, ctx) : [],
          exported: isExported(node),
          topLevel: isTopLevel(node),
        });
        return;
      }
      case 'variable': {
        const name = capture(match, 'name');
        const value = capture(match, 'value');
        if (!name || !value) return;
        if (value.type === 'arrow_function' || value.type === 'function_expression') return;
        const v = valueOf(value, ctx);
        if (
          v.str === undefined &&
          v.ref === undefined &&
          v.module === undefined &&
          v.env === undefined
        )
          return;
        out.push({
          kind: 'variable',
          name: ctx.text(name),
          value: v,
          scope: ctx.scope(node),
          topLevel: isTopLevel(node),
        });
        return;
      }
      case 'call': {
        const callee = capture(match, 'callee');
        const args = capture(match, 'args');
        if (!callee || !args) return;
        const calleeText = compact(ctx.text(callee));
        const argNodes = args.namedChildren.filter((a) => a.type !== 'comment');
        if (calleeText === 'require') {
          const spec = argNodes[0] ? stringValue(argNodes[0], ctx) : undefined;
          if (spec !== undefined && argNodes[0]) {
            out.push({ kind: 'require', source: spec, sourceRange: ctx.range(argNodes[0]) });
          }
          return;
        }
        // Keep what resolve needs: define*/setHandler/Worker.create, or aliases of them
        // (which take a string name first).
        const first = argNodes[0];
        if (
          !KEEP_CALLS.has(lastName(calleeText)) &&
          !(first && (first.type === 'string' || first.type === 'template_string'))
        ) {
          return;
        }
        const fact: CallFact = {
          kind: 'call',
          callee: calleeText,
          range: ctx.range(node),
          args: argNodes.map((a) => valueOf(a, ctx)),
          scope: ctx.scope(node),
        };
        let parent = node.parent;
        while (
          parent &&
          (parent.type === 'as_expression' || parent.type === 'parenthesized_expression')
        ) {
          parent = parent.parent;
        }
        if (parent?.type === 'variable_declarator') {
          const n = parent.childForFieldName('name');
          if (n) fact.assignedTo = ctx.text(n);
        }
        const handler = argNodes[1];
        if (
          handler &&
          (handler.type === 'arrow_function' || handler.type === 'function_expression')
        ) {
          const p = handler.childForFieldName('parameters');
          if (p) fact.handlerParams = parametersOf(p, ctx);
          else {
            const single = handler.childForFieldName('parameter');
            if (single) fact.handlerParams = [{ name: ctx.text(single) }];
          }
        }
        out.push(fact);
        return;
      }
    }
  },

  resolve(facts: readonly TsFact[], ctx: ResolveContext): RecordsBody {
    return resolveTypescript(facts, ctx);
  },
};

// ---- resolution -------------------------------------------------------------------------

const WORKFLOW_PKG = '@temporalio/workflow';
const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const DEFINE_KINDS: Record<string, HandlerKind> = {
  defineSignal: 'signal',
  defineQuery: 'query',
  defineUpdate: 'update',
};
const SOURCE_EXTENSIONS = /\.(d\.)?([cm]?[jt]sx?)$/;

/** Absolute module path (without extension) of a relative specifier, as the index keys files. */
export function resolveModulePath(spec: string, filePath: string | undefined): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  if (!filePath) return spec.replace(SOURCE_EXTENSIONS, '');
  return path.resolve(path.dirname(filePath), spec).replace(SOURCE_EXTENSIONS, '');
}

function isNodeBuiltin(source: string): boolean {
  if (source.startsWith('node:')) return true;
  return NODE_BUILTINS.has(source) || NODE_BUILTINS.has(source.split('/')[0]);
}

function resolveTypescript(facts: readonly TsFact[], ctx: ResolveContext): RecordsBody {
  const body = emptyBody();
  const imports: ImportFact[] = [];
  const requires: { source: string; sourceRange: Range }[] = [];
  const functions: FunctionFact[] = [];
  const variables: VariableFact[] = [];
  const calls: CallFact[] = [];
  const exportNames = new Map<string, string>(); // exported name -> local name
  const bindings = new Map<string, { source: string; imported: string }>();
  for (const f of facts) {
    switch (f.kind) {
      case 'import':
        imports.push(f);
        for (const b of f.bindings)
          bindings.set(b.local, { source: f.source, imported: b.imported });
        break;
      case 'require':
        requires.push(f);
        break;
      case 'reexport': {
        const m = resolveModulePath(f.source, ctx.filePath);
        if (m !== undefined && !body.reexports.includes(m)) body.reexports.push(m);
        break;
      }
      case 'exportClause':
        for (const n of f.names) exportNames.set(n.exported, n.local);
        break;
      case 'function':
        functions.push(f);
        break;
      case 'variable':
        variables.push(f);
        if (f.topLevel && f.value.str !== undefined && f.value.env === undefined)
          body.constants[f.name] = f.value.str;
        break;
      case 'call':
        calls.push(f);
        break;
    }
  }

  /** `pkg:name.rest` for callees bound by imports, else the callee as written. */
  const canonical = (callee: string): string => {
    const dot = callee.indexOf('.');
    const first = dot < 0 ? callee : callee.slice(0, dot);
    const rest = dot < 0 ? '' : callee.slice(dot + 1);
    const b = bindings.get(first);
    if (!b) return callee;
    if (b.imported === '*') return `${b.source}:${rest}`;
    return `${b.source}:${b.imported}${rest ? `.${rest}` : ''}`;
  };

  // Exported top-level functions, by exported name.
  const exported: { exportName: string; fn: FunctionFact }[] = [];
  for (const fn of functions)
    if (fn.exported && fn.topLevel) exported.push({ exportName: fn.name, fn });
  if (exportNames.size > 0) {
    const exportedNames = new Set(exported.map((e) => e.exportName));
    const topLevelFunctions = new Map(functions.filter((f) => f.topLevel).map((f) => [f.name, f]));
    for (const [exportName, local] of exportNames) {
      const fn = topLevelFunctions.get(local);
      if (fn && !exportedNames.has(exportName)) exported.push({ exportName, fn });
    }
  }

  const importsWorkflowPkg = imports.some((i) => i.source === WORKFLOW_PKG);
  const isWorkflowModule = importsWorkflowPkg && exported.length > 0;
  const base = ctx.filePath ? path.basename(ctx.filePath) : ctx.uri;
  const isActivityModule =
    !isWorkflowModule &&
    (imports.some((i) => i.source === '@temporalio/activity') || /activit/i.test(base));

  const workflowByLocal = new Map<string, { name: string; symbol: string }>();
  if (isWorkflowModule) {
    for (const { exportName, fn } of exported) {
      body.workflows.push({
        name: exportName,
        nameSource: 'symbol',
        symbol: fn.name,
        range: fn.range,
        nameRange: fn.nameRange,
        parameters: fn.params,
        runtime: 'temporal',
      });
      if (!workflowByLocal.has(fn.name))
        workflowByLocal.set(fn.name, { name: exportName, symbol: fn.name });
    }
  } else if (isActivityModule) {
    for (const { exportName, fn } of exported) {
      body.activities.push({
        name: exportName,
        nameSource: 'symbol',
        symbol: fn.name,
        range: fn.range,
        nameRange: fn.nameRange,
        parameters: fn.params,
        runtime: 'temporal',
      });
    }
  }

  // define* calls, by the variable they are assigned to.
  interface Define {
    kind: HandlerKind;
    name: string;
    nameRange: Range;
    range: Range;
    symbol?: string;
    used: boolean;
  }
  const defines: Define[] = [];
  const defineOf = (
    c: { callee: string; args: ValueFact[] },
    range: Range,
    symbol?: string,
  ): Define | undefined => {
    const cn = canonical(c.callee);
    if (!cn.startsWith(`${WORKFLOW_PKG}:`)) return undefined;
    const kind = DEFINE_KINDS[cn.slice(WORKFLOW_PKG.length + 1)];
    const nameArg = c.args[0];
    if (!kind || nameArg?.str === undefined) return undefined;
    const d: Define = { kind, name: nameArg.str, nameRange: nameArg.range, range, used: false };
    if (symbol !== undefined) d.symbol = symbol;
    return d;
  };
  const definesBySymbol = new Map<string, Define>();
  const definesByRange = new Map<string, Define>();
  const rangeKey = (r: Range) =>
    `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
  for (const call of calls) {
    const d = defineOf(call, call.range, call.assignedTo);
    if (!d) continue;
    defines.push(d);
    if (d.symbol !== undefined && !definesBySymbol.has(d.symbol)) definesBySymbol.set(d.symbol, d);
    definesByRange.set(rangeKey(d.range), d);
  }

  // setHandler(def, fn) inside workflow functions.
  for (const call of calls) {
    if (canonical(call.callee) !== `${WORKFLOW_PKG}:setHandler`) continue;
    const target = call.args[0];
    if (!target) continue;
    const owner = call.scope.length > 0 ? workflowByLocal.get(call.scope[0]) : undefined;
    let def: Define | undefined;
    // Inline `setHandler(defineQuery('x'), ...)`: the define call is also a fact of its own.
    if (target.call)
      def = definesByRange.get(rangeKey(target.range)) ?? defineOf(target.call, target.range);
    else if (target.ref !== undefined) def = definesBySymbol.get(target.ref);
    const parameters = call.handlerParams ?? [];
    if (def) {
      def.used = true;
      const h: HandlerDefinition = {
        kind: def.kind,
        name: def.name,
        nameSource: 'explicit',
        range: call.range,
        nameRange: target.range,
        parameters,
        runtime: 'temporal',
      };
      if (def.symbol !== undefined) h.symbol = def.symbol;
      if (owner) {
        h.workflow = owner.name;
        h.workflowSymbol = owner.symbol;
      }
      body.handlers.push(h);
    } else if (owner && target.ref !== undefined && isQualifiedName(target.text)) {
      const imported = bindings.get(target.text.split('.')[0]);
      const module = imported ? resolveModulePath(imported.source, ctx.filePath) : undefined;
      body.handlerRefs.push({
        symbol: lastName(target.text),
        ...(module !== undefined ? { module } : {}),
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
  for (const d of defines) {
    if (d.used) continue;
    const h: HandlerDefinition = {
      kind: d.kind,
      name: d.name,
      nameSource: 'explicit',
      range: d.range,
      nameRange: d.nameRange,
      parameters: [],
      runtime: 'temporal',
    };
    if (d.symbol !== undefined) h.symbol = d.symbol;
    body.handlers.push(h);
  }

  // Workers.
  for (const call of calls) {
    const cn = canonical(call.callee);
    if (cn !== '@temporalio/worker:Worker.create' && call.callee !== 'Worker.create') continue;
    const lookup = scopedLookup(variables, call.scope);
    let options = call.args[0];
    if (options?.ref !== undefined && !options.entries) options = lookup(options.ref) ?? options;
    const entries = options?.entries ?? {};
    const queue = taskQueueOf(entries.taskQueue, lookup);
    let complete = queue.known && !!options?.entries;
    let workflowsModule: string | undefined;
    let wp = entries.workflowsPath;
    if (wp?.ref !== undefined && wp.module === undefined) wp = lookup(wp.ref) ?? wp;
    if (wp?.module !== undefined)
      workflowsModule = resolveModulePath(wp.module, ctx.filePath) ?? wp.module;
    else if (wp?.str !== undefined)
      workflowsModule = resolveModulePath(wp.str, ctx.filePath) ?? wp.str;
    else complete = false;
    const activities = [];
    const acts = entries.activities;
    if (acts?.items) {
      for (const item of acts.items) {
        const r = ref(item.text, item.range);
        if (r.symbol === undefined) complete = false;
        activities.push(r);
      }
    } else if (acts?.ref !== undefined) {
      activities.push(ref(acts.text, acts.range));
    }
    body.workers.push(
      workerRecord({
        range: call.range,
        runtime: 'temporal',
        taskQueue: queue.taskQueue,
        taskQueueRef: queue.taskQueueRef,
        taskQueueEnv: queue.taskQueueEnv,
        workflowsModule,
        workflows: [],
        activities,
        complete,
      }),
    );
  }

  // Workflow modules run in a deterministic sandbox that cannot load Node built-ins.
  if (isWorkflowModule) {
    const flagged = [
      ...imports
        .filter((i) => !i.typeOnly)
        .map((i) => ({ source: i.source, range: i.sourceRange })),
      ...requires.map((r) => ({ source: r.source, range: r.sourceRange })),
    ];
    for (const { source, range } of flagged) {
      if (!isNodeBuiltin(source)) continue;
      body.diagnostics.push(
        diagnostic(
          range,
          DiagnosticCodes.nodeBuiltin,
          `Workflow modules cannot use the Node.js built-in '${source}'; do this work in an activity.`,
          { fix: adviceFix('Move this code to an activity and call it with proxyActivities') },
        ),
      );
    }
  }

  body.workflows.sort(byPosition);
  body.handlers.sort(byPosition);
  body.handlerRefs.sort(byPosition);
  body.activities.sort(byPosition);
  body.workers.sort(byPosition);
  body.diagnostics.sort(byPosition);
  return body;
}
