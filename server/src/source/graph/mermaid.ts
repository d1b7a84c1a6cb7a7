// A workflow graph as Mermaid flowchart text, for LSP clients without a webview.
import type { GraphNodeKind, WorkflowGraphData } from './extract';
import { graphEdgeLabel as EDGE_LABEL } from '../../../../shared/src/workflowGraphView';

/** Node shapes by kind: activities as boxes, children as subroutines, handlers as flags. */
function shape(kind: GraphNodeKind, label: string): string {
  switch (kind) {
    case 'childWorkflow':
      return `[[${label}]]`;
    case 'timer':
      return `((${label}))`;
    case 'continueAsNew':
      return `{{${label}}}`;
    case 'signalHandler':
    case 'queryHandler':
    case 'updateHandler':
      return `>${label}]`;
    default:
      return `[${label}]`;
  }
}

const quote = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;

export function toMermaid(graph: WorkflowGraphData): string {
  const lines = ['flowchart LR', `  wf${shape('childWorkflow', quote(graph.workflowType))}`];
  graph.nodes.forEach((node, i) => {
    const id = `n${i}`;
    lines.push(`  ${id}${shape(node.kind, quote(node.name))}`);
    const handler = node.kind.endsWith('Handler');
    // Handlers receive from outside: draw the arrow into the workflow.
    lines.push(
      handler
        ? `  ${id} -- ${EDGE_LABEL[node.kind]} --> wf`
        : `  wf -- ${EDGE_LABEL[node.kind]} --> ${id}`,
    );
  });
  return lines.join('\n');
}
