// Workflow graph from source: its own queries and parser over the engine's grammars, names
// resolved through the workspace index. Kept apart from the engine's internals.
export { workflowGraph } from './extract';
export type { GraphLocation, GraphNode, GraphNodeKind, WorkflowGraphData } from './extract';
export { toMermaid } from './mermaid';
export { GraphParser, isGraphLanguage } from './parser';
export type { GraphLanguage } from './parser';
