import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tree } from 'web-tree-sitter';
// `require` (not `import`) so bundlers pick web-tree-sitter's CommonJS build, which does not
// depend on import.meta.url.
import TreeSitter = require('web-tree-sitter');
import { LineIndex, applyChanges, diffTexts, type TreeEdit } from './documentText';
import {
  LANGUAGE_GRAMMARS,
  grammarFor,
  grammarForPath,
  grammarLanguage,
  grammarWasmPath,
  runtimeWasmPath,
  type GrammarId,
} from './grammars';
import { hashSlice } from './hash';
import { ChunkExtractContext, extractChunk, moveFacts } from './extract';
import type { Fact } from './facts';
import type { LanguageRules } from './languageRules';
import { LANGUAGE_RULES } from './languages';
import { QUERY_SOURCES } from './queries';
import { emptyBody, type RecordsBody } from './resolve';
import type { Position, SourceLanguage, SourceRecords, TextChange } from './types';

const { Edit, Language, Parser, Query } = TreeSitter;

export interface SourceEngineOptions {
  /** Folder holding the grammar .wasm files and web-tree-sitter.wasm (bundled server). Default: node_modules. */
  wasmDir?: string;
  /** Languages the engine handles; default all. */
  languages?: SourceLanguage[];
  /**
   * Load a language's grammars only when `ensureLanguage`/`ensureFor` first asks for them (the
   * server: each grammar costs MBs of wasm memory, C# alone 5 MB). Default false: all up front.
   */
  lazy?: boolean;
  /** Documents longer than this (UTF-16 units) get empty records. Default 4 MB worth. */
  maxDocumentLength?: number;
  /** Parses taking longer than this are abandoned (records then come back empty). Default 3000. */
  parseTimeoutMs?: number;
  /** Called when a language module throws; the document then gets empty records. */
  onError?: (error: unknown, uri: string) => void;
}

/**
 * Parses documents with tree-sitter and turns them into records. Records share structure with
 * the engine's caches between analyses: treat them as read-only.
 */
export interface SourceEngine {
  readonly languages: readonly SourceLanguage[];
  /** Language of a file path by extension, if the engine handles it. */
  languageForPath(filePath: string): SourceLanguage | undefined;
  /** Language of an LSP/VS Code language id (python, typescriptreact, csharp...). */
  languageForId(languageId: string): SourceLanguage | undefined;
  /** Loads a language's grammars (once); the sync calls below skip languages not loaded yet. */
  ensureLanguage(language: SourceLanguage): Promise<void>;
  /** Loads the grammars a document needs; its language, undefined when the engine has none. */
  ensureFor(uri: string, languageId: string): Promise<SourceLanguage | undefined>;
  /** Parses and analyses a document and keeps it open for incremental updates. */
  analyze(uri: string, languageId: string, text: string): SourceRecords | undefined;
  /** Re-analyses an open document after LSP-style incremental changes. */
  applyEdit(uri: string, changes: readonly TextChange[]): SourceRecords | undefined;
  /** Re-analyses an open document given its whole new text (diffed against the old one). */
  update(uri: string, newText: string): SourceRecords | undefined;
  /** Records of an open document. */
  records(uri: string): SourceRecords | undefined;
  /** Text of an open document. */
  text(uri: string): string | undefined;
  isOpen(uri: string): boolean;
  close(uri: string): void;
  /** Analyses text without keeping anything (workspace indexing). */
  analyzeOnce(uri: string, languageId: string, text: string): SourceRecords | undefined;
  /** Time the last analysis spent parsing and extracting/resolving records (for benchmarks). */
  readonly lastTimings: AnalysisTimings | undefined;
  dispose(): void;
}

export interface AnalysisTimings {
  parseMs: number;
  analyzeMs: number;
  /** Top-level chunks whose facts were extracted from the tree in the last analysis. */
  extractedChunks: number;
  /** Chunks whose facts were reused from the previous analysis (unchanged text). */
  reusedChunks: number;
}

