/**
 * Formatting and the "Shrink policy" code action through the real language server over streams:
 * `textDocument/formatting` honours the editor's `FormattingOptions` (LSP specification, "Document
 * Formatting Request"), returns nothing for a policy with syntax errors, VS Code's whitespace-only JSON layout for other JSON
 * (a template), nothing for YAML, and a policy
 * near its quota (IAM User Guide, "IAM and AWS STS quotas": managed policy 6,144 characters) gets the
 * refactoring with its sizes in the title.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startHarness } from './harness';

type Edit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };

/** Applies LSP edits of a one-line text (all the tests' unformatted texts are one line). */
function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.range.start.character - a.range.start.character)) {
    assert.equal(edit.range.start.line, 0);
    assert.equal(edit.range.end.line, 0);
    out = out.slice(0, edit.range.start.character) + edit.newText + out.slice(edit.range.end.character);
  }
  return out;
}

const MESSY = '{"Statement":[{"Resource":"*","Action":["s3:PutObject","s3:GetObject","S3:getObject"],"Effect":"Allow"}],"Version":"2012-10-17"}';

test('formatting: one edit of the whole document, with the editor\'s indentation; none when formatted, broken or a template', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/messy.json';
    const opened = harness.diagnostics(uri);
    harness.open(uri, MESSY);
    await opened;
    const edits = (await harness.client.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) as Edit[];
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: MESSY.length } });
    assert.equal(edits[0]!.newText, '{\n    "Version": "2012-10-17",\n    "Statement": [\n        {\n            "Effect": "Allow",\n            "Action": [\n                "s3:GetObject",\n                "s3:PutObject"\n            ],\n            "Resource": "*"\n        }\n    ]\n}');

    const tabs = (await harness.client.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 8, insertSpaces: false } })) as Edit[];
    assert.match(tabs[0]!.newText, /^\{\n\t"Version"/);

    const formattedUri = 'file:///workspace/formatted.json';
    const second = harness.diagnostics(formattedUri);
    harness.open(formattedUri, edits[0]!.newText);
    await second;
    assert.deepEqual(await harness.client.sendRequest('textDocument/formatting', { textDocument: { uri: formattedUri }, options: { tabSize: 4, insertSpaces: true } }), []);

    const brokenUri = 'file:///workspace/broken.json';
    const third = harness.diagnostics(brokenUri);
    harness.open(brokenUri, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",');
    await third;
    assert.deepEqual(await harness.client.sendRequest('textDocument/formatting', { textDocument: { uri: brokenUri }, options: { tabSize: 2, insertSpaces: true } }), []);

    const templateUri = 'file:///workspace/template.json';
    const fourth = harness.diagnostics(templateUri);
    harness.open(templateUri, JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(MESSY) } } } }));
    await fourth;
    // Other JSON (here a template) gets the whitespace-only layout of VS Code's JSON formatter: the
    // policy inside keeps its element order and its actions.
    const templateEdits = (await harness.client.sendRequest('textDocument/formatting', { textDocument: { uri: templateUri }, options: { tabSize: 2, insertSpaces: true } })) as Edit[];
    const template = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(MESSY) } } } });
    const plain = applyEdits(template, templateEdits);
    assert.equal(plain, JSON.stringify(JSON.parse(template), null, 2));

    const yamlUri = 'file:///workspace/template.yaml';
    void harness.client.sendNotification('textDocument/didOpen', { textDocument: { uri: yamlUri, languageId: 'yaml', version: 1, text: 'Resources:\n    Q: {Type: AWS::SQS::Queue}\n' } });
    assert.deepEqual(await harness.client.sendRequest('textDocument/formatting', { textDocument: { uri: yamlUri }, options: { tabSize: 2, insertSpaces: true } }), []);
  } finally {
    harness.dispose();
  }
});

