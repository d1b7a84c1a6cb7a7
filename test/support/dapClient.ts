// A small Debug Adapter Protocol client over a child process's stdio: Content-Length framed
// JSON, requests matched to responses by seq, events waited for by a predicate. Enough to
// drive a real debug adapter (debugpy's) the way an editor does.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface DapMessage {
  seq: number;
  type: 'request' | 'response' | 'event';
  command?: string;
  event?: string;
  success?: boolean;
  message?: string;
  request_seq?: number;
  body?: any;
}

export class DapClient {
  private seq = 0;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, (m: DapMessage) => void>();
  private readonly waiters: {
    match: (m: DapMessage) => boolean;
    resolve: (m: DapMessage) => void;
  }[] = [];
  /** Every event so far, in order (a waiter also looks at the past). */
  readonly events: DapMessage[] = [];
  readonly stderr: string[] = [];
  private exited = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    child.once('exit', () => {
      this.exited = true;
      const gone: DapMessage = { seq: -1, type: 'event', event: 'adapterExited' };
      for (const r of this.pending.values())
        r({ ...gone, type: 'response', success: false, message: 'the adapter exited' });
      this.pending.clear();
      this.dispatch(gone);
    });
  }

  static start(command: string, args: string[], env?: NodeJS.ProcessEnv): DapClient {
    return new DapClient(
      spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } }),
    );
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(
        /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1],
      );
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as DapMessage);
    }
  }

  private dispatch(m: DapMessage): void {
    if (m.type === 'response') {
      this.pending.get(m.request_seq!)?.(m);
      this.pending.delete(m.request_seq!);
      return;
    }
    if (m.type === 'event') this.events.push(m);
    // Reverse requests (runInTerminal) are not used: the configuration runs in the adapter's console.
    for (const w of [...this.waiters]) {
      if (w.match(m)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  }

  /** Sends a request; the promise settles with its response (rejects when it failed). */
  request(command: string, args?: unknown): Promise<DapMessage> {
    if (this.exited) return Promise.reject(new Error(`${command}: the adapter exited`));
    const seq = ++this.seq;
    const json = JSON.stringify({ seq, type: 'request', command, arguments: args });
    const response = new Promise<DapMessage>((resolve, reject) =>
      this.pending.set(seq, (m) =>
        m.success ? resolve(m) : reject(new Error(`${command}: ${m.message ?? 'failed'}`)),
      ),
    );
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    return response;
  }

  /** The first event (past or future) that matches. */
  event(name: string, match: (m: DapMessage) => boolean = () => true): Promise<DapMessage> {
    const test = (m: DapMessage) =>
      m.type === 'event' && (m.event === name || m.event === 'adapterExited') && match(m);
    const past = this.events.find(test);
    if (past) return Promise.resolve(past);
    return new Promise((resolve) => this.waiters.push({ match: test, resolve }));
  }

  /** Output the debuggee printed so far (stdout/stderr/console categories). */
  output(): string {
    return this.events
      .filter((e) => e.event === 'output')
      .map((e) => e.body?.output ?? '')
      .join('');
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill();
    await gone;
  }
}
