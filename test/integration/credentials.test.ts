// TLS, mTLS and API-key profiles through the language server, for real: nginx terminates TLS
// (and checks client certificates or the API key) in front of the plaintext dev server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as protocol from '../../shared/src/protocol';
import type { TestCertificates, TlsProxy } from '../support/tlsProxy.mjs' with {
  'resolution-mode': 'import',
};
import { expectWorkbenchError, TestLanguageServer } from '../support/languageServer';
import { useTestTarget } from '../support/target';

const target = useTestTarget({ workers: false });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-tls-'));
const apiKey = 'wb-test-key.0123456789';
let certs: TestCertificates;
const proxies: Record<'tls' | 'mtls' | 'apiKey', TlsProxy> = {} as never;
const servers: TestLanguageServer[] = [];

before(async () => {
  const { makeCertificates, startTlsProxy } = await import('../support/tlsProxy.mjs');
  certs = await makeCertificates(path.join(tmp, 'pki'));
  await target.ready();
  for (const mode of ['tls', 'mtls', 'apiKey'] as const) {
    proxies[mode] = await startTlsProxy({
      upstream: target().address,
      certs,
      mode,
      apiKey,
      dir: path.join(tmp, mode),
    });
  }
});
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(Object.values(proxies).map((p) => p.stop()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function start(options: Parameters<typeof TestLanguageServer.start>[0]) {
  const s = await TestLanguageServer.start({ settings: { rpcTimeoutSeconds: 5 }, ...options });
  servers.push(s);
  return s;
}

function toml(name: string, body: string): string {
  const file = path.join(tmp, `${name}.toml`);
  fs.writeFileSync(file, body);
  return file;
}

/** Selects the only profile and returns the status. */
async function connect(s: TestLanguageServer, profileId?: string) {
  const id = profileId ?? (await s.request(protocol.listProfiles, {})).profiles[0].id;
  return s.request(protocol.selectProfile, { profileId: id });
}

describe('working credentials', () => {
  test('mTLS profile from temporal.toml (paths)', async () => {
    const file = toml(
      'mtls',
      `[profile.secure]\naddress = "${proxies.mtls.address}"\nnamespace = "${target().namespace}"\n` +
        `[profile.secure.tls]\nclient_cert_path = "${certs.clientCert}"\nclient_key_path = "${certs.clientKey}"\n` +
        `server_ca_cert_path = "${certs.caCert}"\nserver_name = "localhost"\n`,
    );
    const s = await start({ env: { TEMPORAL_CONFIG_FILE: file } });
    const { profiles } = await s.request(protocol.listProfiles, {});
    assert.deepEqual({ tls: profiles[0].tls, auth: profiles[0].auth }, { tls: true, auth: 'mtls' });
    const status = await connect(s);
    assert.equal(status.state, 'connected', status.error?.message);
    assert.ok((await s.request(protocol.listNamespaces, {})).namespaces.length > 0);
  });

  test('mTLS profile from temporal.toml with inline certificate data', async () => {
    const read = (f: string) => fs.readFileSync(f, 'utf8');
    const file = toml(
      'inline',
      `[profile.inline]\naddress = "${proxies.mtls.address}"\nnamespace = "${target().namespace}"\n` +
        `[profile.inline.tls]\nclient_cert_data = """\n${read(certs.clientCert)}"""\nclient_key_data = """\n${read(certs.clientKey)}"""\n` +
        `server_ca_cert_data = """\n${read(certs.caCert)}"""\n`,
    );
    const s = await start({ env: { TEMPORAL_CONFIG_FILE: file } });
    const status = await connect(s);
    assert.equal(status.state, 'connected', status.error?.message);
  });

  test('server TLS from TEMPORAL_TLS_* environment variables', async () => {
    const s = await start({
      env: {
        TEMPORAL_ADDRESS: proxies.tls.address,
        TEMPORAL_NAMESPACE: target().namespace,
        TEMPORAL_TLS: 'true',
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCert,
        TEMPORAL_TLS_SERVER_NAME: 'localhost',
      },
    });
    assert.equal((await connect(s)).state, 'connected');
  });

  test('API key from temporal.toml turns TLS on by default and is sent as a bearer token', async () => {
    const file = toml(
      'apikey',
      `[profile.cloud]\naddress = "${proxies.apiKey.address}"\nnamespace = "${target().namespace}"\napi_key = "${apiKey}"\n` +
        `[profile.cloud.tls]\nserver_ca_cert_path = "${certs.caCert}"\n`,
    );
    const s = await start({ env: { TEMPORAL_CONFIG_FILE: file } });
    const { profiles } = await s.request(protocol.listProfiles, {});
    assert.equal(profiles[0].auth, 'apiKey');
    const status = await connect(s);
    assert.equal(status.state, 'connected', status.error?.message);
  });

  test('API key from SecretStorage for a settings profile; a changed secret is picked up', async () => {
    const settings = {
      rpcTimeoutSeconds: 5,
      profiles: {
        cloud: {
          address: proxies.apiKey.address,
          namespace: target().namespace,
          apiKey: true,
          tls: { serverCaCertPath: certs.caCert },
        },
      },
    };
    const key = protocol.apiKeySecretKey({
      source: 'settings',
      name: 'cloud',
      address: proxies.apiKey.address,
    });
    const s = await start({ settings, secrets: { [key]: 'wrong-key' } });
    const first = await connect(s, 'settings:cloud');
    assert.equal(first.error?.kind, 'Unauthenticated');
    assert.match(first.error!.message, /rejected the credentials/);
    s.secrets.set(key, apiKey);
    s.notify(protocol.secretChanged, { key });
    assert.equal((await connect(s, 'settings:cloud')).state, 'connected');
  });
});

describe('bad credentials give specific messages', () => {
  test('wrong CA: the server certificate is not trusted', async () => {
    const s = await start({
      env: {
        TEMPORAL_ADDRESS: proxies.tls.address,
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.otherCaCert,
      },
    });
    const status = await connect(s);
    assert.equal(status.error?.kind, 'TlsConfig');
    assert.match(
      status.error!.message,
      /TLS connection to 127\.0\.0\.1:\d+ failed: the server certificate is not signed by a trusted CA/,
    );
  });

  test('plaintext profile against a TLS port says so', async () => {
    const s = await start({ env: { TEMPORAL_ADDRESS: proxies.tls.address } });
    const status = await connect(s);
    assert.equal(status.state, 'error');
    assert.match(status.error!.message, new RegExp(proxies.tls.address));
  });

  test('client certificate without its key: refused before connecting', async () => {
    const s = await start({
      env: {
        TEMPORAL_ADDRESS: proxies.mtls.address,
        TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCert,
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCert,
      },
    });
    const msg = await expectWorkbenchError(s.request(protocol.getSystemInfo, {}), 'TlsConfig');
    assert.match(
      msg,
      /TLS client certificate of profile 'default' is set but its client key is missing/,
    );
  });

  test('a key file that does not exist names the path', async () => {
    const missing = path.join(tmp, 'nope.key');
    const s = await start({
      env: {
        TEMPORAL_ADDRESS: proxies.mtls.address,
        TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCert,
        TEMPORAL_TLS_CLIENT_KEY_PATH: missing,
      },
    });
    const msg = await expectWorkbenchError(s.request(protocol.getSystemInfo, {}), 'TlsConfig');
    assert.equal(
      msg,
      `Cannot read the client key of profile 'default' at ${missing}: file not found`,
    );
  });

  test('expired client certificate: refused before connecting, with the date', async () => {
    const s = await start({
      env: {
        TEMPORAL_ADDRESS: proxies.mtls.address,
        TEMPORAL_TLS_CLIENT_CERT_PATH: certs.expiredClientCert,
        TEMPORAL_TLS_CLIENT_KEY_PATH: certs.expiredClientKey,
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCert,
      },
    });
    const msg = await expectWorkbenchError(s.request(protocol.getSystemInfo, {}), 'TlsConfig');
    assert.match(msg, /client certificate of profile 'default' \(.*\) expired on \d{4}-\d\d-\d\dT/);
  });

  test('mTLS server without a client certificate: Unauthenticated', async () => {
    const s = await start({
      env: {
        TEMPORAL_ADDRESS: proxies.mtls.address,
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCert,
      },
    });
    const msg = await expectWorkbenchError(
      s.request(protocol.getSystemInfo, {}),
      'Unauthenticated',
    );
    assert.match(msg, /client certificate required/);
  });

  test('bad API key: Unauthenticated naming the address', async () => {
    const s = await start({
      env: {
        TEMPORAL_ADDRESS: proxies.apiKey.address,
        TEMPORAL_API_KEY: 'not-the-key',
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCert,
      },
    });
    const msg = await expectWorkbenchError(
      s.request(protocol.getSystemInfo, {}),
      'Unauthenticated',
    );
    assert.match(
      msg,
      new RegExp(
        `Temporal at ${proxies.apiKey.address} rejected the credentials \\(invalid or missing API key`,
      ),
    );
  });
});
