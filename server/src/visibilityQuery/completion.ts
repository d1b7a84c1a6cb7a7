// Completion inside a visibility query: attribute names, the operators the attribute's type
// allows, values (ExecutionStatus, quoted datetimes, booleans, known workflow types), keywords.
import {
  operatorsByType,
  executionStatuses,
  type AttributeCatalog,
  type AttributeType,
} from './attributes';
import { tokenize, type Token } from './parser';

export interface QueryCompletionItem {
  label: string;
  kind: 'attribute' | 'operator' | 'value' | 'keyword';
  detail?: string;
  /** Text to insert (default: label). */
  insertText?: string;
}

export interface QueryCompletions {
  items: QueryCompletionItem[];
  /** Offset where the replaced text starts (the word or open string under the cursor). */
  replaceStart: number;
}

/** Values worth offering for some attributes (WorkflowType and TaskQueue from the workspace). */
export type KnownValues = Partial<Record<string, string[]>>;

const operatorSnippets: Record<string, string> = {
  IN: "IN ('')",
  'NOT IN': "NOT IN ('')",
  BETWEEN: 'BETWEEN  AND ',
  'NOT BETWEEN': 'NOT BETWEEN  AND ',
  STARTS_WITH: "STARTS_WITH ''",
};

export function completeVisibilityQuery(
  text: string,
  offset: number,
  catalog: AttributeCatalog,
  known: KnownValues = {},
): QueryCompletions {
  let replaceStart = offset;
  while (replaceStart > 0 && /[A-Za-z0-9_]/.test(text[replaceStart - 1])) replaceStart--;
  let tokens: Token[];
  try {
    tokens = tokenize(text.slice(0, replaceStart)).slice(0, -1);
  } catch {
    // Inside an open string: complete the value, replacing from its opening quote.
    const quote = Math.max(text.lastIndexOf("'", offset - 1), text.lastIndexOf('"', offset - 1));
    try {
      tokens = tokenize(text.slice(0, quote)).slice(0, -1);
    } catch {
      return { items: [], replaceStart: offset };
    }
    return { items: values(attributeBefore(tokens), catalog, known), replaceStart: quote };
  }
  const prev = tokens[tokens.length - 1];
  const inOrderBy = tokens.some((t) => t.kind === 'keyword' && t.value === 'ORDER');
  const attributes = () =>
    Object.entries(catalog.types)
      .map(([name, type]): QueryCompletionItem => ({
        label: name,
        kind: 'attribute',
        detail: `${type}${name in catalog.custom ? ' (custom)' : ''}`,
        insertText: /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``,
      }))
      .sort(
        (a, b) =>
          Number(a.detail!.endsWith('(custom)')) - Number(b.detail!.endsWith('(custom)')) ||
          a.label.localeCompare(b.label),
      );
  const keywords = (words: string[]) =>
    words.map((w): QueryCompletionItem => ({ label: w, kind: 'keyword' }));

  if (
    !prev ||
    (prev.kind === 'lparen' && !isInList(tokens)) ||
    (prev.kind === 'keyword' &&
      ['AND', 'OR', 'NOT', 'BY'].includes(prev.value) &&
      !isBetweenAnd(tokens))
  ) {
    return { items: attributes(), replaceStart };
  }
  if (prev.kind === 'comma')
    return {
      items: inOrderBy ? attributes() : values(attributeBefore(tokens), catalog, known),
      replaceStart,
    };
  if (prev.kind === 'name') {
    if (inOrderBy) return { items: keywords(['ASC', 'DESC']), replaceStart };
    const type = catalog.types[prev.value] as AttributeType | undefined;
    const ops = type ? (operatorsByType[type] ?? []) : Object.keys(operatorSnippets);
    return {
      items: ops.map((op) => ({
        label: op,
        kind: 'operator',
        detail: type ? `${prev.value} is ${type}` : undefined,
        insertText: operatorSnippets[op] ?? op,
      })),
      replaceStart,
    };
  }
  if (
    prev.kind === 'operator' ||
    (prev.kind === 'keyword' && ['IN', 'BETWEEN', 'STARTS_WITH'].includes(prev.value)) ||
    (prev.kind === 'lparen' && isInList(tokens)) ||
    isBetweenAnd(tokens)
  ) {
    return { items: values(attributeBefore(tokens), catalog, known), replaceStart };
  }
  return { items: keywords(inOrderBy ? ['ASC', 'DESC'] : ['AND', 'OR', 'ORDER BY']), replaceStart };
}

function isInList(tokens: Token[]): boolean {
  const open = tokens.map((t) => t.kind).lastIndexOf('lparen');
  const close = tokens.map((t) => t.kind).lastIndexOf('rparen');
  return open > close && tokens[open - 1]?.kind === 'keyword' && tokens[open - 1].value === 'IN';
}

/** `X BETWEEN v AND |`: the AND takes a value, not a new predicate. */
function isBetweenAnd(tokens: Token[]): boolean {
  const n = tokens.length;
  return (
    tokens[n - 1]?.value === 'AND' &&
    tokens[n - 3]?.kind === 'keyword' &&
    tokens[n - 3].value === 'BETWEEN'
  );
}

function attributeBefore(tokens: Token[]): string | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.kind === 'name') return t.value;
    if (
      t.kind === 'keyword' &&
      ['AND', 'OR'].includes(t.value) &&
      !isBetweenAnd(tokens.slice(0, i + 1))
    )
      return undefined;
  }
  return undefined;
}

function values(
  attribute: string | undefined,
  catalog: AttributeCatalog,
  known: KnownValues,
): QueryCompletionItem[] {
  if (!attribute) return [];
  const quoted = (v: string, detail?: string): QueryCompletionItem => ({
    label: `'${v}'`,
    kind: 'value',
    detail,
  });
  if (attribute === 'ExecutionStatus')
    return executionStatuses.map((s) => quoted(s, 'ExecutionStatus'));
  const type = catalog.types[attribute];
  if (type === 'Datetime') {
    const now = new Date();
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const hourAgo = new Date(now.getTime() - 3600_000);
    return [
      quoted(now.toISOString().replace(/\.\d+Z$/, 'Z'), 'now (UTC)'),
      quoted(hourAgo.toISOString().replace(/\.\d+Z$/, 'Z'), 'an hour ago (UTC)'),
      quoted(midnight.toISOString().replace(/\.\d+Z$/, 'Z'), 'today 00:00 UTC'),
    ];
  }
  if (type === 'Bool') return ['true', 'false'].map((label) => ({ label, kind: 'value' }));
  return (known[attribute] ?? []).map((v) => quoted(v, attribute));
}
