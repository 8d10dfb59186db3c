/**
 * docs/ARCHITECTURE.md is what the code cites: every "invariant N" in a comment names an invariant
 * that the page defines, the page's map names every folder of the core, and the repository refers to
 * nothing outside it (docs/ARCHITECTURE.md, invariant 10).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ARCHITECTURE = readFileSync('docs/ARCHITECTURE.md', 'utf8');
const TRACKED = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((file) => file !== '');
/** Text files of the repository, without generated data and lock files. */
const TEXT_FILES = TRACKED.filter((file) => /\.(ts|mts|mjs|js|json|md|sh|yml|yaml|tsv)$/.test(file) && !file.includes('/generated/') && file !== 'package-lock.json');

test('the invariants are numbered 1, 2, 3, ... without gaps', () => {
  const numbers = [...ARCHITECTURE.matchAll(/\*\*Invariant (\d+):/g)].map((match) => Number(match[1]));
  assert.deepEqual(numbers.slice().sort((a, b) => a - b), numbers.map((_, index) => index + 1));
});

test('every invariant a comment cites exists in docs/ARCHITECTURE.md', () => {
  const defined = new Set([...ARCHITECTURE.matchAll(/\*\*Invariant (\d+):/g)].map((match) => match[1]));
  const missing: string[] = [];
  for (const file of TEXT_FILES.filter((name) => /\.(ts|mts|mjs|js)$/.test(name))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/invariants? (\d+)/gi)) {
      if (!defined.has(match[1]!)) missing.push(`${file}: invariant ${match[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the map names every folder of the core', () => {
  const folders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!statSync(path).isDirectory() || name === 'generated') continue;
      folders.push(relative('server/src/iam', path));
      walk(path);
    }
  };
  walk('server/src/iam');
  // A folder is named by its last segment followed by a slash, e.g. `families/trust/` or `trust/`.
  const unnamed = folders.filter((folder) => !ARCHITECTURE.includes(`${folder.split('/').pop()}/`));
  assert.deepEqual(unnamed, []);
});

test('nothing in the repository refers to files outside it or to how it was researched', () => {
  // Built from parts so that this file does not match itself.
  const outside = new RegExp(['/wo' + 'rk/', 'shared/' + 'reference', 'the bri' + 'ef', 'search corp' + 'or', 'this mach' + 'ine'].join('|'), 'i');
  const offenders = TEXT_FILES.filter((file) => outside.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders, []);
});
