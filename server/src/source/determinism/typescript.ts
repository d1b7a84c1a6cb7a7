// TypeScript workflow modules run in a deterministic sandbox that cannot load Node built-ins:
// importing one is reported where the import names it.
import { builtinModules } from 'node:module';
import { DiagnosticCodes, adviceFix, diagnostic } from '../diagnostics';
import type { ImportFact } from '../facts';
import type { FileFacts } from '../resolve';
import type { Range } from '../types';

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const sameStart = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character;

const isNodeBuiltin = (source: string) =>
  source.startsWith('node:') ||
  NODE_BUILTINS.has(source) ||
  NODE_BUILTINS.has(source.split('/')[0]);

/** Diagnostics for the module-level `imports` of a workflow module that load Node built-ins. */
export function nodeBuiltinImports(file: FileFacts, imports: readonly ImportFact[]) {
  const out = [];
  for (const i of imports) {
    if (!isNodeBuiltin(i.path)) continue;
    const bindings = file.imports.filter(
      (b) => b.local !== undefined && sameStart(b.pathRange, i.pathRange),
    );
    // `import type` and `import { type A }` are erased.
    const typeOnly = i.typeOnly || (bindings.length > 0 && bindings.every((b) => b.typeOnly));
    if (typeOnly) continue;
    out.push(
      diagnostic(
        i.pathRange,
        DiagnosticCodes.nodeBuiltin,
        `Workflow modules cannot use the Node.js built-in '${i.path}'; do this work in an activity.`,
        { fix: adviceFix('Move this code to an activity and call it with proxyActivities') },
      ),
    );
  }
  return out;
}
