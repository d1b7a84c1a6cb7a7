// Source features over real LSP: the bundled server indexes the sample workspace, puts lenses
// on the Python and TypeScript workflows, hovers, publishes determinism diagnostics with quick
// fixes, follows edits, and shows live counts from the real dev server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import * as protocol from '../../shared/src/protocol';
import { LensCommands, type HandlerLensArgs, type WorkflowLensArgs } from '../../shared/src/lenses';
import { repoRoot, TestLanguageServer } from '../support/languageServer';
import { useTestTarget } from '../support/target';

interface Lens {
  range: unknown;
  command: { title: string; command: string; arguments: [WorkflowLensArgs | HandlerLensArgs] };
}

const target = useTestTarget();
const samples = path.join(repoRoot, 'samples');
const pyUri = pathToFileURL(path.join(samples, 'python/workflows.py')).href;
const tsUri = pathToFileURL(path.join(samples, 'typescript/src/workflows.ts')).href;
let server: TestLanguageServer;

before(async () => {
  const { address, namespace } = await target.ready();
  server = await TestLanguageServer.start({
    rootUri: pathToFileURL(samples).href,
    settings: { profiles: { dev: { address, namespace } } },
  });
  await server.waitFor(() => server.indexed, 'the workspace index');
});
after(() => server?.stop());

const lenses = (uri: string) =>
  server.rpc.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<Lens[]>;

describe('code lenses', () => {
  for (const [uri, languageId, queue] of [
    [pyUri, 'python', 'workbench-py'],
    [tsUri, 'typescript', 'workbench-ts'],
  ] as const) {
    test(`${languageId}: Start/Execute on every workflow, handler lenses, task queue from the worker`, async () => {
      server.openDocument(uri, languageId, fs.readFileSync(new URL(uri), 'utf8'));
      const all = await server.waitFor(async () => {
        const l = await lenses(uri);
        return l.length > 0 && l;
      }, 'lenses');
      const starts = all
        .filter((l) => l.command.command === LensCommands.start)
        .map((l) => l.command.arguments[0] as WorkflowLensArgs);
      assert.deepEqual(starts.map((a) => a.workflowType).sort(), [
        'asyncActivity',
        'continueAsNewLoop',
        'counter',
        'executionTour',
        'failing',
        'greeting',
        'longTimer',
        'parentWithChildren',
      ]);
      for (const a of starts) assert.deepEqual(a.taskQueues, [queue], a.workflowType);
      assert.equal(all.filter((l) => l.command.command === LensCommands.execute).length, 8);
      const greeting = starts.find((a) => a.workflowType === 'greeting')!;
      assert.deepEqual(
        greeting.parameters.map((p) => p.name),
        ['name'],
      );
      const handlers = all
        .filter((l) =>
          ['signal', 'query', 'update'].some(
            (k) => l.command.command === LensCommands[k as 'signal'],
          ),
        )
        .map((l) => l.command.arguments[0] as HandlerLensArgs)
        .map((h) => `${h.kind} ${h.name} of ${h.workflowType}`)
        .sort();
      assert.deepEqual(handlers, [
        'query value of counter',
        'signal finish of counter',
        'signal increment of counter',
        'signal proceed of executionTour',
        'update setNote of executionTour',
        'update setValue of counter',
      ]);
    });
  }

  test('live line counts running executions of the type on the connected server', async () => {
    const { address, namespace, queues } = target();
    assert.equal(
      (await server.request(protocol.selectProfile, { profileId: 'settings:dev' })).state,
      'connected',
    );
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, namespace });
    const handle = await client.workflow.start('counter', {
      taskQueue: queues.python,
      workflowId: `lens-${randomUUID()}`,
      args: [1],
    });
    try {
      const live = await server.waitFor(
        async () => {
          const l = (await lenses(pyUri)).find(
            (x) =>
              x.command.command === LensCommands.showExecutions &&
              (x.command.arguments[0] as WorkflowLensArgs).workflowType === 'counter',
          );
          return l && /^[1-9]\d* running/.test(l.command.title) && l;
        },
        'a live "running" lens',
        20_000,
      );
      assert.match(live.command.title, /running/);
      await server.waitFor(
        () => server.lensRefreshes > 0,
        'the server asking the client to refresh lenses',
      );
    } finally {
      await handle.terminate('test done');
      await connection.close();
    }
  });
});

