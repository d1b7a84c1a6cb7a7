// "Compare with…": the text of a run that VS Code's diff editor compares with another run's.
// One line per event, in event order, so the editor's line number is the event id (a history
// is complete from event 1) and the diff pairs events by what they are rather than by their
// id: after a reset, the events that follow the inserted WorkflowTaskFailed still pair with
// the old run's. Times, which always differ between runs, are left out.
import type { HistoryEventView } from './protocol';

/** One line per event: its type and what the Web UI's compact row says of it. */
export function comparableLines(events: readonly HistoryEventView[]): string {
  return events.map((e) => `${e.summary}\n`).join('');
}
