// History pages of at most the page size asked for. Temporal counts its page size in stored
// batches, not events: a run whose workflow tasks write 100 events each answers a page of "100"
// with thousands of events, which a tree or a webview would then draw at once. A page Temporal
// sends whole is kept here (raw, undecoded) and handed out in slices; the token of a slice says
// which Temporal page it came from and how far into it to start.
import type { HistoryEvent } from '../../temporal/gen/temporal/api/history/v1/message_pb.js';

/** Prefix of a slice token; never part of a base64 Temporal token (':' is not base64). */
const SLICE = 'wb-slice:';
/** Temporal pages kept for their next slices (a few open history nodes and views). */
const KEPT_PAGES = 8;

export interface SliceToken {
  /** The Temporal token the page was read with ('' for the first page). */
  pageToken: string;
  /** Events of that page already handed out. */
  skip: number;
}

export function sliceToken(t: SliceToken): string {
  return SLICE + Buffer.from(JSON.stringify([t.pageToken, t.skip])).toString('base64');
}

/** The slice a token asks for; undefined for a plain Temporal token (or none). */
export function parseSliceToken(token: string | undefined): SliceToken | undefined {
  if (!token?.startsWith(SLICE)) return undefined;
  try {
    const [pageToken, skip] = JSON.parse(
      Buffer.from(token.slice(SLICE.length), 'base64').toString('utf8'),
    ) as [unknown, unknown];
    if (typeof pageToken === 'string' && Number.isInteger(skip) && (skip as number) >= 0)
      return { pageToken, skip: skip as number };
  } catch {
    // Falls through: not a token this module wrote.
  }
  return undefined;
}

export interface RawPage {
  events: HistoryEvent[];
  /** Temporal's token for the page after this one. */
  nextPageToken?: string;
}

/** Temporal pages by (run, page token), most recent last, so slices need not re-read them. */
export class RawPageCache {
  private readonly pages = new Map<string, RawPage>();

  get(key: string): RawPage | undefined {
    return this.pages.get(key);
  }

  set(key: string, page: RawPage): void {
    this.pages.delete(key);
    this.pages.set(key, page);
    while (this.pages.size > KEPT_PAGES) this.pages.delete(this.pages.keys().next().value!);
  }
}

/**
 * `pageSize` events of `page` from `skip` on, and the token that continues after them: a slice
 * token while the Temporal page has more, else Temporal's own next token.
 */
export function slicePage(
  page: RawPage,
  pageToken: string,
  skip: number,
  pageSize: number,
): { events: HistoryEvent[]; nextPageToken?: string } {
  const size = pageSize > 0 ? pageSize : page.events.length;
  const events = page.events.slice(skip, skip + size);
  const end = skip + events.length;
  if (end < page.events.length)
    return { events, nextPageToken: sliceToken({ pageToken, skip: end }) };
  return page.nextPageToken ? { events, nextPageToken: page.nextPageToken } : { events };
}
