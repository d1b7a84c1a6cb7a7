// What one run did at each node of a workflow graph, read from its history: activities and
// children by type, signals sent and received by name, updates by name, timers together (a
// timer event names no call site), continue-as-new. Pure: history JSON in, colouring out.
import type {
  WorkflowGraphNode,
  WorkflowGraphNodeRun,
  WorkflowGraphNodeState,
  WorkflowGraphRun,
} from '../../../shared/src/protocol';
import { shortEventType, type HistoryEventJson } from './nondeterminism';

type Attributes = Record<string, unknown>;

/** One scheduled thing (activity, child, timer, external signal, update) and how it ended. */
interface Item {
  kind: WorkflowGraphNode['kind'];
  name: string;
  eventIds: number[];
  closed?: 'completed' | 'failed';
  /** Word for the start (`scheduled`, `started`, `received`...). */
  opened: string;
  /** Word for the end (`completed`, `failed`, `timed out`, `fired`...). */
  ended?: string;
}

const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : Number(v);

function attributesOf(event: HistoryEventJson): Attributes {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventAttributes') && value && typeof value === 'object')
      return value as Attributes;
  }
  return {};
}

const nameOf = (v: unknown): string => (v as { name?: string } | undefined)?.name ?? '';

/** Event types that open an item: its kind, name and the word for it. */
const OPENERS: Record<string, (a: Attributes) => Pick<Item, 'kind' | 'name' | 'opened'>> = {
  ActivityTaskScheduled: (a) => ({
    kind: 'activity',
    name: nameOf(a.activityType),
    opened: 'scheduled',
  }),
  StartChildWorkflowExecutionInitiated: (a) => ({
    kind: 'childWorkflow',
    name: nameOf(a.workflowType),
    opened: 'started',
  }),
  TimerStarted: () => ({ kind: 'timer', name: '', opened: 'started' }),
  SignalExternalWorkflowExecutionInitiated: (a) => ({
    kind: 'signalSent',
    name: String(a.signalName ?? ''),
    opened: 'sent',
  }),
  WorkflowExecutionUpdateAccepted: (a) => ({
    kind: 'updateHandler',
    name: nameOf((a.acceptedRequest as { input?: unknown } | undefined)?.input),
    opened: 'accepted',
  }),
};

/** Event types that close an item: the attribute naming the opener, and how it ended. */
const CLOSERS: Record<string, { ref: string; closed: 'completed' | 'failed'; word: string }> = {
  ActivityTaskCompleted: { ref: 'scheduledEventId', closed: 'completed', word: 'completed' },
  ActivityTaskFailed: { ref: 'scheduledEventId', closed: 'failed', word: 'failed' },
  ActivityTaskTimedOut: { ref: 'scheduledEventId', closed: 'failed', word: 'timed out' },
  ActivityTaskCanceled: { ref: 'scheduledEventId', closed: 'failed', word: 'cancelled' },
  ChildWorkflowExecutionCompleted: {
    ref: 'initiatedEventId',
    closed: 'completed',
    word: 'completed',
  },
  ChildWorkflowExecutionFailed: { ref: 'initiatedEventId', closed: 'failed', word: 'failed' },
  ChildWorkflowExecutionTimedOut: { ref: 'initiatedEventId', closed: 'failed', word: 'timed out' },
  ChildWorkflowExecutionCanceled: { ref: 'initiatedEventId', closed: 'failed', word: 'cancelled' },
  ChildWorkflowExecutionTerminated: {
    ref: 'initiatedEventId',
    closed: 'failed',
    word: 'terminated',
  },
  StartChildWorkflowExecutionFailed: {
    ref: 'initiatedEventId',
    closed: 'failed',
    word: 'failed to start',
  },
  TimerFired: { ref: 'startedEventId', closed: 'completed', word: 'fired' },
  TimerCanceled: { ref: 'startedEventId', closed: 'failed', word: 'cancelled' },
  ExternalWorkflowExecutionSignaled: {
    ref: 'initiatedEventId',
    closed: 'completed',
    word: 'delivered',
  },
  SignalExternalWorkflowExecutionFailed: {
    ref: 'initiatedEventId',
    closed: 'failed',
    word: 'failed',
  },
  WorkflowExecutionUpdateCompleted: {
    ref: 'acceptedEventId',
    closed: 'completed',
    word: 'completed',
  },
};

