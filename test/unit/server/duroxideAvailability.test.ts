// Where duroxide profiles can run: the universal .vsix leaves duroxide's native client out, and
// the addon is built for Linux x64 (glibc) only; elsewhere the profile says why, naming the platform.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  duroxideAvailability,
  type DuroxideHost,
} from '../../../server/src/backends/duroxide/binding';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-dx-avail-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const missing = (id: string): string => {
  throw new Error(`Cannot find module '${id}'`);
};
const host = (over: Partial<DuroxideHost>): DuroxideHost => ({
  platform: 'linux',
  arch: 'x64',
  supported: true,
  bundleDir: path.join(tmp, 'empty'),
  resolvePackage: missing,
  ...over,
});

describe('duroxide availability', () => {
  test('on darwin-arm64 the reason names the platform and says Temporal profiles still work', () => {
    const a = duroxideAvailability(host({ platform: 'darwin', arch: 'arm64', supported: false }));
    assert.equal(a.available, false);
    assert.match(a.available ? '' : a.reason, /unavailable on this platform \(darwin-arm64\)/);
    assert.match(a.available ? '' : a.reason, /Temporal profiles work as usual/);
  });

  test('a Linux x64 package without the addon (the universal .vsix) says the linux-x64 package has it', () => {
    const a = duroxideAvailability(host({}));
    assert.equal(a.available, false);
    assert.match(
      a.available ? '' : a.reason,
      /does not include duroxide's native client \(the linux-x64 package does\)/,
    );
  });

  test('the addon in the bundle native/ folder (the linux-x64 .vsix) is used before node_modules', () => {
    const bundleDir = path.join(tmp, 'bundle');
    fs.mkdirSync(path.join(bundleDir, 'native'), { recursive: true });
    const file = path.join(bundleDir, 'native', 'duroxide.linux-x64-gnu.node');
    fs.writeFileSync(file, '');
    const a = duroxideAvailability(host({ bundleDir, resolvePackage: () => '/elsewhere.node' }));
    assert.deepEqual(a, { available: true, file });
  });

  test('a development checkout without a bundle resolves the npm package', () => {
    const a = duroxideAvailability(host({ resolvePackage: () => '/nm/duroxide.node' }));
    assert.deepEqual(a, { available: true, file: '/nm/duroxide.node' });
  });
});
