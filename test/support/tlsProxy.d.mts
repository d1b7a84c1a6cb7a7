// Types for tlsProxy.mjs (plain ESM so scripts can run it without a loader).

/** Absolute paths of PEM files made by makeCertificates(). */
export interface TestCertificates {
  /** Test CA that signs every certificate below except otherCaCert. */
  caCert: string;
  caKey: string;
  /** Server certificate for `localhost` and IP 127.0.0.1. */
  serverCert: string;
  serverKey: string;
  /** Client certificate (extendedKeyUsage clientAuth). */
  clientCert: string;
  clientKey: string;
  /** An unrelated self-signed CA, for "wrong CA" checks. */
  otherCaCert: string;
  /** A client certificate whose validity ended a day ago. */
  expiredClientCert: string;
  expiredClientKey: string;
  /** Server certificate for `other.test` only, for server-name override checks. */
  otherServerCert: string;
  otherServerKey: string;
}

/** Creates a fresh test PKI in `dir` (created if missing) with the openssl CLI. */
export function makeCertificates(dir: string): Promise<TestCertificates>;

export type TlsProxyMode = 'tls' | 'mtls' | 'apiKey';

export interface TlsProxyOptions {
  /** `host:port` of the plaintext gRPC server (e.g. a dev server). */
  upstream: string;
  /** serverCert/serverKey are served; caCert verifies client certificates in 'mtls' mode. */
  certs: Pick<TestCertificates, 'caCert' | 'serverCert' | 'serverKey'>;
  /** Default 'tls'. */
  mode?: TlsProxyMode;
  /** Required in 'apiKey' mode; letters, digits and `._~+/=-` only. */
  apiKey?: string;
  /** nginx prefix: config, pid, error.log and access.log go here. */
  dir: string;
}

export interface TlsProxy {
  /** `127.0.0.1:<port>` */
  address: string;
  port: number;
  dir: string;
  /** Stops nginx (whole process group); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts an nginx that terminates TLS on a free loopback port and forwards gRPC to `upstream`.
 * Rejected clients (no/bad client certificate, wrong/missing API key) get gRPC UNAUTHENTICATED.
 */
export function startTlsProxy(options: TlsProxyOptions): Promise<TlsProxy>;
