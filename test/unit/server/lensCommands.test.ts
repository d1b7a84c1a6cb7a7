// The server-run lens commands (workspace/executeCommand) with a small fake backend: which
// execution a handler command addresses, the default arguments, and the messages it shows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { ServerLensCommands } from '../../../shared/src/lenses';
import { defaultArgument, LensCommandRunner } from '../../../server/src/features/lensCommands';
import type { Workbench } from '../../../server/src/workbench';

function runner(executions: { workflowId: string; runId: string; startTime?: string }[]) {
  const calls: { op: string; params: Record<string, unknown> }[] = [];
  const messages: string[] = [];
  const record = (op: string, result: unknown) => async (params: Record<string, unknown>) => {
    calls.push({ op, params });
    return result;
  };
  const backend = {
    kind: 'temporal',
    listWorkflows: record('list', { executions }),
    startWorkflow: record('start', {
      workflowId: 'wf-new',
      runId: 'r',
      started: true,
      namespace: 'default',
    }),
    signalWorkflow: record('signal', { ok: true }),
    queries: {
      queryWorkflow: record('query', {
        result: [{ format: 'json', encoding: 'json/plain', value: 3 }],
      }),
    },
  };
  const connection = {
    sendNotification: async (_: unknown, p: { message: string }) => void messages.push(p.message),
  };
  const workbench = { backend: async () => backend };
  const changed: (string | undefined)[] = [];
  const r = new LensCommandRunner(
    connection as unknown as Connection,
    workbench as unknown as Workbench,
    (t) => changed.push(t),
  );
  return { r, calls, messages, changed };
}

const signal = new AbortController().signal;
const handlerArg = {
  kind: 'signal',
  name: 'increment',
  workflowType: 'counter',
  parameters: [{ name: 'by', type: 'int' }],
  uri: 'file:///w.py',
  range: {},
};

describe('server-run lens commands', () => {
  test('a handler command without a workflow id addresses the newest running execution of the type', async () => {
    const { r, calls, messages } = runner([
      { workflowId: 'older', runId: 'a', startTime: '2026-01-01T00:00:00Z' },
      { workflowId: 'newest', runId: 'b', startTime: '2026-01-02T00:00:00Z' },
    ]);
    await r.run(ServerLensCommands.signal, [handlerArg], signal);
    assert.equal(calls[0].op, 'list');
    assert.equal(calls[0].params.query, "WorkflowType = 'counter' AND ExecutionStatus = 'Running'");
    assert.deepEqual(calls[1], {
      op: 'signal',
      params: { workflowId: 'newest', runId: 'b', signalName: 'increment', input: '[0]' },
    });
    assert.deepEqual(messages, ['Temporal: signal increment on newest sent']);
  });

  test('a workflow id in the argument is used as given, with the given arguments', async () => {
    const { r, calls } = runner([]);
    await r.run(
      ServerLensCommands.query,
      [{ ...handlerArg, kind: 'query', name: 'value', workflowId: 'mine', args: [1, 'x'] }],
      signal,
    );
    assert.deepEqual(calls, [
      {
        op: 'query',
        params: { workflowId: 'mine', runId: undefined, queryType: 'value', input: '[1,"x"]' },
      },
    ]);
  });

  test('no running execution of the type: a NotFound error naming it, shown as a message, nothing sent', async () => {
    const { r, calls, messages } = runner([]);
    await assert.rejects(
      r.run(ServerLensCommands.signal, [handlerArg], signal),
      /No running counter execution to send 'increment' to/,
    );
    assert.deepEqual(
      calls.map((c) => c.op),
      ['list'],
    );
    assert.match(messages[0], /^Temporal: No running counter/);
  });

  test('start without a task queue in the workspace or the argument is refused, naming the field', async () => {
    const { r, calls } = runner([]);
    const arg = {
      workflowType: 'greeting',
      taskQueues: [],
      parameters: [],
      language: 'python',
      uri: 'file:///w.py',
      range: {},
    };
    await assert.rejects(r.run(ServerLensCommands.start, [arg], signal), /pass 'taskQueue'/);
    assert.equal(calls.length, 0);
  });

  test('start uses the first task queue of the workspace and tells the lens counts', async () => {
    const { r, calls, changed } = runner([]);
    const arg = {
      workflowType: 'greeting',
      taskQueues: ['q1', 'q2'],
      parameters: [{ name: 'name', type: 'str' }],
      language: 'python',
      uri: 'file:///w.py',
      range: {},
    };
    await r.run(ServerLensCommands.start, [arg], signal);
    assert.deepEqual(calls[0].params, {
      workflowType: 'greeting',
      taskQueue: 'q1',
      workflowId: undefined,
      input: '[""]',
    });
    assert.deepEqual(changed, ['greeting']);
  });

  test('default arguments follow the parameter type across languages', () => {
    assert.deepEqual(
      [
        'str',
        'string',
        'String',
        'int',
        'i64',
        'number',
        'bool',
        'boolean',
        'list[str]',
        'string[]',
        'Vec<u8>',
        'MyInput',
        undefined,
      ].map(defaultArgument),
      ['', '', '', 0, 0, 0, false, false, [], [], [], null, null],
    );
  });
});
