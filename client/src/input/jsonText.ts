// Payload input as JSON text (pure, no vscode import): comments allowed for the explanation the
// editor document starts with, syntax errors located by line and column so the user can fix
// them in place (shared/jsonSyntax, on jsonc-parser), and a skeleton built from the parameters
// the source declares.
import { parseTree, stripComments as stripJsonComments } from 'jsonc-parser';
import { positionOf, scanJson, type JsonProblem } from '../../../shared/src/jsonSyntax';

export type JsonCheck =
  | {
      ok: true;
      /** JSON without comments, trimmed; '' for no input. */ text: string;
      value: unknown;
    }
  | { ok: false; message: string; offset: number; line: number; column: number };

/** `//` and block comments replaced by spaces (newlines kept), so offsets stay the same. */
export function stripComments(text: string): string {
  return stripJsonComments(text, ' ');
}

/** The problem in the words of the input document's diagnostic, at the offset it names. */
function describe(text: string, p: JsonProblem): string {
  const c = text[p.offset];
  switch (p.kind) {
    case 'valueExpected':
      if (c === undefined) return 'the input ends where a value should follow';
      if (c === "'") return 'strings need double quotes';
      return `expected a value, found '${c}'`;
    case 'propertyNameExpected':
      return c === undefined ? "missing '}'" : 'expected a property name in double quotes';
    case 'colonExpected':
      return "expected ':' after the property name";
    case 'commaExpected':
      return c === undefined ? `missing '${p.close}'` : `expected ',' or '${p.close}'`;
    case 'trailingComma':
      return 'trailing comma';
    case 'textAfterValue':
      return 'unexpected text after the value (several arguments go in one array)';
    case 'invalidNumber':
      return 'invalid number';
    case 'unterminatedString':
      return 'unterminated string';
    case 'invalidEscape':
      return 'invalid escape';
    case 'invalidUnicodeEscape':
      return 'invalid \\u escape';
    case 'controlCharacter':
      return 'control character in a string';
    case 'comment':
    case 'unterminatedComment':
      return 'unterminated comment';
    case 'tooDeep':
      return 'nested too deep';
  }
}

/** Validates payload text: comments allowed, otherwise strict JSON; empty = no input. */
export function checkJson(text: string): JsonCheck {
  const plain = stripComments(text);
  if (!plain.trim()) return { ok: true, text: '', value: undefined };
  const { problem } = scanJson(text, { comments: true });
  if (problem) {
    const offset = Math.min(problem.offset, text.length);
    return { ok: false, message: describe(text, problem), offset, ...positionOf(text, offset) };
  }
  return { ok: true, text: plain.trim(), value: JSON.parse(plain) };
}

export interface ParameterInfo {
  name: string;
  type?: string;
}

/** A placeholder per parameter type: numbers 0, booleans false, lists [], maps {}, else a string. */
export function placeholder(p: ParameterInfo): string {
  const t = (p.type ?? '').trim();
  const base = t.replace(/\s*\|\s*(None|null|undefined)$/, '').replace(/^Optional\[(.*)\]$/, '$1');
  if (
    /^(int|float|number|bigint|long|double|decimal|i\d+|u\d+|f\d+|Int\w*|Long|Double|Float|short|byte)$/.test(
      base,
    )
  )
    return '0';
  if (/^(bool|boolean|Boolean)$/.test(base)) return 'false';
  if (/^(list|List|Array|tuple|Sequence|set)\b|\[\]$/.test(base)) return '[]';
  if (/^(dict|Dict|Record|Map|Mapping|object|Object)\b/.test(base)) return '{}';
  return JSON.stringify(`<${p.name}${t ? `: ${t}` : ''}>`);
}

/** The argument list as JSON text, e.g. `["<name: str>"]`; `[]` without parameters. */
export function skeletonFor(parameters: readonly ParameterInfo[]): string {
  return `[${parameters.map(placeholder).join(', ')}]`;
}

/** Comment lines that open a payload document and say what to do with it. */
export function documentHeader(
  title: string,
  parameters: readonly ParameterInfo[] | undefined,
  action: string,
  notes: readonly string[] = [],
): string {
  const params = parameters?.map((p) => (p.type ? `${p.name}: ${p.type}` : p.name)).join(', ');
  return [
    `// ${title}`,
    parameters ? `// Parameters: ${params || 'none'}` : '',
    ...notes.map((n) => `// ${n}`),
    '// The arguments as JSON: an array is the argument list ([1, "a"] = two arguments).',
    `// ${action}: Ctrl+Enter (Cmd+Enter) or the ✓ button above. Close this editor to cancel.`,
    '',
  ]
    .filter((line, i, all) => line || i === all.length - 1)
    .join('\n');
}

/** `base`, or `base (2)`, `base (3)` … : the first name `taken` does not refuse. */
export function freeName(base: string, taken: (name: string) => boolean): string {
  let name = base;
  for (let n = 2; taken(name); n++)
    name = `${base.replace(/(\.\w+)$/, '')} (${n})${/(\.\w+)$/.exec(base)?.[1] ?? ''}`;
  return name;
}

/** Escapes text for a snippet placeholder (`$`, `}` and `\` are snippet syntax). */
function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** One tab stop for a JSON value: a string's stop is inside its quotes, so typing keeps them. */
function valueStop(index: number, json: string): string {
  if (/^"(?:[^"\\]|\\.)*"$/.test(json)) return `"\${${index}:${snippetText(json.slice(1, -1))}}"`;
  return `\${${index}:${snippetText(json)}}`;
}

/**
 * The payload body as a snippet: one tab stop per argument (placeholder = the parameter's name
 * and type, or the last input's value), so typing replaces just that value and Tab moves on.
 */
export function payloadSnippet(body: string, parameters?: readonly ParameterInfo[]): string {
  if (!body && parameters) body = skeletonFor(parameters);
  let values: unknown;
  try {
    values = JSON.parse(body);
  } catch {
    return `\${1:${snippetText(body)}}`;
  }
  if (isPlainObject(values)) return objectSnippet(body) ?? `\${1:${snippetText(body)}}`;
  if (!Array.isArray(values) || !values.length) return `\${1:${snippetText(body)}}`;
  const parts = values.map((v, i) => valueStop(i + 1, JSON.stringify(v)));
  return `[${parts.join(', ')}]`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A document that is one object (a new schedule): its first string property (the id) is the tab
 * stop, its text kept as it is; selecting the whole object would make the first key typed
 * replace the document.
 */
function objectSnippet(body: string): string | undefined {
  const first = parseTree(body)?.children?.find((p) => p.children?.[1]?.type === 'string')
    ?.children?.[1];
  if (!first) return undefined;
  const start = first.offset + 1;
  const end = first.offset + first.length - 1;
  return (
    snippetText(body.slice(0, start)) +
    `\${1:${snippetText(body.slice(start, end))}}` +
    snippetText(body.slice(end))
  );
}
