// A real VS Code for tests and demos: code-server (installed by scripts/setup/codeServer.sh)
// driven by playwright-core with Debian's Chromium. See /work/shared/notes/editor-e2e.md for
// why each flag and selector is what it is.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import {
  appendFile,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// Settings that keep a fresh profile quiet: no welcome page, no trust prompt, no telemetry,
// no marketplace traffic.
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
};

/** Workspace trust on, no prompt: a folder nobody trusted opens in Restricted Mode. */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/** Path of code-server's entry script (run it with this Node: its native modules match it). */
export function codeServerBin() {
  const bin = path.join(
    repoRoot,
    '.tools',
    `code-server-${CODE_SERVER_VERSION}`,
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  );
  if (!existsSync(bin)) {
    throw new Error(`code-server is not installed (${bin}); run: bash scripts/setup/codeServer.sh`);
  }
  return bin;
}

/** Rejects when something already listens on 127.0.0.1:port. */
function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', (error) =>
      reject(
        new Error(`port ${port} is not available on 127.0.0.1: ${error.code ?? error.message}`),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Sends output to the caller's log (function or writable stream) and keeps a tail for errors.
function makeSink(log) {
  const tail = [];
  const write = (text) => {
    if (typeof log === 'function') log(text);
    else if (log && typeof log.write === 'function') log.write(text);
    tail.push(text);
    if (tail.length > 200) tail.shift();
  };
  return { write, tail: () => tail.join('').split('\n').slice(-40).join('\n') };
}

function runCodeServer(args, { env, sink }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [codeServerBin(), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', sink.write);
    child.stderr.setEncoding('utf8').on('data', sink.write);
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const installCache = path.join(os.tmpdir(), 'tw-extension-installs');

/**
 * Installs .vsix files into `extensionsDir`. code-server's install (a CLI start, ~3 s of CPU)
 * runs once per set of .vsix files (by path, size and mtime); later editors get a copy of that
 * installed folder, its extensions.json pointed at their own directory (what an install there
 * would have written).
 */
async function installExtensions(files, extensionsDir, { env, sink }) {
  const key = createHash('sha256')
    .update(files.map((f) => `${f}:${statSync(f).size}:${statSync(f).mtimeMs}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const cached = path.join(installCache, key);
  if (!existsSync(path.join(cached, 'extensions.json'))) {
    await mkdir(installCache, { recursive: true });
    await sweepInstallCache();
    const scratch = await mkdtemp(path.join(installCache, `${key}-installing-`));
    try {
      const config = path.join(scratch, 'config.yaml');
      await writeFile(config, '');
      const dirs = ['--config', config, '--user-data-dir', path.join(scratch, 'user-data')];
      const into = path.join(scratch, 'extensions');
      for (const file of files) {
        const code = await runCodeServer(
          [...dirs, '--extensions-dir', into, '--install-extension', file],
          {
            env,
            sink,
          },
        );
        if (code !== 0)
          throw new Error(`installing ${file} failed (exit ${code}):\n${sink.tail()}`);
      }
      // Another test process may have installed the same files meanwhile: either copy will do.
      await rename(into, cached).catch((error) => {
        if (!existsSync(path.join(cached, 'extensions.json'))) throw error;
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  await cp(cached, extensionsDir, { recursive: true });
  const list = path.join(extensionsDir, 'extensions.json');
  const entries = JSON.parse(await readFile(list, 'utf8')).map((entry) => {
    const at = path.join(extensionsDir, entry.relativeLocation);
    const location = {
      $mid: 1,
      fsPath: at,
      external: pathToFileURL(at).href,
      path: at,
      scheme: 'file',
    };
    return { ...entry, location };
  });
  await writeFile(list, JSON.stringify(entries));
}

/** Installs of older builds go after an hour (a running test may still be copying one). */
async function sweepInstallCache() {
  for (const name of await readdir(installCache)) {
    const at = path.join(installCache, name);
    if (Date.now() - statSync(at).mtimeMs > 3_600_000)
      await rm(at, { recursive: true, force: true });
  }
}

// The folder path stays readable in the printed URL; everything else is encoded.
function folderQuery(folder) {
  return encodeURIComponent(path.resolve(folder)).replace(/%2F/g, '/');
}

function remoteUri(port, file) {
  return `vscode-remote://127.0.0.1:${port}${path.resolve(file)}`;
}

/** The page URL: opens `workspace` and, with a development path, loads that extension. */
export function editorUrl({
  port,
  workspace,
  extensionDevelopmentPath,
  extensionTestsPath,
  openFile,
}) {
  const query = [];
  if (workspace) query.push(`folder=${folderQuery(workspace)}`);
  const payload = [];
  if (extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]);
    if (extensionTestsPath) {
      payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath)]);
    }
  } else if (extensionTestsPath) {
    throw new Error('extensionTestsPath needs extensionDevelopmentPath');
  }
  // The web workbench opens this file in an editor once the window is up.
  if (openFile) payload.push(['openFile', remoteUri(port, openFile)]);
  if (payload.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://127.0.0.1:${port}/${query.length ? `?${query.join('&')}` : ''}`;
}

async function waitForHealthy(port, child, sink, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `code-server exited during startup (${child.exitCode ?? child.signalCode}):\n${sink.tail()}`,
      );
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200)); // poll interval of the health check
  }
  throw new Error(
    `code-server did not answer /healthz on port ${port} in ${timeoutMs} ms:\n${sink.tail()}`,
  );
}

