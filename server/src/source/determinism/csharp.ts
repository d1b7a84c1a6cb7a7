// Determinism rules of csharp workflow code, as data: the calls that differ on replay, with
// their message and the fix or advice the SDK's documentation gives. Checked by diagnostics.ts.
import { CLOCK, ioRule, type DeterminismRule } from '../diagnostics';

const UTC_NOW = `${CLOCK}; use Workflow.UtcNow.`;
export const DETERMINISM: readonly DeterminismRule[] = [
  {
    calls: ['Task.Run'],
    code: 'thread',
    message: 'Task.Run schedules on the thread pool; use Workflow.RunTaskAsync in workflow code.',
    use: ['Workflow.RunTaskAsync', 'Workflow.RunTaskAsync{args}'],
  },
  {
    calls: [
      'Task.Factory.StartNew',
      'Parallel.For',
      'Parallel.ForEach',
      'ThreadPool.QueueUserWorkItem',
    ],
    code: 'thread',
    message: 'Thread-pool work is not allowed in workflow code; use Workflow.RunTaskAsync.',
    advice: 'Use Workflow.RunTaskAsync',
  },
  {
    calls: ['Task.Delay'],
    code: 'sleep',
    message: 'Task.Delay uses a system timer; use Workflow.DelayAsync (a durable timer).',
    use: ['Workflow.DelayAsync', 'Workflow.DelayAsync{args}'],
  },
  {
    calls: ['Thread.Sleep'],
    code: 'sleep',
    message: 'Thread.Sleep blocks the workflow; use await Workflow.DelayAsync.',
    use: ['await Workflow.DelayAsync', 'await Workflow.DelayAsync{args}'],
  },
  ...['WhenAny', 'WhenAll'].map((m): DeterminismRule => ({
    calls: [`Task.${m}`],
    code: 'thread',
    message: `Task.${m} is not deterministic in workflow code; use Workflow.${m}Async.`,
    use: [`Workflow.${m}Async`, `Workflow.${m}Async{args}`],
  })),
  {
    calls: ['Guid.NewGuid'],
    code: 'uuid',
    message: 'Generated GUIDs differ on replay; use Workflow.NewGuid().',
    use: 'Workflow.NewGuid()',
  },
  {
    calls: ['Stopwatch.StartNew', 'Environment.TickCount', 'Environment.TickCount64'],
    code: 'time',
    message: UTC_NOW,
    advice: 'Use Workflow.UtcNow',
  },
  ioRule((_callee, call) => call.object === 'File' || call.object === 'Directory'),
  {
    calls: ['DateTime.Today'],
    code: 'time',
    message: UTC_NOW,
    use: ['Workflow.UtcNow', 'Workflow.UtcNow.Date'],
  },
  {
    calls: ['DateTimeOffset.Now', 'DateTimeOffset.UtcNow'],
    code: 'time',
    message: UTC_NOW,
    use: ['Workflow.UtcNow', 'new DateTimeOffset(Workflow.UtcNow)'],
  },
  {
    calls: ['DateTime.Now', 'DateTime.UtcNow'],
    code: 'time',
    message: UTC_NOW,
    use: 'Workflow.UtcNow',
  },
  {
    calls: (callee, call) =>
      callee === 'new Random' && call.args.length + Object.keys(call.named).length === 0,
    code: 'random',
    message: 'new Random() is seeded differently on replay; use Workflow.Random.',
    use: 'Workflow.Random',
  },
  {
    calls: ['new Thread'],
    code: 'thread',
    message: 'Threads are not allowed in workflow code; use Workflow.RunTaskAsync.',
    advice: 'Use Workflow.RunTaskAsync',
  },
  ioRule(['new HttpClient']),
];
