// Python debug replay under a real debugpy, spoken to over DAP the way an editor does (code-server
// has no Python debugger): the language server prepares the replay of a greeting run recorded by
// the Python sample worker, debugpy launches the runner with the launch configuration "Debug
// Replay" hands the editor, a breakpoint in the sample workflow is hit, and after continuing the
// replay finishes clean.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { debugReplayConfiguration } from '../../client/src/debugReplayConfig';
import * as protocol from '../../shared/src/protocol';
import { DapClient } from '../support/dapClient';
import { repoRoot, TestLanguageServer } from '../support/languageServer';
import { useTestTarget } from '../support/target';

const target = useTestTarget();
const python = path.join(repoRoot, '.tools/venv/bin/python');
const samples = path.join(repoRoot, 'samples');
const workflowFile = path.join(samples, 'python/workflows.py');
let server: TestLanguageServer;
let dap: DapClient | undefined;
let workflowId: string;
/** What the test waits for now: named when the test times out. */
let stage = 'starting';

before(async () => {
  const { address, namespace, queues } = await target.ready();
  const connection = await Connection.connect({ address });
  try {
    workflowId = `py-debug-replay-${randomUUID().slice(0, 8)}`;
    await new Client({ connection, namespace }).workflow.execute('greeting', {
      taskQueue: queues.python,
      workflowId,
      args: ['Ann'],
    });
  } finally {
    await connection.close();
  }
  server = await TestLanguageServer.start({
    rootUri: pathToFileURL(samples).href,
    settings: { profiles: { dev: { address, namespace } }, workspaceTrusted: true },
  });
  await server.waitFor(() => server.indexed, 'the workspace index');
  await server.request(protocol.selectProfile, { profileId: 'settings:dev' });
});

after(async () => {
  if (stage !== 'done')
    console.error(
      `stopped while waiting for ${stage}\n${dap?.output().slice(-3000) ?? ''}\n${dap?.stderr.join('').slice(-2000) ?? ''}`,
    );
  await dap?.stop();
  await server?.stop();
});

describe('Python debug replay under debugpy', { timeout: 180_000 }, () => {
  test('a breakpoint in the sample Python workflow is hit while the history replays, and the replay then finishes clean', async () => {
    stage = 'the replay plan';
    const plan = await server.request(protocol.prepareDebugReplay, {
      source: { kind: 'execution', workflowId },
      pythonPath: python,
    });
    assert.equal(plan.language, 'python');
    const config = debugReplayConfiguration(plan);
    assert.equal(config.type, 'debugpy');
    const breakLine =
      fs
        .readFileSync(workflowFile, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('return await workflow.execute_activity(')) + 1;
    assert.ok(breakLine > 0);

    // debugpy's adapter over stdio, as the Python Debugger extension starts it.
    dap = DapClient.start(python, ['-m', 'debugpy.adapter']);
    await dap.request('initialize', {
      clientID: 'temporal-workbench-test',
      adapterID: 'debugpy',
      linesStartAt1: true,
      columnsStartAt1: true,
      pathFormat: 'path',
    });
    // debugpy answers launch only after configurationDone: not awaited here.
    const launched = dap.request('launch', config);
    launched.catch(() => undefined);
    stage = 'debugpy to initialize';
    await dap.event('initialized');
    const { body: bps } = await dap.request('setBreakpoints', {
      source: { path: workflowFile },
      breakpoints: [{ line: breakLine }],
    });
    assert.equal(bps.breakpoints.length, 1);
    stage = 'the launch to finish';
    await dap.request('configurationDone');
    await launched;

    stage = 'the breakpoint (or the end of the replay)';
    const stopped = await Promise.race([dap.event('stopped'), dap.event('terminated')]);
    assert.equal(
      stopped.event,
      'stopped',
      `the debuggee ended without stopping:\n${dap.output().slice(-3000)}`,
    );
    assert.equal(stopped.body.reason, 'breakpoint');
    const { body: trace } = await dap.request('stackTrace', {
      threadId: stopped.body.threadId,
      levels: 1,
    });
    const top = trace.stackFrames[0];
    assert.equal(
      path.resolve(top.source.path),
      workflowFile,
      'stopped in the sample workflow file',
    );
    assert.equal(top.line, breakLine, 'stopped at the breakpoint line');

    // The line is hit again when the coroutine resumes after the activity: clear it, then run on.
    await dap.request('setBreakpoints', { source: { path: workflowFile }, breakpoints: [] });
    await dap.request('continue', { threadId: stopped.body.threadId });
    stage = 'the replay to end';
    const terminated = await dap.event('terminated');
    assert.equal(terminated.event, 'terminated');
    const result = await server.request(protocol.finishDebugReplay, {
      resultFile: plan.resultFile,
    });
    assert.equal(result.problem, undefined, result.problem?.message);
    assert.deepEqual(
      result.runs.map((r) => [r.workflowId, r.outcome]),
      [[workflowId, 'ok']],
      `${JSON.stringify(result.runs)}\n${dap.output().slice(-3000)}`,
    );
    stage = 'done';
  });
});
