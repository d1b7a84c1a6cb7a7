// Parse trees for the graph extractor. The engine keeps its trees private, so this module loads
// the same grammars with the same runtime (web-tree-sitter shares one wasm module per process)
// and its own queries. Create it only after the engine is ready: the runtime's first
// initialisation must not race the engine's.
import * as path from 'node:path';
import TreeSitter = require('web-tree-sitter');
import '../scmTextHook';
import {
  grammarForPath,
  grammarLanguage,
  grammarWasmPath,
  runtimeWasmPath,
  type GrammarId,
} from '../grammars';
import type { SourceLanguage } from '../types';
import python from './queries/python.scm';
import typescript from './queries/typescript.scm';

const { Language, Parser, Query } = TreeSitter;

/** Languages the graph extractor has queries for. */
export type GraphLanguage = 'typescript' | 'python';

const QUERIES: Record<GraphLanguage, string> = { typescript, python };
const GRAMMARS: Record<GraphLanguage, GrammarId[]> = {
  typescript: ['typescript', 'tsx'],
  python: ['python'],
};

export function isGraphLanguage(language: SourceLanguage | string): language is GraphLanguage {
  return language === 'typescript' || language === 'python';
}

interface Loaded {
  parser: TreeSitter.Parser;
  query: TreeSitter.Query;
}

export interface ParsedFile {
  language: GraphLanguage;
  tree: TreeSitter.Tree;
  query: TreeSitter.Query;
}

export class GraphParser {
  private constructor(private readonly grammars: Map<GrammarId, Loaded>) {}

  static async create(wasmDir?: string): Promise<GraphParser> {
    await Parser.init({
      locateFile: (file: string) =>
        file === 'web-tree-sitter.wasm' ? runtimeWasmPath(wasmDir) : path.join(wasmDir ?? '', file),
    });
    const grammars = new Map<GrammarId, Loaded>();
    for (const language of Object.keys(GRAMMARS) as GraphLanguage[]) {
      for (const id of GRAMMARS[language]) {
        const loaded = await Language.load(grammarWasmPath(id, wasmDir));
        const parser = new Parser();
        parser.setLanguage(loaded);
        grammars.set(id, { parser, query: new Query(loaded, QUERIES[language]) });
      }
    }
    return new GraphParser(grammars);
  }

  /** Parses a file's text; undefined for languages without graph queries. */
  parse(filePath: string, text: string): ParsedFile | undefined {
    const id = grammarForPath(filePath);
    const loaded = id && this.grammars.get(id);
    if (!id || !loaded) return undefined;
    const language = grammarLanguage(id);
    if (!isGraphLanguage(language)) return undefined;
    const tree = loaded.parser.parse(text);
    return tree ? { language, tree, query: loaded.query } : undefined;
  }
}
