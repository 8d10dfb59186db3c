/**
 * The language server, in-process over the harness, on documents nested 20,000 levels deep: each
 * gets a diagnostic on the too-deep value, every request type at positions inside and around it
 * answers (a result or a JSON-RPC error, never a dead server), and an ordinary document opened
 * afterwards is still validated.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startHarness } from './harness';

const DEPTH = 20_000;
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);

const DOCUMENTS: ReadonlyArray<readonly [uri: string, text: string, code: string]> = [
  ['file:///workspace/deep-condition.json', `{\n"Version": "2012-10-17",\n"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n"Condition": {"StringEquals": {"aws:PrincipalTag/t": ${deepArray}}}}]}`, 'POLICY_TOO_DEEP'],
  ['file:///workspace/deep-statement.json', `{"Version": "2012-10-17", "Statement": ${'{"a":\n'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`, 'POLICY_TOO_DEEP'],
  ['file:///workspace/deep-template.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"R": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n"Condition": {"StringEquals": {"aws:PrincipalTag/t": ${deepArray}}}}]}}}}}`, 'POLICY_TOO_DEEP'],
  ['file:///workspace/deep-template.yaml', `Resources:\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - {Effect: Allow, Action: s3:GetObject, Resource: "*", Condition: {StringEquals: {"aws:PrincipalTag/t": ${deepArray}}}}\n`, 'POLICY_TOO_DEEP'],
  ['file:///workspace/deep.tf', `resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n"Condition": {"StringEquals": {"aws:PrincipalTag/t": ${deepArray}}}}]}\nEOF\n}\n`, 'POLICY_TOO_DEEP'],
  ['file:///workspace/deep-template-objects.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"R": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": ${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}}}}`, 'POLICY_TOO_DEEP'],
  ['file:///workspace/deep.iamtest.json', `{"tests": [{"name": "t", "context": {"aws:x": ${deepArray}}}]}`, 'SCENARIO_TOO_DEEP'],
];

const METHODS: ReadonlyArray<readonly [method: string, params: (uri: string, position: { line: number; character: number }) => unknown]> = [
  ['textDocument/completion', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/hover', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
  ['textDocument/foldingRange', (uri) => ({ textDocument: { uri } })],
  ['textDocument/selectionRange', (uri, position) => ({ textDocument: { uri }, positions: [position] })],
  ['textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
  ['textDocument/codeAction', (uri, position) => ({ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })],
  // Formatting lays a JSON document out with one indentation per level: at 20,000 levels that is
  // gigabytes of spaces unless the document is left alone.
  ['textDocument/formatting', (uri) => ({ textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })],
  ['textDocument/rangeFormatting', (uri, position) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: position }, options: { tabSize: 2, insertSpaces: true } })],
  ['iam/policySummary', (uri) => ({ uri })],
  ['iam/simulate', (uri) => ({ uri, principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' })],
];

test('documents nested 20,000 levels deep get a diagnostic on the deep value, and every request answers', async () => {
  const harness = await startHarness();
  try {
    for (const [uri, text, code] of DOCUMENTS) {
      const published = harness.diagnostics(uri);
      harness.open(uri, text);
      const { diagnostics } = await published;
      const deep = diagnostics.filter((diagnostic) => diagnostic.code === code);
      assert.equal(deep.length, 1, `${uri}: ${diagnostics.map((diagnostic) => diagnostic.code).join(', ')}`);
      assert.match(String(deep[0]!.message), /nested more than 100 levels deep/);
      const lines = text.split('\n');
      const positions = [
        { line: 0, character: 1 },
        deep[0]!.range.start,
        { line: deep[0]!.range.start.line, character: deep[0]!.range.start.character + 50 },
        { line: lines.length - 1, character: lines[lines.length - 1]!.length },
      ];
      for (const [method, params] of METHODS) {
        for (const position of positions) {
          try {
            await harness.client.sendRequest(method, params(uri, position));
          } catch (error) {
            // An error response is an answer; a crash would never come back.
            assert.equal(typeof (error as { code?: unknown }).code, 'number', `${method}: ${String(error)}`);
          }
        }
      }
      assert.ok(!harness.logs.some((log) => /call stack/i.test(log)), harness.logs.filter((log) => /call stack/i.test(log)).join('\n'));
    }
    const uri = 'file:///workspace/after.json';
    const after = harness.diagnostics(uri);
    // Opening a policy refreshes open scenario files (after a short delay): wait for that too, so
    // that nothing is in flight when the connection is disposed.
    const scenarioRefreshed = harness.diagnostics(DOCUMENTS.find(([uri]) => uri.endsWith('.iamtest.json'))![0]);
    harness.open(uri, '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}]}');
    assert.ok((await after).diagnostics.some((diagnostic) => diagnostic.code === 'INVALID_ACTION'));
    assert.ok((await scenarioRefreshed).diagnostics.some((diagnostic) => diagnostic.code === 'SCENARIO_TOO_DEEP'));
  } finally {
    harness.dispose();
  }
});
