// TLS, mTLS and API-key connections against a real dev server behind a real nginx that terminates
// TLS (test/support/tlsProxy.mjs). Uses the runner's dev server when TEMPORAL_TEST_ADDRESS is set;
// otherwise starts its own through test/support/substrate.mjs. Needs scripts/setup/nginx.sh.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import type { DevServer } from '../support/substrate.mjs' with { 'resolution-mode': 'import' };
import type { TestCertificates, TlsProxy } from '../support/tlsProxy.mjs' with {
  'resolution-mode': 'import',
};

const UNAVAILABLE = 14;
const UNAUTHENTICATED = 16;
const API_KEY = 'workbench-test-key.123';

let devServer: DevServer | undefined;
let workDir: string;
let certs: TestCertificates;
let ca: Buffer;
const proxies: Partial<Record<'tls' | 'mtls' | 'apiKey' | 'otherName', TlsProxy>> = {};

function proxy(name: keyof typeof proxies): TlsProxy {
  const found = proxies[name];
  assert.ok(found, `proxy ${name} not started`);
  return found;
}

before(
  async () => {
    let upstream = process.env.TEMPORAL_TEST_ADDRESS;
    if (!upstream) {
      // Dynamic import: this file is CommonJS, the support modules are ESM.
      const { startDevServer } = await import('../support/substrate.mjs');
      devServer = await startDevServer();
      upstream = devServer.address;
    }
    const { makeCertificates, startTlsProxy } = await import('../support/tlsProxy.mjs');
    workDir = await mkdtemp(join(tmpdir(), 'workbench-tls-'));
    certs = await makeCertificates(join(workDir, 'certs'));
    ca = await readFile(certs.caCert);
    const otherName = {
      ...certs,
      serverCert: certs.otherServerCert,
      serverKey: certs.otherServerKey,
    };
    const [tls, mtls, apiKey, other] = await Promise.all([
      startTlsProxy({ upstream, certs, mode: 'tls', dir: join(workDir, 'tls') }),
      startTlsProxy({ upstream, certs, mode: 'mtls', dir: join(workDir, 'mtls') }),
      startTlsProxy({
        upstream,
        certs,
        mode: 'apiKey',
        apiKey: API_KEY,
        dir: join(workDir, 'key'),
      }),
      startTlsProxy({ upstream, certs: otherName, mode: 'tls', dir: join(workDir, 'other') }),
    ]);
    Object.assign(proxies, { tls, mtls, apiKey, otherName: other });
  },
  { timeout: 120_000 },
);

after(
  async () => {
    await Promise.all(Object.values(proxies).map((p) => p?.stop()));
    await devServer?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  },
  { timeout: 30_000 },
);

/** Connects the way the extension will (connect() checks with getSystemInfo), then calls again. */
async function assertWorks(options: ConnectionOptions): Promise<void> {
  const connection = await Connection.connect({ connectTimeout: 5000, ...options });
  try {
    const info = await connection.workflowService.getSystemInfo({});
    assert.ok(info.serverVersion, 'getSystemInfo returned a server version');
  } finally {
    await connection.close();
  }
}

interface GrpcFailure {
  code: number;
  details: string;
}

/**
 * One real call with the SDK's retry interceptor removed, so the first gRPC error (with its
 * TLS cause) surfaces at once instead of after ~20 s of UNAVAILABLE retries.
 */
async function callFailure(options: ConnectionOptions): Promise<GrpcFailure> {
  const connection = Connection.lazy({ ...options, interceptors: [] });
  try {
    await connection.workflowService.getSystemInfo({});
  } catch (error) {
    const { code, details } = error as { code?: unknown; details?: unknown };
    assert.equal(typeof code, 'number', `expected a gRPC error, got ${String(error)}`);
    return { code: code as number, details: String(details) };
  } finally {
    await connection.close();
  }
  assert.fail('call succeeded but should have failed');
}

/** Connection.connect wraps a failed first call in ServiceError with the gRPC error as cause. */
async function connectFailure(options: ConnectionOptions): Promise<GrpcFailure> {
  const error = await Connection.connect({ connectTimeout: 5000, ...options }).then(
    async (connection) => {
      await connection.close();
      assert.fail('connect succeeded but should have failed');
    },
    (err: unknown) => err,
  );
  const cause = (error as { cause?: { code?: unknown; details?: unknown } }).cause;
  assert.ok(cause, `expected a ServiceError with a cause, got ${String(error)}`);
  return { code: cause.code as number, details: String(cause.details) };
}

describe('TLS proxy (server TLS only)', () => {
  test('works when the test CA is trusted', async () => {
    await assertWorks({ address: proxy('tls').address, tls: { serverRootCACertificate: ca } });
  });

  test('fails when only an unrelated CA is trusted', async () => {
    const otherCa = await readFile(certs.otherCaCert);
    const failure = await callFailure({
      address: proxy('tls').address,
      tls: { serverRootCACertificate: otherCa },
    });
    assert.equal(failure.code, UNAVAILABLE);
    assert.match(failure.details, /certificate/i);
  });

  test('a certificate for another name needs serverNameOverride', async () => {
    const address = proxy('otherName').address;
    const failure = await callFailure({ address, tls: { serverRootCACertificate: ca } });
    assert.equal(failure.code, UNAVAILABLE);
    assert.match(failure.details, /altnames|hostname/i);
    await assertWorks({
      address,
      tls: { serverRootCACertificate: ca, serverNameOverride: 'other.test' },
    });
  });
});

describe('mTLS proxy', () => {
  test('works with a client certificate signed by the trusted CA', async () => {
    const [crt, key] = await Promise.all([readFile(certs.clientCert), readFile(certs.clientKey)]);
    await assertWorks({
      address: proxy('mtls').address,
      tls: { serverRootCACertificate: ca, clientCertPair: { crt, key } },
    });
  });

  test('rejects a client without a certificate as UNAUTHENTICATED', async () => {
    const options = { address: proxy('mtls').address, tls: { serverRootCACertificate: ca } };
    const failure = await connectFailure(options);
    assert.equal(failure.code, UNAUTHENTICATED);
    assert.match(failure.details, /client certificate required/);
  });

  test('rejects an expired client certificate as UNAUTHENTICATED', async () => {
    const [crt, key] = await Promise.all([
      readFile(certs.expiredClientCert),
      readFile(certs.expiredClientKey),
    ]);
    const failure = await callFailure({
      address: proxy('mtls').address,
      tls: { serverRootCACertificate: ca, clientCertPair: { crt, key } },
    });
    assert.equal(failure.code, UNAUTHENTICATED);
    assert.match(failure.details, /client certificate verification failed/);
  });
});

describe('API-key proxy', () => {
  test('works with the right key', async () => {
    await assertWorks({
      address: proxy('apiKey').address,
      apiKey: API_KEY,
      tls: { serverRootCACertificate: ca },
    });
  });

  test('rejects a wrong key as UNAUTHENTICATED', async () => {
    const failure = await connectFailure({
      address: proxy('apiKey').address,
      apiKey: 'not-the-key',
      tls: { serverRootCACertificate: ca },
    });
    assert.equal(failure.code, UNAUTHENTICATED);
    assert.match(failure.details, /API key/);
  });

  test('rejects a missing key as UNAUTHENTICATED', async () => {
    const failure = await callFailure({
      address: proxy('apiKey').address,
      tls: { serverRootCACertificate: ca },
    });
    assert.equal(failure.code, UNAUTHENTICATED);
  });
});
