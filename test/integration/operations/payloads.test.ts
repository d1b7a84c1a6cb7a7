// Payload display end to end: a workflow is started by another client (the TypeScript SDK's raw
// service) with payloads in every standard encoding plus encrypted and unknown ones; history and
// describe show each readably, never failing; a Web UI-style codec endpoint (a real HTTP server
// here) decodes the encrypted ones, and a failing codec leaves them encoded with a note.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import { Connection } from '@temporalio/client';
import * as protocol from '../../../shared/src/protocol';
import { WorkflowExecutionSchema } from '../../../server/src/temporal/gen/temporal/api/common/v1/message_pb.js';
import type { TestLanguageServer } from '../../support/languageServer';
import { useOperations } from './support';

const ops = useOperations({ workers: false });
const T = { timeout: 30_000 };
const utf8 = (s: string) => new TextEncoder().encode(s);
const KEY = 0x5a;

/** The test codec's "encryption": the inner payload as JSON, XOR-ed byte by byte. */
function encrypt(inner: protocol.RawPayload): Uint8Array {
  return Buffer.from(JSON.stringify(inner)).map((b) => b ^ KEY);
}

function encryptedPayload(inner: protocol.RawPayload) {
  return {
    metadata: { encoding: utf8('binary/encrypted'), 'encryption-key-id': utf8('test-key') },
    data: encrypt(inner),
  };
}

const secretInner: protocol.RawPayload = {
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from('{"card":"4242"}').toString('base64'),
};

let codec: http.Server;
let codecUrl = '';
let codecBroken = false;
const codecNamespaces: string[] = [];
let connection: Connection;

before(async () => {
  codec = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (codecBroken) {
        res.writeHead(500).end('codec exploded');
        return;
      }
      if (req.method !== 'POST' || req.url !== '/codec/decode') {
        res.writeHead(404).end();
        return;
      }
      codecNamespaces.push(String(req.headers['x-namespace']));
      const { payloads } = JSON.parse(body) as { payloads: protocol.RawPayload[] };
      const decoded = payloads.map((p) => {
        const encoding = Buffer.from(p.metadata?.encoding ?? '', 'base64').toString();
        if (encoding !== 'binary/encrypted') return p; // not ours: pass through, as codecs do
        const inner = Buffer.from(p.data ?? '', 'base64').map((b) => b ^ KEY);
        return JSON.parse(Buffer.from(inner).toString()) as protocol.RawPayload;
      });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ payloads: decoded }));
    });
  });
  await new Promise<void>((r) => codec.listen(0, '127.0.0.1', r));
  codecUrl = `http://127.0.0.1:${(codec.address() as AddressInfo).port}/codec`;
  connection = await Connection.connect({ address: (await ops.target.ready()).address });
});

after(async () => {
  await connection?.close();
  await new Promise((r) => codec?.close(r));
});

/** Starts a workflow nobody runs, with the payload zoo as input and an encrypted memo. */
async function startZoo(): Promise<string> {
  const workflowId = ops.id('payloads');
  const known = toBinary(
    WorkflowExecutionSchema,
    create(WorkflowExecutionSchema, { workflowId: 'w-1', runId: 'r-1' }),
  );
  await connection.workflowService.startWorkflowExecution({
    namespace: ops.target().namespace,
    workflowId,
    workflowType: { name: 'payloadZoo' },
    taskQueue: { name: `nobody-${randomUUID()}` },
    requestId: randomUUID(),
    input: {
      payloads: [
        { metadata: { encoding: utf8('json/plain') }, data: utf8('{"a":[1,2]}') },
        { metadata: { encoding: utf8('binary/null') }, data: new Uint8Array() },
        { metadata: { encoding: utf8('binary/plain') }, data: new Uint8Array([0, 1, 2, 255]) },
        {
          metadata: {
            encoding: utf8('json/protobuf'),
            messageType: utf8('temporal.api.common.v1.WorkflowExecution'),
          },
          data: utf8('{"workflowId":"w-1","runId":"r-1"}'),
        },
        {
          metadata: {
            encoding: utf8('binary/protobuf'),
            messageType: utf8('temporal.api.common.v1.WorkflowExecution'),
          },
          data: known,
        },
        {
          metadata: { encoding: utf8('binary/protobuf'), messageType: utf8('example.v1.Secret') },
          data: known,
        },
        encryptedPayload(secretInner),
        { metadata: {}, data: utf8('raw') },
        { metadata: { encoding: utf8('json/plain') }, data: utf8('{not json') },
      ],
    },
    memo: {
      fields: {
        secret: encryptedPayload(secretInner),
        plain: { metadata: { encoding: utf8('json/plain') }, data: utf8('"open"') },
      },
    },
  });
  return workflowId;
}

