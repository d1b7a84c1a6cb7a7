// Playwright steps on the Temporal Workbench UI in a real code-server: the Temporal container,
// tree rows, code lenses, quick inputs, the payload editor, context menus and modal dialogs.
// Selectors are the ones /work/shared/notes/editor-e2e.md found to work on VS Code 1.100.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';

export const quickInput = (page: Page) => page.locator('.quick-input-widget');

/**
 * Notes a step a test took again, as a person would, in test-results/<log> beside the
 * screenshots: how often it happens, and why.
 */
export function logRetry(log: string, line: string): void {
  const results = path.resolve(__dirname, '../../test-results');
  mkdirSync(results, { recursive: true });
  appendFileSync(path.join(results, log), `${new Date().toISOString()} ${line}\n`);
}

/** Opens the Temporal container in the activity bar (idempotent). */
export async function openTemporal(page: Page): Promise<void> {
  const header = page.locator('.part.sidebar .pane-header', { hasText: 'Workflows' });
  if (!(await header.isVisible()))
    await page.locator('.activitybar a.action-label[aria-label^="Temporal"]').first().click();
  await header.waitFor();
}

/** The pane body of one view in the side bar, by its title. */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane', {
    has: page.locator('.pane-header', { hasText: title }),
  });
}

/** A tree row whose accessible name contains `name`, in the named view. */
export function treeRow(page: Page, view: string, name: string | RegExp): Locator {
  return viewPane(page, view).getByRole('treeitem', { name }).first();
}

/**
 * Clicks a collapsed tree row open and waits until it shows expanded. A click that lands while
 * the view redraws the row is lost with the row it hit (a fresh run's filtered Workflows row
 * stayed collapsed): while the row still shows collapsed, its twistie is clicked again.
 */
