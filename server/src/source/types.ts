// Records produced by source analysis. Plain data: no tree-sitter, LSP or vscode types, so the
// records can be cached, compared in tests and mapped to protocol types by the server.

/** Zero-based line and UTF-16 column, like an LSP Position. */
export interface Position {
  line: number;
  character: number;
}

/** Half-open range of positions, like an LSP Range. */
export interface Range {
  start: Position;
  end: Position;
}

/** Languages the engine understands. TypeScript covers .ts, .tsx and JavaScript files. */
export type SourceLanguage =
  'python' | 'typescript' | 'go' | 'java' | 'csharp' | 'rust' | 'clojure';

/** Which durable-execution runtime a definition belongs to. */
export type SourceRuntime = 'temporal' | 'duroxide';

/** Where a registered name came from. */
export type NameSource =
  /** Given explicitly in the definition (decorator, annotation or attribute argument). */
  | 'explicit'
  /** Derived from the code symbol (class, function, interface or var name) by the SDK's rule. */
  | 'symbol'
  /** Given at registration (Go RegisterOptions, Rust register_wf / duroxide register). */
  | 'registration';

export interface Parameter {
  name: string;
  /** Type annotation as written, when the language has one. */
  type?: string;
}

export interface WorkflowDefinition {
  /** Workflow type name as the SDK registers it. */
  name: string;
  nameSource: NameSource;
  /** The name is a constant defined in another file (resolved by the index). */
  nameRef?: string;
  /** Class, function, interface or var name in the code. */
  symbol: string;
  /** Whole definition, including decorators/annotations. */
  range: Range;
  /** The symbol's identifier. */
  nameRange: Range;
  /** Parameters of the run method/function, without self/ctx. */
  parameters: Parameter[];
  runtime: SourceRuntime;
  /** Dynamic workflow (receives any otherwise unregistered type); `name` is then the symbol. */
  dynamic?: boolean;
}

export type HandlerKind = 'signal' | 'query' | 'update';

export interface HandlerDefinition {
  kind: HandlerKind;
  /** Name as registered with the SDK (the constant's identifier when `nameRef` is set). */
  name: string;
  nameSource: NameSource;
  /** The name is a constant defined in another file (resolved by the index). */
  nameRef?: string;
  /** Method, function or variable that implements/declares the handler, when there is one. */
  symbol?: string;
  /** Workflow type name the handler belongs to, when known. */
  workflow?: string;
  /** Symbol of that workflow (class/function/interface), when known. */
  workflowSymbol?: string;
  range: Range;
  nameRange: Range;
  parameters: Parameter[];
  runtime: SourceRuntime;
  dynamic?: boolean;
}

/**
 * A workflow attaches a handler declared in another file (TypeScript
 * `setHandler(importedSignal, ...)`); the index joins it with that declaration.
 */
export interface HandlerReference {
  /** Variable holding the handler definition (what `defineSignal(...)` was assigned to). */
  symbol: string;
  /** Module the symbol is imported from: absolute path without extension, when resolvable. */
  module?: string;
  workflow: string;
  workflowSymbol: string;
  range: Range;
  nameRange: Range;
  parameters: Parameter[];
  runtime: SourceRuntime;
}

export interface ActivityDefinition {
  name: string;
  nameSource: NameSource;
  symbol: string;
  range: Range;
  nameRange: Range;
  parameters: Parameter[];
  runtime: SourceRuntime;
}

/** A reference from a worker registration to a workflow or activity. */
export interface RegisteredRef {
  /** Code symbol referenced (class, function, struct, impl class, var); last path segment only. */
  symbol?: string;
  /** Name given at registration, when explicit. */
  name?: string;
  /** The registration name is a constant defined in another file (resolved by the index). */
  nameRef?: string;
  /** Registered as the dynamic workflow (or handler): it receives every unknown type. */
  dynamic?: boolean;
  range: Range;
}

export interface WorkerRegistration {
  /** Task queue when statically known (literal or a constant resolved in this file). */
  taskQueue?: string;
  /** Identifier of the task-queue constant when it is defined elsewhere (resolved by the index). */
  taskQueueRef?: string;
  /** Environment variable that overrides `taskQueue` (`os.environ.get("X", "q")`, `process.env.X ?? 'q'`). */
  taskQueueEnv?: string;
  workflows: RegisteredRef[];
  activities: RegisteredRef[];
  /** TypeScript `workflowsPath`: absolute module path without extension (or as written if relative to an unknown base). */
  workflowsModule?: string;
  /** The worker registers every workflow in the program (Clojure auto-dispatch). */
  registersAll?: boolean;
  /** False when part of the registration is not statically visible (spread lists, computed values). */
  complete: boolean;
  range: Range;
  runtime: SourceRuntime;
}

/**
 * A type and the supertypes it implements or extends (Java/C# interfaces, Python base classes);
 * lets the index map impl classes to workflow interfaces and find inherited handlers.
 */
export interface TypeImplementation {
  symbol: string;
  interfaces: string[];
  range: Range;
  nameRange: Range;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface TextReplacement {
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  /** Empty when the fix is advice only (for example "move this to an activity"). */
  edits: TextReplacement[];
}

export interface SourceDiagnostic {
  range: Range;
  message: string;
  /** Stable code, for example `nondeterministic-time` or `unregistered-workflow`. */
  code: string;
  severity: DiagnosticSeverity;
  /** Workflow type whose code contains the problem, when known. */
  workflow?: string;
  fix?: QuickFix;
}

export interface SourceRecords {
  uri: string;
  language: SourceLanguage;
  workflows: WorkflowDefinition[];
  handlers: HandlerDefinition[];
  /** Handlers attached by a workflow here but declared elsewhere (resolved by the index). */
  handlerRefs: HandlerReference[];
  activities: ActivityDefinition[];
  workers: WorkerRegistration[];
  implementations: TypeImplementation[];
  /** Determinism diagnostics inside workflow code of this file. */
  diagnostics: SourceDiagnostic[];
  /** Top-level string constants (name -> value), used to resolve task queues and names across files. */
  constants: Record<string, string>;
  /** TypeScript: modules re-exported with `export * from`, resolved like `workflowsModule`. */
  reexports: string[];
  /** TypeScript: single names re-exported with `export { local as exported } from module`. */
  reexportNames?: { module: string; local: string; exported: string }[];
  /** The parse tree contains syntax errors; records may be partial. */
  hasErrors: boolean;
}

/** One text change, LSP style: `range` in the document before this change; no range = whole text. */
export interface TextChange {
  range?: Range;
  text: string;
}
