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
  /**
   * What pointing at the live lens shows ("why is it not moving?"). LSP 3.17's Command has no
   * tooltip, so the VS Code client copies this onto its lens; the server also sets 3.18's.
   */
  tooltip?: string;
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

/**
 * The same lens commands, run by the language server itself through `workspace/executeCommand`
 * (advertised in `executeCommandProvider`), for LSP clients without their own implementation
 * (Neovim, Helix, Zed, Emacs). Distinct ids, so a client that registers `LensCommands` (VS Code)
 * never clashes with them.
 */
export const ServerLensCommands = {
  start: 'temporal.server.startWorkflow',
  execute: 'temporal.server.executeWorkflow',
  showExecutions: 'temporal.server.showExecutionsOfType',
  signal: 'temporal.server.signalWorkflow',
  query: 'temporal.server.queryWorkflow',
  update: 'temporal.server.updateWorkflow',
} as const;

/** `initializationOptions` fields about lens commands. */
export interface LensInitializationOptions {
  /**
   * True when the client implements `LensCommands` itself (the VS Code client, with its input
   * flow); lenses then carry those ids. Otherwise they carry `ServerLensCommands`.
   */
  clientLensCommands?: boolean;
}

/**
 * What a caller of a server lens command may add to the lens argument (all optional): the
 * arguments to pass instead of per-type defaults, and the execution or target to use.
 */
export interface ServerLensOverrides {
  /** The workflow / handler arguments as JSON values (default: one default value per parameter). */
  args?: unknown[];
  /** Start: the workflow id (default a new UUID). Handlers: the execution to address (default the newest running one of the type). */
  workflowId?: string;
  runId?: string;
  /** Start / execute: the task queue (default the first one a worker in the workspace registers). */
  taskQueue?: string;
  profileId?: string;
  namespace?: string;
}
