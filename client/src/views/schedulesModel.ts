// Pure Schedules view logic (no vscode import): descriptions, next-run text, context values and
// the prefilled create document, so they are unit-tested.
import type {
  ScheduleActionResultView,
  ScheduleDocument,
  ScheduleSummary,
} from '../../../shared/src/protocol';

/** "4s", "3m", "2h 5m", "3d": the time until `iso` (past or now = "now"). */
export function untilText(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  if (!Number.isFinite(ms) || ms <= 0) return 'now';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** The first future time after `now`, if any. */
export function nextRun(times: readonly string[], now = Date.now()): string | undefined {
  return times.find((t) => Date.parse(t) > now) ?? undefined;
}

/** Future times still ahead (the list was read up to a refresh interval ago), at most 10. */
export function upcomingTimes(s: ScheduleSummary, now = Date.now()): string[] {
  return s.futureActionTimes.filter((t) => Date.parse(t) > now).slice(0, 10);
}

/** What a schedule's row and each of its two folders draw, to redraw only what changed. */
export interface ScheduleLooks {
  row: string;
  recent: string;
  upcoming: string;
}

/**
 * The recent actions' relative times ("5s ago") are left out: the view redraws them every 30 s
 * at most, as the Workflows view does. The tooltip is left out too: it catches up with the row.
 */
export function scheduleLooks(
  s: ScheduleSummary,
  readOnly: boolean,
  now = Date.now(),
): ScheduleLooks {
  return {
    row: JSON.stringify([scheduleDescription(s, now), scheduleContext(s.paused, readOnly)]),
    recent: JSON.stringify(s.recentActions),
    upcoming: JSON.stringify([s.paused, upcomingTimes(s, now).map((t) => [t, untilText(t, now)])]),
  };
}

/**
 * What a poll redraws: the row when its own look changed (VS Code then reads its folders again,
 * and their rows), else only the folders whose rows changed. A paused schedule's upcoming times
 * move on every second; redrawing the whole row for them took the recent actions away from
 * under a click for a moment (run 20 of the schedules e2e test).
 */
export function scheduleRedraw(
  before: ScheduleLooks,
  after: ScheduleLooks,
): 'row' | ('recent' | 'upcoming')[] {
  if (before.row !== after.row) return 'row';
  return (['recent', 'upcoming'] as const).filter((folder) => before[folder] !== after[folder]);
}

/** "every 1m · next in 4s", or "every 1m · paused" (a paused schedule takes no action). */
export function scheduleDescription(s: ScheduleSummary, now = Date.now()): string {
  const parts = [s.specSummary || s.workflowType];
  if (s.paused) parts.push('paused');
  else {
    const next = nextRun(s.futureActionTimes, now);
    if (next) parts.push(`next in ${untilText(next, now)}`);
  }
  return parts.filter(Boolean).join(' · ');
}

/**
 * contextValue of a schedule node: `schedule.active` / `schedule.paused`, plus `.readonly` when
 * writes are off (menus match `viewItem =~ /^schedule\.active$/`).
 */
export function scheduleContext(paused: boolean, readOnly: boolean): string {
  return `schedule.${paused ? 'paused' : 'active'}${readOnly ? '.readonly' : ''}`;
}

/** Most recent action first, at most `max`. */
export function recentActionsNewestFirst(
  actions: readonly ScheduleActionResultView[],
  max = 10,
): ScheduleActionResultView[] {
  return [...actions].reverse().slice(0, max);
}

/** Markdown lines for a schedule's tooltip. */
export function scheduleTooltip(s: ScheduleSummary): string[] {
  return [
    `**${s.scheduleId}**`,
    `Workflow: ${s.workflowType}`,
    `Spec: ${s.specSummary}`,
    `State: ${s.paused ? 'paused' : 'active'}${s.notes ? ` (${s.notes})` : ''}`,
    s.futureActionTimes.length ? `Next: ${s.futureActionTimes.slice(0, 3).join(', ')}` : '',
  ].filter(Boolean);
}

/**
 * A complete example document to create a schedule from: every 1m of `workflowType` (the lens's or
 * the selected one, else the first known), input as plain JSON.
 */
export function exampleScheduleDocument(
  workflowTypes: readonly string[],
  taskQueues: readonly string[],
): ScheduleDocument {
  return {
    spec: { intervals: [{ every: '1m' }] },
    action: {
      workflowType: workflowTypes[0] ?? 'greeting',
      taskQueue: taskQueues[0] ?? 'workbench-ts',
      input: ['World'],
    },
    policies: { overlap: 'Skip', catchupWindow: '1m', pauseOnFailure: false },
    state: { paused: false, notes: '' },
  };
}

/** The schedule id a new schedule of `workflowType` gets until the user types another. */
export function derivedScheduleId(workflowType: string): string {
  return `${workflowType}-schedule`;
}

/** Comment lines of the create document: the spec forms, each with an example. */
export const scheduleSpecHint = [
  'spec (any mix): "intervals": [{"every": "1h", "offset": "15m"}]',
  '  "cronExpressions": ["0 9 * * MON-FRI"]  (minute hour day-of-month month day-of-week)',
  '  "calendars": [{"hour": "9", "dayOfWeek": "MON-FRI", "comment": "weekday mornings"}]',
  '  optional: "startTime"/"endTime" (ISO 8601), "jitter": "30s", "timezoneName": "Europe/Paris"',
];

/**
 * After an edit of the create document: `ownId` is the schedule id the workbench derived and wrote
 * last. While the document still shows it, the id follows the workflow type (an edit replacing it,
 * offsets in `text`); once it shows another id, the user typed one (`userEdited`) and it stays.
 * Mid-edit text (a value without its closing quote) gives neither.
 */
export function followTypeInScheduleId(
  text: string,
  ownId: string,
): { edit?: { start: number; end: number; id: string }; userEdited?: true } {
  // On one line only: while a value is being retyped, a match must not run into the next key.
  const type = /"workflowType"[ \t]*:[ \t]*"((?:[^"\\\n]|\\.)*)"/.exec(text)?.[1];
  const idMatch = /("scheduleId"[ \t]*:[ \t]*")((?:[^"\\\n]|\\.)*)"/.exec(text);
  if (!idMatch) return {};
  if (idMatch[2] !== ownId) return { userEdited: true };
  if (!type || derivedScheduleId(type) === ownId) return {};
  const start = idMatch.index + idMatch[1].length;
  return { edit: { start, end: start + ownId.length, id: derivedScheduleId(type) } };
}

