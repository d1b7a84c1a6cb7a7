import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  configFilePath,
  findProfile,
  loadProfiles,
  summarise,
  usesTls,
} from '../../../server/src/connection/profiles';
import { withDefaults } from '../../../shared/src/settings';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-prof-'));
const file = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};

test('no configuration at all yields the local default profile', () => {
  const loaded = loadProfiles(withDefaults({}), { HOME: tmp, XDG_CONFIG_HOME: tmp });
  assert.deepEqual(
    loaded.profiles.map((p) => [p.id, p.address, p.namespace]),
    [['env:default', 'localhost:7233', 'default']],
  );
  assert.equal(loaded.configFile, undefined);
});

test('config file precedence: setting, then TEMPORAL_CONFIG_FILE, then XDG', () => {
  const env = { TEMPORAL_CONFIG_FILE: '/a.toml', XDG_CONFIG_HOME: '/x' };
  assert.equal(configFilePath(withDefaults({ configFile: '/s.toml' }), env), '/s.toml');
  assert.equal(configFilePath(withDefaults({}), env), '/a.toml');
  assert.equal(
    configFilePath(withDefaults({}), { XDG_CONFIG_HOME: '/x' }),
    '/x/temporalio/temporal.toml',
  );
});

test('toml profiles keep tls, grpc_meta, codec and disable_host_verification', () => {
  const f = file(
    'full.toml',
    `[profile.prod]\naddress = "prod.tmprl.cloud:7233"\nnamespace = "prod.acct"\napi_key = "k"\n` +
      `[profile.prod.tls]\nserver_name = "prod"\ndisable_host_verification = true\nserver_ca_cert_data = "PEM"\n` +
      `[profile.prod.grpc_meta]\nx-team = "payments"\n[profile.prod.codec]\nendpoint = "http://codec"\n`,
  );
  const [prod] = loadProfiles(withDefaults({ readOnlyProfiles: ['prod'] }), {
    TEMPORAL_CONFIG_FILE: f,
    TEMPORAL_PROFILE: 'none',
  }).profiles;
  assert.equal(prod.id, 'toml:prod');
  assert.equal(prod.apiKey, 'k');
  assert.deepEqual(prod.tls?.serverCaCert, { data: 'PEM' });
  assert.equal(prod.tls?.disableHostVerification, true);
  assert.deepEqual(prod.grpcMeta, { 'x-team': 'payments' });
  assert.equal(prod.codecEndpoint, 'http://codec');
  assert.equal(prod.readOnly, true);
  const summary = summarise(prod, false);
  assert.deepEqual([summary.tls, summary.auth, summary.readOnly], [true, 'apiKey', true]);
  assert.ok(!JSON.stringify(summary).includes('"k"'), 'summaries never carry the key');
});

test('TLS is on with an API key unless disabled, off for plain profiles', () => {
  const base = {
    id: 'x',
    name: 'x',
    source: 'settings' as const,
    address: 'a:1',
    namespace: 'n',
    apiKeyInSecretStorage: false,
    grpcMeta: {},
    readOnly: false,
  };
  assert.equal(usesTls(base, false), false);
  assert.equal(usesTls(base, true), true);
  assert.equal(usesTls({ ...base, tls: { disabled: true } }, true), false);
  assert.equal(usesTls({ ...base, tls: {} }, false), true);
});

test('settings profiles and lookup by id or name', () => {
  const loaded = loadProfiles(
    withDefaults({ profiles: { dev: { address: 'h:1', apiKey: true, readOnly: true } } }),
    { HOME: tmp, XDG_CONFIG_HOME: tmp },
  );
  assert.deepEqual(
    loaded.profiles.map((p) => p.id),
    ['settings:dev'],
  );
  assert.equal(findProfile(loaded, 'dev').id, 'settings:dev');
  assert.equal(summarise(loaded.profiles[0], false).apiKeyMissing, true);
  assert.equal(summarise(loaded.profiles[0], true).apiKeyMissing, undefined);
  assert.throws(
    () => findProfile(loaded, 'prod'),
    /Unknown profile 'prod' \(known profiles: dev\)/,
  );
});
