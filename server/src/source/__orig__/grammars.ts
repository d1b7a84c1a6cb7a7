import * as path from 'node:path';
import type { SourceLanguage } from './types';

/** A tree-sitter grammar build; TypeScript has two (plain and TSX/JavaScript). */
export type GrammarId =
  'python' | 'typescript' | 'tsx' | 'go' | 'java' | 'csharp' | 'rust' | 'clojure';

interface GrammarFile {
  /** npm package that ships the prebuilt grammar. */
  packageName: string;
  /** Path of the .wasm inside the package. */
  file: string;
}

/** Prebuilt grammars; `file`'s base name is what must sit in `wasmDir` in a bundled server. */
export const GRAMMAR_FILES: Record<GrammarId, GrammarFile> = {
  python: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-python.wasm' },
  typescript: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-typescript.wasm' },
  tsx: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-tsx.wasm' },
  go: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-go.wasm' },
  java: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-java.wasm' },
  csharp: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-c-sharp.wasm' },
  rust: { packageName: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-rust.wasm' },
  clojure: {
    packageName: '@cursorless/tree-sitter-wasms',
    file: 'out/tree-sitter-clojure.wasm',
  },
};

/** The runtime's own wasm, shipped by web-tree-sitter. */
export const RUNTIME_WASM = { packageName: 'web-tree-sitter', file: 'web-tree-sitter.wasm' };

/** Grammars each language needs. */
export const LANGUAGE_GRAMMARS: Record<SourceLanguage, GrammarId[]> = {
  python: ['python'],
  typescript: ['typescript', 'tsx'],
  go: ['go'],
  java: ['java'],
  csharp: ['csharp'],
  rust: ['rust'],
  clojure: ['clojure'],
};

const EXTENSIONS: Record<string, GrammarId> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  // JavaScript parses with the TSX grammar: same node types as TypeScript, so one query file.
  '.js': 'tsx',
  '.jsx': 'tsx',
  '.mjs': 'tsx',
  '.cjs': 'tsx',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.rs': 'rust',
  '.clj': 'clojure',
  '.cljc': 'clojure',
};

/** LSP/VS Code language ids. */
const LANGUAGE_IDS: Record<string, GrammarId> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'tsx',
  javascriptreact: 'tsx',
  go: 'go',
  java: 'java',
  csharp: 'csharp',
  rust: 'rust',
  clojure: 'clojure',
};

export function grammarLanguage(grammar: GrammarId): SourceLanguage {
  return grammar === 'tsx' ? 'typescript' : grammar;
}

/** Declaration files carry no code worth analysing. */
function isDeclarationFile(filePath: string): boolean {
  return /\.d\.[cm]?ts$/.test(filePath);
}

export function grammarForPath(filePath: string): GrammarId | undefined {
  if (isDeclarationFile(filePath)) return undefined;
  return EXTENSIONS[path.extname(filePath).toLowerCase()];
}

/**
 * Grammar for a document: the language id decides the language, the path's extension decides
 * the TypeScript flavour (a `typescript` document named .tsx still needs the TSX grammar).
 */
export function grammarFor(languageId: string, filePath?: string): GrammarId | undefined {
  const byPath = filePath ? grammarForPath(filePath) : undefined;
  const byId = LANGUAGE_IDS[languageId];
  if (!byId) return byPath;
  if (byPath && grammarLanguage(byPath) === grammarLanguage(byId)) return byPath;
  return byId;
}

/** Absolute path of a grammar's wasm: in `wasmDir` when given, else resolved from node_modules. */
export function grammarWasmPath(grammar: GrammarId, wasmDir?: string): string {
  const entry = GRAMMAR_FILES[grammar];
  if (wasmDir) return path.join(wasmDir, path.basename(entry.file));
  return require.resolve(`${entry.packageName}/${entry.file}`);
}

export function runtimeWasmPath(wasmDir?: string): string {
  if (wasmDir) return path.join(wasmDir, RUNTIME_WASM.file);
  return require.resolve(`${RUNTIME_WASM.packageName}/${RUNTIME_WASM.file}`);
}

/** Files a bundled server must ship (package-relative paths under node_modules). */
export function wasmFilesToShip(): string[] {
  const files = Object.values(GRAMMAR_FILES).map((g) => `${g.packageName}/${g.file}`);
  return [`${RUNTIME_WASM.packageName}/${RUNTIME_WASM.file}`, ...files];
}