test('a client that registers formatting itself (`initializationOptions.formatting: false`) gets no formatting capability; the request is still answered', async () => {
  const plain = await startHarness();
  const quiet = await startHarness({ initializationOptions: { formatting: false } });
  try {
    assert.equal(plain.capabilities.documentFormattingProvider, true);
    assert.equal(quiet.capabilities.documentFormattingProvider, undefined);
    const uri = 'file:///workspace/messy.json';
    const opened = quiet.diagnostics(uri);
    quiet.open(uri, MESSY);
    await opened;
    const edits = (await quiet.client.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as Edit[];
    assert.equal(edits.length, 1);
  } finally {
    plain.dispose();
    quiet.dispose();
  }
});

test('a policy near its quota gets "Shrink policy (N → M characters)"; a small one does not', async () => {
  const harness = await startHarness();
  try {
    const statements = Array.from({ length: 90 }, (_, i) => ({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::bucket-number-${i}/*` }));
    const near = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    const uri = 'file:///workspace/near.json';
    const opened = harness.diagnostics(uri);
    harness.open(uri, near);
    await opened;
    const request = (target: string, only?: string[]) =>
      harness.client.sendRequest('textDocument/codeAction', { textDocument: { uri: target }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], ...(only ? { only } : {}) } }) as Promise<Array<{ title: string; kind: string; edit: { changes: Record<string, Edit[]> } }>>;
    const actions = await request(uri);
    const shrink = actions.find((action) => action.title.startsWith('Shrink policy'));
    assert.ok(shrink, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(shrink.kind, 'refactor.rewrite');
    const newText = shrink.edit.changes[uri]![0]!.newText;
    const count = (text: string) => text.replace(/\s/g, '').length;
    assert.ok(count(near) >= 0.9 * 6144, `the policy is near the quota (${count(near)})`);
    assert.equal(shrink.title, `Shrink policy (${count(near).toLocaleString('en-US')} → ${count(newText).toLocaleString('en-US')} characters)`);
    assert.equal(JSON.parse(newText).Statement.length, 1);
    // Asked for quick fixes only, the refactoring is not computed.
    assert.equal((await request(uri, ['quickfix'])).length, 0);

    const smallUri = 'file:///workspace/small.json';
    const second = harness.diagnostics(smallUri);
    harness.open(smallUri, JSON.stringify({ Version: '2012-10-17', Statement: statements.slice(0, 3) }, null, 2));
    await second;
    assert.deepEqual(await request(smallUri), []);
  } finally {
    harness.dispose();
  }
});

test('range formatting (Format Selection): the statements the range touches, as one edit of what changed; other JSON gets its range laid out', async () => {
  const harness = await startHarness();
  try {
    assert.equal(harness.capabilities.documentRangeFormattingProvider, true);
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Resource": "*", "Action": "s3:GetObject", "Effect": "Allow"},\n    {"Resource": "*", "Action": "s3:PutObject", "Effect": "Allow"}\n  ]\n}';
    const uri = 'file:///workspace/selection.json';
    const opened = harness.diagnostics(uri);
    harness.open(uri, text);
    await opened;
    // The cursor in the second statement.
    const at = { line: 4, character: 10 };
    const edits = (await harness.client.sendRequest('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: at, end: at }, options: { tabSize: 2, insertSpaces: true } })) as Edit[];
    assert.equal(edits.length, 1);
    const lines = text.split('\n');
    const offsetOf = (position: { line: number; character: number }) => lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
    const after = text.slice(0, offsetOf(edits[0]!.range.start)) + edits[0]!.newText + text.slice(offsetOf(edits[0]!.range.end));
    assert.equal(after, text.replace('{"Resource": "*", "Action": "s3:PutObject", "Effect": "Allow"}', '{\n      "Effect": "Allow",\n      "Action": "s3:PutObject",\n      "Resource": "*"\n    }'));
    // The edit covers only the second statement: the first one is untouched.
    assert.ok(edits[0]!.range.start.line >= 4, JSON.stringify(edits[0]!.range));

    const quiet = await startHarness({ initializationOptions: { formatting: false } });
    try {
      assert.equal(quiet.capabilities.documentRangeFormattingProvider, undefined);
    } finally {
      quiet.dispose();
    }
  } finally {
    harness.dispose();
  }
});