// Process groups of running editors. code-server runs detached, so a test process that dies
// (crash, Ctrl+C, timeout kill) must take them down itself or they keep listening.
const liveEditors = new Set();
let processHooked = false;
function hookProcessEnd() {
  if (processHooked) return;
  processHooked = true;
  const sweep = () => {
    for (const cleanup of liveEditors) cleanup();
  };
  process.on('exit', sweep);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      sweep();
      // Alone, this listener would swallow the signal: re-raise it for the default exit.
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

/**
 * Starts code-server on 127.0.0.1 with a fresh profile. `vsix` (a path or a list) is installed
 * first; `env` reaches code-server and so the extension host; `log` (function or stream) gets
 * code-server's output. `stop()` kills the whole process group and deletes the profile
 * (`stop({ keepProfile: true })` keeps it, e.g. to read its logs after a failure).
 */
export async function startEditor({
  workspace,
  vsix,
  extensionDevelopmentPath,
  extensionTestsPath,
  openFile,
  settings = {},
  env = {},
  port,
  log,
  startupTimeoutMs = 60_000,
  untrustedWorkspace = false,
} = {}) {
  const bin = codeServerBin();
  const sink = makeSink(log);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'tw-editor-'));
  const userDataDir = path.join(profile, 'user-data');
  const extensionsDir = path.join(profile, 'extensions');
  // An explicit config keeps code-server from writing ~/.config/code-server/config.yaml.
  const config = path.join(profile, 'config.yaml');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(config, '');
  await writeFile(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      { ...BASE_SETTINGS, ...(untrustedWorkspace ? UNTRUSTED_SETTINGS : {}), ...settings },
      null,
      2,
    ),
  );
  const common = [
    '--config',
    config,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];

  try {
    const files = [vsix ?? []].flat().map((f) => path.resolve(f));
    if (files.length) await installExtensions(files, extensionsDir, { env, sink });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  try {
    // Checked up front: /healthz from some other server on a taken port would look like success.
    if (port) await assertPortFree(port);
    else port = await freePort();
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const args = [
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    // `untrustedWorkspace`: trust stays on and the folder, never trusted, opens in Restricted Mode.
    ...(untrustedWorkspace ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
  ];
  if (workspace) args.push(path.resolve(workspace));
  // Own process group, so stop() also takes the extension host and other children down.
  const child = spawn(process.execPath, [bin, ...args], {
    detached: true,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', sink.write);
  child.stderr.setEncoding('utf8').on('data', sink.write);
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal));
    child.on('error', (error) => {
      sink.write(`spawn error: ${error.message}\n`);
      resolve(null);
    });
  });

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const emergencyCleanup = () => {
    killGroup('SIGKILL');
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  liveEditors.add(emergencyCleanup);
  hookProcessEnd();

  let stopping;
  const stop = ({ keepProfile = false } = {}) => {
    stopping ??= (async () => {
      liveEditors.delete(emergencyCleanup);
      killGroup('SIGTERM');
      // The timer is cleared: left pending it would hold the test process open for 5 s.
      let timer;
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise((r) => (timer = setTimeout(() => r(true), 5000))),
      ]);
      clearTimeout(timer);
      // The leader may exit before its children: always sweep the group.
      killGroup('SIGKILL');
      if (timedOut) await exited;
      if (!keepProfile) await rm(profile, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    await waitForHealthy(port, child, sink, startupTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = editorUrl({
    port,
    workspace,
    extensionDevelopmentPath,
    extensionTestsPath,
    openFile,
  });
  return { url, port, userDataDir, extensionsDir, pid: child.pid, exited, output: sink.tail, stop };
}

/** Headless Chromium (Debian's) with a page of 1400x900. Close `browser` when done. */
export async function launchBrowser({
  headless = true,
  viewport = { width: 1400, height: 900 },
} = {}) {
  const cacheDir = process.env.TW_BROWSER_CACHE_DIR;
  if (cacheDir) return launchWithSharedCache(cacheDir, { headless, viewport });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless,
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return { browser, context, page };
}

/**
 * A fresh browser profile whose HTTP cache is `cacheDir`: the workbench's scripts (tens of MB,
 * the same for every editor of one code-server version) load from disk after the first editor
 * instead of over the wire and through the parser again. Only the cache is shared; storage,
 * cookies and settings start empty each time. Set by the test runner for its e2e phase, whose
 * files run one at a time (one Chromium on a cache directory at once).
 */
async function launchWithSharedCache(cacheDir, { headless, viewport }) {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'tw-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, `--disk-cache-dir=${cacheDir}`],
    headless,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const browser = {
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  return { browser, context, page };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Waits until the workbench is interactive; with `activityBarTitle`, also until that view
 * container's icon shows (i.e. the extension's contributions are in).
 */
export async function waitForWorkbench(page, { activityBarTitle, timeout = 60_000 } = {}) {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout });
  if (activityBarTitle) {
    await page
      .locator(
        `.activitybar a.action-label[aria-label^="${activityBarTitle.replace(/"/g, '\\"')}"]`,
      )
      .first()
      .waitFor({ timeout });
  }
}

/**
 * Presses `key` to open a quick input (F1, Ctrl+P, Ctrl+G) and runs `use(input, timeout)` on it.
 * A quick input closes when something else takes the focus; when it closes before `use` is done,
 * the key is pressed again (as a person would), three tries in all, and each retry is logged with
 * the elements that took the focus since the key (test-results/quick-input-retries.log).
 */
export async function withQuickInput(page, key, use, { what = key, timeout = 15_000 } = {}) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 1; ; attempt++) {
    const wait = attempt < 3 ? 5_000 : timeout;
    await page.evaluate(recordFocus).catch(() => undefined);
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: wait });
      await use(input, wait);
      return;
    } catch (err) {
      const focus = await page.evaluate(() => globalThis.__focusChanges ?? []).catch(() => []);
      await mkdir(path.dirname(screenshotDir), { recursive: true });
      await appendFile(
        path.join(path.dirname(screenshotDir), 'quick-input-retries.log'),
        `${new Date().toISOString()} ${key} for '${what}', attempt ${attempt}: ${String(err).split('\n')[0]}; focus since ${key}: ${focus.join(' -> ') || 'unchanged'}\n`,
      );
      if (attempt >= 3) throw err;
    }
  }
}

