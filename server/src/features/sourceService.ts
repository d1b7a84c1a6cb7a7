// Keeps the tree-sitter engine and the workspace index in step with the editor: open documents
// are analysed incrementally from LSP changes, the rest of the workspace from disk (indexed in
// the background with progress, then kept current through watched-file events).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import {
  createSourceEngine,
  WorkspaceIndex,
  type SourceEngine,
  type SourceRecords,
} from '../source';

export class SourceService {
  readonly index: Promise<WorkspaceIndex>;
  private readonly engine: Promise<SourceEngine>;
  private readonly listeners: ((uri: string | undefined) => void)[] = [];

  constructor(private readonly connection: Connection) {
    // In the bundle the grammars sit next to server.js; under tests from source, in node_modules.
    const bundled = path.join(__dirname, 'wasm');
    this.engine = createSourceEngine({
      wasmDir: fs.existsSync(path.join(bundled, 'web-tree-sitter.wasm')) ? bundled : undefined,
      // Each grammar costs MBs of wasm memory: load only the languages the workspace uses.
      lazy: true,
      onError: (err, uri) =>
        connection.console.error(`source analysis of ${uri} failed: ${String(err)}`),
    });
    this.index = this.engine.then((engine) => {
      const index = new WorkspaceIndex(engine);
      index.onDidChange(() => this.fire(undefined));
      return index;
    });
  }

  /** Called with a uri when one document's records changed, undefined when the index changed. */
  onDidChange(listener: (uri: string | undefined) => void): void {
    this.listeners.push(listener);
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.inOrder(uri, async () => {
      const engine = await this.engine;
      await engine.ensureFor(uri, languageId);
      await this.store(uri, engine.analyze(uri, languageId, text));
    });
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.inOrder(uri, async () => {
      const engine = await this.engine;
      if (!engine.isOpen(uri)) return;
      await this.store(
        uri,
        engine.applyEdit(
          uri,
          changes.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text })),
        ),
      );
    });
  }

  close(uri: string): Promise<void> {
    return this.inOrder(uri, async () => {
      const [engine, index] = await Promise.all([this.engine, this.index]);
      engine.close(uri);
      // Back to what is on disk (the edit may not have been saved).
      const file = filePath(uri);
      if (file) await index.analyzeFile(file);
    });
  }

  async records(uri: string): Promise<SourceRecords | undefined> {
    await this.settled(uri);
    const [engine, index] = await Promise.all([this.engine, this.index]);
    return engine.records(uri) ?? index.records(uri);
  }

  /** Current text of a document: the editor's when open, else the file on disk. */
  async text(uri: string): Promise<string | undefined> {
    await this.settled(uri);
    const engine = await this.engine;
    const open = engine.text(uri);
    if (open !== undefined) return open;
    const file = filePath(uri);
    return file ? fs.promises.readFile(file, 'utf8').catch(() => undefined) : undefined;
  }

  private initialBuild: Promise<void> | undefined;

  /** Resolves once the first workspace indexing finished (at once if it never started). */
  whenIndexed(): Promise<void> {
    return this.initialBuild ?? Promise.resolve();
  }

  /** Indexes the workspace folders in the background, reporting progress to the client. */
  indexWorkspace(folders: string[]): Promise<void> {
    const build = this.buildIndex(folders);
    this.initialBuild ??= build.catch(() => undefined);
    return build;
  }

  private async buildIndex(folders: string[]): Promise<void> {
    const index = await this.index;
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Temporal: indexing workflows', 0, undefined, true);
    try {
      const result = await index.build(folders, {
        token: progress?.token,
        onProgress: ({ done, total }) =>
          progress?.report(total ? Math.round((done / total) * 100) : 0, `${done}/${total} files`),
      });
      this.connection.console.info(
        `indexed ${result.files} files in ${Math.round(result.durationMs)} ms${result.cancelled ? ' (cancelled)' : ''}`,
      );
    } finally {
      progress?.done();
    }
  }

  /** Files changed on disk (not through an open editor). */
  async filesChanged(changes: { uri: string; type: FileChangeType }[]): Promise<void> {
    const [engine, index] = await Promise.all([this.engine, this.index]);
    for (const change of changes) {
      const file = filePath(change.uri);
      if (!file || engine.isOpen(change.uri) || this.documentEvents.has(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) index.removeFile(change.uri);
      else await index.analyzeFile(file);
    }
  }

  /** Events of one document, in arrival order: opening may wait for its grammar to load. */
  private readonly documentEvents = new Map<string, Promise<void>>();

  private inOrder(uri: string, step: () => Promise<void>): Promise<void> {
    const next = (this.documentEvents.get(uri) ?? Promise.resolve())
      .catch(() => undefined)
      .then(step);
    this.documentEvents.set(uri, next);
    const forget = () => {
      if (this.documentEvents.get(uri) === next) this.documentEvents.delete(uri);
    };
    next.then(forget, forget);
    return next;
  }

  /** Resolves once the document's pending events were applied. */
  private settled(uri: string): Promise<void> {
    return (this.documentEvents.get(uri) ?? Promise.resolve()).catch(() => undefined);
  }

  private async store(uri: string, records: SourceRecords | undefined): Promise<void> {
    (await this.index).updateFile(uri, records);
    this.fire(uri);
  }

  private fire(uri: string | undefined): void {
    for (const l of this.listeners) l(uri);
  }
}

export function filePath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}
