// The execution view webview: summary, live state, and three virtualized lists (timeline
// lanes, compact groups, full event list) beside the selected event's details. Everything
// comes from the panel by message; UI state survives hiding through setState.
import type {
  EventRow,
  ExecutionWebviewState,
  FromExecutionWebview,
  ToExecutionWebview,
} from '../../../../shared/src/executionView';
import type {
  ExecutionGroup,
  ExecutionLiveState,
  ExecutionModel,
  StackFrameView,
} from '../../../../shared/src/protocol';
import { el, formatDuration } from './dom';
import { EventDetails } from './eventDetails';
import { laneBars, timeRangeOf, type TimeRange } from './timeline';
import { renderDetails, renderHeader, renderLiveState, sourceOf, type PaneActions } from './panes';
import { VirtualList } from './virtualList';
import { ReplayPositionMark } from './replayPosition';

declare function acquireVsCodeApi(): {
  postMessage(m: FromExecutionWebview): void;
  getState(): ExecutionWebviewState | undefined;
  setState(s: ExecutionWebviewState): void;
};

const vscode = acquireVsCodeApi();
const ROW = 22;
type Tab = ExecutionWebviewState['tab'];

const state = {
  title: '',
  events: [] as EventRow[],
  byId: new Map<number, EventRow>(),
  model: undefined as ExecutionModel | undefined,
  groupOf: new Map<number, ExecutionGroup>(),
  /** Rows of the compact list and of the timeline. */
  compact: [] as ExecutionGroup[],
  lanes: [] as ExecutionGroup[][],
  live: undefined as ExecutionLiveState | undefined,
  liveError: undefined as string | undefined,
  following: false,
  progress: { loaded: 0, done: false },
  error: '',
  ui: vscode.getState() ?? ({ tab: 'compact' } as ExecutionWebviewState),
};

const post = (m: FromExecutionWebview) => vscode.postMessage(m);
const details = new EventDetails(post);
const saveUi = () => vscode.setState(state.ui);

let frameRequest = 0;
const frameWaiters = new Map<number, (frames: StackFrameView[]) => void>();
const frameCache = new Map<string, Promise<StackFrameView[]>>();

const actions: PaneActions = {
  openSource: (target) => post({ type: 'openSource', target }),
  openFrame: (frame) => post({ type: 'openFrame', frame }),
  frames: (stackTrace) => {
    let p = frameCache.get(stackTrace);
    if (!p) {
      const requestId = ++frameRequest;
      p = new Promise((resolve) => frameWaiters.set(requestId, resolve));
      frameCache.set(stackTrace, p);
      post({ type: 'resolveFrames', requestId, stackTrace });
    }
    return p;
  },
  selectEvent: (id) => select(id, true),
  replay: () => post({ type: 'replay' }),
};

// ---- layout
const app = document.getElementById('app')!;
const headerBox = el('div', { className: 'header-box' });
const liveBox = el('div', { className: 'live-box' });
const progress = el('div', {
  className: 'progress',
  attrs: { role: 'progressbar', 'aria-label': 'Loading history' },
});
const status = el('span', {
  className: 'muted',
  attrs: { 'data-testid': 'load-status', 'aria-live': 'polite' },
});
const tabs: Record<Tab, HTMLButtonElement> = {
  timeline: el('button', { text: 'Timeline', attrs: { role: 'tab', 'data-tab': 'timeline' } }),
  compact: el('button', { text: 'Compact', attrs: { role: 'tab', 'data-tab': 'compact' } }),
  full: el('button', { text: 'All events', attrs: { role: 'tab', 'data-tab': 'full' } }),
};
const exportButton = el('button', {
  text: 'Export JSON',
  attrs: {
    'data-testid': 'export',
    title: 'Save as `temporal workflow show --output json` writes it',
  },
});
exportButton.addEventListener('click', () => post({ type: 'export' }));
const compareButton = el('button', {
  text: 'Compare with…',
  attrs: {
    'data-testid': 'compare',
    title: 'Another run of this workflow, or a history file, side by side by event',
  },
});
compareButton.addEventListener('click', () => post({ type: 'compare' }));
const replayMark = new ReplayPositionMark();
const toolbar = el(
  'div',
  { className: 'toolbar', attrs: { role: 'tablist' } },
  ...Object.values(tabs),
  el('span', { className: 'grow' }),
  replayMark.label,
  status,
  compareButton,
  exportButton,
);
const listBox = el('div', {
  className: 'list',
  attrs: { tabindex: '0', role: 'listbox', 'aria-label': 'History', 'data-testid': 'history-list' },
});
const detailsBox = el('div', { className: 'details-box' });
app.append(
  headerBox,
  liveBox,
  progress,
  toolbar,
  el('div', { className: 'main' }, listBox, detailsBox),
);

