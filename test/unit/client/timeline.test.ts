import assert from 'node:assert/strict';
import { test } from 'node:test';
import { laneBars, timeRangeOf } from '../../../client/src/webviews/ui/timeline';
import type { ExecutionGroup, ExecutionModel } from '../../../shared/src/protocol';

const t0 = Date.parse('2025-01-01T00:00:00Z');
const group = (over: Partial<ExecutionGroup>): ExecutionGroup => ({
  id: 1,
  kind: 'activity',
  name: 'step',
  status: 'Completed',
  open: false,
  failed: false,
  eventIds: [],
  lane: 3,
  ...over,
});
const model = (groups: ExecutionGroup[], partial: boolean): ExecutionModel => ({
  ...(partial ? { partial: true as const } : {}),
  header: {
    workflowId: 'w',
    runId: 'r',
    workflowType: 't',
    taskQueue: 'q',
    status: 'Running',
    memo: {},
    searchAttributes: {},
  },
  groups,
  eventCount: 3,
  lastEventId: 3,
  laneCount: 4,
});

test('a running model reaches to now; a partial one (still loading) to its last event, open groups too', () => {
  const groups = [
    group({ id: 1, kind: 'workflow', lane: 0, startMs: t0, endMs: t0 + 1000, open: true }),
    group({ id: 5, startMs: t0 + 500, endMs: t0 + 2000, open: true }),
  ];
  const now = t0 + 3_600_000;
  assert.deepEqual(timeRangeOf(model(groups, false), now), { start: t0, span: 3_600_000 });
  const loading = timeRangeOf(model(groups, true), now);
  assert.deepEqual(loading, { start: t0, span: 2000 });
  // The open activity's bar ends at the last event read, not an hour later off the lane.
  const [bar] = laneBars([groups[1]], loading, 1000, now);
  assert.equal(bar.left, 25);
  assert.equal(bar.left + bar.width, 100);
});
