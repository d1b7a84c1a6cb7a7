// A loopback TCP proxy in front of a real server that can hold back the server's answers (a slow
// server, as slow as the test wants) and reads the HTTP/2 frames the client sends, so a test can
// see a request leave and its RST_STREAM (the gRPC call cancelled) follow.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ClientFrame {
  type: number;
  streamId: number;
  /** RST_STREAM's error code (8 = CANCEL). */
  errorCode?: number;
}

export const frameType = { headers: 0x1, rstStream: 0x3 } as const;
const preface = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';

export interface StallingProxy {
  address: string;
  frames: ClientFrame[];
  /** While stalled, nothing the server sends reaches the client. */
  stall(): void;
  release(): void;
  stop(): Promise<void>;
}

export async function startStallingProxy(upstream: string): Promise<StallingProxy> {
  const [host, port] = [
    upstream.slice(0, upstream.lastIndexOf(':')),
    Number(upstream.slice(upstream.lastIndexOf(':') + 1)),
  ];
  const frames: ClientFrame[] = [];
  const held: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const server = net.createServer((client) => {
    const remote = net.connect(port, host);
    sockets.add(client).add(remote);
    let pending = Buffer.alloc(0);
    let sawPreface = false;
    client.on('data', (chunk) => {
      remote.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      if (!sawPreface) {
        if (pending.length < preface.length) return;
        pending = pending.subarray(preface.length);
        sawPreface = true;
      }
      while (pending.length >= 9) {
        const length = pending.readUIntBE(0, 3);
        if (pending.length < 9 + length) break;
        const type = pending[3];
        const streamId = pending.readUInt32BE(5) & 0x7fffffff;
        const errorCode = type === frameType.rstStream ? pending.readUInt32BE(9) : undefined;
        frames.push({ type, streamId, errorCode });
        pending = pending.subarray(9 + length);
      }
    });
    remote.on('data', (chunk) => {
      if (stalled) held.push(() => client.write(chunk));
      else client.write(chunk);
    });
    const close = () => {
      client.destroy();
      remote.destroy();
    };
    client.on('close', close).on('error', close);
    remote.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    frames,
    stall: () => {
      stalled = true;
    },
    release: () => {
      stalled = false;
      held.splice(0).forEach((write) => write());
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
