import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { activityInfo, CompleteAsyncError, log } from '@temporalio/activity';

/** Builds the greeting text; kept in an activity so the greeting workflow has one to show. */
export async function composeGreeting(greeting: string, name: string): Promise<string> {
  return `${greeting}, ${name}!`;
}

/**
 * Hands its task token to someone outside the worker and returns without a result: the
 * activity stays open until that party calls CompleteActivity (or fails/cancels it).
 */
export async function waitForExternalCompletion(input: string): Promise<string> {
  const info = activityInfo();
  const token = Buffer.from(info.taskToken).toString('base64');
  const dir = process.env.TEMPORAL_TEST_FIXTURE_DIR;
  const workflowId = info.workflowExecution?.workflowId;
  if (dir && workflowId) {
    // Write then rename, so a reader never sees a half-written token.
    const target = join(dir, `${workflowId}.token`);
    const partial = `${target}.${randomUUID()}.tmp`;
    await writeFile(partial, token);
    await rename(partial, target);
  }
  log.info('Waiting for external completion', { input, activityId: info.activityId });
  throw new CompleteAsyncError();
}

/** Fails on purpose until the given attempt, so its workflow shows an activity retry. */
export async function flakyStep(succeedOnAttempt: number): Promise<string> {
  const { attempt } = activityInfo();
  if (attempt < succeedOnAttempt) throw new Error(`attempt ${attempt} fails on purpose`);
  return `succeeded on attempt ${attempt}`;
}
