// Connections view: profiles (temporal.toml, environment, settings) -> namespaces, or for a
// duroxide profile its store metrics and queue depths.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { ErrorItem, MessageItem } from './commonNodes';

export class ProfileItem extends vscode.TreeItem {
  constructor(
    readonly profile: protocol.ProfileSummary,
    status: protocol.ConnectionStatus,
  ) {
    super(profile.name, vscode.TreeItemCollapsibleState.Collapsed);
    const active = status.profileId === profile.id;
    this.id = `profile:${profile.id}`;
    this.description = profile.unavailable
      ? `${profile.address} · unavailable on this platform`
      : `${profile.address}${active ? ` · ${status.state}` : ''}`;
    this.contextValue = `profile${active ? '.active' : ''}${profile.readOnly ? '.readonly' : ''}`;
    const icon = active
      ? status.state === 'error'
        ? 'debug-disconnect'
        : 'plug'
      : 'server-environment';
    const color =
      active && status.state === 'connected'
        ? new vscode.ThemeColor('testing.iconPassed')
        : undefined;
    this.iconPath = new vscode.ThemeIcon(
      icon,
      active && status.state === 'error' ? new vscode.ThemeColor('errorForeground') : color,
    );
    this.tooltip = new vscode.MarkdownString(
      [
        `**${profile.name}** (${profile.source === 'toml' ? 'temporal.toml' : profile.source})`,
        ...(profile.kind === 'duroxide'
          ? [
              `duroxide store: \`${profile.address}\``,
              profile.passwordMissing
                ? '$(warning) Password not set: run **Temporal: Set Store Password**'
                : '',
              profile.unavailable ? `$(warning) ${profile.unavailable}` : '',
            ]
          : [`Address: \`${profile.address}\``, `Namespace: \`${profile.namespace}\``]),
        `Security: ${profile.tls ? 'TLS' : 'plaintext'}${profile.auth === 'apiKey' ? ' + API key' : profile.auth === 'mtls' ? ' + client certificate' : ''}`,
        profile.readOnly ? 'Read-only' : '',
        profile.apiKeyMissing ? '$(warning) API key not set: run **Temporal: Set API Key**' : '',
        active && status.error ? `$(error) ${status.error.message}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      true,
    );
  }
}

export class NamespaceItem extends vscode.TreeItem {
  constructor(
    readonly profileId: string,
    readonly namespace: protocol.NamespaceSummary,
    selected: boolean,
  ) {
    super(namespace.name, vscode.TreeItemCollapsibleState.None);
    this.id = `ns:${profileId}:${namespace.name}`;
    this.description = [
      selected ? 'selected' : '',
      namespace.retentionDays ? `${namespace.retentionDays}d retention` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    this.tooltip = namespace.description || namespace.name;
    this.iconPath = new vscode.ThemeIcon(selected ? 'pass-filled' : 'symbol-namespace');
    this.contextValue = selected ? 'namespace.selected' : 'namespace';
    this.command = { command: 'temporal.useNamespace', title: 'Use Namespace', arguments: [this] };
  }
}

type Node = ProfileItem | NamespaceItem | StoreMetricItem | ErrorItem | MessageItem;

export class ConnectionTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.extension.subscriptions.push(
      this.changed,
      ctx.onDidChangeStatus(() => this.refresh()),
    );
  }

  /** What each expanded duroxide profile shows now (its metrics as JSON), for poll(). */
  private readonly shownMetrics = new Map<string, string>();

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Redraws when an expanded store's numbers changed (instances run and end on their own). */
  async poll(): Promise<void> {
    for (const [profileId, shown] of this.shownMetrics) {
      const now = await this.ctx
        .request(protocol.getBackendMetrics, { profileId })
        .catch(() => undefined);
      if (now && JSON.stringify(now) !== shown) return this.refresh();
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!this.ctx.running) return [];
    try {
      if (!node) {
        this.shownMetrics.clear();
        const { profiles, problems } = await this.ctx.request(protocol.listProfiles, {});
        return [
          ...problems.map((p) => new MessageItem(p.message, 'warning')),
          ...profiles.map((p) => new ProfileItem(p, this.ctx.status)),
        ];
      }
      if (node instanceof ProfileItem && node.profile.kind === 'duroxide') {
        const metrics = await this.ctx.request(protocol.getBackendMetrics, {
          profileId: node.profile.id,
        });
        this.shownMetrics.set(node.profile.id, JSON.stringify(metrics));
        return storeMetricItems(metrics);
      }
      if (node instanceof ProfileItem) {
        const { namespaces } = await this.ctx.request(protocol.listNamespaces, {
          profileId: node.profile.id,
        });
        const selected =
          this.ctx.status.profileId === node.profile.id ? this.ctx.status.namespace : undefined;
        return namespaces
          .filter((n) => n.name !== 'temporal-system')
          .map((n) => new NamespaceItem(node.profile.id, n, n.name === selected));
      }
    } catch (err) {
      return [new ErrorItem(err, 'temporal.connections.refresh')];
    }
    return [];
  }
}

/** A duroxide store's numbers under its profile: instances by status, then queue depths. */
export class StoreMetricItem extends vscode.TreeItem {
  constructor(label: string, description: string, icon: string, tooltip: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.description = description;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.tooltip = tooltip;
    this.contextValue = 'storeMetric';
  }
}

function storeMetricItems(m: protocol.BackendMetrics): StoreMetricItem[] {
  return [
    new StoreMetricItem(
      `Instances: ${m.totalInstances}`,
      `${m.runningInstances} running · ${m.completedInstances} completed · ${m.failedInstances} failed`,
      'pulse',
      `${m.totalExecutions} executions, ${m.totalEvents} history events`,
    ),
    new StoreMetricItem(
      `Queues: ${m.queues.orchestrator + m.queues.worker + m.queues.timer}`,
      `orchestrator ${m.queues.orchestrator} · worker ${m.queues.worker} · timer ${m.queues.timer}`,
      'list-ordered',
      'Messages waiting in the store for a runtime to pick up',
    ),
  ];
}
