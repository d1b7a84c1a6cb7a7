/**
 * Code lens commands the server puts on workflow code, and their single argument. Any LSP client
 * can bind these ids; the VS Code client implements them with the same commands as the tree.
 */
export const LensCommands = {
  /** Start a workflow of this type (asks for input, prefilled from the parameters). */
  start: 'temporal.startWorkflow',
  /** Start and wait for the result. */
  execute: 'temporal.executeWorkflow',
  /** Show executions of this type in the Workflows view. */
  showExecutions: 'temporal.showExecutionsOfType',
  signal: 'temporal.signalWorkflow',
  query: 'temporal.queryWorkflow',
  update: 'temporal.updateWorkflow',
  /** duroxide: start an orchestration registered by name (asks for the instance id, version, input). */
  startOrchestration: 'temporal.startOrchestration',
} as const;

export interface SourceRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Argument of the start / execute / showExecutions lenses. */
export interface WorkflowLensArgs {
  workflowType: string;
  /** Task queues of workers in the workspace that register this type (may be empty). */
  taskQueues: string[];
  parameters: { name: string; type?: string }[];
  language: string;
  uri: string;
  range: SourceRange;
}

/** Argument of the signal / query / update lenses on handler definitions. */
export interface HandlerLensArgs {
  kind: 'signal' | 'query' | 'update';
  /** Handler name as registered. */
  name: string;
  /** Workflow type the handler belongs to, when known. */
  workflowType?: string;
  parameters: { name: string; type?: string }[];
  uri: string;
  range: SourceRange;
}
