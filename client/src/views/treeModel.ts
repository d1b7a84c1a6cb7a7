// Pure view logic (no vscode import) so paging, status presentation and menu rules are unit-tested.
import { elapsedAgo } from '../../../shared/src/format';
import type { ExecutionStatus } from '../../../shared/src/protocol';

/** Paged children: what is loaded plus the token for "Load more". */
export class PagedList<T> {
  items: T[] = [];
  nextPageToken?: string;
  loaded = false;
  /** Loaded, but a refresh asked for new data: the next read reloads. */
  stale = false;

  /** Replaces (first page) or appends (next page) and remembers the next token. */
  accept(page: { items: T[]; nextPageToken?: string }, append: boolean): void {
    this.items = append ? [...this.items, ...page.items] : page.items;
    this.nextPageToken = page.nextPageToken || undefined;
    this.loaded = true;
    this.stale = false;
  }

  get hasMore(): boolean {
    return this.nextPageToken !== undefined;
  }

  /** Not loaded yet, or marked stale by a refresh. */
  get needsLoad(): boolean {
    return !this.loaded || this.stale;
  }

  markStale(): void {
    if (this.loaded) this.stale = true;
  }

  /**
   * Page size for a reload: at least what is shown now, so a refresh does not take back the
   * pages "Load more" added (bounded, as servers cap page sizes). One more when the end was
   * reached: servers hand out a next-page token whenever a page is full, and a "Load more" that
   * then finds nothing is noise.
   */
  reloadPageSize(pageSize: number, max = 1000): number {
    return Math.min(
      max,
      Math.max(pageSize, this.items.length + (this.loaded && !this.hasMore ? 1 : 0)),
    );
  }

  /**
   * Reads through `fetch`: the first page when nothing is loaded or the list is stale (sized by
   * reloadPageSize), the next page when `more` is set. Returns the items shown afterwards.
   */
  async load(
    fetch: (
      pageSize: number,
      nextPageToken?: string,
    ) => Promise<{ items: T[]; nextPageToken?: string }>,
    pageSize: number,
    more = false,
  ): Promise<T[]> {
    if (more && this.hasMore) this.accept(await fetch(pageSize, this.nextPageToken), true);
    else if (!more && this.needsLoad)
      this.accept(await fetch(this.reloadPageSize(pageSize)), false);
    return this.items;
  }

  reset(): void {
    this.items = [];
    this.nextPageToken = undefined;
    this.loaded = false;
    this.stale = false;
  }
}

/**
 * A view's refresh that reads before it redraws. From a redraw of a whole tree until the
 * extension has answered for the new rows, VS Code knows none of them: a menu entry taken on a
 * row meanwhile reaches its command without the row, and a click lands on whatever moved there.
 * Read first, that window is a message to the window and back, not a server call.
 */
export class ReadThenRedraw<T> {
  private reading?: Promise<void>;
  /** A refresh came while reading: read once more before the redraw. */
  private again = false;
  /** The last read's failure: the redraw shows it in place (throwFailure). */
  private failure?: unknown;
  /** Counts resets (another target or filter), so a read from before one is dropped. */
  private generation = 0;

  constructor(
    private readonly opts: {
      read: () => Promise<T>;
      /** Takes what was read (into the view's lists), just before the redraw. */
      apply: (value: T) => void;
      redraw: () => void;
      /** Shows the read under way (the view's progress bar). */
      progress: (reading: Promise<void>) => void;
    },
  ) {}

  /** Reads (overlapping refreshes share one read), then redraws; the view shows progress. */
  start(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    const reading = (this.reading = this.readThenRedraw());
    this.opts.progress(reading);
  }

  get busy(): boolean {
    return !!this.reading;
  }

  /** Another target or filter: what is being read belongs to the old one. */
  reset(): void {
    this.generation++;
    this.failure = undefined;
  }

  /** Throws the last read's failure, once: the redraw's getChildren shows it in place. */
  throwFailure(): void {
    const failure = this.failure;
    if (failure === undefined) return;
    this.failure = undefined;
    throw failure;
  }

  private async readThenRedraw(): Promise<void> {
    const generation = this.generation;
    do {
      this.again = false;
      try {
        const value = await this.opts.read();
        if (generation !== this.generation) break;
        this.opts.apply(value);
        this.failure = undefined;
      } catch (err) {
        // Shown by the redraw, which does not ask the server again.
        if (generation === this.generation) this.failure = err ?? new Error('read failed');
      }
    } while (this.again);
    this.reading = undefined;
    this.opts.redraw();
  }
}

/** Codicon and theme colour per status, as the Web UI colours them. */
export const statusLook: Record<ExecutionStatus, { icon: string; color: string; label: string }> = {
  Running: { icon: 'sync~spin', color: 'charts.blue', label: 'Running' },
  Completed: { icon: 'pass-filled', color: 'testing.iconPassed', label: 'Completed' },
  Failed: { icon: 'error', color: 'testing.iconFailed', label: 'Failed' },
  Canceled: { icon: 'circle-slash', color: 'charts.yellow', label: 'Canceled' },
  Terminated: { icon: 'stop-circle', color: 'charts.red', label: 'Terminated' },
  ContinuedAsNew: { icon: 'debug-continue', color: 'charts.purple', label: 'Continued as new' },
  TimedOut: { icon: 'watch', color: 'charts.orange', label: 'Timed out' },
  Paused: { icon: 'debug-pause', color: 'charts.yellow', label: 'Paused' },
  Unspecified: { icon: 'question', color: 'disabledForeground', label: 'Unknown' },
};

export function lookOf(status: string): { icon: string; color: string; label: string } {
  return statusLook[status as ExecutionStatus] ?? statusLook.Unspecified;
}

/**
 * contextValue of an execution node: `execution.<state>` plus `.readonly` when writes are off.
 * Menus in package.json match on it (`viewItem =~ /^execution\.running(?!\.readonly)/`).
 */
export function executionContext(status: string, readOnly: boolean): string {
  const state = status === 'Running' || status === 'Paused' ? 'running' : 'closed';
  return `execution.${state}${readOnly ? '.readonly' : ''}`;
}

/** "3 running · 1 failed" from grouped counts, in a stable order, zeros left out. */
export function countsDescription(groups: Record<string, number>): string {
  const order: ExecutionStatus[] = [
    'Running',
    'Failed',
    'TimedOut',
    'Terminated',
    'Canceled',
    'Completed',
    'ContinuedAsNew',
  ];
  return order
    .filter((s) => (groups[s] ?? 0) > 0)
    .map((s) => `${groups[s]} ${statusLook[s].label.toLowerCase()}`)
    .join(' · ');
}

/** "2m ago" style relative time for descriptions. */
export function ago(iso: string | undefined, now = Date.now()): string {
  return iso ? elapsedAgo(now - Date.parse(iso)) : '';
}

/** Keeps the most recent distinct entries first (recent queries, last inputs). */
export function pushRecent(list: readonly string[], entry: string, max = 10): string[] {
  const trimmed = entry.trim();
  if (!trimmed) return [...list];
  return [trimmed, ...list.filter((q) => q !== trimmed)].slice(0, max);
}
