// History event JSON with its payloads decoded (pure, no vscode import): the server sends the
// exact proto3 JSON (base64 `data`, base64 `encoding`) and, beside it, each payload field
// decoded by path. People read the decoded form; the exact one stays available as "raw".
import type {
  HistoryEventView,
  JsonObject,
  JsonValue,
  PayloadView,
} from '../../../shared/src/protocol';
import { payloadValue, shortText } from './workflowsModel';

/** One payload field as shown: the decoded value labelled with its encoding. */
function decodedField(views: PayloadView[], many: boolean): JsonObject {
  const encodings = [...new Set(views.map((v) => v.encoding || '(none)'))];
  const out: JsonObject = {
    encoding: encodings.join(', '),
    decoded: many ? views.map(payloadValue) : payloadValue(views[0]),
  };
  if (views.some((v) => v.decodedByCodec)) out.decodedByCodec = true;
  return out;
}

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The event's JSON with every decoded payload field replaced by `{encoding, decoded}`. Paths
 * are relative to the event's `...EventAttributes` object, except `userMetadata.*`.
 */
export function decodedEventJson(event: HistoryEventView): JsonObject {
  const copy = JSON.parse(JSON.stringify(event.json)) as JsonObject;
  if (!event.payloads) return copy;
  const attrsKey = Object.keys(copy).find((k) => k.endsWith('EventAttributes'));
  for (const [path, views] of Object.entries(event.payloads)) {
    if (!views.length) continue;
    const parts = path.split('.');
    let holder: JsonValue | undefined = path.startsWith('userMetadata.')
      ? copy
      : attrsKey
        ? copy[attrsKey]
        : undefined;
    for (const part of parts.slice(0, -1)) holder = isObject(holder) ? holder[part] : undefined;
    const last = parts[parts.length - 1];
    if (!isObject(holder) || holder[last] === undefined) continue;
    // A Payloads message is {payloads: [...]}; a single Payload is {metadata, data}.
    const many = isObject(holder[last]) && Array.isArray((holder[last] as JsonObject).payloads);
    holder[last] = decodedField(views, many);
  }
  return copy;
}

/** A short text of an event's main argument (signal/update input, result ...), for its tree row. */
export function eventArgumentText(event: HistoryEventView, max = 40): string | undefined {
  const p = event.payloads ?? {};
  const key =
    ['input', 'result', 'details'].find((k) => p[k]) ??
    Object.keys(p).find((k) => k.endsWith('.args') || k.endsWith('.result'));
  const views = key ? p[key] : undefined;
  if (!views?.length) return undefined;
  const value: JsonValue = views.map(payloadValue);
  return shortText(value, max) ?? `${JSON.stringify(value).slice(0, max - 1)}…`;
}
