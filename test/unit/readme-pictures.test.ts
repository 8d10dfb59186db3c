/**
 * The README's pictures (taken by `npm run screenshots`, test/e2e/ui/readmeImages.mjs; the editor
 * suite takes them again on every run): the documents they show have exactly the findings the
 * pictures are about, every picture the README shows is committed, is a PNG or GIF (the Marketplace
 * refuses SVG from most hosts) of a readable size, the demo stays under 2 MB, and the .vsix leaves
 * them out (vsce points the README's relative image links at the repository instead).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { nodeIo } from '../../server/src/cli/cliIo';
import { initTerraformForTests } from './helpers/terraformParser';

const FIXTURES = 'test/e2e/fixtures/readme';
const readme = readFileSync('README.md', 'utf8');

/** The images the README shows: Markdown images with a path in the repository. */
const shown = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((link) => !/^[a-z]+:/i.test(link));

/** The findings each picture is about (file → codes, in the order of the file). */
const EXPECTED: Record<string, string[]> = {
  'app-policy.json': ['INVALID_ACTION'],
  'new-policy.json': ['INVALID_ACTION'],
  'reports-policy.json': [],
  'reports-stack.yaml': ['RESOURCE_TYPE_MISMATCH'],
  'deploy-role.tf': ['PUBLIC_ACCESS', 'MISSING_GITHUB_REPO_CONDITION_KEY'],
};

test('the documents the pictures show have exactly the findings the pictures are about', async () => {
  await initTerraformForTests();
  assert.deepEqual(readdirSync(FIXTURES).sort(), Object.keys(EXPECTED).sort());
  let stdout = '';
  const io = { ...nodeIo(), stdout: (text: string) => void (stdout += text), stderr: (text: string) => assert.fail(text) };
  runCli(['lint', '--format', 'json', FIXTURES], io);
  const files = (JSON.parse(stdout) as { files: Array<{ path: string; findings: Array<{ code: string }> }> }).files;
  const found = Object.fromEntries(files.map((file) => [path.basename(file.path), file.findings.map((finding) => finding.code)]));
  assert.deepEqual(found, EXPECTED);
});

/** Width and height from a PNG's or GIF's header. */
function imageSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  if (data.toString('latin1', 1, 4) === 'PNG') return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data.toString('latin1', 0, 6) === 'GIF89a') return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  throw new Error(`${file} is neither a PNG nor a GIF89a`);
}

test('the README shows every committed picture and the demo; each exists, as PNG or GIF of a readable size', () => {
  const pictures = readdirSync('images/screenshots').map((name) => `images/screenshots/${name}`);
  assert.ok(pictures.length >= 6, `only ${pictures.length} screenshots`);
  assert.deepEqual([...shown].sort(), [...pictures, 'images/demo.gif'].sort());
  for (const file of shown) {
    assert.match(file, /\.(png|gif)$/);
    const { width, height } = imageSize(file);
    // Shown in a column about 900 px wide: much wider would shrink the text, much smaller is a thumbnail.
    assert.ok(width >= 700 && width <= 1280 && height >= 400 && height <= 900, `${file} is ${width}×${height}`);
  }
  assert.ok(statSync('images/demo.gif').size < 2 * 1024 * 1024, 'the demo is 2 MB or more');
});

test('every picture the screenshot session takes is committed, and none that it no longer takes', () => {
  const source = readFileSync('test/e2e/ui/readmeImages.mjs', 'utf8');
  const scenes = [...source.matchAll(/^ {4}name: '([\w-]+)',$/gm)].map((match) => `${match[1]}.png`);
  assert.deepEqual(scenes.sort(), readdirSync('images/screenshots').sort());
});

test('the .vsix leaves the pictures out and ships the README and the CHANGELOG', () => {
  const vsce = path.join('node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
  assert.ok(existsSync(vsce));
  const listed = spawnSync(vsce, ['ls', '--no-dependencies'], { encoding: 'utf8', shell: process.platform === 'win32' });
  assert.equal(listed.status, 0, listed.stderr);
  const files = listed.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
  assert.ok(files.includes('README.md') && files.includes('CHANGELOG.md'), files.join('\n'));
  assert.deepEqual(files.filter((file) => file.startsWith('images/')), ['images/icon.png']);
});
