// Ctx owns the language client's lifecycle and what depends on it (status bar, views).
// Cleanup that lives as long as the extension goes to context.subscriptions; cleanup tied to one
// client instance goes to clientSubscriptions and is disposed on restart.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import * as protocol from '../../shared/src/protocol';
import { Config } from './config';
import type { Views } from './views';

/** Languages whose documents the server analyses for workflows. */
const sourceLanguages = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'go', 'java', 'csharp', 'rust', 'clojure'];

export class Ctx {
  client?: LanguageClient;
  readonly output: vscode.OutputChannel;
  private clientSubscriptions: vscode.Disposable[] = [];
  private readonly statusListeners = new vscode.EventEmitter<protocol.ConnectionStatus>();
  readonly onDidChangeStatus = this.statusListeners.event;
  status: protocol.ConnectionStatus = { state: 'disconnected' };
  /** Set during activation, after the views are created. */
  views!: Views;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Temporal', { log: true });
    extension.subscriptions.push(this.output, this.statusListeners);
  }

  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: sourceLanguages.map((language) => ({ scheme: 'file', language })),
      synchronize: {
        configurationSection: 'temporal',
        // The server indexes the workspace from disk; this keeps it current for closed files.
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{py,ts,tsx,js,jsx,mjs,cjs,go,java,cs,rs,clj,cljs,cljc}'),
      },
      initializationOptions: { settings: Config.read() },
      outputChannel: this.output,
    };
    const client = new LanguageClient('temporal', 'Temporal Workbench', serverOptions, clientOptions);
    this.client = client;
    this.clientSubscriptions.push(
      client.onRequest(protocol.readSecret, async ({ key }) => ({
        value: (await this.extension.secrets.get(key)) ?? null,
      })),
      client.onNotification(protocol.connectionStatusChanged, (s) => this.setStatus(s)),
    );
    await client.start();
    this.views?.refreshAll();
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

  /** Sends one shared/ request; says why when the server is not running. */
  async request<P, R>(type: protocol.RequestTypeOf<P, R>, params: P): Promise<R> {
    if (!this.client || !this.running) {
      throw new Error('The Temporal language server is not running (see the "Temporal" output)');
    }
    return this.client.sendRequest(type, params);
  }

  private setStatus(status: protocol.ConnectionStatus): void {
    this.status = status;
    this.statusListeners.fire(status);
  }
}
