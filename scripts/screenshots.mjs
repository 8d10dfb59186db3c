#!/usr/bin/env node
// `npm run screenshots`: regenerates the README's pictures from the packaged extension in a real
// workbench (code-server + chromium, the editor suite's tools; see docs/e2e.md): one PNG per
// feature in images/screenshots/ and the animated demo images/demo.gif. The editor suite takes the
// same pictures into test-output/ on every run, so a change that breaks one fails there first.
//
// Usage: node scripts/screenshots.mjs [--no-build] [--out DIR] [--only NAME,...]
//   --out DIR   writes DIR/*.png and DIR/demo.gif instead of into images/ (for a look).
//   --only      only these pictures (file names without .png; `demo` for the demo).
// Needs scripts/e2e-setup.sh to have run (E2E_DIR=/path when the tools live elsewhere).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, newWorkbenchPage } from '../test/e2e/harness/browser.mjs';
import { installExtension, makeSandbox, readToolPaths, removeSandbox, repoRoot, startCodeServer, workbenchUrl } from '../test/e2e/harness/codeServer.mjs';
import { buildVsix } from '../test/e2e/harness/vsix.mjs';
import { makeWorkspace, removeWorkspace } from '../test/e2e/harness/workspace.mjs';
import { README_USER_SETTINGS, takeReadmeImages } from '../test/e2e/ui/readmeImages.mjs';
import { waitForWorkbench } from '../test/e2e/ui/workbench.mjs';

const { values: options } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false }, out: { type: 'string' }, only: { type: 'string' } } });
const outDir = path.resolve(options.out ?? path.join(repoRoot, 'images/screenshots'));
const demoFile = options.out ? path.join(outDir, 'demo.gif') : path.join(repoRoot, 'images/demo.gif');

readToolPaths();
if (!options['no-build']) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('`npm run build` failed');
}
const testOutput = path.join(repoRoot, 'test-output');
mkdirSync(testOutput, { recursive: true });
console.log('packaging the extension (.vsix)');
const vsix = await buildVsix({ extensionPath: repoRoot, outDir: testOutput });
const workspace = makeWorkspace();
const sandbox = makeSandbox('iams-', README_USER_SETTINGS);
let server;
let browser;
let results = [];
try {
  installExtension(sandbox, vsix.file);
  server = await startCodeServer({ sandbox, smokeTestDriver: false });
  browser = await launchBrowser();
  const page = await newWorkbenchPage(browser);
  await page.goto(workbenchUrl(server.url, workspace));
  await waitForWorkbench(page);
  console.log('taking the pictures');
  results = await takeReadmeImages(page, { workspace, outDir, demoFile, failureDir: testOutput, only: options.only?.split(',') });
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  removeSandbox(sandbox);
  removeWorkspace(workspace);
}
for (const result of results) {
  const where = result.file ? ` → ${path.relative(process.cwd(), result.file)} (${Math.round((result.bytes ?? 0) / 1024)} KB${result.detail ? `, ${result.detail}` : ''})` : '';
  console.log(`  ${result.state === 'passed' ? 'ok  ' : 'FAIL'} ${result.title}${where}${result.error ? `\n       ${result.error.split('\n').slice(0, 6).join('\n       ')}` : ''}`);
}
const failed = results.filter((result) => result.state === 'failed').length;
console.log(`${results.length - failed} pictures taken, ${failed} failed`);
process.exitCode = failed || results.length === 0 ? 1 : 0;
