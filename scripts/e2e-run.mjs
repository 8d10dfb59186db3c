#!/usr/bin/env node
// Runs the editor tests in a real VS Code (code-server + chromium, see docs/e2e.md):
//   1. the mocha suite test/e2e/suite inside the extension host, with the extension under
//      development loaded from this repository;
//   2. the packaged extension: builds the .vsix, installs it into a fresh extensions folder;
//   3. UI checks with Playwright against that installed extension;
//   4. the web suite test/e2e/web: the browser build (package.json `browser`) in the web worker
//      extension host (the host of vscode.dev and github.dev), in a code-server of its own whose
//      user settings make it run the extension's browser entry.
// Its last line is `N passed, M failed`, counting every in-host mocha test and every UI check;
// it exits non-zero when anything failed.
//
// Usage: node scripts/e2e-run.mjs [--only host|ui|web|playground] [--selftest] [--grep TEXT] [--quiet]
//   --selftest  runs the harness self-test against the stub extension in test/e2e/fixtures/
//               instead of the real extension (proves the harness without it).
// Call scripts/e2e-setup.sh first and `npm run build` (the runner does not build the extension).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleSuite } from '../test/e2e/harness/bundleSuites.mjs';
import { readToolPaths, repoRoot } from '../test/e2e/harness/codeServer.mjs';
import { runHostSuite } from '../test/e2e/harness/hostSuite.mjs';
import { buildVsix } from '../test/e2e/harness/vsix.mjs';
import { makeWorkspace, removeWorkspace } from '../test/e2e/harness/workspace.mjs';
import { runUiChecks } from '../test/e2e/ui/runUiChecks.mjs';

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    selftest: { type: 'boolean', default: false },
    grep: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const outputDir = path.join(repoRoot, 'test-output');
const screenshotDir = path.join(outputDir, 'screenshots');
const started = Date.now();
/** @type {Array<{ group: string, title: string, state: 'passed' | 'failed', error?: string }>} */
const outcomes = [];

