// Runs a replay runner script in a child process and reads its structured result.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Interpreter } from './environment';

export interface RunnerHistory {
  workflowId: string;
  runId: string;
  history: { events: unknown[] };
}

export interface RunnerJob {
  /** TypeScript: the workflows module to bundle. */
  workflowsPath?: string;
  /** Python: the module file holding the workflow classes. */
  module?: string;
  histories: RunnerHistory[];
}

export interface RunnerRunResult {
  workflowId: string;
  runId: string;
  ok: boolean;
  kind?: 'nondeterminism' | 'failure';
  message?: string;
}

export type RunnerOutput =
  { sdk?: string; results: RunnerRunResult[] } | { missingSdk: string } | { error: string };

/** Writes the job to a temp folder; the runner's result goes next to it. */
export async function writeJob(
  job: RunnerJob,
): Promise<{ dir: string; jobFile: string; resultFile: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'temporal-replay-'));
  const jobFile = path.join(dir, 'job.json');
  await fs.writeFile(jobFile, JSON.stringify(job));
  return { dir, jobFile, resultFile: path.join(dir, 'result.json') };
}

export async function readResult(resultFile: string, output: string): Promise<RunnerOutput> {
  try {
    return JSON.parse(await fs.readFile(resultFile, 'utf8')) as RunnerOutput;
  } catch {
    return {
      error: `the replay runner wrote no result${output ? `:\n${output.slice(-2000)}` : ''}`,
    };
  }
}

/** Runs `runner job result` with the interpreter; aborting kills the child. */
export async function runRunner(
  interpreter: Interpreter,
  runner: string,
  job: RunnerJob,
  cwd: string,
  signal?: AbortSignal,
): Promise<RunnerOutput> {
  const { dir, jobFile, resultFile } = await writeJob(job);
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(interpreter.command, [runner, jobFile, resultFile], {
        cwd,
        env: { ...process.env, ...interpreter.env, PYTHONDONTWRITEBYTECODE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let tail = '';
      const keep = (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-8000);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const onAbort = () => child.kill('SIGKILL');
      signal?.addEventListener('abort', onAbort, { once: true });
      child.once('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new Error(`could not start ${interpreter.command}: ${err.message}`));
      });
      child.once('close', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(tail);
      });
    });
    if (signal?.aborted) throw new Error('replay cancelled');
    return await readResult(resultFile, output);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
