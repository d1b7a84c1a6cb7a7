// The workspace's own environment for replay: its node (and node_modules, resolved by the
// runner from the workflow's folder) and its Python (the interpreter the client names, else a
// `.venv`/`venv` next to the code). Never the extension's own SDK copies.
import fs from 'node:fs';
import path from 'node:path';

export interface Interpreter {
  command: string;
  /** Extra environment (Electron's node must be told to behave as node). */
  env?: Record<string, string>;
}

/** Runner scripts: next to the bundled server (dist/replay) or in the source tree (tests). */
export function runnerPath(language: 'typescript' | 'python'): string {
  const file = language === 'typescript' ? 'replayTypescript.cjs' : 'replayPython.py';
  const bundled = path.join(__dirname, 'replay', file);
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'runners', file);
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The workspace's node: `node` on PATH; else the server's own runtime run as plain node. */
export function nodeInterpreter(): Interpreter {
  const node = onPath(process.platform === 'win32' ? 'node.exe' : 'node');
  if (node) return { command: node };
  return { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } };
}

const VENV_NAMES = ['.venv', 'venv', 'env'];

/**
 * The Python to replay with: `explicit` (from the Python extension) when it exists, else the
 * first `.venv`/`venv` found walking up from the workflow's folder to `stopAt`, else python3.
 */
export function pythonInterpreter(
  workflowFile: string,
  stopAt: readonly string[],
  explicit?: string,
): Interpreter | undefined {
  if (explicit && fs.existsSync(explicit)) return { command: explicit };
  const bin =
    process.platform === 'win32' ? path.join('Scripts', 'python.exe') : path.join('bin', 'python');
  let dir = path.dirname(workflowFile);
  for (;;) {
    for (const name of VENV_NAMES) {
      const candidate = path.join(dir, name, bin);
      if (fs.existsSync(candidate)) return { command: candidate };
    }
    const parent = path.dirname(dir);
    if (stopAt.includes(dir) || parent === dir) break;
    dir = parent;
  }
  const system = onPath(process.platform === 'win32' ? 'python.exe' : 'python3');
  return system ? { command: system } : undefined;
}

/** Folder a TypeScript project lives in (nearest package.json), for the runner's cwd. */
export function projectDir(file: string): string {
  let dir = path.dirname(file);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.dirname(file);
    dir = parent;
  }
}

/** A module path without extension (TypeScript workflowsPath) -> an existing file. */
export function resolveModuleFile(module: string): string | undefined {
  if (fs.existsSync(module) && fs.statSync(module).isFile()) return module;
  for (const ext of ['.ts', '.js', '.mts', '.mjs', '.tsx', '/index.ts', '/index.js']) {
    if (fs.existsSync(module + ext)) return module + ext;
  }
  return undefined;
}
