/**
 * The bundled server as other editors run it: `node dist/server.js --stdio`, LSP over its standard
 * streams, no VS Code. Initialize, open a broken policy, receive its diagnostics, shut down cleanly.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { spawnStdioServer } from './stdioServer';

test('dist/server.js --stdio answers initialize and publishes diagnostics', async () => {
  assert.ok(existsSync('dist/server.js'), 'dist/server.js is missing: run `npm run build` first');
  const server = spawnStdioServer();
  const { connection } = server;
  const uri = 'file:///tmp/stdio-policy.json';
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri === uri) resolve(params);
    });
  });
  connection.listen();
  try {
    const result = (await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: Record<string, unknown>; serverInfo: { name: string; version: string } };
    assert.equal(result.serverInfo.name, 'IAM Policy Workbench');
    assert.equal(result.serverInfo.version, (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
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
    assert.equal(await server.exited, 0);
  } finally {
    await server.stop();
  }
});

test('a large document is validated off the main thread: completion elsewhere answers before its diagnostics', async () => {
  assert.ok(existsSync('dist/server.js'), 'dist/server.js is missing: run `npm run build` first');
  const server = spawnStdioServer();
  const { connection } = server;
  const events: string[] = [];
  const big = 'file:///tmp/big-policy.json';
  const small = 'file:///tmp/small-policy.json';
  const bigDiagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri === big) {
        events.push('big diagnostics');
        resolve(params);
      }
    });
  });
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    // About 2.5 MB: over the 1 MB threshold for off-thread validation.
    const statements = Array.from({ length: 10_000 }, (_, index) => `{"Sid":"S${index}","Effect":"Allow","Action":["s3:GetObject","s3:List*"],"Resource":"arn:aws:s3:::bucket-${index}/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"t${index}"}}}`);
    const bigText = `{"Version":"2012-10-17","Statement":[${statements.join(',')},{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}`;
    const smallText = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get","Resource":"*"}]}';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'json', version: 1, text: smallText } });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'json', version: 1, text: bigText } });
    const completion = (await connection.sendRequest('textDocument/completion', {
      textDocument: { uri: small },
      position: { line: 0, character: smallText.indexOf('s3:Get') + 6 },
    })) as { items: Array<{ label: string }> };
    events.push('completion');
    assert.ok(completion.items.some((item) => item.label === 's3:GetObject'));
    const published = await bigDiagnostics;
    assert.deepEqual(events, ['completion', 'big diagnostics']);
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'INVALID_EFFECT'), 'the big document was fully validated');
  } finally {
    await server.stop();
  }
});

test('templates over the off-thread threshold get their findings too: CloudFormation YAML and Terraform', async () => {
  assert.ok(existsSync('dist/server.js'), 'dist/server.js is missing: run `npm run build` first');
  const server = spawnStdioServer();
  const { connection } = server;
  // Each a little over 1 MB, with one wrong action in the last policy.
  let yaml = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n';
  for (let index = 0; yaml.length < 1_050_000; index++) {
    yaml += `  Policy${index}:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: [s3:GetObject, s3:PutObject]\n            Resource: arn:aws:s3:::bucket-${index}/*\n`;
  }
  yaml += '  Last:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObjekt\n            Resource: "*"\n';
  let terraform = '';
  for (let index = 0; terraform.length < 1_050_000; index++) {
    terraform += `resource "aws_iam_policy" "p${index}" {\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::bucket-${index}/*" }]\n  })\n}\n`;
  }
  terraform += 'resource "aws_iam_policy" "last" {\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:GetObjekt", Resource = "*" }]\n  })\n}\n';
  const documents = [
    { uri: 'file:///tmp/big-template.yaml', languageId: 'yaml', text: yaml },
    { uri: 'file:///tmp/big-module.tf', languageId: 'terraform', text: terraform },
  ];
  const published = new Map<string, PublishDiagnosticsParams>();
  const kinds = new Map<string, { role: string; policies?: unknown[] }>();
  const done = new Promise<void>((resolve) => {
    const check = () => {
      if (documents.every((document) => published.has(document.uri) && kinds.has(document.uri))) resolve();
    };
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.set(params.uri, params);
      check();
    });
    connection.onNotification('iam/documentKind', (params: { uri: string; role: string; policies?: unknown[] }) => {
      kinds.set(params.uri, params);
      check();
    });
  });
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    for (const document of documents) await connection.sendNotification('textDocument/didOpen', { textDocument: { ...document, version: 1 } });
    await done;
    for (const document of documents) {
      assert.ok(document.text.length > 1_000_000);
      const lastLine = document.text.split('\n').findIndex((line) => line.includes('s3:GetObjekt'));
      const invalid = published.get(document.uri)!.diagnostics.filter((diagnostic) => diagnostic.code === 'INVALID_ACTION');
      assert.deepEqual(invalid.map((diagnostic) => diagnostic.range.start.line), [lastLine], document.uri);
      const kind = kinds.get(document.uri)!;
      assert.equal(kind.role, 'template');
      assert.ok((kind.policies?.length ?? 0) > 1000, `${document.uri}: ${kind.policies?.length} policies listed`);
    }
  } finally {
    await server.stop();
  }
});
