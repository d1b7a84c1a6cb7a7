// Code lenses and hover on duroxide orchestrations registered by name (Rust registry builder, the
// Node binding's runtime.registerOrchestration, the Python binding's register_orchestration):
// Start Orchestration instead of Temporal's Start/Execute, and the live status only when the
// active profile is a duroxide store (LiveStats is faked: it answers per runtime).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { codeLenses } from '../../../server/src/features/codeLens';
import { hover } from '../../../server/src/features/hover';
import type { LiveStats } from '../../../server/src/features/liveStats';
import { WorkspaceIndex } from '../../../server/src/source';
import type { SourceRuntime } from '../../../server/src/source/types';
import type { WorkflowLensArgs } from '../../../shared/src/lenses';
import { FIXTURES, sharedEngine } from './helpers';

const uri = pathToFileURL(path.join(FIXTURES, 'rust/src/orchestrations.rs')).href;

/** Two running FulfilOrder instances, as the active duroxide store would report them. */
const duroxideStats = {
  get: (type: string, runtime: SourceRuntime = 'temporal') =>
    runtime === 'duroxide' && type === 'FulfilOrder' ? { running: 2, fetchedAt: 0 } : undefined,
} as unknown as LiveStats;

// The same orchestrations registered with the Node and Python bindings: the registered function
// (or, for an inline function, the name argument) gets the lenses; activities get none.
for (const [binding, folder, file] of [
  ['Node', 'typescript', 'src/durable/orders.js'],
  ['Python', 'python', 'duroxide_orders.py'],
] as const) {
  describe(`duroxide orchestrations registered with the ${binding} binding`, () => {
    const uri = pathToFileURL(path.join(FIXTURES, folder, file)).href;
    let index: WorkspaceIndex;
    before(async () => {
      index = new WorkspaceIndex(await sharedEngine());
      await index.build(path.join(FIXTURES, folder));
    });

    test('each registered orchestration gets Start Orchestration on its function, with its live status', () => {
      const lenses = codeLenses(uri, index, duroxideStats).map((l) => {
        const args = l.command?.arguments?.[0] as WorkflowLensArgs;
        return [l.command?.title, args.workflowType, l.range.start.line, args.parameters];
      });
      const fulfil = index.workflowsIn(uri).find((w) => w.name === 'FulfilOrder')!;
      const greeting = index.workflowsIn(uri).find((w) => w.name === 'Greeting')!;
      const input = [{ name: binding === 'Node' ? 'orderId' : 'order_id' }];
      assert.deepEqual(lenses, [
        ['$(play) Start Orchestration', 'FulfilOrder', fulfil.nameRange.start.line, input],
        ['2 running', 'FulfilOrder', fulfil.nameRange.start.line, input],
        [
          '$(play) Start Orchestration',
          'Greeting',
          greeting.nameRange.start.line,
          binding === 'Node' ? [] : [{ name: 'name' }],
        ],
      ]);
      // On the function's own name, not on the registration.
      assert.match(fulfil.symbol, /^fulfil_?order$/i);
    });

    test('hover names the orchestration and its live status; the events it waits for are its signals', () => {
      const wf = index.workflowsIn(uri).find((w) => w.name === 'FulfilOrder')!;
      const shown = hover(uri, wf.nameRange.start, index, duroxideStats);
      const text = (shown?.contents as { value: string }).value;
      assert.match(text, /\*\*duroxide orchestration\*\* `FulfilOrder`/);
      assert.match(text, /Instances: 2 running/);
      assert.deepEqual(
        index.handlersIn(uri).map((h) => [h.kind, h.name, h.workflow, h.runtime]),
        [
          ['signal', 'Approved', 'FulfilOrder', 'duroxide'],
          ['signal', 'Cancel', 'Greeting', 'duroxide'],
        ],
      );
    });
  });
}

describe('duroxide orchestrations in source', () => {
  let index: WorkspaceIndex;
  before(async () => {
    index = new WorkspaceIndex(await sharedEngine());
    await index.build(path.join(FIXTURES, 'rust'));
  });

  test('each registered orchestration gets Start Orchestration (with its name), and its live status', () => {
    const lenses = codeLenses(uri, index, duroxideStats).map((l) => [
      l.command?.title,
      l.command?.command,
      (l.command?.arguments?.[0] as { workflowType: string }).workflowType,
    ]);
    assert.deepEqual(lenses, [
      ['$(play) Start Orchestration', 'temporal.startOrchestration', 'FulfilOrder'],
      ['2 running', 'temporal.showExecutionsOfType', 'FulfilOrder'],
      ['$(play) Start Orchestration', 'temporal.startOrchestration', 'Greeting'],
    ]);
  });

  test('hover names the orchestration and its live status', () => {
    const wf = index.workflowsIn(uri).find((w) => w.name === 'FulfilOrder')!;
    const shown = hover(uri, wf.nameRange.start, index, duroxideStats);
    const text = (shown?.contents as { value: string }).value;
    assert.match(text, /\*\*duroxide orchestration\*\* `FulfilOrder`/);
    assert.match(text, /Instances: 2 running/);
  });
});

describe('handler lenses follow the active backend', () => {
  const uri = pathToFileURL(path.join(FIXTURES, 'typescript/src/signals.ts')).href;
  const none = { get: () => undefined } as unknown as LiveStats;
  let index: WorkspaceIndex;
  before(async () => {
    index = new WorkspaceIndex(await sharedEngine());
    await index.build(path.join(FIXTURES, 'typescript'));
  });
  const titles = (capabilities?: { queries: boolean; updates: boolean }) =>
    codeLenses(
      uri,
      index,
      none,
      true,
      capabilities && { kind: capabilities.queries ? 'temporal' : 'duroxide', capabilities },
    ).map((l) => l.command?.title);

  test('a profile without queries and updates (duroxide) hides Query and Update lenses, keeps Signal', () => {
    assert.deepEqual(titles({ queries: true, updates: true }), [
      '$(broadcast) Signal…',
      '$(search) Query…',
      '$(edit) Update…',
    ]);
    assert.deepEqual(titles({ queries: false, updates: false }), ['$(broadcast) Signal…']);
    // Before a profile is connected nothing is known, so nothing is hidden.
    assert.deepEqual(titles(), titles({ queries: true, updates: true }));
  });

  test("a Temporal workflow's Start and Execute show on a Temporal profile and before one, not on a duroxide profile", async () => {
    const workflows = pathToFileURL(path.join(FIXTURES, 'typescript/src/workflows/order.ts')).href;
    const all = { queries: true, updates: true, signals: true };
    const startAndExecute = (backend?: Parameters<typeof codeLenses>[4]) =>
      codeLenses(workflows, index, none, true, backend)
        .map((l) => l.command?.title ?? '')
        .filter((t) => /Start|Execute/.test(t));
    // Two workflows in the file: a Start and an Execute each.
    const shown = ['$(play) Start', '$(run-all) Execute', '$(play) Start', '$(run-all) Execute'];
    assert.deepEqual(startAndExecute(), shown);
    assert.deepEqual(startAndExecute({ kind: 'temporal', capabilities: all }), shown);
    assert.deepEqual(
      startAndExecute({ kind: 'duroxide', capabilities: { ...all, queries: false } }),
      [],
    );
  });
});
