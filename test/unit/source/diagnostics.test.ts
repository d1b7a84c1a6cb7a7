import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SourceDiagnostic, SourceRecords } from '../../../server/src/source';
import { engineErrors, sharedEngine } from './helpers';

async function analyze(file: string, text: string): Promise<SourceRecords> {
  const engine = await sharedEngine();
  const records = engine.analyzeOnce(`file:///work/${file}`, engine.languageForPath(file)!, text);
  assert.ok(records);
  assert.deepEqual(engineErrors, []);
  return records;
}

/** Text covered by a range of `text` (ranges are zero-based line/character). */
function textAt(text: string, d: { range: SourceDiagnostic['range'] }): string {
  const lines = text.split('\n');
  const { start, end } = d.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [
    lines[start.line].slice(start.character),
    ...lines.slice(start.line + 1, end.line),
    lines[end.line].slice(0, end.character),
  ].join('\n');
}

/** [code, flagged text, replacement or undefined] per diagnostic. */
function summary(text: string, records: SourceRecords) {
  return records.diagnostics.map((d) => [d.code, textAt(text, d), d.fix?.edits[0]?.newText]);
}

describe('determinism diagnostics', () => {
  test('python: only inside workflow classes, with workflow.* replacements', async () => {
    const text = [
      'import time, random, uuid',
      'from datetime import datetime as dt',
      'from temporalio import workflow, activity',
      '@workflow.defn',
      'class W:',
      '    @workflow.run',
      '    async def run(self) -> None:',
      '        # time.sleep(1)',
      '        s = "time.time()"',
      '        time.sleep(2)',
      '        t = time.time()',
      '        n = dt.now()',
      '        r = random.choice([1, 2])',
      '        u = uuid.uuid4()',
      '    @workflow.signal',
      '    def sig(self) -> None:',
      '        time.sleep(1)',
      '@activity.defn',
      'async def act() -> None:',
      '    time.sleep(1)',
      'def helper():',
      '    return time.time()',
    ].join('\n');
    assert.deepEqual(summary(text, await analyze('w.py', text)), [
      ['nondeterministic-sleep', 'time.sleep', 'await workflow.sleep(2)'],
      ['nondeterministic-time', 'time.time', 'workflow.time()'],
      ['nondeterministic-time', 'dt.now', 'workflow.now()'],
      ['nondeterministic-random', 'random.choice', 'workflow.random().choice([1, 2])'],
      ['nondeterministic-uuid', 'uuid.uuid4', 'workflow.uuid4()'],
      // Sync signal handler: no await possible, so advice only.
      ['nondeterministic-sleep', 'time.sleep', undefined],
    ]);
  });

  test('typescript: Node built-ins in workflow modules only', async () => {
    const workflow = [
      "import { sleep } from '@temporalio/workflow';",
      "import fs from 'fs';",
      "import type { Socket } from 'net';",
      "import { type ChildProcess } from 'child_process';",
      "import * as http from 'node:http';",
      "const crypto = require('crypto');",
      "// import os from 'os';",
      'const s = "import os from \'os\'";',
      'export async function wf(): Promise<void> { await sleep(1); }',
    ].join('\n');
    const records = await analyze('workflows.ts', workflow);
    assert.deepEqual(
      records.diagnostics.map((d) => [d.code, textAt(workflow, d)]),
      [
        ['workflow-node-builtin-import', "'fs'"],
        ['workflow-node-builtin-import', "'node:http'"],
        ['workflow-node-builtin-import', "'crypto'"],
      ],
    );
    const activity =
      "import fs from 'fs';\nexport async function act(): Promise<string> { return fs.readFileSync('x', 'utf8'); }";
    assert.deepEqual((await analyze('activities.ts', activity)).diagnostics, []);
  });

  test('go: clock, timers, goroutines, channels, select and map iteration', async () => {
    const text = [
      'package app',
      'import (',
      '\t"math/rand"',
      '\t"time"',
      '\t"go.temporal.io/sdk/workflow"',
      ')',
      'func Wf(wctx workflow.Context, m map[string]int) error {',
      '\tnow := time.Now() // time.Now() in a comment',
      '\ttime.Sleep(time.Second)',
      '\tgo work(1)',
      '\tch := make(chan int)',
      '\tselect {}',
      '\tfor k := range m {',
      '\t\t_ = k',
      '\t}',
      '\tlocal := map[string]bool{}',
      '\tfor k := range local { _ = k }',
      '\tfor i := range []int{1} { _ = i }',
      '\t_ = rand.Intn(3)',
      '\t_, _ = now, ch',
      '\treturn nil',
      '}',
      'func plain() { _ = time.Now() }',
    ].join('\n');
    assert.deepEqual(summary(text, await analyze('wf.go', text)), [
      ['nondeterministic-time', 'time.Now', 'workflow.Now(wctx)'],
      ['nondeterministic-sleep', 'time.Sleep', 'workflow.Sleep(wctx, time.Second)'],
      [
        'nondeterministic-concurrency',
        'go work(1)',
        'workflow.Go(wctx, func(wctx workflow.Context) { work(1) })',
      ],
      ['nondeterministic-channel', 'make', 'workflow.NewChannel(wctx)'],
      ['nondeterministic-select', 'select', undefined],
      ['nondeterministic-map-iteration', 'k := range m', undefined],
      ['nondeterministic-map-iteration', 'k := range local', undefined],
      ['nondeterministic-random', 'rand.Intn', undefined],
    ]);
  });

  test('java: workflow implementation classes only', async () => {
    const text = [
      'import io.temporal.workflow.*;',
      '@WorkflowInterface interface Wf { @WorkflowMethod void run(); }',
      'class WfImpl implements Wf {',
      '  public void run() {',
      '    Thread.sleep(5);',
      '    long t = System.currentTimeMillis();',
      '    var u = java.util.UUID.randomUUID();',
      '    var r = new Random();',
      '    var seeded = new Random(42);',
      '    String s = "Thread.sleep(5)";',
      '  }',
      '}',
      'class ActsImpl implements Acts { public void act() { Thread.sleep(5); } }',
    ].join('\n');
    assert.deepEqual(summary(text, await analyze('Wf.java', text)), [
      ['nondeterministic-sleep', 'Thread.sleep', 'Workflow.sleep(5)'],
      ['nondeterministic-time', 'System.currentTimeMillis', 'Workflow.currentTimeMillis()'],
      ['nondeterministic-uuid', 'java.util.UUID.randomUUID', 'Workflow.randomUUID()'],
      ['nondeterministic-random', 'new Random()', 'Workflow.newRandom()'],
    ]);
  });

  test('csharp: [Workflow] classes only', async () => {
    const text = [
      'using Temporalio.Workflows;',
      '[Workflow]',
      'public class Wf {',
      '  [WorkflowRun]',
      '  public async Task RunAsync() {',
      '    await Task.Run(() => 1);',
      '    var now = DateTime.Now;',
      '    await Task.Delay(100);',
      '    var id = Guid.NewGuid();',
      '    var s = "DateTime.UtcNow";',
      '  }',
      '}',
      'public class Acts { [Activity] public Task DoAsync() => Task.Delay(1); }',
    ].join('\n');
    assert.deepEqual(summary(text, await analyze('Wf.cs', text)), [
      ['nondeterministic-concurrency', 'Task.Run', 'Workflow.RunTaskAsync(() => 1)'],
      ['nondeterministic-time', 'DateTime.Now', 'Workflow.UtcNow'],
      ['nondeterministic-sleep', 'Task.Delay', 'Workflow.DelayAsync(100)'],
      ['nondeterministic-uuid', 'Guid.NewGuid', 'Workflow.NewGuid()'],
    ]);
  });

  test('rust: WfContext functions, #[workflow_methods] and duroxide orchestrations', async () => {
    const text = [
      'async fn wf(ctx: WfContext) -> WorkflowResult<()> {',
      '    let t = std::time::Instant::now();',
      '    let mut rng = rand::thread_rng();',
      '    tokio::time::sleep(d).await;',
      '    Ok(WfExitValue::Normal(()))',
      '}',
      'async fn orch(octx: OrchestrationContext, input: String) -> Result<String, String> {',
      '    tokio::time::sleep(d).await;',
      '    std::thread::spawn(|| {});',
      '    Ok(input)',
      '}',
      'async fn activity(_ctx: ActContext) { tokio::time::sleep(d).await; }',
    ].join('\n');
    assert.deepEqual(summary(text, await analyze('wf.rs', text)), [
      ['nondeterministic-time', 'std::time::Instant::now', undefined],
      ['nondeterministic-random', 'rand::thread_rng', undefined],
      ['nondeterministic-sleep', 'tokio::time::sleep', 'ctx.timer(d)'],
      ['nondeterministic-sleep', 'tokio::time::sleep', 'octx.schedule_timer(d)'],
      ['nondeterministic-concurrency', 'std::thread::spawn', undefined],
    ]);
  });

  test('clojure: defworkflow bodies only', async () => {
    const text = [
      '(ns app.core (:require [temporal.workflow :refer [defworkflow]]))',
      '(defworkflow w [ctx params]',
      '  ;; (Thread/sleep 1)',
      '  (Thread/sleep 10)',
      '  (str "(rand)" (rand-int 3)))',
      '(defactivity a [ctx params] (Thread/sleep 10))',
    ].join('\n');
    assert.deepEqual(summary(text, await analyze('w.clj', text)), [
      ['nondeterministic-sleep', 'Thread/sleep', undefined],
      ['nondeterministic-random', 'rand-int', undefined],
    ]);
  });
});
