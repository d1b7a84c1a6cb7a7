// A completed execution with a long history (at least `minEvents` events) on the given server,
// made by test/support/workers/manyEvents.py with its own worker, or found there from an earlier
// test file (it takes ~40 s to make on a loaded machine, so one per dev server).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../..');

export async function ensureManyEventsExecution(
  address: string,
  namespace: string,
  minEvents = 20_000,
): Promise<{ workflowId: string; eventCount: number }> {
  const workflowId = `many-events-${minEvents}`;
  const { stdout } = await promisify(execFile)(
    path.join(repoRoot, '.tools/venv/bin/python'),
    [
      path.join(repoRoot, 'test/support/workers/manyEvents.py'),
      address,
      namespace,
      workflowId,
      String(minEvents),
    ],
    { timeout: 300_000 },
  );
  const eventCount = Number(/: (\d+) events/.exec(stdout)?.[1]);
  if (!(eventCount >= minEvents))
    throw new Error(`manyEvents.py made ${eventCount} events: ${stdout}`);
  return { workflowId, eventCount };
}
