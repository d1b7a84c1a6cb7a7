// Payload -> what a person can read. The standard encodings of the SDK data converters are
// decoded here; anything else (encrypted, compressed, custom) is shown as its encoded data with
// its encoding, never as an error.
import { fromBinary, toJson, type JsonValue as PbJsonValue } from '@bufbuild/protobuf';
import type { JsonValue, PayloadView, RawPayload } from '../../../shared/src/protocol';
import { typeRegistry } from './registry';

/** The parts of a payload that matter here (the generated Payload type fits). */
export interface PayloadLike {
  metadata: { [key: string]: Uint8Array };
  data: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Metadata other than encoding/messageType, as text (base64 when not UTF-8). */
function otherMetadata(metadata: PayloadLike['metadata']): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (k === 'encoding' || k === 'messageType') continue;
    out[k] = text(v) ?? `base64:${base64(v)}`;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Decodes one payload for display; never throws. */
export function payloadToDisplay(payload: PayloadLike): PayloadView {
  const encoding = text(payload.metadata.encoding) ?? '';
  const messageType = text(payload.metadata.messageType) || undefined;
  const base: PayloadView = { format: 'encoded', encoding };
  if (messageType) base.messageType = messageType;
  const metadata = otherMetadata(payload.metadata);
  if (metadata) base.metadata = metadata;
  const encoded = (note?: string): PayloadView => ({
    ...base,
    format: 'encoded',
    base64: base64(payload.data),
    ...(note ? { note } : {}),
  });

  switch (encoding) {
    case 'binary/null':
      return { ...base, format: 'null', value: null };
    case 'binary/plain':
      return { ...base, format: 'bytes', base64: base64(payload.data) };
    case 'json/plain':
    case 'json/protobuf': {
      const source = text(payload.data);
      if (source === undefined) return encoded('data is not UTF-8 text');
      try {
        return { ...base, format: 'json', value: JSON.parse(source) as JsonValue };
      } catch {
        return encoded('data is not valid JSON');
      }
    }
    case 'binary/protobuf': {
      if (!messageType) return encoded('no messageType metadata');
      const desc = typeRegistry().getMessage(messageType);
      if (!desc) return encoded(`message type ${messageType} is not known here`);
      try {
        const message = fromBinary(desc, payload.data);
        const value = toJson(desc, message, { registry: typeRegistry() }) as PbJsonValue;
        return { ...base, format: 'json', value: value as JsonValue };
      } catch (err) {
        return encoded(
          `not a valid ${messageType}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    default:
      return encoded(encoding ? undefined : 'no encoding metadata');
  }
}

/** proto3 JSON form (base64 strings) -> bytes form. */
export function fromRawPayload(raw: RawPayload): PayloadLike {
  const metadata: PayloadLike['metadata'] = {};
  for (const [k, v] of Object.entries(raw.metadata ?? {})) metadata[k] = Buffer.from(v, 'base64');
  return { metadata, data: Buffer.from(raw.data ?? '', 'base64') };
}

/** bytes form -> proto3 JSON form, as the Web UI codec protocol carries payloads. */
export function toRawPayload(payload: PayloadLike): RawPayload {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload.metadata)) metadata[k] = base64(v);
  return { metadata, data: base64(payload.data) };
}
