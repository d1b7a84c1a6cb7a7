import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ago,
  countsDescription,
  executionContext,
  lookOf,
  PagedList,
  pushRecent,
  ReadThenRedraw,
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

/** A ReadThenRedraw whose reads the test answers one by one, recording what the view saw. */
function readerUnderTest() {
  const seen: string[] = [];
  const answers: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  let reads = 0;
  let shown: number | undefined;
  const done: Promise<void>[] = [];
  const reader = new ReadThenRedraw<number>({
    read: () => {
      reads++;
      return new Promise<number>((resolve, reject) => answers.push({ resolve, reject }));
    },
    apply: (v) => {
      shown = v;
      seen.push(`apply ${v}`);
    },
    redraw: () => seen.push('redraw'),
    progress: (reading) => done.push(reading),
  });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { reader, seen, answers, settle, done, reads: () => reads, shown: () => shown };
}

test('ReadThenRedraw reads before the redraw, and overlapping refreshes share one read and one more', async () => {
  const t = readerUnderTest();
  t.reader.start();
  assert.equal(t.reader.busy, true);
  assert.deepEqual(t.seen, [], 'nothing is redrawn before the read answers');
  t.reader.start();
  t.reader.start();
  assert.equal(t.reads(), 1, 'refreshes during a read do not read beside it');
  t.answers[0].resolve(1);
  await t.settle();
  assert.equal(t.reads(), 2, 'one more read for the refreshes that came meanwhile');
  assert.deepEqual(t.seen, ['apply 1']);
  t.answers[1].resolve(2);
  await Promise.all(t.done);
  assert.deepEqual(t.seen, ['apply 1', 'apply 2', 'redraw'], 'one redraw, after the last read');
  assert.equal(t.reader.busy, false);
  t.reader.throwFailure(); // no failure: nothing thrown
});

test('ReadThenRedraw keeps a failure for the redraw to show once, and drops a read from before a reset', async () => {
  const t = readerUnderTest();
  t.reader.start();
  t.answers[0].reject(new Error('server down'));
  await Promise.all(t.done);
  assert.deepEqual(t.seen, ['redraw']);
  assert.throws(() => t.reader.throwFailure(), /server down/);
  t.reader.throwFailure(); // shown once: the next redraw reads again

  t.reader.start();
  t.reader.reset(); // another target while the old one is read
  t.answers[1].resolve(7);
  await Promise.all(t.done);
  assert.equal(t.shown(), undefined, "the old target's rows are not taken");
  assert.deepEqual(t.seen, ['redraw', 'redraw']);
});
