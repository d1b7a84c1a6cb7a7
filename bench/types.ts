/** One figure a benchmark reports. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Name of another result of the same benchmark, measured in the same run, to divide by. */
  baseline?: string;
  /** The target this figure is judged against (reported, never asserted). */
  goal?: { op: '<' | '>'; value: number };
}

/** Percentile of samples (p in 0..100). */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
