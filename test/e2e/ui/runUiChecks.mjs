// UI checks with Playwright against the packaged extension: the .vsix is installed into a fresh
// extensions folder of a fresh code-server, which then opens the test workspace like a user's
// editor would. Each check reads what is on screen (DOM text) and saves a screenshot for people.
// Then, for the real extension, the README's pictures are taken into test-output/ (one check each),
// with the settings `npm run screenshots` uses, so that a change that breaks one fails here.
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, newWorkbenchPage } from '../harness/browser.mjs';
import { installExtension, makeSandbox, removeSandbox, startCodeServer, workbenchUrl } from '../harness/codeServer.mjs';
import { README_USER_SETTINGS, takeReadmeImages } from './readmeImages.mjs';
import { SELECTORS, hoverToken, openFile, waitForWorkbench } from './workbench.mjs';

/** What the screen must show, for the real extension and for the harness's stub. */
const EXPECTATIONS = {
  real: {
    brokenPolicy: 'e2e/broken-effect.json',
    errorCodes: ['INVALID_EFFECT'],
    warningCodes: ['MISSING_VERSION'],
    hoverToken: 's3:GetObject',
    // DOM text runs block elements together ("· ReadGrants permission…"): no trailing \b.
    hoverText: /\bRead/,
    lensFile: 'cross-account/cross-account.iamtest.json',
    // A result lens of the scenario's first test, which expects Allow.
    lensText: /✓ Allow:/,
  },
  selftest: {
    brokenPolicy: 'e2e/broken-effect.json',
    errorCodes: ['STUB_FINDING'],
    warningCodes: [],
    hoverToken: 'Statement',
    hoverText: /Stub hover/,
    lensFile: 'e2e/broken-effect.json',
    lensText: /stub lens/,
  },
};

/**
 * @param {typeof EXPECTATIONS.real} expect
 * @returns {Array<{ title: string, run: (page: import('playwright-core').Page) => Promise<void> }>}
 */
function checks(expect) {
  const timeout = 30_000;
  return [
    {
      title: `squiggles under the findings of ${expect.brokenPolicy}`,
      run: async (page) => {
        await openFile(page, expect.brokenPolicy);
        await page.locator(SELECTORS.squigglyError).first().waitFor({ state: 'attached', timeout });
        if (expect.warningCodes.length) await page.locator(SELECTORS.squigglyWarning).first().waitFor({ state: 'attached', timeout });
      },
    },
    {
      title: 'Problems panel rows name the codes of the broken policy',
      run: async (page) => {
        await openFile(page, expect.brokenPolicy);
        await page.keyboard.press('Control+Shift+M');
        for (const code of [...expect.errorCodes, ...expect.warningCodes]) {
          await page.locator(SELECTORS.problemsRow, { hasText: code }).first().waitFor({ state: 'visible', timeout });
        }
      },
    },
    {
      title: `hover on \`${expect.hoverToken}\` shows ${expect.hoverText}`,
      run: async (page) => {
        await openFile(page, expect.brokenPolicy);
        await hoverToken(page, expect.hoverToken, expect.hoverText, timeout);
      },
    },
    {
      title: `code lens on ${expect.lensFile}`,
      run: async (page) => {
        await page.mouse.move(5, 5);
        await openFile(page, expect.lensFile);
        await page.locator(SELECTORS.codeLens, { hasText: expect.lensText }).first().waitFor({ state: 'visible', timeout });
      },
    },
  ];
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/**
 * @param {object} options
 * @param {string} options.vsix
 * @param {string} options.workspace
 * @param {string} options.screenshotDir
 * @param {string} options.logFile
 * @param {boolean} [options.selftest]
 * @returns {Promise<Array<{ title: string, state: 'passed' | 'failed', error?: string }>>}
 */
export async function runUiChecks({ vsix, workspace, screenshotDir, logFile, selftest = false }) {
  writeFileSync(logFile, '');
  const results = [];
  const sandbox = makeSandbox('iamu-', selftest ? {} : README_USER_SETTINGS);
  let server;
  let browser;
  try {
    const installed = installExtension(sandbox, vsix);
    appendFileSync(logFile, `[install] ${installed}\n`);
    results.push({ title: `the .vsix installs into a fresh extensions folder (${path.basename(vsix)})`, state: 'passed' });
    server = await startCodeServer({ sandbox, smokeTestDriver: false });
    browser = await launchBrowser();
    const page = await newWorkbenchPage(browser);
    page.on('console', (message) => appendFileSync(logFile, `[console.${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => appendFileSync(logFile, `[page error] ${error.message}\n`));
    await page.goto(workbenchUrl(server.url, workspace));
    await waitForWorkbench(page);
    await page.screenshot({ path: path.join(screenshotDir, '00-workbench.png') });
    let index = 1;
    for (const check of checks(selftest ? EXPECTATIONS.selftest : EXPECTATIONS.real)) {
      const shot = path.join(screenshotDir, `${String(index++).padStart(2, '0')}-${slug(check.title)}.png`);
      try {
        await check.run(page);
        results.push({ title: check.title, state: 'passed' });
      } catch (error) {
        results.push({ title: check.title, state: 'failed', error: String(error?.message ?? error) });
      }
      await page.screenshot({ path: shot }).catch((error) => appendFileSync(logFile, `[screenshot] ${error}\n`));
    }
    if (!selftest) {
      const pictures = await takeReadmeImages(page, { workspace, outDir: path.join(screenshotDir, 'readme'), failureDir: screenshotDir });
      for (const picture of pictures) {
        results.push({ title: picture.detail ? `${picture.title} (${picture.detail})` : picture.title, state: picture.state, error: picture.error });
      }
    }
  } catch (error) {
    results.push({ title: 'the workbench with the installed extension loads', state: 'failed', error: String(error?.stack ?? error) });
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (server) appendFileSync(logFile, `[code-server] ${server.output().slice(-4000)}\n`);
    removeSandbox(sandbox);
  }
  return results;
}
