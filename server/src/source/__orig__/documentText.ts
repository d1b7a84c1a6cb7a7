import type { Position, Range, TextChange } from './types';

/** Line start offsets of a text, for position <-> offset conversion (UTF-16 units, like LSP). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // Fast path (most files): native search for line feeds.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of a position, clamped to the text like LSP does for out-of-range positions. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[position.line];
    const nextStart =
      position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    // The line's content ends before its line break.
    let lineEnd = nextStart;
    if (position.line + 1 < this.starts.length) {
      lineEnd--;
      if (
        lineEnd > lineStart &&
        this.text.charCodeAt(lineEnd) === 10 &&
        this.text.charCodeAt(lineEnd - 1) === 13
      ) {
        lineEnd--;
      }
    }
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }
}

/** One edit in tree-sitter terms (indices and points in UTF-16 units, rows = lines). */
export interface TreeEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: { row: number; column: number };
  oldEndPosition: { row: number; column: number };
  newEndPosition: { row: number; column: number };
}

function toPoint(p: Position): { row: number; column: number } {
  return { row: p.line, column: p.character };
}

/** Position reached after inserting `text` at `start`. */
function endOfInsertion(start: Position, text: string): Position {
  let line = start.line;
  let lastBreakEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lastBreakEnd = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      line++;
      lastBreakEnd = i + 1;
    }
  }
  if (lastBreakEnd < 0) return { line, character: start.character + text.length };
  return { line, character: text.length - lastBreakEnd };
}

/**
 * Applies LSP-style changes one after another (each range refers to the text left by the
 * previous change) and returns the new text with the matching tree-sitter edits.
 */
export function applyChanges(
  text: string,
  changes: readonly TextChange[],
): { text: string; edits: TreeEdit[] } {
  let current = text;
  const edits: TreeEdit[] = [];
  for (const change of changes) {
    const lines = new LineIndex(current);
    const range: Range = change.range ?? {
      start: { line: 0, character: 0 },
      end: lines.positionAt(current.length),
    };
    const startIndex = lines.offsetAt(range.start);
    const oldEndIndex = Math.max(startIndex, lines.offsetAt(range.end));
    const startPosition = lines.positionAt(startIndex);
    const oldEndPosition = lines.positionAt(oldEndIndex);
    current = current.slice(0, startIndex) + change.text + current.slice(oldEndIndex);
    edits.push({
      startIndex,
      oldEndIndex,
      newEndIndex: startIndex + change.text.length,
      startPosition: toPoint(startPosition),
      oldEndPosition: toPoint(oldEndPosition),
      newEndPosition: toPoint(endOfInsertion(startPosition, change.text)),
    });
  }
  return { text: current, edits };
}

/** The single edit that turns `oldText` into `newText` (common prefix and suffix kept). */
export function diffTexts(oldText: string, newText: string): TreeEdit | undefined {
  if (oldText === newText) return undefined;
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) ===
      newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a CRLF pair or a surrogate pair between the kept and the changed parts.
  while (prefix > 0 && isPairSecondHalf(oldText, prefix)) prefix--;
  while (suffix > 0 && isPairSecondHalf(oldText, oldText.length - suffix)) suffix--;
  const oldLines = new LineIndex(oldText);
  const startPosition = oldLines.positionAt(prefix);
  const oldEndPosition = oldLines.positionAt(oldText.length - suffix);
  const inserted = newText.slice(prefix, newText.length - suffix);
  return {
    startIndex: prefix,
    oldEndIndex: oldText.length - suffix,
    newEndIndex: newText.length - suffix,
    startPosition: toPoint(startPosition),
    oldEndPosition: toPoint(oldEndPosition),
    newEndPosition: toPoint(endOfInsertion(startPosition, inserted)),
  };
}

function isPairSecondHalf(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const prev = text.charCodeAt(index - 1);
  const cur = text.charCodeAt(index);
  if (prev === 13 && cur === 10) return true;
  return prev >= 0xd800 && prev <= 0xdbff && cur >= 0xdc00 && cur <= 0xdfff;
}
