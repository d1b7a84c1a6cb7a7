// Replay over real LSP against real histories: the sample workers record greeting and
// parentWithChildren runs; the bundled server replays them with the workspace's own SDKs (the
// repo's node_modules for TypeScript, a `.venv` for Python) against a temporary copy of
// samples/, first unchanged (clean), then after a deliberate change (nondeterminism as a
// diagnostic at the changed line, naming the event id).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import * as protocol from '../../shared/src/protocol';
import { repoRoot, TestLanguageServer } from '../support/languageServer';
import { useTestTarget } from '../support/target';

const target = useTestTarget();
let server: TestLanguageServer;
let workspace: string;
let client: Client;
let connection: Connection;
const runs: Record<'typescript' | 'python', { greeting: string; parent: string }> = {
  typescript: { greeting: '', parent: '' },
  python: { greeting: '', parent: '' },
};

interface Diag {
  range: { start: { line: number } };
  message: string;
  source: string;
}

const files = () => ({
  typescript: path.join(workspace, 'typescript/src/workflows.ts'),
  python: path.join(workspace, 'python/workflows.py'),
});
const uriOf = (file: string) => pathToFileURL(file).href;
const replayDiags = (file: string) =>
  ((server.diagnostics.get(uriOf(file)) ?? []) as Diag[]).filter(
    (d) => d.source === 'temporal-replay',
  );

const settings = () => {
  const { address, namespace } = target();
  return { profiles: { dev: { address, namespace } } };
};

before(async () => {
  const { queues } = await target.ready();
  // A copy of samples/ whose code can be changed; its SDKs are the repo's own environment.
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-replay-'));
  fs.cpSync(path.join(repoRoot, 'samples'), workspace, { recursive: true });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(workspace, 'node_modules'));
  fs.symlinkSync(path.join(repoRoot, '.tools/venv'), path.join(workspace, 'python/.venv'));

  connection = await Connection.connect({ address: target().address });
  client = new Client({ connection, namespace: target().namespace });
  const tag = randomUUID().slice(0, 8);
  await Promise.all(
    (['typescript', 'python'] as const).map(async (language) => {
      const taskQueue = queues[language];
      const greeting = `replay-greeting-${language}-${tag}`;
      const parent = `replay-parent-${language}-${tag}`;
      await client.workflow.execute('greeting', { taskQueue, workflowId: greeting, args: ['Ann'] });
      await client.workflow.execute('parentWithChildren', {
        taskQueue,
        workflowId: parent,
        args: [2],
      });
      runs[language] = { greeting, parent };
    }),
  );

  server = await TestLanguageServer.start({
    rootUri: uriOf(workspace),
    settings: { ...settings(), workspaceTrusted: false },
  });
  await server.waitFor(() => server.indexed, 'the workspace index');
  await server.request(protocol.selectProfile, { profileId: 'settings:dev' });
});

