// A remote codec endpoint as the Temporal Web UI uses it: POST <endpoint>/decode with
// {"payloads":[{"metadata":{k: base64}, "data": base64}]} and the namespace in X-Namespace.
import type { RawPayload } from '../../../shared/src/protocol';
import { redact, rememberSecret } from '../redact';
import { fromRawPayload, toRawPayload, type PayloadLike } from './display';

const CODEC_TIMEOUT_MS = 10_000;

/** Its message lands in result documents: never with credentials in it. */
export class CodecError extends Error {
  constructor(message: string) {
    super(redact(message));
  }
}

/**
 * `https://user:password@host/path` works in the Web UI's codec setting; fetch refuses URLs with
 * credentials, so they go in a Basic authorization header and the URL shown is without them.
 */
function splitCredentials(endpoint: string): { url: string; authorization?: string } {
  const trimmed = endpoint.replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(`${trimmed}/decode`);
  } catch {
    return { url: `${trimmed}/decode` };
  }
  if (!parsed.username && !parsed.password) return { url: parsed.toString() };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  rememberSecret(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
  };
}

/** Sends payloads through `<endpoint>/decode`; the answer has one payload per payload sent. */
export async function codecDecode(
  endpoint: string,
  namespace: string,
  payloads: PayloadLike[],
  signal?: AbortSignal,
): Promise<PayloadLike[]> {
  if (!payloads.length) return [];
  const { url, authorization } = splitCredentials(endpoint);
  const timeout = AbortSignal.timeout(CODEC_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-namespace': namespace,
        ...(authorization ? { authorization } : {}),
      },
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
