// LSP allows one workspace/executeCommand handler: this one routes each command id to the
// feature that advertised it (operation files, server-run lens commands).
import type { Connection } from 'vscode-languageserver';
import { toResponseError } from '../errors';

export interface CommandFeature {
  ownsCommand(command: string): boolean;
  run(command: string, args: unknown[], signal: AbortSignal): Promise<unknown>;
}

export function registerExecuteCommand(connection: Connection, features: CommandFeature[]): void {
  connection.onExecuteCommand(async ({ command, arguments: args }, token) => {
    const feature = features.find((f) => f.ownsCommand(command));
    if (!feature) throw toResponseError(new Error(`Unknown command ${command}`));
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      return await feature.run(command, args ?? [], controller.signal);
    } finally {
      sub.dispose();
    }
  });
}
