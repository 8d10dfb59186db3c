// Launches the Debian chromium through playwright-core. Playwright's own browser builds cannot be
// downloaded here; a plain launch already uses a fresh profile (Playwright refuses --user-data-dir).
import { chromium } from 'playwright-core';
import { readToolPaths } from './codeServer.mjs';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  const { chromium: executablePath } = readToolPaths();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A page sized like a laptop screen, so that the workbench lays out its panels the usual way.
 * @param {import('playwright-core').Browser} browser
 */
export async function newWorkbenchPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return context.newPage();
}
