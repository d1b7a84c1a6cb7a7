// The workflow graph webview: handlers | workflow | calls drawn as SVG, coloured by a chosen
// run. Every node is keyboard reachable (roving focus, arrows move, Enter opens its
// definition). Data comes from the panel by message; UI state survives hiding via setState.
import type {
  FromGraphWebview,
  GraphWebviewState,
  ToGraphWebview,
} from '../../../../../shared/src/workflowGraphView';
import type { WorkflowGraph, WorkflowGraphNodeRun } from '../../../../../shared/src/protocol';
import { el } from '../dom';
import { layoutGraph, neighbour, type GraphLayout, type PlacedNode } from './layout';

declare function acquireVsCodeApi(): {
  postMessage(m: FromGraphWebview): void;
  getState(): GraphWebviewState | undefined;
  setState(s: GraphWebviewState): void;
};

const vscode = acquireVsCodeApi();
const post = (m: FromGraphWebview) => vscode.postMessage(m);
const SVG = 'http://www.w3.org/2000/svg';

const state = {
  workflowType: '',
  graphs: [] as WorkflowGraph[],
  busy: '',
  error: '',
  ui: vscode.getState() ?? ({ graphIndex: 0 } as GraphWebviewState),
  layout: undefined as GraphLayout | undefined,
};
const saveUi = () => vscode.setState(state.ui);

const KIND_WORD: Record<string, string> = {
  activity: 'activity',
  childWorkflow: 'child workflow',
  timer: 'timer',
  signalSent: 'signal sent',
  continueAsNew: 'continue-as-new',
  signalHandler: 'signal handler',
  queryHandler: 'query handler',
  updateHandler: 'update handler',
  workflow: 'workflow',
};

const STATE_WORD: Record<string, string> = {
  notRun: 'not reached',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  notRecorded: 'not recorded',
};

// ---- layout of the page
const app = document.getElementById('app')!;
const title = el('h1', { attrs: { 'data-testid': 'graph-title' } });
const languageTabs = el('div', {
  className: 'toolbar',
  attrs: { role: 'tablist', 'aria-label': 'Definitions' },
});
const runLine = el('span', {
  className: 'muted',
  attrs: { 'data-testid': 'run-line', 'aria-live': 'polite' },
});
const chooseRun = el('button', {
  text: 'Colour by Run…',
  attrs: {
    'data-testid': 'choose-run',
    title: 'Colour the nodes by what one run of this workflow did',
  },
});
chooseRun.addEventListener('click', () => post({ type: 'chooseRun' }));
const clearRun = el('button', { text: 'Clear Colours', attrs: { 'data-testid': 'clear-run' } });
clearRun.addEventListener('click', () => post({ type: 'clearRun' }));
const toolbar = el(
  'div',
  { className: 'toolbar' },
  runLine,
  el('span', { className: 'grow' }),
  chooseRun,
  clearRun,
);
const legend = el(
  'div',
  { className: 'legend muted', attrs: { 'aria-hidden': 'true' } },
  ...['completed', 'running', 'failed', 'notRun', 'notRecorded'].map((s) =>
    el('span', { className: `swatch state-${s}`, text: STATE_WORD[s] }),
  ),
);
const canvas = el('div', { className: 'canvas' });
const details = el('div', {
  className: 'details',
  attrs: { 'data-testid': 'node-details', 'aria-live': 'polite' },
});
const message = el('div', { className: 'message', attrs: { role: 'status' } });
app.append(title, languageTabs, toolbar, legend, message, canvas, details);

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const graph = () => state.graphs[state.ui.graphIndex] ?? state.graphs[0];
const runOf = (id: string): WorkflowGraphNodeRun | undefined => {
  const run = graph()?.run;
  if (!run) return undefined;
  if (id === 'wf') return { state: run.state, summary: run.status, eventIds: [] };
  return run.nodes[id];
};

function nodeLabel(p: PlacedNode): { kind: string; name: string } {
  if (!p.node) return { kind: 'workflow', name: graph()!.workflowType };
  return { kind: p.node.kind, name: p.node.name };
}

function ariaLabel(p: PlacedNode): string {
  const { kind, name } = nodeLabel(p);
  const run = runOf(p.id);
  return `${KIND_WORD[kind]} ${name}${run ? `: ${STATE_WORD[run.state]}${run.summary ? `, ${run.summary}` : ''}` : ''}`;
}

