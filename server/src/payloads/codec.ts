// A remote codec endpoint as the Temporal Web UI uses it: POST <endpoint>/decode with
// {"payloads":[{"metadata":{k: base64}, "data": base64}]} and the namespace in X-Namespace.
import type { RawPayload } from '../../../shared/src/protocol';
import { fromRawPayload, toRawPayload, type PayloadLike } from './display';

const CODEC_TIMEOUT_MS = 10_000;

export class CodecError extends Error {}

/** Sends payloads through `<endpoint>/decode`; the answer has one payload per payload sent. */
export async function codecDecode(
  endpoint: string,
  namespace: string,
  payloads: PayloadLike[],
  signal?: AbortSignal,
): Promise<PayloadLike[]> {
  if (!payloads.length) return [];
  const url = `${endpoint.replace(/\/+$/, '')}/decode`;
  const timeout = AbortSignal.timeout(CODEC_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': namespace },
      body: JSON.stringify({ payloads: payloads.map(toRawPayload) }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (err) {
    const why = timeout.aborted ? `no answer within ${CODEC_TIMEOUT_MS / 1000} s` : causeOf(err);
    throw new CodecError(`codec endpoint ${url} failed: ${why}`);
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).slice(0, 200);
    throw new CodecError(
      `codec endpoint ${url} answered ${response.status}${body ? `: ${body}` : ''}`,
    );
  }
  let answer: { payloads?: RawPayload[] };
  try {
    answer = (await response.json()) as { payloads?: RawPayload[] };
  } catch {
    throw new CodecError(`codec endpoint ${url} did not answer JSON`);
  }
  if (!Array.isArray(answer.payloads) || answer.payloads.length !== payloads.length) {
    throw new CodecError(
      `codec endpoint ${url} answered ${answer.payloads?.length ?? 'no'} payloads for ${payloads.length}`,
    );
  }
  return answer.payloads.map(fromRawPayload);
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