interface LoadedGrammar {
  id: GrammarId;
  language: TreeSitter.Language;
  parser: TreeSitter.Parser;
  /** Parses regions of a document (included ranges stay with a parser). */
  regionParser: TreeSitter.Parser;
  query: TreeSitter.Query;
  rules: LanguageRules;
}

/** Facts of one chunk (a top-level node plus the nodes attached to it). */
interface ChunkEntry {
  start: number;
  end: number;
  /** Root type and node types: the same text can parse as different nodes. */
  key: string;
  /** Hash of the chunk text, computed when a lookup by content needs it. */
  hash?: number;
  /** Chunks with syntax errors are never reused (error recovery depends on context). */
  reusable: boolean;
  /** Where the chunk starts; its facts move with it. */
  origin: Position;
  facts: Fact[];
}

interface ChunkCache {
  text: string;
  /** Type of the tree's root (an ERROR root makes every chunk context-dependent). */
  rootType: string;
  /** The root has an error no chunk shows (a recovery between top-level nodes). */
  rootError: boolean;
  hasErrors: boolean;
  /** In text order; zero-width entries are error nodes (MISSING tokens) without facts. */
  entries: ChunkEntry[];
}

/** Where the top-level chunks of an analysis come from. */
type ChunkSource =
  /** Top-level nodes of a (possibly partial) tree. */
  | { root: TreeSitter.Node; tops: TopLevelNode[] }
  /** Chunks of the previous analysis, moved by `delta` characters. */
  | { entries: ChunkEntry[]; delta: number };

interface OpenDocument {
  uri: string;
  grammar: LoadedGrammar;
  text: string;
  /** The last full parse, edited (not reparsed) after edits analysed with a region parse. */
  tree: Tree | null;
  chunks: ChunkCache | undefined;
  records: SourceRecords;
}

const ALL_LANGUAGES: SourceLanguage[] = [
  'python',
  'typescript',
  'go',
  'java',
  'csharp',
  'rust',
  'clojure',
];

let runtimeInit: Promise<void> | undefined;

function initRuntime(wasmDir?: string): Promise<void> {
  // Parser.init sets up one wasm runtime per process; later engines share it.
  runtimeInit ??= Parser.init({
    locateFile: (file: string) =>
      file === 'web-tree-sitter.wasm' ? runtimeWasmPath(wasmDir) : path.join(wasmDir ?? '', file),
  });
  return runtimeInit;
}

/** Loads the runtime (and the grammars unless `lazy`); analysis is synchronous from then on. */
export async function createSourceEngine(options: SourceEngineOptions = {}): Promise<SourceEngine> {
  await initRuntime(options.wasmDir);
  const engine = new Engine(options.languages ?? ALL_LANGUAGES, options);
  if (!options.lazy) for (const language of engine.languages) await engine.ensureLanguage(language);
  return engine;
}

async function loadGrammar(
  id: GrammarId,
  language: SourceLanguage,
  wasmDir?: string,
): Promise<LoadedGrammar> {
  const loaded = await Language.load(grammarWasmPath(id, wasmDir));
  const parser = new Parser();
  parser.setLanguage(loaded);
  const regionParser = new Parser();
  regionParser.setLanguage(loaded);
  return {
    id,
    language: loaded,
    parser,
    regionParser,
    query: new Query(loaded, QUERY_SOURCES[language]),
    rules: LANGUAGE_RULES[language],
  };
}

class Engine implements SourceEngine {
  private readonly documents = new Map<string, OpenDocument>();
  lastTimings: AnalysisTimings | undefined;
  private readonly maxLength: number;
  private readonly parseTimeoutMs: number;

  private readonly grammars = new Map<GrammarId, LoadedGrammar>();
  /** One load per language, shared by concurrent callers. */
  private readonly loading = new Map<SourceLanguage, Promise<void>>();
  private disposed = false;

