// Spawns the bundled language server (dist/server.js) as its own process and speaks LSP to it
// over stdio, the way an editor does. Secrets are served from an in-memory SecretStorage.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type NotificationType,
  type RequestType,
} from 'vscode-jsonrpc/node';
import * as protocol from '../../shared/src/protocol';
import type { WorkbenchSettings } from '../../shared/src/settings';
import { languageServerExecArgv } from '../../shared/src/serverProcess';

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export const repoRoot = path.resolve(__dirname, '../..');
export const serverBundle = path.join(repoRoot, 'dist/server.js');

export interface ServerOptions {
  settings?: Partial<WorkbenchSettings>;
  /** Environment of the server process; TEMPORAL_* from the test runner never leak in. */
  env?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Use node IPC instead of stdio. */
  ipc?: boolean;
  rootUri?: string;
  /** Say, as the VS Code client does, that the client runs the lens commands itself (default true). */
  clientLensCommands?: boolean;
  /** The server bundle to run (default dist/server.js), e.g. a copy laid out as another package. */
  bundle?: string;
}

export class TestLanguageServer {
  readonly statuses: protocol.ConnectionStatus[] = [];
  /** Every window/logMessage the server sent (what the output channel shows). */
  readonly logs: string[] = [];
  /** Every SecretStorage key the server asked for. */
  readonly secretRequests: string[] = [];
  /** Last diagnostics published per document uri. */
  readonly diagnostics = new Map<string, unknown[]>();
  /** The workspace index reported its end of progress. */
  indexed = false;
  lensRefreshes = 0;
  readonly secrets: Map<string, string>;
  readonly home: string;
  private constructor(
    readonly process: ChildProcess,
    readonly rpc: MessageConnection,
    secrets: Map<string, string>,
    home: string,
    readonly stderr: string[],
  ) {
    this.secrets = secrets;
    this.home = home;
  }

  static async start(options: ServerOptions = {}): Promise<TestLanguageServer> {
    const bundle = options.bundle ?? serverBundle;
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build`);
    // A private HOME so a developer's own ~/.config/temporalio/temporal.toml never interferes.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-home-'));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      ...options.env,
    };
    // Started as the VS Code client starts it (same Node flags), so RSS figures are the product's.
    const args = [...languageServerExecArgv, bundle, options.ipc ? '--node-ipc' : '--stdio'];
    const child = spawn(process.execPath, args, {
      env,
      stdio: options.ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr!.on('data', (d) => stderr.push(String(d)));
    const rpc = options.ipc
      ? createMessageConnection(
          new (require('vscode-jsonrpc/node').IPCMessageReader)(child),
          new (require('vscode-jsonrpc/node').IPCMessageWriter)(child),
        )
      : createMessageConnection(
          new StreamMessageReader(child.stdout!),
          new StreamMessageWriter(child.stdin!),
        );
    const secrets = new Map(Object.entries(options.secrets ?? {}));
    const server = new TestLanguageServer(child, rpc, secrets, home, stderr);
    rpc.onRequest(protocol.readSecret, ({ key }) => {
      server.secretRequests.push(key);
      return { value: secrets.get(key) ?? null };
    });
    rpc.onNotification(protocol.connectionStatusChanged, (s) => server.statuses.push(s));
    rpc.onNotification('window/logMessage', (p: { message: string }) =>
      server.logs.push(p.message),
    );
    rpc.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; diagnostics: unknown[] }) => {
        server.diagnostics.set(p.uri, p.diagnostics);
      },
    );
    rpc.onRequest('window/workDoneProgress/create', () => null);
    rpc.onNotification('$/progress', (p: { value: { kind: string } }) => {
      if (p.value.kind === 'end') server.indexed = true;
    });
    rpc.onRequest('workspace/codeLens/refresh', () => {
      server.lensRefreshes++;
      return null;
    });
    rpc.listen();
    // A server that dies while starting would otherwise leave the test waiting forever.
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(
          new Error(
            `language server exited (${code}) while starting: ${stderr.join('').slice(-2000)}`,
          ),
        ),
      ),
    );
    exited.catch(() => undefined); // after a successful start, a later exit is normal
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error('language server did not answer initialize within 20 s')),
        20_000,
      ).unref(),
    );
    await Promise.race([
      exited,
      timeout,
      rpc.sendRequest('initialize', {
        processId: process.pid,
        rootUri: options.rootUri ?? null,
        capabilities: {
          window: { workDoneProgress: true },
          workspace: { codeLens: { refreshSupport: true } },
        },
        initializationOptions: {
          settings: options.settings ?? {},
          clientLensCommands: options.clientLensCommands ?? true,
        },
      }),
    ]);
    rpc.sendNotification('initialized', {});
    return server;
  }

  request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
    return this.rpc.sendRequest(type, params);
  }

  notify<P>(type: NotificationType<P>, params: P): void {
    this.rpc.sendNotification(type, params);
  }

  /** Polls `check` until it returns a truthy value (bounded). */
  async waitFor<T>(
    check: () => T | Promise<T>,
    what: string,
    timeoutMs = 15_000,
  ): Promise<Truthy<T>> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await check();
      if (v) return v as Truthy<T>;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await delay(100);
    }
  }

  openDocument(uri: string, languageId: string, text: string): void {
    this.rpc.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  updateSettings(settings: Partial<WorkbenchSettings>): void {
    this.rpc.sendNotification('workspace/didChangeConfiguration', {
      settings: { temporal: settings },
    });
  }

  async stop(): Promise<void> {
    try {
      await withinMs(this.rpc.sendRequest('shutdown'), 2000);
      this.rpc.sendNotification('exit');
    } catch {
      // already gone
    }
    this.rpc.dispose();
    await withinMs(new Promise((r) => this.process.once('exit', r)), 2000);
    this.process.kill('SIGKILL');
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}

function delay(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits for `promise`, at most `ms`; the timer is cleared so it never holds the process open. */
async function withinMs(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** Asserts a promise fails with a ResponseError of the given kind; returns its message. */
export async function expectWorkbenchError(
  p: Promise<unknown>,
  kind: protocol.ErrorKind,
): Promise<string> {
  try {
    await p;
  } catch (err) {
    const data = (err as { data?: protocol.ErrorData }).data;
    if (data?.kind !== kind) {
      throw new Error(`expected ${kind}, got ${data?.kind}: ${(err as Error).message}`);
    }
    return (err as Error).message;
  }
  throw new Error(`expected a ${kind} error, but the request succeeded`);
}