export async function expandRow(row: Locator): Promise<void> {
  const expanded = row.and(row.page().locator('[aria-expanded="true"]'));
  await row.click();
  for (let attempt = 1; ; attempt++) {
    try {
      await expanded.waitFor({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
    const twistie = row.locator('.monaco-tl-twistie.collapsed');
    if (await twistie.count()) await twistie.click();
  }
}

/**
 * The row named `name` of a view, scrolled into its list first: the tree renders only the rows in
 * view, and other tests' task queues can push a row below the fold.
 */
export async function scrolledTreeRow(
  page: Page,
  view: string,
  name: string | RegExp,
): Promise<Locator> {
  const row = treeRow(page, view, name);
  const list = viewPane(page, view).locator('.monaco-list').first();
  await list.waitFor();
  // Scrolls about a row at a time (the pane shows several), each step waiting for the frame that
  // renders it, until the row is there (it may also still be on its way from the server).
  const deadline = Date.now() + 30_000;
  while (!(await row.count()) && Date.now() < deadline) {
    await list.hover();
    await page.mouse.wheel(0, 30);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
  }
  return row;
}

/** Waits until a row's text (label + description) matches. */
export async function waitForRowText(row: Locator, text: RegExp, timeout = 30_000): Promise<void> {
  await row.filter({ hasText: text }).waitFor({ timeout });
}

/** The editor harness (an ES module, loaded once). */
const harness = () => import('../support/editor.mjs');

/** Opens a workspace file through Quick Open. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop()!;
  const row = quickInput(page).locator('.monaco-list-row', { hasText: name }).first();
  await (
    await harness()
  ).withQuickInput(
    page,
    'Control+P',
    async (input, wait) => {
      await input.fill(relativePath, { timeout: 5_000 });
      await row.waitFor({ timeout: wait });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: wait });
    },
    { what: relativePath },
  );
  await page.locator('.tab.active', { hasText: name }).waitFor();
}

/** Scrolls the active editor to a 1-based line (Go to Line). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await (
    await harness()
  ).withQuickInput(
    page,
    'Control+G',
    async (input, wait) => {
      await input.fill(`:${line}`, { timeout: 5_000 });
      // Enter before the picker has read the typed line does nothing (the picker stays open).
      await quickInput(page)
        .locator(`.quick-input-box input[aria-label^="Go to line ${line}"]`)
        .waitFor({ timeout: wait });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: wait });
    },
    { what: `line ${line}` },
  );
}

/**
 * Clicks the code lens `lensText` shown right above the source line containing `lineText`, once
 * it shows there (lenses are redrawn while the server recounts: a link found just before a redraw
 * is looked up again). `opensQuickInput`: the title of the quick input the lens opens; the click
 * is repeated while it has not opened (VS Code drops a click on a lens link that a redraw
 * replaced, and opening a quick input again only replaces the first).
 */
export async function clickLens(
  page: Page,
  source: string,
  lineText: string,
  lensText: string,
  opts: { opensQuickInput?: string } = {},
): Promise<void> {
  const lineNo = source.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  if (!lineNo) throw new Error(`no line contains ${lineText}`);
  // The file's lenses first: going to the line before they arrive lets them push it away.
  await page
    .locator('.editor-group-container.active .monaco-editor .codelens-decoration')
    .first()
    .waitFor({ timeout: 60_000 });
  await goToLine(page, lineNo);
  for (let attempt = 1; ; attempt++) {
    const found = await page
      .waitForFunction(
        ({ lineText, lensText }) => {
          const editor = document.querySelector('.editor-group-container.active .monaco-editor');
          const line = [...(editor?.querySelectorAll('.view-lines .view-line') ?? [])].find((l) =>
            (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineText),
          );
          if (!editor || !line) return null;
          const lineBox = line.getBoundingClientRect();
          // The nearest shown lens row above the line (hidden lens widgets have no box).
          let best: { y: number; row: Element } | null = null;
          for (const row of editor.querySelectorAll('.codelens-decoration')) {
            const box = row.getBoundingClientRect();
            if (!box.height || box.y >= lineBox.y) continue;
            if (!best || box.y > best.y) best = { y: box.y, row };
          }
          const links = [...(best?.row.querySelectorAll('a') ?? [])];
          // The title starts with lensText and no further word follows ("Run" is not "Run all";
          // "Signal" is "Signal…"). Inline arrows only: this runs in the page, where a named
          // local function would call esbuild's __name helper, which is not defined there.
          return (
            links.find((a) => {
              const text = (a.textContent ?? '').replace(/\u00a0/g, ' ').trim();
              return text.startsWith(lensText) && !/^[\s\w]/.test(text.slice(lensText.length));
            }) ?? null
          );
        },
        { lineText, lensText },
        { timeout: 60_000 },
      )
      .catch(() => {
        throw new Error(`no '${lensText}' lens above '${lineText}'`);
      });
    const link = found.asElement();
    try {
      if (!link) throw new Error('not an element');
      await link.click({ timeout: 5_000 });
      if (opts.opensQuickInput !== undefined)
        await waitForQuickInput(page, opts.opensQuickInput, { timeout: 10_000 });
      return;
    } catch (err) {
      logRetry(
        'lens-click-retries.log',
        `'${lensText}' above '${lineText}', attempt ${attempt}: ${String(err).split('\n')[0]}`,
      );
      // Lenses are redrawn whenever a workflow type's counts change, and as each type's first
      // counts arrive after a file opens: a few misses in a row happen.
      if (attempt >= 6) throw err;
    }
  }
}

/**
 * Waits for the quick input titled exactly `title` (steps of one flow share a widget, so the
 * step number in the title is what tells them apart).
 */
export async function waitForQuickInput(
  page: Page,
  title: string,
  opts: { timeout?: number } = {},
): Promise<Locator> {
  const widget = quickInput(page);
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await widget
    .locator('.quick-input-title', { hasText: exact })
    .waitFor({ state: 'visible', ...opts });
  return widget;
}

/** Types into the quick input box (replacing its value) and presses Enter. */
export async function answerQuickInput(page: Page, title: string, value?: string): Promise<void> {
  const widget = await waitForQuickInput(page, title);
  const input = widget.locator('.quick-input-box input');
  if (value !== undefined) {
    await input.fill(value);
    // A list (not an input box) re-filters first: wait for the row with the typed text.
    // Enter takes the focused row, so wait until the typed text's row is the focused one.
    if (await widget.locator('.quick-input-list .monaco-list-row').count()) {
      await widget
        .locator('.quick-input-list .monaco-list-row.focused', { hasText: value })
        .first()
        .waitFor();
    }
  }
  // Enter goes where the focus is. A quick input opened from a context menu can lose it to the
  // tree the menu returns it to (one that stays open on focus out, as the reason boxes do, then
  // shows without focus): Enter went to the row (run 26, terminate). A person clicks into the box.
  await input.focus();
  await page.keyboard.press('Enter');
}

/**
 * Replaces the payload editor's text with `json` (without submitting). `kept`: the input stayed
 * open after a failed call (its text as typed, nothing selected).
 */
export async function typePayload(
  page: Page,
  tabName: string | RegExp,
  json: string,
  opts: { kept?: boolean } = {},
): Promise<void> {
  await page.locator('.tab.active', { hasText: tabName }).waitFor();
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  // A new body is a snippet whose first value is selected once the document is filled.
  if (opts.kept) await editor.locator('.view-lines').click();
  else await editor.locator('.selected-text').first().waitFor();
  // The whole document (comment header included: it is optional) is replaced, in one input
  // event (as a paste): typing key by key starves a loaded machine.
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(json);
}

/** Submits the payload editor (Ctrl+Enter) and waits for it to close. */
export async function submitTypedPayload(page: Page, tabName: string | RegExp): Promise<void> {
  await page.keyboard.press('Control+Enter');
  await page.locator('.tab', { hasText: tabName }).waitFor({ state: 'detached', timeout: 10_000 });
}

/** Replaces the payload editor's selected skeleton with `json` and submits it. */
export async function submitPayload(
  page: Page,
  tabName: string | RegExp,
  json: string,
): Promise<void> {
  await typePayload(page, tabName, json);
  await submitTypedPayload(page, tabName);
}

/** Right-clicks a tree row and picks a context menu entry. */
export async function contextMenu(
  page: Page,
  row: Locator,
  entry: string,
  opts: { effect?: Locator; promptWithoutRow?: string } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    const item = page
      .locator('.context-view .monaco-menu .action-item', { hasText: entry })
      .first();
    await item.waitFor();
    // Menus ignore a click that comes right after they open (the right-click's own release), so
    // the entry is focused by hovering and taken with Enter once it shows as focused.
    await item.hover();
    await page
      .locator('.context-view .monaco-menu .action-item.focused', { hasText: entry })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await item.waitFor({ state: 'detached' });
    if (!opts.effect || !opts.promptWithoutRow) return;
    // VS Code forgets a view's rows from the moment the view redraws them all until it has read
    // them again: a menu entry taken then reaches the command without its row, and the command
    // asks for what the row would have told (`promptWithoutRow`). A person would press Escape
    // and take the entry again; the retry is logged (test-results/menu-retries.log).
    const prompt = quickInput(page).locator('.quick-input-title', {
      hasText: opts.promptWithoutRow,
    });
    // Either shows (the effect may be inside a webview's frames, where `or` cannot reach).
    await Promise.any([
      opts.effect.waitFor({ timeout: 30_000 }),
      prompt.waitFor({ timeout: 30_000 }),
    ]);
    if (!(await prompt.isVisible())) return;
    logRetry(
      'menu-retries.log',
      `'${entry}', attempt ${attempt}: the command asked '${opts.promptWithoutRow}'`,
    );
    await page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'hidden' });
    if (attempt >= 3)
      assert.fail(`'${entry}' reached its command without the row ${attempt} times`);
  }
}

