// An `authorization` entry in a settings profile's grpcMeta is a secret kept in plain settings
// (synced, committed with .vscode/settings.json): warn, and offer to move it to SecretStorage.
import * as vscode from 'vscode';
import * as protocol from '../../shared/src/protocol';
import type { SettingsProfile } from '../../shared/src/settings';
import type { Ctx } from './ctx';

interface Found {
  name: string;
  profile: SettingsProfile;
  header: string;
  value: string;
  target: vscode.ConfigurationTarget;
}

function findAuthorizationHeaders(): Found[] {
  const inspected = vscode.workspace
    .getConfiguration('temporal')
    .inspect<Record<string, SettingsProfile>>('profiles');
  const scopes: [Record<string, SettingsProfile> | undefined, vscode.ConfigurationTarget][] = [
    [inspected?.globalValue, vscode.ConfigurationTarget.Global],
    [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
  ];
  const found: Found[] = [];
  for (const [profiles, target] of scopes) {
    for (const [name, profile] of Object.entries(profiles ?? {})) {
      for (const [header, value] of Object.entries(profile.grpcMeta ?? {})) {
        if (header.toLowerCase() === 'authorization')
          found.push({ name, profile, header, value, target });
      }
    }
  }
  return found;
}

export async function warnAboutAuthorizationInSettings(ctx: Ctx): Promise<void> {
  for (const f of findAuthorizationHeaders()) {
    const bearer = /^bearer\s+(\S+)$/i.exec(f.value.trim());
    const move = 'Move to SecretStorage';
    const message = `Profile '${f.name}' keeps an authorization header in settings (grpcMeta), where settings sync or a repository can expose it.`;
    const choice = bearer
      ? await vscode.window.showWarningMessage(
          `${message} Move it to SecretStorage as the profile's API key?`,
          move,
        )
      : await vscode.window.showWarningMessage(
          `${message} Use "apiKey": true and Temporal: Set API Key instead.`,
        );
    if (choice !== move || !bearer) continue;
    const source: protocol.ProfileSource =
      f.target === vscode.ConfigurationTarget.Global ? 'settings' : 'workspace';
    const key = protocol.apiKeySecretKey({
      source,
      name: f.name,
      address: f.profile.address || 'localhost:7233',
      serverName: f.profile.tls?.serverName,
    });
    await ctx.extension.secrets.store(key, bearer[1]);
    const { [f.header]: _removed, ...grpcMeta } = f.profile.grpcMeta ?? {};
    const config = vscode.workspace.getConfiguration('temporal');
    const all = {
      ...(config.inspect<Record<string, SettingsProfile>>('profiles')?.[
        source === 'settings' ? 'globalValue' : 'workspaceValue'
      ] ?? {}),
    };
    all[f.name] = { ...f.profile, apiKey: true, grpcMeta };
    await config.update('profiles', all, f.target);
    ctx.client?.sendNotification(protocol.secretChanged, { key });
    void vscode.window.showInformationMessage(
      `The API key of profile '${f.name}' is now in SecretStorage.`,
    );
  }
}
