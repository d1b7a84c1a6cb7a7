// Determinism and registration diagnostics for open documents, with quick fixes where the SDK
// has a deterministic alternative. The fix travels in Diagnostic.data, so code actions need no
// second analysis.
import type { CodeAction, Connection, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver';
import type { QuickFix, SourceDiagnostic, WorkspaceIndex } from '../source';

const severities = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export const diagnosticSource = 'temporal';

export function toDiagnostic(d: SourceDiagnostic): Diagnostic {
  return {
    range: d.range,
    message: d.fix && !d.fix.edits.length ? `${d.message} (${d.fix.title})` : d.message,
    severity: severities[d.severity],
    code: d.code,
    source: diagnosticSource,
    data: d.fix?.edits.length ? d.fix : undefined,
  };
}

/** Publishes diagnostics of open documents, debounced per document. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  readonly open = new Set<string>();
  /** Diagnostics from elsewhere (replay), published with the source ones, open or not. */
  private readonly extra: ((uri: string) => Diagnostic[])[] = [];

  addProvider(provider: (uri: string) => Diagnostic[]): void {
    this.extra.push(provider);
  }

  constructor(
    private readonly connection: Connection,
    private readonly index: Promise<WorkspaceIndex>,
  ) {}

  schedule(uri?: string, delayMs = 150): void {
    for (const u of uri ? [uri] : [...this.open]) {
      clearTimeout(this.timers.get(u));
      this.timers.set(
        u,
        setTimeout(() => void this.publish(u), delayMs),
      );
    }
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.open.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: this.extra.flatMap((p) => p(uri)) });
  }

  /** Publishes now (replay results for documents that may not be open). */
  publishNow(uri: string): Promise<void> {
    clearTimeout(this.timers.get(uri));
    return this.publish(uri, true);
  }

  private async publish(uri: string, force = false): Promise<void> {
    this.timers.delete(uri);
    const extra = this.extra.flatMap((p) => p(uri));
    if (!this.open.has(uri) && !extra.length && !force) return;
    const source = this.open.has(uri)
      ? (await this.index).diagnosticsFor(uri).map(toDiagnostic)
      : [];
    await this.connection.sendDiagnostics({ uri, diagnostics: [...source, ...extra] });
  }
}

export function quickFixes(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  return diagnostics
    .filter((d) => d.source === diagnosticSource && d.data)
    .map((d) => {
      const fix = d.data as QuickFix;
      return {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: {
          changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) },
        },
      };
    });
}
