// Extension-host suites run inside VS Code's own test runner: bundled into one CommonJS file
// with `vscode` left to the host.
import esbuild from 'esbuild';

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
