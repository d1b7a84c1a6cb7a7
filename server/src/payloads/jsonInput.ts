// JSON text typed by a person -> the exact text of each value. A small strict scanner instead of
// JSON.parse alone: Node's parse errors do not always carry a position, and keeping each value's
// source text preserves numbers beyond 2^53 (int64 ids) byte for byte.
import { WorkbenchError } from '../errors';

/** A syntax error at a 1-based line and column. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
  }
}

interface Span {
  start: number;
  end: number;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  fail(reason: string, at = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < this.text.length; i++) {
      if (this.text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    throw new JsonSyntaxError(reason, line, at - lineStart + 1);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  found(): string {
    if (this.pos >= this.text.length) return 'end of input';
    return `'${this.text[this.pos]}'`;
  }

  value(depth = 0): Span {
    if (depth > 512) this.fail('Nesting too deep');
    this.skipSpace();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === '{') this.object(depth);
    else if (c === '[') this.array(depth);
    else if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else if (this.text.startsWith('true', this.pos)) this.pos += 4;
    else if (this.text.startsWith('false', this.pos)) this.pos += 5;
    else if (this.text.startsWith('null', this.pos)) this.pos += 4;
    else this.fail(`Expected a JSON value but found ${this.found()}`);
    return { start, end: this.pos };
  }

  /** Returns the spans of the elements. */
  array(depth: number): Span[] {
    const elements: Span[] = [];
    this.pos++; // [
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return elements;
    }
    for (;;) {
      elements.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return elements;
      }
      this.fail(`Expected ',' or ']' but found ${this.found()}`);
    }
  }

  object(depth: number): void {
    this.pos++; // {
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"')
        this.fail(`Expected a property name in double quotes but found ${this.found()}`);
      this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(`Expected ':' but found ${this.found()}`);
      this.pos++;
      this.value(depth + 1);
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return;
      }
      this.fail(`Expected ',' or '}' but found ${this.found()}`);
    }
  }

  string(): void {
    this.pos++; // "
    for (;;) {
      if (this.pos >= this.text.length) this.fail('Unterminated string');
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.fail('Invalid \\u escape', this.pos);
          }
          this.pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          this.pos += 2;
        } else {
          this.fail('Invalid escape in string', this.pos);
        }
        continue;
      }
      if (c < ' ') this.fail('Control character in string (use \\n, \\t ...)');
      this.pos++;
    }
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m || m[0] === '-') this.fail('Invalid number');
    this.pos += m[0].length;
  }

  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`Unexpected ${this.found()} after the JSON value`);
  }
}

/** Checks that `text` is one JSON value; throws JsonSyntaxError with line and column if not. */
export function checkJson(text: string): void {
  const s = new Scanner(text);
  s.value();
  s.end();
}

/**
 * The argument texts of an input: none for blank text, each element of a top-level array, else
 * the whole value as one argument.
 */
export function splitArguments(text: string): string[] {
  if (!text.trim()) return [];
  const s = new Scanner(text);
  s.skipSpace();
  if (s.text[s.pos] === '[') {
    const elements = s.array(0);
    s.end();
    return elements.map((e) => text.slice(e.start, e.end));
  }
  const span = s.value();
  s.end();
  return [text.slice(span.start, span.end)];
}

/** splitArguments, with syntax errors as InvalidInput naming the field and line:column. */
export function parseArguments(text: string | undefined, field = 'input'): string[] {
  try {
    return splitArguments(text ?? '');
  } catch (err) {
    throw invalidJson(err, field);
  }
}

/** checkJson for one value (activity results and the like). */
export function parseSingleValue(text: string | undefined, field: string): string | undefined {
  if (!text?.trim()) return undefined;
  try {
    checkJson(text);
    return text.trim();
  } catch (err) {
    throw invalidJson(err, field);
  }
}

function invalidJson(err: unknown, field: string): unknown {
  if (err instanceof JsonSyntaxError) {
    return new WorkbenchError(
      'InvalidInput',
      `${field} is not valid JSON: ${err.message} (nothing was sent)`,
    );
  }
  return err;
}
