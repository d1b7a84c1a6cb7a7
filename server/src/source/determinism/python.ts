// Determinism rules of python workflow code, as data: the calls that differ on replay, with
// their message and the fix or advice the SDK's documentation gives. Checked by diagnostics.ts.
import { CLOCK, ioRule, type DeterminismRule } from '../diagnostics';

const under = (...modules: string[]) => modules.flatMap((m) => [m, `${m}.`]);
const TIME = `${CLOCK}; use workflow.time().`;
const RANDOM = 'Random values are not replay-safe in workflow code; use workflow.random().';
export const DETERMINISM: readonly DeterminismRule[] = [
  { calls: ['time.time', 'time.time_ns'], code: 'time', message: TIME, use: '{wf}.{rest}()' },
  {
    calls: ['time.monotonic', 'time.perf_counter', 'time.monotonic_ns', 'time.perf_counter_ns'],
    code: 'time',
    message: TIME,
    advice: 'Use workflow.time()',
  },
  {
    calls: ['time.sleep'],
    code: 'sleep',
    message:
      'time.sleep blocks the workflow and is not replayed; use workflow.sleep (or asyncio.sleep).',
    use: (call) => (call.inAsync ? ['await {wf}.sleep()', 'await {wf}.sleep{args}'] : undefined),
    advice: 'Use await workflow.sleep() in an async method',
  },
  {
    calls: [
      'datetime.datetime.now',
      'datetime.datetime.utcnow',
      'datetime.datetime.today',
      'datetime.date.today',
    ],
    code: 'time',
    message: `${CLOCK}; use workflow.now().`,
    advice: 'Use workflow.now()',
    use: (call, c) =>
      c === 'datetime.date.today'
        ? ['{wf}.now()', '{wf}.now().date()']
        : c === 'datetime.datetime.now' && call.args.length > 0
          ? undefined // now(tz) has no direct replacement
          : '{wf}.now()',
  },
  {
    calls: ['random.Random', 'random.SystemRandom'],
    code: 'random',
    message: 'Unseeded random generators are not replay-safe; use workflow.random().',
    use: (call) => (call.args.length === 0 ? '{wf}.random()' : undefined),
    advice: 'Use workflow.random()',
  },
  {
    calls: under('random'),
    code: 'random',
    message: 'The random module is not replay-safe in workflow code; use workflow.random().',
    use: ['{wf}.random()', '{wf}.random().{rest}{args}'],
  },
  {
    calls: ['os.urandom', ...under('secrets')],
    code: 'random',
    message: RANDOM,
    advice: 'Use workflow.random()',
  },
  {
    calls: ['uuid.uuid4', 'uuid.uuid1'],
    code: 'uuid',
    message: 'Generated UUIDs differ on replay; use workflow.uuid4().',
    use: '{wf}.uuid4()',
  },
  ioRule([
    ...['open', 'io.open', 'os.system'],
    ...under('requests', 'httpx', 'aiohttp', 'urllib.request', 'socket', 'subprocess', 'shutil'),
  ]),
  {
    calls: under('threading', 'multiprocessing', 'concurrent.futures'),
    code: 'thread',
    message:
      'Threads are not allowed in workflow code; use asyncio tasks or workflow.wait_condition.',
    advice: 'Use asyncio tasks or workflow.wait_condition',
  },
];