for (const [tab, button] of Object.entries(tabs) as [Tab, HTMLButtonElement][]) {
  button.addEventListener('click', () => setTab(tab));
}

// ---- rows
function rowCount(): number {
  if (state.ui.tab === 'full') return state.events.length;
  if (state.ui.tab === 'compact') return state.compact.length;
  return state.lanes.length;
}

/** The event a row stands for (selection and keyboard move by rows). */
function rowEvent(index: number): number | undefined {
  if (state.ui.tab === 'full') return state.events[index]?.eventId;
  if (state.ui.tab === 'compact') return lastOf(state.compact[index]);
  return lastOf(state.lanes[index]?.[0]);
}

function lastOf(g: ExecutionGroup | undefined): number | undefined {
  return g ? g.eventIds[g.eventIds.length - 1] : undefined;
}

function rowOfEvent(eventId: number): number {
  const group = state.groupOf.get(eventId);
  // Ids run from 1 in a whole history: look there first, search only when they do not.
  if (state.ui.tab === 'full')
    return state.events[eventId - 1]?.eventId === eventId
      ? eventId - 1
      : state.events.findIndex((e) => e.eventId === eventId);
  if (state.ui.tab === 'compact') return group ? state.compact.indexOf(group) : -1;
  return group ? state.lanes.findIndex((lane) => lane.includes(group)) : -1;
}

function selected(index: number): boolean {
  const id = state.ui.selectedEventId;
  if (id === undefined) return false;
  if (state.ui.tab === 'full') return state.events[index]?.eventId === id;
  const group = state.groupOf.get(id);
  return state.ui.tab === 'compact'
    ? state.compact[index] === group
    : !!group && !!state.lanes[index]?.includes(group);
}

