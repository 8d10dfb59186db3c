/**
 * Templates over the standalone server (`node dist/server.js --stdio`), as another editor would use
 * it: a YAML CloudFormation template gets diagnostics on the exact text inside `!Sub`, a quick fix in
 * YAML, completion in an `Action` list, hover on an intrinsic, a summary lens per policy; a YAML file
 * that is not a template gets nothing.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { spawnStdioServer } from './stdioServer';
import { functionUrlTemplate, URL_PERMISSION } from '../unit/helpers/lambdaTemplates';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - s3:GetObject
              - s3:Li
            Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/*'
          - Effect: Allow
            Action: !Sub 's3:GetObjectAcll'
            Resource: '*'
          - Effect: Allow
            Action: s3:GetObject
            Resource: !GetAtt Bucket.Arn
`;

const WORKFLOW = 'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo s3:GetObjekt\n';

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

test('a YAML template over --stdio: diagnostics, quick fix, completion, hover and lenses', async () => {
  assert.ok(existsSync('dist/server.js'), 'dist/server.js is missing: run `npm run build` first');
  const server = spawnStdioServer();
  const { connection } = server;
  const uri = 'file:///tmp/stack/template.yaml';
  const other = 'file:///tmp/stack/.github/workflows/ci.yml';
  const published = new Map<string, (params: PublishDiagnosticsParams) => void>();
  const diagnosticsOf = (target: string) => new Promise<PublishDiagnosticsParams>((resolve) => published.set(target, resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => published.get(params.uri)?.(params));
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const templateDiagnostics = diagnosticsOf(uri);
    const otherDiagnostics = diagnosticsOf(other);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: TEMPLATE } });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: WORKFLOW } });
    const { diagnostics } = await templateDiagnostics;
    const invalid = diagnostics.find((diagnostic) => diagnostic.code === 'INVALID_ACTION' && /GetObjectAcll/.test(String(diagnostic.message)));
    assert.ok(invalid, JSON.stringify(diagnostics.map((d) => [d.code, d.message])));
    assert.deepEqual(invalid.range.start, positionOf(TEMPLATE, "'s3:GetObjectAcll'"));
    const mismatch = diagnostics.find((diagnostic) => diagnostic.code === 'RESOURCE_TYPE_MISMATCH');
    assert.ok(mismatch, 'the bucket ARN is not an object');
    assert.equal((await otherDiagnostics).diagnostics.length, 0, 'a workflow file gets nothing');

    const actions = (await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: mismatch.range, context: { diagnostics: [mismatch] } })) as Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
    assert.equal(actions[0]?.edit.changes[uri]?.[0]?.newText, "!Sub '${Bucket.Arn}/*'");

    const completion = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionOf(TEMPLATE, 's3:Li', 5) })) as { items: Array<{ label: string; textEdit?: { newText: string } }> };
    const listBucket = completion.items.find((item) => item.label === 's3:ListBucket');
    assert.ok(listBucket, 'actions are completed in a YAML list');
    assert.equal(listBucket.textEdit?.newText, 's3:ListBucket');

    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(TEMPLATE, '${Bucket}', 3) })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /bucket name of `Bucket`/);

    const lenses = (await connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command: { title: string; arguments: unknown[] } }>;
    assert.ok(lenses.some((lens) => lens.command.title.startsWith('Reader managed policy: ')), JSON.stringify(lenses.map((l) => l.command.title)));
    const simulate = lenses.find((lens) => lens.command.title === 'Simulate…');
    assert.ok(simulate);
    const result = (await connection.sendRequest('iam/simulate', { uri: simulate.command.arguments[0], principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' })) as { decision: string };
    assert.equal(result.decision, 'Allow');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    await server.stop();
  }
});

test('a public function URL without the InvokeFunction permission: a diagnostic on AuthType, a quick fix that adds it, and none after', async () => {
  // Lambda Developer Guide, "Control access to Lambda function URLs": since October 2025 a new URL
  // needs lambda:InvokeFunctionUrl and lambda:InvokeFunction.
  assert.ok(existsSync('dist/server.js'), 'dist/server.js is missing: run `npm run build` first');
  const text = functionUrlTemplate('NONE', URL_PERMISSION);
  const server = spawnStdioServer();
  const { connection } = server;
  const uri = 'file:///tmp/stack/url.yaml';
  let resolveNext: ((params: PublishDiagnosticsParams) => void) | undefined;
  const next = () => new Promise<PublishDiagnosticsParams>((resolve) => (resolveNext = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    if (params.uri === uri) resolveNext?.(params);
  });
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const first = next();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const found = (await first).diagnostics.find((diagnostic) => diagnostic.code === 'FUNCTION_URL_WITHOUT_INVOKE_PERMISSION');
    assert.ok(found);
    assert.deepEqual(found.range.start, positionOf(text, 'NONE'));
    const actions = (await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: found.range, context: { diagnostics: [found] } })) as Array<{ title: string; edit?: { changes: Record<string, Array<{ range: { start: { line: number; character: number } }; newText: string }>> } }>;
    const add = actions.find((action) => action.title === 'Add the `lambda:InvokeFunction` permission for calls through the URL');
    assert.ok(add?.edit, JSON.stringify(actions.map((action) => action.title)));
    const [edit] = add.edit.changes[uri]!;
    assert.equal(edit!.range.start.line, positionOf(text, 'AuthType: NONE').line);
    const lines = text.split('\n');
    const line = edit!.range.start.line;
    const fixed = [...lines.slice(0, line), lines[line]!.slice(0, edit!.range.start.character) + edit!.newText + lines[line]!.slice(edit!.range.start.character), ...lines.slice(line + 1)].join('\n');
    assert.match(fixed, /WorkerUrlInvokePermission:\n {4}Type: AWS::Lambda::Permission\n {4}Properties:\n {6}Action: lambda:InvokeFunction\n {6}FunctionName: !GetAtt Worker\.Arn\n {6}Principal: '\*'\n {6}InvokedViaFunctionUrl: true\n {2}Permission0:/);
    const second = next();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    assert.ok(!(await second).diagnostics.some((diagnostic) => diagnostic.code === 'FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'));
  } finally {
    await server.stop();
  }
});
