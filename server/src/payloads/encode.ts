// Input -> payloads, the way the SDKs' default data converter writes them (json/plain), plus
// search attribute values typed by the namespace's registered types.
import { create } from '@bufbuild/protobuf';
import type { JsonValue } from '../../../shared/src/protocol';
import {
  PayloadSchema,
  PayloadsSchema,
  type Payload,
  type Payloads,
} from '../temporal/gen/temporal/api/common/v1/message_pb.js';
import { WorkbenchError } from '../errors';
import { checkInputText } from './inputLimits';
import { parseArguments, parseSingleValue } from './jsonInput';

const utf8 = new TextEncoder();

/** One json/plain payload from JSON text (kept as typed, so big integers stay exact). */
export function jsonTextPayload(json: string, extra: Record<string, string> = {}): Payload {
  const metadata: Record<string, Uint8Array> = { encoding: utf8.encode('json/plain') };
  for (const [k, v] of Object.entries(extra)) metadata[k] = utf8.encode(v);
  return create(PayloadSchema, { metadata, data: utf8.encode(json) });
}

/** One json/plain payload from a value. */
export function jsonPayload(
  value: JsonValue | undefined,
  extra: Record<string, string> = {},
): Payload {
  return jsonTextPayload(JSON.stringify(value ?? null), extra);
}

/** Argument JSON text -> Payloads (undefined for no arguments). Throws InvalidInput. */
export function inputPayloads(text: string | undefined, field = 'input'): Payloads | undefined {
  checkInputText(text, field);
  const args = parseArguments(text, field);
  if (!args.length) return undefined;
  return create(PayloadsSchema, { payloads: args.map((a) => jsonTextPayload(a)) });
}

/** One JSON value (not an argument list) -> Payloads with one payload. Throws InvalidInput. */
export function singleValuePayloads(text: string | undefined, field: string): Payloads | undefined {
  checkInputText(text, field);
  const value = parseSingleValue(text, field);
  return value === undefined
    ? undefined
    : create(PayloadsSchema, { payloads: [jsonTextPayload(value)] });
}

/** Memo fields -> payloads. */
export function memoFields(
  memo: Record<string, JsonValue> | undefined,
): Record<string, Payload> | undefined {
  if (!memo || !Object.keys(memo).length) return undefined;
  return Object.fromEntries(Object.entries(memo).map(([k, v]) => [k, jsonPayload(v)]));
}

/** A plain text payload (user metadata summary/details are json/plain strings). */
export function textPayload(value: string | undefined): Payload | undefined {
  return value === undefined || value === '' ? undefined : jsonPayload(value);
}

/**
 * Search attribute values -> payloads with the `type` metadata, checked against the registered
 * types (name -> Keyword, Text, Int, Double, Bool, Datetime, KeywordList).
 */
export function searchAttributeFields(
  values: Record<string, JsonValue> | undefined,
  types: Record<string, string>,
): Record<string, Payload> | undefined {
  if (!values || !Object.keys(values).length) return undefined;
  const fields: Record<string, Payload> = {};
  for (const [name, value] of Object.entries(values)) {
    const type = types[name];
    if (!type) {
      const known = Object.keys(types).sort().join(', ');
      throw new WorkbenchError(
        'InvalidInput',
        `Search attribute '${name}' is not registered in the namespace (known: ${known})`,
      );
    }
    fields[name] = jsonPayload(typedSearchAttributeValue(name, type, value), { type });
  }
  return fields;
}

/** Checks (and normalises) one value against its search attribute type. */
export function typedSearchAttributeValue(name: string, type: string, value: JsonValue): JsonValue {
  const bad = (want: string): never => {
    throw new WorkbenchError(
      'InvalidInput',
      `Search attribute '${name}' is ${type}: expected ${want}, got ${JSON.stringify(value)}`,
    );
  };
  if (value === null) return null; // unsets the attribute
  switch (type) {
    case 'Keyword':
    case 'Text':
      return typeof value === 'string' ? value : bad('a string');
    case 'Int':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : bad('an integer');
    case 'Double':
      return typeof value === 'number' && Number.isFinite(value) ? value : bad('a number');
    case 'Bool':
      return typeof value === 'boolean' ? value : bad('true or false');
    case 'Datetime': {
      const t = typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isNaN(t) ? bad('an ISO 8601 date-time string') : new Date(t).toISOString();
    }
    case 'KeywordList':
      if (typeof value === 'string') return [value];
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? value
        : bad('a list of strings');
    default:
      return value;
  }
}
