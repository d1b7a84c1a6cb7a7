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

// Retries fast so the execution tour's retried activity takes well under a second.
const { flakyStep } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '50 milliseconds', backoffCoefficient: 1, maximumAttempts: 5 },
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

export const proceedSignal = defineSignal('proceed');
export const setNoteUpdate = defineUpdate<string, [note: string]>('setNote');

/**
 * Leaves every kind of event the execution view shows: a retried activity, a timer, a child,
 * a signal (`proceed`) and an update (`setNote`); then fails with a stack trace.
 */
export async function executionTour(succeedOnAttempt: number): Promise<never> {
  let note = '';
  let proceed = false;
  setHandler(setNoteUpdate, (n) => {
    const previous = note;
    note = n;
    return previous;
  });
  setHandler(proceedSignal, () => {
    proceed = true;
  });
  await flakyStep(succeedOnAttempt);
  await sleep(100);
  await executeChild(greeting, { workflowId: `${workflowInfo().workflowId}-child`, args: ['tour'] });
  await condition(() => proceed);
  await condition(allHandlersFinished);
  throw ApplicationFailure.create({ message: `tour ended (note: ${note})`, type: 'TourFailure', nonRetryable: true });
}