after(async () => {
  await server?.stop();
  await connection?.close();
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

const replay = (workflowId: string) =>
  server.request(protocol.replayWorkflow, { source: { kind: 'execution', workflowId } });

describe('replay', () => {
  test('an untrusted workspace refuses to replay (nothing runs)', async () => {
    await assert.rejects(
      replay(runs.typescript.greeting),
      (err: { data?: { kind?: string }; message: string }) => {
        assert.equal(err.data?.kind, 'PermissionDenied');
        assert.match(err.message, /trust/);
        return true;
      },
    );
    // The editor grants trust: it sends its settings again (notifications keep their order).
    server.updateSettings({ ...settings(), workspaceTrusted: true });
  });

  for (const language of ['typescript', 'python'] as const) {
    test(`${language}: histories recorded by the sample worker replay cleanly against the sample code`, async () => {
      for (const id of [runs[language].greeting, runs[language].parent]) {
        const result = await replay(id);
        assert.equal(result.problem, undefined, result.problem?.message);
        assert.equal(result.language, language);
        assert.ok(result.sdkVersion, 'the workspace SDK version is reported');
        assert.deepEqual(
          result.runs.map((r) => [r.workflowId, r.outcome]),
          [[id, 'ok']],
          JSON.stringify(result.runs),
        );
      }
      assert.deepEqual(replayDiags(files()[language]), []);
    });
  }

  test('a history JSON file written by `temporal workflow show --output json` replays cleanly', async () => {
    const { address, namespace } = target();
    const file = path.join(workspace, 'greeting-history.json');
    const json = execFileSync(path.join(repoRoot, '.tools/venv/bin/temporal'), [
      'workflow',
      'show',
      '--address',
      address,
      '--namespace',
      namespace,
      '--workflow-id',
      runs.python.greeting,
      '--output',
      'json',
    ]);
    fs.writeFileSync(file, json);
    const result = await server.request(protocol.replayWorkflow, {
      source: { kind: 'file', path: file },
    });
    assert.equal(result.problem, undefined, result.problem?.message);
    assert.deepEqual(
      result.runs.map((r) => [r.workflowType, r.outcome]),
      [['greeting', 'ok']],
    );
  });

  test('"Replay all recent" summarises the last N closed executions of a type', async () => {
    const { namespace } = target();
    // Visibility is eventually consistent: wait until this test's four greeting runs are listed.
    await server.waitFor(async () => {
      const listed = await server.request(protocol.listWorkflows, {
        namespace,
        query: "WorkflowType='greeting' AND ExecutionStatus='Completed'",
        pageSize: 100,
      });
      return Object.values(runs).every((r) =>
        listed.executions.some((e) => e.workflowId === r.greeting),
      );
    }, 'the recorded runs in visibility');
    const result = await server.request(protocol.replayRecent, {
      workflowType: 'greeting',
      count: 3,
    });
    assert.equal(result.problem, undefined, result.problem?.message);
    assert.equal(result.summary.total, 3);
    assert.equal(result.summary.ok + result.summary.nondeterministic + result.summary.failed, 3);
    assert.equal(result.runs.length, 3);
    await assert.rejects(
      server.request(protocol.replayRecent, { workflowType: 'greeting', count: 0 }),
      /count/,
    );
  });

  test('temporal/workflowGraph answers any LSP client with the graph as data and Mermaid text', async () => {
    const { graphs } = await server.request(protocol.workflowGraph, {
      workflowType: 'parentWithChildren',
    });
    assert.deepEqual(graphs.map((g) => g.language).sort(), ['python', 'typescript']);
    for (const g of graphs) {
      assert.deepEqual(
        g.nodes.map((n) => n.id),
        ['childWorkflow:greeting'],
      );
      assert.match(g.mermaid, /wf -- child --> n0/);
    }
    await assert.rejects(
      server.request(protocol.workflowGraph, { workflowType: ' ' }),
      /workflowType/,
    );
  });

  test("temporal/workflowGraph with a run colours each node by that run's history", async () => {
    const { graphs } = await server.request(protocol.workflowGraph, {
      workflowType: 'greeting',
      run: { workflowId: runs.python.greeting },
    });
    assert.ok(graphs.length >= 1);
    for (const g of graphs) {
      assert.equal(g.run?.workflowId, runs.python.greeting);
      assert.deepEqual([g.run?.state, g.run?.status], ['completed', 'Completed']);
      assert.equal(g.run?.nodes['activity:composeGreeting']?.state, 'completed');
      assert.equal(g.run?.nodes['activity:composeGreeting']?.summary, '1 scheduled · 1 completed');
    }
    await assert.rejects(
      server.request(protocol.workflowGraph, {
        workflowType: 'greeting',
        run: { workflowId: runs.python.parent },
      }),
      /parentWithChildren run, not greeting/,
    );
  });

  test('after a change to the workflow code, nondeterminism is a diagnostic at the changed line with the event id', async () => {
    const { typescript: tsFile, python: pyFile } = files();
    const ts = fs.readFileSync(tsFile, 'utf8').split('\n');
    const tsLine = ts.findIndex((l) => l.includes("return await composeGreeting('Hello', name);"));
    ts.splice(tsLine, 0, '  await sleep(10);');
    fs.writeFileSync(tsFile, ts.join('\n'));
    const py = fs.readFileSync(pyFile, 'utf8').split('\n');
    const pyLine = py.findIndex((l) => l.includes('async def run(self, name: str) -> str:')) + 1;
    py.splice(pyLine, 0, '        await asyncio.sleep(1)');
    fs.writeFileSync(pyFile, py.join('\n'));
    // The server learns of saved changes the way an editor tells it.
    server.rpc.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(tsFile), type: 2 },
        { uri: uriOf(pyFile), type: 2 },
      ],
    });

    for (const [language, file, line] of [
      ['typescript', tsFile, tsLine],
      ['python', pyFile, pyLine],
    ] as const) {
      const id = runs[language].greeting;
      const result = await server.waitFor(
        async () => {
          const r = await replay(id);
          return (
            r.runs[0]?.outcome === 'nondeterminism' &&
            r.runs[0].location?.range.start.line === line &&
            r
          );
        },
        `${language}: the nondeterminism at the new timer`,
        60_000,
      );
      const run = result.runs[0];
      assert.equal(run.detail?.eventId, 5);
      assert.equal(run.detail?.expected, 'ActivityTaskScheduled composeGreeting');
      assert.equal(run.detail?.actual, 'timer');
      const diags = await server.waitFor(
        () => replayDiags(file).length > 0 && replayDiags(file),
        `${language}: the replay diagnostic`,
      );
      assert.equal(diags.length, 1);
      assert.equal(diags[0].range.start.line, line);
      assert.match(
        diags[0].message,
        /^Nondeterminism at event 5: the history has ActivityTaskScheduled composeGreeting; the code scheduled timer/,
      );
      assert.match(diags[0].message, new RegExp(id));
    }
  });
});
