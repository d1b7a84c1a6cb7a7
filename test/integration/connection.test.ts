// Connection profiles end to end: the language server runs as its own process and talks to the
// real dev server; profiles come from env vars, temporal.toml and settings; bad profiles fail
// with specific messages and no connection.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import * as protocol from '../../shared/src/protocol';
import { expectWorkbenchError, TestLanguageServer } from '../support/languageServer';
import { useTestTarget } from '../support/target';

const target = useTestTarget({ workers: false });
const servers: TestLanguageServer[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-conn-'));
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function start(options: Parameters<typeof TestLanguageServer.start>[0]) {
  const s = await TestLanguageServer.start(options);
  servers.push(s);
  return s;
}

function writeToml(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('plain profiles', () => {
  for (const ipc of [false, true]) {
    test(`env-var profile over ${ipc ? 'node IPC' : 'stdio'}: connects, lists and describes namespaces`, async () => {
      const { address, namespace } = target();
      const s = await start({
        ipc,
        env: { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace },
      });
      const { profiles } = await s.request(protocol.listProfiles, {});
      assert.equal(profiles.length, 1);
      assert.deepEqual(
        {
          source: profiles[0].source,
          address: profiles[0].address,
          namespace: profiles[0].namespace,
          tls: profiles[0].tls,
        },
        { source: 'env', address, namespace, tls: false },
      );
      const status = await s.request(protocol.selectProfile, { profileId: profiles[0].id });
      assert.equal(status.state, 'connected', status.error?.message);
      assert.match(status.serverVersion ?? '', /^\d+\.\d+/);
      assert.deepEqual(
        s.statuses.map((x) => x.state),
        ['connecting', 'connected'],
      );
      const info = await s.request(protocol.getSystemInfo, {});
      assert.equal(info.capabilities.supportsSchedules, true);
      const { namespaces } = await s.request(protocol.listNamespaces, {});
      assert.ok(namespaces.some((n) => n.name === namespace && n.state === 'Registered'));
      const details = await s.request(protocol.describeNamespace, {});
      assert.equal(details.name, namespace);
      assert.equal(details.customSearchAttributes.WorkbenchTag, 'Keyword');
      assert.equal(details.customSearchAttributes.Tags, 'KeywordList');
    });
  }

  test('temporal.toml profiles: the TEMPORAL_PROFILE one gets env overrides, others do not', async () => {
    const { address, namespace } = target();
    const file = writeToml(
      'profiles.toml',
      `[profile.local]\naddress = "${address}"\nnamespace = "${namespace}"\n\n` +
        `[profile.other]\naddress = "127.0.0.1:1"\nnamespace = "elsewhere"\n[profile.other.grpc_meta]\nx-team = "payments"\n`,
    );
    const s = await start({
      env: {
        TEMPORAL_CONFIG_FILE: file,
        TEMPORAL_PROFILE: 'other',
        TEMPORAL_NAMESPACE: 'from-env',
      },
    });
    const result = await s.request(protocol.listProfiles, {});
    assert.equal(result.configFile, file);
    assert.deepEqual(result.problems, []);
    const byName = Object.fromEntries(result.profiles.map((p) => [p.name, p]));
    assert.equal(byName.local.namespace, namespace);
    assert.equal(byName.other.namespace, 'from-env');
    const status = await s.request(protocol.selectProfile, { profileId: 'toml:local' });
    assert.equal(status.state, 'connected', status.error?.message);
    assert.equal(status.namespace, namespace);
  });

  test('default temporal.toml location under XDG_CONFIG_HOME is found', async () => {
    const { address, namespace } = target();
    const xdg = path.join(tmp, 'xdg');
    fs.mkdirSync(path.join(xdg, 'temporalio'), { recursive: true });
    fs.writeFileSync(
      path.join(xdg, 'temporalio/temporal.toml'),
      `[profile.default]\naddress = "${address}"\nnamespace = "${namespace}"\n`,
    );
    const s = await start({ env: { XDG_CONFIG_HOME: xdg } });
    const { profiles, configFile } = await s.request(protocol.listProfiles, {});
    assert.equal(configFile, path.join(xdg, 'temporalio/temporal.toml'));
    assert.deepEqual(
      profiles.map((p) => p.id),
      ['toml:default'],
    );
    assert.equal(
      (await s.request(protocol.selectProfile, { profileId: 'toml:default' })).state,
      'connected',
    );
  });

  test('settings profiles sit beside temporal.toml ones and follow settings changes', async () => {
    const { address, namespace } = target();
    const s = await start({ settings: { profiles: { dev: { address, namespace } } } });
    let { profiles } = await s.request(protocol.listProfiles, {});
    assert.deepEqual(
      profiles.map((p) => p.id),
      ['settings:dev'],
    );
    assert.equal(
      (await s.request(protocol.selectProfile, { profileId: 'settings:dev' })).state,
      'connected',
    );
    s.updateSettings({
      profiles: { dev: { address, namespace }, staging: { address: '127.0.0.1:2' } },
    });
    ({ profiles } = await s.request(protocol.listProfiles, {}));
    assert.deepEqual(profiles.map((p) => p.id).sort(), ['settings:dev', 'settings:staging']);
  });

  test('a namespace can be chosen instead of the profile default', async () => {
    const { address } = target();
    const s = await start({ env: { TEMPORAL_ADDRESS: address } });
    const status = await s.request(protocol.selectProfile, {
      profileId: 'env:default',
      namespace: 'default',
    });
    assert.equal(status.state, 'connected');
    assert.equal((await s.request(protocol.describeNamespace, {})).name, 'default');
  });
});

describe('bad profiles give specific messages', () => {
  test('unreachable address: Unavailable naming the address, status error', async () => {
    const s = await start({
      env: { TEMPORAL_ADDRESS: '127.0.0.1:1' },
      settings: { rpcTimeoutSeconds: 5 },
    });
    const status = await s.request(protocol.selectProfile, { profileId: 'env:default' });
    assert.equal(status.state, 'error');
    assert.equal(status.error?.kind, 'Unavailable');
    assert.match(status.error!.message, /127\.0\.0\.1:1 is unavailable: connection refused/);
    const msg = await expectWorkbenchError(s.request(protocol.listNamespaces, {}), 'Unavailable');
    assert.match(msg, /127\.0\.0\.1:1/);
  });

  test('wrong namespace: NotFound naming namespace and address', async () => {
    const { address } = target();
    const s = await start({ env: { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'no-such-ns' } });
    const status = await s.request(protocol.selectProfile, { profileId: 'env:default' });
    assert.equal(status.error?.kind, 'NotFound');
    assert.equal(status.error?.message, `Namespace 'no-such-ns' not found on ${address}`);
  });

  test('malformed TOML: a problem naming the file and line, no profile from it', async () => {
    const file = writeToml('broken.toml', '[profile.x]\naddress = "a:1\nnamespace = 3\n');
    const s = await start({ env: { TEMPORAL_CONFIG_FILE: file } });
    const { profiles, problems } = await s.request(protocol.listProfiles, {});
    assert.equal(problems.length, 1);
    assert.equal(problems[0].source, 'toml');
    assert.match(
      problems[0].message,
      new RegExp(
        `${file.replace(/[.]/g, '\\.')} is not valid temporal.toml \\(line 2, column \\d+\\): control characters`,
      ),
    );
    assert.ok(!profiles.some((p) => p.source === 'toml'));
  });

  test('unknown profile name: ProfileConfig listing the known ones', async () => {
    const { address } = target();
    const s = await start({ settings: { profiles: { dev: { address } } } });
    const msg = await expectWorkbenchError(
      s.request(protocol.selectProfile, { profileId: 'prod' }),
      'ProfileConfig',
    );
    assert.equal(msg, "Unknown profile 'prod' (known profiles: dev)");
  });

  test('TEMPORAL_PROFILE naming a profile missing from temporal.toml is reported', async () => {
    const file = writeToml('one.toml', '[profile.local]\naddress = "127.0.0.1:7233"\n');
    const s = await start({ env: { TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'prod' } });
    const { problems } = await s.request(protocol.listProfiles, {});
    assert.deepEqual(problems, [
      { source: 'env', message: `Profile 'prod' (from TEMPORAL_PROFILE) not found in ${file}` },
    ]);
  });

  test('a config file that does not exist is reported', async () => {
    const s = await start({ settings: { configFile: path.join(tmp, 'missing.toml') } });
    const { problems } = await s.request(protocol.listProfiles, {});
    assert.match(problems[0].message, /missing\.toml does not exist/);
  });

  test('a settings profile expecting an API key that was never stored says how to set it', async () => {
    const { address } = target();
    const s = await start({ settings: { profiles: { cloud: { address, apiKey: true } } } });
    const { profiles } = await s.request(protocol.listProfiles, {});
    assert.equal(profiles[0].apiKeyMissing, true);
    const msg = await expectWorkbenchError(
      s.request(protocol.getSystemInfo, { profileId: 'settings:cloud' }),
      'Unauthenticated',
    );
    assert.match(msg, /Profile 'cloud' needs an API key for .*: run "Temporal: Set API Key"/);
  });
});
