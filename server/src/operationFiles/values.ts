// Option values of a block: unknown options, missing or repeated ones, JSON, durations, enums and
// `${...}` references are checked here; the same code turns values into request fields.
import type { JsonValue } from '../../../shared/src/protocol';
import { checkJson, JsonSyntaxError } from '../payloads/jsonInput';
import {
  referencesIn,
  type Block,
  type FileProblem,
  type OperationFile,
  type OptionLine,
  type Span,
} from './document';
import {
  fileSettings,
  operationSpecs,
  optionFor,
  specFor,
  type OptionSpec,
  type OperationSpec,
} from './specs';

/** Values references resolve to: variables, earlier results (`block.field`) and built-ins. */
export interface Scope {
  variables: Map<string, string>;
  results: Map<string, Record<string, JsonValue>>;
}

/** Built-in variables: `${uuid}` is one new UUID per run (fresh workflow and schedule ids). */
export const builtinVariables = ['uuid'];

export class ValueError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

export function closest(word: string, candidates: string[]): string | undefined {
  const score = (a: string, b: string) => {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
      i,
      ...Array(b.length).fill(0),
    ]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(
          d[i - 1][j] + 1,
          d[i][j - 1] + 1,
          d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
    return d[a.length][b.length];
  };
  const best = candidates
    .map((c) => ({ c, s: score(word.toLowerCase(), c.toLowerCase()) }))
    .sort((x, y) => x.s - y.s)[0];
  return best && best.s <= Math.max(2, Math.floor(word.length / 3)) ? best.c : undefined;
}

/** Problems of one block that need no server and no index. */
export function checkBlock(file: OperationFile, block: Block): FileProblem[] {
  const spec = specFor(block.command);
  if (!spec) {
    if (!block.command) return [];
    const hint = closest(
      block.command.replace(/^temporal\s+/, ''),
      operationSpecs.map((s) => s.command),
    );
    return [
      {
        message: `Unknown operation '${block.command}'${hint ? `: did you mean '${hint}'?` : ` (known: ${operationSpecs.map((s) => s.command).join(', ')})`}`,
        span: block.commandSpan,
      },
    ];
  }
  const problems: FileProblem[] = [];
  const seen = new Map<string, number>();
  for (const o of block.options) {
    const option = optionFor(spec, o.flag);
    if (!option) {
      const hint = closest(
        o.flag,
        spec.options.map((x) => x.flag),
      );
      problems.push({
        message: `${spec.command} has no option ${o.dashes}${o.flag}${hint ? `: did you mean --${hint}?` : ''}`,
        span: o.flagSpan,
      });
      continue;
    }
    seen.set(option.flag, (seen.get(option.flag) ?? 0) + 1);
    if (seen.get(option.flag) === 2 && !option.repeatable)
      problems.push({ message: `--${option.flag} is given more than once`, span: o.flagSpan });
    try {
      checkValue(option, o);
    } catch (err) {
      if (err instanceof ValueError) problems.push({ message: err.message, span: err.span });
      else throw err;
    }
    for (const ref of referencesIn(o.value ?? '', o.valueSpan?.start)) {
      const problem = checkReference(file, block, spec, ref.path);
      if (problem) problems.push({ message: problem, span: ref.span });
    }
  }
  for (const required of spec.options.filter((x) => x.required)) {
    if (!seen.has(required.flag))
      problems.push({
        message: `${spec.command} needs --${required.flag}${required.alias ? ` (-${required.alias})` : ''}`,
        span: block.commandSpan,
      });
  }
  if (
    spec.kind === 'scheduleCreate' &&
    !['cron', 'interval', 'calendar'].some((f) => seen.has(f))
  ) {
    problems.push({
      message: 'schedule create needs --cron, --interval or --calendar',
      span: block.commandSpan,
    });
  }
  return problems;
}