/** Runs a command from the F1 palette by its full label, e.g. 'Harness: Say Hello'. */
export async function runCommand(page, label, { timeout = 15_000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  // Exact label match: fuzzy results may rank a longer or recently used command first.
  const row = widget
    .locator('.monaco-list-row')
    .filter({
      has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }),
    })
    .first();
  await withQuickInput(
    page,
    'F1',
    async (input, wait) => {
      await input.fill(`>${label}`, { timeout: 5_000 });
      await row.waitFor({ state: 'visible', timeout: wait });
      await row.click({ timeout: 5_000 });
    },
    { what: label, timeout },
  );
  // The palette closes, or the command reuses the same quick input for its own picker at once:
  // either way the `>command` text is gone.
  await page.waitForFunction(
    () => {
      const box = document.querySelector('.quick-input-widget .quick-input-box input');
      return !box || box.offsetParent === null || !box.value.startsWith('>');
    },
    undefined,
    { timeout },
  );
}

/** In the page: from now on, note each element that takes the focus (for quick-input-retries.log). */
function recordFocus() {
  globalThis.__focusChanges = [];
  if (globalThis.__focusRecorder) return;
  globalThis.__focusRecorder = true;
  document.addEventListener(
    'focusin',
    (e) => {
      const el = e.target;
      const name = `${el.tagName?.toLowerCase()}.${String(el.className).split(' ').slice(0, 2).join('.')}${el.getAttribute?.('aria-label') ? `[${el.getAttribute('aria-label').slice(0, 40)}]` : ''}`;
      globalThis.__focusChanges.push(name);
    },
    true,
  );
}

/** The toast whose message contains `textOrRegex`, once visible; returns its message locator. */
export async function waitForNotification(page, textOrRegex, { timeout = 15_000 } = {}) {
  const message = page
    .locator('.notifications-toasts .notification-list-item-message')
    .filter({ hasText: textOrRegex })
    .first();
  await message.waitFor({ state: 'visible', timeout });
  return message;
}

/** A tree item in the side bar by accessible name (substring, or a RegExp). */
export function sidebarTreeItem(page, name) {
  return page.locator('.part.sidebar').getByRole('treeitem', { name });
}

/** Saves test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Runs an extension-host test module (exports `run(): Promise<void>`, as for
 * @vscode/test-electron) against `extensionDevelopmentPath` in a real workbench and resolves
 * with the exit code VS Code reports (0 = passed). Output of the extension host arrives in the
 * browser console and goes to `log` (default: stderr).
 */
export async function runExtensionTests({
  workspace,
  extensionDevelopmentPath,
  extensionTestsPath,
  env = {},
  settings = {},
  vsix,
  log = (text) => process.stderr.write(text),
  timeout = 120_000,
  untrustedWorkspace = false,
}) {
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error('runExtensionTests needs extensionDevelopmentPath and extensionTestsPath');
  }
  const editor = await startEditor({
    workspace,
    vsix,
    extensionDevelopmentPath,
    extensionTestsPath,
    settings,
    env,
    untrustedWorkspace,
  });
  let browser;
  try {
    const launched = await launchBrowser();
    browser = launched.browser;
    const { page } = launched;
    let onExit;
    const exitCode = new Promise((resolve) => (onExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
    page.on('console', (msg) => log(`[browser ${msg.type()}] ${msg.text()}\n`));
    await page.goto(editor.url);
    let timer;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`extension tests did not finish in ${timeout} ms:\n${editor.output()}`)),
        timeout,
      );
    });
    try {
      return await Promise.race([exitCode, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser?.close();
    await editor.stop();
  }
}
