// Status bar: active profile, namespace and connection state; a click switches profile.
import * as vscode from 'vscode';
import type { ConnectionStatus } from '../../shared/src/protocol';
import type { Ctx } from './ctx';

export function createStatusBar(ctx: Ctx): void {
  const item = vscode.window.createStatusBarItem(
    'temporal.status',
    vscode.StatusBarAlignment.Left,
    10,
  );
  item.name = 'Temporal connection';
  item.command = 'temporal.selectProfile';
  const render = (s: ConnectionStatus) => {
    const icon = {
      connected: '$(pass-filled)',
      connecting: '$(sync~spin)',
      error: '$(error)',
      disconnected: '$(debug-disconnect)',
    }[s.state];
    item.text = `${icon} Temporal: ${s.profileName ? `${s.profileName} · ${s.namespace}` : 'not connected'}`;
    const tooltip = new vscode.MarkdownString(
      [
        `**Temporal** — ${s.state}`,
        s.address ? `Address: \`${s.address}\`` : '',
        s.namespace ? `Namespace: \`${s.namespace}\`` : '',
        s.serverVersion ? `Server: ${s.serverVersion}` : '',
        s.readOnly ? 'Read-only profile' : '',
        s.tlsWarning ? `$(warning) ${s.tlsWarning}` : '',
        s.error ? `Error: ${s.error.message}` : '',
        'Click to switch profile',
      ]
        .filter(Boolean)
        .join('\n\n'),
      true,
    );
    item.tooltip = tooltip;
    item.backgroundColor =
      s.state === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : s.tlsWarning
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  };
  render(ctx.status);
  ctx.extension.subscriptions.push(item, ctx.onDidChangeStatus(render));
  item.show();
}
