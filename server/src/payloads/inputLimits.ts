// Input text the server would refuse or that would be silently corrupted: refused here, before
// anything is sent, with the field named.
import { WorkbenchError } from '../errors';

/** Temporal's default `limit.blobSizeLimitError`: larger payloads fail the call (or the workflow). */
export const maxPayloadBytes = 2 * 1024 * 1024;

// A UTF-16 surrogate without its pair: UTF-8 cannot carry it; an encoder would write U+FFFD instead.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkInputText(text: string | undefined, field: string): void {
  if (!text) return;
  const bytes = Buffer.byteLength(text);
  if (bytes > maxPayloadBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new WorkbenchError(
      'InvalidInput',
      `${field} is ${mb(bytes)}: Temporal refuses payloads over ${mb(maxPayloadBytes)} by default (nothing was sent)`,
    );
  }
  const bad = loneSurrogate.exec(text);
  if (bad) {
    const before = text.slice(0, bad.index).split('\n');
    throw new WorkbenchError(
      'InvalidInput',
      `${field} has a character that is not valid Unicode at line ${before.length}, column ${before[before.length - 1].length + 1} (nothing was sent)`,
    );
  }
}
