// One webview panel per execution (or per history file). The panel pages the history through
// the language server, follows a running execution with long polls, and answers the webview's
// requests (open source, resolve frames, export). Events are kept here, so a webview that was
// hidden and re-created gets everything back without asking the server again.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import {
  eventRow,
  historyJson,
  type ExecutionViewSource,
  type FromExecutionWebview,
  type ToExecutionWebview,
} from '../../../shared/src/executionView';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { goToSource } from '../sourceLocations';
import { compareWith } from './compareRuns';
import { webviewHtml } from './webviewHtml';

const VIEW_TYPE = 'temporal.executionView';
/** Live state (describe, pollers, stack trace) is read at most this often while following. */
const LIVE_STATE_INTERVAL_MS = 3_000;

export class ExecutionPanel {
  private static readonly open = new Map<string, ExecutionPanel>();

  private readonly viewId = randomUUID();
  private events: protocol.HistoryEventView[] = [];
  /** Index into `events` by event id, for the details the webview asks for. */
  private readonly indexOfEvent = new Map<number, number>();
  private model: protocol.ExecutionModel | undefined;
  private following = false;
  private disposed = false;
  private readonly stop = new vscode.CancellationTokenSource();
  private lastLiveState = 0;
  private progress: ToExecutionWebview | undefined;

  /** Opens (or reveals) the view of one execution. */
  static showExecution(ctx: Ctx, ref: { workflowId: string; runId?: string }): ExecutionPanel {
    const key = `${ref.workflowId}/${ref.runId ?? ''}`;
    const existing = ExecutionPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = new ExecutionPanel(
      ctx,
      key,
      { kind: 'server', ...ref },
      `Execution ${ref.workflowId}`,
    );
    void panel.load();
    return panel;
  }

  /** Opens a history file (as `temporal workflow show --output json` writes it). */
  static showFile(ctx: Ctx, uri: vscode.Uri, text: string): ExecutionPanel {
    const name = uri.path.split('/').pop() ?? uri.toString();
    const panel = new ExecutionPanel(
      ctx,
      `file:${uri.toString()}:${randomUUID()}`,
      { kind: 'file', fileName: name },
      `History ${name}`,
    );
    void panel.importFile(text, name);
    return panel;
  }

  private readonly panel: vscode.WebviewPanel;

  // ---- debug replay position (issue 15)
  private replayPosition: number | undefined;

  /** The open views of an execution (any run when `runId` is not known). */
  static viewsOf(workflowId: string, runId?: string): ExecutionPanel[] {
    return [...ExecutionPanel.open.values()].filter(
      (p) =>
        p.source.kind === 'server' &&
        p.source.workflowId === workflowId &&
        (!runId || !p.model || p.model.header.runId === runId),
    );
  }

