// Secrets against real processes: the language server (dist/server.js) talking to local HTTP/2
// listeners that record every header they receive. No Temporal is needed: the listeners answer
// every call UNAUTHENTICATED, which is enough to see what each profile sends, and where.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as protocol from '../../shared/src/protocol';
import {
  expectWorkbenchError,
  TestLanguageServer,
  type ServerOptions,
} from '../support/languageServer';
import {
  startRecordingListener,
  type ListenerOptions,
  type RecordingListener,
} from '../support/recordingListener';
import type { TestCertificates } from '../support/tlsProxy.mjs' with {
  'resolution-mode': 'import',
};

const userKey = 'user-prod-key.0123456789abcdef';
const workspaceKey = 'workspace-key.fedcba9876543210';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-secrets-'));
const servers: TestLanguageServer[] = [];
const listeners: RecordingListener[] = [];
let certs: TestCertificates;

before(async () => {
  const { makeCertificates } = await import('../support/tlsProxy.mjs');
  certs = await makeCertificates(path.join(tmp, 'pki'));
});
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(listeners.map((l) => l.stop()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function start(options: ServerOptions) {
  const s = await TestLanguageServer.start({
    ...options,
    settings: { rpcTimeoutSeconds: 5, ...options.settings },
  });
  servers.push(s);
  return s;
}

async function listener(options?: ListenerOptions) {
  const l = await startRecordingListener(options);
  listeners.push(l);
  return l;
}

const plaintext = { disabled: true };
const keyFor = (source: protocol.ProfileSource, name: string, address: string) =>
  protocol.apiKeySecretKey({ source, name, address });
const sentHeaders = (l: RecordingListener) => JSON.stringify(l.calls.map((c) => c.headers));

describe('API keys are bound to the profile and server they were stored for', () => {
  test('a workspace profile named like a keyed user profile never receives the user key', async () => {
    const real = await listener();
    const evil = await listener();
    const s = await start({
      settings: {
        profiles: { prod: { address: real.address, apiKey: true, tls: plaintext } },
        workspaceProfiles: { prod: { address: evil.address, apiKey: true, tls: plaintext } },
      },
      // The key under the user's binding, and under the unbound name older versions used.
      secrets: {
        [keyFor('settings', 'prod', real.address)]: userKey,
        'temporal.apiKey.prod': userKey,
      },
    });
    const { profiles } = await s.request(protocol.listProfiles, {});
    assert.deepEqual(profiles.map((p) => p.id).sort(), ['settings:prod', 'workspace:prod']);
    assert.equal(profiles.find((p) => p.id === 'workspace:prod')?.apiKeyMissing, true);

    const status = await s.request(protocol.selectProfile, { profileId: 'workspace:prod' });
    assert.equal(status.state, 'error');
    assert.equal(status.apiKeyMissing, true);
    assert.match(status.error!.message, new RegExp(`needs an API key for ${evil.address}`));
    await expectWorkbenchError(
      s.request(protocol.listNamespaces, { profileId: 'workspace:prod' }),
      'Unauthenticated',
    );
    assert.equal(evil.calls.length, 0, 'nothing at all went to the workspace profile address');
    assert.ok(
      !s.secretRequests.includes('temporal.apiKey.prod'),
      'the unbound legacy key is never read',
    );

    // Control: the user profile does send its key, to its own server only.
    await expectWorkbenchError(
      s.request(protocol.getSystemInfo, { profileId: 'settings:prod' }),
      'Unauthenticated',
    );
    assert.equal(real.calls[0]?.headers.authorization, `Bearer ${userKey}`);
    assert.ok(!sentHeaders(evil).includes(userKey));
  });

  test('a workspace profile that asks for no key is called without any authorization header', async () => {
    const real = await listener();
    const evil = await listener();
    const s = await start({
      settings: {
        profiles: { prod: { address: real.address, apiKey: true, tls: plaintext } },
        workspaceProfiles: { prod: { address: evil.address, tls: plaintext } },
      },
      secrets: { [keyFor('settings', 'prod', real.address)]: userKey },
    });
    await expectWorkbenchError(
      s.request(protocol.getSystemInfo, { profileId: 'workspace:prod' }),
      'Unauthenticated',
    );
    assert.ok(evil.calls.length > 0, 'the workspace profile was called');
    assert.ok(evil.calls.every((c) => c.headers.authorization === undefined));
    assert.ok(!sentHeaders(evil).includes(userKey));
  });

  test('profiles from the environment or temporal.toml never read a stored key', async () => {
    const l = await listener();
    const s = await start({
      env: { TEMPORAL_ADDRESS: l.address },
      secrets: { [keyFor('env', 'default', l.address)]: userKey },
    });
    await expectWorkbenchError(s.request(protocol.getSystemInfo, {}), 'Unauthenticated');
    assert.ok(l.calls.length > 0);
    assert.deepEqual(s.secretRequests, [], 'SecretStorage was never asked');
    assert.ok(!sentHeaders(l).includes(userKey));
  });

  test('after the address of a keyed profile changes, the key is not sent and the user is asked again', async () => {
    const before = await listener();
    const moved = await listener();
    const profile = (address: string) => ({ prod: { address, apiKey: true, tls: plaintext } });
    const s = await start({
      settings: { profiles: profile(before.address) },
      secrets: { [keyFor('settings', 'prod', before.address)]: userKey },
    });
    await expectWorkbenchError(s.request(protocol.getSystemInfo, {}), 'Unauthenticated');
    assert.equal(
      before.calls[0]?.headers.authorization,
      `Bearer ${userKey}`,
      'control: sent where it was stored for',
    );

    s.updateSettings({ rpcTimeoutSeconds: 5, profiles: profile(moved.address) });
    const status = await s.waitFor(async () => {
      const st = await s.request(protocol.selectProfile, { profileId: 'settings:prod' });
      return st.apiKeyMissing ? st : undefined;
    }, 'the moved profile to ask for its key again');
    assert.match(status.error!.message, /Set API Key/);
    assert.match(
      status.tlsWarning ?? '',
      /sends its API key without TLS/,
      'plaintext keys are flagged',
    );
    assert.equal(moved.calls.length, 0);
  });

  test('a stored key is read once per bound key, and read again after the client says it changed', async () => {
    const l = await listener();
    const key = keyFor('settings', 'prod', l.address);
    const s = await start({
      settings: { profiles: { prod: { address: l.address, apiKey: true, tls: plaintext } } },
      secrets: { [key]: userKey },
    });
    for (let i = 0; i < 3; i++) {
      await expectWorkbenchError(s.request(protocol.getSystemInfo, {}), 'Unauthenticated');
    }
    assert.equal(
      s.secretRequests.filter((k) => k === key).length,
      1,
      'one SecretStorage read for three operations',
    );

    const rotated = `${userKey}.rotated`;
    s.secrets.set(key, rotated);
    // The server handles messages in order: the next request sees the notification's effect.
    s.notify(protocol.secretChanged, { key });
    await expectWorkbenchError(s.request(protocol.getSystemInfo, {}), 'Unauthenticated');
    assert.equal(s.secretRequests.filter((k) => k === key).length, 2);
    assert.equal(l.calls.at(-1)?.headers.authorization, `Bearer ${rotated}`, 'the new key is sent');
  });

  test('in an untrusted workspace a workspace profile gets no stored key, even one stored for it', async () => {
    const l = await listener();
    const workspace = { prod: { address: l.address, apiKey: true, tls: plaintext } };
    const key = keyFor('workspace', 'prod', l.address);
    const untrusted = await start({
      settings: { workspaceProfiles: workspace, workspaceTrusted: false },
      secrets: { [key]: workspaceKey },
    });
    const status = await untrusted.request(protocol.selectProfile, { profileId: 'workspace:prod' });
    assert.match(status.error!.message, /untrusted workspace/);
    assert.deepEqual(untrusted.secretRequests, []);
    assert.equal(l.calls.length, 0);

    // Control: once trusted, the key stored for this workspace profile is used.
    const trusted = await start({
      settings: { workspaceProfiles: workspace, workspaceTrusted: true },
      secrets: { [key]: workspaceKey },
    });
    await expectWorkbenchError(
      trusted.request(protocol.getSystemInfo, { profileId: 'workspace:prod' }),
      'Unauthenticated',
    );
    assert.equal(l.calls[0]?.headers.authorization, `Bearer ${workspaceKey}`);
  });
});

describe('redaction', () => {
  test('a key a server echoes back appears in no error, status or log the server writes', async () => {
    const metaToken = 'meta-token.ABCDEF123456';
    const l = await listener({ message: 'invalid credentials: {authorization}' });
    const s = await start({
      settings: {
        profiles: {
          keyed: { address: l.address, apiKey: true, tls: plaintext },
          meta: {
            address: l.address,
            tls: plaintext,
            grpcMeta: { authorization: `Bearer ${metaToken}` },
          },
        },
      },
      secrets: { [keyFor('settings', 'keyed', l.address)]: userKey },
    });
    const messages: string[] = [];
    for (const profileId of ['settings:keyed', 'settings:meta']) {
      messages.push((await s.request(protocol.selectProfile, { profileId })).error!.message);
      messages.push(
        await expectWorkbenchError(
          s.request(protocol.listNamespaces, { profileId }),
          'Unauthenticated',
        ),
      );
    }
    assert.ok(
      sentHeaders(l).includes(userKey) && sentHeaders(l).includes(metaToken),
      'control: both were sent',
    );
    assert.match(
      messages[0],
      /invalid credentials: Bearer \[redacted\]/,
      'control: the server did echo the header',
    );
    const everything = [...messages, ...s.logs, ...s.stderr, JSON.stringify(s.statuses)].join('\n');
    assert.ok(s.logs.length > 0, 'the server logged the failures');
    for (const secret of [userKey, metaToken])
      assert.ok(!everything.includes(secret), `${secret} leaked`);
  });
});

describe('TLS', () => {
  test('the server name is verified by default; turning it off connects and says so in the status', async () => {
    const l = await listener({ tls: { cert: certs.otherServerCert, key: certs.otherServerKey } });
    const tls = { serverCaCertPath: certs.caCert };
    const s = await start({
      settings: {
        profiles: {
          verified: { address: l.address, tls },
          unverified: { address: l.address, tls: { ...tls, disableHostVerification: true } },
        },
      },
    });
    const verified = await s.request(protocol.selectProfile, { profileId: 'settings:verified' });
    assert.equal(verified.error?.kind, 'TlsConfig');
    assert.match(verified.error!.message, /does not match the server name/);
    assert.equal(verified.tlsWarning, undefined);
    assert.equal(l.calls.length, 0, 'no call went over the unverified connection');

    const unverified = await s.request(protocol.selectProfile, {
      profileId: 'settings:unverified',
    });
    assert.equal(
      unverified.error?.kind,
      'Unauthenticated',
      'the handshake passed and the listener answered',
    );
    assert.match(
      unverified.tlsWarning ?? '',
      /host name verification is off for profile 'unverified'/,
    );
  });
});

describe('read-only profiles', () => {
  test('terminate through a read-only settings profile is refused by the server and sends nothing', async () => {
    const l = await listener();
    const s = await start({
      settings: { profiles: { ro: { address: l.address, tls: plaintext, readOnly: true } } },
    });
    const msg = await expectWorkbenchError(
      s.request(protocol.terminateWorkflow, {
        profileId: 'settings:ro',
        workflowId: 'w',
        reason: 'x',
      }),
      'ReadOnly',
    );
    assert.match(msg, /Profile 'ro' is read-only/);
    assert.equal(l.calls.length, 0);
  });
});
