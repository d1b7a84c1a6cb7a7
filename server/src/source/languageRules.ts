import type { ExtractRules } from './extract';
import type { Fact } from './facts';
import type { RecordsBody, ResolveContext } from './resolve';
import type { SourceLanguage } from './types';

/**
 * What one language contributes (STYLE rule 7): a query file, whose captures the shared
 * extractor reads (see extract.ts for the vocabulary), and this naming-rule module.
 *
 * Analysis runs in two phases so that edits stay cheap:
 *  1. extraction turns the query matches of one top-level chunk of the file (a top-level node,
 *     with any nodes attached to it) into facts. Facts depend only on the chunk's own text:
 *     they are cached per chunk and reused after edits elsewhere.
 *  2. `resolve` turns all facts of the file into records, applying the SDK's naming rules,
 *     import aliases and cross-chunk links (for example a handler and its workflow).
 */
export interface LanguageRules extends ExtractRules {
  /** Its query file is queries/<language>.scm. */
  language: SourceLanguage;
  /**
   * Top-level node types that belong to the next node (Rust `#[attr]` items before the item
   * they annotate): they share its chunk, so its facts can read them.
   */
  attached?: readonly string[];
  resolve(facts: readonly Fact[], ctx: ResolveContext): RecordsBody;
}
