// Settings are read in one place, typed by shared/src/settings.ts.
import * as vscode from 'vscode';
import {
  defaultClientSettings,
  defaultSettings,
  type ClientSettings,
  type SavedQuery,
  type WorkbenchSettings,
} from '../../shared/src/settings';

export type { ClientSettings, SavedQuery };

export class Config {
  static read(): WorkbenchSettings {
    const c = vscode.workspace.getConfiguration('temporal');
    const get = <K extends keyof WorkbenchSettings>(k: K) =>
      c.get<WorkbenchSettings[K]>(k, defaultSettings[k]);
    return {
      profiles: get('profiles'),
      configFile: get('configFile'),
      readOnlyProfiles: get('readOnlyProfiles'),
      rpcTimeoutSeconds: get('rpcTimeoutSeconds'),
      identity: get('identity'),
      refreshIntervalSeconds: get('refreshIntervalSeconds'),
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
