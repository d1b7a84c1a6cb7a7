// The universal .vsix: the language server laid out as that package lays it out (dist/ without
// native/, outside this checkout so node_modules cannot supply duroxide's addon either). duroxide
// profiles say they are unavailable here; Temporal profiles work as in the linux-x64 package.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as protocol from '../../shared/src/protocol';
import { repoRoot, TestLanguageServer } from '../support/languageServer';
import { useTestTarget } from '../support/target';

const target = useTestTarget({ workers: false });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-universal-'));
let server: TestLanguageServer;

before(async () => {
  const { address, namespace } = await target.ready();
  const dist = path.join(tmp, 'extension', 'dist');
  fs.mkdirSync(dist, { recursive: true });
  // What the universal .vsix carries for the server (see scripts/package.mjs and .vscodeignore).
  for (const entry of ['server.js', 'wasm', 'replay']) {
    fs.cpSync(path.join(repoRoot, 'dist', entry), path.join(dist, entry), { recursive: true });
  }
  server = await TestLanguageServer.start({
    bundle: path.join(dist, 'server.js'),
    settings: {
      profiles: {
        dx: { kind: 'duroxide', store: path.join(tmp, 'store.db') },
        dev: { address, namespace },
      },
    },
  });
});

after(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('universal package: the duroxide profile is listed as unavailable, saying the linux-x64 package has its native client', async () => {
  const { profiles } = await server.request(protocol.listProfiles, {});
  const dx = profiles.find((p) => p.id === 'settings:dx');
  assert.match(
    dx?.unavailable ?? '',
    /does not include duroxide's native client \(the linux-x64 package does\)/,
  );
  assert.equal(profiles.find((p) => p.id === 'settings:dev')?.unavailable, undefined);
});

test('universal package: selecting the duroxide profile fails with Unsupported and that reason, and creates no store file', async () => {
  const status = await server.request(protocol.selectProfile, { profileId: 'settings:dx' });
  assert.equal(status.state, 'error');
  assert.equal(status.error?.kind, 'Unsupported');
  assert.match(status.error?.message ?? '', /duroxide profiles are unavailable in this package/);
  assert.equal(fs.existsSync(path.join(tmp, 'store.db')), false);
});

test('universal package: a Temporal profile in the same server connects and lists workflows', async () => {
  const status = await server.request(protocol.selectProfile, { profileId: 'settings:dev' });
  assert.equal(status.state, 'connected', status.error?.message);
  const listed = await server.request(protocol.listWorkflows, {
    profileId: 'settings:dev',
    pageSize: 5,
  });
  assert.ok(Array.isArray(listed.executions));
});
