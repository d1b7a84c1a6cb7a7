// Messages between the workflow graph webview and its panel in the extension host. The panel
// asks the language server for the graph (and a run's colouring); the webview only draws.
import type { WorkflowGraph, WorkflowGraphNodeKind } from './protocol';

/** Panel -> webview. */
export type ToGraphWebview =
  /** The graphs of one workflow type (one per language that defines it), coloured when `run` was chosen. */
  | { type: 'graphs'; workflowType: string; graphs: WorkflowGraph[] }
  /** A slow step (reading a run's history) started or ended. */
  | { type: 'busy'; message?: string }
  | { type: 'error'; message: string };

/** Webview -> panel. */
export type FromGraphWebview =
  | { type: 'ready' }
  /** Open the node's definition (else its first call site); `nodeId` of graph `graphIndex`. */
  | { type: 'openNode'; graphIndex: number; nodeId: string }
  /** Open the workflow's own definition. */
  | { type: 'openWorkflow'; graphIndex: number }
  /** Pick a run of this workflow type to colour the nodes by. */
  | { type: 'chooseRun' }
  | { type: 'clearRun' };

/** What the webview keeps across hide/show (`getState`/`setState`). */
export interface GraphWebviewState {
  graphIndex: number;
  /** The focused node (`wf` for the workflow itself). */
  focusedNodeId?: string;
}

/** The word on the edge between the workflow and a node (the drawn graph and the Mermaid text). */
export const graphEdgeLabel: Record<WorkflowGraphNodeKind, string> = {
  activity: 'activity',
  childWorkflow: 'child',
  timer: 'timer',
  signalSent: 'signals',
  continueAsNew: 'continue-as-new',
  signalHandler: 'signal',
  queryHandler: 'query',
  updateHandler: 'update',
};
