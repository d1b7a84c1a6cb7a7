// Schedules view: the namespace's schedules (paged), each with its state icon, spec summary and
// next run; children are its recent actions (click = describe that run) and upcoming times.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { ScheduleActionResultView, ScheduleSummary } from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { ErrorItem, LoadMoreItem, MessageItem } from './commonNodes';
import {
  recentActionsNewestFirst,
  scheduleContext,
  scheduleDescription,
  scheduleTooltip,
  untilText,
} from './schedulesModel';
import { ago, lookOf, PagedList } from './treeModel';

const pageSize = 50;
const refreshCommand = 'temporal.schedules.refresh';
const loadMoreCommand = 'temporal.schedules.loadMore';

export class ScheduleItem extends vscode.TreeItem {
  constructor(
    readonly schedule: ScheduleSummary,
    readOnly: boolean,
  ) {
    super(schedule.scheduleId, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `schedule/${schedule.scheduleId}`;
    this.description = scheduleDescription(schedule);
    this.iconPath = schedule.paused
      ? new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow'))
      : new vscode.ThemeIcon('calendar', new vscode.ThemeColor('charts.green'));
    this.contextValue = scheduleContext(schedule.paused, readOnly);
    this.tooltip = new vscode.MarkdownString(scheduleTooltip(schedule).join('\n\n'));
    this.accessibilityInformation = {
      label: `${schedule.scheduleId} ${schedule.paused ? 'paused' : 'active'} ${this.description}`,
    };
  }

  get scheduleId(): string {
    return this.schedule.scheduleId;
  }
}

/** One action the schedule took; click describes the run it started. */
export class ScheduleActionItem extends vscode.TreeItem {
  readonly workflowId: string;
  readonly runId: string;
  constructor(scheduleId: string, action: ScheduleActionResultView) {
    super(action.workflowId, vscode.TreeItemCollapsibleState.None);
    this.workflowId = action.workflowId;
    this.runId = action.runId;
    this.id = `schedule/${scheduleId}/action/${action.workflowId}/${action.runId}`;
    const look = lookOf(action.status ?? 'Unspecified');
    this.iconPath = new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
    this.description = [look.label, ago(action.actualTime ?? action.scheduledTime)]
      .filter(Boolean)
      .join(' · ');
    this.contextValue = 'scheduleAction';
    this.accessibilityInformation = { label: `${action.workflowId} ${look.label}` };
    this.tooltip = `Scheduled ${action.scheduledTime ?? '?'}, taken ${action.actualTime ?? '?'}\nRun ${action.runId}`;
    this.command = {
      command: 'temporal.describeWorkflow',
      title: 'Describe Workflow',
      arguments: [{ workflowId: action.workflowId, runId: action.runId }],
    };
  }
}

/** A folder under a schedule: "Recent actions" or "Upcoming". */
export class ScheduleGroupItem extends vscode.TreeItem {
  constructor(
    readonly parent: ScheduleItem,
    readonly kind: 'recent' | 'upcoming',
    count: number,
    paused = false,
  ) {
    super(
      kind === 'recent' ? 'Recent actions' : 'Upcoming',
      count ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    this.id = `schedule/${parent.scheduleId}/${kind}`;
    // A paused schedule's spec still matches these times; it just takes no action then.
    this.description = `${count || 'none'}${paused && kind === 'upcoming' ? ' · not taken while paused' : ''}`;
    this.iconPath = new vscode.ThemeIcon(kind === 'recent' ? 'history' : 'watch');
    this.contextValue = `scheduleGroup.${kind}`;
  }
}

export class UpcomingTimeItem extends vscode.TreeItem {
  constructor(scheduleId: string, time: string) {
    super(time, vscode.TreeItemCollapsibleState.None);
    this.id = `schedule/${scheduleId}/upcoming/${time}`;
    const until = untilText(time);
    this.description = until === 'now' ? 'now' : `in ${until}`;
    this.iconPath = new vscode.ThemeIcon('clock');
    this.contextValue = 'scheduleTime';
  }
}

export type ScheduleNode =
  | ScheduleItem
  | ScheduleGroupItem
  | ScheduleActionItem
  | UpcomingTimeItem
  | ErrorItem
  | LoadMoreItem
  | MessageItem;

export class ScheduleTreeProvider implements vscode.TreeDataProvider<ScheduleNode> {
  private readonly changed = new vscode.EventEmitter<ScheduleNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly list = new PagedList<ScheduleSummary>();
  private more = false;

  constructor(private readonly ctx: Ctx) {
    ctx.extension.subscriptions.push(
      this.changed,
      ctx.onDidChangeStatus(() => {
        this.list.reset();
        this.changed.fire(undefined);
      }),
    );
  }

  refresh(): void {
    this.list.markStale();
    this.changed.fire(undefined);
  }

  /** The interval refresh: reread the shown pages (next-run texts move on). */
  poll(): void {
    if (this.ctx.running && this.ctx.status.profileId) this.refresh();
  }

  loadMore(): void {
    this.more = true;
    this.changed.fire(undefined);
  }

  /** Shown schedules (for palette pickers). */
  get schedules(): readonly ScheduleSummary[] {
    return this.list.items;
  }

  getTreeItem(node: ScheduleNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: ScheduleNode): Promise<ScheduleNode[]> {
    if (!this.ctx.running || !this.ctx.status.profileId) return [];
    if (!node) return this.roots();
    if (node instanceof ScheduleItem)
      return [
        new ScheduleGroupItem(node, 'recent', node.schedule.recentActions.length),
        new ScheduleGroupItem(
          node,
          'upcoming',
          this.upcoming(node.schedule).length,
          node.schedule.paused,
        ),
      ];
    if (node instanceof ScheduleGroupItem) {
      const s = node.parent.schedule;
      return node.kind === 'recent'
        ? recentActionsNewestFirst(s.recentActions).map(
            (a) => new ScheduleActionItem(s.scheduleId, a),
          )
        : this.upcoming(s).map((t) => new UpcomingTimeItem(s.scheduleId, t));
    }
    return [];
  }

  /** Future times still ahead (the list was read up to a refresh interval ago). */
  private upcoming(s: ScheduleSummary): string[] {
    const now = Date.now();
    return s.futureActionTimes.filter((t) => Date.parse(t) > now).slice(0, 10);
  }

  private async roots(): Promise<ScheduleNode[]> {
    const more = this.more;
    this.more = false;
    try {
      const items = await this.list.load(
        async (size, nextPageToken) => {
          const r = await this.ctx.request(protocol.listSchedules, {
            pageSize: size,
            nextPageToken,
          });
          return { items: r.schedules, nextPageToken: r.nextPageToken };
        },
        pageSize,
        more,
      );
      if (!items.length) return [new MessageItem('No schedules in this namespace.')];
      const nodes: ScheduleNode[] = items.map((s) => new ScheduleItem(s, this.ctx.readOnly));
      if (this.list.hasMore) nodes.push(new LoadMoreItem(loadMoreCommand, []));
      return nodes;
    } catch (err) {
      this.list.reset();
      return [new ErrorItem(err, refreshCommand)];
    }
  }
}
