import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { ScheduleSummary } from '../../../shared/src/protocol';
import {
  changedSchedules,
  checkIsoTime,
  createDocumentText,
  defaultBackfillRange,
  exampleScheduleDocument,
  followTypeInScheduleId,
  nextRun,
  parseCreateDocument,
  recentActionsNewestFirst,
  scheduleContext,
  scheduleDescription,
  scheduleLooks,
  scheduleRedraw,
  untilText,
  upcomingTimes,
} from '../../../client/src/views/schedulesModel';
import { PagedList } from '../../../client/src/views/treeModel';
import { evaluateWhen } from './whenClause';

const now = Date.parse('2025-01-01T00:00:00Z');
const at = (s: number) => new Date(now + s * 1000).toISOString();

function summary(over: Partial<ScheduleSummary> = {}): ScheduleSummary {
  return {
    scheduleId: 's1',
    workflowType: 'greeting',
    paused: false,
    notes: '',
    specSummary: 'every 1m',
    recentActions: [],
    futureActionTimes: [],
    memo: {},
    searchAttributes: {},
    ...over,
  };
}

test('untilText rounds up seconds and names larger units', () => {
  assert.equal(untilText(at(3.2), now), '4s');
  assert.equal(untilText(at(0), now), 'now');
  assert.equal(untilText(at(-5), now), 'now');
  assert.equal(untilText(at(125), now), '2m');
  assert.equal(untilText(at(3600 * 2 + 300), now), '2h 5m');
  assert.equal(untilText(at(3600 * 3), now), '3h');
  assert.equal(untilText(at(86400 * 3 + 10), now), '3d');
  assert.equal(untilText('not a time', now), 'now');
});

test('nextRun skips times already past', () => {
  assert.equal(nextRun([at(-10), at(0), at(5)], now), at(5));
  assert.equal(nextRun([at(-10)], now), undefined);
});

test('scheduleDescription: spec summary and next run, or paused', () => {
  assert.equal(
    scheduleDescription(summary({ futureActionTimes: [at(4), at(64)] }), now),
    'every 1m · next in 4s',
  );
  assert.equal(
    scheduleDescription(summary({ paused: true, futureActionTimes: [at(4)] }), now),
    'every 1m · paused',
  );
  assert.equal(scheduleDescription(summary({ specSummary: '' }), now), 'greeting');
});

test('scheduleContext matches the menus', () => {
  assert.equal(scheduleContext(false, false), 'schedule.active');
  assert.equal(scheduleContext(true, false), 'schedule.paused');
  assert.equal(scheduleContext(true, true), 'schedule.paused.readonly');
  assert.doesNotMatch(scheduleContext(false, true), /^schedule\.active$/);
});

test('recent actions: newest first, bounded', () => {
  const actions = [1, 2, 3].map((i) => ({ workflowId: `w${i}`, runId: `r${i}` }));
  assert.deepEqual(
    recentActionsNewestFirst(actions, 2).map((a) => a.workflowId),
    ['w3', 'w2'],
  );
});

test('the create document round-trips and is complete', () => {
  const doc = exampleScheduleDocument(['greeting'], ['workbench-ts']);
  assert.equal(doc.action.workflowType, 'greeting');
  assert.equal(doc.action.taskQueue, 'workbench-ts');
  assert.deepEqual(doc.spec.intervals, [{ every: '1m' }]);
  const parsed = parseCreateDocument(JSON.parse(createDocumentText('my-id', doc)));
  assert.deepEqual(parsed, { scheduleId: 'my-id', document: doc });
  assert.deepEqual(exampleScheduleDocument([], []).action.taskQueue, 'workbench-ts');
});

test('parseCreateDocument names what is missing', () => {
  assert.match((parseCreateDocument([]) as { error: string }).error, /object/);
  assert.match((parseCreateDocument({ spec: {} }) as { error: string }).error, /^scheduleId/);
  assert.match((parseCreateDocument(undefined) as { error: string }).error, /object/);
});

test('backfill defaults to the last hour and checks ISO times', () => {
  const r = defaultBackfillRange(now);
  assert.equal(r.end, '2025-01-01T00:00:00.000Z');
  assert.equal(r.start, '2024-12-31T23:00:00.000Z');
  assert.equal(checkIsoTime(r.start), undefined);
  assert.ok(checkIsoTime('yesterday'));
  assert.ok(checkIsoTime('2025-13-45T99:00:00Z'));
});

test('schedules page through PagedList (first page, load more, refresh keeps pages)', async () => {
  const all = Array.from({ length: 5 }, (_, i) => summary({ scheduleId: `s${i}` }));
  const fetch = async (size: number, token?: string) => {
    const from = token ? Number(token) : 0;
    const items = all.slice(from, from + size);
    return { items, nextPageToken: from + size < all.length ? String(from + size) : undefined };
  };
  const list = new PagedList<ScheduleSummary>();
  assert.equal((await list.load(fetch, 2)).length, 2);
  assert.ok(list.hasMore);
  assert.equal((await list.load(fetch, 2, true)).length, 4);
  list.markStale();
  assert.equal((await list.load(fetch, 2)).length, 4);
});

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]>; commands: { command: string }[] };
};

function scheduleMenu(viewItem: string): string[] {
  const ctx = { view: 'temporal.schedules', viewItem };
  return pkg.contributes.menus['view/item/context']
    .filter((m) => !m.group?.startsWith('inline') && evaluateWhen(m.when, ctx))
    .map((m) => m.command)
    .sort();
}

