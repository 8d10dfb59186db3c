#!/usr/bin/env node
/**
 * Instructions, not milliseconds: how many machine instructions the main thread of one
 * `iam-policy lint` of every AWS managed policy executes, counted by valgrind's callgrind. On a
 * shared machine wall times move by 10-30 % between runs, so a change of a few percent cannot be
 * told from the noise with any number of timed runs; the main thread's instruction count of the
 * same build moves by about 0.3 % (docs/performance.md, "Eighth round"). The main thread is what a
 * lint's wall time follows: V8's compiler and collector threads run at a lower priority on the
 * other core (cli/launcher.ts).
 *
 * Usage: `node bench/instructions.mjs [DIST ...]` (default `dist`); each DIST is a built dist/
 * folder, e.g. a copy of the one before a change and the current one. Up to as many run at once as
 * the machine has cores; each takes about two minutes. Needs valgrind (`apt-get install valgrind`),
 * which the project does not install: this is a tool for measuring a change, not part of
 * `npm run bench` or the tests. The compile cache is off in every run, so that no run reads a cache
 * another wrote.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_DIR, ROOT, managedPolicyTexts } from './common.mjs';

const dists = (process.argv.length > 2 ? process.argv.slice(2) : ['dist']).map((dist) => resolve(ROOT, dist));
for (const dist of dists) if (!existsSync(join(dist, 'cli.js'))) throw new Error(`${dist}/cli.js does not exist: build it first (node scripts/build.mjs)`);

const policiesDir = join(BENCH_DIR, 'managed-policies');
if (!existsSync(policiesDir)) {
  mkdirSync(policiesDir, { recursive: true });
  for (const { name, text } of managedPolicyTexts()) writeFileSync(join(policiesDir, `${name}.json`), text);
}

/** Runs one lint under callgrind; resolves to the main thread's and all threads' instruction counts. */
function count(dist) {
  const out = mkdtempSync(join(tmpdir(), 'iam-policy-callgrind-'));
  const args = ['--tool=callgrind', '--separate-threads=yes', '--cache-sim=no', `--callgrind-out-file=${join(out, 'cg.out')}`, process.execPath, join(dist, 'cli.js'), 'lint', policiesDir];
  return new Promise((done, fail) => {
    const child = spawn('valgrind', args, { env: { ...process.env, IAM_POLICY_COMPILE_CACHE: 'off' }, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', (error) => fail(new Error(`valgrind could not be started (${error.message}): install it with apt-get install valgrind`)));
    child.on('exit', () => {
      try {
        // One file per thread: `cg.out-01` is the main thread.
        const totals = readdirSync(out)
          .filter((name) => name.startsWith('cg.out-'))
          .sort()
          .map((name) => Number(/^(?:summary|totals): (\d+)/m.exec(readFileSync(join(out, name), 'utf8'))?.[1] ?? NaN));
        if (totals.length === 0 || Number.isNaN(totals[0])) throw new Error(`callgrind wrote no counts for ${dist}`);
        done({ main: totals[0], all: totals.reduce((sum, n) => sum + n, 0) });
      } catch (error) {
        fail(error);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}

const g = (n) => `${(n / 1e9).toFixed(3)} G`;
const queue = [...dists];
const results = new Map();
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), dists.length) }, async () => {
    while (queue.length > 0) {
      const dist = queue.shift();
      results.set(dist, await count(dist));
    }
  }),
);
for (const dist of dists) {
  const { main, all } = results.get(dist);
  console.log(`${dist}: main thread ${g(main)} instructions, all threads ${g(all)}`);
}
