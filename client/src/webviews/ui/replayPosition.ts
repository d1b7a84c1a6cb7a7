// Debug replay position in the execution view: the row of the workflow task being replayed is
// marked, scrolled into view and named in the toolbar. Kept apart from main.ts, which only
// asks `isReplayRow` while drawing a row and hands over the message.
import type { ExecutionGroup } from '../../../../shared/src/protocol';
import { el } from './dom';

/** The lists as main.ts holds them, per tab. */
export interface ReplayRows {
  tab: 'timeline' | 'compact' | 'full';
  events: readonly { eventId: number }[];
  compact: readonly ExecutionGroup[];
  lanes: readonly (readonly ExecutionGroup[])[];
  groupOf: ReadonlyMap<number, ExecutionGroup>;
}

/**
 * The row standing for event `eventId`: the event itself (all events), its group (timeline),
 * or in the compact list, which hides plain workflow tasks, the last row that began before it.
 */
export function replayRowIndex(rows: ReplayRows, eventId: number): number {
  if (rows.tab === 'full') return rows.events.findIndex((e) => e.eventId === eventId);
  const group = rows.groupOf.get(eventId);
  if (rows.tab === 'timeline')
    return group ? rows.lanes.findIndex((lane) => lane.includes(group)) : -1;
  let at = -1;
  rows.compact.forEach((g, i) => {
    if (g === group || (g.eventIds[0] ?? Number.MAX_SAFE_INTEGER) <= eventId) at = i;
  });
  return at;
}

export class ReplayPositionMark {
  eventId: number | undefined;
  private row = -1;
  /** Toolbar text: which event the debug replay is at. */
  readonly label = el('span', {
    className: 'replay-position',
    attrs: { 'data-testid': 'replay-position', 'aria-live': 'polite' },
  });

  constructor() {
    this.label.hidden = true;
  }

  /** New position (from the panel); returns the row to scroll to, or -1. */
  set(eventId: number | undefined, rows: ReplayRows): number {
    this.eventId = eventId;
    this.label.hidden = eventId === undefined;
    this.label.textContent = eventId === undefined ? '' : `Debug replay at event ${eventId}`;
    return this.refresh(rows);
  }

  /** After the lists or the tab changed. */
  refresh(rows: ReplayRows): number {
    this.row = this.eventId === undefined ? -1 : replayRowIndex(rows, this.eventId);
    return this.row;
  }

  /** Marks a drawn row when it is the replay position. */
  mark(row: HTMLElement, index: number): void {
    if (index !== this.row || this.row < 0) return;
    row.classList.add('replaying');
    row.setAttribute('data-replaying', 'true');
  }
}
