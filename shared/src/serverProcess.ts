/**
 * Node flags of the language server process, for the VS Code client and every test or benchmark
 * that starts it. A 2 MB young-generation semi-space (16 MB by default) keeps the idle server
 * ~11 MB smaller (87 → 76 MB RSS, measured with bench/temporal.bench.ts's method): the server
 * allocates little between requests, and parsing lives in tree-sitter's wasm memory, not the JS heap.
 */
export const languageServerExecArgv: readonly string[] = ['--max-semi-space-size=2'];