  constructor(
    readonly languages: readonly SourceLanguage[],
    private readonly options: SourceEngineOptions,
  ) {
    this.maxLength = options.maxDocumentLength ?? 4_000_000;
    this.parseTimeoutMs = options.parseTimeoutMs ?? 3000;
  }

  languageForPath(filePath: string): SourceLanguage | undefined {
    return this.handled(grammarForPath(filePath));
  }

  languageForId(languageId: string): SourceLanguage | undefined {
    return this.handled(grammarFor(languageId));
  }

  private handled(id: GrammarId | undefined): SourceLanguage | undefined {
    const language = id && grammarLanguage(id);
    return language && this.languages.includes(language) ? language : undefined;
  }

  ensureLanguage(language: SourceLanguage): Promise<void> {
    if (!this.languages.includes(language)) return Promise.resolve();
    let loading = this.loading.get(language);
    if (!loading) {
      loading = (async () => {
        for (const id of LANGUAGE_GRAMMARS[language]) {
          const grammar = await loadGrammar(id, language, this.options.wasmDir);
          if (this.disposed) deleteGrammar(grammar);
          else this.grammars.set(id, grammar);
        }
      })();
      // A failed load (a missing .wasm) is tried again by the next caller.
      loading.catch(() => this.loading.delete(language));
      this.loading.set(language, loading);
    }
    return loading;
  }

  async ensureFor(uri: string, languageId: string): Promise<SourceLanguage | undefined> {
    const language = this.handled(grammarFor(languageId, uriToPath(uri) ?? uri));
    if (language) await this.ensureLanguage(language);
    return language;
  }

  private grammarFor(uri: string, languageId: string): LoadedGrammar | undefined {
    const id = grammarFor(languageId, uriToPath(uri) ?? uri);
    return id ? this.grammars.get(id) : undefined;
  }

  analyze(uri: string, languageId: string, text: string): SourceRecords | undefined {
    const grammar = this.grammarFor(uri, languageId);
    if (!grammar) {
      this.close(uri);
      return undefined;
    }
    const previous = this.documents.get(uri);
    if (previous && previous.grammar === grammar) return this.reparse(previous, text, undefined);
    this.close(uri);
    const doc: OpenDocument = {
      uri,
      grammar,
      text,
      tree: null,
      chunks: undefined,
      records: emptyRecords(uri, grammar),
    };
    this.documents.set(uri, doc);
    return this.reparse(doc, text, undefined);
  }

