// Bars of one timeline lane. A 50,000-event history puts thousands of workflow tasks in one
// lane: bars closer than a couple of pixels merge into one (failed ones stay apart, so a
// failure shows), which bounds a lane's DOM by its width in pixels, not by its groups.
import type { ExecutionGroup, ExecutionModel } from '../../../../shared/src/protocol';

export interface TimeRange {
  start: number;
  span: number;
}

export interface LaneBar {
  /** The groups the bar stands for (one, or several merged). */
  first: ExecutionGroup;
  last: ExecutionGroup;
  count: number;
  /** Percent of the lane's width. */
  left: number;
  width: number;
  failed: boolean;
  open: boolean;
}

/** Bars closer than this many pixels merge. */
const MERGE_PX = 2;

/** From the first event to the last (to now while running). */
export function timeRangeOf(model: ExecutionModel | undefined, now: number): TimeRange {
  const groups = model?.groups ?? [];
  const start = groups[0]?.startMs ?? 0;
  let end = start;
  for (const g of groups) end = Math.max(end, g.endMs ?? 0);
  // Still loading: the run is not known to be running, so it ends at the last event read.
  if (model?.header.status === 'Running' && !model.partial) end = Math.max(end, now);
  return { start, span: Math.max(1, end - start) };
}

export function laneBars(
  lane: readonly ExecutionGroup[],
  range: TimeRange,
  widthPx: number,
  now: number,
): LaneBar[] {
  const bars: LaneBar[] = [];
  const pct = (ms: number) => ((ms - range.start) / range.span) * 100;
  const mergePct = (MERGE_PX / Math.max(1, widthPx)) * 100;
  for (const g of lane) {
    const startMs = g.startMs ?? range.start;
    const endMs = g.open ? Math.min(now, range.start + range.span) : (g.endMs ?? startMs);
    const left = Math.min(pct(startMs), 99.7);
    const right = Math.min(100, Math.max(left + 0.3, pct(endMs)));
    const prev = bars[bars.length - 1];
    if (prev && !prev.failed && !g.failed && left <= prev.left + prev.width + mergePct) {
      prev.last = g;
      prev.count++;
      prev.width = Math.max(prev.width, right - prev.left);
      prev.open ||= g.open;
      continue;
    }
    bars.push({
      first: g,
      last: g,
      count: 1,
      left,
      width: right - left,
      failed: g.failed,
      open: g.open,
    });
  }
  return bars;
}
