/**
 * The bundled server and the AWS managed policies it keeps beside itself (dist/managedPoliciesData.json,
 * required on the first lookup): start-up and policy validation never load them; over stdio, a hover
 * on a managed policy name in a scenario file loads them and shows the summary, and completion offers
 * the names. A preloaded hook reports every `require` of the data on stderr.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

const HOOK = `const Module = require('module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/managedPoliciesData/.test(request)) process.stderr.write('LOADED managed policies\\n');
  return load.call(this, request, ...rest);
};
`;

test('dist/server.js: the managed policies load on the first lookup only; hover and completion in a scenario file', async () => {
  assert.ok(existsSync('dist/server.js') && existsSync('dist/managedPoliciesData.json'), 'dist/ is missing: run `npm run build` first');
  const dir = mkdtempSync(path.join(tmpdir(), 'iam-hook-'));
  const hook = path.join(dir, 'hook.js');
  writeFileSync(hook, HOOK);
  const child = spawn(process.execPath, ['-r', hook, 'dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const policyUri = 'file:///tmp/managed-check-policy.json';
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri === policyUri) resolve(params);
    });
  });
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: policyUri, languageId: 'json', version: 1, text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' } });
    await diagnostics;
    assert.equal(stderr.includes('LOADED managed policies'), false, 'start-up or validation loaded the managed policies');

    const uri = 'file:///tmp/managed.iamtest.json';
    const text = '{\n  "users": [{ "name": "u", "account": "111122223333", "policies": ["ReadOnlyAccess", "AmazonS3Read"] }],\n  "tests": []\n}\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    const line = text.split('\n')[1]!;
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: line.indexOf('ReadOnlyAccess') + 3 } })) as { contents: { value: string } } | null;
    assert.ok(hover, 'no hover');
    assert.match(hover.contents.value, /AWS managed policy `ReadOnlyAccess`/);
    assert.match(hover.contents.value, /arn:aws:iam::aws:policy\/ReadOnlyAccess/);
    assert.ok(stderr.includes('LOADED managed policies'), 'the hover did not go through the data beside the bundle');
    const completion = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: line.indexOf('AmazonS3Read') + 'AmazonS3Read'.length } })) as { items: Array<{ label: string }> };
    assert.ok(completion.items.some((item) => item.label === 'AmazonS3ReadOnlyAccess'), JSON.stringify(completion.items.slice(0, 5)));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dist/cli.js: `lint` never loads the managed policies; `test` on a scenario naming one does', () => {
  assert.ok(existsSync('dist/cli.js') && existsSync('dist/managedPoliciesData.json'), 'dist/ is missing: run `npm run build` first');
  const dir = mkdtempSync(path.join(tmpdir(), 'iam-hook-'));
  const hook = path.join(dir, 'hook.js');
  writeFileSync(hook, HOOK);
  try {
    const lint = spawnSync(process.execPath, ['-r', hook, 'dist/cli.js', 'lint', 'examples'], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
    assert.equal(lint.stderr.includes('LOADED managed policies'), false);
    const run = spawnSync(process.execPath, ['-r', hook, 'dist/cli.js', 'test', 'examples/managed-policies'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(run.stderr.includes('LOADED managed policies'));
    assert.match(run.stdout, /12 passed, 0 failed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
