// Requests of the execution view: history pages into a per-view model, import of a history
// file, live state of a running execution, and stack traces resolved to workspace files.
import type { Connection } from 'vscode-languageserver';
import * as protocol from '../../../shared/src/protocol';
import type { ExecutionViewPageResult } from '../../../shared/src/protocol';
import { handle } from '../handlers';
import { decoderFor } from '../backends/temporal/common';
import { PayloadDecoder } from '../payloads/decoder';
import type { WorkspaceIndex } from '../source';
import type { Workbench } from '../workbench';
import { filePath } from '../features/sourceService';
import { importHistoryEvents } from './importHistory';
import { executionLiveState, type WorkspaceFacts } from './liveState';
import { ExecutionModelBuilder } from './model';
import { executionReads } from './reads';
import { resolveStackTrace } from './stackFrames';

/** Open views are few; a forgotten session must not keep 50,000 events' groups forever. */
const MAX_SESSIONS = 16;
const PAGE_SIZE = 1000;
/**
 * While a long history loads, its model goes with the first page and then at most once a
 * second (each is a copy of every group so far), so Compact and Timeline fill as it loads.
 */
const PARTIAL_MODEL_EVERY_MS = 1000;

export interface ExecutionViewSources {
  index: Promise<WorkspaceIndex>;
  folders(): string[];
}

export function registerExecutionView(
  connection: Connection,
  wb: Workbench,
  sources: ExecutionViewSources,
): void {
  const sessions = new Map<string, ExecutionModelBuilder>();
  /** When each session last sent a partial model. */
  const partialSentAt = new WeakMap<ExecutionModelBuilder, number>();
  const session = (viewId: string, fresh: () => ExecutionModelBuilder) => {
    let s = sessions.get(viewId);
    if (!s) {
      s = fresh();
      sessions.set(viewId, s);
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    }
    return s;
  };

  const workspace = async (): Promise<WorkspaceFacts> => {
    const index = await sources.index;
    const files = index
      .uris()
      .map(filePath)
      .filter((p): p is string => !!p);
    const folders = sources.folders();
    return {
      workersFor: (type) =>
        index
          .workers()
          .filter((w) => w.workflowTypes.includes(type))
          .map((w) => ({
            file: filePath(w.uri) ?? w.uri,
            taskQueue: w.resolvedTaskQueue ?? w.taskQueue,
          })),
      resolveStackTrace: (text) => resolveStackTrace(text, folders, files),
    };
  };

  handle(
    connection,
    protocol.executionViewPage,
    async (p, signal): Promise<ExecutionViewPageResult> => {
      const backend = await wb.backend(p);
      const ref = { workflowId: p.workflowId, ...(p.runId ? { runId: p.runId } : {}) };
      // No token: a new load from the first event; but a follow read without a token only
      // starts the long-polling read over, and the events the session has are skipped.
      if (!p.nextPageToken && !p.follow) sessions.delete(p.viewId);
      const builder = session(p.viewId, () => new ExecutionModelBuilder(ref));
      const page = await executionReads(backend).historyPage(
        {
          ...ref,
          pageSize: p.pageSize ?? PAGE_SIZE,
          nextPageToken: p.nextPageToken,
          follow: p.follow,
        },
        signal,
      );
      const fresh = page.events.filter((e) => e.eventId > builder.lastEventId);
      builder.add(fresh);
      const result: ExecutionViewPageResult = { events: fresh, loaded: builder.loaded };
      if (page.nextPageToken) result.nextPageToken = page.nextPageToken;
      if (!page.nextPageToken || (p.follow && fresh.length)) result.model = builder.model();
      else if (!p.follow && fresh.length) {
        const now = Date.now();
        const last = partialSentAt.get(builder);
        if (last === undefined || now - last >= PARTIAL_MODEL_EVERY_MS) {
          partialSentAt.set(builder, now);
          result.model = builder.model(true);
        }
      }
      return result;
    },
  );

  handle(connection, protocol.importExecutionHistory, async (p, signal) => {
    const name = p.fileName ?? 'the history file';
    // A file opens without a connection too; then payloads are decoded locally (no codec).
    const decoder = await wb
      .target(p)
      .then((t) => decoderFor(t, signal))
      .catch(() => new PayloadDecoder({ namespace: '', signal }));
    const events = await importHistoryEvents(p.text, name, decoder);
    const builder = new ExecutionModelBuilder();
    sessions.set(p.viewId, builder);
    builder.add(events);
    return { events, model: builder.model() };
  });

  connection.onNotification(
    protocol.closeExecutionView,
    ({ viewId }) => void sessions.delete(viewId),
  );

  handle(connection, protocol.resolveStackTrace, async (p) => ({
    frames: (await workspace()).resolveStackTrace(p.stackTrace ?? ''),
  }));

  handle(connection, protocol.getExecutionLiveState, async (p, signal) => {
    const builder = p.viewId ? sessions.get(p.viewId) : undefined;
    return executionLiveState(
      executionReads(await wb.backend(p)),
      { workflowId: p.workflowId, ...(p.runId ? { runId: p.runId } : {}) },
      builder?.model(),
      builder?.lastWorkflowTaskFailure,
      await workspace(),
      signal,
    );
  });
}
