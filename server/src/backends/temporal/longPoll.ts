// One long-poll read, shared by history, updates and outcomes: the server answers empty after
// ~20 s, and when our own deadline ends the call first that means "nothing yet", not a failure.
import { WorkbenchError } from '../../errors';
import type { TemporalConnection } from '../../connection/temporalConnection';
import type { Target, Workbench } from '../../workbench';
import { LONG_POLL_MS, read } from './common';

export interface PollOptions {
  /** False: an ordinary read (normal deadline, every failure thrown). */
  longPoll: boolean;
  signal?: AbortSignal;
}

/** The answer, or undefined when a long poll ran out of time without one. */
export async function pollRead<T>(
  wb: Workbench,
  target: Target,
  call: (
    c: TemporalConnection,
    options: { signal?: AbortSignal; timeoutMs?: number },
  ) => Promise<T>,
  { longPoll, signal }: PollOptions,
): Promise<T | undefined> {
  try {
    return await read(
      wb,
      target,
      (c) => call(c, { signal, timeoutMs: longPoll ? LONG_POLL_MS : undefined }),
      signal,
    );
  } catch (err) {
    if (longPoll && err instanceof WorkbenchError && err.kind === 'DeadlineExceeded')
      return undefined;
    throw err;
  }
}