function renderRow(index: number): HTMLElement {
  const row = el('div', { className: 'row', attrs: { role: 'option', 'data-row': String(index) } });
  if (selected(index)) {
    row.classList.add('selected');
    row.setAttribute('aria-selected', 'true');
  }
  replayMark.mark(row, index);
  if (state.ui.tab === 'full') {
    const e = state.events[index];
    if (!e) return row;
    row.append(
      el('span', { className: 'id', text: String(e.eventId) }),
      el('span', { className: 'when', text: offset(e.eventTime) }),
      el('span', { className: 'summary', text: e.summary }),
    );
    if (e.failed) row.classList.add('failed');
    row.addEventListener('click', () => select(e.eventId, false));
  } else if (state.ui.tab === 'compact') {
    const g = state.compact[index];
    if (!g) return row;
    row.classList.add(`kind-${g.kind}`);
    if (g.failed) row.classList.add('failed');
    const attempts = g.attempt && g.attempt > 1 ? ` · attempt ${g.attempt}` : '';
    row.append(
      el('span', { className: 'id', text: String(g.id) }),
      el('span', { className: 'when', text: offset(g.startMs) }),
      el('span', { className: 'kind', text: g.kind }),
      el('span', { className: 'summary', text: `${g.name}${g.detail ? ` (${g.detail})` : ''}` }),
      el('span', { className: `status status-${g.status}`, text: `${g.status}${attempts}` }),
      el('span', {
        className: 'dur',
        text: formatDuration(
          g.endMs !== undefined && g.startMs !== undefined ? g.endMs - g.startMs : undefined,
        ),
      }),
    );
    row.setAttribute('data-testid', `group-${g.kind}`);
    row.addEventListener('click', () => select(lastOf(g)!, false));
  } else {
    const lane = state.lanes[index] ?? [];
    const first = lane[0];
    const label =
      index === 0
        ? 'workflow'
        : index === 1
          ? 'workflow tasks'
          : first?.kind === 'signal'
            ? 'signals'
            : `${first?.kind ?? ''} ${first?.name ?? ''}`;
    row.classList.add('lane');
    const bars = el('div', { className: 'bars' });
    const now = Date.now();
    // The lane's width less its label (14em): close enough to decide which bars merge.
    for (const b of laneBars(lane, timeRange(now), listBox.clientWidth - 200, now)) {
      const g = b.first;
      const what =
        b.count > 1
          ? `${b.count} × ${g.kind} ${g.name} … ${b.last.name}`
          : `${g.kind} ${g.name} ${g.status}${g.attempt && g.attempt > 1 ? ` attempt ${g.attempt}` : ''}`;
      const endMs = b.last.open ? now : (b.last.endMs ?? b.last.startMs);
      const bar = el('div', {
        className: `bar kind-${g.kind}${b.failed ? ' failed' : ''}${b.open ? ' open' : ''}`,
        title: `${what} ${formatDuration(endMs !== undefined && g.startMs !== undefined ? endMs - g.startMs : undefined)}`,
      });
      bar.style.left = `${b.left}%`;
      bar.style.width = `${b.width}%`;
      bar.addEventListener('click', (e) => {
        e.stopPropagation();
        select(lastOf(g)!, false);
      });
      bars.append(bar);
    }
    row.append(el('span', { className: 'lane-label', text: label, title: label }), bars);
    row.addEventListener('click', () => first && select(lastOf(first)!, false));
  }
  return row;
}

/** The timeline's range: one pass over the groups per model (and per second while running). */
let rangeCache: { model: ExecutionModel | undefined; second: number; range: TimeRange } | undefined;
function timeRange(now: number): TimeRange {
  const running = state.model?.header.status === 'Running' && !state.model.partial;
  const second = running ? Math.floor(now / 1000) : 0;
  if (rangeCache?.model !== state.model || rangeCache?.second !== second)
    rangeCache = { model: state.model, second, range: timeRangeOf(state.model, now) };
  return rangeCache.range;
}

function offset(time: string | number | undefined): string {
  const start = state.model?.groups[0]?.startMs;
  const ms = typeof time === 'string' ? Date.parse(time) : time;
  if (start === undefined || ms === undefined || Number.isNaN(ms)) return '';
  return `+${formatDuration(ms - start)}`;
}

const list = new VirtualList(listBox, ROW, renderRow);

// ---- selection and keyboard
function select(eventId: number, scroll: boolean): void {
  state.ui.selectedEventId = eventId;
  saveUi();
  list.refresh();
  if (scroll) {
    const row = rowOfEvent(eventId);
    if (row >= 0) list.scrollToIndex(row);
  }
  renderDetailsPane();
}

function currentRow(): number {
  return state.ui.selectedEventId === undefined ? -1 : rowOfEvent(state.ui.selectedEventId);
}

listBox.addEventListener('keydown', (e) => {
  const count = rowCount();
  if (!count) return;
  const at = currentRow();
  const moves: Record<string, number> = {
    ArrowDown: at + 1,
    ArrowUp: at - 1,
    PageDown: at + list.pageSize(),
    PageUp: at - list.pageSize(),
    Home: 0,
    End: count - 1,
  };
  if (e.key in moves) {
    e.preventDefault();
    const id = rowEvent(Math.max(0, Math.min(count - 1, moves[e.key])));
    if (id !== undefined) select(id, true);
  } else if (e.key === 'Enter' && state.ui.selectedEventId !== undefined) {
    const source = sourceOf(state.groupOf.get(state.ui.selectedEventId));
    if (source) actions.openSource(source);
  }
});
listBox.addEventListener('scroll', () => {
  state.ui.scrollTop = listBox.scrollTop;
  saveUi();
});

