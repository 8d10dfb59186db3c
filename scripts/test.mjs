#!/usr/bin/env node
/**
 * The one test command (`npm test`): build, type-check, lint, unit and language-server tests with node's
 * test runner, then the editor tests in a real VS Code (code-server). Ends with the line
 * `N passed, M failed` counting every test of every stage, and exits non-zero when anything failed.
 *
 *   node scripts/test.mjs           everything
 *   node scripts/test.mjs --unit    build, type-check, lint, unit and LSP tests only
 *   node scripts/test.mjs --e2e     build and editor tests only
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const args = new Set(process.argv.slice(2));
const runUnit = !args.has('--e2e');
const runE2e = !args.has('--unit');
let passed = 0;
let failed = 0;

function run(title, command, commandArgs, options = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, commandArgs, { stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', ...options.spawn });
  if (options.capture) process.stdout.write(result.stdout ?? '');
  return result;
}

function stage(title, command, commandArgs) {
  const result = run(title, command, commandArgs);
  if (result.status === 0) passed++;
  else {
    failed++;
    process.stdout.write(`!! ${title} failed (exit ${result.status ?? result.signal})\n`);
  }
  return result.status === 0;
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
}

const buildOk = stage('build (esbuild)', process.execPath, ['scripts/build.mjs']);

if (runUnit) {
  stage('type-check (tsc --strict)', process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
  stage('lint (npm run lint: ESLint and knip)', 'npm', ['run', '--silent', 'lint']);
  const files = [...testFiles('test/unit'), ...testFiles('test/lsp')];
  mkdirSync('test-output', { recursive: true });
  const tap = path.join('test-output', 'unit.tap');
  // A watchdog: the run takes about 3 minutes on 2 cores; one that has not ended in 10 is stopped and
  // counted as failed, so that a test file whose process does not exit cannot hold CI to its limit.
  const limitMinutes = 10;
  const result = run('unit and language-server tests (node --test)', process.execPath, [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], { spawn: { timeout: limitMinutes * 60_000, killSignal: 'SIGKILL' } });
  if (result.error?.code === 'ETIMEDOUT') {
    process.stdout.write(`!! the unit test run had not ended after ${limitMinutes} minutes and was stopped\n`);
    failed++;
  }
  const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const pass = Number(/^# pass (\d+)/m.exec(summary)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(summary)?.[1] ?? 0);
  const cancelled = Number(/^# cancelled (\d+)/m.exec(summary)?.[1] ?? 0);
  passed += pass;
  failed += fail + cancelled;
  if (result.status !== 0 && fail + cancelled === 0) failed++;
  if (pass === 0) {
    process.stdout.write('!! the unit test run executed no test\n');
    failed++;
  }
}

if (runUnit) {
  // The README's benchmark and long-fuzzing commands, run briefly so that they stay working.
  if (buildOk) stage('benchmark smoke run (npm run bench -- --no-build --only coldstart)', 'npm', ['run', '--silent', 'bench', '--', '--no-build', '--only', 'coldstart']);
  stage('fuzzing smoke run (npm run fuzz -- --runs 100)', 'npm', ['run', '--silent', 'fuzz', '--', '--runs', '100', '--seed', '3']);
}

if (runE2e) {
  if (!buildOk) {
    failed++;
    process.stdout.write('!! editor tests skipped because the build failed\n');
  } else if (!existsSync('scripts/e2e-run.mjs')) {
    failed++;
    process.stdout.write('!! scripts/e2e-run.mjs is missing\n');
  } else {
    if (!stage('editor test setup (code-server, chromium)', 'bash', ['scripts/e2e-setup.sh'])) {
      process.stdout.write('!! editor tests not run: setup failed\n');
    } else {
      const result = run('editor tests in a real VS Code (code-server)', process.execPath, ['scripts/e2e-run.mjs'], { capture: true });
      const match = /^(\d+) passed, (\d+) failed\s*$/m.exec([...(result.stdout ?? '').matchAll(/^\d+ passed, \d+ failed\s*$/gm)].pop()?.[0] ?? '');
      if (match) {
        passed += Number(match[1]);
        failed += Number(match[2]);
        if (result.status !== 0 && Number(match[2]) === 0) failed++;
      } else {
        failed++;
        process.stdout.write('!! editor tests printed no result line\n');
      }
    }
  }
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
