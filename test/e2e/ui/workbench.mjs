// Small Playwright helpers for driving the VS Code web workbench. They read DOM text, never pixels,
// and every wait is a locator wait with a timeout.

/** Selectors of the workbench parts the UI checks read. */
export const SELECTORS = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  editor: '.editor-instance .monaco-editor',
  viewLine: '.monaco-editor .view-lines .view-line',
  squigglyError: '.monaco-editor .squiggly-error',
  squigglyWarning: '.monaco-editor .squiggly-warning',
  codeLens: '.monaco-editor .codelens-decoration',
  hover: '.monaco-hover',
  problemsRow: '.markers-panel .monaco-list-row',
};

/**
 * Waits until the workbench has loaded the folder (the explorer lists files).
 * @param {import('playwright-core').Page} page
 */
export async function waitForWorkbench(page, timeout = 60_000) {
  await page.locator(SELECTORS.workbench).waitFor({ state: 'visible', timeout });
  await page.locator(SELECTORS.explorerRow).first().waitFor({ state: 'visible', timeout });
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P), as a user would.
 * @param {import('playwright-core').Page} page
 * @param {string} relativePath
 */
export async function openFile(page, relativePath, timeout = 20_000) {
  const name = relativePath.split('/').pop();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator(`${SELECTORS.quickInput} input`);
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(relativePath);
  await page.locator(SELECTORS.quickInputRow, { hasText: name }).first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await page.locator(SELECTORS.activeTab, { hasText: name }).waitFor({ state: 'visible', timeout });
  await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout });
  await page.locator(SELECTORS.viewLine).first().waitFor({ state: 'visible', timeout });
}

/**
 * Moves the mouse over the first rendered editor token containing `text`, and waits for a visible
 * hover whose text matches `expected` (the workbench keeps hidden hover widgets in the DOM).
 * @param {import('playwright-core').Page} page
 * @param {string} text
 * @param {RegExp | string} expected
 */
export async function hoverToken(page, text, expected, timeout = 20_000) {
  const token = page.locator(`${SELECTORS.viewLine} span span`, { hasText: text }).first();
  await token.waitFor({ state: 'visible', timeout });
  const box = await token.boundingBox();
  if (!box) throw new Error(`the token \`${text}\` has no box on screen`);
  // Move away first, so that a hover already showing does not hide a new one.
  await page.mouse.move(5, 5);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  const hover = page.locator(SELECTORS.hover, { hasText: expected }).filter({ visible: true }).first();
  await hover.waitFor({ state: 'visible', timeout });
  return hover;
}
