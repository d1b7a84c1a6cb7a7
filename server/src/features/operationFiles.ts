// .temporal operation files and visibility query documents over plain LSP: diagnostics, "Run"
// lenses that execute through workspace/executeCommand (any client can run them), results in an
// output document and on hover, completion from the workspace index and the server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  CodeLens,
  CompletionItem,
  Connection,
  Diagnostic,
  Hover,
  InitializeParams,
  Position,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import {
  CodeLensRefreshRequest,
  CompletionItemKind,
  DiagnosticSeverity,
  MessageType,
  ShowMessageRequest,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TargetParams } from '../../../shared/src/protocol';
import { unsupportedBlocks, type OperationBackend } from '../operationFiles/backend';
import { completeOperationFile, type FileCompletionItem } from '../operationFiles/completion';
import {
  LineIndex,
  parseOperationFile,
  referencesIn,
  type Block,
  type FileProblem,
  type OperationFile,
} from '../operationFiles/document';
import {
  checkAgainstIndex,
  workspaceTaskQueues,
  workspaceWorkflowTypes,
} from '../operationFiles/indexChecks';
import {
  FileSession,
  formatOutcomes,
  runBlocks,
  shortValue,
  type BlockOutcome,
} from '../operationFiles/run';
import { optionFor, specFor } from '../operationFiles/specs';
import { checkBlock, unquote } from '../operationFiles/values';
import type { WorkspaceIndex } from '../source';
import {
  catalogFrom,
  checkVisibilityQuery,
  completeVisibilityQuery,
  defaultCatalog,
  type AttributeCatalog,
} from '../visibilityQuery';

export const OperationFileCommands = {
  run: 'temporal.operationFile.run',
  runAll: 'temporal.operationFile.runAll',
  showResults: 'temporal.operationFile.showResults',
} as const;

export const operationFileLanguages = ['temporal', 'temporal-query'];

export const operationFileCapabilities = {
  completionProvider: { triggerCharacters: ['-', '$', '{', '.', ' ', "'", ':'] },
  executeCommandProvider: { commands: Object.values(OperationFileCommands) },
};

const severity = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning } as const;

interface RunResult {
  outcomes: BlockOutcome[];
  /** The output document (a file under the OS temp folder). */
  outputUri: string;
}

