// How TypeScript/JavaScript code writes the values the naming rules read: environment lookups,
// module locations (workflowsPath), object literals (Worker options, activities objects).
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { ValueFact } from '../facts';
import { compact, type ValueReader } from '../syntax';

const SOURCE_EXTENSIONS = /\.(d\.)?([cm]?[jt]sx?)$/;

/** Absolute module path (without extension) of a relative specifier, as the index keys files. */
export function resolveModulePath(spec: string, filePath: string | undefined): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  if (!filePath) return spec.replace(SOURCE_EXTENSIONS, '');
  return path.resolve(path.dirname(filePath), spec).replace(SOURCE_EXTENSIONS, '');
}

/** `process.env.NAME` or `process.env['NAME']` -> NAME. */
export function envName(node: Node, read: ValueReader): string | undefined {
  const obj = node.childForFieldName('object');
  if (!obj || compact(read.text(obj)) !== 'process.env') return undefined;
  const key = node.childForFieldName(node.type === 'member_expression' ? 'property' : 'index');
  if (!key) return undefined;
  return node.type === 'member_expression' ? read.text(key) : read.string(key);
}

/** Module located by `require.resolve('./x')`, `path.join(__dirname, 'x')`, `new URL('./x', import.meta.url)`. */
export function moduleSpec(node: Node, read: ValueReader): string | undefined {
  while (['parenthesized_expression', 'as_expression', 'await_expression'].includes(node.type)) {
    if (!node.namedChildren[0]) break;
    node = node.namedChildren[0];
  }
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  if (node.type === 'member_expression') {
    // new URL(...).pathname
    const obj = node.childForFieldName('object');
    const prop = node.childForFieldName('property');
    return obj && prop && read.text(prop) === 'pathname' ? moduleSpec(obj, read) : undefined;
  }
  if (node.type === 'new_expression') {
    const ctor = node.childForFieldName('constructor');
    const url = ctor && read.text(ctor) === 'URL' && args.length === 2;
    return url && compact(read.text(args[1])) === 'import.meta.url'
      ? read.string(args[0])
      : undefined;
  }
  if (node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  const callee = fn ? compact(read.text(fn)) : '';
  if (callee === 'require.resolve' && args[0]) return read.string(args[0]);
  if (callee === 'fileURLToPath' || callee === 'url.fileURLToPath')
    return args[0] ? moduleSpec(args[0], read) : undefined;
  if (!['path.join', 'path.resolve', 'join', 'resolve'].includes(callee) || args.length < 2)
    return undefined;
  if (read.text(args[0]) !== '__dirname') return undefined;
  const parts = args.slice(1).map((a) => read.string(a));
  if (parts.some((p) => p === undefined)) return undefined;
  return `./${path.posix.join(...(parts as string[]))}`;
}

/** Object literal entries, and the items a Worker's `activities` object registers. */
export function readObject(node: Node, v: ValueFact, read: ValueReader): void {
  v.items = [];
  v.entries = {};
  for (const p of node.namedChildren) {
    const key = p.childForFieldName(p.type === 'pair' ? 'key' : 'name');
    const value = p.childForFieldName('value');
    if (p.type === 'pair' && key && value) {
      const k = key.type === 'string' ? (read.string(key) ?? read.text(key)) : read.text(key);
      const pv = read.read(value);
      v.entries[k] = pv;
      v.items.push(pv.ref !== undefined ? pv : { text: k, range: read.range(key), ref: k });
    } else if (p.type === 'shorthand_property_identifier') {
      const pv = read.read(p);
      v.entries[read.text(p)] = pv;
      v.items.push(pv);
    } else if (p.type === 'method_definition' && key) {
      v.items.push({ text: read.text(key), range: read.range(key), ref: read.text(key) });
    } else if (p.type !== 'comment' && p.type !== 'pair') {
      // Spread or computed member: not statically visible.
      v.items.push({ text: compact(read.text(p)), range: read.range(p) });
    }
  }
}
