// Values too long to draw at once (a 2 MB payload, its 2.7 MB base64): documents and the execution
// view show the first part of each long string and say how long it is; the whole stays one
// action away ("Open Full", "Save to File…", "Show all"). Pure, for the client and the webview.

/** Characters of one string shown before it is cut (64 KB of ASCII). */
export const DISPLAY_STRING_LIMIT = 64 * 1024;

/** "1.9 MB", "64 KB", "512 B": a size in the units the Web UI and the CLI print. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The start of `text` and a note of what was left out, or `text` when it is short enough. */
export function cutText(text: string, limit = DISPLAY_STRING_LIMIT): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… [${sizeText(text.length)}, showing the first ${sizeText(limit)}]`;
}

export interface BoundedValue {
  value: unknown;
  /** JSON paths of the strings that were cut, with their full length. */
  cut: { path: string; length: number }[];
}

/** A copy of `value` with every string longer than `limit` cut by cutText. */
export function boundLongStrings(value: unknown, limit = DISPLAY_STRING_LIMIT): BoundedValue {
  const cut: BoundedValue['cut'] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      if (v.length <= limit) return v;
      cut.push({ path: path || '$', length: v.length });
      return cutText(v, limit);
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, path ? `${path}.${k}` : k);
      return out;
    }
    return v;
  };
  return { value: walk(value, ''), cut };
}
