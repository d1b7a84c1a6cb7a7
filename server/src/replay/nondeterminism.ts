// What the history expected versus what the code did, read from the SDK's nondeterminism error.
// Both SDKs pass sdk-core's message through (`[TMPRL1100] Nondeterminism error: ...`), so one
// parser serves TypeScript and Python.
import type { NondeterminismDetail } from '../../../shared/src/protocol';

/** One history event in proto3 JSON (`temporal workflow show -o json`). */
export type HistoryEventJson = Record<string, unknown> & {
  eventId?: string | number;
  eventType?: string;
};

/** Kind of command the code issued, as the graph names it. */
export type CommandKind = 'activity' | 'childWorkflow' | 'timer' | 'signalSent' | 'continueAsNew';

export interface ParsedNondeterminism extends NondeterminismDetail {
  /** The code's command kind and name, when the message says. */
  actualKind?: CommandKind;
  actualName?: string;
  /** The history's command kind and name at `eventId`. */
  expectedKind?: CommandKind;
  expectedName?: string;
}

const MACHINE_KIND: Record<string, CommandKind> = {
  Timer: 'timer',
  Activity: 'activity',
  LocalActivity: 'activity',
  ChildWorkflow: 'childWorkflow',
  SignalExternal: 'signalSent',
  ContinueAsNew: 'continueAsNew',
};

const EVENT_KIND: Record<string, CommandKind> = {
  ActivityTaskScheduled: 'activity',
  TimerStarted: 'timer',
  StartChildWorkflowExecutionInitiated: 'childWorkflow',
  SignalExternalWorkflowExecutionInitiated: 'signalSent',
  WorkflowExecutionContinuedAsNew: 'continueAsNew',
};

const KIND_WORDS: Record<CommandKind, string> = {
  activity: 'activity',
  childWorkflow: 'child workflow',
  timer: 'timer',
  signalSent: 'external signal',
  continueAsNew: 'continue-as-new',
};

/** `EVENT_TYPE_ACTIVITY_TASK_SCHEDULED` -> `ActivityTaskScheduled`. */
export function shortEventType(type: string | undefined): string {
  if (!type) return '';
  if (!type.startsWith('EVENT_TYPE_')) return type;
  return type
    .slice('EVENT_TYPE_'.length)
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/** Name an event carries: activity type, child workflow type, timer id or signal name. */
export function eventName(event: HistoryEventJson): string | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventAttributes') || !value || typeof value !== 'object') continue;
    const a = value as Record<string, { name?: string } | string | undefined>;
    const named = (a.activityType ?? a.workflowType) as { name?: string } | undefined;
    if (named?.name) return named.name;
    if (typeof a.timerId === 'string') return a.timerId;
    if (typeof a.signalName === 'string') return a.signalName;
  }
  return undefined;
}

/** The sdk-core text inside the SDK's wrapping (`Failure { message: "..." }` or `Details: ...`). */
function coreMessage(message: string): string {
  const quoted = /Nondeterminism error: ((?:[^"\\]|\\.)*)/.exec(message);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  return message;
}

export function parseNondeterminism(
  message: string,
  events: readonly HistoryEventJson[],
): ParsedNondeterminism {
  const core = coreMessage(message);
  const out: ParsedNondeterminism = {};
  const byId = (id: number) => events.find((e) => Number(e.eventId) === id);

  const eventRef = /HistoryEvent\(id: (\d+), (\w+)\)/.exec(core);
  if (eventRef) out.eventId = Number(eventRef[1]);
  const machine = /(\w+) machine does not handle this event/.exec(core);
  if (machine) out.actualKind = MACHINE_KIND[machine[1]];
  if (/No command scheduled for event/.test(core))
    out.actual = 'no command (the code did not do this)';

  // "<Kind> type of scheduled event 'X' does not match <kind> type of [activity ]command 'Y'"
  const mismatch =
    /(Activity|Child workflow) type of scheduled event '([^']*)' does not match .*? command '([^']*)'/.exec(
      core,
    );
  if (mismatch) {
    const kind: CommandKind = mismatch[1] === 'Activity' ? 'activity' : 'childWorkflow';
    out.expectedKind = kind;
    out.expectedName = mismatch[2];
    out.actualKind = kind;
    out.actualName = mismatch[3];
    const wanted =
      kind === 'activity' ? 'ActivityTaskScheduled' : 'StartChildWorkflowExecutionInitiated';
    const event = events.find(
      (e) => shortEventType(e.eventType) === wanted && eventName(e) === mismatch[2],
    );
    if (event && out.eventId === undefined) out.eventId = Number(event.eventId);
  }
  if (out.eventId === undefined) {
    const any = /event(?:_id| id)?[:= ]+(\d+)/i.exec(core);
    if (any) out.eventId = Number(any[1]);
  }

  const event = out.eventId !== undefined ? byId(out.eventId) : undefined;
  if (event) {
    const type = shortEventType(event.eventType);
    const name = eventName(event);
    out.expected = name ? `${type} ${name}` : type;
    out.expectedKind ??= EVENT_KIND[type];
    out.expectedName ??= name;
  } else if (eventRef) {
    out.expected = eventRef[2];
    out.expectedKind ??= EVENT_KIND[eventRef[2]];
  }
  if (!out.actual && out.actualKind) {
    out.actual = out.actualName
      ? `${KIND_WORDS[out.actualKind]} ${out.actualName}`
      : KIND_WORDS[out.actualKind];
  }
  return out;
}

/** One line for a diagnostic or a summary. */
export function describeNondeterminism(d: NondeterminismDetail, fallback: string): string {
  const at = d.eventId !== undefined ? ` at event ${d.eventId}` : '';
  if (!d.expected && !d.actual) return `Nondeterminism${at}: ${fallback}`;
  const expected = d.expected ? `the history has ${d.expected}` : '';
  const actual = d.actual
    ? `the code ${d.actual.startsWith('no command') ? 'issued no command there' : `scheduled ${d.actual}`}`
    : '';
  return `Nondeterminism${at}: ${[expected, actual].filter(Boolean).join('; ')}`;
}
