/**
 * The bundled server finds the AWS managed policies that it keeps beside itself
 * (dist/managedPoliciesData.js, required on the first lookup): over stdio, a hover on a managed policy
 * name in a scenario file shows its summary and completion offers the names.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

test('dist/server.js: hover and completion on AWS managed policies in a scenario file', async () => {
  assert.ok(existsSync('dist/server.js') && existsSync('dist/managedPoliciesData.js'), 'dist/ is missing: run `npm run build` first');
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const uri = 'file:///tmp/managed.iamtest.json';
    const text = '{\n  "users": [{ "name": "u", "account": "111122223333", "policies": ["ReadOnlyAccess", "AmazonS3Read"] }],\n  "tests": []\n}\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    const line = text.split('\n')[1]!;
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: line.indexOf('ReadOnlyAccess') + 3 } })) as { contents: { value: string } } | null;
    assert.ok(hover, 'no hover');
    assert.match(hover.contents.value, /AWS managed policy `ReadOnlyAccess`/);
    assert.match(hover.contents.value, /arn:aws:iam::aws:policy\/ReadOnlyAccess/);
    const completion = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: line.indexOf('AmazonS3Read') + 'AmazonS3Read'.length } })) as { items: Array<{ label: string }> };
    assert.ok(completion.items.some((item) => item.label === 'AmazonS3ReadOnlyAccess'), JSON.stringify(completion.items.slice(0, 5)));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    child.kill();
  }
});
