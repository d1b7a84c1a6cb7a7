// A local HTTP/2 endpoint that speaks just enough gRPC to fail every call, and records every
// header it receives: tests use it to prove what a profile sends (or never sends) to a server.
import fs from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  path: string;
  headers: http2.IncomingHttpHeaders;
}

export interface RecordingListener {
  address: string;
  calls: RecordedCall[];
  stop(): Promise<void>;
}

export interface ListenerOptions {
  /** Serve TLS with this certificate and key (PEM paths); plaintext h2c otherwise. */
  tls?: { cert: string; key: string };
  /**
   * The grpc-message of the UNAUTHENTICATED reply; `{authorization}` is replaced by the header the
   * call carried, as a careless server or proxy might echo it.
   */
  message?: string;
}

export async function startRecordingListener(
  options: ListenerOptions = {},
): Promise<RecordingListener> {
  const calls: RecordedCall[] = [];
  const server = options.tls
    ? http2.createSecureServer({
        cert: fs.readFileSync(options.tls.cert),
        key: fs.readFileSync(options.tls.key),
      })
    : http2.createServer();
  server.on('stream', (stream, headers) => {
    calls.push({ path: String(headers[':path']), headers });
    const message = (options.message ?? 'rejected by the recording listener').replace(
      '{authorization}',
      String(headers.authorization ?? ''),
    );
    // A trailers-only reply: grpc-status in the one HEADERS frame that ends the stream.
    stream.respond(
      {
        ':status': 200,
        'content-type': 'application/grpc',
        'grpc-status': '16',
        'grpc-message': grpcPercentEncode(message),
      },
      { endStream: true },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  return {
    address: `127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** gRPC's grpc-message encoding: only '%' and bytes outside printable ASCII are escaped. */
function grpcPercentEncode(message: string): string {
  return [...Buffer.from(message)]
    .map((b) =>
      b >= 0x20 && b <= 0x7e && b !== 0x25
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
