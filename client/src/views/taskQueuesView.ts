// Task Queues view: the queues known from the workspace (worker registrations in the lenses),
// the server (queues of recent executions), and the user (typed in a start, or added), each
// with the server's pollers (last access) and backlog.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { PollerView, TaskQueueDescription } from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { ErrorItem, MessageItem, viewProgress } from './commonNodes';
import { ago, ReadThenRedraw } from './treeModel';
import { mergeTaskQueues, taskQueueDescription, type TaskQueueSource } from './workflowsModel';

const sourceLabels: Record<TaskQueueSource, string> = {
  workspace: 'worker in the workspace',
  used: 'used to start workflows',
  server: 'seen in recent executions',
  added: 'added by you',
};

export class TaskQueueItem extends vscode.TreeItem {
  constructor(
    readonly name: string,
    readonly sources: TaskQueueSource[],
    readonly description_?: TaskQueueDescription,
    error?: unknown,
  ) {
    super(name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `tq/${name}`;
    const pollers = description_
      ? description_.workflow.pollers.length + description_.activity.pollers.length
      : 0;
    this.description = description_
      ? taskQueueDescription(description_)
      : error
        ? 'unavailable'
        : '';
    this.iconPath = new vscode.ThemeIcon(
      pollers ? 'server-process' : 'warning',
      pollers
        ? new vscode.ThemeColor('testing.iconPassed')
        : new vscode.ThemeColor('charts.yellow'),
    );
    this.contextValue = `taskQueue${sources.includes('added') ? '.added' : ''}`;
    const backlog = (v?: { backlog?: { count: number; ageSeconds: number } }) =>
      v?.backlog
        ? `${v.backlog.count} tasks${v.backlog.count ? `, oldest ${Math.round(v.backlog.ageSeconds)}s` : ''}`
        : 'not reported';
    this.tooltip = new vscode.MarkdownString(
      [
        `**${name}**`,
        `Known as: ${sources.map((s) => sourceLabels[s]).join(', ')}`,
        description_
          ? `Workflow pollers: ${description_.workflow.pollers.length} · backlog ${backlog(description_.workflow)}`
          : '',
        description_
          ? `Activity pollers: ${description_.activity.pollers.length} · backlog ${backlog(description_.activity)}`
          : '',
        pollers || !description_
          ? ''
          : '$(warning) No worker polls this queue: workflows started on it wait.',
      ]
        .filter(Boolean)
        .join('\n\n'),
      true,
    );
  }
}

export class PollerItem extends vscode.TreeItem {
  constructor(
    queue: string,
    identity: string,
    kinds: { kind: 'workflow' | 'activity'; poller: PollerView }[],
  ) {
    super(identity, vscode.TreeItemCollapsibleState.None);
    this.id = `tq/${queue}/${identity}`;
    const last = kinds
      .map((k) => k.poller.lastAccessTime)
      .filter((t): t is string => !!t)
      .sort()
      .pop();
    this.description = [kinds.map((k) => k.kind).join(' + '), last ? `polled ${ago(last)}` : '']
      .filter(Boolean)
      .join(' · ');
    this.iconPath = new vscode.ThemeIcon('vm-running');
    this.contextValue = 'poller';
    this.accessibilityInformation = { label: `${identity}, ${this.description}` };
    this.tooltip = [
      identity,
      ...kinds.map(
        (k) =>
          `${k.kind}: last access ${k.poller.lastAccessTime ?? 'unknown'}${k.poller.ratePerSecond ? `, ${k.poller.ratePerSecond}/s` : ''}`,
      ),
    ].join('\n');
  }
}

type Node = TaskQueueItem | PollerItem | ErrorItem | MessageItem;

interface Row {
  name: string;
  sources: TaskQueueSource[];
  d?: TaskQueueDescription;
  err?: unknown;
}

/** What a redraw would change: names, sources, poller identities and backlog counts. */
function signature(rows: Row[]): string {
  return JSON.stringify(
    rows.map((r) => [
      r.name,
      r.sources,
      !!r.err,
      r.d &&
        [r.d.workflow, r.d.activity].map((v) => [
          v.pollers.map((p) => p.identity).sort(),
          v.backlog?.count,
        ]),
    ]),
  );
}

export class TaskQueueTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.extension.subscriptions.push(
      this.changed,
      ctx.onDidNeedReread(() => this.reset()),
      ctx.onDidLearnLenses(() => this.refresh()),
    );
  }

  /** Rows read by the last poll or refresh, handed to the redraw it causes (no second read). */
  private polled?: Row[];
  /** What the rows drawn last show; undefined until rows are drawn (or after a failure). */
  private shown?: string;
  private lastFullRefresh = 0;
  /** A refresh reads the rows before the tree redraws. */
  private readonly reader = new ReadThenRedraw({
    read: () => this.readRows(),
    apply: (rows) => (this.polled = rows),
    redraw: () => this.changed.fire(undefined),
    progress: viewProgress('temporal.taskQueues'),
  });

  /** New rows, read before the redraw (see ReadThenRedraw). */
  refresh(): void {
    this.lastFullRefresh = Date.now();
    if (this.shown !== undefined) return this.reader.start();
    // Nothing drawn yet, or a failure: the redraw reads.
    this.polled = undefined;
    this.changed.fire(undefined);
  }

  /** Another target: the rows shown belong to the old one. */
  private reset(): void {
    this.reader.reset();
    this.polled = undefined;
    this.shown = undefined;
    this.lastFullRefresh = Date.now();
    this.changed.fire(undefined);
  }

  /** The interval refresh: redraws only when queues, pollers or backlogs changed (or after 30 s). */
  async poll(): Promise<void> {
    if (!this.ctx.running || !this.ctx.status.profileId || this.reader.busy) return;
    if (Date.now() - this.lastFullRefresh > 30_000) return this.refresh();
    try {
      const rows = await this.readRows();
      if (signature(rows) !== this.shown) {
        this.polled = rows;
        this.changed.fire(undefined);
      }
    } catch {
      // The next full refresh shows the failure in place.
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  /** Every queue name known, with where it came from. */
  known(): { name: string; sources: TaskQueueSource[] }[] {
    return mergeTaskQueues({
      workspace: [...new Set([...this.ctx.lenses.taskQueues(), ...this.workspaceQueues])],
      added: this.ctx.memory.addedTaskQueues(),
      used: this.ctx.memory.usedTaskQueues(),
      server: this.ctx.memory.serverTaskQueues,
    });
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!this.ctx.running || !this.ctx.status.profileId) return [];
    try {
      if (!node) return await this.rootChildren();
      if (node instanceof TaskQueueItem) return this.pollers(node);
    } catch (err) {
      if (!node) this.shown = undefined;
      return [new ErrorItem(err, 'temporal.taskQueues.refresh')];
    }
    return [];
  }

  /** Task queues of worker registrations in the workspace, from the server's source index. */
  private workspaceQueues: string[] = [];

  private async readRows(): Promise<Row[]> {
    const { workers } = await this.ctx.request(protocol.listWorkspaceWorkers, {});
    this.workspaceQueues = workers.flatMap((w) => (w.taskQueue ? [w.taskQueue] : []));
    // Queues of recent executions: the server's own knowledge of which queues are in use.
    const recent = await this.ctx.request(protocol.listWorkflows, { pageSize: 100 });
    this.ctx.memory.serverTaskQueues = [
      ...new Set([
        ...this.ctx.memory.serverTaskQueues,
        ...recent.executions.map((e) => e.taskQueue),
      ]),
    ];
    const queues = this.known().slice(0, 50);
    const described = await Promise.all(
      queues.map((q) =>
        this.ctx.request(protocol.describeTaskQueue, { taskQueue: q.name }).then(
          (d) => ({ d, err: undefined as unknown }),
          (err: unknown) => ({ d: undefined, err }),
        ),
      ),
    );
    // One unreachable server fails every describe: show that once, with Retry.
    if (described.length && described.every((x) => x.err)) throw described[0].err;
    return queues.map((q, i) => ({ ...q, ...described[i] }));
  }

  private async rootChildren(): Promise<Node[]> {
    this.reader.throwFailure();
    const rows = this.polled ?? (await this.readRows());
    this.polled = undefined;
    this.shown = signature(rows);
    if (!rows.length)
      return [new MessageItem('No task queues known yet: open a worker file or add one.')];
    return rows.map((r) => new TaskQueueItem(r.name, r.sources, r.d, r.err));
  }

  private pollers(node: TaskQueueItem): Node[] {
    const d = node.description_;
    if (!d) return [new MessageItem('The server did not describe this queue.', 'warning')];
    const byIdentity = new Map<string, { kind: 'workflow' | 'activity'; poller: PollerView }[]>();
    for (const kind of ['workflow', 'activity'] as const) {
      for (const poller of d[kind].pollers)
        byIdentity.set(poller.identity, [
          ...(byIdentity.get(poller.identity) ?? []),
          { kind, poller },
        ]);
    }
    if (!byIdentity.size)
      return [new MessageItem('No pollers: no worker is polling this queue.', 'warning')];
    return [...byIdentity].map(([identity, kinds]) => new PollerItem(node.name, identity, kinds));
  }
}
