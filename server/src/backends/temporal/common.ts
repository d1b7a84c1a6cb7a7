// Helpers every operation module uses: reads retried on Unavailable, durations and times in the
// wire formats of the protocol, enum names both ways, and the payload decoder of a target.
import type { Duration, Timestamp } from '@bufbuild/protobuf/wkt';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { GenEnum } from '@bufbuild/protobuf/codegenv2';
import { WorkbenchError } from '../../errors';
import { PayloadDecoder } from '../../payloads/decoder';
import type { TemporalConnection } from '../../connection/temporalConnection';
import { enumName } from '../../temporal/enums';
import type { Target, Workbench } from '../../workbench';

export { enumName };

/** Attempts and first backoff of a read that meets Unavailable. */
export const READ_ATTEMPTS = 3;
export const READ_BACKOFF_MS = 300;

/** Deadline of one long-poll call (the server answers empty after ~20 s). */
export const LONG_POLL_MS = 70_000;

/**
 * Runs `fn` and retries it, with exponential backoff, while it fails with Unavailable. Only for
 * reads: a write that failed in flight may have happened, so writes are never retried blindly.
 */
export async function retryUnavailable<T>(
  fn: () => Promise<T>,
  options: {
    attempts?: number;
    backoffMs?: number;
    signal?: AbortSignal;
    /** How to wait between attempts (tests record the backoff instead of waiting it out). */
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  } = {},
): Promise<T> {
  const attempts = options.attempts ?? READ_ATTEMPTS;
  const backoff = options.backoffMs ?? READ_BACKOFF_MS;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const retryable = err instanceof WorkbenchError && err.kind === 'Unavailable';
      if (!retryable || options.signal?.aborted) throw err;
      // The message says the read was retried, so a person knows waiting alone did not help.
      if (attempt >= attempts)
        throw attempt > 1
          ? new WorkbenchError(err.kind, `${err.message} (tried ${attempt} times)`, err.data)
          : err;
      await wait(backoff * 3 ** (attempt - 1), options.signal);
    }
  }
}

/** A read through the workbench (errors mapped), retried on Unavailable. */
export function read<T>(
  wb: Workbench,
  target: Target,
  fn: (c: TemporalConnection) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  return retryUnavailable(() => wb.call(target, fn), { signal });
}

/** A write: refused on read-only profiles, sent once. */
export function write<T>(
  wb: Workbench,
  target: Target,
  fn: (c: TemporalConnection) => Promise<T>,
): Promise<T> {
  wb.assertWritable(target);
  return wb.call(target, fn);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new WorkbenchError('Cancelled', 'Cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WorkbenchError('Cancelled', 'Cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The decoder for payloads read through a target (uses the profile's codec endpoint). */
export function decoderFor(target: Target, signal?: AbortSignal): PayloadDecoder {
  return new PayloadDecoder({
    codecEndpoint: target.profile.codecEndpoint,
    namespace: target.namespace,
    signal,
  });
}

// ---------------------------------------------------------------------------------------------
// Durations and times

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};

/** `90s`, `1m30s`, `1.5h`, `250ms`, `2d`, or a bare number of seconds -> seconds. */
export function parseDurationSeconds(text: string, field: string): number {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = part.exec(s); m; m = part.exec(s)) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    matched = part.lastIndex;
  }
  if (!s || matched !== s.length) {
    throw new WorkbenchError(
      'InvalidInput',
      `${field} '${text}' is not a duration (examples: 90s, 1m30s, 1.5h, 250ms)`,
    );
  }
  return total;
}

/** Duration text -> protobuf Duration init (undefined when absent). */
export function durationInput(
  text: string | undefined,
  field: string,
): { seconds: bigint; nanos: number } | undefined {
  if (text === undefined || text === '') return undefined;
  const seconds = parseDurationSeconds(text, field);
  const whole = Math.floor(seconds);
  return { seconds: BigInt(whole), nanos: Math.round((seconds - whole) * 1e9) };
}

/** Duration -> seconds. */
export function durationSeconds(d: Duration | undefined): number | undefined {
  if (!d) return undefined;
  return Number(d.seconds) + d.nanos / 1e9;
}

/** Duration -> the proto3 JSON text (`10s`, `0.250s`), as the CLI prints it. */
export function durationText(d: Duration | undefined): string | undefined {
  if (!d) return undefined;
  const s = durationSeconds(d)!;
  return `${Number.isInteger(s) ? s : Number(s.toFixed(9))}s`;
}

/** Timestamp -> ISO 8601 (undefined for unset or zero). */
export function isoTime(t: Timestamp | undefined): string | undefined {
  if (!t || (t.seconds === 0n && t.nanos === 0)) return undefined;
  return timestampDate(t).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Enums

/** A display name (`UseExisting`) -> the enum number, or InvalidInput listing the choices. */
export function enumValue<T extends number>(schema: GenEnum<T>, name: string, field: string): T {
  const values = schema.values.filter((v) => v.number !== 0);
  const found = values.find((v) => enumName(schema, v.number as T) === name);
  if (!found) {
    const choices = values.map((v) => enumName(schema, v.number as T)).join(', ');
    throw new WorkbenchError('InvalidInput', `${field} '${name}' is not one of: ${choices}`);
  }
  return found.number as T;
}

/** Bytes <-> base64 for page tokens and task tokens. */
export function toBase64(bytes: Uint8Array): string | undefined {
  return bytes.length ? Buffer.from(bytes).toString('base64') : undefined;
}

export function fromBase64(text: string | undefined): Uint8Array {
  return text ? new Uint8Array(Buffer.from(text, 'base64')) : new Uint8Array();
}

export function required(value: string | undefined, field: string): string {
  if (!value || !value.trim()) throw new WorkbenchError('InvalidInput', `${field} is required`);
  return value;
}
