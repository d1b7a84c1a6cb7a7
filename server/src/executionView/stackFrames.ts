// Stack trace text -> frames, each resolved to a workspace file when its path names one.
// Python (`File "x.py", line 3, in f`), JS/TS (`at f (x.ts:3:5)`), Java (`at a.B.f(B.java:3)`),
// Go (`/x/y.go:3 +0x1f`) and .NET (`in x.cs:line 3`) frames are understood.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StackFrameView } from '../../../shared/src/protocol';

interface ParsedFrame {
  file: string;
  line: number;
  column?: number;
  functionName?: string;
}

const PYTHON = /^\s*File "([^"]+)", line (\d+)(?:, in (.+))?/;
const JS_NAMED = /^\s*at (?:async )?(.+?) \((.+?):(\d+):(\d+)\)\s*$/;
const JS_BARE = /^\s*at (?:async )?(.+?):(\d+):(\d+)\s*$/;
const JAVA = /^\s*at ([\w$.<>]+)\(([^():]+):(\d+)\)/;
const GO = /^\s*(\/[^\s:]+\.go):(\d+)/;
const DOTNET = /^\s*at (.+?) in (.+?):line (\d+)/;

export function parseFrame(text: string): ParsedFrame | undefined {
  let m = PYTHON.exec(text);
  if (m) return { file: m[1], line: Number(m[2]), functionName: m[3]?.trim() };
  m = DOTNET.exec(text);
  if (m) return { file: m[2], line: Number(m[3]), functionName: m[1] };
  m = JS_NAMED.exec(text);
  if (m) return { file: m[2], line: Number(m[3]), column: Number(m[4]), functionName: m[1] };
  m = JS_BARE.exec(text);
  if (m) return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
  m = JAVA.exec(text);
  if (m) return { file: m[2], line: Number(m[3]), functionName: m[1] };
  m = GO.exec(text);
  if (m) return { file: m[1], line: Number(m[2]) };
  return undefined;
}

/** Strips what bundlers and loaders put in front of a path. */
function cleanPath(file: string): string {
  let f = file.replace(/^webpack(-internal)?:\/\/\/?(\.\/)?/, '').replace(/^\(\w+\)\/?/, '');
  if (f.startsWith('file://')) {
    try {
      f = fileURLToPath(f);
    } catch {
      /* keep as is */
    }
  }
  return f;
}

function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Resolves a frame's path: an absolute path inside a workspace folder; else the longest tail
 * of the path that matches an indexed workspace file (a worker built elsewhere, a bundle's
 * relative path, a Java file name).
 */
export function resolveFramePath(
  file: string,
  folders: readonly string[],
  indexedFiles: readonly string[],
): string | undefined {
  const cleaned = cleanPath(file);
  if (
    path.isAbsolute(cleaned) &&
    folders.some((f) => isInside(cleaned, f)) &&
    fs.existsSync(cleaned)
  )
    return cleaned;
  const parts = cleaned.split(/[\\/]/).filter((p) => p && p !== '.');
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join('/');
    for (const folder of folders) {
      const candidate = path.join(folder, tail);
      if (i > 0 || !path.isAbsolute(cleaned)) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
      }
    }
    const suffix = `/${tail}`;
    const hit = indexedFiles.find((f) => f.endsWith(suffix));
    if (hit) return hit;
  }
  return undefined;
}

export function resolveStackTrace(
  stackTrace: string,
  folders: readonly string[],
  indexedFiles: readonly string[],
): StackFrameView[] {
  return stackTrace
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((text) => {
      const frame: StackFrameView = { text };
      const parsed = parseFrame(text);
      if (!parsed) return frame;
      if (parsed.functionName) frame.functionName = parsed.functionName;
      const file = resolveFramePath(parsed.file, folders, indexedFiles);
      if (file) {
        frame.uri = pathToFileURL(file).toString();
        frame.line = Math.max(0, parsed.line - 1);
        if (parsed.column) frame.character = Math.max(0, parsed.column - 1);
      }
      return frame;
    });
}