export class OperationFileFeatures {
  private readonly docs = new Map<string, TextDocument>();
  private readonly sessions = new Map<string, FileSession>();
  private readonly catalogs = new Map<string, { catalog: AttributeCatalog; at: number }>();
  private serverTypes: { types: string[]; at: number } | undefined;
  private showDocument = false;
  private lensRefresh = false;
  private recheckTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly backend: OperationBackend,
    private readonly index: Promise<WorkspaceIndex>,
  ) {}

  initialize(params: InitializeParams): void {
    this.showDocument = params.capabilities.window?.showDocument?.support === true;
    this.lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  }

  owns(uri: string, languageId?: string): boolean {
    return (
      this.docs.has(uri) ||
      (languageId ? operationFileLanguages.includes(languageId) : /\.(temporal|tquery)$/.test(uri))
    );
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    void this.publish(uri);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    this.docs.set(uri, TextDocument.update(doc, changes, version));
    void this.publish(uri);
  }

  close(uri: string): void {
    this.docs.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Search attributes changed meaning (new profile or namespace): forget them, recheck. */
  invalidate(): void {
    this.catalogs.clear();
    this.serverTypes = undefined;
    this.recheck();
  }

  /** The workspace index changed (types and handlers the checks compare with): recheck, debounced. */
  recheck(): void {
    clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => {
      for (const uri of this.docs.keys()) void this.publish(uri);
    }, 300);
  }

  private text(uri: string): { text: string; languageId: string } {
    const doc = this.docs.get(uri);
    if (doc) return { text: doc.getText(), languageId: doc.languageId };
    return {
      text: fs.readFileSync(fileURLToPath(uri), 'utf8'),
      languageId: uri.endsWith('.tquery') ? 'temporal-query' : 'temporal',
    };
  }

  private session(uri: string): FileSession {
    let s = this.sessions.get(uri);
    if (!s) this.sessions.set(uri, (s = new FileSession()));
    return s;
  }

  private target(file: OperationFile | undefined): TargetParams {
    const get = (name: string) =>
      file?.settings.find((s) => s.name === name && !s.value.includes('${'));
    const profile = get('profile');
    const namespace = get('namespace');
    return {
      ...(profile ? { profileId: unquote(profile.value) } : {}),
      ...(namespace ? { namespace: unquote(namespace.value) } : {}),
    };
  }

  /** The namespace's search attributes once connected (cached a minute), else the system ones. */
  async catalog(target: TargetParams): Promise<AttributeCatalog> {
    if (!this.backend.isConnected()) return defaultCatalog();
    const key = JSON.stringify(target);
    const cached = this.catalogs.get(key);
    if (cached && Date.now() - cached.at < 60_000) return cached.catalog;
    try {
      const catalog = catalogFrom(await this.backend.searchAttributes(target));
      this.catalogs.set(key, { catalog, at: Date.now() });
      return catalog;
    } catch {
      return defaultCatalog();
    }
  }

  private async workflowTypesOnServer(target: TargetParams): Promise<string[]> {
    if (!this.backend.isConnected()) return [];
    if (this.serverTypes && Date.now() - this.serverTypes.at < 30_000)
      return this.serverTypes.types;
    const types = await this.backend.recentWorkflowTypes(target).catch(() => []);
    this.serverTypes = { types, at: Date.now() };
    return types;
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const { text, languageId } = this.text(uri);
    const lines = new LineIndex(text);
    const toDiagnostic = (
      p: FileProblem,
      sev: 'error' | 'warning' = p.severity ?? 'error',
    ): Diagnostic => ({
      range: lines.range(p.span),
      message: p.message,
      severity: severity[sev],
      source: 'temporal',
    });
    if (languageId === 'temporal-query') {
      return checkVisibilityQuery(text, await this.catalog({})).problems.map((p) =>
        toDiagnostic({ message: p.message, span: p }, p.severity),
      );
    }
    const file = parseOperationFile(text);
    const catalog = await this.catalog(this.target(file));
    const out = file.blocks
      .flatMap((b) => staticProblems(file, b, catalog))
      .map((p) => toDiagnostic(p));
    const target = this.target(file);
    out.push(...(await unsupportedBlocks(file, this.backend, target)).map((p) => toDiagnostic(p)));
    out.push(
      ...file.problems
        .filter((p) => !file.blocks.some((b) => within(p.span, b.span)))
        .map((p) => toDiagnostic(p)),
    );
    const index = await this.index;
    out.push(
      ...file.blocks
        .flatMap((b) => checkAgainstIndex(file, b, index))
        .map((p) => toDiagnostic(p, 'warning')),
    );
    // The last run's failures, where the block is now.
    for (const outcome of this.session(uri).outcomes.values()) {
      const b = file.blocks.find((x) => x.name === outcome.name);
      if (!b || outcome.status !== 'failed' || !outcome.error) continue;
      const spec = specFor(b.command);
      const query = b.options.find((o) => spec && optionFor(spec, o.flag)?.kind === 'query');
      const span =
        outcome.error.kind === 'InvalidInput' && query?.valueSpan ? query.valueSpan : b.nameSpan;
      out.push({
        ...toDiagnostic({ message: `Last run failed: ${outcome.error.message}`, span }),
        code: outcome.error.kind,
      });
    }
    return out;
  }

  private async publish(uri: string): Promise<void> {
    if (!this.docs.has(uri)) return;
    const diagnostics = await this.diagnostics(uri).catch((err) => {
      this.connection.console.error(`checking ${uri} failed: ${String(err)}`);
      return [];
    });
    if (this.docs.has(uri)) await this.connection.sendDiagnostics({ uri, diagnostics });
  }

  codeLenses(uri: string): CodeLens[] {
    const { text, languageId } = this.text(uri);
    if (languageId !== 'temporal') return [];
    const file = parseOperationFile(text);
    const lines = new LineIndex(text);
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const session = this.session(uri);
    const lenses: CodeLens[] = [];
    if (file.blocks.length)
      lenses.push({
        range: top,
        command: {
          title: '$(run-all) Run all',
          command: OperationFileCommands.runAll,
          arguments: [uri],
        },
      });
    if (session.outcomes.size)
      lenses.push({
        range: top,
        command: {
          title: 'Show results',
          command: OperationFileCommands.showResults,
          arguments: [uri],
        },
      });
    for (const b of file.blocks) {
      const range = lines.range(b.nameSpan);
      lenses.push({
        range,
        command: {
          title: '$(play) Run',
          command: OperationFileCommands.run,
          arguments: [uri, b.name],
        },
      });
      const o = session.outcomes.get(b.name);
      if (o)
        lenses.push({
          range,
          command: {
            title: describeOutcome(o),
            command: OperationFileCommands.showResults,
            arguments: [uri],
          },
        });
    }
    return lenses;
  }

  hover(uri: string, position: Position): Hover | null {
    const { text, languageId } = this.text(uri);
    if (languageId !== 'temporal') return null;
    const file = parseOperationFile(text);
    const lines = new LineIndex(text);
    const offset = lines.offset(position);
    const inside = (s: { start: number; end: number }) => s.start <= offset && offset <= s.end;
    const session = this.session(uri);
    for (const b of file.blocks) {
      if (inside(b.nameSpan)) {
        const o = session.outcomes.get(b.name);
        const value = o
          ? `**${b.name}**: ${describeOutcome(o)}${o.result ? `\n\n\`\`\`json\n${JSON.stringify(o.result, null, 2)}\n\`\`\`` : ''}`
          : `**${b.name}** has not run yet`;
        return { range: lines.range(b.nameSpan), contents: { kind: 'markdown', value } };
      }
      const spec = specFor(b.command);
      if (spec && inside(b.commandSpan))
        return {
          range: lines.range(b.commandSpan),
          contents: {
            kind: 'markdown',
            value: `\`temporal ${spec.command}\`: ${spec.description}`,
          },
        };
      for (const o of b.options) {
        const option = spec && optionFor(spec, o.flag);
        if (option && inside(o.flagSpan))
          return {
            range: lines.range(o.flagSpan),
            contents: {
              kind: 'markdown',
              value: `\`--${option.flag}\`${option.alias ? ` (\`-${option.alias}\`)` : ''}: ${option.description}`,
            },
          };
        for (const ref of referencesIn(o.value ?? '', o.valueSpan?.start)) {
          if (!inside(ref.span)) continue;
          const [head, field] = ref.path.split('.');
          const setting = file.settings.find((s) => s.name === head);
          const value = field
            ? session.results.get(head)?.[field] !== undefined
              ? `\`${ref.path}\` = \`${shortValue(session.results.get(head)![field])}\` (from the last run of ${head})`
              : `\`${ref.path}\`: ${head} has not run yet`
            : head === 'uuid'
              ? '`uuid`: a new UUID each run'
              : `\`${head}\` = \`${setting?.value ?? '?'}\``;
          return { range: lines.range(ref.span), contents: { kind: 'markdown', value } };
        }
      }
    }
    return null;
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const { text, languageId } = this.text(uri);
    const lines = new LineIndex(text);
    const offset = lines.offset(position);
    const index = await this.index;
    const range = (start: number) => ({ start: lines.position(start), end: position });
    if (languageId === 'temporal-query') {
      const known = {
        WorkflowType: workspaceWorkflowTypes(index),
        TaskQueue: workspaceTaskQueues(index),
      };
      const q = completeVisibilityQuery(text, offset, await this.catalog({}), known);
      return q.items.map((i, n) => toCompletion(i, range(q.replaceStart), n));
    }
    const file = parseOperationFile(text);
    const target = this.target(file);
    const [catalog, serverWorkflowTypes] = await Promise.all([
      this.catalog(target),
      this.workflowTypesOnServer(target),
    ]);
    const c = completeOperationFile(file, text, offset, { index, catalog, serverWorkflowTypes });
    return c.items.map((i, n) => toCompletion(i, range(c.replaceStart), n));
  }

  ownsCommand(command: string): boolean {
    return (Object.values(OperationFileCommands) as string[]).includes(command);
  }

  run(command: string, args: unknown[]): Promise<RunResult | null> {
    return this.executeCommand(command, args);
  }

  async executeCommand(command: string, args: unknown[]): Promise<RunResult | null> {
    const [uri, name] = args as [string, string | undefined];
    if (typeof uri !== 'string')
      throw new Error(`${command} needs the document uri as its first argument`);
    if (command === OperationFileCommands.showResults) {
      const output = this.outputUri(uri);
      if (this.showDocument && fs.existsSync(fileURLToPath(output)))
        await this.connection.window.showDocument({ uri: output, takeFocus: false });
      return null;
    }
    const file = parseOperationFile(this.text(uri).text);
    const catalog = await this.catalog(this.target(file));
    const blocks =
      command === OperationFileCommands.run
        ? file.blocks.filter((b) => b.name === name)
        : file.blocks;
    if (!blocks.length)
      throw new Error(name ? `No block named ${name} in ${uri}` : `${uri} has no blocks to run`);
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(`Temporal: running ${name ?? path.basename(uri)}`, 0, undefined, true);
    const controller = new AbortController();
    progress?.token.onCancellationRequested(() => controller.abort());
    try {
      const outcomes = await runBlocks(file, blocks, this.session(uri), this.backend, {
        dir: uri.startsWith('file:') ? path.dirname(fileURLToPath(uri)) : undefined,
        signal: controller.signal,
        confirm: (destructive) => this.confirm(destructive),
        precheck: (block) =>
          staticProblems(file, block, catalog)
            .filter((p) => p.severity !== 'warning')
            .map((p) => p.message),
        onProgress: (done, total, b) =>
          progress?.report(Math.round((done / total) * 100), `${b.name}: ${b.command}`),
      });
      const outputUri = this.writeOutput(uri, outcomes, name ? `Run ${name}` : 'Run all');
      if (this.showDocument)
        await this.connection.window
          .showDocument({ uri: outputUri, takeFocus: false })
          .catch(() => undefined);
      const failed = outcomes.find((o) => o.status === 'failed');
      // A request: a client without showMessageRequest answers with an error, which must not
      // go unhandled (it would end the server).
      if (failed)
        void this.connection
          .sendRequest(ShowMessageRequest.type, {
            type: MessageType.Error,
            message: `${failed.name} (${failed.command}) failed: ${failed.error?.message}`,
          })
          .catch(() => undefined);
      await this.publish(uri);
      if (this.lensRefresh)
        void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      return { outcomes: outcomes.map(({ request: _request, ...o }) => o), outputUri };
    } finally {
      progress?.done();
    }
  }

  private async confirm(blocks: Block[]): Promise<boolean> {
    const list = blocks.map((b) => `${b.name} (${b.command})`).join(', ');
    const answer = await this.connection.window.showWarningMessage(
      `Run destructive operations: ${list}?`,
      { title: 'Run' },
      { title: 'Cancel' },
    );
    return answer?.title === 'Run';
  }

  private outputUri(uri: string): string {
    const hash = crypto.createHash('sha256').update(uri).digest('hex').slice(0, 12);
    const base = path
      .basename(uri.startsWith('file:') ? fileURLToPath(uri) : uri)
      .replace(/\.temporal$/, '');
    return pathToFileURL(
      path.join(os.tmpdir(), 'temporal-workbench-results', hash, `${base}.results.md`),
    ).href;
  }

  private writeOutput(uri: string, outcomes: BlockOutcome[], what: string): string {
    const output = this.outputUri(uri);
    const file = fileURLToPath(output);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const text = formatOutcomes(
      path.basename(uri),
      outcomes,
      `${what} at ${new Date().toISOString()}`,
    );
    // Newest run first; older runs stay below for comparison (bounded).
    fs.writeFileSync(file, `${text}\n${previous}`.slice(0, 200_000));
    return output;
  }
}