test('schedule menus: pause only when active, unpause only when paused, writes hidden read-only', () => {
  const active = scheduleMenu(scheduleContext(false, false));
  const paused = scheduleMenu(scheduleContext(true, false));
  assert.ok(active.includes('temporal.pauseSchedule'));
  assert.ok(!active.includes('temporal.unpauseSchedule'));
  assert.ok(paused.includes('temporal.unpauseSchedule'));
  assert.ok(!paused.includes('temporal.pauseSchedule'));
  for (const c of ['triggerSchedule', 'backfillSchedule', 'editSchedule', 'deleteSchedule'])
    assert.ok(active.includes(`temporal.${c}`) && paused.includes(`temporal.${c}`), c);
  assert.deepEqual(scheduleMenu(scheduleContext(false, true)), ['temporal.describeSchedule']);
  assert.deepEqual(scheduleMenu(scheduleContext(true, true)), ['temporal.describeSchedule']);
  const palette = pkg.contributes.menus.commandPalette;
  const hidden = (id: string, ctx: Record<string, boolean>) =>
    !evaluateWhen(palette.find((m) => m.command === id)?.when, ctx);
  const readOnly = { 'temporal.profileSelected': true, 'temporal.readOnly': true };
  assert.ok(hidden('temporal.createSchedule', readOnly));
  assert.ok(hidden('temporal.deleteSchedule', readOnly));
  assert.ok(!hidden('temporal.describeSchedule', readOnly));
  assert.ok(hidden('temporal.schedules.loadMore', { 'temporal.profileSelected': true }));
});

test('changedSchedules names only the schedules whose summary changed, or rows when the list moved', () => {
  const a = summary({ scheduleId: 'a' });
  const b = summary({ scheduleId: 'b' });
  const bPaused = summary({ scheduleId: 'b', paused: true });
  assert.deepEqual(changedSchedules([a, b], [a, b]), []);
  assert.deepEqual(changedSchedules([a, b], [a, bPaused]), ['b']);
  assert.equal(changedSchedules([a, b], [b, a]), 'rows');
  assert.equal(changedSchedules([a], [a, b]), 'rows');
  assert.equal(changedSchedules([a, b], [a]), 'rows');
});

test('the create document writes input as plain JSON', () => {
  assert.deepEqual(exampleScheduleDocument(['greeting'], []).action.input, ['World']);
});

test('the schedule id follows the workflow type until the user edits it', () => {
  const doc = (id: string, type: string) =>
    `// header\n{"scheduleId": "${id}", "action": {"workflowType": "${type}"}}`;
  const text = doc('greeting-schedule', 'counter');
  const followed = followTypeInScheduleId(text, 'greeting-schedule');
  assert.equal(followed.edit?.id, 'counter-schedule');
  assert.equal(text.slice(followed.edit!.start, followed.edit!.end), 'greeting-schedule');
  // Nothing to do once the id is derived from the current type.
  assert.deepEqual(
    followTypeInScheduleId(doc('counter-schedule', 'counter'), 'counter-schedule'),
    {},
  );
  // An id the workbench did not write is the user's: it stays, and following stops.
  assert.deepEqual(followTypeInScheduleId(doc('nightly', 'counter'), 'greeting-schedule'), {
    userEdited: true,
  });
  // Mid-edit: a type without its closing quote, or an empty one, changes nothing yet.
  const open = '{"scheduleId": "greeting-schedule",\n "workflowType": "coun\n}';
  assert.deepEqual(followTypeInScheduleId(open, 'greeting-schedule'), {});
  assert.deepEqual(followTypeInScheduleId(doc('greeting-schedule', ''), 'greeting-schedule'), {});
});

test('a poll redraws only what changed: a paused schedule, a second later, only its upcoming times', () => {
  const action = { scheduledTime: at(-5), actualTime: at(-5), workflowId: 'w1', runId: 'r1' };
  const paused = summary({
    paused: true,
    recentActions: [action],
    futureActionTimes: [at(10), at(20), at(30)],
  });
  const looks = (s: ScheduleSummary, t: number) => scheduleLooks(s, false, now + t * 1000);
  // The upcoming times move on with the clock ("in 10s", then "in 9s"); the row and the actions stay.
  assert.deepEqual(scheduleRedraw(looks(paused, 0), looks(paused, 1)), ['upcoming']);
  assert.deepEqual(upcomingTimes(paused, now + 11_000), [at(20), at(30)]);
  // A new action redraws the recent actions only.
  const another = { ...paused, recentActions: [action, { ...action, runId: 'r2' }] };
  assert.deepEqual(scheduleRedraw(looks(paused, 0), looks(another, 0)), ['recent']);
  // Nothing changed: nothing redrawn.
  assert.deepEqual(scheduleRedraw(looks(paused, 0), looks(paused, 0)), []);
  // Active, its "next in" moves every second: the row (and with it its folders).
  const active = { ...paused, paused: false };
  assert.equal(scheduleRedraw(looks(active, 0), looks(active, 1)), 'row');
  // Paused or unpaused, read-only or not: the row.
  assert.equal(scheduleRedraw(looks(active, 0), looks(paused, 0)), 'row');
  assert.equal(
    scheduleRedraw(scheduleLooks(paused, false, now), scheduleLooks(paused, true, now)),
    'row',
  );
});
