// The duroxide backend end to end: a real duroxide runtime (its own process) runs the test
// orchestrations on a SQLite file and on a throwaway PostgreSQL cluster; the language server
// operates them through duroxide's client, and what it reports is compared with what the
// runtime's own client reads from the same store.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as protocol from '../../shared/src/protocol';
import { expectWorkbenchError, TestLanguageServer } from '../support/languageServer';
import { displayStore } from '../../server/src/connection/profiles';
import {
  startPostgres,
  startRuntime,
  type TestPostgres,
  type TestRuntime,
} from '../support/duroxide';
import { loadDuroxide, type DuroxideClient } from '../../server/src/backends/duroxide/binding';
import { customStatusRow, valueRows } from '../../client/src/views/instanceStateModel';

/** Reads `read` again until `ok` holds (each read is a real call; no fixed waits). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await read();
    if (ok(v)) return v;
    if (i > 400) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setImmediate(r));
  }
}

for (const storeKind of ['SQLite', 'PostgreSQL'] as const) {
  describe(`duroxide on ${storeKind}`, () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-dx-'));
    let pg: TestPostgres | undefined;
    let runtime: TestRuntime | undefined;
    let server: TestLanguageServer;
    let own: DuroxideClient;
    const profileId = 'settings:dx';

    before(async () => {
      const dx = loadDuroxide();
      let runtimeUrl: string;
      let profile: protocol.SettingsProfile;
      const secrets: Record<string, string> = {};
      if (storeKind === 'SQLite') {
        const file = path.join(tmp, 'store.db');
        runtimeUrl = `sqlite:${file}`;
        profile = { kind: 'duroxide', store: file };
        runtime = await startRuntime(runtimeUrl);
        own = new dx.JsClient(await dx.JsSqliteProvider.open(runtimeUrl));
      } else {
        pg = await startPostgres();
        const url = new URL(pg.url);
        url.password = pg.password;
        runtimeUrl = url.toString();
        profile = { kind: 'duroxide', store: pg.url, password: true };
        secrets[
          protocol.storePasswordSecretKey({
            source: 'settings',
            name: 'dx',
            address: displayStore(pg.url),
          })
        ] = pg.password;
        runtime = await startRuntime(runtimeUrl);
        own = dx.JsClient.fromPostgres(await dx.JsPostgresProvider.connect(runtimeUrl));
      }
      server = await TestLanguageServer.start({ settings: { profiles: { dx: profile } }, secrets });
      const status = await server.request(protocol.selectProfile, { profileId });
      assert.equal(status.state, 'connected', status.error?.message);
      assert.equal(status.backend?.kind, 'duroxide');
    });

    after(async () => {
      await server?.stop();
      await runtime?.stop();
      pg?.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    const start = (workflowId: string, workflowType: string, input: string) =>
      server.request(protocol.startWorkflow, {
        profileId,
        workflowId,
        workflowType,
        taskQueue: '',
        input,
      });
    const history = (workflowId: string, runId?: string) =>
      server.request(protocol.getWorkflowHistory, { profileId, workflowId, runId });
    // A start is a queued message: the instance exists once the runtime has picked it up.
    const notYet = (err: { data?: protocol.ErrorData }) => {
      if (err.data?.kind === 'NotFound') return { events: [] };
      throw err;
    };
    const subscribed = (workflowId: string) =>
      until(
        () => history(workflowId).catch(notYet),
        (h) => h.events.some((e) => e.eventType === 'ExternalSubscribed'),
        `${workflowId} to wait for its event`,
      );

    test('the profile says duroxide and has no schedules, queries or updates; asking for schedules is Unsupported', async () => {
      const info = await server.request(protocol.getBackendInfo, { profileId });
      assert.equal(info.kind, 'duroxide');
      assert.deepEqual(
        {
          schedules: info.capabilities.schedules,
          queries: info.capabilities.queries,
          updates: info.capabilities.updates,
          metrics: info.capabilities.metrics,
        },
        { schedules: false, queries: false, updates: false, metrics: true },
      );
      const message = await expectWorkbenchError(
        server.request(protocol.listSchedules, { profileId }),
        'Unsupported',
      );
      assert.match(message, /duroxide profile has no schedules/);
    });

    test('the waiting orchestration is listed as Running; raising its event completes it with its output', async () => {
      await start('approval-1', 'Approval', '"order-7"');
      await subscribed('approval-1');
      const running = await server.request(protocol.listWorkflows, {
        profileId,
        query: "ExecutionStatus = 'Running'",
      });
      const row = running.executions.find((e) => e.workflowId === 'approval-1');
      assert.deepEqual(
        { status: row?.status, type: row?.workflowType },
        { status: 'Running', type: 'Approval' },
      );
      // Custom status and KV values as the runtime's client reads them.
      const waiting = await server.request(protocol.describeWorkflow, {
        profileId,
        workflowId: 'approval-1',
      });
      const [ownStatus, ownValues] = await Promise.all([
        own.getStatus('approval-1'),
        own.getKvAllValues('approval-1'),
      ]);
      assert.deepEqual(waiting.customStatus?.value, { phase: 'waiting for approval' });
      assert.deepEqual(waiting.customStatus?.value, JSON.parse(ownStatus.customStatus ?? 'null'));
      assert.deepEqual(
        Object.fromEntries(Object.entries(waiting.values ?? {}).map(([k, v]) => [k, v.value])),
        Object.fromEntries(Object.entries(ownValues).map(([k, v]) => [k, JSON.parse(v)])),
      );
      assert.deepEqual(waiting.values?.request?.value, 'order-7');
      await server.request(protocol.signalWorkflow, {
        profileId,
        workflowId: 'approval-1',
        signalName: 'approve',
        input: '{"by": "ops"}',
      });
      const outcome = await server.request(protocol.getWorkflowResult, {
        profileId,
        workflowId: 'approval-1',
      });
      assert.equal(outcome.status, 'Completed');
      assert.deepEqual(outcome.status === 'Completed' && outcome.result[0].value, {
        request: 'order-7',
        approved: { by: 'ops' },
      });
      const described = await server.request(protocol.describeWorkflow, {
        profileId,
        workflowId: 'approval-1',
      });
      assert.equal(described.status, 'Completed');
    });

    test('cancelling a waiting orchestration shows it Canceled, with the reason', async () => {
      await start('approval-2', 'Approval', '"order-8"');
      await subscribed('approval-2');
      await server.request(protocol.cancelWorkflow, {
        profileId,
        workflowId: 'approval-2',
        reason: 'not needed',
      });
      const outcome = await server.request(protocol.getWorkflowResult, {
        profileId,
        workflowId: 'approval-2',
      });
      assert.equal(outcome.status, 'Canceled');
      const canceled = await server.request(protocol.listWorkflows, {
        profileId,
        query: "ExecutionStatus = 'Canceled'",
      });
      assert.deepEqual(
        canceled.executions.map((e) => e.workflowId),
        ['approval-2'],
      );
    });

    test('continue-as-new shows every execution of the instance, newest first', async () => {
      await start('countdown-1', 'Countdown', '0');
      const outcome = await server.request(protocol.getWorkflowResult, {
        profileId,
        workflowId: 'countdown-1',
      });
      assert.deepEqual(outcome.status === 'Completed' && outcome.result[0].value, 3);
      const runs = await server.request(protocol.listWorkflowRuns, {
        profileId,
        workflowId: 'countdown-1',
      });
      assert.deepEqual(
        runs.executions.map((r) => [r.runId, r.status]),
        [
          ['4', 'Completed'],
          ['3', 'ContinuedAsNew'],
          ['2', 'ContinuedAsNew'],
          ['1', 'ContinuedAsNew'],
        ],
      );
      assert.deepEqual(await own.listExecutions('countdown-1'), [1, 2, 3, 4]);
      // Each execution's event count and status as the runtime's client reads them.
      const theirs = await Promise.all(
        [4, 3, 2, 1].map((id) => own.getExecutionInfo('countdown-1', id)),
      );
      assert.deepEqual(
        runs.executions.map((r) => [Number(r.runId), r.historyLength]),
        theirs.map((e) => [e.executionId, e.eventCount]),
      );
    });

    test('a failing orchestration is Failed with its error message', async () => {
      await start('broken-1', 'Broken', '');
      const outcome = await server.request(protocol.getWorkflowResult, {
        profileId,
        workflowId: 'broken-1',
      });
      assert.equal(outcome.status, 'Failed');
      assert.match(outcome.status === 'Failed' ? outcome.failure.message : '', /broken on purpose/);
    });

    test('history of an orchestration with activities matches what the runtime client reads', async () => {
      await start('greeting-1', 'Greeting', '"Ada"');
      const outcome = await server.request(protocol.getWorkflowResult, {
        profileId,
        workflowId: 'greeting-1',
      });
      assert.deepEqual(outcome.status === 'Completed' && outcome.result[0].value, [
        'Hello, Ada!',
        'Hello, Ada again!',
      ]);
      const ours = (await history('greeting-1', '1')).events.map((e) => [
        e.eventId,
        e.eventType,
        e.groupEventId ?? null,
      ]);
      const own1 = await own.readExecutionHistory('greeting-1', 1);
      const theirs = own1.map((e) => [e.eventId, e.kind, e.sourceEventId ?? null]);
      assert.deepEqual(ours, theirs);
      // The events' data (inputs, results) too, exactly as the runtime's client has it.
      const json = (await history('greeting-1', '1')).events.map((e) => e.json.data ?? null);
      assert.deepEqual(
        json,
        own1.map((e) => e.data ?? null),
      );
      assert.equal(ours.filter((e) => e[1] === 'ActivityScheduled').length, 2);
    });

    test('metrics and queue depths match what the runtime client reports, and count by status agrees', async () => {
      // Every instance started so far has ended, so the store no longer changes between the reads.
      const ours = await server.request(protocol.getBackendMetrics, { profileId });
      const [metrics, queues] = await Promise.all([own.getSystemMetrics(), own.getQueueDepths()]);
      assert.deepEqual(ours, {
        ...metrics,
        queues: {
          orchestrator: queues.orchestratorQueue,
          worker: queues.workerQueue,
          timer: queues.timerQueue,
        },
      });
      const counted = await server.request(protocol.countWorkflows, {
        profileId,
        groupByStatus: true,
      });
      assert.equal(counted.count, metrics.totalInstances);
      const byStatus = Object.fromEntries((counted.groups ?? []).map((g) => [g.status, g.count]));
      assert.deepEqual(byStatus, { Completed: 3, Canceled: 1, Failed: 1 });
    });

    test("the tree's rows under a waiting instance show its custom status and KV values as its runtime's client reads them", async () => {
      // After the counts above: this instance stays running until the runtime stops.
      await start('approval-3', 'Approval', '{"order": 10, "lines": ["a", "b"]}');
      await subscribed('approval-3');
      const described = await server.request(protocol.describeWorkflow, {
        profileId,
        workflowId: 'approval-3',
      });
      const [ownStatus, ownValues] = await Promise.all([
        own.getStatus('approval-3'),
        own.getKvAllValues('approval-3'),
      ]);
      const compact = (text: string) => JSON.stringify(JSON.parse(text));
      assert.deepEqual(customStatusRow(described), {
        label: 'Custom status',
        description: compact(ownStatus.customStatus ?? 'null'),
        full: JSON.stringify(JSON.parse(ownStatus.customStatus ?? 'null'), null, 2),
      });
      assert.deepEqual(
        valueRows(described).map((r) => [r.label, r.description]),
        Object.entries(ownValues).map(([k, v]) => [k, compact(v)]),
      );
      assert.deepEqual(
        valueRows(described).map((r) => [r.label, r.description]),
        [['request', '{"order":10,"lines":["a","b"]}']],
      );
    });

    test('the execution view of a waiting instance: its history as groups, its state without what duroxide lacks', async () => {
      // approval-3 from the test above, still waiting for its event.
      const viewId = `dx-view-${storeKind}`;
      const events: protocol.HistoryEventView[] = [];
      let model: protocol.ExecutionModel | undefined;
      let nextPageToken: string | undefined;
      do {
        const page = await server.request(protocol.executionViewPage, {
          profileId,
          viewId,
          workflowId: 'approval-3',
          pageSize: 2,
          nextPageToken,
        });
        events.push(...page.events);
        model = page.model ?? model;
        nextPageToken = page.nextPageToken;
      } while (nextPageToken);
      const own = (await history('approval-3')).events.map((e) => e.eventType);
      assert.deepEqual(
        events.map((e) => e.eventType),
        own,
      );
      assert.ok(model, 'the last page carries the model');
      assert.equal(model.header.workflowType, 'Approval');
      assert.equal(model.header.status, 'Running');
      assert.equal(model.eventCount, own.length);
      assert.ok(model.groups.length > 0, 'the events are grouped for the lists and the timeline');
      // The Approval orchestration waits for its 'approve' event: a signal group named so.
      assert.deepEqual(
        model.groups.filter((g) => g.kind === 'signal').map((g) => [g.name, g.open]),
        [['approve', true]],
      );
      const done = await server.request(protocol.executionViewPage, {
        profileId,
        viewId: `${viewId}-greeting`,
        workflowId: 'greeting-1',
      });
      const activities = done.model?.groups.filter((g) => g.kind === 'activity') ?? [];
      assert.deepEqual(
        activities.map((g) => [g.name, g.status]),
        [
          ['Greet', 'Completed'],
          ['Greet', 'Completed'],
        ],
      );
      assert.equal(done.model?.header.status, 'Completed');
      assert.equal(done.model?.header.workflowType, 'Greeting');
      const live = await server.request(protocol.getExecutionLiveState, {
        profileId,
        viewId,
        workflowId: 'approval-3',
      });
      assert.equal(live.description.status, 'Running');
      // No task queues, pollers or stack-trace queries on duroxide: nothing asked, nothing made up.
      assert.equal(live.stackTrace, undefined);
      assert.equal(live.stackTraceError, undefined);
      assert.ok(
        live.reasons.every((r) => r.kind !== 'noPollers'),
        JSON.stringify(live.reasons),
      );
    });

    test('a .temporal file on this profile starts through the duroxide backend, and says which blocks it cannot run', async () => {
      const file = path.join(tmp, 'ops.temporal');
      const text = [
        'profile = dx',
        '',
        'approve: workflow start --type Approval --task-queue none --workflow-id approval-file --input 11',
        '',
        'value: workflow query --workflow-id ${approve.workflowId} --name status',
        '',
        'stop: workflow terminate --workflow-id ${approve.workflowId}',
        '',
      ].join('\n');
      fs.writeFileSync(file, text);
      const uri = pathToFileURL(file).href;
      server.openDocument(uri, 'temporal', text);
      type Outcome = { name: string; status: string; error?: { message: string; kind?: string } };
      const run = (block: string) =>
        server.rpc.sendRequest('workspace/executeCommand', {
          command: 'temporal.operationFile.run',
          arguments: [uri, block],
        }) as Promise<{ outcomes: Outcome[] }>;
      const started = await run('approve');
      assert.deepEqual(
        started.outcomes.map((o) => [o.name, o.status]),
        [['approve', 'ok']],
      );
      // The start is queued: the instance exists once the runtime has picked it up.
      await subscribed('approval-file');
      const info = await own.getInstanceInfo('approval-file');
      assert.equal(info.orchestrationName, 'Approval');
      const queried = await run('value');
      assert.deepEqual(
        queried.outcomes.map((o) => [o.name, o.status, o.error?.kind, o.error?.message]),
        [
          [
            'value',
            'failed',
            'Unsupported',
            'A duroxide profile has no queries: query blocks cannot run on it',
          ],
        ],
      );
      // Warnings on the blocks this profile cannot serve, where their commands are.
      type Diagnostic = { range: { start: { line: number } }; message: string; severity: number };
      const warnings = await server.waitFor(() => {
        const d = (server.diagnostics.get(uri) ?? []) as Diagnostic[];
        return d.some((x) => /terminate/.test(x.message)) && d;
      }, 'warnings on the unsupported blocks');
      assert.deepEqual(
        warnings
          .filter((d) => d.message.startsWith('A duroxide'))
          .map((d) => [d.range.start.line, d.severity, d.message]),
        [
          [4, 2, 'A duroxide profile has no queries: query blocks cannot run on it'],
          [6, 2, 'A duroxide profile has no terminate: terminate blocks cannot run on it'],
        ],
      );
    });

    for (const [binding, file, languageId, source] of [
      [
        'Node',
        'worker.js',
        'javascript',
        "runtime.registerOrchestration('Approval', function* (ctx, request) {\n  return yield ctx.waitForEvent('approve');\n});\n",
      ],
      [
        'Python',
        'worker.py',
        'python',
        '@runtime.register_orchestration("Approval")\ndef approval(ctx, request):\n    return (yield ctx.wait_for_event("approve"))\n',
      ],
    ] as const) {
      test(`the Start Orchestration lens of an orchestration registered with the ${binding} binding starts it on the runtime, and its live count follows`, async () => {
        const uri = pathToFileURL(path.join(tmp, file)).href;
        // A server that went away fails the test with its last words instead of hanging it.
        const gone = new Promise<never>((_, reject) => {
          const onExit = (code: number | null, sig: string | null) =>
            reject(
              new Error(
                `language server exited (${code ?? sig}): ${server.stderr.join('').slice(-3000)}`,
              ),
            );
          server.process.once('exit', onExit);
        });
        gone.catch(() => undefined);
        server.openDocument(uri, languageId, source);
        type Lens = { command: { title: string; arguments: { workflowType: string }[] } };
        const lenses = () =>
          Promise.race([
            gone,
            server.rpc.sendRequest('textDocument/codeLens', {
              textDocument: { uri },
            }) as Promise<Lens[]>,
          ]);
        const startLens = await server.waitFor(
          async () => (await lenses()).find((l) => l.command.title.includes('Start Orchestration')),
          'the Start Orchestration lens',
        );
        const id = `lens-${binding}`;
        await start(id, startLens.command.arguments[0].workflowType, '"from the lens"');
        await subscribed(id);
        const running = await server.request(protocol.countWorkflows, {
          profileId,
          query: "WorkflowType = 'Approval' AND ExecutionStatus = 'Running'",
        });
        assert.ok(running.count >= 1);
        // The live count under the lens is the store's (recounted in the background).
        await server.waitFor(
          async () =>
            (await lenses()).some((l) => l.command.title.startsWith(`${running.count} running`)),
          `the lens to say ${running.count} running`,
        );
      });
    }
  });
}
