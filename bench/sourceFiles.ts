// Generated workflow modules for the source benchmark: about `lines` lines of workflows with
// handlers, activities and helpers, in each analysed language.

/** A module of `header` then numbered units (as lines) until it has about `lines` lines. */
function repeatedLines(header: string[], unit: (i: number) => string[]): (lines: number) => string {
  return (lines) => {
    const out = [...header];
    for (let i = 0; out.length < lines; i++) out.push(...unit(i));
    return out.join('\n');
  };
}

/** The same with a unit given as one text (a blank line follows each). */
const repeated = (header: string[], unit: (i: number) => string) =>
  repeatedLines(header, (i) => [...unit(i).split('\n'), '']);

/** A Python module of about `lines` lines: workflows with handlers, activities and helpers. */
export const generatePython = repeatedLines(
  [
    'import time',
    'from datetime import timedelta',
    'from temporalio import activity, workflow',
    '',
  ],
  (i) => [
    `@activity.defn(name="activity-${i}")`,
    `async def activity_${i}(value: int) -> int:`,
    `    return value + ${i}`,
    '',
    `@workflow.defn(name="workflow-${i}")`,
    `class Workflow${i}:`,
    '    def __init__(self) -> None:',
    '        self.total = 0',
    '',
    '    @workflow.run',
    `    async def run(self, start: int, label: str = "w${i}") -> int:`,
    '        for step in range(3):',
    `            self.total += await workflow.execute_activity(activity_${i}, step, start_to_close_timeout=timedelta(seconds=5))`,
    '        return self.total',
    '',
    '    @workflow.signal',
    '    def add(self, amount: int) -> None:',
    '        self.total += amount',
    '',
    `def helper_${i}(values: list[int]) -> dict[str, int]:`,
    '    squares = [v * v for v in values]',
    '    return {"count": len(squares), "sum": sum(squares), "at": int(time.time())}',
    '',
  ],
);

/** A TypeScript workflow module of about `lines` lines. */
export const generateTypescript = repeatedLines(
  [
    "import { defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';",
    "import type * as activities from './activities';",
    "const { work } = proxyActivities<typeof activities>({ startToCloseTimeout: '1 minute' });",
    '',
  ],
  (i) => [
    `export const addSignal${i} = defineSignal<[number]>('add${i}');`,
    '',
    `/** Workflow number ${i}. */`,
    `export async function workflow${i}(start: number, label = 'w${i}'): Promise<number> {`,
    '  let total = start;',
    `  setHandler(addSignal${i}, (amount) => {`,
    '    total += amount;',
    '  });',
    '  for (let step = 0; step < 3; step++) {',
    '    total += await work(step, label);',
    "    await sleep('1 second');",
    '  }',
    '  return total;',
    '}',
    '',
    `function helper${i}(values: number[]): { count: number; sum: number } {`,
    '  const squares = values.map((v) => v * v);',
    '  return { count: squares.length, sum: squares.reduce((a, b) => a + b, 0) };',
    '}',
    '',
  ],
);

const generateGo = repeated(
  ['package workflows', '', 'import (', '\t"time"', '', '\t"go.temporal.io/sdk/workflow"', ')', ''],
  (i) => `func Workflow${i}(ctx workflow.Context, start int) (int, error) {
\ttotal := start
\tsignals := workflow.GetSignalChannel(ctx, "add${i}")
\t_ = signals
\tctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
\tfor step := 0; step < 3; step++ {
\t\tvar r int
\t\tif err := workflow.ExecuteActivity(ctx, "work", step).Get(ctx, &r); err != nil {
\t\t\treturn 0, err
\t\t}
\t\ttotal += r
\t}
\treturn total, nil
}

func helper${i}(values []int) int {
\tsum := 0
\tfor _, v := range values {
\t\tsum += v * v
\t}
\treturn sum
}`,
);

const generateJava = repeated(
  ['package bench;', '', 'import io.temporal.workflow.*;', 'import java.time.Duration;', ''],
  (i) => `@WorkflowInterface
interface Workflow${i} {
  @WorkflowMethod(name = "workflow-${i}")
  int run(int start);

  @SignalMethod
  void add(int amount);
}

class Workflow${i}Impl implements Workflow${i} {
  private int total;

  @Override
  public int run(int start) {
    total = start;
    Workflow.sleep(Duration.ofSeconds(1));
    return total;
  }

  @Override
  public void add(int amount) {
    total += amount;
  }
}`,
);

const generateCsharp = repeated(
  ['using Temporalio.Workflows;', '', 'namespace Bench;', ''],
  (i) => `[Workflow("workflow-${i}")]
public class Workflow${i}
{
    private int total;

    [WorkflowRun]
    public async Task<int> RunAsync(int start)
    {
        total = start;
        await Workflow.DelayAsync(TimeSpan.FromSeconds(1));
        return total;
    }

    [WorkflowSignal]
    public async Task AddAsync(int amount) => total += amount;
}`,
);

const generateRust = repeated(
  [
    'use std::time::Duration;',
    'use temporalio_sdk::{workflow, workflow_methods, WorkflowContext};',
    '',
  ],
  (i) => `#[workflow]
pub struct Workflow${i} {
    total: i64,
}

#[workflow_methods]
impl Workflow${i} {
    #[run(name = "workflow-${i}")]
    pub async fn run(ctx: &mut WorkflowContext<Self>, start: i64) -> WorkflowResult<i64> {
        ctx.timer(Duration::from_secs(1)).await;
        Ok(start)
    }

    #[signal]
    pub fn add(&mut self, amount: i64) {
        self.total += amount;
    }
}`,
);

const generateClojure = repeated(
  [
    '(ns bench.workflows',
    '  (:require [temporal.workflow :refer [defworkflow]]',
    '            [temporal.activity :as a]))',
    '',
  ],
  (i) => `(defworkflow workflow-${i}
  [args]
  (let [total (atom (:start args))]
    (doseq [step (range 3)]
      (swap! total + @(a/invoke work-activity step)))
    @total))

(defn helper-${i} [values]
  (reduce + (map #(* % %) values)))`,
);

/** Language id, generator and file extension of every analysed language. */
export const generators = [
  ['python', generatePython, 'py'],
  ['typescript', generateTypescript, 'ts'],
  ['go', generateGo, 'go'],
  ['java', generateJava, 'java'],
  ['csharp', generateCsharp, 'cs'],
  ['rust', generateRust, 'rs'],
  ['clojure', generateClojure, 'clj'],
] as const;
