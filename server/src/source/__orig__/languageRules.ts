import type { Node, QueryCapture, QueryMatch } from 'web-tree-sitter';
import type { LineIndex } from './documentText';
import type { GrammarId } from './grammars';
import type { Position, Range, SourceLanguage, SourceRecords } from './types';

/**
 * What one language contributes (STYLE rule 7): a query file and a naming-rule module.
 *
 * Analysis runs in two phases so that edits stay cheap:
 *  1. `extract` turns query matches inside one top-level chunk of the file (a top-level
 *     node, with any nodes attached to it) into plain facts. Facts may only depend on the
 *     chunk's own text: they are cached per chunk text and reused after edits elsewhere.
 *  2. `resolve` turns all facts of the file into records, applying the SDK's naming rules,
 *     import aliases and cross-chunk links (for example a handler and its workflow).
 */
export interface LanguageRules<F> {
  language: SourceLanguage;
  /** Query source (.scm text). */
  query: string;
  /** Name of a scope-defining node (class, function...) or undefined; used by `ctx.scope`. */
  scopeName?(node: Node, ctx: ExtractContext): string | undefined;
  /**
   * True for top-level nodes that belong to the next one (Rust `#[attr]` items before the
   * item they annotate): they share its chunk, so its facts can read them.
   */
  attachesToNext?(nodeType: string): boolean;
  extract(match: QueryMatch, ctx: ExtractContext, out: F[]): void;
  resolve(facts: readonly F[], ctx: ResolveContext): RecordsBody;
}

export type RecordsBody = Omit<SourceRecords, 'uri' | 'language' | 'hasErrors'>;

export function emptyBody(): RecordsBody {
  return {
    workflows: [],
    handlers: [],
    handlerRefs: [],
    activities: [],
    workers: [],
    implementations: [],
    diagnostics: [],
    constants: {},
    reexports: [],
  };
}

export interface ResolveContext {
  uri: string;
  /** File system path of the document, when the uri is a file uri or a path. */
  filePath?: string;
  grammar: GrammarId;
}

export interface ExtractContext {
  text(node: Node): string;
  /** Range of a node; relative to the chunk until `resolve` sees it (rebased in between). */
  range(node: Node): Range;
  /** Range from the start of `from` to the end of `to`. */
  span(from: Node, to: Node): Range;
  /** Names of the scopes enclosing `node`, outermost first (see `scopeName`). */
  scope(node: Node): string[];
  /** Is `node` the tree's root (where upward walks stop)? */
  isRoot(node: Node): boolean;
}

/** A position relative to a chunk start; rebased to an absolute Position before `resolve`. */
export class RelativePosition {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class ChunkExtractContext implements ExtractContext {
  private originLine = 0;
  private originCharacter = 0;

  constructor(
    private readonly lines: LineIndex,
    private readonly scopeName:
      ((node: Node, ctx: ExtractContext) => string | undefined) | undefined,
  ) {}

  /** Starts a chunk: ranges become relative to `startIndex`. */
  enter(startIndex: number): void {
    const origin = this.lines.positionAt(startIndex);
    this.originLine = origin.line;
    this.originCharacter = origin.character;
  }

  isRoot(node: Node): boolean {
    return node.parent === null;
  }

  text(node: Node): string {
    return this.lines.text.slice(node.startIndex, node.endIndex);
  }

  private relative(offset: number): Position {
    const p = this.lines.positionAt(offset);
    const line = p.line - this.originLine;
    return new RelativePosition(
      line,
      line === 0 ? p.character - this.originCharacter : p.character,
    );
  }

  range(node: Node): Range {
    return { start: this.relative(node.startIndex), end: this.relative(node.endIndex) };
  }

  span(from: Node, to: Node): Range {
    return { start: this.relative(from.startIndex), end: this.relative(to.endIndex) };
  }

  scope(node: Node): string[] {
    const names: string[] = [];
    if (!this.scopeName) return names;
    for (let n: Node | null = node.parent; n && n.parent; n = n.parent) {
      const name = this.scopeName(n, this);
      if (name !== undefined) names.push(name);
    }
    return names.reverse();
  }
}

/** Deep copy of `value` with every RelativePosition made absolute against `origin`. */
export function rebase<T>(value: T, origin: Position): T {
  return rebaseValue(value, origin) as T;
}

function rebaseValue(value: unknown, origin: Position): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof RelativePosition) {
    return {
      line: origin.line + value.line,
      character: value.line === 0 ? origin.character + value.character : value.character,
    };
  }
  if (Array.isArray(value)) return value.map((v) => rebaseValue(v, origin));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = rebaseValue(v, origin);
  return out;
}

// Small helpers shared by the language modules.

export function capture(match: QueryMatch, name: string): Node | undefined {
  for (const c of match.captures) if (c.name === name) return c.node;
  return undefined;
}

export function captures(match: QueryMatch, name: string): Node[] {
  return match.captures.filter((c: QueryCapture) => c.name === name).map((c) => c.node);
}

/** Removes all whitespace, so `workflow . defn` and `workflow.defn` compare equal. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
