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
import { LANGUAGE_RULES } from './languages';
import {
  ChunkExtractContext,
  emptyBody,
  rebase,
  type LanguageRules,
  type RecordsBody,
} from './languageRules';
import type { Position, SourceLanguage, SourceRecords, TextChange } from './types';

const { Edit, Language, Parser, Query } = TreeSitter;

export interface SourceEngineOptions {
  /** Folder holding the grammar .wasm files and web-tree-sitter.wasm (bundled server). Default: node_modules. */
  wasmDir?: string;
  /** Languages to load; default all. */
  languages?: SourceLanguage[];
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
}

interface LoadedGrammar {
  id: GrammarId;
  language: TreeSitter.Language;
  parser: TreeSitter.Parser;
  query: TreeSitter.Query;
  rules: LanguageRules<unknown>;
}

/** Facts of one chunk (a top-level node plus the nodes attached to it). */
interface ChunkEntry {
  start: number;
  end: number;
  /** Root type and node types: the same text can parse as different nodes. */
  key: string;
  /** Hash of the chunk text, computed when a lookup by content needs it. */
  hash?: number;
  /** Facts with chunk-relative positions. */
  facts: unknown[];
  /** Chunks with syntax errors are never reused (error recovery depends on context). */
  reusable: boolean;
  /** Where `absolute` was rebased to; reused as is while the chunk does not move. */
  origin: Position;
  absolute: unknown[];
}

interface ChunkCache {
  text: string;
  entries: ChunkEntry[];
}

interface OpenDocument {
  uri: string;
  grammar: LoadedGrammar;
  text: string;
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

/** Loads the runtime and the grammars; the returned engine is synchronous from then on. */
export async function createSourceEngine(options: SourceEngineOptions = {}): Promise<SourceEngine> {
  await initRuntime(options.wasmDir);
  const languages = options.languages ?? ALL_LANGUAGES;
  const grammars = new Map<GrammarId, LoadedGrammar>();
  for (const language of languages) {
    const rules = LANGUAGE_RULES[language];
    for (const id of LANGUAGE_GRAMMARS[language]) {
      const loaded = await Language.load(grammarWasmPath(id, options.wasmDir));
      const parser = new Parser();
      parser.setLanguage(loaded);
      grammars.set(id, {
        id,
        language: loaded,
        parser,
        query: new Query(loaded, rules.query),
        rules,
      });
    }
  }
  return new Engine(languages, grammars, options);
}

class Engine implements SourceEngine {
  private readonly documents = new Map<string, OpenDocument>();
  lastTimings: AnalysisTimings | undefined;
  private readonly maxLength: number;
  private readonly parseTimeoutMs: number;

  constructor(
    readonly languages: readonly SourceLanguage[],
    private readonly grammars: Map<GrammarId, LoadedGrammar>,
    private readonly options: SourceEngineOptions,
  ) {
    this.maxLength = options.maxDocumentLength ?? 4_000_000;
    this.parseTimeoutMs = options.parseTimeoutMs ?? 3000;
  }

  languageForPath(filePath: string): SourceLanguage | undefined {
    const id = grammarForPath(filePath);
    return id && this.grammars.has(id) ? grammarLanguage(id) : undefined;
  }

  languageForId(languageId: string): SourceLanguage | undefined {
    const id = grammarFor(languageId);
    return id && this.grammars.has(id) ? grammarLanguage(id) : undefined;
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
    for (const g of this.grammars.values()) {
      g.query.delete();
      g.parser.delete();
    }
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

  private parse(grammar: LoadedGrammar, text: string, oldTree: Tree | null): Tree | null {
    const started = performance.now();
    const deadline = started + this.parseTimeoutMs;
    this.lastTimings = { parseMs: 0, analyzeMs: 0 };
    try {
      return grammar.parser.parse(text, oldTree, {
        // Returning true cancels the parse (the typings say void).
        progressCallback: (() => performance.now() > deadline) as () => void,
      });
    } catch (error) {
      this.options.onError?.(error, '');
      return null;
    } finally {
      this.lastTimings.parseMs = performance.now() - started;
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
    const started = performance.now();
    const rules = grammar.rules;
    const lines = new LineIndex(text);
    const root = tree.rootNode;
    let body: RecordsBody;
    let chunks: ChunkCache | undefined = { text, entries: [] };
    try {
      const reuse = new ChunkReuse(previous, edit);
      const ctx = new ChunkExtractContext(lines, rules.scopeName?.bind(rules));
      const top = topLevelNodes(tree);
      const facts: unknown[] = [];
      for (let i = 0; i < top.length; i++) {
        // A chunk is one top-level node plus the nodes attached to it (Rust attributes).
        const first = i;
        while (i + 1 < top.length && rules.attachesToNext?.(top[i].type)) i++;
        const start = top[first].start;
        const end = top[i].end;
        if (end <= start) continue;
        let types = top[first].type;
        for (let k = first + 1; k <= i; k++) types += `,${top[k].type}`;
        const key = `${root.type}/${types}`;
        const origin = lines.positionAt(start);
        let entry = reuse.find(text, start, end, key);
        if (entry) {
          const moved =
            entry.origin.line !== origin.line || entry.origin.character !== origin.character;
          entry = {
            ...entry,
            start,
            end,
            origin,
            absolute: moved ? entry.facts.map((f) => rebase(f, origin)) : entry.absolute,
          };
        } else {
          const extracted: unknown[] = [];
          let reusable = true;
          ctx.enter(start);
          for (let k = first; k <= i; k++) {
            const node = root.child(top[k].index);
            if (!node) continue;
            if (node.hasError) reusable = false;
            for (const match of grammar.query.matches(node)) rules.extract(match, ctx, extracted);
          }
          entry = {
            start,
            end,
            key,
            facts: extracted,
            reusable,
            origin,
            absolute: extracted.map((f) => rebase(f, origin)),
          };
        }
        chunks.entries.push(entry);
        for (const f of entry.absolute) facts.push(f);
      }
      body = rules.resolve(facts, { uri, filePath: uriToPath(uri), grammar: grammar.id });
    } catch (error) {
      this.options.onError?.(error, uri);
      chunks = undefined;
      body = emptyBody();
    }
    if (this.lastTimings) this.lastTimings.analyzeMs = performance.now() - started;
    return {
      records: { uri, language: rules.language, ...body, hasErrors: root.hasError },
      chunks,
    };
  }
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
      this.byStart ??= new Map(previous.entries.map((e) => [e.start, e]));
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
      e.hash ??= hashSlice(previous.text, e.start, e.end);
      map.set(`${e.key}:${e.end - e.start}:${e.hash}`, e);
    }
    return map;
  }
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
        out.push({ index, start: cursor.startIndex, end: cursor.endIndex, type: cursor.nodeType });
        index++;
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return out;
}

function emptyRecords(uri: string, grammar: LoadedGrammar): SourceRecords {
  return { uri, language: grammar.rules.language, ...emptyBody(), hasErrors: false };
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
