// A TLS-terminating gRPC proxy (Debian's nginx) in front of a plaintext Temporal dev server, so
// integration tests can exercise TLS, mTLS and API-key connections for real.
// Needs `nginx` and `openssl` on PATH: `bash scripts/setup/nginx.sh` installs them.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// `words` is split on spaces (file names here never contain any); `more` is passed as is.
async function openssl(cwd, words, ...more) {
  const args = [...words.split(' '), ...more];
  try {
    await execFileAsync('openssl', args, { cwd });
  } catch (error) {
    throw new Error(`openssl ${args[0]} failed: ${error.stderr || error.message}`);
  }
}

// Extensions chosen so strict verifiers (rustls/webpki in the SDK core, grpc-js/OpenSSL) accept them.
const EXTENSIONS = `
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1

[other_server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:other.test

[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:temporal-workbench-test-client
`;

// `openssl ca` is the portable way (OpenSSL 1.1/3.x) to set explicit past validity dates.
function caConfig(dir) {
  return `
[ca]
default_ca = test_ca

[test_ca]
database = ${dir}/ca-db/index.txt
new_certs_dir = ${dir}/ca-db
serial = ${dir}/ca-db/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none

[policy_any]
commonName = supplied
`;
}

function asn1Time(date) {
  // 2024-01-02T03:04:05.678Z -> 20240102030405Z
  return `${date.toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;
}

// Random serials: parallel signing with -CAcreateserial races on the shared serial file.
function serial() {
  return `0x${randomBytes(16).toString('hex')}`;
}

async function newKey(cwd, name) {
  await openssl(cwd, `genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ${name}.key`);
}

async function newCa(cwd, name) {
  await newKey(cwd, name);
  await openssl(
    cwd,
    `req -x509 -new -key ${name}.key -days 3650 -sha256 -set_serial ${serial()}` +
      ` -config ext.cnf -extensions ca_ext -out ${name}.pem -subj`,
    `/CN=Temporal Workbench test ${name}`,
  );
}

async function newCsr(cwd, name, commonName) {
  await newKey(cwd, name);
  await openssl(cwd, `req -new -key ${name}.key -out ${name}.csr -subj`, `/CN=${commonName}`);
}

async function newLeaf(cwd, name, commonName, extensions) {
  await newCsr(cwd, name, commonName);
  await openssl(
    cwd,
    `x509 -req -in ${name}.csr -CA ca.pem -CAkey ca.key -set_serial ${serial()} -days 3650` +
      ` -sha256 -extfile ext.cnf -extensions ${extensions} -out ${name}.pem`,
  );
}

/**
 * Creates a test PKI in `dir` (created if missing) and returns absolute paths to PEM files:
 * caCert/caKey (test CA), serverCert/serverKey (localhost + 127.0.0.1), clientCert/clientKey,
 * otherCaCert (an unrelated CA), expiredClientCert/expiredClientKey (validity ended yesterday),
 * otherServerCert/otherServerKey (only `other.test`, for server-name override tests).
 */
export async function makeCertificates(dir) {
  const cwd = path.resolve(dir);
  await mkdir(path.join(cwd, 'ca-db'), { recursive: true });
  await writeFile(path.join(cwd, 'ext.cnf'), EXTENSIONS);
  await writeFile(path.join(cwd, 'ca.cnf'), caConfig(cwd));
  await writeFile(path.join(cwd, 'ca-db', 'index.txt'), '');
  await writeFile(path.join(cwd, 'ca-db', 'serial'), `${randomBytes(8).toString('hex')}\n`);

  await Promise.all([newCa(cwd, 'ca'), newCa(cwd, 'other-ca')]);
  const day = 24 * 60 * 60 * 1000;
  await Promise.all([
    newLeaf(cwd, 'server', 'localhost', 'server_ext'),
    newLeaf(cwd, 'other-server', 'other.test', 'other_server_ext'),
    newLeaf(cwd, 'client', 'temporal-workbench-test-client', 'client_ext'),
    (async () => {
      await newCsr(cwd, 'expired-client', 'temporal-workbench-expired-client');
      await openssl(
        cwd,
        'ca -batch -notext -config ca.cnf -cert ca.pem -keyfile ca.key -in expired-client.csr' +
          ' -out expired-client.pem -extfile ext.cnf -extensions client_ext' +
          ` -startdate ${asn1Time(new Date(Date.now() - 2 * day))}` +
          ` -enddate ${asn1Time(new Date(Date.now() - day))}`,
      );
    })(),
  ]);

  const at = (file) => path.join(cwd, file);
  return {
    caCert: at('ca.pem'),
    caKey: at('ca.key'),
    serverCert: at('server.pem'),
    serverKey: at('server.key'),
    clientCert: at('client.pem'),
    clientKey: at('client.key'),
    otherCaCert: at('other-ca.pem'),
    expiredClientCert: at('expired-client.pem'),
    expiredClientKey: at('expired-client.key'),
    otherServerCert: at('other-server.pem'),
    otherServerKey: at('other-server.key'),
  };
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The key lands inside nginx config text: allow only characters that need no quoting.
const API_KEY_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;

// A gRPC "trailers-only" reply: 204 makes nginx end the stream on the HEADERS frame, and clients
// (grpc-js, tonic) read grpc-status from it instead of mapping the HTTP status.
function grpcErrorLocation(name, code, message) {
  return `
    location @${name} {
      default_type application/grpc;
      add_header grpc-status ${code} always;
      add_header grpc-message "${encodeURIComponent(message)}" always;
      return 204;
    }`;
}

function nginxConfig({ dir, port, upstream, certs, mode, apiKey }) {
  const p = (name) => path.join(dir, name);
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const mtls =
    mode === 'mtls'
      ? `
    ssl_client_certificate ${certs.caCert};
    ssl_verify_client on;
    ssl_verify_depth 2;
    # 495: client certificate failed verification, 496: none sent.
    error_page 495 = @bad_client_cert;
    error_page 496 = @no_client_cert;
    ${grpcErrorLocation('bad_client_cert', 16, 'client certificate verification failed (mTLS proxy)')}
    ${grpcErrorLocation('no_client_cert', 16, 'client certificate required (mTLS proxy)')}`
      : '';
  const keyCheck =
    mode === 'apiKey'
      ? `
      if ($api_key_ok = 0) {
        return 401;
      }
      error_page 401 = @bad_api_key;
      # The key is the proxy's business; the dev server does not need it.
      grpc_set_header Authorization "";`
      : '';
  const keyMap =
    mode === 'apiKey'
      ? `
  map $http_authorization $api_key_ok {
    default 0;
    "Bearer ${apiKey}" 1;
  }`
      : '';
  const keyLocation =
    mode === 'apiKey'
      ? grpcErrorLocation('bad_api_key', 16, 'invalid or missing API key (API-key proxy)')
      : '';

  return `# Generated by test/support/tlsProxy.mjs (mode ${mode}).
daemon off;
master_process on;
worker_processes 1;
${user}
pid ${p('nginx.pid')};
error_log ${p('error.log')} info;

events {
  worker_connections 1024;
}

http {
  access_log ${p('access.log')};
  client_body_temp_path ${p('tmp/body')};
  proxy_temp_path ${p('tmp/proxy')};
  fastcgi_temp_path ${p('tmp/fastcgi')};
  uwsgi_temp_path ${p('tmp/uwsgi')};
  scgi_temp_path ${p('tmp/scgi')};

  # Payloads may be large; long-polls (workflow/activity task polls) last up to ~70 s.
  client_max_body_size 0;
  client_body_timeout 600s;
  keepalive_timeout 600s;
  keepalive_requests 1000000;
  http2_max_concurrent_streams 1000;
  ${keyMap}

  upstream temporal_dev_server {
    server ${upstream};
    keepalive 16;
  }

  server {
    listen 127.0.0.1:${port} ssl http2;
    ssl_certificate ${certs.serverCert};
    ssl_certificate_key ${certs.serverKey};
    ${mtls}

    location / {
      ${keyCheck}
      grpc_pass grpc://temporal_dev_server;
      grpc_connect_timeout 10s;
      grpc_read_timeout 600s;
      grpc_send_timeout 600s;
    }
    ${keyLocation}
  }
}
`;
}

async function waitForPort(port, child, errorLog, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(errorLog, 'utf8').catch(() => '');
      throw new Error(`nginx exited early (${child.exitCode ?? child.signalCode}):\n${log}`);
    }
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) {
      throw new Error(`nginx did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const running = new Set();
let hooksInstalled = false;

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// Last resort so an interrupted test run leaves no nginx behind.
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      killAll();
      // Alone on this signal: restore the default action (terminate) and re-raise it.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

// If this process dies without running hooks (SIGKILL), the kernel sends the nginx master
// SIGTERM (fast shutdown, which also stops its workers).
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => existsSync(file));

