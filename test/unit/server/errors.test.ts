import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { fromGrpcError, toResponseError } from '../../../server/src/errors';
import { errorCodeOf } from '../../../shared/src/errors';

const err = (code: grpc.status, details: string) =>
  Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
const ctx = { address: 'h:7233', namespace: 'ns', timeoutMs: 10_000 };

test('transport failures become specific, actionable messages', () => {
  const cases: [grpc.status, string, string, RegExp][] = [
    [
      grpc.status.UNAVAILABLE,
      'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1',
      'Unavailable',
      /h:7233 is unavailable: connection refused/,
    ],
    [
      grpc.status.UNAVAILABLE,
      'Last error: Error: unable to verify the first certificate',
      'TlsConfig',
      /not signed by a trusted CA/,
    ],
    [
      grpc.status.UNAVAILABLE,
      "Hostname/IP does not match certificate's altnames",
      'TlsConfig',
      /does not match the server name/,
    ],
    [
      grpc.status.UNAUTHENTICATED,
      'invalid API key',
      'Unauthenticated',
      /rejected the credentials \(invalid API key\)/,
    ],
    [
      grpc.status.NOT_FOUND,
      'Namespace ns is not found.',
      'NotFound',
      /^Namespace 'ns' not found on h:7233$/,
    ],
    [
      grpc.status.NOT_FOUND,
      'workflow execution not found',
      'NotFound',
      /^Workflow execution not found \(namespace 'ns' on h:7233\)$/,
    ],
    [
      grpc.status.ALREADY_EXISTS,
      'Workflow execution is already running. WorkflowId: x',
      'AlreadyExists',
      /already running/,
    ],
    [
      grpc.status.DEADLINE_EXCEEDED,
      'Deadline exceeded',
      'DeadlineExceeded',
      /did not answer within 10 s/,
    ],
    [
      grpc.status.PERMISSION_DENIED,
      'Request unauthorized.',
      'PermissionDenied',
      /Permission denied by namespace 'ns' on h:7233/,
    ],
  ];
  for (const [code, details, kind, message] of cases) {
    const e = fromGrpcError(err(code, details), ctx);
    assert.equal(e.kind, kind, details);
    assert.match(e.message, message);
    assert.equal(e.data.address, 'h:7233');
  }
});

test('response errors carry a stable code and the kind', () => {
  const r = toResponseError(
    fromGrpcError(err(grpc.status.NOT_FOUND, 'Namespace ns is not found.'), ctx),
  );
  assert.equal(r.code, errorCodeOf('NotFound'));
  assert.equal(r.data?.kind, 'NotFound');
  assert.equal(toResponseError(new Error('boom')).data?.kind, 'Internal');
});