/** Events that stand alone: a signal received, a continue-as-new. */
const SINGLES: Record<string, (a: Attributes) => Pick<Item, 'kind' | 'name' | 'opened'>> = {
  WorkflowExecutionSignaled: (a) => ({
    kind: 'signalHandler',
    name: String(a.signalName ?? ''),
    opened: 'received',
  }),
  WorkflowExecutionContinuedAsNew: () => ({ kind: 'continueAsNew', name: '', opened: 'continued' }),
};

const RUN_STATUS: Record<string, { status: string; state: WorkflowGraphNodeState }> = {
  WorkflowExecutionCompleted: { status: 'Completed', state: 'completed' },
  WorkflowExecutionContinuedAsNew: { status: 'ContinuedAsNew', state: 'completed' },
  WorkflowExecutionFailed: { status: 'Failed', state: 'failed' },
  WorkflowExecutionTimedOut: { status: 'TimedOut', state: 'failed' },
  WorkflowExecutionTerminated: { status: 'Terminated', state: 'failed' },
  WorkflowExecutionCanceled: { status: 'Canceled', state: 'failed' },
};

/** Every scheduled / received thing in the history, with how it ended. */
export function historyItems(events: readonly HistoryEventJson[]): Item[] {
  const items: Item[] = [];
  const byOpener = new Map<number, Item>();
  for (const event of events) {
    const type = shortEventType(event.eventType);
    const id = Number(event.eventId);
    const a = attributesOf(event);
    const open = OPENERS[type] ?? SINGLES[type];
    if (open) {
      const item: Item = { ...open(a), eventIds: [id] };
      if (SINGLES[type]) item.closed = 'completed';
      items.push(item);
      byOpener.set(id, item);
      continue;
    }
    const close = CLOSERS[type];
    if (close) {
      // A completed update's outcome may still be a failure.
      const failedUpdate =
        type === 'WorkflowExecutionUpdateCompleted' &&
        (a.outcome as { failure?: unknown } | undefined)?.failure;
      const item = byOpener.get(num(a[close.ref]) ?? -1);
      if (!item) continue;
      item.eventIds.push(id);
      item.closed = failedUpdate ? 'failed' : close.closed;
      item.ended = failedUpdate ? 'failed' : close.word;
    }
  }
  return items;
}

/** `2 scheduled · 1 completed · 1 failed` for the items of one node. */
function summarize(items: readonly Item[]): string {
  if (!items.length) return 'not reached in this run';
  const counts = new Map<string, number>();
  const bump = (word: string) => counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const item of items) {
    bump(item.opened);
    if (item.ended) bump(item.ended);
  }
  const open = items.filter((i) => !i.closed).length;
  const parts = [...counts].map(([word, n]) => `${n} ${word}`);
  if (open && items[0].kind !== 'signalHandler') parts.push(`${open} open`);
  return parts.join(' · ');
}

function stateOf(items: readonly Item[]): WorkflowGraphNodeState {
  if (!items.length) return 'notRun';
  if (items.some((i) => i.closed === 'failed')) return 'failed';
  if (items.some((i) => !i.closed)) return 'running';
  return 'completed';
}

/** Whether a history item belongs to a graph node (timers and continue-as-new match by kind). */
function matches(node: Pick<WorkflowGraphNode, 'kind' | 'name'>, item: Item): boolean {
  if (node.kind !== item.kind) return false;
  return node.kind === 'timer' || node.kind === 'continueAsNew' || node.name === item.name;
}

/** The colouring of a graph's nodes by one run's history. */
export function colourGraphByRun(
  nodes: readonly Pick<WorkflowGraphNode, 'id' | 'kind' | 'name'>[],
  events: readonly HistoryEventJson[],
  run: { workflowId: string; runId: string },
): WorkflowGraphRun {
  const items = historyItems(events);
  const out: WorkflowGraphRun = { ...run, state: 'running', status: 'Running', nodes: {} };
  for (const node of nodes) {
    if (node.kind === 'queryHandler') {
      out.nodes[node.id] = {
        state: 'notRecorded',
        summary: 'queries leave no history',
        eventIds: [],
      };
      continue;
    }
    const mine = items.filter((i) => matches(node, i));
    out.nodes[node.id] = {
      state: stateOf(mine),
      summary: summarize(mine),
      eventIds: mine.flatMap((i) => i.eventIds).sort((a, b) => a - b),
    };
  }
  const last = shortEventType(events[events.length - 1]?.eventType);
  const closed = RUN_STATUS[last];
  if (closed) Object.assign(out, closed);
  return out;
}