/** The create document's body: the schedule id beside the schedule document. */
export function createDocumentText(scheduleId: string, doc: ScheduleDocument): string {
  return JSON.stringify({ scheduleId, ...doc }, null, 2);
}

/** Splits a submitted create document into its id and the schedule document (or says what is wrong). */
export function parseCreateDocument(
  value: unknown,
): { scheduleId: string; document: ScheduleDocument } | { error: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { error: 'The document must be a JSON object.' };
  const { scheduleId, ...rest } = value as Record<string, unknown>;
  if (typeof scheduleId !== 'string' || !scheduleId.trim())
    return { error: 'scheduleId: a non-empty string is required.' };
  return { scheduleId: scheduleId.trim(), document: rest as unknown as ScheduleDocument };
}

/** Default backfill range: the last hour, ISO text. */
export function defaultBackfillRange(now = Date.now()): { start: string; end: string } {
  return { start: new Date(now - 3_600_000).toISOString(), end: new Date(now).toISOString() };
}

/** An ISO 8601 time the server will take, or undefined. */
export function checkIsoTime(text: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}T/.test(text.trim()) && Number.isFinite(Date.parse(text.trim()))
    ? undefined
    : 'An ISO 8601 time, e.g. 2025-01-01T00:00:00Z';
}

/**
 * What an interval read changed: `'rows'` when schedules came, went or moved (the list is
 * redrawn), else the ids whose summary changed (only those rows and their children are redrawn,
 * so a refresh does not replace rows under the user's pointer).
 */
export function changedSchedules(
  before: readonly ScheduleSummary[],
  after: readonly ScheduleSummary[],
): 'rows' | string[] {
  if (before.length !== after.length || before.some((s, i) => s.scheduleId !== after[i].scheduleId))
    return 'rows';
  return after
    .filter((s, i) => JSON.stringify(s) !== JSON.stringify(before[i]))
    .map((s) => s.scheduleId);
}
