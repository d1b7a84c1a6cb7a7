// Where the nodes of a workflow graph go. The graph is a star of depth one (handlers feed the
// workflow, the workflow calls activities, children, timers...), so three columns are the
// whole layout: handlers | workflow | calls in source order. No layout engine needed.
import type { WorkflowGraph, WorkflowGraphNode } from '../../../../../shared/src/protocol';
import { graphEdgeLabel as EDGE_LABEL } from '../../../../../shared/src/workflowGraphView';

export interface PlacedNode {
  /** Node id, `wf` for the workflow itself. */
  id: string;
  /** 0 handlers, 1 workflow, 2 calls. */
  column: 0 | 1 | 2;
  x: number;
  y: number;
  width: number;
  height: number;
  node?: WorkflowGraphNode;
}

export interface PlacedEdge {
  from: PlacedNode;
  to: PlacedNode;
  label: string;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  /** Node ids per column, top to bottom (keyboard navigation moves along these). */
  columns: string[][];
}

export const NODE_HEIGHT = 40;
const GAP_Y = 14;
const GAP_X = 120;
const MARGIN = 16;
const CHAR = 7.2;

export const isHandler = (n: WorkflowGraphNode) => n.kind.endsWith('Handler');

/** Width that fits the kind line and the name (monospace-ish estimate; the SVG clips nothing). */
export function nodeWidth(label: string, kind: string): number {
  return Math.max(110, Math.ceil(Math.max(label.length, kind.length) * CHAR) + 24);
}

const firstLine = (n: WorkflowGraphNode) => n.sites[0]?.range.start.line ?? Number.MAX_SAFE_INTEGER;

export function layoutGraph(graph: WorkflowGraph): GraphLayout {
  const handlers = graph.nodes.filter(isHandler);
  const calls = graph.nodes
    .filter((n) => !isHandler(n))
    .sort((a, b) => firstLine(a) - firstLine(b));
  const widthOf = (list: WorkflowGraphNode[]) =>
    Math.max(0, ...list.map((n) => nodeWidth(n.name, n.kind)));
  const leftWidth = widthOf(handlers);
  const wfWidth = nodeWidth(graph.workflowType, 'workflow');
  const rightWidth = widthOf(calls);
  const columnHeight = (count: number) =>
    count ? count * NODE_HEIGHT + (count - 1) * GAP_Y : NODE_HEIGHT;
  const height =
    Math.max(columnHeight(handlers.length), columnHeight(calls.length), NODE_HEIGHT) + 2 * MARGIN;
  const xs = [MARGIN, MARGIN + (handlers.length ? leftWidth + GAP_X : 0)];
  xs.push(xs[1] + wfWidth + GAP_X);

  const stack = (list: WorkflowGraphNode[], column: 0 | 2, width: number): PlacedNode[] => {
    const top = (height - columnHeight(list.length)) / 2;
    return list.map((node, i) => ({
      id: node.id,
      column,
      x: xs[column],
      y: top + i * (NODE_HEIGHT + GAP_Y),
      width,
      height: NODE_HEIGHT,
      node,
    }));
  };
  const wf: PlacedNode = {
    id: 'wf',
    column: 1,
    x: xs[1],
    y: (height - NODE_HEIGHT) / 2,
    width: wfWidth,
    height: NODE_HEIGHT,
  };
  const left = stack(handlers, 0, leftWidth);
  const right = stack(calls, 2, rightWidth);
  const edges: PlacedEdge[] = [
    ...left.map((from) => ({ from, to: wf, label: EDGE_LABEL[from.node!.kind] })),
    ...right.map((to) => ({ from: wf, to, label: EDGE_LABEL[to.node!.kind] })),
  ];
  return {
    nodes: [...left, wf, ...right],
    edges,
    width: (calls.length ? xs[2] + rightWidth : xs[1] + wfWidth) + MARGIN,
    height,
    columns: [left.map((n) => n.id), ['wf'], right.map((n) => n.id)],
  };
}

/** The next node for an arrow key: along the column, or across to the nearest row. */
export function neighbour(layout: GraphLayout, fromId: string, key: string): string | undefined {
  const col = layout.columns.findIndex((c) => c.includes(fromId));
  if (col < 0) return undefined;
  const row = layout.columns[col].indexOf(fromId);
  if (key === 'ArrowUp') return layout.columns[col][row - 1];
  if (key === 'ArrowDown') return layout.columns[col][row + 1];
  if (key === 'Home') return layout.columns[col][0];
  if (key === 'End') return layout.columns[col].at(-1);
  const step = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
  if (!step) return undefined;
  for (let c = col + step; c >= 0 && c < layout.columns.length; c += step) {
    const target = layout.columns[c];
    if (!target.length) continue;
    const from = layout.nodes.find((n) => n.id === fromId)!;
    // The node of that column closest in height to the one we leave.
    const centre = from.y + from.height / 2;
    return target.reduce((best, id) => {
      const n = layout.nodes.find((p) => p.id === id)!;
      const b = layout.nodes.find((p) => p.id === best)!;
      return Math.abs(n.y + n.height / 2 - centre) < Math.abs(b.y + b.height / 2 - centre)
        ? id
        : best;
    });
  }
  return undefined;
}
