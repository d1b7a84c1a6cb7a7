// The menus in package.json against the contextValues the tree produces: each node shows only
// what is valid for its status, read-only profiles hide writes, palette entries hide by `when`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { executionContext } from '../../../client/src/views/treeModel';
import { evaluateWhen, type WhenContext } from './whenClause';
import { capabilitiesOf } from '../../../server/src/backends/backend';
import { duroxideBackend } from '../../../server/src/backends/duroxide/backend';
import type { DuroxideClient } from '../../../server/src/backends/duroxide/binding';
import type { ProfileDefinition } from '../../../server/src/connection/profiles';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; category?: string }[];
    menus: Record<string, MenuEntry[]>;
    views: Record<string, { id: string }[]>;
  };
};
const menus = pkg.contributes.menus;

function contextMenu(view: string, viewItem: string, extra: WhenContext = {}): string[] {
  const ctx = { view, viewItem, ...extra };
  return [
    ...new Set(
      menus['view/item/context']
        .filter((m) => !m.group?.startsWith('inline') && evaluateWhen(m.when, ctx))
        .map((m) => m.command),
    ),
  ].sort();
}

const writesOnRunning = [
  'temporal.signalWorkflow',
  'temporal.updateWorkflow',
  'temporal.cancelWorkflow',
  'temporal.terminateWorkflow',
];
const onClosedOnly = ['temporal.startWorkflowAgain', 'temporal.showWorkflowResult'];
const reads = [
  'temporal.openWorkflowHistory',
  'temporal.describeWorkflow',
  'temporal.copyWorkflowId',
  'temporal.copyRunId',
  'temporal.openInWebUi',
  'temporal.goToWorkflowDefinition',
];

test('running executions offer signal/query/update/cancel/terminate, not the closed-only entries', () => {
  const items = contextMenu('temporal.workflows', executionContext('Running', false));
  for (const c of [...writesOnRunning, 'temporal.queryWorkflow', ...reads])
    assert.ok(items.includes(c), c);
  for (const c of onClosedOnly) assert.ok(!items.includes(c), c);
});

test('closed executions offer reset, start again, result and history, no handler calls', () => {
  for (const status of [
    'Completed',
    'Failed',
    'Terminated',
    'Canceled',
    'TimedOut',
    'ContinuedAsNew',
  ]) {
    const items = contextMenu('temporal.workflows', executionContext(status, false));
    for (const c of [
      ...onClosedOnly,
      'temporal.resetWorkflow',
      'temporal.deleteWorkflow',
      ...reads,
    ])
      assert.ok(items.includes(c), `${status}: ${c}`);
    for (const c of [...writesOnRunning, 'temporal.queryWorkflow'])
      assert.ok(!items.includes(c), `${status}: ${c}`);
  }
});

test('read-only profiles keep the reads and hide every write', () => {
  const writes = [
    ...writesOnRunning,
    'temporal.resetWorkflow',
    'temporal.deleteWorkflow',
    'temporal.startWorkflowAgain',
  ];
  for (const status of ['Running', 'Completed']) {
    const items = contextMenu('temporal.workflows', executionContext(status, true), {
      'temporal.readOnly': true,
    });
    for (const c of writes) assert.ok(!items.includes(c), `${status}: ${c}`);
    for (const c of reads) assert.ok(items.includes(c), `${status}: ${c}`);
  }
  const title = (extra: WhenContext) =>
    menus['view/title']
      .filter((m) =>
        evaluateWhen(m.when, {
          view: 'temporal.workflows',
          'temporal.workflows.filtered': true,
          ...extra,
        }),
      )
      .map((m) => m.command);
  assert.ok(title({}).includes('temporal.workflows.batchTerminate'));
  assert.ok(!title({ 'temporal.readOnly': true }).includes('temporal.workflows.batchTerminate'));
  assert.ok(!title({ 'temporal.readOnly': true }).includes('temporal.startWorkflow'));
});

