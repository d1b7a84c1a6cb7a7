// Types for editor.mjs (plain ESM JavaScript) so TypeScript tests can import it strictly.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const CODE_SERVER_VERSION: string;
export const repoRoot: string;
export const screenshotDir: string;

export type EditorLog = ((text: string) => void) | { write(text: string): unknown };

export interface EditorOptions {
  /** Folder opened in the workbench (and passed to code-server). */
  workspace?: string;
  /** .vsix file(s) installed into the fresh extensions dir before start. */
  vsix?: string | string[];
  /** Unpackaged extension folder loaded through the page URL's `payload`. */
  extensionDevelopmentPath?: string;
  /** Extension-host test module (`exports.run`); needs extensionDevelopmentPath. */
  extensionTestsPath?: string;
  /** A file the window opens in an editor at start. */
  openFile?: string;
  /** User settings on top of the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** Defaults to a free port. */
  port?: number;
  /** Receives code-server's output. */
  log?: EditorLog;
  startupTimeoutMs?: number;
  /** Keep workspace trust on and open the (never trusted) folder in Restricted Mode. */
  untrustedWorkspace?: boolean;
}

export interface Editor {
  /** http://127.0.0.1:<port>/?folder=...[&payload=...] */
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  pid: number;
  /** Resolves when code-server exits (exit code or signal name). */
  exited: Promise<number | string | null>;
  /** The last lines code-server printed. */
  output(): string;
  /**
   * Kills code-server's process group and deletes the temp profile (unless keepProfile, e.g.
   * to read `<userDataDir>/logs` after a failure). Safe to call twice.
   */
  stop(options?: { keepProfile?: boolean }): Promise<void>;
}

export function codeServerBin(): string;
export function freePort(): Promise<number>;
export function editorUrl(options: {
  port: number;
  workspace?: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  openFile?: string;
}): string;
export function startEditor(options?: EditorOptions): Promise<Editor>;
export function launchBrowser(options?: {
  headless?: boolean;
  viewport?: { width: number; height: number };
}): Promise<{
  /** Only `close()`: with a shared cache (TW_BROWSER_CACHE_DIR) there is no Browser object. */
  browser: Pick<Browser, 'close'>;
  context: BrowserContext;
  page: Page;
}>;
export function waitForWorkbench(
  page: Page,
  options?: { activityBarTitle?: string; timeout?: number },
): Promise<void>;
export function withQuickInput(
  page: Page,
  key: string,
  use: (input: Locator, timeout: number) => Promise<void>,
  options?: { what?: string; timeout?: number },
): Promise<void>;
export function runCommand(
  page: Page,
  label: string,
  options?: { timeout?: number },
): Promise<void>;
export function waitForNotification(
  page: Page,
  textOrRegex: string | RegExp,
  options?: { timeout?: number },
): Promise<Locator>;
export function sidebarTreeItem(page: Page, name: string | RegExp): Locator;
export function screenshot(page: Page, name: string): Promise<string>;
export function runExtensionTests(options: {
  workspace?: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  vsix?: string | string[];
  log?: (text: string) => void;
  timeout?: number;
  /** Keep workspace trust on and open the (never trusted) folder in Restricted Mode. */
  untrustedWorkspace?: boolean;
}): Promise<number>;