  applyEdit(uri: string, changes: readonly TextChange[]): SourceRecords | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const { text, edits } = applyChanges(doc.text, changes);
    return this.reparse(doc, text, edits);
  }

  update(uri: string, newText: string): SourceRecords | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    if (newText === doc.text) return doc.records;
    const edit = diffTexts(doc.text, newText);
    return this.reparse(doc, newText, edit ? [edit] : []);
  }

  records(uri: string): SourceRecords | undefined {
    return this.documents.get(uri)?.records;
  }

  text(uri: string): string | undefined {
    return this.documents.get(uri)?.text;
  }

  isOpen(uri: string): boolean {
    return this.documents.has(uri);
  }

  close(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    doc.tree?.delete();
    this.documents.delete(uri);
  }

  analyzeOnce(uri: string, languageId: string, text: string): SourceRecords | undefined {
    const grammar = this.grammarFor(uri, languageId);
    if (!grammar) return undefined;
    if (text.length > this.maxLength) return emptyRecords(uri, grammar);
    const tree = this.parse(grammar, text, null);
    if (!tree) return { ...emptyRecords(uri, grammar), hasErrors: true };
    try {
      return this.analyzeTree(grammar, uri, text, tree, undefined, undefined).records;
    } finally {
      tree.delete();
    }
  }

  dispose(): void {
    for (const uri of [...this.documents.keys()]) this.close(uri);
    this.disposed = true;
    for (const g of this.grammars.values()) deleteGrammar(g);
    this.grammars.clear();
  }

  /** Parses `text` (incrementally when `edits` describe how it differs from the doc's tree). */
  private reparse(doc: OpenDocument, text: string, edits: TreeEdit[] | undefined): SourceRecords {
    if (text.length > this.maxLength) {
      doc.tree?.delete();
      doc.tree = null;
      doc.text = text;
      doc.chunks = undefined;
      doc.records = emptyRecords(doc.uri, doc.grammar);
      return doc.records;
    }
    let oldTree: Tree | null = null;
    if (doc.tree && edits) {
      for (const e of edits) doc.tree.edit(new Edit(e));
      oldTree = doc.tree;
    }
    if (oldTree && edits?.length === 1 && doc.chunks) {
      const region = this.regionReparse(doc, text, doc.chunks, edits[0]);
      if (region) {
        doc.text = text;
        doc.records = region.records;
        doc.chunks = region.chunks;
        return doc.records;
      }
    }
    const tree = this.parse(doc.grammar, text, oldTree);
    doc.tree?.delete();
    doc.tree = tree;
    doc.text = text;
    if (!tree) {
      doc.chunks = undefined;
      doc.records = { ...emptyRecords(doc.uri, doc.grammar), hasErrors: true };
      return doc.records;
    }
    // With one edit, chunks before and after it are found again by position; otherwise by content.
    const edit = edits?.length === 1 ? edits[0] : undefined;
    const analysed = this.analyzeTree(doc.grammar, doc.uri, text, tree, doc.chunks, edit);
    doc.records = analysed.records;
    doc.chunks = analysed.chunks;
    return doc.records;
  }

  private parse(
    grammar: LoadedGrammar,
    text: string,
    oldTree: Tree | null,
    region?: TreeSitter.Range,
  ): Tree | null {
    const started = performance.now();
    const deadline = started + this.parseTimeoutMs;
    this.lastTimings = { parseMs: 0, analyzeMs: 0, extractedChunks: 0, reusedChunks: 0 };
    try {
      return (region ? grammar.regionParser : grammar.parser).parse(text, oldTree, {
        // Returning true cancels the parse (the typings say void).
        progressCallback: (() => performance.now() > deadline) as () => void,
        includedRanges: region ? [region] : undefined,
      });
    } catch (error) {
      this.options.onError?.(error, '');
      return null;
    } finally {
      this.lastTimings.parseMs = performance.now() - started;
    }
  }

  /**
   * Parses only the top-level chunks around one edit, with unchanged chunks on each side as
   * anchors, when that stands for a full parse: the region parses without errors and its
   * anchors come out exactly as before. An edit that leaves errors (or one near older errors)
   * gets a wider region, accepted when every old chunk around the edit comes out as before, so
   * error recovery stayed local. The rest of the file keeps its facts; the full tree is only
   * edited. Tree-sitter's incremental parse re-reads the rest of a Python file after an edit at
   * a line start; this keeps an edit's cost proportional to the chunks it touches. Undefined
   * when no region qualifies (a full parse follows).
   */
  private regionReparse(
    doc: OpenDocument,
    text: string,
    previous: ChunkCache,
    edit: TreeEdit,
  ): { records: SourceRecords; chunks: ChunkCache } | undefined {
    const entries = previous.entries;
    if (entries.length === 0 || previous.rootType === 'ERROR' || previous.rootError) {
      return undefined;
    }
    // Chunks the edit touches (none when it falls between two).
    let first = entries.findIndex((e) => e.end >= edit.startIndex);
    if (first < 0) first = entries.length;
    let last = first - 1;
    while (last + 1 < entries.length && entries[last + 1].start <= edit.oldEndIndex) last++;
    const lines = new LineIndex(text);
    const quiet = (a: number, b: number) =>
      entries.slice(Math.max(0, a), b).every((e) => e.reusable);
    for (const margin of [ANCHORS, WIDE]) {
      const from = Math.max(0, first - margin);
      const to = Math.min(entries.length - 1, last + margin);
      const wide = margin === WIDE;
      if (
        !wide &&
        // Error recovery can couple errors some way apart: a narrow region needs none near it.
        // Else the wide one is tried: every old chunk in it must come out as before, which
        // shows recovery stayed inside it (older errors outside it no longer rule it out).
        (!quiet(from - QUIET, from) ||
          !quiet(to + 1, to + 1 + QUIET) ||
          !quiet(from, first) ||
          !quiet(last + 1, to + 1))
      ) {
        continue;
      }
      const result = this.parseRegion(
        doc,
        text,
        lines,
        previous,
        edit,
        from,
        first,
        last,
        to,
        wide,
      );
      if (result) return result;
    }
    return undefined;
  }

  /** A region parse of chunks `from..to` (edited: `first..last`) checked against the old chunks. */
  private parseRegion(
    doc: OpenDocument,
    text: string,
    lines: LineIndex,
    previous: ChunkCache,
    edit: TreeEdit,
    from: number,
    first: number,
    last: number,
    to: number,
    wide: boolean,
  ): { records: SourceRecords; chunks: ChunkCache } | undefined {
    const entries = previous.entries;
    const delta = edit.newEndIndex - edit.oldEndIndex;
    const start = from < first ? entries[from].start : 0;
    // The region runs to the next chunk: the whitespace after the last anchor ends it.
    const end = to + 1 < entries.length ? entries[to + 1].start + delta : text.length;
    // A large region is parsed as fast incrementally.
    if (end - start > Math.max(20_000, text.length / 4)) return undefined;
    const point = (offset: number) => {
      const p = lines.positionAt(offset);
      return { row: p.line, column: p.character };
    };
    const range = {
      startIndex: start,
      endIndex: end,
      startPosition: point(start),
      endPosition: point(end),
    };
    const tree = this.parse(doc.grammar, text, null, range);
    if (!tree) return undefined;
    try {
      const root = tree.rootNode;
      const tops = topLevelNodes(tree);
      const groups = chunkGroups(tops, doc.grammar.rules.attached ?? []);
      // An error may be recovered from differently with more of the file in view (an
      // unterminated string runs on): a narrow region must be clean.
      if (root.type !== previous.rootType || (!wide && root.hasError)) return undefined;
      // Old chunks around the edit come out as before, errors included; the outermost ones clean.
      const same = (i: number, g: ChunkGroup | undefined, shift: number) => {
        const e = entries[i];
        if (!g || g.start !== e.start + shift || g.end !== e.end + shift) return false;
        if (`${root.type}/${g.types}` !== e.key) return false;
        const clean = tops.slice(g.first, g.last + 1).every((t) => !root.child(t.index)?.hasError);
        const anchor = i - from < ANCHORS || to - i < ANCHORS;
        return clean === e.reusable && (clean || !anchor);
      };
      for (let i = from; i < first; i++) if (!same(i, groups[i - from], 0)) return undefined;
      for (let i = to; i > last; i--) {
        if (!same(i, groups[groups.length - 1 - (to - i)], delta)) return undefined;
      }
      const before = entries.slice(0, from);
      const after = entries.slice(to + 1);
      // Only a full parse can tell that the file's last error is gone: errors of the root
      // itself (a recovery between top-level nodes) show in no chunk.
      const errors = root.hasError || [...before, ...after].some((e) => !e.reusable);
      if (previous.hasErrors && !errors) return undefined;
      const sources: ChunkSource[] = [
        { entries: before, delta: 0 },
        { root, tops },
        { entries: after, delta },
      ];
      return this.analyzeChunks(doc.grammar, doc.uri, text, lines, sources, previous, edit);
    } finally {
      tree.delete();
    }
  }

  private analyzeTree(
    grammar: LoadedGrammar,
    uri: string,
    text: string,
    tree: Tree,
    previous: ChunkCache | undefined,
    edit: TreeEdit | undefined,
  ): { records: SourceRecords; chunks: ChunkCache | undefined } {
    const sources = [{ root: tree.rootNode, tops: topLevelNodes(tree) }];
    return this.analyzeChunks(grammar, uri, text, new LineIndex(text), sources, previous, edit);
  }

  /** Facts of every chunk (extracted, or reused from `previous`), resolved into records. */
  private analyzeChunks(
    grammar: LoadedGrammar,
    uri: string,
    text: string,
    lines: LineIndex,
    sources: ChunkSource[],
    previous: ChunkCache | undefined,
    edit: TreeEdit | undefined,
  ): { records: SourceRecords; chunks: ChunkCache } {
    const started = performance.now();
    const rules = grammar.rules;
    let rootType = '';
    let body: RecordsBody;
    const chunks: ChunkCache = { text, rootType, rootError: false, hasErrors: false, entries: [] };
    let hasErrors = false;
    let extractedChunks = 0;
    let reusedChunks = 0;
    try {
      const reuse = new ChunkReuse(previous, edit);
      const ctx = new ChunkExtractContext(lines);
      const attached = rules.attached ?? [];
      const facts: Fact[] = [];
      const add = (entry: ChunkEntry) => {
        chunks.entries.push(entry);
        for (const f of entry.facts) facts.push(f);
      };
      for (const source of sources) {
        if ('entries' in source) {
          for (const e of source.entries) {
            if (!e.reusable) hasErrors = true;
            reusedChunks++;
            add(moveEntry(e, e.start + source.delta, lines));
          }
          continue;
        }
        const { root, tops } = source;
        rootType = root.type;
        if (root.hasError) hasErrors = true;
        const firstEntry = chunks.entries.length;
        for (const { first, last, start, end, types } of chunkGroups(tops, attached)) {
          const key = `${root.type}/${types}`;
          const origin = lines.positionAt(start);
          if (end <= start) {
            // Zero-width (MISSING) nodes carry no facts; kept for their error.
            const node = root.child(tops[first].index);
            const reusable = !node?.hasError && !node?.isMissing;
            add({ start, end, key, reusable, origin, facts: [] });
            continue;
          }
          const found = reuse.find(text, start, end, key);
          if (found) {
            reusedChunks++;
            add(moveEntry(found, start, lines));
            continue;
          }
          extractedChunks++;
          let reusable = true;
          const matches: TreeSitter.QueryMatch[] = [];
          const nodes: TreeSitter.Node[] = [];
          for (let k = first; k <= last; k++) {
            const node = root.child(tops[k].index);
            if (!node) continue;
            if (node.hasError) reusable = false;
            nodes.push(node);
            matches.push(...grammar.query.matches(node));
          }
          add({
            start,
            end,
            key,
            reusable,
            origin,
            facts: extractChunk(matches, ctx, rules, nodes),
          });
        }
        if (root.hasError && chunks.entries.slice(firstEntry).every((e) => e.reusable)) {
          chunks.rootError = true;
        }
      }
      chunks.rootType = rootType;
      chunks.hasErrors = hasErrors;
      const resolveCtx = { uri, filePath: uriToPath(uri), grammar: grammar.id };
      body = rules.resolve(facts, resolveCtx);
    } catch (error) {
      this.options.onError?.(error, uri);
      chunks.entries = [];
      chunks.rootType = 'ERROR';
      body = emptyBody();
    }
    if (this.lastTimings) {
      this.lastTimings.analyzeMs = performance.now() - started;
      this.lastTimings.extractedChunks = extractedChunks;
      this.lastTimings.reusedChunks = reusedChunks;
    }
    return {
      records: { uri, language: rules.language, ...body, hasErrors },
      chunks,
    };
  }
}

