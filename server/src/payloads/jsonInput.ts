// JSON text typed by a person -> the exact text of each value. jsonc-parser (through
// shared/jsonSyntax) locates syntax errors by line and column and gives each value's source
// span, so numbers beyond 2^53 (int64 ids) pass on byte for byte.
import {
  foundAt,
  positionOf,
  scanJson,
  type JsonProblem,
  type JsonScan,
} from '../../../shared/src/jsonSyntax';
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

/** The problem in the words of a server error message, at the offset it names. */
function describe(text: string, p: JsonProblem): [string, number] {
  const found = (at: number): string => foundAt(text, at);
  switch (p.kind) {
    case 'trailingComma':
    case 'propertyNameExpected':
    case 'valueExpected': {
      const at = p.kind === 'trailingComma' ? p.next : p.offset;
      const name =
        p.kind === 'propertyNameExpected' || (p.kind === 'trailingComma' && p.close === '}');
      return [
        `Expected ${name ? 'a property name in double quotes' : 'a JSON value'} but found ${found(at)}`,
        at,
      ];
    }
    case 'colonExpected':
      return [`Expected ':' but found ${found(p.offset)}`, p.offset];
    case 'commaExpected':
      return [`Expected ',' or '${p.close ?? ']'}' but found ${found(p.offset)}`, p.offset];
    case 'textAfterValue':
      return [`Unexpected ${found(p.offset)} after the JSON value`, p.offset];
    case 'invalidNumber':
      return [`Unexpected ${found(p.offset)} in a number`, p.offset];
    case 'unterminatedString':
      return ['Unterminated string', p.next];
    case 'invalidEscape':
      return ['Invalid escape in string', p.offset];
    case 'invalidUnicodeEscape':
      return ['Invalid \\u escape', p.offset];
    case 'controlCharacter':
      return ['Control character in string (use \\n, \\t ...)', p.offset];
    case 'comment':
    case 'unterminatedComment':
      return ['Comments are not allowed in JSON', p.offset];
    case 'tooDeep':
      return ['Nesting too deep', p.offset];
  }
}

function scan(text: string): JsonScan & { root: NonNullable<JsonScan['root']> } {
  const result = scanJson(text);
  if (result.problem || !result.root) {
    const [reason, offset] = result.problem
      ? describe(text, result.problem)
      : [`Expected a JSON value but found end of input`, text.length];
    const { line, column } = positionOf(text, offset);
    throw new JsonSyntaxError(reason, line, column);
  }
  return result as JsonScan & { root: NonNullable<JsonScan['root']> };
}

/** Checks that `text` is one JSON value; throws JsonSyntaxError with line and column if not. */
export function checkJson(text: string): void {
  scan(text);
}

/**
 * The argument texts of an input: none for blank text, each element of a top-level array, else
 * the whole value as one argument.
 */
export function splitArguments(text: string): string[] {
  if (!text.trim()) return [];
  const { root, elements } = scan(text);
  return (elements ?? [root]).map((e) => text.slice(e.start, e.end));
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
