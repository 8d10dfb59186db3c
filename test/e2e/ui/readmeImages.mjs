// The README's pictures, taken from the installed extension in a real workbench: one screenshot per
// feature (cropped to the editor and the status bar, at a size that stays readable on the
// Marketplace) and an animated demo of the main loop: type a policy, see the squiggle, apply the
// quick fix, simulate a request. `npm run screenshots` writes them to images/; the editor suite
// (scripts/e2e-run.mjs --only ui) takes them into test-output/ so that a change that breaks one
// fails there. Each scene waits for what its picture must show, by DOM text, before it shoots.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness/codeServer.mjs';
import { encodeGif } from './animation.mjs';
import { SELECTORS, openFile } from './workbench.mjs';

/** The documents the pictures show; copied into the workspace under readme/. */
const FIXTURES = path.join(repoRoot, 'test/e2e/fixtures/readme');

/**
 * The window the pictures are taken in: small enough that a picture shown at the width of the
 * Marketplace's README column (about 900 px) is close to its real size.
 */
const VIEWPORT = { width: 960, height: 600 };

/**
 * User settings of the screenshot session, on top of the harness's quiet settings: no minimap, and
 * no completion list popping up while the demo types (it opens the list on purpose instead), no
 * auto-closing or auto-indenting (the demo types every character itself).
 */
export const README_USER_SETTINGS = {
  'editor.minimap.enabled': false,
  'editor.fontSize': 14,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  '[json]': { 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' } },
  'editor.suggestOnTriggerCharacters': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingOvertype': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.stickyScroll.enabled': false,
  'workbench.activityBar.location': 'hidden',
  'workbench.layoutControl.enabled': false,
  // Without a menu bar and a command center the web workbench has no title bar (which would show
  // the temporary folder's name), and quick inputs open at the top of the editor, inside the picture.
  'window.menuBarVisibility': 'hidden',
  'window.commandCenter': false,
  'breadcrumbs.enabled': false,
};

/** What the demo types into an empty file. */
const DEMO_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:GetObjet",
    "Resource": "arn:aws:s3:::example-reports/*"
  }]
}`;

const TIMEOUT = 30_000;

/** The most the animated demo may weigh. */
const DEMO_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Runs a command from the command palette by its title.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator(`${SELECTORS.quickInput} input`);
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator(SELECTORS.quickInputRow, { hasText: title }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: TIMEOUT });
}

/**
 * The box of `text` as rendered in the active editor (monaco renders spaces as U+00A0 and splits a
 * line into token spans, so the text is searched across the spans of each line).
 * @param {import('playwright-core').Page} page
 * @param {string} text
 * @returns {Promise<{ x: number, y: number, width: number, height: number }>}
 */
async function textBox(page, text) {
  const box = await page.evaluate((wanted) => {
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
      if (line.getBoundingClientRect().width === 0) continue;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let content = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, start: content.length });
        content += node.data.replace(/\u00a0/g, ' ');
      }
      const at = content.indexOf(wanted);
      if (at < 0) continue;
      // The start in the node where it begins, the end in the node where it ends.
      const locate = (offset, end) => {
        const entry = nodes.findLast((candidate) => (end ? candidate.start < offset : candidate.start <= offset));
        return [entry.node, offset - entry.start];
      };
      const range = document.createRange();
      range.setStart(...locate(at, false));
      range.setEnd(...locate(at + wanted.length, true));
      const rect = range.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    }
    return undefined;
  }, text);
  if (!box) throw new Error(`the editor does not show \`${text}\``);
  return box;
}

/**
 * Hovers the middle of `text` in the editor and waits for a visible hover matching `expected`. The
 * layout may still move just after a file opens (and a hover shown then is dropped), so the pointer
 * leaves and comes back, at a freshly measured place, until the hover shows or time runs out.
 * @param {import('playwright-core').Page} page
 */
async function hoverText(page, text, expected) {
  const hover = page.locator(SELECTORS.hover, { hasText: expected }).filter({ visible: true }).first();
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const box = await textBox(page, text);
    await page.mouse.move(5, 5);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    try {
      await hover.waitFor({ state: 'visible', timeout: Math.min(8_000, Math.max(1, deadline - Date.now())) });
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
}

/** Puts the cursor right after `text` (or at its middle with `middle`). */
async function clickText(page, text, { middle = false } = {}) {
  const box = await textBox(page, text);
  await page.mouse.click(middle ? box.x + box.width / 2 : box.x + box.width - 1, box.y + box.height / 2);
}

/**
 * Waits until no CSS animation or transition runs (widgets fade and slide in), so that a picture
 * never catches a half-drawn widget.
 * @param {import('playwright-core').Page} page
 */
async function settle(page) {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: TIMEOUT, polling: 50 });
}

/** The part of the page the pictures show: the editor group and the status bar below it. */
async function editorClip(page) {
  const editor = await page.locator('.part.editor').boundingBox();
  const status = await page.locator('.part.statusbar').boundingBox();
  if (!editor || !status) throw new Error('the editor or the status bar is not on screen');
  return { x: editor.x, y: editor.y, width: editor.width, height: status.y + status.height - editor.y };
}

