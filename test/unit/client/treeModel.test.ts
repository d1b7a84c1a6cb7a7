import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ago,
  countsDescription,
  executionContext,
  lookOf,
  PagedList,
  pushRecent,
} from '../../../client/src/views/treeModel';

test('PagedList replaces on refresh and appends on load more', () => {
  const list = new PagedList<number>();
  assert.equal(list.loaded, false);
  list.accept({ items: [1, 2], nextPageToken: 'a' }, false);
  assert.deepEqual([list.items, list.hasMore], [[1, 2], true]);
  list.accept({ items: [3], nextPageToken: '' }, true);
  assert.deepEqual([list.items, list.hasMore], [[1, 2, 3], false]);
  list.accept({ items: [9] }, false);
  assert.deepEqual(list.items, [9]);
  list.reset();
  assert.deepEqual([list.items, list.loaded], [[], false]);
});

test('execution context values drive which menu entries show', () => {
  assert.equal(executionContext('Running', false), 'execution.running');
  assert.equal(executionContext('Running', true), 'execution.running.readonly');
  for (const s of ['Completed', 'Failed', 'Terminated', 'Canceled', 'TimedOut', 'ContinuedAsNew']) {
    assert.equal(executionContext(s, false), 'execution.closed');
  }
  // The regexes package.json menus use: writes on running, not read-only.
  const running = /^execution\.running$/;
  assert.ok(running.test(executionContext('Running', false)));
  assert.ok(!running.test(executionContext('Running', true)));
  assert.ok(!running.test(executionContext('Completed', false)));
});

test('status looks and counts', () => {
  assert.equal(lookOf('Failed').icon, 'error');
  assert.equal(lookOf('nonsense').label, 'Unknown');
  assert.equal(
    countsDescription({ Completed: 4, Running: 3, Failed: 0, Terminated: 1 }),
    '3 running · 1 terminated · 4 completed',
  );
  assert.equal(countsDescription({}), '');
});

test('relative times and recent lists', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  assert.equal(ago('2026-01-01T11:58:00Z', now), '2m ago');
  assert.equal(ago('2026-01-01T09:00:00Z', now), '3h ago');
  assert.equal(ago(undefined, now), '');
  assert.deepEqual(pushRecent(['a', 'b', 'c'], ' b '), ['b', 'a', 'c']);
  assert.deepEqual(pushRecent(['a'], '   '), ['a']);
  assert.equal(
    pushRecent(
      Array.from({ length: 20 }, (_, i) => `q${i}`),
      'new',
      10,
    ).length,
    10,
  );
});

test('PagedList.load: first page, load more, refresh keeps what "Load more" showed', async () => {
  const data = Array.from({ length: 7 }, (_, i) => i);
  const calls: [number, string | undefined][] = [];
  const fetch = async (pageSize: number, token?: string) => {
    calls.push([pageSize, token]);
    const start = token ? Number(token) : 0;
    const end = Math.min(data.length, start + pageSize);
    return {
      items: data.slice(start, end),
      nextPageToken: end < data.length ? String(end) : undefined,
    };
  };
  const list = new PagedList<number>();
  assert.deepEqual(await list.load(fetch, 3), [0, 1, 2]);
  // Loaded and not stale: no new call.
  assert.deepEqual(await list.load(fetch, 3), [0, 1, 2]);
  assert.deepEqual(await list.load(fetch, 3, true), [0, 1, 2, 3, 4, 5]);
  assert.equal(list.hasMore, true);
  list.markStale();
  assert.equal(list.needsLoad, true);
  // A refresh reloads as many as are shown, in one call.
  assert.deepEqual(await list.load(fetch, 3), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(calls.at(-1), [6, undefined]);
  assert.deepEqual(await list.load(fetch, 3, true), data);
  assert.equal(list.hasMore, false);
  // Load more at the end does nothing.
  const n = calls.length;
  await list.load(fetch, 3, true);
  assert.equal(calls.length, n);
  // A refresh after the end asks for one more than shown: a full page would bring a token.
  list.markStale();
  assert.deepEqual(await list.load(fetch, 3), data);
  assert.deepEqual(calls.at(-1), [8, undefined]);
  assert.equal(list.hasMore, false);
  assert.equal(list.reloadPageSize(50, 100), 50);
  assert.equal(new PagedList<number>().needsLoad, true);
  const fresh = new PagedList<number>();
  fresh.markStale();
  assert.equal(fresh.stale, false, 'nothing loaded: nothing to mark');
});
