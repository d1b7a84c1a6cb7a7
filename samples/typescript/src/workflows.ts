import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  executeChild,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from './activities';

const { composeGreeting } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
});

// Completed from outside the worker, so the timeout is long and there is no heartbeat.
const { waitForExternalCompletion } = proxyActivities<typeof activities>({
  activityId: 'external-1',
  startToCloseTimeout: '1 hour',
  retry: { maximumAttempts: 1 },
});

export const incrementSignal = defineSignal<[by: number]>('increment');
export const finishSignal = defineSignal('finish');
export const valueQuery = defineQuery<number>('value');
export const setValueUpdate = defineUpdate<number, [n: number]>('setValue');

/** Greets one person. */
export async function greeting(name: string): Promise<string> {
  return await composeGreeting('Hello', name);
}

/** Holds a number that signals and updates change; returns it when told to finish. */
export async function counter(initial: number): Promise<number> {
  let value = initial;
  let finished = false;

  setHandler(incrementSignal, (by = 1) => {
    value += by;
  });
  setHandler(valueQuery, () => value);
  setHandler(
    setValueUpdate,
    (n) => {
      const previous = value;
      value = n;
      return previous;
    },
    {
      validator: (n) => {
        if (n < 0) throw new Error('value must be >= 0');
      },
    },
  );
  setHandler(finishSignal, () => {
    finished = true;
  });

  await condition(() => finished);
  // Let an update that arrived together with `finish` reply before the run closes.
  await condition(allHandlersFinished);
  return value;
}

/** Sleeps on a durable timer (an hour unless told otherwise). */
export async function longTimer(seconds = 3600): Promise<string> {
  await sleep(seconds * 1000);
  return 'done';
}

/** Fails the run at once; retrying would not help, so the failure is non-retryable. */
export async function failing(message: string): Promise<never> {
  throw ApplicationFailure.create({ message, type: 'SampleError', nonRetryable: true });
}

/** Starts a fresh run per iteration, leaving a chain of runs behind. */
export async function continueAsNewLoop(iteration: number, stopAt: number): Promise<number> {
  if (iteration >= stopAt) return iteration;
  return await continueAsNew<typeof continueAsNewLoop>(iteration + 1, stopAt);
}

/** Runs `count` greeting children side by side and collects their results in order. */
export async function parentWithChildren(count: number): Promise<string[]> {
  const parentId = workflowInfo().workflowId;
  return await Promise.all(
    Array.from({ length: count }, (_, i) =>
      executeChild(greeting, { workflowId: `${parentId}-child-${i}`, args: [`child-${i}`] }),
    ),
  );
}

/** Waits for an activity that someone else completes with its task token. */
export async function asyncActivity(input: string): Promise<string> {
  return await waitForExternalCompletion(input);
}
