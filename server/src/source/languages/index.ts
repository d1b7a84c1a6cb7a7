import type { LanguageRules } from '../languageRules';
import type { SourceLanguage } from '../types';
import { clojureRules } from './clojure';
import { csharpRules } from './csharp';
import { goRules } from './go';
import { javaRules } from './java';
import { pythonRules } from './python';
import { rustRules } from './rust';
import { typescriptRules } from './typescript';

/** One naming-rule module per language (each with its query file). */
export const LANGUAGE_RULES: Record<SourceLanguage, LanguageRules> = {
  python: pythonRules,
  typescript: typescriptRules,
  go: goRules,
  java: javaRules,
  csharp: csharpRules,
  rust: rustRules,
  clojure: clojureRules,
};
