// Commands about where we connect: profile, namespace, API key.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { showError } from '../errors';

const activeKey = 'temporal.active';

interface Active {
  profileId: string;
  namespace?: string;
}

/** Reconnects to the profile used last in this workspace, else the server's default. */
export async function restoreActiveProfile(ctx: Ctx): Promise<void> {
  const saved = ctx.extension.workspaceState.get<Active>(activeKey);
  const { profiles } = await ctx.request(protocol.listProfiles, {});
  const profile = profiles.find((p) => p.id === saved?.profileId) ?? profiles[0];
  if (profile)
    await select(ctx, profile.id, saved?.profileId === profile.id ? saved.namespace : undefined);
}

async function select(
  ctx: Ctx,
  profileId: string,
  namespace?: string,
): Promise<protocol.ConnectionStatus> {
  const status = await ctx.request(protocol.selectProfile, { profileId, namespace });
  await ctx.extension.workspaceState.update(activeKey, { profileId, namespace });
  return status;
}

export async function selectProfile(ctx: Ctx): Promise<void> {
  const { profiles, problems, configFile } = await ctx.request(protocol.listProfiles, {});
  for (const p of problems) void vscode.window.showWarningMessage(p.message);
  const picked = await vscode.window.showQuickPick(
    profiles.map((p) => ({
      label: p.name,
      description: `${p.address} · ${p.namespace}`,
      detail: [
        p.source === 'toml' ? `temporal.toml${configFile ? ` (${configFile})` : ''}` : p.source,
        p.tls ? 'TLS' : 'plaintext',
        p.auth === 'apiKey' ? 'API key' : p.auth === 'mtls' ? 'mTLS' : '',
        p.readOnly ? 'read-only' : '',
        p.apiKeyMissing ? 'API key not set' : '',
      ]
        .filter(Boolean)
        .join(' · '),
      profile: p,
    })),
    {
      title: 'Temporal: Select Profile',
      placeHolder: 'Connection profile',
      matchOnDescription: true,
    },
  );
  if (!picked) return;
  const status = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Connecting to ${picked.profile.address}…`,
    },
    () => select(ctx, picked.profile.id),
  );
  reportStatus(ctx, status);
}

export async function selectNamespace(ctx: Ctx): Promise<void> {
  const profileId = ctx.status.profileId;
  if (!profileId) return selectProfile(ctx);
  // Passing a promise keeps the quick pick open with a busy indicator while namespaces load.
  const items: Thenable<vscode.QuickPickItem[]> = ctx
    .request(protocol.listNamespaces, { profileId })
    .then((r) =>
      r.namespaces.map((n) => ({
        label: n.name,
        description: n.state,
        detail: n.description || undefined,
      })),
    );
  const picked = await vscode.window.showQuickPick<vscode.QuickPickItem>(items, {
    title: 'Temporal: Select Namespace',
    placeHolder: `Namespaces on ${ctx.status.address}`,
  });
  if (!picked) return;
  reportStatus(ctx, await select(ctx, profileId, picked.label));
}

/** Click on a namespace in the Connections view. */
export async function useNamespace(ctx: Ctx, item?: unknown): Promise<void> {
  const node = item as { profileId?: string; namespace?: { name: string } } | undefined;
  if (!node?.profileId || !node.namespace) return selectNamespace(ctx);
  reportStatus(ctx, await select(ctx, node.profileId, node.namespace.name));
}

export async function setApiKey(ctx: Ctx, profileId?: string): Promise<void> {
  const { profiles } = await ctx.request(protocol.listProfiles, {});
  // Only profiles that ask for a stored key (`apiKey: true`); the key is bound to the profile's
  // source, name, address and TLS server name, so it is never sent anywhere else.
  const keyed = profiles.filter((p) => p.apiKeySecret);
  if (!keyed.length) {
    void vscode.window.showWarningMessage(
      'No profile uses a stored API key: add "apiKey": true to a profile in temporal.profiles (temporal.toml profiles keep api_key in the file).',
    );
    return;
  }
  const wanted = profileId ?? ctx.status.profileId;
  const target =
    keyed.find((p) => p.id === profileId) ??
    (keyed.length === 1
      ? keyed[0]
      : (
          await vscode.window.showQuickPick(
            keyed.map((p) => ({
              label: p.name,
              description: `${p.address} · ${p.source}`,
              picked: p.id === wanted,
              profile: p,
            })),
            { title: 'Temporal: Set API Key', placeHolder: 'Profile the API key is for' },
          )
        )?.profile);
  if (!target?.apiKeySecret) return;
  const value = await vscode.window.showInputBox({
    title: `API key for profile '${target.name}' (${target.address})`,
    prompt: `Stored in VS Code SecretStorage and sent only to ${target.address}; never written to settings or logs.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'The API key cannot be empty'),
  });
  if (value === undefined) return;
  const key = target.apiKeySecret;
  await ctx.extension.secrets.store(key, value.trim());
  ctx.client?.sendNotification(protocol.secretChanged, { key });
  if (target.id === ctx.status.profileId)
    reportStatus(ctx, await select(ctx, target.id, ctx.status.namespace));
  else void vscode.window.showInformationMessage(`API key stored for profile '${target.name}'.`);
}

export async function clearApiKey(ctx: Ctx): Promise<void> {
  const { profiles } = await ctx.request(protocol.listProfiles, {});
  const profile = profiles.find((p) => p.id === ctx.status.profileId);
  if (!profile?.apiKeySecret) return;
  await ctx.extension.secrets.delete(profile.apiKeySecret);
  ctx.client?.sendNotification(protocol.secretChanged, { key: profile.apiKeySecret });
  void vscode.window.showInformationMessage(`API key removed for profile '${profile.name}'.`);
}

function reportStatus(ctx: Ctx, status: protocol.ConnectionStatus): void {
  // No key stored for this profile at its current address (new profile, or the address changed).
  if (status.state === 'error' && status.apiKeyMissing && status.error) {
    const action = 'Set API Key';
    void vscode.window
      .showWarningMessage(status.error.message, action)
      .then((a) => (a === action ? setApiKey(ctx, status.profileId) : undefined));
  } else if (status.state === 'error' && status.error)
    void showError(
      Object.assign(new Error(status.error.message), { data: status.error }),
      ctx.output,
    );
  else if (status.state === 'connected') {
    void vscode.window.showInformationMessage(
      `Connected to ${status.address} · ${status.namespace}`,
    );
  }
}