/** The modal dialog (confirmations). */
export const dialog = (page: Page) => page.locator('.monaco-dialog-box');

export async function dialogButton(page: Page, label: string): Promise<void> {
  await dialog(page).locator('.dialog-buttons a.monaco-button', { hasText: label }).first().click();
  await dialog(page).waitFor({ state: 'hidden' });
}

/** `test` for an ordered e2e scenario: a failing step leaves a screenshot named after it. */
export function screenshotStep(shot: (name: string) => Promise<unknown>) {
  return (name: string, fn: () => Promise<void>): void => {
    test(name, async () => {
      try {
        await fn();
      } catch (err) {
        await shot(`failed-${name.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
        throw err;
      }
    });
  };
}

/** Types one value per tab stop of the payload editor's snippet (Tab moves to the next). */
export async function fillPayloadPlaceholders(
  page: Page,
  tabName: string | RegExp,
  values: string[],
): Promise<void> {
  await page.locator('.tab.active', { hasText: tabName }).waitFor();
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.locator('.selected-text').first().waitFor();
  for (const [i, value] of values.entries()) {
    if (i) await page.keyboard.press('Tab');
    await page.keyboard.type(value);
  }
}

/** The visible text of the editor group whose active tab shows `tab` (e.g. a result document). */
export async function groupEditorText(page: Page, tab: string): Promise<string> {
  const group = page
    .locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: tab }) })
    .first();
  await group.waitFor();
  const text = await group.locator('.monaco-editor .view-lines').first().textContent();
  return text?.replace(/\u00a0/g, ' ') ?? '';
}

/**
 * The text of the lens matching `lens` right above the source line containing `lineText`, once
 * one shows (lenses come and go while the server recounts: a count-specific `lens` waits for it).
 */
export async function lensTextAbove(
  page: Page,
  source: string,
  lineText: string,
  lens: RegExp,
  timeout = 30_000,
): Promise<string> {
  const lineNo = source.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  if (!lineNo) throw new Error(`no line contains ${lineText}`);
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await goToLine(page, lineNo);
  await editor.locator('.view-lines .view-line', { hasText: lineText }).first().waitFor();
  const found = await page
    .waitForFunction(
      ({ lineText, source, flags }) => {
        const editor = document.querySelector('.editor-group-container.active .monaco-editor');
        const line = [...(editor?.querySelectorAll('.view-lines .view-line') ?? [])].find((l) =>
          (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineText),
        );
        if (!editor || !line) return null;
        const lineBox = line.getBoundingClientRect();
        const re = new RegExp(source, flags);
        let best: { y: number; text: string } | null = null;
        for (const link of editor.querySelectorAll('.codelens-decoration a')) {
          const text = link.textContent ?? '';
          const box = link.getBoundingClientRect();
          // Only the lens row right above the line (not one of a definition further up).
          if (!re.test(text) || box.y >= lineBox.y || lineBox.y - box.y > 2 * lineBox.height)
            continue;
          if (!best || box.y > best.y) best = { y: box.y, text };
        }
        return best?.text ?? null;
      },
      { lineText, source: lens.source, flags: lens.flags },
      { timeout },
    )
    .catch(() => {
      throw new Error(`no ${lens} lens above '${lineText}'`);
    });
  return (await found.jsonValue()) as string;
}

/** The text of the editor group whose active tab shows `tab`, once it matches `expected`. */
export async function waitForGroupEditorText(
  page: Page,
  tab: string,
  expected: RegExp,
  timeout = 15_000,
): Promise<string> {
  await page
    .waitForFunction(
      ({ tab, source, flags }) =>
        [...document.querySelectorAll('.editor-group-container')].some(
          (group) =>
            (group.querySelector('.tab.active')?.textContent ?? '').includes(tab) &&
            new RegExp(source, flags).test(
              (group.querySelector('.monaco-editor .view-lines')?.textContent ?? '').replace(
                /\u00a0/g,
                ' ',
              ),
            ),
        ),
      { tab, source: expected.source, flags: expected.flags },
      { timeout },
    )
    .catch(async () => {
      const text = await groupEditorText(page, tab).catch(() => '');
      throw new Error(`the '${tab}' document did not show ${expected}: ${text.slice(0, 300)}`);
    });
  return groupEditorText(page, tab);
}

/** Folds or unfolds a view of the Temporal container by its header. */
export async function setViewExpanded(page: Page, title: string, expanded: boolean): Promise<void> {
  const header = viewPane(page, title).locator('.pane-header');
  // On the title: the header's middle may hold the view's action buttons.
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded)
    await header.locator('.title').first().click();
  await page
    .locator(`.part.sidebar .pane-header[aria-expanded="${expanded}"]`, { hasText: title })
    .waitFor();
}

/** Drags the side bar's edge so rows show their descriptions (next-run times, counts). */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/** Waits until the live lens above the line containing `lineText` says `n` running. */
export async function waitForRunningLens(
  page: Page,
  source: string,
  lineText: string,
  n: number,
): Promise<void> {
  await lensTextAbove(page, source, lineText, new RegExp(`(^|\\D)${n} running`));
}

/**
 * Answers the reason prompt titled `title` (checking it is prefilled with `prefill`) with `reason`,
 * then waits for the confirmation that repeats it.
 */
export async function giveReason(
  page: Page,
  title: string,
  prefill: string,
  reason: string,
): Promise<void> {
  const widget = await waitForQuickInput(page, title);
  assert.equal(await widget.locator('.quick-input-box input').inputValue(), prefill);
  await answerQuickInput(page, title, reason);
  await dialog(page).waitFor();
  assert.ok(((await dialog(page).textContent()) ?? '').includes(`Reason: ${reason}`));
}
