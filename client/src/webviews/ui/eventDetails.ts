// Whole events for the details pane, asked of the panel when one is selected (the lists hold
// rows only) and kept for a while, so moving back and forth through rows asks once per event.
import type { FromExecutionWebview } from '../../../../shared/src/executionView';
import type { HistoryEventView } from '../../../../shared/src/protocol';

/** Events kept; a details pane shows one at a time, this is for going back and forth. */
const KEPT = 500;

export class EventDetails {
  private readonly kept = new Map<number, HistoryEventView>();
  private readonly waiting = new Map<number, (events: HistoryEventView[]) => void>();
  private nextRequest = 0;

  constructor(private readonly post: (m: FromExecutionWebview) => void) {}

  /** The event if it is here already (no message then). */
  get(eventId: number): HistoryEventView | undefined {
    return this.kept.get(eventId);
  }

  /** Asks the panel for the event (undefined if the panel has none by that id). */
  async fetch(eventId: number): Promise<HistoryEventView | undefined> {
    const here = this.kept.get(eventId);
    if (here) return here;
    const requestId = ++this.nextRequest;
    const events = await new Promise<HistoryEventView[]>((resolve) => {
      this.waiting.set(requestId, resolve);
      this.post({ type: 'eventDetails', requestId, eventIds: [eventId] });
    });
    for (const e of events) this.keep(e);
    return this.kept.get(eventId);
  }

  /** The panel's answer to a `fetch`. */
  answer(requestId: number, events: HistoryEventView[]): void {
    this.waiting.get(requestId)?.(events);
    this.waiting.delete(requestId);
  }

  /** A new history (reset): what was kept may be of another run. */
  clear(): void {
    this.kept.clear();
  }

  private keep(e: HistoryEventView): void {
    if (this.kept.size >= KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(e.eventId, e);
  }
}