  /** Highlights the event a debug replay is at (undefined clears it). */
  showReplayPosition(eventId: number | undefined): void {
    this.replayPosition = eventId;
    // The tab says it too: the view may be in another group than the debugged code.
    this.panel.title =
      eventId === undefined ? this.title : `${this.title} · replaying event ${eventId}`;
    this.post({ type: 'replayPosition', eventId });
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly key: string,
    private readonly source: ExecutionViewSource,
    private readonly title: string,
  ) {
    const root = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webview');
    // No retainContextWhenHidden: the webview keeps its UI state with setState and gets its
    // data back from this panel, which costs far less memory than a hidden live page.
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [root],
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, root, 'executionView', title, [
      `img-src ${this.panel.webview.cspSource}`,
    ]);
    ExecutionPanel.open.set(key, this);
    this.panel.onDidDispose(() => this.dispose());
    this.panel.webview.onDidReceiveMessage((m: FromExecutionWebview) => void this.onMessage(m));
  }

  private post(message: ToExecutionWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async onMessage(m: FromExecutionWebview): Promise<void> {
    try {
      switch (m.type) {
        case 'ready':
          this.post({
            type: 'reset',
            title: this.title,
            source: this.source,
            events: this.events.map(eventRow),
            model: this.model,
          });
          if (this.progress) this.post(this.progress);
          this.post({ type: 'following', following: this.following });
          if (this.model?.header.status === 'Running' && !this.model.partial)
            void this.refreshLiveState(true);
          if (this.replayPosition !== undefined)
            this.post({ type: 'replayPosition', eventId: this.replayPosition });
          return;
        case 'openSource':
          // Beside the view, so the view stays in sight.
          return await goToSource(this.ctx, m.target.kind, m.target.name, vscode.ViewColumn.Beside);
        case 'openFrame':
          if (m.frame.uri === undefined) return;
          await vscode.window.showTextDocument(vscode.Uri.parse(m.frame.uri), {
            selection: new vscode.Range(
              m.frame.line ?? 0,
              m.frame.character ?? 0,
              m.frame.line ?? 0,
              m.frame.character ?? 0,
            ),
            viewColumn: vscode.ViewColumn.Beside,
          });
          return;
        case 'eventDetails': {
          const events = m.eventIds.flatMap((id) => {
            const at = this.indexOfEvent.get(id);
            return at === undefined ? [] : [this.events[at]];
          });
          this.post({ type: 'eventDetails', requestId: m.requestId, events });
          return;
        }
        case 'resolveFrames': {
          const { frames } = await this.ctx.request(protocol.resolveStackTrace, {
            stackTrace: m.stackTrace,
          });
          this.post({ type: 'frames', requestId: m.requestId, frames });
          return;
        }
        case 'export':
          return await this.exportHistory();
        case 'compare':
          return await compareWith(this.ctx, {
            label: this.source.kind === 'server' ? this.source.workflowId : this.source.fileName,
            ...(this.source.kind === 'server' ? this.ref() : {}),
            runId: this.model?.header.runId,
            events: this.events,
          });
        case 'refreshLiveState':
          return await this.refreshLiveState(true);
        case 'replay':
          // The command's own flow: trust check, progress, the diagnostic at the diverging line.
          return void (await vscode.commands.executeCommand('temporal.replayWorkflow', this.ref()));
      }
    } catch (err) {
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private ref(): { workflowId: string; runId?: string } {
    if (this.source.kind !== 'server') throw new Error('not an execution on a server');
    const runId = this.source.runId ?? (this.model?.header.runId || undefined);
    return runId
      ? { workflowId: this.source.workflowId, runId }
      : { workflowId: this.source.workflowId };
  }

  private async load(): Promise<void> {
    const token = this.stop.token;
    try {
      let nextPageToken: string | undefined;
      do {
        const page = await this.ctx.request(
          protocol.executionViewPage,
          { viewId: this.viewId, ...this.ref(), nextPageToken },
          token,
        );
        this.addEvents(page.events);
        if (page.model) this.model = page.model;
        nextPageToken = page.nextPageToken;
        this.progress = { type: 'progress', loaded: page.loaded, done: !nextPageToken };
        this.post({ type: 'events', events: page.events.map(eventRow), model: page.model });
        this.post(this.progress);
      } while (nextPageToken && !token.isCancellationRequested);
      // A load stopped part way leaves a partial model: not known to be running.
      if (this.model?.header.status === 'Running' && !this.model.partial) await this.follow();
    } catch (err) {
      if (!token.isCancellationRequested)
        this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Long-polls for new events until the run closes or the view goes away. */
  private async follow(): Promise<void> {
    const token = this.stop.token;
    this.following = true;
    this.post({ type: 'following', following: true });
    void this.refreshLiveState(true);
    // A token of a long-polling read is needed to wait at the end: the first follow read starts
    // over (the server skips events the view has) and waits once it reaches the end.
    let nextPageToken: string | undefined;
    try {
      while (!token.isCancellationRequested && this.model?.header.status === 'Running') {
        const page = await this.ctx.request(
          protocol.executionViewPage,
          { viewId: this.viewId, ...this.ref(), follow: true, nextPageToken },
          token,
        );
        nextPageToken = page.nextPageToken;
        if (page.events.length) {
          this.addEvents(page.events);
          if (page.model) this.model = page.model;
          this.post({ type: 'events', events: page.events.map(eventRow), model: page.model });
          void this.refreshLiveState(false);
        }
      }
    } finally {
      this.following = false;
      this.post({ type: 'following', following: false });
      if (!token.isCancellationRequested) void this.refreshLiveState(true);
    }
  }

  private addEvents(events: readonly protocol.HistoryEventView[]): void {
    for (const e of events) {
      this.indexOfEvent.set(e.eventId, this.events.length);
      this.events.push(e);
    }
  }

  private async refreshLiveState(force: boolean): Promise<void> {
    if (this.source.kind !== 'server') return;
    const now = Date.now();
    if (!force && now - this.lastLiveState < LIVE_STATE_INTERVAL_MS) return;
    this.lastLiveState = now;
    try {
      const state = await this.ctx.request(protocol.getExecutionLiveState, {
        viewId: this.viewId,
        ...this.ref(),
      });
      this.post({ type: 'liveState', state });
    } catch (err) {
      this.post({ type: 'liveState', error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async importFile(text: string, fileName: string): Promise<void> {
    try {
      const { events, model } = await this.ctx.request(protocol.importExecutionHistory, {
        viewId: this.viewId,
        text,
        fileName,
      });
      this.addEvents(events);
      this.model = model;
      this.progress = { type: 'progress', loaded: events.length, done: true };
      this.post({
        type: 'reset',
        title: this.title,
        source: this.source,
        events: events.map(eventRow),
        model,
      });
      this.post(this.progress);
    } catch (err) {
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private async exportHistory(): Promise<void> {
    const base =
      this.source.kind === 'server'
        ? this.source.workflowId
        : this.source.fileName.replace(/\.json$/, '');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      title: 'Export History as JSON',
      filters: { JSON: ['json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${base}_history.json`) } : {}),
    });
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(historyJson(this.events)));
    void vscode.window.showInformationMessage(
      `Exported ${this.events.length} events to ${vscode.workspace.asRelativePath(uri)}.`,
    );
  }

  private dispose(): void {
    this.disposed = true;
    this.stop.cancel();
    this.stop.dispose();
    ExecutionPanel.open.delete(this.key);
    void this.ctx.client
      ?.sendNotification(protocol.closeExecutionView, { viewId: this.viewId })
      .catch(() => undefined);
  }
}