test('palette hides node-only commands and writes when they make no sense', () => {
  const palette = (id: string, ctx: WhenContext) => {
    const entry = menus.commandPalette.find((m) => m.command === id);
    return evaluateWhen(entry?.when, ctx);
  };
  const connected = { 'temporal.profileSelected': true };
  for (const id of [
    'temporal.copyWorkflowId',
    'temporal.workflows.loadMore',
    'temporal.openHistoryEvent',
  ])
    assert.equal(palette(id, connected), false, id);
  assert.equal(palette('temporal.startWorkflow', connected), true);
  assert.equal(
    palette('temporal.startWorkflow', { ...connected, 'temporal.readOnly': true }),
    false,
  );
  assert.equal(palette('temporal.startWorkflow', {}), false);
  assert.equal(
    palette('temporal.queryWorkflow', { ...connected, 'temporal.readOnly': true }),
    true,
  );
  assert.equal(palette('temporal.submitInput', connected), false);
  assert.equal(palette('temporal.submitInput', { 'temporal.payloadEditorActive': true }), true);
});

/** The context keys the client sets for a connected duroxide profile (see Ctx.setContextKeys). */
function duroxideContext(): WhenContext {
  const backend = duroxideBackend({
    profile: { kind: 'duroxide', store: '/tmp/store.db' } as ProfileDefinition,
    client: {} as DuroxideClient,
    assertWritable: () => undefined,
  });
  const caps = capabilitiesOf(backend);
  return {
    'temporal.backend': 'duroxide',
    'temporal.connected': true,
    'temporal.profileSelected': true,
    ...Object.fromEntries(
      Object.entries(caps).map(([name, has]) => [`temporal.lacks.${name}`, !has]),
    ),
  };
}

const temporalOnly = [
  'temporal.signalWorkflow',
  'temporal.queryWorkflow',
  'temporal.updateWorkflow',
  'temporal.terminateWorkflow',
  'temporal.resetWorkflow',
  'temporal.openInWebUi',
  'temporal.replayWorkflow',
  'temporal.debugReplay',
  'temporal.replayRecent',
];

test("a duroxide instance's context menu has Raise Event, Wait, Cancel and no Signal, Query, Update, Terminate, Reset, Web UI or replay", () => {
  const ctx = duroxideContext();
  const running = contextMenu('temporal.workflows', executionContext('Running', false), ctx);
  for (const c of ['temporal.raiseEvent', 'temporal.waitForCompletion', 'temporal.cancelWorkflow'])
    assert.ok(running.includes(c), c);
  const closed = contextMenu('temporal.workflows', executionContext('Completed', false), ctx);
  for (const c of temporalOnly) {
    assert.ok(!running.includes(c), `running: ${c}`);
    assert.ok(!closed.includes(c), `closed: ${c}`);
  }
  // The same rows on a Temporal profile keep them.
  const temporal = contextMenu('temporal.workflows', executionContext('Running', false), {
    'temporal.backend': 'temporal',
  });
  for (const c of temporalOnly) assert.ok(temporal.includes(c), `temporal: ${c}`);
});

test('on a duroxide profile the palette offers Start Orchestration and Raise Event, not the Temporal-only entries', () => {
  const ctx = duroxideContext();
  const shown = menus.commandPalette.filter((m) => evaluateWhen(m.when, ctx)).map((m) => m.command);
  for (const c of [
    'temporal.startOrchestration',
    'temporal.raiseEvent',
    'temporal.waitForCompletion',
  ])
    assert.ok(shown.includes(c), c);
  for (const c of [
    ...temporalOnly.filter((c) => c !== 'temporal.debugReplay'),
    'temporal.startWorkflow',
    'temporal.createSchedule',
    'temporal.describeSchedule',
    'temporal.taskQueues.add',
  ])
    assert.ok(!shown.includes(c), c);
});

// That each one is registered is checked in the extension host (test/e2e/extensionHost.test.ts).
test('every contributed command is in the Temporal category, and every menu entry names one', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command);
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'Temporal', c.command);
  for (const [menu, entries] of Object.entries(menus)) {
    for (const m of entries) assert.ok(contributed.includes(m.command), `${menu}: ${m.command}`);
  }
  assert.deepEqual(
    pkg.contributes.views.temporal.map((v) => v.id),
    [
      'temporal.connections',
      'temporal.workflows',
      'temporal.schedules',
      'temporal.taskQueues',
      'temporal.results',
    ],
  );
});
