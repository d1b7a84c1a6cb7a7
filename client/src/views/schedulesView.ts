// Schedules view: the namespace's schedules (paged), each with its state icon, spec summary and
// next run; children are its recent actions (click = describe that run) and upcoming times.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { ScheduleActionResultView, ScheduleSummary } from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { ErrorItem, LoadMoreItem, MessageItem, viewProgress } from './commonNodes';
import {
  changedSchedules,
  recentActionsNewestFirst,
  scheduleContext,
  scheduleDescription,
  scheduleLooks,
  scheduleRedraw,
  scheduleTooltip,
  untilText,
  upcomingTimes,
} from './schedulesModel';
import { ago, lookOf, PagedList, ReadThenRedraw } from './treeModel';

const pageSize = 50;
const refreshCommand = 'temporal.schedules.refresh';
const loadMoreCommand = 'temporal.schedules.loadMore';

export class ScheduleItem extends vscode.TreeItem {
  recent!: ScheduleGroupItem;
  upcoming!: ScheduleGroupItem;
  /** When the recent actions were last redrawn (their relative times). */
  private recentDrawnAt = 0;
  /** The upcoming times the folder counts, so its rows are the ones counted. */
  upcomingTimes: string[] = [];
  constructor(
    public schedule: ScheduleSummary,
    readOnly: boolean,
  ) {
    super(schedule.scheduleId, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `schedule/${schedule.scheduleId}`;
    this.update(schedule, readOnly);
  }

  /**
   * Takes a newer summary in place: the view keeps one object per schedule so an interval
   * refresh redraws just what changed (scheduleRedraw). Returns the nodes to redraw.
   */
  update(schedule: ScheduleSummary, readOnly: boolean, now = Date.now()): ScheduleNode[] {
    const before = this.schedule && scheduleLooks(this.schedule, readOnly, now);
    const [recent, upcoming] = [this.recent, this.upcoming];
    this.schedule = schedule;
    this.description = scheduleDescription(schedule, now);
    this.iconPath = schedule.paused
      ? new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow'))
      : new vscode.ThemeIcon('calendar', new vscode.ThemeColor('charts.green'));
    this.contextValue = scheduleContext(schedule.paused, readOnly);
    this.tooltip = new vscode.MarkdownString(scheduleTooltip(schedule).join('\n\n'));
    this.accessibilityInformation = {
      label: `${schedule.scheduleId} ${schedule.paused ? 'paused' : 'active'} ${this.description}`,
    };
    this.recent = ScheduleGroupItem.of(this.recent, this, 'recent', schedule.recentActions.length);
    this.upcomingTimes = upcomingTimes(schedule, now);
    this.upcoming = ScheduleGroupItem.of(
      this.upcoming,
      this,
      'upcoming',
      this.upcomingTimes.length,
      schedule.paused,
    );
    // A folder that came or went (a new id) is reached only through a redraw of its row.
    const redraw =
      before && this.recent === recent && this.upcoming === upcoming
        ? scheduleRedraw(before, scheduleLooks(schedule, readOnly, now))
        : 'row';
    if (redraw === 'row') {
      this.recentDrawnAt = now;
      return [this];
    }
    // Relative times ("5s ago") of the recent actions: every 30 s at most.
    if (
      !redraw.includes('recent') &&
      schedule.recentActions.length &&
      now - this.recentDrawnAt >= 30_000
    )
      redraw.push('recent');
    if (redraw.includes('recent')) this.recentDrawnAt = now;
    return redraw.map((folder) => this[folder]);
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
  private constructor(
    readonly parent: ScheduleItem,
    readonly kind: 'recent' | 'upcoming',
    readonly empty: boolean,
  ) {
    super(
      kind === 'recent' ? 'Recent actions' : 'Upcoming',
      empty ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded,
    );
    // The tree keeps an id's first expansion state: a folder that gets its first children is a
    // new element (so it opens), while one that only changes keeps what the user chose.
    this.id = `schedule/${parent.scheduleId}/${kind}${empty ? '/empty' : ''}`;
    this.iconPath = new vscode.ThemeIcon(kind === 'recent' ? 'history' : 'watch');
    this.contextValue = `scheduleGroup.${kind}`;
  }

  /** `current` updated in place, or a new folder when it gets its first children or loses all. */
  static of(
    current: ScheduleGroupItem | undefined,
    parent: ScheduleItem,
    kind: 'recent' | 'upcoming',
    count: number,
    paused = false,
  ): ScheduleGroupItem {
    const group =
      current && current.empty === !count ? current : new ScheduleGroupItem(parent, kind, !count);
    // A paused schedule's spec still matches these times; it just takes no action then.
    group.description = `${count || 'none'}${paused && kind === 'upcoming' ? ' · not taken while paused' : ''}`;
    return group;
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
  /** One row object per schedule id, kept across reads so a row can be redrawn alone. */
  private readonly rows = new Map<string, ScheduleItem>();
  private more = false;
  private polling = false;
  /** A full read is under way (the interval refresh does not pile more on a slow server). */
  private reading = false;
  /** A refresh reads the schedules before the tree redraws. */
  private readonly reader = new ReadThenRedraw({
    read: () => this.fetch(this.list.reloadPageSize(pageSize)),
    apply: (page) => this.list.accept(page, false),
    redraw: () => this.changed.fire(undefined),
    progress: viewProgress('temporal.schedules'),
  });

  constructor(private readonly ctx: Ctx) {
    ctx.extension.subscriptions.push(
      this.changed,
      ctx.onDidNeedReread(() => {
        this.reader.reset();
        this.list.reset();
        this.rows.clear();
        this.changed.fire(undefined);
      }),
    );
  }

  /** New data; "Load more" pages stay loaded. Read before the redraw (see ReadThenRedraw). */
  refresh(): void {
    if (this.list.loaded) return this.reader.start();
    // Nothing shown yet, or a failure: the redraw reads.
    this.changed.fire(undefined);
  }

  /**
   * The interval refresh: rereads the shown pages and redraws only the schedules whose rows
   * changed (next-run texts move on); the whole list only when schedules came, went or moved.
   */
  async poll(): Promise<void> {
    if (this.polling || this.reading || this.reader.busy) return;
    if (!this.ctx.running || !this.ctx.status.profileId) return;
    // Not loaded (showing a failure): a full read again.
    if (!this.list.loaded) return this.refresh();
    this.polling = true;
    try {
      const before = this.list.items;
      const hadMore = this.list.hasMore;
      const page = await this.fetch(this.list.reloadPageSize(pageSize));
      this.list.accept(page, false);
      const changed = changedSchedules(before, page.items);
      if (changed === 'rows' || hadMore !== this.list.hasMore) {
        this.changed.fire(undefined);
        return;
      }
      for (const s of page.items) {
        const row = this.rows.get(s.scheduleId);
        if (!row) this.changed.fire(undefined);
        else for (const node of row.update(s, this.ctx.readOnly)) this.changed.fire(node);
      }
    } catch {
      // A full read shows the failure in place, with Retry.
      this.refresh();
    } finally {
      this.polling = false;
    }
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
    if (node instanceof ScheduleItem) return [node.recent, node.upcoming];
    if (node instanceof ScheduleGroupItem) {
      const s = node.parent.schedule;
      return node.kind === 'recent'
        ? recentActionsNewestFirst(s.recentActions).map(
            (a) => new ScheduleActionItem(s.scheduleId, a),
          )
        : node.parent.upcomingTimes.map((t) => new UpcomingTimeItem(s.scheduleId, t));
    }
    return [];
  }

  private async fetch(
    size: number,
    nextPageToken?: string,
  ): Promise<{ items: ScheduleSummary[]; nextPageToken?: string }> {
    const r = await this.ctx.request(protocol.listSchedules, { pageSize: size, nextPageToken });
    return { items: r.schedules, nextPageToken: r.nextPageToken };
  }

  private async roots(): Promise<ScheduleNode[]> {
    const more = this.more;
    this.more = false;
    this.reading = true;
    try {
      this.reader.throwFailure();
      const items = await this.list.load((size, token) => this.fetch(size, token), pageSize, more);
      if (!items.length) return [new MessageItem('No schedules in this namespace.')];
      const rows = new Map<string, ScheduleItem>();
      for (const s of items) {
        const row = this.rows.get(s.scheduleId);
        if (row) row.update(s, this.ctx.readOnly);
        rows.set(s.scheduleId, row ?? new ScheduleItem(s, this.ctx.readOnly));
      }
      this.rows.clear();
      for (const [id, row] of rows) this.rows.set(id, row);
      const nodes: ScheduleNode[] = [...rows.values()];
      if (this.list.hasMore) nodes.push(new LoadMoreItem(loadMoreCommand, []));
      return nodes;
    } catch (err) {
      this.list.reset();
      this.rows.clear();
      return [new ErrorItem(err, refreshCommand)];
    } finally {
      this.reading = false;
    }
  }
}