/** An entry of the previous analysis at its new start, its facts moved along. */
function moveEntry(e: ChunkEntry, start: number, lines: LineIndex): ChunkEntry {
  const origin = lines.positionAt(start);
  const moved = e.origin.line !== origin.line || e.origin.character !== origin.character;
  return {
    ...e,
    start,
    end: e.end + (start - e.start),
    origin,
    facts: moved ? moveFacts(e.facts, e.origin, origin) : e.facts,
  };
}

/** Finds the previous analysis's facts for a chunk, by position around one edit or by content. */
class ChunkReuse {
  private byStart: Map<number, ChunkEntry> | undefined;
  private byContent: Map<string, ChunkEntry> | undefined;

  constructor(
    private readonly previous: ChunkCache | undefined,
    private readonly edit: TreeEdit | undefined,
  ) {}

  find(text: string, start: number, end: number, key: string): ChunkEntry | undefined {
    const previous = this.previous;
    if (!previous) return undefined;
    const edit = this.edit;
    if (edit) {
      // Text strictly before or after the edit is unchanged (only shifted after it).
      let oldStart: number | undefined;
      if (end < edit.startIndex) oldStart = start;
      else if (start > edit.newEndIndex) oldStart = start - (edit.newEndIndex - edit.oldEndIndex);
      if (oldStart === undefined) return undefined;
      this.byStart ??= new Map(
        previous.entries.filter((e) => e.end > e.start).map((e) => [e.start, e]),
      );
      const e = this.byStart.get(oldStart);
      return e && e.reusable && e.key === key && e.end - e.start === end - start ? e : undefined;
    }
    this.byContent ??= this.indexByContent(previous);
    const e = this.byContent.get(`${key}:${end - start}:${hashSlice(text, start, end)}`);
    return e?.reusable ? e : undefined;
  }

