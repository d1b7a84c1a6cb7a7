// Editor-neutral source features over standard LSP: document sync into the analysis engine,
// code lenses, hover, diagnostics with quick fixes, and the background workspace index.
import type {
  CodeLens,
  Connection,
  Hover,
  InitializeParams,
  Position,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import type { Workbench } from '../workbench';
import { codeLenses } from './codeLens';
import type { LensInitializationOptions } from '../../../shared/src/lenses';
import { DiagnosticsPublisher, quickFixes } from './diagnostics';
import { findSource } from './findSource';
import * as protocol from '../../../shared/src/protocol';
import { handle } from '../handlers';
import { hover } from './hover';
import { documentSymbols, workspaceSymbols } from './symbols';
import { LiveStats } from './liveStats';
import { filePath, SourceService } from './sourceService';

/** Capabilities these features add to the server's InitializeResult. */
export const sourceCapabilities = {
  codeLensProvider: { resolveProvider: false },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix'] },
  documentSymbolProvider: { label: 'Temporal' },
  workspaceSymbolProvider: true,
};

export interface SourceFeatures {
  source: SourceService;
  /** Workspace folders as file paths (from initialize). */
  folders(): string[];
  diagnostics: DiagnosticsPublisher;
  /** Call from the server's single onInitialize handler. */
  initialize(params: InitializeParams): void;
  /** The workbench started (of a type) or ended executions: live lens counts recount now. */
  executionsChanged(workflowType?: string): void;
  /** Hands documents another feature owns (operation files) their events, lenses and hovers. */
  delegate(documents: DelegatedDocuments): void;
}

/** Documents that are not source code (LSP allows one handler per event, so they are routed here). */
export interface DelegatedDocuments {
  owns(uri: string, languageId?: string): boolean;
  open(uri: string, languageId: string, version: number, text: string): void;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
  codeLenses(uri: string): CodeLens[];
  hover(uri: string, position: Position): Hover | null;
}

export function registerSourceFeatures(
  connection: Connection,
  workbench: Workbench,
): SourceFeatures {
  const source = new SourceService(connection);
  const diagnostics = new DiagnosticsPublisher(connection, source.index);
  let lensRefresh = false;
  // Lens command ids: the client's own (VS Code says it has them) or the server-run ones.
  let clientLensCommands = false;
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshLenses = () => {
    if (!lensRefresh) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(
      () => void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined),
      200,
    );
  };
  const stats = new LiveStats(workbench, refreshLenses);
  let folders: string[] = [];
  let delegated: DelegatedDocuments | undefined;

  const initialize = (params: InitializeParams) => {
    lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    clientLensCommands =
      (params.initializationOptions as LensInitializationOptions | undefined)
        ?.clientLensCommands === true;
    const uris =
      params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map(filePath).filter((p): p is string => !!p);
  };
  connection.onInitialized(() => void source.indexWorkspace(folders));

  source.onDidChange((uri) => {
    diagnostics.schedule(uri);
    if (!uri) diagnostics.schedule();
    refreshLenses();
  });

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    if (delegated?.owns(d.uri, d.languageId))
      return delegated.open(d.uri, d.languageId, d.version, d.text);
    diagnostics.open.add(d.uri);
    void source.open(d.uri, d.languageId, d.text);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    if (delegated?.owns(textDocument.uri))
      return delegated.change(textDocument.uri, textDocument.version, contentChanges);
    void source.change(textDocument.uri, contentChanges);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    if (delegated?.owns(textDocument.uri)) return delegated.close(textDocument.uri);
    diagnostics.clear(textDocument.uri);
    void source.close(textDocument.uri);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => void source.filesChanged(changes));

  connection.onCodeLens(async ({ textDocument: { uri } }) =>
    delegated?.owns(uri)
      ? delegated.codeLenses(uri)
      : codeLenses(
          uri,
          await source.index,
          stats,
          clientLensCommands,
          workbench.getStatus().backend,
        ),
  );
  connection.onHover(async ({ textDocument: { uri }, position }) =>
    delegated?.owns(uri)
      ? delegated.hover(uri, position)
      : hover(uri, position, await source.index, stats),
  );
  handle(connection, protocol.findSource, async (p) => ({
    locations: findSource(await source.index, p.kind, p.name),
  }));
  handle(connection, protocol.listWorkspaceWorkers, async () => ({
    workers: (await source.index).workers().map((w) => ({
      taskQueue: w.resolvedTaskQueue ?? w.taskQueue,
      workflowTypes: w.workflowTypes,
      language: w.language,
      uri: w.uri,
    })),
  }));
  connection.onDocumentSymbol(async ({ textDocument }) =>
    documentSymbols(textDocument.uri, await source.index),
  );
  connection.onWorkspaceSymbol(async ({ query }) => workspaceSymbols(query, await source.index));
  connection.onCodeAction(({ textDocument, context }) =>
    quickFixes(textDocument.uri, context.diagnostics),
  );

  // A new profile or namespace means other executions: recount.
  workbench.onDidChangeStatus(() => {
    stats.invalidate();
    refreshLenses();
  });
  return {
    source,
    diagnostics,
    initialize,
    executionsChanged: (type) => stats.executionsChanged(type),
    folders: () => folders,
    delegate: (d) => (delegated = d),
  };
}
