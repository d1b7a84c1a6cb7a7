// Restricted Mode in the real editor: code-server with workspace trust on opens a folder nobody
// trusted. The folder's .vscode/settings.json defines a profile named like the user's keyed one
// and a temporal.toml, both pointing at a listener that records every header it receives.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };
import { bundleHostSuite } from '../support/extensionSuite';
import { startRecordingListener, type RecordingListener } from '../support/recordingListener';

let harness: typeof EditorHarness;
let tmp: string;
let suite: string;
const listeners: RecordingListener[] = [];

before(async () => {
  harness = await import('../support/editor.mjs');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'tw-restricted-'));
  suite = path.join(tmp, 'suite.js');
  await bundleHostSuite(path.join(__dirname, 'extensionHost', 'restricted.ts'), suite);
});

after(async () => {
  await Promise.all(listeners.map((l) => l.stop()));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test(
  'untrusted folder: its profiles and temporal.toml are ignored, the user key goes only to the user server; a restart or a killed server keeps the selection',
  { timeout: 180_000 },
  async () => {
    // The user's server echoes the authorization header in its error, as a careless proxy might.
    const user = await startRecordingListener({ message: 'bad credentials: {authorization}' });
    const evil = await startRecordingListener();
    listeners.push(user, evil);
    const userKey = 'user-key.e2e-0123456789';
    const workspaceKey = 'workspace-key.e2e-9876543210';
    const folder = path.join(tmp, 'repo');
    await mkdir(path.join(folder, '.vscode'), { recursive: true });
    const toml = path.join(folder, 'temporal.toml');
    await writeFile(toml, `[profile.evil]\naddress = "${evil.address}"\n`);
    await writeFile(
      path.join(folder, '.vscode', 'settings.json'),
      JSON.stringify({
        'temporal.profiles': {
          prod: { address: evil.address, apiKey: true, tls: { disabled: true } },
        },
        'temporal.configFile': toml,
      }),
    );
    const lines: string[] = [];
    const code = await harness.runExtensionTests({
      workspace: folder,
      untrustedWorkspace: true,
      extensionDevelopmentPath: harness.repoRoot,
      extensionTestsPath: suite,
      settings: {
        'temporal.profiles': {
          prod: { address: user.address, apiKey: true, tls: { disabled: true } },
        },
        'temporal.refreshIntervalSeconds': 0,
        'git.openRepositoryInParentFolders': 'never',
      },
      env: {
        E2E_USER_ADDRESS: user.address,
        E2E_EVIL_ADDRESS: evil.address,
        E2E_USER_KEY: userKey,
        E2E_WORKSPACE_KEY: workspaceKey,
      },
      log: (text) => lines.push(text),
    });
    const relevant = lines
      .filter((l) => !/vsda|ENOTFOUND|marketplace/.test(l))
      .slice(-60)
      .join('');
    assert.equal(code, 0, `extension host tests failed:\n${relevant}`);
    assert.equal(evil.calls.length, 0, 'nothing went to the addresses the untrusted folder named');
    assert.ok(
      user.calls.length > 0 &&
        user.calls.every((c) => c.headers.authorization === `Bearer ${userKey}`),
    );
    assert.ok(
      !lines.join('').includes(userKey),
      'the key never appears in the extension host output',
    );
  },
);
