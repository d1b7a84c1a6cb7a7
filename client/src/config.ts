// Settings are read in one place, typed by shared/src/settings.ts.
import * as vscode from 'vscode';
import { defaultSettings, type WorkbenchSettings } from '../../shared/src/settings';

export class Config {
  static read(): WorkbenchSettings {
    const c = vscode.workspace.getConfiguration('temporal');
    const get = <K extends keyof WorkbenchSettings>(k: K) => c.get<WorkbenchSettings[K]>(k, defaultSettings[k]);
    return {
      profiles: get('profiles'),
      configFile: get('configFile'),
      readOnlyProfiles: get('readOnlyProfiles'),
      rpcTimeoutSeconds: get('rpcTimeoutSeconds'),
      identity: get('identity'),
      refreshIntervalSeconds: get('refreshIntervalSeconds'),
    };
  }
}
