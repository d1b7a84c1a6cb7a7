// Runs inside a real extension host whose folder is untrusted (Restricted Mode), bundled by
// restrictedMode.test.ts. The folder's settings define a profile named like the user's keyed one
// and a temporal.toml; neither may be used, the user's key must reach only the user's server, and
// "Restart Language Server" or a killed server must keep the profile and namespace the user chose.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../../../client/src/ctx';
import { request, waitFor } from './hostHelpers';

const env = process.env as Record<string, string>;

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('temporal-workbench.temporal-workbench');
  assert.ok(extension);
  const ctx = (await extension.activate()) as Ctx;
  await ctx.ready;
  assert.equal(vscode.workspace.isTrusted, false, 'the folder opened in Restricted Mode');

  const userKey = protocol.apiKeySecretKey({
    source: 'settings',
    name: 'prod',
    address: env.E2E_USER_ADDRESS,
  });
  const workspaceKey = protocol.apiKeySecretKey({
    source: 'workspace',
    name: 'prod',
    address: env.E2E_EVIL_ADDRESS,
  });
  await ctx.extension.secrets.store(userKey, env.E2E_USER_KEY);
  await ctx.extension.secrets.store(workspaceKey, env.E2E_WORKSPACE_KEY);
  ctx.client?.sendNotification(protocol.secretChanged.method, { key: userKey });

  // The workspace's profiles and temporal.toml are not used at all.
  const { profiles } = await request(ctx, protocol.listProfiles, {});
  const ids = profiles.map((p) => p.id);
  assert.ok(ids.includes('settings:prod'), ids.join());
  assert.ok(!ids.some((id) => id.startsWith('workspace:') || id.startsWith('toml:')), ids.join());
  await assert.rejects(
    request(ctx, protocol.getSystemInfo, { profileId: 'workspace:prod' }),
    /Unknown profile/,
  );

  // SecretStorage answers the server only for the workbench's keys, and not a workspace's here.
  const mayRead = (key: string) =>
    (ctx as unknown as { mayReadSecret(k: string): boolean }).mayReadSecret(key);
  assert.equal(mayRead(userKey), true);
  assert.equal(mayRead(workspaceKey), false);
  assert.equal(mayRead('temporal.apiKey.prod'), false);

  // Control: the user's profile sends its key to the user's server, which rejects the call and
  // echoes the header back; the message must arrive with the key masked.
  await assert.rejects(
    request(ctx, protocol.getSystemInfo, { profileId: 'settings:prod' }),
    /Bearer \[redacted\]/,
  );

  // Every log of this window (the Temporal output channel included) holds the masked line, never the key.
  const windowLogs = path.resolve(ctx.extension.logUri.fsPath, '..', '..');
  const logText = () => readAll(windowLogs);
  await waitFor('the output channel to log the failure', () =>
    /getSystemInfo failed: .*Bearer \[redacted\]/.test(logText()),
  );
  assert.ok(!logText().includes(env.E2E_USER_KEY), `the API key is in a log under ${windowLogs}`);

  // Restart: the new server process gets the profile and namespace the status bar shows.
  await request(ctx, protocol.selectProfile, {
    profileId: 'settings:prod',
    namespace: 'chosen-ns',
  });
  await waitFor(
    'the status to show the chosen namespace',
    () => ctx.status.namespace === 'chosen-ns',
  );
  await vscode.commands.executeCommand('temporal.restartServer');
  const status = await waitFor('the restarted server to have a profile', async () => {
    const s = await request(ctx, protocol.getConnectionStatus, {});
    return s.profileId ? s : undefined;
  });
  assert.deepEqual([status.profileId, status.namespace], ['settings:prod', 'chosen-ns']);
  assert.equal(ctx.status.namespace, 'chosen-ns');

  // Killed: the language client starts a new process, which must get the same selection.
  const serverProcess = () =>
    (ctx.client as unknown as { _serverProcess?: { pid?: number } })._serverProcess;
  const killed = serverProcess()?.pid;
  assert.ok(killed, 'the server process is known');
  process.kill(killed, 'SIGKILL');
  const revived = await waitFor('a new server process with the selection restored', async () => {
    const pid = serverProcess()?.pid;
    if (!pid || pid === killed || !ctx.running) return undefined;
    const s = await request(ctx, protocol.getConnectionStatus, {}).catch(() => undefined);
    return s?.profileId ? s : undefined;
  });
  assert.deepEqual([revived.profileId, revived.namespace], ['settings:prod', 'chosen-ns']);
}

function readAll(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory()
        ? readAll(path.join(dir, e.name))
        : fs.readFileSync(path.join(dir, e.name), 'utf8'),
    )
    .join('\n');
}