function within(
  inner: { start: number; end: number },
  outer: { start: number; end: number },
): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** A block's problems that need no index: its lines, options, values, references and queries. */
function staticProblems(file: OperationFile, b: Block, catalog: AttributeCatalog): FileProblem[] {
  const out: FileProblem[] = [
    ...file.problems.filter((p) => within(p.span, b.span)),
    ...checkBlock(file, b),
  ];
  const spec = specFor(b.command);
  for (const o of b.options) {
    if (!spec || optionFor(spec, o.flag)?.kind !== 'query' || !o.value || !o.valueSpan) continue;
    for (const p of checkVisibilityQuery(o.value, catalog).problems) {
      out.push({
        message: p.message,
        severity: p.severity,
        span: { start: o.valueSpan.start + p.start, end: o.valueSpan.start + p.end },
      });
    }
  }
  return out;
}

function describeOutcome(o: BlockOutcome): string {
  if (o.status === 'failed') return `$(error) failed: ${o.error?.message.slice(0, 80)}`;
  if (o.status !== 'ok') return o.status;
  const main = o.result?.workflowId ?? o.result?.scheduleId ?? o.result?.count ?? o.result?.result;
  return `$(check) ${Math.round(o.durationMs)} ms${main !== undefined ? ` · ${shortValue(main)}` : ''}`;
}

const kinds: Record<FileCompletionItem['kind'], CompletionItemKind> = {
  operation: CompletionItemKind.Function,
  option: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  variable: CompletionItemKind.Variable,
  field: CompletionItemKind.Field,
  attribute: CompletionItemKind.Field,
  operator: CompletionItemKind.Operator,
  keyword: CompletionItemKind.Keyword,
};

function toCompletion(
  i: FileCompletionItem,
  range: { start: Position; end: Position },
  n: number,
): CompletionItem {
  return {
    label: i.label,
    kind: kinds[i.kind],
    detail: i.detail,
    sortText: String(n).padStart(4, '0'),
    filterText: i.insertText ?? i.label,
    textEdit: { range, newText: i.insertText ?? i.label },
  };
}
