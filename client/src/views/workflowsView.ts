// Workflows view: executions of the selected namespace by visibility query (one node per
// workflow id, paged), each -> its runs (when there are several) -> pending activities,
// children and History (paged events). Status counts go in the view description.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type {
  ExecutionSummary,
  HistoryEventView,
  PendingActivityView,
} from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import {
  CountedFolderItem,
  ErrorItem,
  LoadMoreItem,
  MessageItem,
  viewProgress,
} from './commonNodes';
import { eventArgumentText } from './eventPayloads';
import { customStatusRow, stateSignature, valueRows } from './instanceStateModel';
import { StateValueItem, ValuesFolderItem } from './instanceStateNodes';
import {
  ago,
  countsDescription,
  executionContext,
  lookOf,
  PagedList,
  ReadThenRedraw,
} from './treeModel';
import {
  childrenQuery,
  countsByStatus,
  describeFilter,
  executionDescription,
  executionTooltip,
  historyEventLook,
  isFiltered,
  newestRunPerWorkflow,
  visibilityQuery,
  type WorkflowFilter,
} from './workflowsModel';

const pageSize = 50;
const historyPageSize = 100;
const refreshCommand = 'temporal.workflows.refresh';
const loadMoreCommand = 'temporal.workflows.loadMore';

/** One execution (a workflow id's newest run, a run of the chain, or a child). */
export class ExecutionItem extends vscode.TreeItem {
  constructor(
    public execution: ExecutionSummary,
    readonly key: string,
    readonly isRun: boolean,
    private readonly readOnly: boolean,
  ) {
    super(
      isRun ? `Run ${execution.runId.slice(0, 8)}` : execution.workflowId,
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    this.id = key;
    this.show(execution);
  }

  /** Shows `execution` on this row (the poll updates a row in place rather than replacing it). */
  show(execution: ExecutionSummary): void {
    const { isRun, readOnly } = this;
    this.execution = execution;
    if (isRun) this.label = `Run ${execution.runId.slice(0, 8)}`;
    this.description = executionDescription(execution, Date.now(), !isRun);
    const look = lookOf(execution.status);
    const failing = execution.workflowTaskFailing;
    // A run whose workflow task keeps failing is not healthy, whatever its status says.
    this.iconPath = failing
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
    if (failing) this.description = `workflow task failing · ${this.description}`;
    this.contextValue = executionContext(execution.status, readOnly);
    this.tooltip = new vscode.MarkdownString(executionTooltip(execution).join('\n\n'), true);
    this.accessibilityInformation = {
      label: `${this.label} ${look.label} ${execution.workflowType}`,
    };
  }

  get workflowId(): string {
    return this.execution.workflowId;
  }

  get runId(): string {
    return this.execution.runId;
  }

  get workflowType(): string {
    return this.execution.workflowType;
  }
}

/** What an execution row shows, the failing workflow task's attempt and message aside. */
function rowSignature(e: ExecutionSummary): string {
  return JSON.stringify({ ...e, workflowTaskFailing: !!e.workflowTaskFailing });
}

interface DetailsRead {
  description: protocol.WorkflowDescription;
  children: ExecutionSummary[];
  signature: string;
}

export class HistoryFolderItem extends vscode.TreeItem {
  constructor(
    readonly execution: ExecutionSummary,
    readonly key: string,
    eventCount: number,
  ) {
    super('History', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = key;
    this.description = eventCount ? `${eventCount} events` : undefined;
    this.iconPath = new vscode.ThemeIcon('history');
    this.contextValue = 'history';
    this.tooltip =
      'Events of this run, oldest first. "Open Workflow History" shows all of them as JSON.';
    // A string tooltip would otherwise be what screen readers read.
    this.accessibilityInformation = {
      label: `History${eventCount ? `, ${eventCount} events` : ''}`,
    };
  }
}

export class HistoryEventItem extends vscode.TreeItem {
  constructor(
    readonly event: HistoryEventView,
    key: string,
  ) {
    super(`${event.eventId}  ${event.eventType}`, vscode.TreeItemCollapsibleState.None);
    this.id = key;
    const argument = eventArgumentText(event);
    this.description =
      [event.summary.slice(event.eventType.length).trim(), argument].filter(Boolean).join(' ') ||
      undefined;
    const look = historyEventLook(event.eventType);
    this.iconPath = new vscode.ThemeIcon(
      look.icon,
      look.color ? new vscode.ThemeColor(look.color) : undefined,
    );
    this.contextValue = 'historyEvent';
    this.tooltip = new vscode.MarkdownString(
      [
        `**${event.eventId} ${event.eventType}**`,
        event.eventTime ? `${event.eventTime} (${ago(event.eventTime)})` : '',
        this.description ? String(this.description) : '',
        event.failure ? `Failure: ${event.failure.message}` : '',
        'Click to open the event as JSON.',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    this.command = { command: 'temporal.openHistoryEvent', title: 'Open Event', arguments: [this] };
  }
}

export class ActivitiesFolderItem extends CountedFolderItem {
  constructor(
    readonly activities: PendingActivityView[],
    key: string,
  ) {
    super('Pending activities', key, activities.length, 'symbol-event', 'activities', true);
  }
}

export class ActivityItem extends vscode.TreeItem {
  constructor(
    readonly activity: PendingActivityView,
    readonly execution: ExecutionSummary,
    key: string,
  ) {
    super(activity.activityType, vscode.TreeItemCollapsibleState.None);
    this.id = key;
    const attempts = `attempt ${activity.attempt}${activity.maximumAttempts ? `/${activity.maximumAttempts}` : ''}`;
    this.description = [
      activity.state,
      attempts,
      activity.lastFailure ? 'retrying after failure' : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const failing = !!activity.lastFailure;
    this.iconPath = new vscode.ThemeIcon(
      failing ? 'warning' : 'loading~spin',
      failing ? new vscode.ThemeColor('charts.orange') : undefined,
    );
    this.contextValue = 'activity';
    this.tooltip = new vscode.MarkdownString(
      [
        `**${activity.activityType}** (id \`${activity.activityId}\`)`,
        `State: ${activity.state}, ${attempts}`,
        activity.scheduledTime ? `Scheduled ${ago(activity.scheduledTime)}` : '',
        activity.lastStartedTime ? `Last started ${ago(activity.lastStartedTime)}` : '',
        activity.lastHeartbeatTime ? `Last heartbeat ${ago(activity.lastHeartbeatTime)}` : '',
        activity.lastWorkerIdentity ? `Worker: \`${activity.lastWorkerIdentity}\`` : '',
        activity.lastFailure ? `Last failure: ${activity.lastFailure.message}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
  }
}

export class ChildrenFolderItem extends CountedFolderItem {
  constructor(
    readonly children: ExecutionSummary[],
    key: string,
  ) {
    super('Children', key, children.length, 'type-hierarchy-sub', 'children');
  }
}

export type WorkflowNode =
  | ExecutionItem
  | HistoryFolderItem
  | HistoryEventItem
  | ActivitiesFolderItem
  | ActivityItem
  | ChildrenFolderItem
  | StateValueItem
  | ValuesFolderItem
  | ErrorItem
  | LoadMoreItem
  | MessageItem;

export class WorkflowTreeProvider implements vscode.TreeDataProvider<WorkflowNode> {
  private readonly changed = new vscode.EventEmitter<WorkflowNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Set by Views once the tree view exists (for its description, message and reveal). */
  view?: vscode.TreeView<WorkflowNode>;

  private readonly root = new PagedList<ExecutionSummary>();
  private readonly runs = new Map<string, PagedList<ExecutionSummary>>();
  private readonly histories = new Map<
    string,
    { list: PagedList<HistoryEventView>; live: boolean }
  >();
  /** What the open details of running executions showed, to tell whether a poll found news. */
  private readonly openDetails = new Map<string, string>();
  /**
   * What an expanded execution's details read last. VS Code asks for an expanded row's children
   * again whenever the tree above it redraws, and the rows below are unknown to it (menus and
   * clicks on them lose their row) until the answer comes: answered from here, not the server.
   */
  private readonly detailsRead = new Map<string, DetailsRead>();
  private readonly nodes = new Map<string, WorkflowNode>();
  private readonly parents = new WeakMap<object, WorkflowNode | undefined>();
  private lastFullRefresh = 0;
  private polling = false;
  /** A refresh reads the first page before the tree redraws. */
  private readonly rootReader = new ReadThenRedraw({
    read: () => this.readFirstPage(),
    apply: ([page, counts]) => {
      this.root.accept(page, false);
      if (counts && this.view) this.view.description = this.countsText(counts);
    },
    redraw: () => this.changed.fire(undefined),
    progress: viewProgress('temporal.workflows'),
  });
  filter: WorkflowFilter;

  constructor(private readonly ctx: Ctx) {
    this.filter = ctx.memory.filter();
    ctx.extension.subscriptions.push(
      this.changed,
      ctx.onDidNeedReread(() => this.reset()),
    );
  }

  /**
   * New data for whatever is open; "Load more" pages stay loaded. The first page is read before
   * the tree redraws: from a redraw of the whole tree until it has the new rows, VS Code knows
   * none of them, and a menu entry taken on a row meanwhile reaches its command without the row
   * (which then asks for the workflow). Read first, that window is a message to the window and
   * back, not a server call.
   */
  refresh(): void {
    this.lastFullRefresh = Date.now();
    this.detailsRead.clear();
    for (const list of this.runs.values()) list.markStale();
    for (const h of this.histories.values()) if (h.live) h.list.markStale();
    if (!this.root.loaded) {
      this.changed.fire(undefined);
      return;
    }
    this.rootReader.start();
  }

  /** The first page (as many rows as are shown) and the counts by status, side by side. */
  private readFirstPage() {
    const query = visibilityQuery(this.filter);
    return Promise.all([
      this.listPage(this.root.reloadPageSize(pageSize)),
      this.ctx
        .request(protocol.countWorkflows, { query, groupByStatus: true })
        .catch(() => undefined),
    ]);
  }

  /**
   * The interval refresh: reads what is open and redraws only what changed (a redraw under the
   * user's pointer loses hover, menus and selection). Relative times are redrawn every 30 s.
   */
  async poll(): Promise<void> {
    if (this.polling || !this.ctx.running || !this.ctx.status.profileId || !this.root.loaded)
      return;
    // Relative times ("2m ago") are redrawn row by row: a full refresh would replace the rows,
    // closing a context menu open on one and losing the row a menu command is about.
    if (Date.now() - this.lastFullRefresh > 30_000) this.redrawTimes();
    this.polling = true;
    try {
      const [page, counts] = await this.readFirstPage();
      if (counts && this.view) this.view.description = this.countsText(counts);
      if (!this.updateRowsInPlace(page)) {
        // The tree redraws from the page just read (no second read while its rows are unknown
        // to VS Code); what is expanded below keeps what it read.
        this.root.accept(page, false);
        this.lastFullRefresh = Date.now();
        this.changed.fire(undefined);
        return;
      }
      for (const [key, before] of this.openDetails) {
        const node = this.nodes.get(key);
        if (!(node instanceof ExecutionItem)) continue;
        const after = await this.detailsSignature(node).catch(() => before);
        if (after !== before) {
          this.openDetails.delete(key);
          this.detailsRead.delete(key);
          const h = this.histories.get(`${key}/history`);
          h?.list.markStale();
          this.changed.fire(node);
        }
      }
    } catch {
      // The next full refresh shows the failure in place.
    } finally {
      this.polling = false;
    }
  }

  /**
   * When the first page lists the same workflows in the same order, the rows whose execution
   * changed (status, attempt, close time) are updated in place and only they are redrawn; the
   * rest of the tree keeps its rows, and with them the user's pointer, hover and menu. Returns
   * false when the list itself changed (a full refresh is needed).
   */
  private updateRowsInPlace(page: { items: ExecutionSummary[]; nextPageToken?: string }): boolean {
    if (!!page.nextPageToken !== this.root.hasMore) return false;
    const before = newestRunPerWorkflow(this.root.items, new Set());
    const after = newestRunPerWorkflow(page.items, new Set());
    if (before.map((e) => e.workflowId).join('\n') !== after.map((e) => e.workflowId).join('\n'))
      return false;
    this.root.accept(page, false);
    after.forEach((execution, i) => {
      if (JSON.stringify(execution) === JSON.stringify(before[i])) return;
      const key = `wf/${execution.workflowId}`;
      const node = this.nodes.get(key);
      if (!(node instanceof ExecutionItem)) return;
      // A failing workflow task's next attempt changes only the tooltip: the row is not redrawn
      // under a pointer reading it; the tooltip catches up with the next redraw (30 s at most).
      if (rowSignature(execution) === rowSignature(before[i])) {
        node.execution = execution;
        return;
      }
      // What hangs below the row is read afresh when it is next shown.
      this.runs.get(key)?.markStale();
      this.histories.get(`${key}/history`)?.list.markStale();
      this.openDetails.delete(key);
      this.detailsRead.delete(key);
      node.show(execution);
      this.changed.fire(node);
    });
    return true;
  }

  private redrawTimes(): void {
    this.lastFullRefresh = Date.now();
    for (const node of this.nodes.values()) {
      if (!(node instanceof ExecutionItem)) continue;
      const before = node.description;
      node.show(node.execution);
      // Rows whose text stays ("3h ago") are not redrawn under the pointer.
      if (node.description !== before) this.changed.fire(node);
    }
  }

  /** A collapsed node is not polled, and reads afresh when expanded again. */
  collapsed(node: WorkflowNode): void {
    if (node instanceof ExecutionItem) {
      this.openDetails.delete(node.key);
      this.detailsRead.delete(node.key);
    }
    if (node instanceof HistoryFolderItem) this.histories.get(node.key)?.list.markStale();
    const runs = node instanceof ExecutionItem ? this.runs.get(node.key) : undefined;
    runs?.markStale();
    if (node instanceof ExecutionItem || node instanceof HistoryFolderItem) this.changed.fire(node);
  }

  private countsText(counts: protocol.CountWorkflowsResult): string {
    return (
      countsDescription(countsByStatus(counts.groups)) || (counts.count ? `${counts.count}` : '')
    );
  }

  /** Another target or filter: start over. */
  reset(): void {
    this.rootReader.reset();
    this.root.reset();
    this.runs.clear();
    this.histories.clear();
    this.openDetails.clear();
    this.detailsRead.clear();
    this.nodes.clear();
    this.lastFullRefresh = Date.now();
    this.changed.fire(undefined);
  }

  async setFilter(filter: WorkflowFilter): Promise<void> {
    this.filter = filter;
    await this.ctx.memory.setFilter(filter);
    void vscode.commands.executeCommand(
      'setContext',
      'temporal.workflows.filtered',
      isFiltered(filter),
    );
    this.reset();
  }

  /** The "Load more" row of a list (`root`, a history or runs key). */
  async loadMore(key: string): Promise<void> {
    if (key === 'root') {
      await this.root.load((size, token) => this.listPage(size, token), pageSize, true);
      this.changed.fire(undefined);
      return;
    }
    const history = this.histories.get(key);
    if (history)
      await history.list.load(
        (size, token) => this.historyPage(this.historyOwner(key), size, token),
        historyPageSize,
        true,
      );
    const runs = this.runs.get(key);
    if (runs) await runs.load((size, token) => this.runsPage(key, size, token), pageSize, true);
    this.changed.fire(this.nodes.get(key));
  }

  /** Shows and selects an execution once the next load lists it (after a start). */
  async reveal(workflowId: string, timeoutMs = 5000): Promise<void> {
    this.refresh();
    // A row the user selects meanwhile wins: selecting the new run later would take their
    // selection away from under the next command they run on it.
    let userSelected = false;
    const watch = this.view?.onDidChangeSelection(() => (userSelected = true));
    try {
      await this.revealOnceListed(workflowId, timeoutMs, () => userSelected);
    } finally {
      watch?.dispose();
    }
  }

  private async revealOnceListed(
    workflowId: string,
    timeoutMs: number,
    userSelected: () => boolean,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !userSelected()) {
      const node = this.nodes.get(`wf/${workflowId}`);
      if (node && this.view) {
        await this.view.reveal(node, { select: true, focus: false, expand: false });
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
      if (!this.root.needsLoad && !this.rootReader.busy && !this.nodes.has(`wf/${workflowId}`))
        this.refresh();
    }
  }

  getTreeItem(node: WorkflowNode): vscode.TreeItem {
    return node;
  }

  getParent(node: WorkflowNode): WorkflowNode | undefined {
    return this.parents.get(node);
  }

  async getChildren(node?: WorkflowNode): Promise<WorkflowNode[]> {
    if (!this.ctx.running || !this.ctx.status.profileId) return [];
    try {
      const children = await this.childrenOf(node);
      for (const c of children) {
        this.parents.set(c, node);
        if (c.id) this.nodes.set(c.id, c);
      }
      return children;
    } catch (err) {
      if (!node && this.view) this.view.description = undefined;
      return [new ErrorItem(err, refreshCommand)];
    }
  }

  private async childrenOf(node?: WorkflowNode): Promise<WorkflowNode[]> {
    if (!node) return this.rootChildren();
    if (node instanceof ExecutionItem)
      return node.isRun ? this.details(node) : this.runsOrDetails(node);
    if (node instanceof HistoryFolderItem) return this.historyChildren(node);
    if (node instanceof ActivitiesFolderItem) {
      return node.activities.map(
        (a) => new ActivityItem(a, this.ownerOf(node), `${node.key}/${a.activityId}`),
      );
    }
    if (node instanceof ValuesFolderItem) return node.children();
    if (node instanceof ChildrenFolderItem) {
      return node.children.map(
        (c) =>
          new ExecutionItem(c, `${node.key}/${c.workflowId}/${c.runId}`, false, this.ctx.readOnly),
      );
    }
    return [];
  }

  private ownerOf(node: WorkflowNode): ExecutionSummary {
    const parent = this.parents.get(node);
    return parent instanceof ExecutionItem ? parent.execution : ({} as ExecutionSummary);
  }

  private async listPage(size: number, nextPageToken?: string) {
    const r = await this.ctx.request(protocol.listWorkflows, {
      query: visibilityQuery(this.filter),
      pageSize: size,
      nextPageToken,
      checkWorkflowTasks: true,
    });
    return { items: r.executions, nextPageToken: r.nextPageToken };
  }

  private async rootChildren(): Promise<WorkflowNode[]> {
    this.rootReader.throwFailure();
    const query = visibilityQuery(this.filter);
    const counting = this.root.needsLoad
      ? this.ctx
          .request(protocol.countWorkflows, { query, groupByStatus: true })
          .catch(() => undefined)
      : undefined;
    await this.root.load((size, token) => this.listPage(size, token), pageSize);
    const counts = await counting;
    if (this.view) {
      if (counts) this.view.description = this.countsText(counts);
      this.view.message = isFiltered(this.filter)
        ? `Filter: ${describeFilter(this.filter)}`
        : undefined;
    }
    if (!isFiltered(this.filter))
      this.ctx.memory.serverTaskQueues = [...new Set(this.root.items.map((e) => e.taskQueue))];
    const items: WorkflowNode[] = newestRunPerWorkflow(this.root.items, new Set()).map(
      (e) => new ExecutionItem(e, `wf/${e.workflowId}`, false, this.ctx.readOnly),
    );
    if (!items.length) {
      return [
        new MessageItem(
          isFiltered(this.filter)
            ? 'No executions match the filter.'
            : `No executions in ${this.ctx.status.namespace}.`,
        ),
      ];
    }
    if (this.root.hasMore) items.push(new LoadMoreItem(loadMoreCommand, ['root']));
    return items;
  }

  private async runsPage(key: string, size: number, nextPageToken?: string) {
    const node = this.nodes.get(key);
    const workflowId = node instanceof ExecutionItem ? node.workflowId : '';
    const r = await this.ctx.request(protocol.listWorkflowRuns, {
      workflowId,
      pageSize: size,
      nextPageToken,
    });
    return { items: r.executions, nextPageToken: r.nextPageToken };
  }

  private async runsOrDetails(node: ExecutionItem): Promise<WorkflowNode[]> {
    let list = this.runs.get(node.key);
    if (!list) this.runs.set(node.key, (list = new PagedList()));
    await list.load((size, token) => this.runsPage(node.key, size, token), pageSize);
    if (list.items.length <= 1 && !list.hasMore) return this.details(node);
    const items: WorkflowNode[] = list.items.map(
      (r) => new ExecutionItem(r, `${node.key}/run/${r.runId}`, true, this.ctx.readOnly),
    );
    if (list.hasMore) items.push(new LoadMoreItem(loadMoreCommand, [node.key]));
    return items;
  }

  private async readDetails(node: ExecutionItem): Promise<DetailsRead> {
    const ref = { workflowId: node.workflowId, runId: node.runId };
    const [description, children] = await Promise.all([
      this.ctx.request(protocol.describeWorkflow, ref),
      this.ctx
        .request(protocol.listWorkflows, {
          query: childrenQuery(node.workflowId, node.runId),
          pageSize: 100,
        })
        .then((r) => r.executions)
        .catch(() => [] as ExecutionSummary[]),
    ]);
    const signature = JSON.stringify([
      description.status,
      description.historyLength,
      description.pendingActivities,
      description.pendingChildren,
      children,
      stateSignature(description),
    ]);
    return { description, children, signature };
  }

  private async detailsSignature(node: ExecutionItem): Promise<string> {
    return (await this.readDetails(node)).signature;
  }

  /** Pending activities, children and history of one run. */
  private async details(node: ExecutionItem): Promise<WorkflowNode[]> {
    let read = this.detailsRead.get(node.key);
    if (!read) this.detailsRead.set(node.key, (read = await this.readDetails(node)));
    const { description, signature } = read;
    const children = [...read.children];
    // Open details of running executions are polled for news.
    if (description.status === 'Running' || description.status === 'Paused')
      this.openDetails.set(node.key, signature);
    else this.openDetails.delete(node.key);
    // Visibility lags: children the server just started may only be in the description.
    for (const c of description.pendingChildren) {
      if (children.some((x) => x.workflowId === c.workflowId && x.runId === c.runId)) continue;
      children.push({
        workflowId: c.workflowId,
        runId: c.runId,
        workflowType: c.workflowType,
        status: 'Running',
        taskQueue: '',
        historyLength: 0,
        searchAttributes: {},
      });
    }
    const out: WorkflowNode[] = [];
    // duroxide: the custom status and key-value store the orchestration set.
    const status = customStatusRow(description);
    if (status) out.push(new StateValueItem(status, `${node.key}/customStatus`, 'comment'));
    const values = valueRows(description);
    if (values.length) out.push(new ValuesFolderItem(values, `${node.key}/values`));
    if (description.pendingActivities.length)
      out.push(new ActivitiesFolderItem(description.pendingActivities, `${node.key}/activities`));
    if (children.length) out.push(new ChildrenFolderItem(children, `${node.key}/children`));
    const history = new HistoryFolderItem(
      { ...node.execution, status: description.status },
      `${node.key}/history`,
      description.historyLength,
    );
    const h = this.histories.get(history.key);
    const live = description.status === 'Running' || description.status === 'Paused';
    if (h) {
      // Closed since the last look: read the rest once more.
      if (h.live) h.list.markStale();
      h.live = live;
    } else this.histories.set(history.key, { list: new PagedList(), live });
    out.push(history);
    return out;
  }

  private historyOwner(key: string): ExecutionSummary {
    const node = this.nodes.get(key);
    return node instanceof HistoryFolderItem ? node.execution : ({} as ExecutionSummary);
  }

  private async historyPage(e: ExecutionSummary, size: number, nextPageToken?: string) {
    const r = await this.ctx.request(protocol.getWorkflowHistory, {
      workflowId: e.workflowId,
      runId: e.runId,
      pageSize: size,
      nextPageToken,
    });
    return { items: r.events, nextPageToken: r.nextPageToken };
  }

  private async historyChildren(node: HistoryFolderItem): Promise<WorkflowNode[]> {
    let h = this.histories.get(node.key);
    if (!h) this.histories.set(node.key, (h = { list: new PagedList(), live: false }));
    await h.list.load(
      (size, token) => this.historyPage(node.execution, size, token),
      historyPageSize,
    );
    const items: WorkflowNode[] = h.list.items.map(
      (e) => new HistoryEventItem(e, `${node.key}/${e.eventId}`),
    );
    if (h.list.hasMore) items.push(new LoadMoreItem(loadMoreCommand, [node.key]));
    return items;
  }
}