  private indexByContent(previous: ChunkCache): Map<string, ChunkEntry> {
    const map = new Map<string, ChunkEntry>();
    for (const e of previous.entries) {
      if (e.end <= e.start) continue;
      e.hash ??= hashSlice(previous.text, e.start, e.end);
      map.set(`${e.key}:${e.end - e.start}:${e.hash}`, e);
    }
    return map;
  }
}

/** Chunks anchoring a region parse on each side. */
const ANCHORS = 2;
/** Chunks on each side of an edit a wide region parse takes in. */
const WIDE = 24;
/** Chunks around a narrow region parse that must be free of errors. */
const QUIET = 16;

/** Top-level nodes `first..last` making one chunk: a node plus the ones attached to it. */
interface ChunkGroup {
  first: number;
  last: number;
  start: number;
  end: number;
  /** Node types, comma-separated. */
  types: string;
}

/** Groups top-level nodes into chunks (Rust `#[attr]` items stay with the item they annotate). */
function chunkGroups(tops: readonly TopLevelNode[], attached: readonly string[]): ChunkGroup[] {
  const out: ChunkGroup[] = [];
  for (let i = 0; i < tops.length; i++) {
    const first = i;
    while (i + 1 < tops.length && attached.includes(tops[i].type)) i++;
    let types = tops[first].type;
    for (let k = first + 1; k <= i; k++) types += `,${tops[k].type}`;
    out.push({ first, last: i, start: tops[first].start, end: tops[i].end, types });
  }
  return out;
}

interface TopLevelNode {
  index: number;
  start: number;
  end: number;
  type: string;
}

/** Top-level nodes read with a cursor, without creating a Node object per child. */
function topLevelNodes(tree: Tree): TopLevelNode[] {
  const out: TopLevelNode[] = [];
  const cursor = tree.walk();
  try {
    if (cursor.gotoFirstChild()) {
      let index = 0;
      do {
        out.push({
          index,
          start: cursor.startIndex,
          end: cursor.endIndex,
          type: cursor.nodeType,
        });
        index++;
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return out;
}

function deleteGrammar(g: LoadedGrammar): void {
  g.query.delete();
  g.parser.delete();
  g.regionParser.delete();
}

function emptyRecords(uri: string, grammar: LoadedGrammar): SourceRecords {
  return {
    uri,
    language: grammar.rules.language,
    ...emptyBody(),
    hasErrors: false,
  };
}

/** File system path of a file uri or an absolute path; undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (uri.startsWith('file://')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  if (path.isAbsolute(uri)) return uri;
  return undefined;
}
