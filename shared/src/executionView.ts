// Messages between the execution view webview and its panel in the extension host. The panel
// talks to the language server; the webview only renders and asks.
import type {
  ExecutionLiveState,
  ExecutionModel,
  FindSourceParams,
  HistoryEventView,
  StackFrameView,
} from './protocol';

/** Where a view's history comes from. */
export type ExecutionViewSource =
  { kind: 'server'; workflowId: string; runId?: string } | { kind: 'file'; fileName: string };

/**
 * What the lists draw of an event. The webview gets rows, not events: 50,000 events with their
 * JSON and decoded payloads took seconds to cross into the page, and the lists need four
 * fields; the selected event's details are asked for (`eventDetails`).
 */
export interface EventRow {
  eventId: number;
  eventType: string;
  summary: string;
  eventTime?: string;
  failed?: true;
}

export function eventRow(e: HistoryEventView): EventRow {
  const row: EventRow = { eventId: e.eventId, eventType: e.eventType, summary: e.summary };
  if (e.eventTime) row.eventTime = e.eventTime;
  if (e.failure) row.failed = true;
  return row;
}

/** Panel -> webview. */
export type ToExecutionWebview =
  /** Everything from the start (first load, or the webview was re-created after hiding). */
  | {
      type: 'reset';
      title: string;
      source: ExecutionViewSource;
      events: EventRow[];
      model?: ExecutionModel;
    }
  /** More events (a page, or new events of a followed run) and the model after them. */
  | { type: 'events'; events: EventRow[]; model?: ExecutionModel }
  /** Whole events, answering `eventDetails` (those the panel has). */
  | { type: 'eventDetails'; requestId: number; events: HistoryEventView[] }
  | { type: 'progress'; loaded: number; total?: number; done: boolean }
  /** Following a running execution live (false once it closed or the view stopped). */
  | { type: 'following'; following: boolean }
  | { type: 'liveState'; state?: ExecutionLiveState; error?: string }
  /** Frames of a failure's stack trace, answering `resolveFrames`. */
  | { type: 'frames'; requestId: number; frames: StackFrameView[] }
  | { type: 'error'; message: string }
  /** Debug replay: the workflow task being replayed started at this event (undefined: replay ended). */
  | { type: 'replayPosition'; eventId?: number };

/** Webview -> panel. */
export type FromExecutionWebview =
  | { type: 'ready' }
  | { type: 'openSource'; target: FindSourceParams }
  | { type: 'openFrame'; frame: StackFrameView }
  | { type: 'resolveFrames'; requestId: number; stackTrace: string }
  /** Whole events (attributes, payloads, failure) for the details pane. */
  | { type: 'eventDetails'; requestId: number; eventIds: number[] }
  | { type: 'export' }
  /** "Compare with…" another run or a history file. */
  | { type: 'compare' }
  | { type: 'refreshLiveState' }
  /** Replay this execution against the workspace's code (a nondeterministic workflow task). */
  | { type: 'replay' };

/** What the webview keeps across hide/show (`getState`/`setState`). */
export interface ExecutionWebviewState {
  tab: 'timeline' | 'compact' | 'full';
  selectedEventId?: number;
  scrollTop?: number;
}

/** The file `temporal workflow show --output json` writes: `{"events": [...]}` of proto3 JSON. */
export function historyJson(events: readonly HistoryEventView[]): string {
  return `${JSON.stringify({ events: events.map((e) => e.json) }, null, 2)}\n`;
}
