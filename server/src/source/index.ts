// Source intelligence: tree-sitter analysis of workflow code in seven languages.
// Pure TypeScript: no vscode, no LSP types, no gRPC.
export { createSourceEngine, uriToPath } from './engine';
export type { AnalysisTimings, SourceEngine, SourceEngineOptions } from './engine';
export { wasmFilesToShip } from './grammars';
export { DiagnosticCodes } from './diagnostics';
export { WorkspaceIndex } from './workspaceIndex';
export type {
  ActivityEntry,
  CancellationFlag,
  HandlerEntry,
  IndexBuildOptions,
  IndexBuildResult,
  IndexProgress,
  WorkerEntry,
  WorkflowEntry,
} from './workspaceIndex';
export type * from './types';
