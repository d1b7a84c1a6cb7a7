// Test substrate for duroxide: a throwaway PostgreSQL cluster (initdb + pg_ctl on a free port,
// password auth) and a real duroxide runtime process (test/substrate/duroxideRuntime.mjs) on a
// SQLite file or that cluster. Everything started here is stopped by the returned stop().
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './languageServer';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const file = path.join(root, v, 'bin', name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${name} not found: run scripts/setup/postgres.sh`);
}

/** initdb and the server refuse to run as root: run them as the `postgres` user then. */
function asPostgresUser(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  execFileSync(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, {
    stdio: 'pipe',
  });
}

export interface TestPostgres {
  /** URL without the password (the password goes to SecretStorage). */
  url: string;
  password: string;
  stop(): void;
}

export async function startPostgres(): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-pg-'));
  const data = path.join(dir, 'data');
  const password = `pw-${process.pid}-${Date.now()}`;
  fs.writeFileSync(path.join(dir, 'pw'), password);
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  asPostgresUser(pgBin('initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'scram-sha-256',
    `--pwfile=${path.join(dir, 'pw')}`,
    '--no-sync',
  ]);
  const stop = () => {
    try {
      asPostgresUser(pgBin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // not running
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgresUser(pgBin('pg_ctl'), [
      '-D',
      data,
      '-w',
      '-l',
      path.join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  } catch (err) {
    stop();
    throw err;
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, password, stop };
}

export interface TestRuntime {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A duroxide runtime on `storeUrl` (sqlite:/path or postgresql://user:pw@...), once it is ready. */
export function startRuntime(storeUrl: string): Promise<TestRuntime> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'test/substrate/duroxideRuntime.mjs'), storeUrl],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(repoRoot, 'node_modules') },
      cwd: repoRoot,
    },
  );
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve({ process: child, stop });
    });
    child.once('exit', (code) =>
      reject(new Error(`duroxide runtime exited (${code}): ${stderr.join('')}`)),
    );
  });
}
