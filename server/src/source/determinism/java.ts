// Determinism rules of java workflow code, as data: the calls that differ on replay, with
// their message and the fix or advice the SDK's documentation gives. Checked by diagnostics.ts.
import { CLOCK, type DeterminismRule } from '../diagnostics';

const MILLIS = `${CLOCK}; use Workflow.currentTimeMillis().`;
const ASYNC = 'use Async.function / Async.procedure.';
export const DETERMINISM: readonly DeterminismRule[] = [
  {
    calls: ['Thread.sleep'],
    code: 'sleep',
    message: 'Thread.sleep blocks the workflow thread and is not replayed; use Workflow.sleep.',
    use: ['Workflow.sleep', 'Workflow.sleep{args}'],
  },
  {
    calls: ['System.currentTimeMillis'],
    code: 'time',
    message: MILLIS,
    use: 'Workflow.currentTimeMillis()',
  },
  {
    calls: ['System.nanoTime'],
    code: 'time',
    message: MILLIS,
    advice: 'Use Workflow.currentTimeMillis()',
  },
  {
    calls: ['Instant.now'],
    code: 'time',
    message: MILLIS,
    use: ['Workflow.currentTimeMillis()', 'Instant.ofEpochMilli(Workflow.currentTimeMillis())'],
  },
  {
    calls: ['LocalDateTime.now', 'LocalDate.now', 'ZonedDateTime.now', 'OffsetDateTime.now'],
    code: 'time',
    message: MILLIS,
    advice: 'Derive the time from Workflow.currentTimeMillis()',
  },
  {
    calls: ['UUID.randomUUID'],
    code: 'uuid',
    message: 'Generated UUIDs differ on replay; use Workflow.randomUUID().',
    use: 'Workflow.randomUUID()',
  },
  {
    calls: ['Math.random'],
    code: 'random',
    message: 'Random values differ on replay; use Workflow.newRandom().',
    use: ['Workflow.newRandom()', 'Workflow.newRandom().nextDouble()'],
  },
  {
    calls: ['CompletableFuture.supplyAsync', 'CompletableFuture.runAsync'],
    code: 'thread',
    message: `Native threads are not allowed in workflow code; ${ASYNC}`,
    advice: 'Use Async.function(...)',
  },
  {
    calls: (_callee, call) => call.object === 'Executors',
    code: 'thread',
    message: `Thread pools are not allowed in workflow code; ${ASYNC}`,
    advice: 'Use Async.function(...)',
  },
  {
    calls: (callee, call) => callee === 'new Random' && call.args.length === 0,
    code: 'random',
    message: 'new Random() is seeded differently on replay; use Workflow.newRandom().',
    use: 'Workflow.newRandom()',
  },
  {
    calls: ['new Thread'],
    code: 'thread',
    message: `Threads are not allowed in workflow code; ${ASYNC}`,
    advice: 'Use Async.procedure(...) or Workflow.newPromise()',
  },
];