function checkReference(
  file: OperationFile,
  block: Block,
  spec: OperationSpec,
  path: string,
): string | undefined {
  const [head, field] = path.split('.');
  if (!field) {
    if (
      builtinVariables.includes(head) ||
      file.settings.some(
        (s) => s.name === head && !(fileSettings as readonly string[]).includes(head),
      )
    )
      return undefined;
    return `Unknown variable \${${head}}: define it at the top (${head} = ...)`;
  }
  const index = file.blocks.indexOf(block);
  const earlier = file.blocks.slice(0, index).find((b) => b.name === head);
  if (!earlier) {
    return file.blocks.some((b) => b.name === head)
      ? `\${${path}}: block ${head} comes later; a block can only use results of blocks above it`
      : `\${${path}}: no block named ${head} above`;
  }
  const earlierSpec = specFor(earlier.command);
  if (earlierSpec && !earlierSpec.results.includes(field))
    return `\${${path}}: ${earlierSpec.command} results have ${earlierSpec.results.join(', ')}`;
  void spec;
  return undefined;
}

/** Replaces references in a value by placeholders of the right shape, for syntax checks. */
function withPlaceholders(option: OptionSpec, value: string): string {
  if (option.kind !== 'json' && option.kind !== 'keyValue')
    return value.replace(/\$\{[^}]*\}/g, 'x');
  return substitute(value, () => 'x', true);
}

function checkValue(option: OptionSpec, o: OptionLine): void {
  const span = o.valueSpan ?? o.flagSpan;
  if (o.value === undefined || o.value === '') {
    if (option.kind === 'bool') return;
    throw new ValueError(`--${option.flag} needs a value`, o.flagSpan);
  }
  const value = withPlaceholders(option, o.value);
  const hasRef = value !== o.value;
  switch (option.kind) {
    case 'json':
      return checkJsonAt(value, span.start, `--${option.flag}`);
    case 'keyValue': {
      const eq = value.indexOf('=');
      if (eq <= 0)
        throw new ValueError(
          `--${option.flag} takes KEY=JSON, e.g. --${option.flag} Region="us-east"`,
          span,
        );
      return checkJsonAt(
        value.slice(eq + 1),
        span.start + eq + 1,
        `--${option.flag} ${value.slice(0, eq)}`,
      );
    }
    case 'bool':
      if (!['true', 'false'].includes(value))
        throw new ValueError(`--${option.flag} is true or false (or the bare flag)`, span);
      return;
    case 'enum':
      if (!hasRef && !option.values!.includes(unquote(value)))
        throw new ValueError(`--${option.flag} is one of ${option.values!.join(', ')}`, span);
      return;
    case 'duration':
      if (!hasRef && !/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d)?)+$/.test(unquote(value)))
        throw new ValueError(`--${option.flag} is a duration such as 30s, 5m, 1h30m`, span);
      return;
    case 'int':
    case 'number':
      if (!hasRef && !(option.kind === 'int' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(value))
        throw new ValueError(
          `--${option.flag} is a ${option.kind === 'int' ? 'whole ' : ''}number`,
          span,
        );
      return;
    case 'time':
      if (!hasRef && Number.isNaN(Date.parse(unquote(value))))
        throw new ValueError(`--${option.flag} is a time such as 2025-01-01T00:00:00Z`, span);
      return;
    default:
      return;
  }
}

function checkJsonAt(text: string, base: number, what: string): void {
  try {
    checkJson(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const lines = text.split('\n');
    const at = lines.slice(0, err.line - 1).reduce((n, l) => n + l.length + 1, 0) + err.column - 1;
    throw new ValueError(`${what} is not valid JSON: ${err.reason}`, {
      start: base + Math.min(at, text.length),
      end: base + Math.min(at + 1, text.length) || base + 1,
    });
  }
}

/** A quoted text value (`"a b"` as JSON, or `'a b'`) without its quotes. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v;
    }
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  return v;
}

/**
 * Replaces `${...}` in a value. In JSON a reference inside a string inserts the escaped text, one
 * standing alone inserts the value as JSON (so `--input ${q.result}` passes a whole object on).
 */
export function substitute(
  value: string,
  lookup: (path: string, span: Span) => JsonValue,
  json: boolean,
): string {
  let out = '';
  let last = 0;
  for (const ref of referencesIn(value)) {
    const before = value.slice(0, ref.span.start);
    const inString = json && (before.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1;
    const v = lookup(ref.path, ref.span);
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    out +=
      value.slice(last, ref.span.start) +
      (!json ? text : inString ? JSON.stringify(text).slice(1, -1) : JSON.stringify(v));
    last = ref.span.end;
  }
  return out + value.slice(last);
}
