/**
 * The CLI as an npm package, installed as on a fresh machine: `npm pack` (from the current dist/,
 * built by `npm run test:unit` before the tests; `--ignore-scripts` so that packing does not rebuild
 * dist/ under the other tests), then `npm install --offline` of the tarball into an empty project with
 * an empty npm cache, which succeeds only because the package has no runtime dependencies (every
 * library is bundled). Then `npx iam-policy lint .` runs from that project on a copy of examples/ and
 * answers as the repository's own build does, Terraform included (its WebAssembly files ship), and
 * `iam-policy mcp` serves its tools (the MCP SDK bundle ships). No network: npm runs offline.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const repo = process.cwd();
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string; bin: Record<string, string>; dependencies?: object };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let dir: string;
let project: string;
let tarball: string;
let packedFiles: string[] = [];

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // Offline and with a cache of its own: nothing may come from the registry or from this user's cache.
  const env = { ...process.env, npm_config_offline: 'true', npm_config_cache: path.join(dir, 'npm-cache'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000, shell: process.platform === 'win32' });
}

before(() => {
  assert.ok(existsSync('dist/cli-main.js') && existsSync('dist/mcp-sdk.js'), 'dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(path.join(tmpdir(), 'iam-package-'));
  const packed = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repo);
  assert.equal(packed.status, 0, packed.stderr);
  const info = JSON.parse(packed.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
  tarball = path.join(dir, info[0]!.filename);
  packedFiles = info[0]!.files.map((file) => file.path).sort();
  console.log(`npm tarball: ${(statSync(tarball).size / 1024 / 1024).toFixed(2)} MB packed, ${(info[0]!.unpackedSize / 1024 / 1024).toFixed(2)} MB unpacked, ${packedFiles.length} files`);
  project = path.join(dir, 'project');
  mkdirSync(project);
  cpSync('examples', project, { recursive: true });
  // A Terraform file, so that the installed CLI must load its WebAssembly parser.
  writeFileSync(
    path.join(project, 'main.tf'),
    ['resource "aws_iam_policy" "app" {', '  name   = "app"', '  policy = jsonencode({', '    Version = "2012-10-17"', '    Statement = [{', '      Effect   = "Allow"', '      Action   = "s3:GetObjet"', '      Resource = "*"', '    }]', '  })', '}', ''].join('\n'),
  );
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'policies', version: '1.0.0', private: true }));
  const installed = run(npm, ['install', '--no-save', tarball], project);
  assert.equal(installed.status, 0, `npm install --offline of the tarball failed:\n${installed.stderr}`);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the package is publishable, has no runtime dependencies and ships only the CLI', () => {
  assert.equal((manifest as { private?: boolean }).private, undefined, '`private: true` stops publishing');
  assert.equal(manifest.dependencies, undefined, 'every library is bundled: runtime dependencies would be fetched at install');
  assert.deepEqual(manifest.bin, { 'iam-policy': './dist/cli.js' });
  assert.deepEqual(packedFiles, [
    'LICENSE',
    'README.md',
    'THIRD-PARTY-NOTICES.md',
    'dist/catalogData.jsonl',
    'dist/cli-main.js',
    'dist/cli.js',
    'dist/managedPoliciesData.json',
    'dist/mcp-sdk.js',
    'dist/tree-sitter-terraform.wasm',
    'dist/tree-sitter.wasm',
    'package.json',
    'schemas/iam-policy.schema.json',
    'schemas/scenario.schema.json',
  ]);
});

test('`npx iam-policy lint .` from the installed tarball answers as the repository build', () => {
  const installed = run(npx, ['--no-install', 'iam-policy', 'lint', '.'], project);
  const local = spawnSync(process.execPath, [path.join(repo, 'dist', 'cli.js'), 'lint', '.'], { cwd: project, encoding: 'utf8' });
  assert.equal(installed.stderr, local.stderr);
  assert.equal(installed.stdout, local.stdout);
  assert.equal(installed.status, local.status);
  // The Terraform file was read (its misspelt action is an error), so the exit code is 1.
  assert.match(installed.stdout, /^main\.tf:7:\d+ error INVALID_ACTION /m);
  assert.match(installed.stdout, /^\d+ files linted: 1 error, /m);
  assert.equal(installed.status, 1);
  const version = run(npx, ['--no-install', 'iam-policy', '--version'], project);
  assert.match(version.stdout, new RegExp(`^iam-policy ${manifest.version.replace(/\./g, '\\.')} `));
});

test('`iam-policy mcp` from the installed tarball serves its tools', async () => {
  const bin = path.join(project, 'node_modules', manifest.name, 'dist', 'cli.js');
  const client = new Client({ name: 'package-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], cwd: project }));
  try {
    const { tools } = await client.listTools();
    // The same nine tools as the repository's server (test/unit/mcp.test.ts lists them), from the package.
    assert.deepEqual(tools.map((tool) => tool.name), ['validate_policy', 'summarize_policy', 'simulate_request', 'diff_policies', 'diff_templates', 'check_not_granted', 'check_no_public_access', 'generate_policy', 'explain_access_denied']);
    const result = await client.callTool({ name: 'validate_policy', arguments: { text: readFileSync(path.join(project, 'main.tf'), 'utf8'), format: 'terraform' } });
    assert.ok(!result.isError, JSON.stringify(result.content));
    assert.deepEqual((result.structuredContent as { counts: object }).counts, { error: 1, warning: 0, info: 0 });
  } finally {
    await client.close();
  }
});
