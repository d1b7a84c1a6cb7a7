// Decodes the payloads of one answer together: callers register each payload with a callback,
// then one flush sends them all through the codec endpoint (one HTTP request, not one per
// payload) and hands each callback its readable view.
import type { PayloadView } from '../../../shared/src/protocol';
import { codecDecode, CodecError } from './codec';
import { payloadToDisplay, type PayloadLike } from './display';

export interface DecoderOptions {
  /** The profile's codec endpoint, if it has one. */
  codecEndpoint?: string;
  namespace: string;
  signal?: AbortSignal;
}

export class PayloadDecoder {
  private pending: { payload: PayloadLike; done: (view: PayloadView) => void }[] = [];

  constructor(private readonly options: DecoderOptions) {}

  /** Queues one payload; `done` receives its view at the next flush. */
  add(payload: PayloadLike, done: (view: PayloadView) => void): void {
    this.pending.push({ payload, done });
  }

  /** Queues a list; `done` receives the views in the same order. */
  addAll(payloads: readonly PayloadLike[], done: (views: PayloadView[]) => void): void {
    const views: PayloadView[] = new Array(payloads.length);
    if (!payloads.length) {
      done(views);
      return;
    }
    let left = payloads.length;
    payloads.forEach((p, i) =>
      this.add(p, (v) => {
        views[i] = v;
        if (--left === 0) done(views);
      }),
    );
  }

  /** Decodes everything queued; a failing codec leaves the payloads as they are, with a note. */
  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    let decoded: PayloadLike[] | undefined;
    let note: string | undefined;
    if (this.options.codecEndpoint) {
      try {
        decoded = await codecDecode(
          this.options.codecEndpoint,
          this.options.namespace,
          batch.map((b) => b.payload),
          this.options.signal,
        );
      } catch (err) {
        if (!(err instanceof CodecError)) throw err;
        note = err.message;
      }
    }
    batch.forEach((b, i) => {
      const view = payloadToDisplay(decoded?.[i] ?? b.payload);
      if (decoded && changed(b.payload, decoded[i])) view.decodedByCodec = true;
      if (note) view.note = view.note ? `${note}; ${view.note}` : note;
      b.done(view);
    });
  }

  /** Convenience: decode one list now. */
  async views(payloads: readonly PayloadLike[]): Promise<PayloadView[]> {
    let out: PayloadView[] = [];
    this.addAll(payloads, (v) => (out = v));
    await this.flush();
    return out;
  }
}

function changed(a: PayloadLike, b: PayloadLike): boolean {
  if (Buffer.compare(a.data, b.data) !== 0) return true;
  const ka = Object.keys(a.metadata);
  const kb = Object.keys(b.metadata);
  if (ka.length !== kb.length) return true;
  return ka.some((k) => !b.metadata[k] || Buffer.compare(a.metadata[k], b.metadata[k]) !== 0);
}
