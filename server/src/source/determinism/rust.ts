// Determinism rules of rust workflow code, as data: the calls that differ on replay, with
// their message and the fix or advice the SDK's documentation gives. Checked by diagnostics.ts.
import {
  CLOCK,
  ioRule,
  replaceFix,
  innerArgs,
  type DeterminismRule,
  type WorkflowCode,
} from '../diagnostics';

/** The last two path segments (`std::thread::spawn` -> `thread::spawn`). */
const tail = (path: string) => path.split('::').slice(-2).join('::');
/** Advice for Temporal workflow code, and for duroxide orchestrations. */
const advise = (temporal: string, durable: string) => (c: WorkflowCode) =>
  (c.durable ? durable : temporal).replace(/\{ctx\}/g, c.context);
export const DETERMINISM: readonly DeterminismRule[] = [
  {
    calls: (p) =>
      [
        'SystemTime::now',
        'Instant::now',
        'Utc::now',
        'Local::now',
        'OffsetDateTime::now_utc',
      ].includes(tail(p)),
    code: 'time',
    message: `${CLOCK}.`,
    advice: advise('Use {ctx}.workflow_time()', 'Use {ctx}.utc_now().await'),
  },
  {
    calls: (p, _call, c) =>
      p === 'tokio::time::sleep' || (p === 'sleep' && !c.durable) || tail(p) === 'time::sleep',
    code: 'sleep',
    message: 'Native timers are not replayed; use a durable timer.',
    fix: (call, { durable, context: c }) => {
      const timer = `${c}.${durable ? 'schedule_timer' : 'timer'}`;
      return replaceFix(`Use ${timer}`, call.range, `${timer}(${innerArgs(call)})`);
    },
  },
  {
    calls: (p) => tail(p) === 'thread::sleep',
    code: 'sleep',
    message: 'thread::sleep blocks the workflow and is not replayed; use a durable timer.',
    advice: advise('Use {ctx}.timer(d).await', 'Use {ctx}.schedule_timer(d).await'),
  },
  {
    calls: (p) =>
      p === 'spawn' ||
      [
        'tokio::spawn',
        'task::spawn',
        'thread::spawn',
        'tokio::task::spawn_blocking',
        'task::spawn_blocking',
      ].includes(tail(p)),
    code: 'thread',
    message: 'Spawned tasks and threads are not replay-safe in workflow code.',
    advice: advise(
      'Use futures::join! / select! (biased) on workflow futures',
      'Use {ctx}.join / {ctx}.select',
    ),
  },
  {
    calls: (p) =>
      p === 'thread_rng' ||
      p === 'random' ||
      ['rand::thread_rng', 'rand::random', 'rand::rng'].includes(tail(p)),
    code: 'random',
    message: 'Random values differ on replay.',
    advice: advise(
      'Use {ctx}.random_seed() to seed a generator',
      'Produce random values in an activity',
    ),
  },
  {
    calls: (p) => tail(p) === 'Uuid::new_v4' || tail(p) === 'Uuid::now_v7',
    code: 'uuid',
    message: 'Generated UUIDs differ on replay.',
    advice: advise('Produce the UUID in an activity', 'Use {ctx}.new_guid().await'),
  },
  ioRule((p) => {
    const s = p.split('::');
    return (
      s[0] === 'reqwest' ||
      (s[0] === 'std' && s[1] === 'fs') ||
      s[0] === 'fs' ||
      ['File::open', 'File::create'].includes(tail(p))
    );
  }),
];
