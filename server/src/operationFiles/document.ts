// The .temporal file format: settings and variables at the top, then named blocks that read
// like `temporal` CLI commands, one option per line:
//
//   # comments start with #
//   profile = dev
//   namespace = default
//   queue = orders
//
//   start1: workflow start
//     --type OrderWorkflow
//     --task-queue ${queue}
//     --input {"orderId": 42}
//
//   ship: workflow signal --workflow-id ${start1.workflowId} --name ship
//
// Options may also follow the command on the header line. A value runs to the end of its line
// and continues on following lines indented deeper that are not options or comments, so JSON may
// span lines. `${name}` is a variable, `${block.field}` a field of an earlier block's result.
// Line-based, so a hand-written scanner: no parser library adds anything here.
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface Span {
  start: number;
  end: number;
}

export interface Setting {
  name: string;
  value: string;
  nameSpan: Span;
  valueSpan: Span;
  comments: string[];
}

export interface OptionLine {
  /** As written, without dashes (`w`, `workflow-id`). */
  flag: string;
  /** Dashes as written (`-` or `--`). */
  dashes: string;
  /** Raw value text (continuation lines included, trailing blanks trimmed); undefined for a bare flag. */
  value?: string;
  /** `--flag=value` rather than `--flag value`. */
  equals: boolean;
  flagSpan: Span;
  valueSpan?: Span;
}

export interface Block {
  name: string;
  command: string;
  nameSpan: Span;
  commandSpan: Span;
  /** Header line through the last option line. */
  span: Span;
  options: OptionLine[];
  /** Whether each option sits on the header line (round trip keeps the layout). */
  inline: boolean[];
  comments: string[];
}

export interface Reference {
  /** `queue` or `start1.workflowId`. */
  path: string;
  span: Span;
}

export interface FileProblem {
  message: string;
  span: Span;
  /** Default error. */
  severity?: 'error' | 'warning';
}

export interface OperationFile {
  /** Comment lines at the very top, before any setting. */
  header: string[];
  settings: Setting[];
  blocks: Block[];
  /** Comments after the last block. */
  trailer: string[];
  problems: FileProblem[];
}

const headerLine = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/;
const settingLine = /^([A-Za-z_][\w-]*)\s*=\s?(.*)$/;
const optionStart = /^(--?)([A-Za-z][\w-]*)/;

export function parseOperationFile(text: string): OperationFile {
  const file: OperationFile = { header: [], settings: [], blocks: [], trailer: [], problems: [] };
  let comments: string[] = [];
  let block: Block | undefined;
  let lastOption: OptionLine | undefined;
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const lineStart = offset;
    offset += lines[i].length + 1;
    const trimmed = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (!trimmed) {
      lastOption = undefined;
      if (!block && !file.settings.length && comments.length)
        ((file.header = comments), (comments = []));
      continue;
    }
    if (trimmed.startsWith('#')) {
      comments.push(trimmed);
      lastOption = undefined;
      continue;
    }
    if (indent > 0 && lastOption && !optionStart.test(trimmed)) {
      // A continuation line of a multi-line value.
      // Sliced from the file itself, so offsets inside the value map straight back to the file.
      const start = lastOption.valueSpan?.start ?? lineStart + indent;
      lastOption.valueSpan = { start, end: lineStart + raw.trimEnd().length };
      lastOption.value = text.slice(start, lastOption.valueSpan.end);
      block!.span.end = lastOption.valueSpan.end;
      continue;
    }
    if (indent > 0 && block) {
      const options = scanOptions(raw.slice(indent), lineStart + indent, file.problems);
      block.options.push(...options);
      block.inline.push(...options.map(() => false));
      if (options.length) block.span.end = lineStart + raw.trimEnd().length;
      lastOption = options[options.length - 1];
      if (comments.length)
        file.problems.push({
          message:
            'A comment inside a block goes above it (it would move there when the file is rewritten)',
          span: { start: lineStart, end: lineStart + raw.length },
          severity: 'warning',
        });
      comments = [];
      continue;
    }
    const header = indent === 0 ? headerLine.exec(raw) : null;
    if (header) {
      const [, name, rest] = header;
      const restStart = lineStart + raw.length - rest.length;
      const firstOption = rest.search(/(^|\s)--?[A-Za-z]/);
      const commandText = (firstOption < 0 ? rest : rest.slice(0, firstOption)).trimEnd();
      block = {
        name,
        command: commandText,
        nameSpan: { start: lineStart, end: lineStart + name.length },
        commandSpan: { start: restStart, end: restStart + commandText.length },
        span: { start: lineStart, end: lineStart + raw.trimEnd().length },
        options: [],
        inline: [],
        comments,
      };
      comments = [];
      if (firstOption >= 0) {
        const at = firstOption + (rest[firstOption] === '-' ? 0 : 1);
        const options = scanOptions(rest.slice(at), restStart + at, file.problems);
        block.options.push(...options);
        block.inline.push(...options.map(() => true));
        lastOption = options[options.length - 1];
      } else lastOption = undefined;
      if (!commandText)
        file.problems.push({
          message: `Block ${name} names no operation: write e.g. \`${name}: workflow start\``,
          span: block.nameSpan,
        });
      if (file.blocks.some((b) => b.name === name))
        file.problems.push({
          message: `A block named ${name} already exists above`,
          span: block.nameSpan,
        });
      file.blocks.push(block);
      continue;
    }
    const setting = indent === 0 ? settingLine.exec(raw) : null;
    if (setting && !block) {
      const [, name, value] = setting;
      const valueStart = lineStart + raw.length - value.length;
      file.settings.push({
        name,
        value: value.trimEnd(),
        nameSpan: { start: lineStart, end: lineStart + name.length },
        valueSpan: { start: valueStart, end: valueStart + value.trimEnd().length },
        comments,
      });
      comments = [];
      continue;
    }
    lastOption = undefined;
    file.problems.push({
      message: setting
        ? 'Variables and settings go at the top of the file, before the first block'
        : block
          ? 'Expected an indented option (--flag value), a new block (name: command) or a # comment'
          : 'Expected a setting (name = value), a block (name: workflow start) or a # comment',
      span: { start: lineStart + indent, end: lineStart + raw.length },
    });
  }
  file.trailer = comments;
  return file;
}