// ---- drawing
function draw(): void {
  const g = graph();
  canvas.replaceChildren();
  if (!g) {
    state.layout = undefined;
    return;
  }
  const layout = layoutGraph(g);
  state.layout = layout;
  const root = svg('svg', {
    width: layout.width,
    height: layout.height,
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'group',
    'aria-label': `Graph of ${g.workflowType}: arrow keys move between nodes, Enter opens the definition`,
    'data-testid': 'graph',
  });
  const defs = svg('defs');
  const marker = svg('marker', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: 10,
    refY: 5,
    markerWidth: 8,
    markerHeight: 8,
    orient: 'auto-start-reverse',
  });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
  defs.append(marker);
  root.append(defs);

  for (const e of layout.edges) {
    const x1 = e.from.x + e.from.width;
    const y1 = e.from.y + e.from.height / 2;
    const x2 = e.to.x;
    const y2 = e.to.y + e.to.height / 2;
    const mid = (x1 + x2) / 2;
    const state = runOf(e.to.id === 'wf' ? e.from.id : e.to.id)?.state;
    root.append(
      svg('path', {
        d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`,
        class: `edge${state ? ` state-${state}` : ''}`,
        'marker-end': 'url(#arrow)',
      }),
    );
    // At the node's end of the edge: edges into the workflow meet there, their labels would overlap.
    const intoWorkflow = e.to.id === 'wf';
    root.append(
      svg(
        'text',
        {
          x: intoWorkflow ? x1 + 8 : x2 - 8,
          y: (intoWorkflow ? y1 : y2) - 6,
          class: 'edge-label',
          'text-anchor': intoWorkflow ? 'start' : 'end',
        },
        e.label,
      ),
    );
  }

  const focused = layout.nodes.some((n) => n.id === state.ui.focusedNodeId)
    ? state.ui.focusedNodeId!
    : 'wf';
  for (const p of layout.nodes) {
    const { kind, name } = nodeLabel(p);
    const run = runOf(p.id);
    const group = svg('g', {
      class: `node kind-${kind}${run ? ` state-${run.state}` : ''}`,
      transform: `translate(${p.x} ${p.y})`,
      tabindex: p.id === focused ? 0 : -1,
      role: 'button',
      'aria-label': ariaLabel(p),
      'data-node-id': p.id,
      'data-testid': `node-${p.id}`,
      ...(run ? { 'data-state': run.state } : {}),
    });
    group.append(
      svg('rect', {
        width: p.width,
        height: p.height,
        rx:
          kind === 'timer' ? p.height / 2 : kind === 'workflow' || kind === 'childWorkflow' ? 2 : 6,
      }),
      svg('text', { x: 12, y: 15, class: 'kind' }, KIND_WORD[kind]),
      svg('text', { x: 12, y: 31, class: 'name' }, name),
    );
    const tip = svg('title', {}, ariaLabel(p));
    group.append(tip);
    group.addEventListener('click', () => {
      focusNode(p.id);
      open(p.id);
    });
    group.addEventListener('focus', () => {
      state.ui.focusedNodeId = p.id;
      saveUi();
      showDetails(p);
    });
    root.append(group);
  }
  root.addEventListener('keydown', (e) => {
    const from = state.ui.focusedNodeId ?? 'wf';
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(from);
      return;
    }
    const next = neighbour(layout, from, e.key);
    if (next) {
      e.preventDefault();
      focusNode(next);
    }
  });
  canvas.append(root);
  const current = layout.nodes.find((n) => n.id === focused);
  if (current) showDetails(current);
}

function nodeElement(id: string): SVGGElement | null {
  return canvas.querySelector(`g.node[data-node-id="${CSS.escape(id)}"]`);
}

function focusNode(id: string): void {
  for (const g of canvas.querySelectorAll('g.node')) g.setAttribute('tabindex', '-1');
  const target = nodeElement(id);
  if (!target) return;
  target.setAttribute('tabindex', '0');
  target.focus();
}

function open(id: string): void {
  if (id === 'wf') post({ type: 'openWorkflow', graphIndex: state.ui.graphIndex });
  else post({ type: 'openNode', graphIndex: state.ui.graphIndex, nodeId: id });
}

function showDetails(p: PlacedNode): void {
  const { kind, name } = nodeLabel(p);
  const run = runOf(p.id);
  const lines: (string | HTMLElement)[] = [el('strong', { text: `${KIND_WORD[kind]} ${name}` })];
  if (p.node) {
    const where = p.node.kind.endsWith('Handler') ? 'defined at line' : 'called at line';
    lines.push(
      el('span', {
        className: 'muted',
        text: ` · ${where}${p.node.sites.length > 1 ? 's' : ''} ${p.node.sites.map((s) => s.range.start.line + 1).join(', ')}`,
      }),
    );
    if (
      !p.node.definition &&
      !p.node.kind.endsWith('Handler') &&
      p.node.kind !== 'timer' &&
      p.node.kind !== 'continueAsNew'
    )
      lines.push(
        el('span', {
          className: 'muted',
          text: ' · no definition in this workspace (Enter opens the call)',
        }),
      );
  }
  if (run) {
    lines.push(
      el('div', {
        className: `run state-${run.state}`,
        text: `${STATE_WORD[run.state]}${run.summary ? ` — ${run.summary}` : ''}`,
      }),
    );
    if (run.eventIds.length)
      lines.push(el('div', { className: 'muted', text: `events ${run.eventIds.join(', ')}` }));
  }
  details.replaceChildren(...lines);
}

function render(): void {
  title.textContent = state.workflowType
    ? `Workflow graph: ${state.workflowType}`
    : 'Workflow graph';
  languageTabs.replaceChildren(
    ...(state.graphs.length > 1
      ? state.graphs.map((g, i) => {
          const b = el('button', {
            text: g.language,
            attrs: {
              role: 'tab',
              'aria-selected': String(i === state.ui.graphIndex),
              'data-testid': `graph-tab-${g.language}`,
            },
          });
          b.addEventListener('click', () => {
            state.ui = { graphIndex: i };
            saveUi();
            render();
          });
          return b;
        })
      : []),
  );
  const run = graph()?.run;
  runLine.textContent = run
    ? `Coloured by run ${run.workflowId} (${run.runId.slice(0, 8)}…): ${run.status}`
    : 'Not coloured: choose a run to see what it did.';
  clearRun.hidden = !run;
  legend.hidden = !run;
  message.textContent = state.error || state.busy;
  message.className = `message${state.error ? ' error' : ''}`;
  draw();
}

window.addEventListener('message', (ev: MessageEvent<ToGraphWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'graphs':
      state.workflowType = m.workflowType;
      state.graphs = m.graphs;
      state.error = '';
      state.busy = '';
      if (state.ui.graphIndex >= m.graphs.length) state.ui = { graphIndex: 0 };
      render();
      return;
    case 'busy':
      state.busy = m.message ?? '';
      message.textContent = state.error || state.busy;
      return;
    case 'error':
      state.error = m.message;
      state.busy = '';
      message.textContent = m.message;
      message.className = 'message error';
      return;
  }
});

post({ type: 'ready' });