function setTab(tab: Tab): void {
  state.ui.tab = tab;
  saveUi();
  replayMark.refresh({ ...state, tab });
  for (const [t, b] of Object.entries(tabs)) b.setAttribute('aria-selected', String(t === tab));
  list.setCount(rowCount());
  if (state.ui.selectedEventId !== undefined) {
    const row = rowOfEvent(state.ui.selectedEventId);
    if (row >= 0) list.scrollToIndex(row);
  }
}

// ---- data
function addEvents(events: EventRow[], model: ExecutionModel | undefined): void {
  for (const e of events) {
    state.events.push(e);
    state.byId.set(e.eventId, e);
  }
  if (model) setModel(model);
}

function setModel(model: ExecutionModel): void {
  state.model = model;
  state.groupOf.clear();
  for (const g of model.groups) for (const id of g.eventIds) state.groupOf.set(id, g);
  // Compact: what the Web UI shows; plain workflow tasks are noise there, failing ones are not.
  state.compact = model.groups.filter((g) => g.kind !== 'workflowTask' || g.failed);
  const lanes: ExecutionGroup[][] = [];
  for (const g of model.groups) (lanes[g.lane] ??= []).push(g);
  state.lanes = lanes.filter((l) => l?.length);
  headerBox.replaceChildren(renderHeader(model, state.title, actions));
  replayMark.refresh({ ...state, tab: state.ui.tab });
}

function renderDetailsPane(): void {
  const id = state.ui.selectedEventId;
  const show = (event: Parameters<typeof renderDetails>[0]) =>
    detailsBox.replaceChildren(
      renderDetails(
        event,
        id === undefined ? undefined : state.groupOf.get(id),
        state.byId,
        actions,
      ),
    );
  if (id === undefined) return show(undefined);
  const here = details.get(id);
  if (here) return show(here);
  // The pane shows the previous event until this one arrives (a round trip to the panel).
  detailsBox.setAttribute('aria-busy', 'true');
  void details.fetch(id).then((event) => {
    if (state.ui.selectedEventId !== id) return;
    detailsBox.removeAttribute('aria-busy');
    show(event);
  });
}

function renderStatus(): void {
  const { loaded, done } = state.progress;
  progress.hidden = done;
  progress.style.setProperty('--loaded', String(loaded));
  status.textContent = state.error
    ? state.error
    : `${loaded} events${done ? '' : ' loading…'}${state.following ? ' · following live' : ''}`;
  status.classList.toggle('error', !!state.error);
}

window.addEventListener('message', (ev: MessageEvent<ToExecutionWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'reset':
      state.title = m.title;
      state.events = [];
      state.byId.clear();
      details.clear();
      state.model = undefined;
      headerBox.replaceChildren(renderHeader(undefined, m.title, actions));
      addEvents(m.events, m.model);
      setTab(state.ui.tab);
      if (state.ui.scrollTop) listBox.scrollTop = state.ui.scrollTop;
      renderDetailsPane();
      break;
    case 'events': {
      addEvents(m.events, m.model);
      list.setCount(rowCount(), !!m.model);
      if (state.ui.selectedEventId === undefined && state.events.length && state.progress.done)
        select(state.events[0].eventId, false);
      break;
    }
    case 'progress':
      state.progress = { loaded: m.loaded, done: m.done };
      if (m.done && state.ui.selectedEventId === undefined && state.events.length)
        select(state.events[0].eventId, false);
      break;
    case 'following':
      state.following = m.following;
      break;
    case 'liveState':
      state.live = m.state;
      state.liveError = m.error;
      liveBox.replaceChildren(renderLiveState(m.state, m.error, actions));
      break;
    case 'eventDetails':
      details.answer(m.requestId, m.events);
      break;
    case 'frames':
      frameWaiters.get(m.requestId)?.(m.frames);
      frameWaiters.delete(m.requestId);
      break;
    case 'error':
      state.error = m.message;
      break;
    case 'replayPosition': {
      const row = replayMark.set(m.eventId, { ...state, tab: state.ui.tab });
      list.refresh();
      if (row >= 0) list.scrollToIndex(row);
      break;
    }
  }
  renderStatus();
});

setTab(state.ui.tab);
post({ type: 'ready' });
