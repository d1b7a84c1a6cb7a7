// Runs blocks of a .temporal file in order: values and references resolved from the file and the
// results so far, destructive operations confirmed, the first failure stops a Run all (later
// blocks usually use its results). The results stay in a session per document for references,
// hovers and single-block runs.
import { randomUUID } from 'node:crypto';
import type { ErrorKind, JsonValue } from '../../../shared/src/protocol';
import { asWorkbenchError } from '../errors';
import type { OperationBackend, ResultFields } from './backend';
import type { Block, OperationFile, Span } from './document';
import { buildRequest, type OperationRequest } from './requests';
import { fileSettings, specFor } from './specs';
import { ValueError, type Scope } from './values';

export interface BlockOutcome {
  name: string;
  command: string;
  status: 'ok' | 'failed' | 'skipped' | 'declined';
  result?: ResultFields;
  error?: { message: string; kind?: ErrorKind; span?: Span };
  durationMs: number;
  request?: OperationRequest;
  at: string;
}

export class FileSession {
  readonly results = new Map<string, ResultFields>();
  readonly outcomes = new Map<string, BlockOutcome>();
}

export interface RunOptions {
  /** Directory of the file (relative --input-file paths). */
  dir?: string;
  /** Asked once before any destructive block runs; false = nothing runs. */
  confirm?: (blocks: Block[]) => Promise<boolean>;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, block: Block) => void;
  /** Problems that keep a block from being sent (syntax errors, unknown attributes ...). */
  precheck?: (block: Block) => string[];
}

export function scopeOf(file: OperationFile, session: FileSession): Scope {
  const variables = new Map<string, string>([['uuid', randomUUID()]]);
  for (const s of file.settings)
    if (!(fileSettings as readonly string[]).includes(s.name)) variables.set(s.name, s.value);
  return { variables, results: session.results };
}

export async function runBlocks(
  file: OperationFile,
  blocks: Block[],
  session: FileSession,
  backend: OperationBackend,
  options: RunOptions = {},
): Promise<BlockOutcome[]> {
  const destructive = blocks.filter((b) => specFor(b.command)?.destructive);
  const outcomes: BlockOutcome[] = [];
  const at = () => new Date().toISOString();
  if (destructive.length && options.confirm && !(await options.confirm(destructive))) {
    return blocks.map((b) => ({
      name: b.name,
      command: b.command,
      status: 'declined',
      durationMs: 0,
      at: at(),
    }));
  }
  const scope = scopeOf(file, session);
  let failed = false;
  for (const [i, block] of blocks.entries()) {
    if (failed || options.signal?.aborted) {
      outcomes.push({
        name: block.name,
        command: block.command,
        status: 'skipped',
        durationMs: 0,
        at: at(),
      });
      continue;
    }
    options.onProgress?.(i, blocks.length, block);
    const started = performance.now();
    let request: OperationRequest | undefined;
    try {
      const problems = options.precheck?.(block) ?? [];
      if (problems.length) throw new ValueError(`Not sent: ${problems.join('; ')}`, block.nameSpan);
      request = buildRequest(file, block, scope, options.dir);
      const result = await backend.run(request, options.signal ?? new AbortController().signal);
      session.results.set(block.name, result);
      outcomes.push({
        name: block.name,
        command: block.command,
        status: 'ok',
        result,
        request,
        durationMs: performance.now() - started,
        at: at(),
      });
    } catch (err) {
      failed = true;
      const error =
        err instanceof ValueError
          ? { message: err.message, kind: 'InvalidInput' as ErrorKind, span: err.span }
          : (() => {
              const e = asWorkbenchError(err);
              return { message: e.message, kind: e.kind };
            })();
      outcomes.push({
        name: block.name,
        command: block.command,
        status: 'failed',
        error,
        request,
        durationMs: performance.now() - started,
        at: at(),
      });
    }
  }
  for (const o of outcomes)
    if (o.status !== 'skipped' && o.status !== 'declined') session.outcomes.set(o.name, o);
  return outcomes;
}

/** The output document: each block's outcome and result as JSON, newest run first in the file. */
export function formatOutcomes(fileName: string, outcomes: BlockOutcome[], header: string): string {
  const lines = [`# ${fileName}: ${header}`, ''];
  for (const o of outcomes) {
    const mark = { ok: '✓', failed: '✗', skipped: '–', declined: '–' }[o.status];
    const time =
      o.status === 'ok' || o.status === 'failed' ? ` (${Math.round(o.durationMs)} ms)` : '';
    lines.push(`## ${mark} ${o.name}: ${o.command} — ${o.status}${time}`);
    if (o.result) lines.push('```json', JSON.stringify(o.result, null, 2), '```');
    if (o.error) lines.push(`${o.error.kind ? `${o.error.kind}: ` : ''}${o.error.message}`);
    if (o.status === 'skipped') lines.push('Not run: an earlier block failed.');
    if (o.status === 'declined')
      lines.push('Not run: the destructive operations were not confirmed.');
    lines.push('');
  }
  return lines.join('\n');
}

/** A short value for hovers and lenses. */
export function shortValue(v: JsonValue | undefined): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text === undefined ? '' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
