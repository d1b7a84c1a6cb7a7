// The bad-input catalogue through the protocol, against the real dev server. Every call goes
// through a loopback proxy that reads the HTTP/2 frames the language server sends, so "nothing
// was sent" is observed on the wire: input the server can check locally sends no gRPC call at all;
// input only Temporal can judge (queries, namespaces, search attributes) shows Temporal's message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as protocol from '../../shared/src/protocol';
import { expectWorkbenchError, TestLanguageServer } from '../support/languageServer';
import { frameType, startStallingProxy, type StallingProxy } from '../support/stallingProxy';
import { useTestTarget } from '../support/target';

const target = useTestTarget({ workers: false });
let proxy: StallingProxy;
let server: TestLanguageServer;
const queue = `bad-input-${Date.now().toString(36)}`;

before(async () => {
  await target.ready();
  proxy = await startStallingProxy(target().address);
  server = await TestLanguageServer.start({
    env: { TEMPORAL_ADDRESS: proxy.address, TEMPORAL_NAMESPACE: target().namespace },
  });
  // Connected first: the checks below count calls, not connection setup.
  assert.equal(
    (await server.request(protocol.selectProfile, { profileId: 'env:default' })).state,
    'connected',
  );
});
after(async () => {
  await server?.stop();
  await proxy?.stop();
});

const callsSent = () => proxy.frames.filter((f) => f.type === frameType.headers).length;
const start = (extra: Partial<protocol.StartWorkflowParams>): protocol.StartWorkflowParams => ({
  workflowType: 'badInputProbe',
  taskQueue: queue,
  ...extra,
});

interface LocalCase {
  name: string;
  call: () => Promise<unknown>;
  message: RegExp;
}

const local: LocalCase[] = [
  {
    name: 'malformed JSON input',
    call: () => server.request(protocol.startWorkflow, start({ input: '{"order": 42,' })),
    message: /^input is not valid JSON: .*line 1, column 14/,
  },
  {
    name: 'a duration with a unit Temporal does not know ("10x")',
    call: () => server.request(protocol.startWorkflow, start({ executionTimeout: '10x' })),
    message: /executionTimeout '10x' is not a duration/,
  },
  {
    name: 'an invalid cron expression',
    call: () =>
      server.request(protocol.createSchedule, {
        scheduleId: 'bad-cron',
        spec: { cronExpressions: ['61 * * * *'] },
        action: { workflowType: 'x', taskQueue: queue },
      }),
    message: /^spec\.cronExpressions\[0\] '61 \* \* \* \*': minute 61 is out of range 0-59/,
  },
  {
    name: 'an input larger than Temporal accepts',
    call: () =>
      server.request(
        protocol.startWorkflow,
        start({ input: JSON.stringify('x'.repeat(3 * 1024 * 1024)) }),
      ),
    message:
      /^input is 3\.0 MB: Temporal refuses payloads over 2\.0 MB by default \(nothing was sent\)$/,
  },
  {
    name: 'input text that is not valid Unicode (cannot be sent as UTF-8)',
    call: () =>
      server.request(protocol.startWorkflow, start({ input: '["ok",\n "bad \ud800 byte"]' })),
    message: /^input has a character that is not valid Unicode at line 2, column 7/,
  },
  {
    name: 'a signal argument that is malformed JSON',
    call: () =>
      server.request(protocol.signalWorkflow, {
        workflowId: 'w',
        signalName: 's',
        input: '[1,,2]',
      }),
    message: /^input is not valid JSON/,
  },
  {
    name: 'an empty task queue',
    call: () => server.request(protocol.startWorkflow, start({ taskQueue: '' })),
    message: /taskQueue/,
  },
];

describe('bad input checked locally: a message naming the field, and no call sent', () => {
  for (const c of local) {
    test(c.name, async () => {
      const before = callsSent();
      const msg = await expectWorkbenchError(c.call(), 'InvalidInput');
      assert.match(msg, c.message);
      assert.equal(callsSent(), before, 'no gRPC call left the language server');
    });
  }
});

describe("bad input only Temporal can judge: Temporal's own message is shown", () => {
  test('an invalid visibility query', async () => {
    const msg = await expectWorkbenchError(
      server.request(protocol.listWorkflows, { query: "WorkflowType = 'x' AND" }),
      'InvalidInput',
    );
    assert.match(msg, /invalid query|syntax error/i);
  });

  test('an unknown search attribute in a query', async () => {
    const msg = await expectWorkbenchError(
      server.request(protocol.listWorkflows, { query: "NoSuchAttribute = 'x'" }),
      'InvalidInput',
    );
    assert.match(msg, /NoSuchAttribute/);
  });

  test('an unknown namespace', async () => {
    const msg = await expectWorkbenchError(
      server.request(protocol.listWorkflows, { namespace: 'no-such-namespace' }),
      'NotFound',
    );
    assert.match(msg, /Namespace 'no-such-namespace' not found on 127\.0\.0\.1:\d+/);
  });
});

describe('unusual but valid input is sent as typed', () => {
  test('a workflow id with spaces and unicode round-trips', async () => {
    const workflowId = `order 42 — café ☕ ${Date.now().toString(36)}`;
    const started = await server.request(protocol.startWorkflow, start({ workflowId }));
    assert.equal(started.workflowId, workflowId);
    const described = await server.request(protocol.describeWorkflow, { workflowId });
    assert.equal(described.workflowId, workflowId);
    await server.request(protocol.terminateWorkflow, {
      workflowId,
      reason: 'bad-input catalogue cleanup',
    });
  });
});
