import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REPLAY_POSITION_MARKER, replayPositionsIn } from '../../../client/src/debugReplayConfig';
import { replayRowIndex, type ReplayRows } from '../../../client/src/webviews/ui/replayPosition';
import type { ExecutionGroup, HistoryEventView } from '../../../shared/src/protocol';

const group = (kind: string, eventIds: number[], lane: number) =>
  ({ kind, eventIds, lane }) as unknown as ExecutionGroup;
// A greeting run: workflow (1, 11), tasks (2-4, 8-10), the activity (5-7).
const workflow = group('workflow', [1, 11], 0);
const task1 = group('workflowTask', [2, 3, 4], 1);
const activity = group('activity', [5, 6, 7], 2);
const task2 = group('workflowTask', [8, 9, 10], 1);
const groups = [workflow, task1, activity, task2];
const rows = (tab: ReplayRows['tab']): ReplayRows => ({
  tab,
  events: Array.from({ length: 11 }, (_, i) => ({ eventId: i + 1 }) as HistoryEventView),
  compact: [workflow, activity],
  lanes: [[workflow], [task1, task2], [activity]],
  groupOf: new Map(groups.flatMap((g) => g.eventIds.map((id) => [id, g] as const))),
});

describe('debug replay position', () => {
  test('the runner marker lines give the workflow task started event ids, other output is ignored', () => {
    const output = `Worker state changed\n${REPLAY_POSITION_MARKER}3\nhello\n${REPLAY_POSITION_MARKER}9\r\n`;
    assert.deepEqual(replayPositionsIn(output), [3, 9]);
    assert.deepEqual(replayPositionsIn('replaying workflow task started at event x'), []);
  });

  test('all events: the row of the event itself', () => {
    assert.equal(replayRowIndex(rows('full'), 9), 8);
  });

  test('timeline: the lane holding the workflow task', () => {
    assert.equal(replayRowIndex(rows('timeline'), 9), 1);
  });

  test('compact (plain workflow tasks hidden): the last row that began before the event', () => {
    assert.equal(replayRowIndex(rows('compact'), 3), 0);
    assert.equal(replayRowIndex(rows('compact'), 9), 1);
  });
});
