// Smoke test of the editor harness itself: a throwaway extension, generated and packaged here,
// is installed into a real code-server and driven through Chromium.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type * as EditorHarness from '../support/editor.mjs' with { 'resolution-mode': 'import' };

// Loaded dynamically: the tests compile as CommonJS and editor.mjs is an ES module.
let harness: typeof EditorHarness;

const execFileAsync = promisify(execFile);
const GREETING = 'env-reached-extension-host';

const manifest = {
  name: 'harness-hello',
  displayName: 'Harness Hello',
  description: 'Throwaway extension for the editor harness smoke test.',
  publisher: 'tw-harness',
  version: '0.0.1',
  engines: { vscode: '^1.90.0' },
  main: './extension.js',
  contributes: {
    commands: [{ command: 'harness.sayHello', title: 'Say Hello', category: 'Harness' }],
    viewsContainers: {
      activitybar: [{ id: 'harness', title: 'Harness', icon: '$(beaker)' }],
    },
    views: { harness: [{ id: 'harness.items', name: 'Items' }] },
  },
};

// The greeting carries an env var so the test also proves `env` reaches the extension host.
const extensionJs = `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('harness.sayHello', () =>
      vscode.window.showInformationMessage('Hello from the harness: ' + process.env.HARNESS_GREETING),
    ),
    vscode.window.registerTreeDataProvider('harness.items', {
      getChildren: () => ['alpha', 'beta'],
      getTreeItem: (label) => new vscode.TreeItem(label),
    }),
  );
};
exports.deactivate = () => {};
`;

const passingTestsJs = `const assert = require('assert');
const vscode = require('vscode');
exports.run = async () => {
  const extension = vscode.extensions.getExtension('tw-harness.harness-hello');
  assert.ok(extension, 'extension under development is loaded');
  await extension.activate();
  const commands = await vscode.commands.getCommands(true);
  assert.ok(commands.includes('harness.sayHello'), 'harness.sayHello is registered');
  assert.equal(process.env.HARNESS_GREETING, ${JSON.stringify(GREETING)});
};
`;

const failingTestsJs = `exports.run = async () => {
  throw new Error('deliberate failure');
};
`;

let tmp: string;
let extensionDir: string;
let workspace: string;
let vsix: string;

before(async () => {
  harness = await import('../support/editor.mjs');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'tw-harness-'));
  extensionDir = path.join(tmp, 'extension');
  workspace = path.join(tmp, 'workspace');
  await mkdir(path.join(extensionDir, 'test'), { recursive: true });
  await mkdir(workspace, { recursive: true });
  await writeFile(path.join(extensionDir, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(extensionDir, 'extension.js'), extensionJs);
  await writeFile(path.join(extensionDir, 'README.md'), '# Harness Hello\n\nTest fixture.\n');
  await writeFile(path.join(extensionDir, 'test', 'passing.js'), passingTestsJs);
  await writeFile(path.join(extensionDir, 'test', 'failing.js'), failingTestsJs);
  await writeFile(path.join(workspace, 'hello.txt'), 'hello from the harness workspace\n');

  vsix = path.join(tmp, 'harness-hello.vsix');
  await execFileAsync(
    path.join(harness.repoRoot, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: extensionDir },
  );
  assert.ok((await stat(vsix)).size > 0);
});

after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('editor harness', () => {
  test(
    'installs a .vsix, runs its palette command and shows its view',
    { timeout: 120_000 },
    async () => {
      const {
        launchBrowser,
        runCommand,
        screenshot,
        sidebarTreeItem,
        startEditor,
        waitForNotification,
        waitForWorkbench,
      } = harness;
      const editor = await startEditor({ workspace, vsix, env: { HARNESS_GREETING: GREETING } });
      const { browser, page } = await launchBrowser();
      try {
        await page.goto(editor.url);
        await waitForWorkbench(page, { activityBarTitle: 'Harness' });
        // The workspace folder is open in the explorer.
        await sidebarTreeItem(page, 'hello.txt').waitFor();

        await runCommand(page, 'Harness: Say Hello');
        const message = await waitForNotification(page, `Hello from the harness: ${GREETING}`);
        assert.match((await message.textContent()) ?? '', /Hello from the harness/);

        await page.locator('.activitybar a.action-label[aria-label^="Harness"]').click();
        await sidebarTreeItem(page, 'beta').waitFor();
        const file = await screenshot(page, 'harness-workbench');
        assert.ok((await stat(file)).size > 10_000, 'screenshot has content');
      } finally {
        await browser.close();
        await editor.stop();
      }
    },
  );

  test('runs extension-host tests and reports their exit code', { timeout: 180_000 }, async () => {
    const env = { HARNESS_GREETING: GREETING };
    // The browser console is noisy: keep it for the failure message only.
    const lines: string[] = [];
    const log = (text: string) => lines.push(text);
    const { runExtensionTests } = harness;
    const passed = await runExtensionTests({
      workspace,
      extensionDevelopmentPath: extensionDir,
      extensionTestsPath: path.join(extensionDir, 'test', 'passing.js'),
      env,
      log,
    });
    assert.equal(passed, 0, `extension-host tests failed; browser console:\n${lines.join('')}`);
    const failed = await runExtensionTests({
      workspace,
      extensionDevelopmentPath: extensionDir,
      extensionTestsPath: path.join(extensionDir, 'test', 'failing.js'),
      env,
      log,
    });
    assert.notEqual(failed, 0);
  });
});
