// Determinism rules of clojure workflow code, as data: the calls that differ on replay, with
// their message and the fix or advice the SDK's documentation gives. Checked by diagnostics.ts.
import { CLOCK, ioRule, type DeterminismRule } from '../diagnostics';

export const DETERMINISM: readonly DeterminismRule[] = [
  {
    calls: ['Thread/sleep'],
    code: 'sleep',
    message: 'Thread/sleep blocks the workflow and is not replayed; use a durable timer.',
    advice: 'Use temporal.workflow/sleep',
  },
  {
    calls: [
      'System/currentTimeMillis',
      'System/nanoTime',
      'Instant/now',
      'java.time.Instant/now',
    ].concat(['LocalDateTime/now', 'java.time.LocalDateTime/now']),
    code: 'time',
    message: `${CLOCK}.`,
    advice: 'Use temporal.side-effect/now',
  },
  {
    calls: ['UUID/randomUUID', 'java.util.UUID/randomUUID', 'random-uuid'],
    code: 'uuid',
    message: 'Generated UUIDs differ on replay.',
    advice: 'Use temporal.side-effect/gen-uuid',
  },
  {
    calls: ['rand', 'rand-int', 'rand-nth', 'shuffle'],
    code: 'random',
    message: 'Random values differ on replay.',
    advice: 'Wrap in temporal.side-effect/invoke',
  },
  {
    calls: ['future', 'future-call', 'pmap', 'thread'],
    code: 'thread',
    message: 'Threads are not allowed in workflow code.',
    advice: 'Use temporal.promise and activities instead of threads',
  },
  ioRule(['slurp', 'spit']),
];
