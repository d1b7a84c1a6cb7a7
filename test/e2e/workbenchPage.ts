// Playwright steps on the Temporal Workbench UI in a real code-server: the Temporal container,
// tree rows, code lenses, quick inputs, the payload editor, context menus and modal dialogs.
// Selectors are the ones /work/shared/notes/editor-e2e.md found to work on VS Code 1.100.
import type { Locator, Page } from 'playwright-core';

export const quickInput = (page: Page) => page.locator('.quick-input-widget');

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

/** Waits until a row's text (label + description) matches. */
export async function waitForRowText(row: Locator, text: RegExp, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await row.textContent().catch(() => '')) ?? '';
    if (text.test(last)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`tree row did not show ${text} in ${timeout} ms (last: ${JSON.stringify(last)})`);
}

/** Opens a workspace file through Quick Open. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('.quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  const row = quickInput(page)
    .locator('.monaco-list-row', { hasText: relativePath.split('/').pop()! })
    .first();
  await row.waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator('.tab.active', { hasText: relativePath.split('/').pop()! }).waitFor();
}

/** Scrolls the active editor to a 1-based line (Go to Line). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = quickInput(page).locator('.quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * Clicks the code lens `lensText` shown above the source line containing `lineText`: of the lens
 * rows above that line, the nearest one.
 */
export async function clickLens(
  page: Page,
  source: string,
  lineText: string,
  lensText: string | RegExp,
): Promise<void> {
  const lineNo = source.split('\n').findIndex((l) => l.includes(lineText)) + 1;
  if (!lineNo) throw new Error(`no line contains ${lineText}`);
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.locator('.codelens-decoration').first().waitFor({ timeout: 60_000 });
  await goToLine(page, lineNo);
  const line = editor.locator('.view-lines .view-line', { hasText: lineText }).first();
  await line.waitFor();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const lineBox = await line.boundingBox();
    let best: { y: number; lens: Locator } | undefined;
    for (const deco of await editor.locator('.codelens-decoration').all()) {
      const box = await deco.boundingBox();
      if (!box || !lineBox || box.y >= lineBox.y) continue;
      if (!best || box.y > best.y) best = { y: box.y, lens: deco };
    }
    const link = best?.lens.locator('a', { hasText: lensText }).first();
    if (link && (await link.count())) {
      await link.click();
      return;
    }
    if (Date.now() > deadline) throw new Error(`no '${lensText}' lens above '${lineText}'`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Waits for the quick input titled exactly `title` (steps of one flow share a widget, so the
 * step number in the title is what tells them apart).
 */
export async function waitForQuickInput(page: Page, title: string): Promise<Locator> {
  const widget = quickInput(page);
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await widget.locator('.quick-input-title', { hasText: exact }).waitFor({ state: 'visible' });
  return widget;
}

/** Types into the quick input box (replacing its value) and presses Enter. */
export async function answerQuickInput(page: Page, title: string, value?: string): Promise<void> {
  const widget = await waitForQuickInput(page, title);
  const input = widget.locator('.quick-input-box input');
  if (value !== undefined) {
    await input.fill(value);
    // A list (not an input box) re-filters first: wait for the row with the typed text.
    if (await widget.locator('.quick-input-list .monaco-list-row').count()) {
      await widget
        .locator('.quick-input-list .monaco-list-row', { hasText: value })
        .first()
        .waitFor();
    }
    await page.waitForTimeout(150);
  }
  await page.keyboard.press('Enter');
}

/** Replaces the payload editor's text with `json` (without submitting). */
export async function typePayload(
  page: Page,
  tabName: string | RegExp,
  json: string,
): Promise<void> {
  await page.locator('.tab.active', { hasText: tabName }).waitFor();
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  // The body is a snippet whose first value is selected once the document is filled; the whole
  // document (comment header included: it is optional) is replaced.
  await editor.locator('.selected-text').first().waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(json);
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
export async function contextMenu(page: Page, row: Locator, entry: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item', { hasText: entry }).first();
  await item.waitFor();
  // Menus ignore a click that comes right after they open (the right-click's own release).
  await item.hover();
  await page.waitForTimeout(300);
  await item.click();
  await item.waitFor({ state: 'detached' });
}

/** The modal dialog (confirmations). */
export const dialog = (page: Page) => page.locator('.monaco-dialog-box');

export async function dialogButton(page: Page, label: string): Promise<void> {
  await dialog(page).locator('.dialog-buttons a.monaco-button', { hasText: label }).first().click();
  await dialog(page).waitFor({ state: 'hidden' });
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
 * The text of the lens matching `lens` nearest above the source line containing `lineText`, once
 * one shows (lenses come and go while the server recounts).
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
  const line = editor.locator('.view-lines .view-line', { hasText: lineText }).first();
  await line.waitFor();
  const deadline = Date.now() + timeout;
  for (;;) {
    const lineBox = await line.boundingBox();
    let best: { y: number; text: string } | undefined;
    for (const link of await editor.locator('.codelens-decoration a', { hasText: lens }).all()) {
      const box = await link.boundingBox();
      // Only the lens row right above the line (not one of a definition further up).
      if (!box || !lineBox || box.y >= lineBox.y || lineBox.y - box.y > 2 * lineBox.height)
        continue;
      if (!best || box.y > best.y) best = { y: box.y, text: (await link.textContent()) ?? '' };
    }
    if (best) return best.text;
    if (Date.now() > deadline) throw new Error(`no ${lens} lens above '${lineText}'`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
