// JSON syntax checking both sides share: jsonc-parser scans the text (its node offsets keep each
// value's source text, so int64 numbers stay exact) and this module turns its first error into
// one located problem. Each side words the problem for its own audience.
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';

/** What is wrong at a problem's offset. */
export type JsonProblemKind =
  | 'valueExpected'
  | 'propertyNameExpected'
  | 'colonExpected'
  /** ',' or the closing bracket (`close`) expected. */
  | 'commaExpected'
  /** A ',' right before the closing bracket (`offset` is the comma, `next` the bracket). */
  | 'trailingComma'
  | 'textAfterValue'
  /** `offset` is the opening quote, `next` the end of the input or line. */
  | 'unterminatedString'
  | 'invalidEscape'
  | 'invalidUnicodeEscape'
  | 'controlCharacter'
  | 'invalidNumber'
  | 'comment'
  | 'unterminatedComment'
  | 'tooDeep';

export interface JsonProblem {
  kind: JsonProblemKind;
  /** Where the problem is (0-based, at most text.length). */
  offset: number;
  /** Where the text goes on after it (differs from offset only where the kind says so). */
  next: number;
  /** The innermost open container, if any: what a ',' or closing bracket belongs to. */
  close?: ']' | '}';
}

/** A top-level value or array element as a span of the text. */
export interface JsonSpan {
  start: number;
  end: number;
}

export interface JsonScan {
  /** The whole value; undefined for blank input or a problem. */
  root?: JsonSpan;
  /** The elements of a top-level array, each as typed. */
  elements?: JsonSpan[];
  problem?: JsonProblem;
}

const MAX_DEPTH = 512;

/** Scans one JSON value (comments allowed only if asked); blank text is a missing value. */
export function scanJson(text: string, options: { comments?: boolean } = {}): JsonScan {
  const open: ('array' | 'object')[] = [];
  // Whether the parser wants a property name next (after '{' or after ',' in an object).
  let wantsName = false;
  let lastComma = -1;
  let problem: JsonProblem | undefined;
  let root: JsonSpan | undefined;
  let elements: JsonSpan[] | undefined;

  const report = (p: JsonProblem): void => {
    problem ??= p;
  };
  const valueAt = (offset: number, length: number): void => {
    if (open.length === 0) root = { start: offset, end: offset + length };
    if (open.length === 1 && open[0] === 'array')
      elements?.push({ start: offset, end: offset + length });
    wantsName = false;
  };
  const begin = (kind: 'array' | 'object', offset: number): void => {
    valueAt(offset, 0);
    if (open.length === 0 && kind === 'array') elements = [];
    open.push(kind);
    wantsName = kind === 'object';
    if (open.length > MAX_DEPTH) report({ kind: 'tooDeep', offset, next: offset });
  };
  const end = (offset: number, length: number): void => {
    open.pop();
    wantsName = false;
    // A container's span ends where it closes.
    if (open.length === 0 && root) root.end = offset + length;
    if (open.length === 1 && open[0] === 'array' && elements?.length) {
      elements[elements.length - 1].end = offset + length;
    }
  };

  try {
    visit(
      text,
      {
        onObjectBegin: (offset) => begin('object', offset),
        onObjectEnd: end,
        onArrayBegin: (offset) => begin('array', offset),
        onArrayEnd: end,
        onObjectProperty: () => {
          wantsName = false;
        },
        onLiteralValue: (_value, offset, length) => valueAt(offset, length),
        onSeparator: (character, offset) => {
          if (character !== ',') return;
          lastComma = offset;
          wantsName = open[open.length - 1] === 'object';
        },
        onError: (code, offset, length) => {
          const close = open.length ? (open[open.length - 1] === 'array' ? ']' : '}') : undefined;
          if (!problem)
            report(problemOf(text, code, offset, length, { wantsName, lastComma, close }));
        },
      },
      { disallowComments: !options.comments, allowTrailingComma: false },
    );
  } catch (err) {
    // jsonc-parser recurses per level: a pathological depth overflows the stack.
    if (!(err instanceof RangeError)) throw err;
    report({ kind: 'tooDeep', offset: 0, next: 0 });
  }
  return problem ? { problem } : { root, elements };
}

interface Context {
  wantsName: boolean;
  lastComma: number;
  close?: ']' | '}';
}

function problemOf(
  text: string,
  code: ParseErrorCode,
  offset: number,
  length: number,
  ctx: Context,
): JsonProblem {
  const at = (kind: JsonProblemKind, o = offset, next = o): JsonProblem => ({
    kind,
    offset: o,
    next,
    close: ctx.close,
  });
  // By name: ParseErrorCode is a const enum, which isolated modules cannot read.
  const name = printParseErrorCode(code);
  switch (name) {
    case 'ValueExpected':
    case 'PropertyNameExpected':
    case 'InvalidSymbol': {
      // A ',' followed (past blanks) by the closing bracket.
      if (
        ctx.lastComma >= 0 &&
        /^[\]}]$/.test(text[offset] ?? '') &&
        !text.slice(ctx.lastComma + 1, offset).trim()
      ) {
        return at('trailingComma', ctx.lastComma, offset);
      }
      return at(ctx.wantsName ? 'propertyNameExpected' : 'valueExpected');
    }
    case 'ColonExpected':
      return at('colonExpected');
    case 'CommaExpected':
    case 'CloseBracketExpected':
    case 'CloseBraceExpected':
    case 'EndOfFileExpected':
      // `01`, `1x`: a number runs straight into more text.
      if (/^[\w.]/.test(text[offset] ?? '') && /[\d]$/.test(text.slice(0, offset))) {
        return at('invalidNumber');
      }
      if (name === 'EndOfFileExpected') return at('textAfterValue');
      // jsonc-parser closes the container before it reports a missing bracket.
      if (name === 'CloseBracketExpected') return { ...at('commaExpected'), close: ']' };
      if (name === 'CloseBraceExpected') return { ...at('commaExpected'), close: '}' };
      return at('commaExpected');
    case 'UnexpectedEndOfNumber': {
      const valid = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(offset))?.[0] ?? '';
      return at('invalidNumber', offset + valid.length);
    }
    case 'UnexpectedEndOfString':
      return at('unterminatedString', offset, offset + length);
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
    case 'InvalidCharacter':
      return stringProblem(text, offset, length) ?? at('valueExpected');
    case 'InvalidCommentToken':
      return at('comment');
    case 'UnexpectedEndOfComment':
      return at('unterminatedComment');
    default:
      return at('valueExpected');
  }
}

/** The exact spot inside a string token that jsonc-parser reports as a whole. */
function stringProblem(text: string, start: number, length: number): JsonProblem | undefined {
  for (let i = start + 1; i < start + length; i++) {
    const c = text[i];
    if (c === '\\') {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          return { kind: 'invalidUnicodeEscape', offset: i, next: i };
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else return { kind: 'invalidEscape', offset: i, next: i };
    } else if (c < ' ') return { kind: 'controlCharacter', offset: i, next: i };
  }
  return undefined;
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** `'x'` for the character at `offset`, or `end of input`. */
export function foundAt(text: string, offset: number): string {
  return offset < text.length ? `'${text[offset]}'` : 'end of input';
}
