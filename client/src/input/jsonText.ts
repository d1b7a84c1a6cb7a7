// Payload input as JSON text (pure, no vscode import): comments allowed for the explanation the
// editor document starts with, syntax errors located by line and column so the user can fix
// them in place, and a skeleton built from the parameters the source declares.

export type JsonCheck =
  | {
      ok: true;
      /** JSON without comments, trimmed; '' for no input. */ text: string;
      value: unknown;
    }
  | { ok: false; message: string; offset: number; line: number; column: number };

/** `//` and block comments replaced by spaces (newlines kept), so offsets stay the same. */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      out += text.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return Math.min(text.length, i + 1);
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A strict JSON reader that only validates; it exists to say *where* the text is wrong. */
class Reader {
  i = 0;
  constructor(private readonly t: string) {}

  fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(message, at);
  }

  ws(): void {
    while (this.i < this.t.length && ' \t\r\n'.includes(this.t[this.i])) this.i++;
  }

  value(): void {
    const c = this.t[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.t.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    if (c === undefined) this.fail('the input ends where a value should follow');
    if (c === "'") this.fail('strings need double quotes');
    this.fail(`expected a value, found '${c}'`);
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === '}') return void this.i++;
    for (;;) {
      if (this.t[this.i] !== '"')
        this.fail(
          this.t[this.i] === undefined
            ? "missing '}'"
            : 'expected a property name in double quotes',
        );
      this.string();
      this.ws();
      if (this.t[this.i] !== ':') this.fail("expected ':' after the property name");
      this.i++;
      this.ws();
      this.value();
      this.ws();
      const c = this.t[this.i];
      if (c === '}') return void this.i++;
      if (c !== ',') this.fail(c === undefined ? "missing '}'" : "expected ',' or '}'");
      const comma = this.i++;
      this.ws();
      if (this.t[this.i] === '}') this.fail('trailing comma', comma);
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === ']') return void this.i++;
    for (;;) {
      this.value();
      this.ws();
      const c = this.t[this.i];
      if (c === ']') return void this.i++;
      if (c !== ',') this.fail(c === undefined ? "missing ']'" : "expected ',' or ']'");
      const comma = this.i++;
      this.ws();
      if (this.t[this.i] === ']') this.fail('trailing comma', comma);
    }
  }

  private string(): void {
    const start = this.i++;
    for (;;) {
      const c = this.t[this.i];
      if (c === undefined || c === '\n') this.fail('unterminated string', start);
      if (c === '"') return void this.i++;
      if (c < ' ') this.fail('control character in a string');
      if (c === '\\') {
        const e = this.t[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.t.slice(this.i + 2, this.i + 6)))
            this.fail('invalid \\u escape');
          this.i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else this.fail('invalid escape');
      } else this.i++;
    }
  }

  private number(): void {
    const re = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    re.lastIndex = this.i;
    const m = re.exec(this.t);
    if (!m || m[0] === '-' || m[0] === '') this.fail('invalid number');
    this.i += m[0].length;
    if (/[\w.]/.test(this.t[this.i] ?? '')) this.fail('invalid number');
  }
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Validates payload text: comments allowed, otherwise strict JSON; empty = no input. */
export function checkJson(text: string): JsonCheck {
  const plain = stripComments(text);
  if (!plain.trim()) return { ok: true, text: '', value: undefined };
  const r = new Reader(plain);
  try {
    r.ws();
    r.value();
    r.ws();
    if (r.i < plain.length)
      r.fail('unexpected text after the value (several arguments go in one array)');
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const offset = Math.min(err.offset, plain.length);
    return { ok: false, message: err.message, offset, ...positionOf(plain, offset) };
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
  if (!Array.isArray(values) || !values.length) return `\${1:${snippetText(body)}}`;
  const parts = values.map((v, i) => valueStop(i + 1, JSON.stringify(v)));
  return `[${parts.join(', ')}]`;
}