/**
 * Closes editors, panels and notifications, and opens `file` (clean slate for a picture).
 * @param {import('playwright-core').Page} page
 * @param {string} file
 */
async function freshEditor(page, file) {
  await page.mouse.move(5, 5);
  await runCommand(page, 'View: Close All Editors');
  await openFile(page, file);
}

/**
 * Waits until the deciding result of a simulation shows: the notification with its decision.
 * @param {import('playwright-core').Page} page
 */
async function simulate(page, { principal, action, resource, onStep = async () => {} }) {
  await page.locator(SELECTORS.codeLens, { hasText: 'Simulate' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.locator(`${SELECTORS.codeLens} a`, { hasText: 'Simulate' }).first().click();
  const input = page.locator(`${SELECTORS.quickInput} input`);
  const answer = async (title, value, { pickRow = false } = {}) => {
    await page.locator(SELECTORS.quickInput, { hasText: title }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.fill(value);
    if (pickRow) await page.locator(SELECTORS.quickInputRow, { hasText: value }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    await onStep();
    await page.keyboard.press('Enter');
  };
  await answer('Simulate: principal', principal);
  await answer('Simulate: action', action, { pickRow: true });
  await answer('Simulate: resource', resource);
  await answer('Simulate: request context', '');
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Allow|Deny/ }).first();
  await toast.waitFor({ state: 'visible', timeout: TIMEOUT });
  // The toast slides in; the picture waits for the end of that animation.
  await page.locator('.notifications-toasts .notification-toast.notification-fade-in-done').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.mouse.move(5, 5);
}

/**
 * The pictures: name (file name without .png), alt text for the README, and how to set it up.
 * @type {Array<{ name: string, title: string, run: (page: import('playwright-core').Page) => Promise<void> }>}
 */
const SCENES = [
  {
    name: 'diagnostic-hover',
    title: 'a misspelt action: squiggle and hover with the finding',
    run: async (page) => {
      await freshEditor(page, 'readme/app-policy.json');
      await page.locator(SELECTORS.squigglyError).first().waitFor({ state: 'attached', timeout: TIMEOUT });
      await hoverText(page, 's3:GetObjet', 'INVALID_ACTION');
    },
  },
  {
    name: 'quick-fix',
    title: 'the quick fix menu on the misspelt action',
    run: async (page) => {
      await freshEditor(page, 'readme/app-policy.json');
      await page.locator(SELECTORS.squigglyError).first().waitFor({ state: 'attached', timeout: TIMEOUT });
      await clickText(page, 's3:GetObjet', { middle: true });
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget', { hasText: 's3:GetObject' }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    },
  },
  {
    name: 'completion',
    title: 'completion of actions with their access level',
    run: async (page) => {
      await freshEditor(page, 'readme/new-policy.json');
      await page.locator(SELECTORS.codeLens).first().waitFor({ state: 'visible', timeout: TIMEOUT });
      await clickText(page, '"s3:GetObj');
      await page.keyboard.press('Control+Space');
      const widget = page.locator('.suggest-widget').filter({ visible: true });
      await widget.locator('.monaco-list-row', { hasText: 's3:GetObjectAcl' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
      // The first entry is the wildcard `s3:GetObj*`; the picture shows the action and its details.
      await page.keyboard.press('ArrowDown');
      await widget.locator('.monaco-list-row.focused', { hasText: 'Grants permission to retrieve objects' }).waitFor({ state: 'visible', timeout: TIMEOUT });
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-details', { hasText: 'Read' }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
    },
  },
  {
    name: 'simulate',
    title: 'the summary and simulate lenses, and a simulation answered with its deciding statement',
    run: async (page) => {
      await freshEditor(page, 'readme/reports-policy.json');
      await simulate(page, {
        principal: 'arn:aws:iam::111122223333:role/reports-reader',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::example-reports/2026/q3.csv',
      });
    },
  },
  {
    name: 'cloudformation',
    title: 'a CloudFormation template: the role policy names the bucket where objects are needed',
    run: async (page) => {
      await freshEditor(page, 'readme/reports-stack.yaml');
      await page.locator(SELECTORS.squigglyWarning).first().waitFor({ state: 'attached', timeout: TIMEOUT });
      await hoverText(page, 'ReportsBucket.Arn', 'RESOURCE_TYPE_MISMATCH');
    },
  },
  {
    name: 'terraform',
    title: 'Terraform: a GitHub Actions trust policy that any repository could use',
    run: async (page) => {
      await freshEditor(page, 'readme/deploy-role.tf');
      await page.locator(SELECTORS.squigglyWarning).first().waitFor({ state: 'attached', timeout: TIMEOUT });
      await hoverText(page, 'oidc-provider/token', 'MISSING_GITHUB_REPO_CONDITION_KEY');
    },
  },
];

/**
 * Records the main loop as frames: type a policy, squiggle and hover, quick fix, simulate.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<Array<{ png: Buffer, delay: number }>>}
 */
async function recordDemo(page) {
  const clip = await editorClip(page);
  /** @type {Array<{ png: Buffer, delay: number }>} */
  const frames = [];
  const shoot = async (delay) => {
    await settle(page);
    frames.push({ png: await page.screenshot({ clip }), delay });
  };
  await freshEditor(page, 'readme/demo-policy.json');
  await shoot(400);
  // Typed a few characters per frame: a steady 60 ms per frame reads as typing, whatever the time
  // the machine takes per screenshot.
  const chunks = DEMO_POLICY.match(/[^\n]{1,7}|\n/g) ?? [];
  for (const chunk of chunks) {
    await page.keyboard.type(chunk);
    if (chunk !== '\n') await shoot(60);
  }
  await page.locator(SELECTORS.squigglyError).first().waitFor({ state: 'attached', timeout: TIMEOUT });
  await page.locator(SELECTORS.codeLens, { hasText: 'Simulate' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await shoot(500);
  await hoverText(page, 's3:GetObjet', 'INVALID_ACTION');
  await shoot(1800);
  await clickText(page, 's3:GetObjet', { middle: true });
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget', { hasText: 's3:GetObject' }).filter({ visible: true }).first();
  await fix.waitFor({ state: 'visible', timeout: TIMEOUT });
  await shoot(1200);
  await page.keyboard.press('Enter');
  await page.locator(SELECTORS.squigglyError).first().waitFor({ state: 'detached', timeout: TIMEOUT });
  await textBox(page, '"s3:GetObject"');
  // The summary lens follows the fixed policy (it granted nothing while the action was unknown).
  await page.locator(SELECTORS.codeLens, { hasText: 'Read to S3' }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await shoot(700);
  await simulate(page, {
    principal: 'arn:aws:iam::111122223333:role/reports-reader',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::example-reports/2026/q3.csv',
    onStep: () => shoot(500),
  });
  await shoot(2500);
  return frames;
}

/**
 * Takes the README's pictures into `outDir`: `<scene>.png` and, with `demo`, `demo.gif`.
 * Each result is one check for the editor suite.
 * @param {import('playwright-core').Page} page A workbench page with the extension installed.
 * @param {object} options
 * @param {string} options.workspace The folder the workbench has open.
 * @param {string} options.outDir
 * @param {string} [options.demoFile] Where the demo goes (default `<outDir>/demo.gif`).
 * @param {string} options.failureDir Where a scene that fails leaves a screenshot of the whole page.
 * @param {string[]} [options.only] Only these pictures (scene names, `demo` for the demo).
 * @returns {Promise<Array<{ title: string, state: 'passed' | 'failed', error?: string, file?: string, bytes?: number, detail?: string }>>}
 */
export async function takeReadmeImages(page, { workspace, outDir, demoFile = path.join(outDir, 'demo.gif'), failureDir, only }) {
  mkdirSync(path.join(workspace, 'readme'), { recursive: true });
  for (const name of readdirSync(FIXTURES)) copyFileSync(path.join(FIXTURES, name), path.join(workspace, 'readme', name));
  writeFileSync(path.join(workspace, 'readme/demo-policy.json'), '');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(path.dirname(demoFile), { recursive: true });
  const results = [];
  await page.setViewportSize(VIEWPORT);
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'View: Hide Panel').catch(() => {});
  for (const scene of SCENES.filter((candidate) => !only || only.includes(candidate.name))) {
    const title = `README screenshot ${scene.name}.png: ${scene.title}`;
    try {
      await runCommand(page, 'Notifications: Clear All Notifications');
      await scene.run(page);
      const file = path.join(outDir, `${scene.name}.png`);
      await settle(page);
      const png = await page.screenshot({ clip: await editorClip(page) });
      writeFileSync(file, png);
      results.push({ title, state: 'passed', file, bytes: png.length });
    } catch (error) {
      results.push({ title, state: 'failed', error: String(error?.message ?? error) });
      await page.screenshot({ path: path.join(failureDir, `${scene.name}-failed.png`) }).catch(() => {});
    }
  }
  if (only && !only.includes('demo')) return results;
  const title = 'README demo: type a policy, squiggle, quick fix, simulate (animated GIF)';
  try {
    await runCommand(page, 'Notifications: Clear All Notifications');
    const frames = await recordDemo(page);
    const gif = encodeGif(frames);
    // The README loads it on every view of the Marketplace page: it must stay small.
    if (gif.gif.length > DEMO_MAX_BYTES) throw new Error(`the demo is ${(gif.gif.length / 1024 / 1024).toFixed(1)} MB, over ${DEMO_MAX_BYTES / 1024 / 1024} MB`);
    writeFileSync(demoFile, gif.gif);
    results.push({
      title,
      state: 'passed',
      file: demoFile,
      bytes: gif.gif.length,
      detail: `${gif.frames} frames, ${(gif.durationMs / 1000).toFixed(1)} s, ${gif.width}×${gif.height}`,
    });
  } catch (error) {
    results.push({ title, state: 'failed', error: String(error?.message ?? error) });
    await page.screenshot({ path: path.join(failureDir, 'demo-failed.png') }).catch(() => {});
  }
  return results;
}