/** Options on one line: `--a 1 --b x`; the last option's value runs to the end of the line. */
function scanOptions(text: string, base: number, problems: FileProblem[]): OptionLine[] {
  const options: OptionLine[] = [];
  let pos = 0;
  while (pos < text.length) {
    const m = optionStart.exec(text.slice(pos));
    if (!m) {
      problems.push({
        message: `Expected an option such as --workflow-id, found '${text.slice(pos).trim()}'`,
        span: { start: base + pos, end: base + text.trimEnd().length },
      });
      break;
    }
    const [, dashes, flag] = m;
    const flagSpan = { start: base + pos, end: base + pos + m[0].length };
    pos += m[0].length;
    const equals = text[pos] === '=';
    if (equals) pos++;
    else while (text[pos] === ' ' || text[pos] === '\t') pos++;
    // The value ends where the next ` --option` starts, unless it is quoted or JSON (then: end of line).
    const rest = text.slice(pos);
    let end = rest.length;
    if (!/^["'{[]/.test(rest)) {
      const next = rest.search(/\s--?[A-Za-z][\w-]*(\s|=|$)/);
      if (next >= 0) end = next;
    }
    const value = rest.slice(0, end).trimEnd();
    const option: OptionLine = {
      flag,
      dashes,
      equals,
      flagSpan,
      value: value || equals ? value : undefined,
    };
    if (option.value !== undefined)
      option.valueSpan = { start: base + pos, end: base + pos + value.length };
    options.push(option);
    pos += end;
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
  }
  return options;
}

/** Writes a file back; `print(parse(text))` returns `text` for files in the canonical layout. */
export function printOperationFile(file: OperationFile): string {
  const out: string[] = [];
  if (file.header.length) out.push(...file.header, '');
  for (const s of file.settings) out.push(...s.comments, `${s.name} = ${s.value}`);
  for (const b of file.blocks) {
    if (out.length) out.push('');
    out.push(...b.comments);
    const inline = b.options.filter((_, i) => b.inline[i]).map(printOption);
    out.push([`${b.name}: ${b.command}`, ...inline].join(' '));
    b.options.forEach((o, i) => {
      if (!b.inline[i]) out.push(`  ${printOption(o)}`);
    });
  }
  if (file.trailer.length) out.push('', ...file.trailer);
  return `${out.join('\n')}\n`;
}

function printOption(o: OptionLine): string {
  const flag = `${o.dashes}${o.flag}`;
  if (o.value === undefined) return flag;
  return o.equals ? `${flag}=${o.value}` : `${flag} ${o.value}`;
}

/** `${...}` references in a text, with their spans (offset by `base`). */
export function referencesIn(text: string, base = 0): Reference[] {
  const refs: Reference[] = [];
  for (const m of text.matchAll(/\$\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}/g)) {
    refs.push({ path: m[1], span: { start: base + m.index!, end: base + m.index! + m[0].length } });
  }
  return refs;
}

/** Offset <-> line/character for LSP positions (the LSP library's own document does the math). */
export class LineIndex {
  private readonly doc: TextDocument;
  constructor(readonly text: string) {
    this.doc = TextDocument.create('', '', 0, text);
  }

  position(offset: number): { line: number; character: number } {
    return this.doc.positionAt(offset);
  }

  offset(p: { line: number; character: number }): number {
    return this.doc.offsetAt(p);
  }

  range(span: Span) {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}
