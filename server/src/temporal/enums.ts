// Display names for proto enums the way the CLI prints them (Keyword, KeywordList, Registered).
import type { GenEnum } from '@bufbuild/protobuf/codegenv2';

/** `INDEXED_VALUE_TYPE_KEYWORD_LIST` -> `KeywordList`. */
export function enumName<T extends number>(schema: GenEnum<T>, value: T): string {
  const v = schema.values.find((e) => e.number === value);
  if (!v) return `Unknown(${value})`;
  return v.localName
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