function elapsed() {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

function step(text) {
  console.log(`\n[e2e ${elapsed()}] ${text}`);
}

function record(group, title, state, error) {
  outcomes.push({ group, title, state, error });
  const mark = state === 'passed' ? 'ok  ' : 'FAIL';
  console.log(`  ${mark} ${group}: ${title}${error ? `\n         ${error.split('\n').slice(0, 6).join('\n         ')}` : ''}`);
}

async function main() {
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  readToolPaths();
  const extensionPath = options.selftest ? path.join(repoRoot, 'test/e2e/fixtures/stub-extension') : repoRoot;
  if (!options.selftest && !existsSync(path.join(repoRoot, 'dist/client.js'))) {
    throw new Error('dist/client.js is missing: run `npm run build` before the editor tests');
  }
  const workspaces = [];
  try {
    if (!options.only || options.only === 'host') {
      const suite = options.selftest ? 'selftest' : 'suite';
      step(`bundling test/e2e/${suite}`);
      const index = await bundleSuite(suite);
      const workspace = makeWorkspace();
      workspaces.push(workspace);
      const logFile = path.join(outputDir, `e2e-host-${suite}.log`);
      writeFileSync(logFile, '');
      step(`running the ${suite} suite in the extension host (log: ${path.relative(repoRoot, logFile)})`);
      const result = await runHostSuite({
        workspace,
        extensionDevelopmentPath: extensionPath,
        extensionTestsPath: index,
        logFile,
        echo: !options.quiet,
      });
      for (const test of result.results) record('host', test.title, test.state === 'passed' ? 'passed' : 'failed', test.error);
      if (result.error) record('host', 'the extension host ran the suite to its end', 'failed', result.error);
      else if (result.exitCode !== 0 && !result.results.some((test) => test.state === 'failed')) {
        record('host', 'the extension host ran the suite to its end', 'failed', `exit code ${result.exitCode} with no failed test (see ${logFile})`);
      }
    }

    if (!options.selftest && (!options.only || options.only === 'web')) await runWebSuite(workspaces);

    if (!options.only || options.only === 'ui') {
      step('packaging the extension (.vsix)');
      let vsix;
      try {
        vsix = await buildVsix({ extensionPath, outDir: outputDir, selftest: options.selftest });
        record('package', `built ${path.relative(repoRoot, vsix.file)} (${vsix.summary})`, 'passed');
      } catch (error) {
        record('package', 'the extension packages into a .vsix', 'failed', String(error?.message ?? error));
      }
      if (vsix) {
        const workspace = makeWorkspace();
        workspaces.push(workspace);
        step('installing the .vsix into a fresh extensions folder and running the UI checks');
        const checks = await runUiChecks({ vsix: vsix.file, workspace, screenshotDir, selftest: options.selftest, logFile: path.join(outputDir, 'e2e-ui.log') });
        for (const check of checks) record('ui', check.title, check.state, check.error);
      }
    }
    if (!options.selftest && (!options.only || options.only === 'playground')) {
      step('starting the playground (npm start) and stopping it with Ctrl+C');
      const outcome = await checkPlayground();
      record('playground', '`npm start` serves the workbench on 127.0.0.1 and Ctrl+C leaves no process behind', outcome.ok ? 'passed' : 'failed', outcome.error);
    }
  } finally {
    for (const dir of workspaces) removeWorkspace(dir);
  }
}

/**
 * The web suite: the browser build in the web worker extension host. code-server runs a package's
 * `main` in its Node host; the user setting `remote.extensionKind` set to `["web"]` for the extension
 * makes it run the `browser` entry in the web worker host instead. The suite is a browser bundle
 * inside the extension's folder (dist-test/web/), as that host requires.
 */
async function runWebSuite(workspaces) {
  if (!existsSync(path.join(repoRoot, 'dist/browser/client.js'))) throw new Error('dist/browser/client.js is missing: run `npm run build` before the editor tests');
  step('bundling test/e2e/web (a browser bundle)');
  const index = await bundleSuite('web');
  const workspace = makeWorkspace();
  workspaces.push(workspace);
  // The browser build does not analyse Terraform, and a .tf file would activate the extension as the
  // window opens (`workspaceContains:**/*.tf`): without them, opening the first policy activates it,
  // so the first test times a cold start (activation, server worker, first diagnostics).
  for (const entry of readdirSync(workspace, { recursive: true })) if (String(entry).endsWith('.tf')) rmSync(path.join(workspace, String(entry)));
  const logFile = path.join(outputDir, 'e2e-host-web.log');
  writeFileSync(logFile, '');
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  step(`running the web suite in the web worker extension host (log: ${path.relative(repoRoot, logFile)})`);
  const result = await runHostSuite({
    workspace,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: index,
    logFile,
    echo: !options.quiet,
    userSettings: { 'remote.extensionKind': { [`${manifest.publisher}.${manifest.name}`]: ['web'] } },
    onLine: (line) => {
      const metric = /^E2E_METRIC (\S+) (.*)$/.exec(line);
      if (metric) console.log(`  metric ${metric[1]}: ${metric[2]}`);
    },
  });
  for (const test of result.results) record('web', test.title, test.state === 'passed' ? 'passed' : 'failed', test.error);
  if (result.error) record('web', 'the web worker extension host ran the suite to its end', 'failed', result.error);
  else if (result.exitCode !== 0 && !result.results.some((test) => test.state === 'failed')) {
    record('web', 'the web worker extension host ran the suite to its end', 'failed', `exit code ${result.exitCode} with no failed test (see ${logFile})`);
  }
}

/**
 * Runs scripts/playground.mjs as `npm start` does (without rebuilding), waits for the URL it prints,
 * checks that code-server answers there, sends SIGINT and checks that code-server is gone.
 */
async function checkPlayground() {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['scripts/playground.mjs', '--no-build'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    const started = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 90_000);
      const onData = (chunk) => {
        output += chunk;
        const url = /code-server (http:\/\/127\.0\.0\.1:\d+\/) \(pid (\d+)\)/.exec(output);
        if (url && output.includes('press Ctrl+C to stop')) {
          clearTimeout(timer);
          resolve({ url: url[1], pid: Number(url[2]) });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk) => (output += chunk));
      exited.then(() => (clearTimeout(timer), resolve(undefined)));
    });
    if (!started) return { ok: false, error: `the playground printed no URL:\n${output}` };
    const health = await fetch(new URL('healthz', started.url)).then((response) => response.status, (error) => String(error));
    if (health !== 200) return { ok: false, error: `GET ${started.url}healthz answered ${health}` };
    child.kill('SIGINT');
    const exit = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(undefined), 30_000))]);
    if (!exit) return { ok: false, error: 'the playground did not stop within 30 s of Ctrl+C' };
    let alive = true;
    try {
      process.kill(started.pid, 0);
    } catch {
      alive = false;
    }
    return alive ? { ok: false, error: `code-server (pid ${started.pid}) is still running after Ctrl+C` } : { ok: true };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

let crashed;
try {
  await main();
} catch (error) {
  crashed = error;
  record('runner', 'the e2e runner completed', 'failed', String(error?.stack ?? error));
}
const passed = outcomes.filter((o) => o.state === 'passed').length;
const failed = outcomes.filter((o) => o.state === 'failed').length;
step(`done; screenshots in ${path.relative(repoRoot, screenshotDir)}/`);
if (failed) {
  console.log('Failed:');
  for (const o of outcomes.filter((x) => x.state === 'failed')) console.log(`  - ${o.group}: ${o.title}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 || crashed ? 1 : 0;
