// Extension-host test suites are bundled with esbuild (vscode external) into a temp folder
// before the file's tests and removed after; the editor harness is loaded alongside.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import esbuild from 'esbuild';
import type * as EditorHarness from './editor.mjs' with { 'resolution-mode': 'import' };

export interface BundledSuite {
  /** The bundled suite (extensionTestsPath). */
  suite(): string;
  harness(): typeof EditorHarness;
}

/** Bundles a suite into one CommonJS file, `vscode` left to the host. */
export async function bundleHostSuite(entry: string, outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

/** Registers hooks that bundle `entry` (a suite exporting `run()`) for this test file. */
export function useBundledSuite(entry: string): BundledSuite {
  let harness: typeof EditorHarness | undefined;
  let tmp: string | undefined;
  let suite: string | undefined;
  before(async () => {
    harness = await import('./editor.mjs');
    tmp = await mkdtemp(path.join(os.tmpdir(), 'tw-host-'));
    suite = path.join(tmp, 'suite.js');
    await bundleHostSuite(entry, suite);
  });
  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });
  return {
    suite: () => suite!,
    harness: () => harness!,
  };
}
