// Facts: what the shared extractor (extract.ts) reads from one chunk of a file through the
// language's query captures. Plain data, positions relative to the chunk until rebased, so the
// engine can cache them per chunk text. Each language's rules turn a file's facts into records.
import type { Parameter, Range } from './types';

/** A value as written in source: its text and, when statically known, what it denotes. */
export interface ValueFact {
  /** Source text without whitespace. */
  text: string;
  range: Range;
  /** String literal value (or the default of an environment lookup, see `env`). */
  str?: string;
  /** Environment variable read with `str` as its default. */
  env?: string;
  /** Identifier (or last segment of a qualified name) when the value is a plain reference. */
  ref?: string;
  /** Elements when the value is a list/array (or object) literal. */
  items?: ValueFact[];
  /** Properties when the value is an object/map literal. */
  entries?: Record<string, ValueFact>;
  /** Module specifier when the value locates a module (`require.resolve('./x')`). */
  module?: string;
  /** Type constructed by the value (`&Acts{}`, `new Acts()`, `Acts.class`). */
  construct?: string;
  /** Callee and arguments when the value is a call. */
  call?: { callee: string; args: ValueFact[] };
}

/** Properties set with `#set!` in the query. */
export type FactProperties = Record<string, string | null>;

/** A decorator, annotation, attribute or defining form attached to a declaration. */
export interface AnnotationFact {
  /** Name as written, without whitespace (`workflow.defn`, `io.temporal.WorkflowMethod`). */
  name: string;
  args: ValueFact[];
  named: Record<string, ValueFact>;
  range: Range;
}

interface Located {
  /** Names of the enclosing scopes, outermost first (see `@scope`). */
  scope: string[];
  /** The node sits directly in the file (only through the language's wrapper nodes). */
  topLevel: boolean;
  props?: FactProperties;
  /** Texts of captures outside the shared vocabulary (`@call.body` -> texts.body). */
  texts?: Record<string, string>;
}

export interface ImportFact extends Located {
  kind: 'import';
  /** Module path as written (string value or dotted name). */
  path: string;
  pathRange: Range;
  /** Local name the import binds, if any. */
  local?: string;
  /** What `local` stands for: `path` or `path.name`. */
  target?: string;
  wildcard?: boolean;
  typeOnly?: boolean;
}

export interface NamespaceFact extends Located {
  kind: 'namespace';
  name: string;
}

export interface ExportFact extends Located {
  kind: 'export';
  /** Local name exported (`export { local as exported }`). */
  local?: string;
  exported?: string;
  /** Module re-exported (`export * from 'path'`). */
  path?: string;
}

export interface DeclarationFact extends Located {
  name: string;
  nameRange: Range;
  /** Whole declaration, with its annotations and wrappers (`export`, decorators). */
  range: Range;
  annotations: AnnotationFact[];
}

export interface TypeFact extends DeclarationFact {
  kind: 'type';
  /** `class`, `interface`, `record`, `struct`, `impl`... (`#set! kind`), default `class`. */
  typeKind: string;
  /** Supertypes by simple name. */
  bases: string[];
}

export interface FactParameter {
  /** Empty when the parameter has no name (`func(int)`). */
  name: string;
  type?: string;
}

export interface FunctionFact extends DeclarationFact {
  kind: 'function';
  params: FactParameter[];
  /** Receiver type of a method declared outside its type (Go). */
  receiver?: string;
  returns?: string;
}

export interface ValueBindingFact extends Located {
  kind: 'value';
  name: string;
  value: ValueFact;
  /** Declared type, without whitespace. */
  type?: string;
  /** Modifier keywords (`final`, `const`, `static`, `readonly`). */
  modifiers: string[];
}

export interface CallFact extends Located {
  kind: 'call';
  /** `object.method`, or the callee as written without whitespace. */
  callee: string;
  calleeRange: Range;
  range: Range;
  /** Receiver expression of a method call, without whitespace. */
  object?: string;
  method?: string;
  typeArgs: string[];
  args: ValueFact[];
  /** Named arguments (`task_queue=...`, `taskQueue: ...`). */
  named: Record<string, ValueFact>;
  /** Arguments as written, with their brackets. */
  argsText: string;
  /** Variable the call's result is assigned to. */
  assignedTo?: string;
  /** Parameters of a function literal passed as an argument (`@call.handler`). */
  handlerParams?: FactParameter[];
  /** Scope name of a closure passed as the last argument. */
  closureScope?: string;
  /** Plain identifier a method chain starts from (`w` in `w.a().b()`). */
  receiver?: string;
  /** Calls (and constructions) the receiver chain is built from, innermost first. */
  chain?: Range[];
  /** Callee of the innermost chain call when that is not itself a method call. */
  chainRoot?: string;
  /** Inside an `async` function (languages listing `asyncFunctions`). */
  inAsync?: boolean;
}

export type Fact =
  ImportFact | NamespaceFact | ExportFact | TypeFact | FunctionFact | ValueBindingFact | CallFact;

export function toParameters(params: readonly FactParameter[]): Parameter[] {
  return params.map((p) => {
    const name = p.name === '' ? '_' : p.name;
    return p.type === undefined ? { name } : { name, type: p.type };
  });
}
