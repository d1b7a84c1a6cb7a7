import './scmTextHook';
import clojure from './queries/clojure.scm';
import csharp from './queries/csharp.scm';
import go from './queries/go.scm';
import java from './queries/java.scm';
import python from './queries/python.scm';
import rust from './queries/rust.scm';
import typescript from './queries/typescript.scm';
import type { SourceLanguage } from './types';

/** Query source per language, inlined at build time. */
export const QUERY_SOURCES: Record<SourceLanguage, string> = {
  clojure,
  csharp,
  go,
  java,
  python,
  rust,
  typescript,
};