describe('lens arguments drive real executions (the requests the lens commands send)', () => {
  for (const uri of [pyUri, tsUri]) {
    test(`${path.basename(uri)}: the greeting lens's type and task queue execute it; counter's handler lenses name the signal, query and update that work`, async () => {
      const all = await lenses(uri);
      const lensArgs = (
        command: string,
        match: (a: WorkflowLensArgs & HandlerLensArgs) => boolean,
      ) =>
        all
          .map((l) => l.command)
          .find((c) => c.command === command && match(c.arguments[0] as never))!
          .arguments[0] as WorkflowLensArgs & HandlerLensArgs;
      // Execute lens: the type and task queue come from the source and the worker registration.
      const greet = lensArgs(LensCommands.execute, (a) => a.workflowType === 'greeting');
      const run = await server.request(protocol.executeWorkflow, {
        workflowType: greet.workflowType,
        taskQueue: greet.taskQueues[0],
        input: JSON.stringify(['Lens']),
      });
      assert.deepEqual(
        run.outcome.status === 'Completed' && run.outcome.result[0].value,
        'Hello, Lens!',
      );
      // Start lens on counter, then the handler lenses against that execution.
      const counter = lensArgs(LensCommands.start, (a) => a.workflowType === 'counter');
      const { workflowId } = await server.request(protocol.startWorkflow, {
        workflowType: counter.workflowType,
        taskQueue: counter.taskQueues[0],
        workflowId: `lens-counter-${randomUUID()}`,
        input: '[10]',
      });
      const signal = lensArgs(LensCommands.signal, (a) => a.name === 'increment');
      const query = lensArgs(LensCommands.query, (a) => a.name === 'value');
      const update = lensArgs(LensCommands.update, (a) => a.name === 'setValue');
      assert.equal(signal.workflowType, 'counter');
      await server.request(protocol.signalWorkflow, {
        workflowId,
        signalName: signal.name,
        input: '[5]',
      });
      const q = await server.request(protocol.queryWorkflow, { workflowId, queryType: query.name });
      assert.equal(q.result?.[0].value, 15);
      const u = await server.request(protocol.executeUpdate, {
        workflowId,
        updateName: update.name,
        input: '[3]',
      });
      assert.equal(u.result?.[0].value, 15);
      await server.request(protocol.signalWorkflow, { workflowId, signalName: 'finish' });
      const outcome = await server.request(protocol.getWorkflowResult, { workflowId, wait: true });
      assert.deepEqual(outcome.status === 'Completed' && outcome.result[0].value, 3);
    });
  }
});

describe('symbols for any editor', () => {
  test('documentSymbol nests handlers under their workflow; workspace/symbol finds workflows, handlers and activities', async () => {
    type Symbol = { name: string; detail?: string; children?: Symbol[] };
    const outline = (await server.rpc.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: pyUri },
    })) as Symbol[];
    const counter = outline.find((s) => s.name === 'counter');
    assert.deepEqual(counter?.children?.map((c) => `${c.detail} ${c.name}`).sort(), [
      'query value',
      'signal finish',
      'signal increment',
      'update setValue',
    ]);
    const found = (await server.rpc.sendRequest('workspace/symbol', { query: 'setValue' })) as {
      name: string;
      containerName?: string;
    }[];
    assert.ok(
      found.some((s) => s.name === 'setValue' && s.containerName === 'update of counter'),
      JSON.stringify(found),
    );
    const activities = (await server.rpc.sendRequest('workspace/symbol', { query: '' })) as {
      containerName?: string;
    }[];
    assert.ok(
      activities.some((s) => s.containerName === 'activity'),
      'an activity symbol',
    );
  });
});

describe('hover, edits and diagnostics', () => {
  test('workspace workers: each sample worker with its task queue and workflow types', async () => {
    const { workers } = await server.request(protocol.listWorkspaceWorkers, {});
    const byQueue = Object.fromEntries(workers.map((w) => [w.taskQueue, w.workflowTypes.length]));
    assert.deepEqual(byQueue, { 'workbench-py': 8, 'workbench-ts': 8 });
  });

  test('findSource locates workflow types and handlers for the tree and history', async () => {
    const wf = await server.request(protocol.findSource, { kind: 'workflow', name: 'counter' });
    assert.deepEqual(wf.locations.map((l) => path.basename(l.uri)).sort(), [
      'workflows.py',
      'workflows.ts',
    ]);
    const update = await server.request(protocol.findSource, { kind: 'update', name: 'setValue' });
    assert.equal(update.locations.length, 2);
    const activity = await server.request(protocol.findSource, {
      kind: 'activity',
      name: 'composeGreeting',
    });
    assert.ok(activity.locations.length >= 1, JSON.stringify(activity));
    assert.deepEqual(
      (await server.request(protocol.findSource, { kind: 'workflow', name: 'nope' })).locations,
      [],
    );
  });

  test('hover on a workflow names its registered type and task queue', async () => {
    const text = fs.readFileSync(new URL(pyUri), 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('class Greeting'));
    const h = (await server.rpc.sendRequest('textDocument/hover', {
      textDocument: { uri: pyUri },
      position: { line, character: 8 },
    })) as { contents: { value: string } };
    assert.match(h.contents.value, /Temporal workflow\*\* `greeting` \(explicit name\)/);
    assert.match(h.contents.value, /`workbench-py`/);
  });

  test('an edit adds a workflow and its lens; clock reads get a diagnostic with a quick fix', async () => {
    const uri = pathToFileURL(path.join(samples, 'python/scratch_workflows.py')).href;
    const base = 'from temporalio import workflow\n\n';
    server.openDocument(uri, 'python', base);
    const added =
      '@workflow.defn\nclass Stopwatch:\n    @workflow.run\n    async def run(self) -> float:\n        import time\n        return time.time()\n';
    server.rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        {
          range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
          text: added,
        },
      ],
    });
    await server.waitFor(
      async () =>
        (await lenses(uri)).some(
          (l) => (l.command.arguments[0] as WorkflowLensArgs).workflowType === 'Stopwatch',
        ),
      'the new lens',
    );
    const diags = await server.waitFor(
      () => server.diagnostics.get(uri)?.length && server.diagnostics.get(uri),
      'diagnostics',
    );
    const clock = diags.find((d) => (d as { code: string }).code === 'nondeterministic-time') as {
      range: unknown;
      message: string;
      code: string;
      source: string;
      data: unknown;
    };
    assert.ok(clock, JSON.stringify(diags));
    assert.match(clock.message, /system clock/);
    const actions = (await server.rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: clock.range,
      context: { diagnostics: [clock] },
    })) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    assert.equal(actions[0].title, 'Use workflow.time()');
    assert.equal(actions[0].edit.changes[uri][0].newText, 'workflow.time()');
  });
});
