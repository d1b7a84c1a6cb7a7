// Determinism rules of go workflow code, as data: the calls that differ on replay, with
// their message and the fix or advice the SDK's documentation gives. Checked by diagnostics.ts.
import { CLOCK, ioRule, replaceFix, type DeterminismRule } from '../diagnostics';

const NOW = `${CLOCK}; use workflow.Now.`;
const SIDE_EFFECT = 'produce them in workflow.SideEffect or an activity.';
export const DETERMINISM: readonly DeterminismRule[] = [
  { calls: ['time.Now'], code: 'time', message: NOW, use: '{wf}.Now({ctx})' },
  {
    calls: ['time.Since'],
    code: 'time',
    message: NOW,
    use: ['{wf}.Now({ctx}).Sub', '{wf}.Now({ctx}).Sub({inner})'],
  },
  { calls: ['time.Until'], code: 'time', message: NOW, advice: 'Use t.Sub({wf}.Now({ctx}))' },
  {
    calls: ['time.Sleep'],
    code: 'sleep',
    message: 'time.Sleep is not replayed; use workflow.Sleep (a durable timer).',
    use: ['{wf}.Sleep', '{wf}.Sleep({ctx}, {inner})'],
  },
  {
    calls: ['time.After', 'time.NewTimer', 'time.Tick', 'time.NewTicker', 'time.AfterFunc'],
    code: 'sleep',
    message: 'Native timers are not replayed; use workflow.NewTimer.',
    advice: 'Use {wf}.NewTimer({ctx}, d)',
  },
  {
    calls: ['make'],
    code: 'channel',
    message: 'Native channels are not replay-safe in workflow code; use workflow.Channel.',
    use: (call) =>
      call.args.length > 1
        ? ['{wf}.NewBufferedChannel', '{wf}.NewBufferedChannel({ctx}, {arg1})']
        : ['{wf}.NewChannel', '{wf}.NewChannel({ctx})'],
  },
  {
    calls: ['math/rand.', 'math/rand/v2.', 'crypto/rand.'],
    code: 'random',
    message: `Random values differ on replay; ${SIDE_EFFECT}`,
    advice: 'Wrap in {wf}.SideEffect',
  },
  {
    calls: ['New', 'NewString', 'NewRandom'].map((f) => `github.com/google/uuid.${f}`),
    code: 'uuid',
    message: `Generated UUIDs differ on replay; ${SIDE_EFFECT}`,
    advice: 'Wrap in {wf}.SideEffect',
  },
  ioRule([
    'net/http.',
    'os/exec.',
    ...['ReadFile', 'WriteFile', 'Open', 'Create', 'OpenFile', 'Getenv'].map((f) => `os.${f}`),
  ]),
  {
    calls: ['go'],
    code: 'thread',
    message: 'Goroutines are not replay-safe in workflow code; use workflow.Go.',
    // A `go func() {...}()` body moves as is; another call is wrapped in a function literal.
    fix: (call, { module: wf, context: c }) =>
      replaceFix(
        `Use ${wf}.Go`,
        call.range,
        `${wf}.Go(${c}, func(${c} ${wf}.Context) ${call.texts?.body ?? `{ ${call.texts?.inner} }`})`,
      ),
  },
  {
    calls: ['select'],
    code: 'select',
    message: 'Native select is not replay-safe in workflow code; use workflow.NewSelector.',
    advice: 'Use {wf}.NewSelector({ctx})',
  },
  {
    calls: ['range'],
    code: 'mapRange',
    message: 'Map iteration order is random; iterate over sorted keys in workflow code.',
    advice: 'Sort the keys (for example with slices.Sorted(maps.Keys(m))) and range over them',
  },
];
