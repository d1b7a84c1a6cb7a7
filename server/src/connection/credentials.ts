// Turns a profile's TLS settings into grpc-js channel credentials, checking the files first so
// that a missing key or an expired certificate is reported plainly instead of as a handshake error.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { WorkbenchError } from '../errors';
import type { DataSource, ProfileDefinition } from './profiles';
import { usesTls } from './profiles';

export interface ChannelSecurity {
  credentials: grpc.ChannelCredentials;
  options: grpc.ChannelOptions;
  tls: boolean;
}

export function channelSecurity(
  def: ProfileDefinition,
  hasApiKey: boolean,
  now = new Date(),
): ChannelSecurity {
  if (!usesTls(def, hasApiKey)) {
    return { credentials: grpc.credentials.createInsecure(), options: {}, tls: false };
  }
  const t = def.tls ?? {};
  const what = (field: string) => `${field} of profile '${def.name}'`;
  if (t.clientCert && !t.clientKey) {
    throw new WorkbenchError(
      'TlsConfig',
      `The ${what('TLS client certificate')} is set but its client key is missing (client_key_path / clientKeyPath)`,
    );
  }
  if (t.clientKey && !t.clientCert) {
    throw new WorkbenchError(
      'TlsConfig',
      `The ${what('TLS client key')} is set but its client certificate is missing (client_cert_path / clientCertPath)`,
    );
  }
  const ca = t.serverCaCert && readPem(t.serverCaCert, what('server CA certificate'));
  const cert = t.clientCert && readPem(t.clientCert, what('client certificate'));
  const key = t.clientKey && readPem(t.clientKey, what('client key'));
  if (ca) checkCertificate(ca, t.serverCaCert!, what('server CA certificate'), now);
  if (cert) checkCertificate(cert, t.clientCert!, what('client certificate'), now);
  const verify = t.disableHostVerification ? { checkServerIdentity: () => undefined } : {};
  const options: grpc.ChannelOptions = {};
  if (t.serverName) {
    options['grpc.ssl_target_name_override'] = t.serverName;
    options['grpc.default_authority'] = t.serverName;
  }
  return {
    credentials: grpc.credentials.createSsl(ca || null, key || null, cert || null, verify),
    options,
    tls: true,
  };
}

function readPem(source: DataSource, what: string): Buffer {
  if ('data' in source) return Buffer.from(source.data);
  try {
    return fs.readFileSync(source.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new WorkbenchError('TlsConfig', `Cannot read the ${what} at ${source.path}: ${reason}`);
  }
}

function checkCertificate(pem: Buffer, source: DataSource, what: string, now: Date): void {
  const where = 'path' in source ? ` (${source.path})` : '';
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new WorkbenchError('TlsConfig', `The ${what}${where} is not a PEM certificate`);
  }
  if (new Date(cert.validTo) < now) {
    throw new WorkbenchError(
      'TlsConfig',
      `The ${what}${where} expired on ${new Date(cert.validTo).toISOString()}`,
    );
  }
  if (new Date(cert.validFrom) > now) {
    throw new WorkbenchError(
      'TlsConfig',
      `The ${what}${where} is not valid before ${new Date(cert.validFrom).toISOString()}`,
    );
  }
}
