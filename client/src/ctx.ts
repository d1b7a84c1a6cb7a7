// Ctx owns the language client's lifecycle and what depends on it (status bar, views).
// Cleanup that lives as long as the extension goes to context.subscriptions; cleanup tied to one
// client instance goes to clientSubscriptions and is disposed on restart.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import * as protocol from '../../shared/src/protocol';
import { languageServerExecArgv } from '../../shared/src/serverProcess';
import { Config } from './config';
import { PayloadEditors } from './input/payloadEditor';
import { LensIndex } from './lensIndex';
import { WorkspaceMemory } from './memory';
import type { Views } from './views';

/** Languages of operation files and visibility query documents (see syntaxes/). */
const operationFileLanguages = ['temporal', 'temporal-query'];

/** Languages whose documents the server analyses for workflows. */
const sourceLanguages = [
  'python',
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'go',
  'java',
  'csharp',
  'rust',
  'clojure',
];

export class Ctx {
  client?: LanguageClient;
  readonly output: vscode.LogOutputChannel;
  private clientSubscriptions: vscode.Disposable[] = [];
  private readonly statusListeners = new vscode.EventEmitter<protocol.ConnectionStatus>();
  readonly onDidChangeStatus = this.statusListeners.event;
  private readonly rereadListeners = new vscode.EventEmitter<protocol.ConnectionStatus>();
  /**
   * The views' cue to read again: another profile or namespace, connected again, disconnected.
   * Not the active target just failing: the read that failed shows its own error, and reading
   * again at once only retries a server that is down (for a second, with backoff) and may find
   * it back, recovering the views before the user's Retry.
   */
  readonly onDidNeedReread = this.rereadListeners.event;
  status: protocol.ConnectionStatus = { state: 'disconnected' };
  /** Settles once activation's server start and profile restore are done (or failed). */
  ready: Promise<void> = Promise.resolve();
  /** Set during activation, after the views are created. */
  views!: Views;
  readonly memory: WorkspaceMemory;
  /** Payload documents being edited (start input, signal/update arguments). */
  readonly payloads = new PayloadEditors();
  /** Workflow types, task queues and handlers learnt from the server's code lenses. */
  readonly lenses = new LensIndex();
  private readonly lensListeners = new vscode.EventEmitter<void>();
  readonly onDidLearnLenses = this.lensListeners.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Temporal', { log: true });
    this.memory = new WorkspaceMemory(extension.workspaceState);
    extension.subscriptions.push(
      this.output,
      this.statusListeners,
      this.rereadListeners,
      this.lensListeners,
      this.payloads,
    );
    this.setContextKeys(this.status);
  }

  /** Writes are refused through this profile: write commands and menus hide. */
  get readOnly(): boolean {
    return this.status.readOnly === true;
  }

  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  /** While the server starts: requests wait for it instead of failing. */
  private starting?: Promise<void>;

  /** Starts the language server; requests sent meanwhile wait for it. */
  async start(): Promise<void> {
    this.starting = this.startClient();
    try {
      await this.starting;
    } finally {
      this.starting = undefined;
    }
  }

  private async startClient(): Promise<void> {
    const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: {
        module,
        transport: TransportKind.ipc,
        options: { execArgv: [...languageServerExecArgv] },
      },
      debug: {
        module,
        transport: TransportKind.ipc,
        options: { execArgv: [...languageServerExecArgv, '--nolazy', '--inspect=6019'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        ...sourceLanguages.map((language) => ({ scheme: 'file', language })),
        // .temporal operation files and visibility query documents (saved or untitled).
        ...operationFileLanguages.map((language) => ({ language })),
      ],
      // Settings are pushed by `sendSettings` (not `configurationSection`): the server must know
      // which profiles a workspace defined, which the merged section does not tell.
      synchronize: {
        // The server indexes the workspace from disk; this keeps it current for closed files.
        fileEvents: vscode.workspace.createFileSystemWatcher(
          '**/*.{py,ts,tsx,js,jsx,mjs,cjs,go,java,cs,rs,clj,cljs,cljc}',
        ),
      },
      // clientLensCommands: this client runs the lens commands itself (its input flow), so the
      // server puts these ids on lenses instead of its own temporal.server.* ones.
      initializationOptions: { settings: Config.read(), clientLensCommands: true },
      outputChannel: this.output,
      middleware: {
        // Results of a .temporal run open beside the file, which keeps the focus (and its lenses).
        window: {
          showDocument: async (params, next) => {
            if (!params.uri.endsWith('.results.md')) {
              const shown = await next(params, new vscode.CancellationTokenSource().token);
              return 'success' in shown ? shown : { success: false };
            }
            const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(params.uri));
            await vscode.window.showTextDocument(doc, {
              viewColumn: vscode.ViewColumn.Beside,
              preserveFocus: true,
              preview: false,
            });
            return { success: true };
          },
        },
        // The lens arguments name workflow types, task queues and handlers: pickers reuse them.
        provideCodeLenses: async (document, token, next) => {
          const lenses = await next(document, token);
          if (lenses && this.lenses.learn(document.uri.toString(), lenses))
            this.lensListeners.fire();
          for (const lens of lenses ?? []) copyLensTooltip(lens);
          return lenses;
        },
      },
    };
    const client = new LanguageClient(
      'temporal',
      'Temporal Workbench',
      serverOptions,
      clientOptions,
    );
    this.client = client;
    let started = false;
    this.clientSubscriptions.push(
      client.onRequest(protocol.readSecret, async ({ key }) => ({
        value: this.mayReadSecret(key) ? ((await this.extension.secrets.get(key)) ?? null) : null,
      })),
      client.onNotification(protocol.connectionStatusChanged, (s) => this.setStatus(s)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('temporal')) this.sendSettings();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.sendSettings()),
      // The server caches secrets it read: tell it when one changes (also from another window).
      this.extension.secrets.onDidChange(({ key }) =>
        client.sendNotification(protocol.secretChanged, { key }),
      ),
      // The client restarts a crashed server by itself: the new one must use the same selection.
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running && started) void this.restoreSelection();
      }),
    );
    await client.start();
    started = true;
    await this.restoreSelection();
    this.views?.refreshAll();
  }

  /**
   * A new server process starts with no active profile: select what the status bar shows, so the
   * views and the status bar keep showing the profile and namespace the user chose.
   */
  private async restoreSelection(): Promise<void> {
    const { profileId, namespace } = this.status;
    if (!profileId || !this.running) return;
    try {
      await this.request(protocol.selectProfile, { profileId, namespace });
    } catch (err) {
      this.output.appendLine(`Could not restore profile ${profileId}: ${(err as Error).message}`);
    }
    this.views?.refreshAll();
  }

  private sendSettings(): void {
    if (!this.running) return;
    void this.client?.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { temporal: Config.read() },
    });
  }

  /** Only the workbench's own secrets (API keys, store passwords); a workspace profile's only in a trusted workspace. */
  private mayReadSecret(key: string): boolean {
    const binding = protocol.parseWorkbenchSecretKey(key);
    if (!binding) return false;
    return binding.source !== 'workspace' || vscode.workspace.isTrusted;
  }

  async stop(): Promise<void> {
    this.clientSubscriptions.forEach((d) => d.dispose());
    this.clientSubscriptions = [];
    await this.client?.stop();
    this.client = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /**
   * Sends one shared/ request; says why when the server is not running. A token's cancellation
   * reaches the server ($/cancelRequest), which aborts the gRPC call.
   */
  async request<P, R>(
    type: protocol.RequestTypeOf<P, R>,
    params: P,
    token?: vscode.CancellationToken,
  ): Promise<R> {
    // Only while the process is not up yet: the start itself sends requests (restoreSelection)
    // once it is, and must not wait for itself.
    if (this.starting && !this.running) await this.starting.catch(() => undefined);
    if (!this.client || !this.running) {
      throw new Error('The Temporal language server is not running (see the "Temporal" output)');
    }
    return token
      ? this.client.sendRequest(type, params, token)
      : this.client.sendRequest(type, params);
  }

  private setStatus(status: protocol.ConnectionStatus): void {
    // Each failed call reports its error again, and views re-read on a status event: passing on
    // a repeated error would re-read an unreachable server in a loop (and make Retry pointless).
    // Only errors are deduplicated; a repeated `connected` still refreshes the views.
    const errorOf = (s: protocol.ConnectionStatus) =>
      s.state === 'error' && JSON.stringify({ ...s, error: s.error?.kind });
    if (errorOf(status) && errorOf(status) === errorOf(this.status)) return;
    const previous = this.status;
    this.status = status;
    this.setContextKeys(status);
    this.statusListeners.fire(status);
    const sameTargetFailed =
      status.state === 'error' &&
      status.profileId === previous.profileId &&
      status.namespace === previous.namespace;
    if (!sameTargetFailed) this.rereadListeners.fire(status);
  }

  /** `when` clauses of palette entries and menus read these. */
  private setContextKeys(status: protocol.ConnectionStatus): void {
    void vscode.commands.executeCommand(
      'setContext',
      'temporal.profileSelected',
      !!status.profileId,
    );
    void vscode.commands.executeCommand(
      'setContext',
      'temporal.connected',
      status.state === 'connected',
    );
    void vscode.commands.executeCommand(
      'setContext',
      'temporal.readOnly',
      status.readOnly === true,
    );
    // `temporal.lacks.<capability>`: views, menus and palette entries the active backend cannot
    // serve are hidden (unset until connected, so nothing is hidden before we know).
    for (const name of protocol.backendCapabilityNames) {
      const lacks = status.backend ? !status.backend.capabilities[name] : false;
      void vscode.commands.executeCommand('setContext', `temporal.lacks.${name}`, lacks);
    }
    // `temporal.backend`: commands named in the engine's own words (duroxide's Raise Event ...).
    void vscode.commands.executeCommand(
      'setContext',
      'temporal.backend',
      status.backend?.kind ?? '',
    );
  }
}

/** The live lens's tooltip travels in its argument (LSP 3.17's Command has none). */
function copyLensTooltip(lens: vscode.CodeLens): void {
  const tooltip = (lens.command?.arguments?.[0] as { tooltip?: unknown } | undefined)?.tooltip;
  if (lens.command && typeof tooltip === 'string') lens.command.tooltip = tooltip;
}
