// The live lens's counts after the workbench starts a run: visibility records the start a moment
// later, so the recount made at once can still say 0 running (e2e run 35 kept "0 running").
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { Backend } from '../../../server/src/backends/backend';
import { LiveStats } from '../../../server/src/features/liveStats';
import type { Workbench } from '../../../server/src/workbench';

/** A backend whose running counts the test hands out one call at a time. */
function fakes() {
  const pending: ((count: number) => void)[] = [];
  const backend = {
    countWorkflows: () =>
      new Promise<{ count: number }>((r) => pending.push((count) => r({ count }))),
    listWorkflows: async () => ({ executions: [] }),
  } as unknown as Backend;
  const workbench = {
    getStatus: () => ({
      state: 'connected',
      profileId: 'p',
      namespace: 'ns',
      backend: { kind: 'temporal', capabilities: {} },
    }),
    backend: async () => backend,
  } as unknown as Workbench;
  let updates = 0;
  const stats = new LiveStats(workbench, () => updates++);
  const turn = () => new Promise((r) => setImmediate(r));
  /** Answers the next count call with `count` once it has been made. */
  const answer = async (count: number) => {
    for (let i = 0; i < 20 && !pending.length; i++) await turn();
    assert.ok(pending.length, 'a count was asked for');
    pending.shift()!(count);
    for (let i = 0; i < 5; i++) await turn();
  };
  const tick = () => (stats as unknown as { recountRunning(): void }).recountRunning();
  return { stats, answer, tick, pending, updates: () => updates };
}

let open: LiveStats | undefined;
afterEach(() => open?.dispose());

test('a start the first recount does not see yet is counted on the next tick', async () => {
  const f = fakes();
  open = f.stats;
  f.stats.get('longTimer');
  await f.answer(0);
  assert.equal(f.stats.get('longTimer')?.running, 0);

  f.stats.executionsChanged('longTimer');
  await f.answer(0); // visibility has not recorded the start yet
  f.tick(); // a type with none running is recounted while it was changed lately
  await f.answer(1);
  assert.equal(f.stats.get('longTimer')?.running, 1);
  assert.ok(f.updates() >= 2, 'the lenses were told');
});

test('a start during a recount already under way is recounted after it', async () => {
  const f = fakes();
  open = f.stats;
  f.stats.get('longTimer'); // a recount under way, from before the start
  f.stats.executionsChanged('longTimer');
  await f.answer(0);
  await f.answer(1); // the recount asked for by the start
  assert.equal(f.stats.get('longTimer')?.running, 1);
});
