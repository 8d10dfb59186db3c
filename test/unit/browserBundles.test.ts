/**
 * The browser build (package.json `browser`, for vscode.dev and github.dev) runs in web workers,
 * where there is no `require` and no Node module: VS Code's *Web extensions* guide says a web
 * extension's browser entry "cannot use Node.js APIs or import Node.js modules", and the language
 * server worker has no module loader at all. This checks the built bundles (dist/browser/, built by
 * `npm run test:unit` before the tests; built here when missing) for any load of a Node module, and
 * that package.json and the .vsix name them.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';

const BUNDLES = ['dist/browser/client.js', 'dist/browser/server.js'];

/**
 * Every way a CommonJS or IIFE bundle could load a module: `require("x")` and `import("x")`, and a
 * static `import ... from "x"` statement at the start of a statement (which these formats never hold).
 */
const MODULE_LOAD = /\brequire\s*\(\s*(["'`])([\w@./:-]+)\1\s*\)|\bimport\s*\(\s*(["'`])([\w@./:-]+)\3\s*\)|(?:^|[;}\n])\s*import\s*[\w*{}\s,$]*?\bfrom\s*(["'])([\w@./:-]+)\5/g;

/** The modules a bundle loads at run time (what esbuild left unbundled). */
function loadedModules(text: string): string[] {
  return [...text.matchAll(MODULE_LOAD)].map((match) => match[2] ?? match[4] ?? match[6]!);
}

const NODE_MODULES = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

test('the browser bundles load no Node module, and only the client loads anything (vscode)', () => {
  if (!BUNDLES.every((file) => existsSync(file))) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  for (const file of BUNDLES) {
    const text = readFileSync(file, 'utf8');
    const loaded = loadedModules(text);
    assert.deepEqual(
      loaded.filter((name) => NODE_MODULES.has(name) || name.startsWith('node:')),
      [],
      `${file} loads Node modules`,
    );
    assert.deepEqual([...new Set(loaded)], file.endsWith('client.js') ? ['vscode'] : [], `${file} loads modules at run time`);
    // The Node language client and server are never bundled for the browser.
    assert.ok(!/\bchild_process\b|\bworker_threads\b/.test(text), `${file} holds Node-only code`);
  }
});

test('the browser server bundle holds no AWS managed policies: the client hands it dist/managedPoliciesData.json', () => {
  if (!existsSync('dist/browser/server.js') || !existsSync('dist/managedPoliciesData.json')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  const data = JSON.parse(readFileSync('dist/managedPoliciesData.json', 'utf8')) as { policies: Array<[string, ...unknown[]]> };
  assert.ok(data.policies.length > 1000, `${data.policies.length} policies in dist/managedPoliciesData.json`);
  const server = readFileSync('dist/browser/server.js', 'utf8');
  // Every 50th policy name (no SAM template or catalog entry has one of these names).
  const sample = data.policies.filter((_, index) => index % 50 === 0).map((row) => row[0]);
  assert.deepEqual(sample.filter((name) => server.includes(name)), [], 'the browser server bundle holds managed policy names');
  assert.ok(statSync('dist/browser/server.js').size < statSync('dist/server.js').size, 'the browser server is no larger than the Node server, which holds no managed policies either');
});

test('no server bundle holds the IAM catalog: the Node bundles read dist/catalogData.jsonl, the browser client hands it to its server', () => {
  const bundles = ['dist/browser/server.js', 'dist/server.js', 'dist/cli-main.js'];
  if (![...bundles, 'dist/catalogData.jsonl'].every((file) => existsSync(file))) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  // JSON Lines: a header, the index, each service's actions, then each service's descriptions.
  const lines = readFileSync('dist/catalogData.jsonl', 'utf8').split('\n');
  const services = (JSON.parse(lines[0]!) as { services: number }).services;
  const descriptions = lines.slice(2 + services, 2 + 2 * services);
  assert.ok(services > 300, `${services} services in dist/catalogData.jsonl`);
  // The first action description of every 20th service, e.g. `Grants permission to ...`: only the data holds these sentences.
  const sample = descriptions.filter((_, index) => index % 20 === 0).map((text) => (JSON.parse(text) as string[])[0]!);
  assert.ok(sample.length > 15 && sample.every((description) => description.length > 20), sample.join('\n'));
  for (const file of bundles) {
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(sample.filter((description) => text.includes(description)), [], `${file} holds catalog data`);
  }
  assert.ok(statSync('dist/browser/server.js').size < 1.5 * 1024 * 1024, 'the browser server bundle is the code alone');
});

test('the detector finds a Node module load in every spelling esbuild could leave', () => {
  const cases: Array<[string, string[]]> = [
    ['var a=require("fs");', ['fs']],
    ["const b = require( 'node:path' )", ['node:path']],
    ['await import("fs/promises")', ['fs/promises']],
    ['import x from "worker_threads";', ['worker_threads']],
    ['e=require("vscode")', ['vscode']],
    ['a.required("fs")', []],
    ['s=`the value comes from "here", not ${x}`', []],
  ];
  for (const [text, expected] of cases) assert.deepEqual(loadedModules(text), expected, text);
});

test('package.json names the browser entry beside main, and the .vsix keeps both browser bundles', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { main?: string; browser?: string; capabilities?: { virtualWorkspaces?: { supported?: unknown; description?: string } } };
  assert.equal(manifest.main, './dist/client.js');
  assert.equal(manifest.browser, './dist/browser/client.js');
  assert.ok(manifest.capabilities?.virtualWorkspaces?.supported === 'limited' && /Terraform/.test(manifest.capabilities.virtualWorkspaces.description ?? ''));
  const ignore = readFileSync('.vscodeignore', 'utf8').split('\n');
  for (const file of BUNDLES) assert.ok(ignore.includes(`!${file}`), `.vscodeignore leaves ${file} out`);
});
