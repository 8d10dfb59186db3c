/**
 * The size guard of the `.vsix` (under 2 MB with the IAM catalog and the AWS managed policies; the
 * issue's budget was 2.5 MB): packages the extension with `vsce package --no-dependencies` from the
 * current dist/ (built by `npm run test:unit` before the tests; built here when missing), prints its
 * size and checks what it ships: the Node and browser servers and clients, and the catalog and the
 * managed-policy data once each (dist/catalogData.jsonl and dist/managedPoliciesData.json, which the
 * Node server requires on demand and the browser client hands to its server), but not the CLI bundle. Packaging needs no network.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const LIMIT_BYTES = 2 * 1024 * 1024;

/** The file names in a zip archive, from its central directory (no unzip tool needed). */
function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'bad central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

test('the .vsix stays under 2 MB and ships the catalog and the managed-policy data once, beside the servers', () => {
  if (!existsSync('dist/server.js') || !existsSync('dist/catalogData.jsonl') || !existsSync('dist/managedPoliciesData.json')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  const dir = mkdtempSync(path.join(tmpdir(), 'iam-vsix-'));
  const out = path.join(dir, 'size-guard.vsix');
  try {
    const vsce = path.join('node_modules', '@vscode', 'vsce', 'vsce');
    const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', out], { encoding: 'utf8', timeout: 180_000 });
    assert.equal(result.status, 0, result.stderr || result.stdout);
    const size = statSync(out).size;
    console.log(`.vsix size: ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes; limit 2 MB)`);
    const entries = zipEntries(readFileSync(out));
    for (const file of ['extension/dist/server.js', 'extension/dist/client.js', 'extension/dist/browser/server.js', 'extension/dist/browser/client.js', 'extension/dist/catalogData.jsonl', 'extension/dist/managedPoliciesData.json', 'extension/THIRD-PARTY-NOTICES.md', 'extension/changelog.md']) assert.ok(entries.includes(file), `${file} is missing from the .vsix`);
    assert.ok(!entries.includes('extension/dist/cli.js'), 'the CLI bundle must stay out of the .vsix');
    // The catalog and the managed policies ship once: the JSON both servers use (test/unit/browserBundles.test.ts checks that no server bundles them).
    assert.deepEqual(entries.filter((name) => /managedPolicies/i.test(name)), ['extension/dist/managedPoliciesData.json']);
    assert.deepEqual(entries.filter((name) => /catalogData/i.test(name)), ['extension/dist/catalogData.jsonl']);
    assert.ok(size < LIMIT_BYTES, `the .vsix is ${size} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