async function inputViews(s: TestLanguageServer, workflowId: string, profileId?: string) {
  const { events } = await s.request(protocol.getWorkflowHistory, { workflowId, profileId });
  return { views: events[0].payloads?.input ?? [], event: events[0] };
}

const b64 = (bytes: Uint8Array | number[]) => Buffer.from(bytes).toString('base64');

describe('payload display', () => {
  test(
    'every standard encoding decoded; unknown and encrypted shown encoded, never an error',
    T,
    async () => {
      const workflowId = await startZoo();
      const { views } = await inputViews(ops.server(), workflowId);
      assert.equal(views.length, 9);
      assert.deepEqual(views[0], { format: 'json', encoding: 'json/plain', value: { a: [1, 2] } });
      assert.deepEqual(views[1], { format: 'null', encoding: 'binary/null', value: null });
      assert.deepEqual(views[2], {
        format: 'bytes',
        encoding: 'binary/plain',
        base64: b64([0, 1, 2, 255]),
      });
      const execution = { workflowId: 'w-1', runId: 'r-1' };
      assert.deepEqual(views[3], {
        format: 'json',
        encoding: 'json/protobuf',
        messageType: 'temporal.api.common.v1.WorkflowExecution',
        value: execution,
      });
      assert.deepEqual(views[4], {
        format: 'json',
        encoding: 'binary/protobuf',
        messageType: 'temporal.api.common.v1.WorkflowExecution',
        value: execution,
      });
      assert.equal(views[5].format, 'encoded');
      assert.equal(views[5].messageType, 'example.v1.Secret');
      assert.match(views[5].note ?? '', /not known/);
      assert.deepEqual(views[6], {
        format: 'encoded',
        encoding: 'binary/encrypted',
        metadata: { 'encryption-key-id': 'test-key' },
        base64: b64(encrypt(secretInner)),
      });
      assert.deepEqual(
        [views[7].format, views[7].encoding, views[7].base64],
        ['encoded', '', b64(utf8('raw'))],
      );
      assert.deepEqual([views[8].format, views[8].note], ['encoded', 'data is not valid JSON']);
    },
  );

  test('decodePayloads turns payloads from history JSON into the same views', T, async () => {
    const s = ops.server();
    const workflowId = await startZoo();
    const { views, event } = await inputViews(s, workflowId);
    const attrs = event.json.workflowExecutionStartedEventAttributes as unknown as {
      input: { payloads: protocol.RawPayload[] };
    };
    const decoded = await s.request(protocol.decodePayloads, { payloads: attrs.input.payloads });
    assert.deepEqual(decoded.payloads, views);
  });

  describe('through a codec endpoint', () => {
    let s: TestLanguageServer;
    const profileId = 'settings:codec';
    before(async () => {
      const { address, namespace } = ops.target();
      s = await ops.startServer({
        settings: { profiles: { codec: { address, namespace, codecEndpoint: codecUrl } } },
      });
    });

    test('encrypted payloads are decoded by the codec, the rest as usual', T, async () => {
      const workflowId = await startZoo();
      codecNamespaces.length = 0;
      const { views } = await inputViews(s, workflowId, profileId);
      assert.deepEqual(views[6], {
        format: 'json',
        encoding: 'json/plain',
        value: { card: '4242' },
        decodedByCodec: true,
      });
      assert.deepEqual(views[0], { format: 'json', encoding: 'json/plain', value: { a: [1, 2] } });
      assert.deepEqual(
        codecNamespaces,
        [ops.target().namespace],
        'one codec request for the whole page',
      );
      const d = await s.request(protocol.describeWorkflow, { workflowId, profileId });
      assert.deepEqual(d.memo.secret.value, { card: '4242' });
      assert.equal(d.memo.plain.value, 'open');
    });

    test('a failing codec leaves payloads encoded, with a note, and no error', T, async () => {
      const workflowId = await startZoo();
      codecBroken = true;
      try {
        const { views } = await inputViews(s, workflowId, profileId);
        assert.equal(views[6].format, 'encoded');
        assert.match(views[6].note ?? '', /codec endpoint .* answered 500/);
        assert.deepEqual(views[0].value, { a: [1, 2] });
      } finally {
        codecBroken = false;
      }
    });
  });
});
