import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  fromRawPayload,
  payloadToDisplay,
  toRawPayload,
  type PayloadLike,
} from '../../../server/src/payloads/display';
import { PayloadDecoder } from '../../../server/src/payloads/decoder';
import { WorkflowExecutionSchema } from '../../../server/src/temporal/gen/temporal/api/common/v1/message_pb.js';
import { typeRegistry } from '../../../server/src/payloads/registry';

const utf8 = (s: string) => new TextEncoder().encode(s);
function payload(metadata: Record<string, string>, data: Uint8Array | string): PayloadLike {
  return {
    metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, utf8(v)])),
    data: typeof data === 'string' ? utf8(data) : data,
  };
}

describe('payloadToDisplay', () => {
  test('json/plain', () => {
    assert.deepEqual(payloadToDisplay(payload({ encoding: 'json/plain' }, '{"a":1}')), {
      format: 'json',
      encoding: 'json/plain',
      value: { a: 1 },
    });
  });

  test('binary/null and binary/plain', () => {
    assert.deepEqual(payloadToDisplay(payload({ encoding: 'binary/null' }, '')), {
      format: 'null',
      encoding: 'binary/null',
      value: null,
    });
    assert.deepEqual(
      payloadToDisplay(payload({ encoding: 'binary/plain' }, new Uint8Array([1, 2]))),
      {
        format: 'bytes',
        encoding: 'binary/plain',
        base64: 'AQI=',
      },
    );
  });

  test('json/protobuf and binary/protobuf of a known type', () => {
    const type = 'temporal.api.common.v1.WorkflowExecution';
    const msg = create(WorkflowExecutionSchema, { workflowId: 'w', runId: 'r' });
    const bin = payloadToDisplay(
      payload(
        { encoding: 'binary/protobuf', messageType: type },
        toBinary(WorkflowExecutionSchema, msg),
      ),
    );
    assert.deepEqual(bin, {
      format: 'json',
      encoding: 'binary/protobuf',
      messageType: type,
      value: { workflowId: 'w', runId: 'r' },
    });
    const json = payloadToDisplay(
      payload({ encoding: 'json/protobuf', messageType: type }, '{"workflowId":"w"}'),
    );
    assert.deepEqual(json.value, { workflowId: 'w' });
  });

  test('binary/protobuf of an unknown type or without a type stays encoded with a note', () => {
    const unknown = payloadToDisplay(
      payload({ encoding: 'binary/protobuf', messageType: 'x.Y' }, new Uint8Array([8, 1])),
    );
    assert.deepEqual(
      [unknown.format, unknown.base64, unknown.note],
      ['encoded', 'CAE=', 'message type x.Y is not known here'],
    );
    const untyped = payloadToDisplay(
      payload({ encoding: 'binary/protobuf' }, new Uint8Array([8, 1])),
    );
    assert.equal(untyped.note, 'no messageType metadata');
    const broken = payloadToDisplay(
      payload(
        { encoding: 'binary/protobuf', messageType: 'temporal.api.common.v1.WorkflowExecution' },
        new Uint8Array([0xff]),
      ),
    );
    assert.equal(broken.format, 'encoded');
    assert.match(broken.note ?? '', /not a valid temporal\.api\.common\.v1\.WorkflowExecution/);
  });

  test('encrypted, unknown and broken payloads never throw', () => {
    const enc = payloadToDisplay(
      payload({ encoding: 'binary/encrypted', 'encryption-key-id': 'k1' }, new Uint8Array([9])),
    );
    assert.deepEqual(enc, {
      format: 'encoded',
      encoding: 'binary/encrypted',
      metadata: { 'encryption-key-id': 'k1' },
      base64: 'CQ==',
    });
    assert.equal(payloadToDisplay(payload({}, 'x')).note, 'no encoding metadata');
    assert.equal(
      payloadToDisplay(payload({ encoding: 'json/plain' }, '{')).note,
      'data is not valid JSON',
    );
    assert.equal(
      payloadToDisplay(payload({ encoding: 'json/plain' }, new Uint8Array([0xc3]))).note,
      'data is not UTF-8 text',
    );
    const binaryMeta = payloadToDisplay({
      metadata: { encoding: utf8('json/plain'), k: new Uint8Array([0xff]) },
      data: utf8('1'),
    });
    assert.deepEqual(binaryMeta.metadata, { k: 'base64:/w==' });
  });

  test('raw (proto3 JSON) form round-trips', () => {
    const p = payload({ encoding: 'json/plain' }, '"x"');
    const raw = toRawPayload(p);
    assert.deepEqual(raw, { metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'Ingi' });
    assert.deepEqual(payloadToDisplay(fromRawPayload(raw)), payloadToDisplay(p));
  });

  test('the registry holds the generated Temporal API types', () => {
    assert.ok(typeRegistry().getMessage('temporal.api.history.v1.HistoryEvent'));
    assert.ok(typeRegistry().getMessage('temporal.api.failure.v1.Failure'));
    assert.ok(typeRegistry().getMessage('google.protobuf.Duration'));
  });
});

describe('PayloadDecoder without a codec', () => {
  test('queued payloads get their views in order at flush', async () => {
    const decoder = new PayloadDecoder({ namespace: 'ns' });
    const got: unknown[] = [];
    decoder.addAll(
      [payload({ encoding: 'json/plain' }, '1'), payload({ encoding: 'json/plain' }, '2')],
      (v) => got.push(v.map((x) => x.value)),
    );
    decoder.add(payload({ encoding: 'binary/null' }, ''), (v) => got.push(v.format));
    decoder.addAll([], (v) => got.push(v.length));
    assert.deepEqual(got, [0]);
    await decoder.flush();
    assert.deepEqual(got, [0, [1, 2], 'null']);
  });

  test('an unreachable codec endpoint leaves payloads readable with a note', async () => {
    const decoder = new PayloadDecoder({ namespace: 'ns', codecEndpoint: 'http://127.0.0.1:1' });
    const [view] = await decoder.views([payload({ encoding: 'json/plain' }, '"a"')]);
    assert.equal(view.value, 'a');
    assert.match(view.note ?? '', /codec endpoint http:\/\/127\.0\.0\.1:1\/decode failed/);
  });
});