// Debian installs nginx to /usr/sbin, which is not on every user's PATH.
function nginxBinary() {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  const found = dirs
    .filter(Boolean)
    .map((dir) => path.join(dir, 'nginx'))
    .find((file) => existsSync(file));
  if (!found) throw new Error('nginx not found: run `bash scripts/setup/nginx.sh`');
  return found;
}

function spawnNginx(args) {
  const nginx = nginxBinary();
  const [command, argv] = setpriv
    ? [setpriv, ['--pdeathsig', 'TERM', '--', nginx, ...args]]
    : [nginx, args];
  return spawn(command, argv, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Starts an nginx master (own prefix `dir`, own config, `daemon off`) that terminates TLS on a
 * free loopback port and forwards gRPC (HTTP/2) to the plaintext `upstream` ('host:port').
 * mode: 'tls' (server TLS only), 'mtls' (client certificate signed by certs.caCert required),
 * 'apiKey' (server TLS + `authorization: Bearer <apiKey>` required). Rejected clients get a gRPC
 * UNAUTHENTICATED (16) status with a readable message.
 * Returns { address: '127.0.0.1:<port>', port, dir, stop() }.
 */
export async function startTlsProxy({ upstream, certs, mode = 'tls', apiKey, dir }) {
  if (!['tls', 'mtls', 'apiKey'].includes(mode)) throw new Error(`unknown proxy mode: ${mode}`);
  if (mode === 'apiKey' && !(typeof apiKey === 'string' && API_KEY_PATTERN.test(apiKey))) {
    throw new Error('apiKey mode needs an apiKey of letters, digits and ._~+/=- only');
  }
  if (!/^[^\s;{}]+:\d+$/.test(upstream))
    throw new Error(`upstream must be host:port, got ${upstream}`);
  const prefix = path.resolve(dir);
  await mkdir(path.join(prefix, 'tmp'), { recursive: true });

  let lastError;
  // A free port can be taken between probing and nginx binding it: retry a few times.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const conf = path.join(prefix, 'nginx.conf');
    const errorLog = path.join(prefix, 'error.log');
    await writeFile(conf, nginxConfig({ dir: prefix, port, upstream, certs, mode, apiKey }));
    installExitHooks();
    const child = spawnNginx(['-p', prefix, '-c', conf, '-e', errorLog]);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const spawnError = new Promise((_, reject) => child.once('error', reject));
    running.add(child);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    exited.then(() => running.delete(child));

    const stop = async () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      // SIGTERM is nginx's fast shutdown; the group kill also reaches workers if the master hangs.
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
    };

    try {
      await Promise.race([waitForPort(port, child, errorLog, 10_000), spawnError]);
      child.stderr.destroy();
      child.unref();
      return { address: `127.0.0.1:${port}`, port, dir: prefix, stop };
    } catch (error) {
      await stop();
      lastError = new Error(`${error.message}${stderr ? `\nstderr: ${stderr}` : ''}`);
      if (!/Address already in use/.test(lastError.message)) break;
    }
  }
  throw lastError;
}
