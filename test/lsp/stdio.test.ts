/**
 * The bundled server as other editors run it: `node dist/server.js --stdio`, LSP over its standard
 * streams, no VS Code. Initialize, open a broken policy, receive its diagnostics, shut down cleanly.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

test('dist/server.js --stdio answers initialize and publishes diagnostics', async () => {
  assert.ok(existsSync('dist/server.js'), 'dist/server.js is missing: run `npm run build` first');
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = 'file:///tmp/stdio-policy.json';
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri === uri) resolve(params);
    });
  });
  connection.listen();
  try {
    const result = (await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
    assert.equal(result.serverInfo.name, 'IAM Policy Workbench');
    for (const capability of ['completionProvider', 'hoverProvider', 'codeActionProvider', 'codeLensProvider', 'documentSymbolProvider']) {
      assert.ok(result.capabilities[capability], `missing ${capability}`);
    }
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'json', version: 1, text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjct","Resource":"*"}]}' },
    });
    const published = await diagnostics;
    const invalid = published.diagnostics.find((diagnostic) => diagnostic.code === 'INVALID_ACTION');
    assert.ok(invalid, JSON.stringify(published.diagnostics));
    assert.match(String(invalid.message), /s3:GetObject/);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
  } finally {
    connection.dispose();
    child.kill();
  }
});
