// Settings are read in one place, typed by shared/src/settings.ts.
import * as vscode from 'vscode';
import {
  defaultClientSettings,
  defaultSettings,
  type ClientSettings,
  type SavedQuery,
  type SettingsProfile,
  type WorkbenchSettings,
} from '../../shared/src/settings';

export type { ClientSettings, SavedQuery };

export class Config {
  static read(): WorkbenchSettings {
    const c = vscode.workspace.getConfiguration('temporal');
    const get = <K extends keyof WorkbenchSettings>(k: K) =>
      c.get<WorkbenchSettings[K]>(k, defaultSettings[k]);
    return {
      configFile: get('configFile'),
      rpcTimeoutSeconds: get('rpcTimeoutSeconds'),
      identity: get('identity'),
      refreshIntervalSeconds: get('refreshIntervalSeconds'),
      ...Config.securitySettings(c),
    };
  }

  /**
   * Profiles by where they were written, so the server keeps a workspace's profiles apart from
   * the user's (and their API keys); a workspace can add read-only profiles but never remove one.
   * In Restricted Mode the workspace's profiles are not sent at all.
   */
  private static securitySettings(c: vscode.WorkspaceConfiguration) {
    const trusted = vscode.workspace.isTrusted;
    const profiles = c.inspect<Record<string, SettingsProfile>>('profiles');
    const readOnly = c.inspect<string[]>('readOnlyProfiles');
    return {
      profiles: profiles?.globalValue ?? {},
      workspaceProfiles: trusted
        ? { ...profiles?.workspaceValue, ...profiles?.workspaceFolderValue }
        : {},
      readOnlyProfiles: [
        ...new Set([
          ...(readOnly?.globalValue ?? []),
          ...(readOnly?.workspaceValue ?? []),
          ...(readOnly?.workspaceFolderValue ?? []),
        ]),
      ],
      workspaceTrusted: trusted,
    };
  }

  static client(): ClientSettings {
    const c = vscode.workspace.getConfiguration('temporal');
    return {
      webUiUrl:
        c.get<string>('webUiUrl', defaultClientSettings.webUiUrl) || defaultClientSettings.webUiUrl,
      savedQueries: c.get<Record<string, SavedQuery[]>>('savedQueries', {}) ?? {},
    };
  }

  /** Saves a query for a namespace in the user settings (replacing one of the same name). */
  static async saveQuery(namespace: string, saved: SavedQuery): Promise<void> {
    const all = Config.client().savedQueries;
    const list = (all[namespace] ?? []).filter((q) => q.name !== saved.name);
    await vscode.workspace
      .getConfiguration('temporal')
      .update(
        'savedQueries',
        { ...all, [namespace]: [...list, saved] },
        vscode.ConfigurationTarget.Global,
      );
  }
}
