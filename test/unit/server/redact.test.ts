import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { toResponseError, WorkbenchError } from '../../../server/src/errors';
import { codecDecode, CodecError } from '../../../server/src/payloads/codec';
import { redact, rememberSecret } from '../../../server/src/redact';
import { apiKeySecretKey, parseApiKeySecretKey } from '../../../shared/src/protocol';

test('known secrets and secret-shaped values are masked', () => {
  rememberSecret('known-key.0123456789');
  const cases: [string, string][] = [
    ['key known-key.0123456789 rejected', 'key [redacted] rejected'],
    ['authorization: Bearer abc.def-ghi', 'authorization: [redacted] [redacted]'],
    ['got Bearer abc.def-ghi', 'got Bearer [redacted]'],
    ['{"authorization":"xyz123456"}', '{"authorization":"[redacted]"}'],
    [
      'codec https://alice:s3cret@codec.example/decode failed',
      'codec https://[redacted]@codec.example/decode failed',
    ],
    [
      '-----BEGIN PRIVATE KEY-----\nMIIabc\n-----END PRIVATE KEY----- rest',
      '[private key redacted] rest',
    ],
    ['http://codec.example:8080/decode', 'http://codec.example:8080/decode'],
  ];
  for (const [input, expected] of cases) assert.equal(redact(input), expected, input);
});

test('error responses carry no known secret, in the message or in the data', () => {
  rememberSecret('another-key.9876543210');
  const e = toResponseError(
    new WorkbenchError('Unauthenticated', 'bad another-key.9876543210', {
      detail: 'sent another-key.9876543210',
    }),
  );
  assert.equal(e.message, 'bad [redacted]');
  assert.equal(e.data?.detail, 'sent [redacted]');
});

test('API key ids are bound to source, name, address and TLS server name', () => {
  const b = {
    source: 'settings' as const,
    name: 'prod',
    address: 'prod.tmprl.cloud:7233',
    serverName: 'x.example',
  };
  const key = apiKeySecretKey(b);
  assert.deepEqual(parseApiKeySecretKey(key), b);
  for (const other of [
    { ...b, source: 'workspace' as const },
    { ...b, address: 'evil:7233' },
    { ...b, serverName: undefined },
  ]) {
    assert.notEqual(apiKeySecretKey(other), key);
  }
  assert.equal(
    parseApiKeySecretKey('temporal.apiKey.prod'),
    undefined,
    'legacy unbound keys are not ours',
  );
  assert.equal(parseApiKeySecretKey('github.token'), undefined);
});

test('codec credentials in the URL go in a Basic header, never into a failure note', async () => {
  const seen: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(500).end('codec exploded');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    const payload = { metadata: {}, data: Buffer.from('1') };
    const err = await codecDecode(`http://alice:pa55word-xyz@127.0.0.1:${port}/`, 'default', [
      payload,
    ]).catch((e) => e);
    assert.ok(err instanceof CodecError);
    assert.equal(seen[0], `Basic ${Buffer.from('alice:pa55word-xyz').toString('base64')}`);
    assert.ok(!err.message.includes('pa55word-xyz'), err.message);
    assert.match(
      err.message,
      new RegExp(`codec endpoint http://127\\.0\\.0\\.1:${port}/decode answered 500`),
    );
  } finally {
    server.close();
  }
});
