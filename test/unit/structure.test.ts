/**
 * Outline, folding and selection ranges on in-memory documents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../server/src/service/documentAnalysis.ts';
import { DEFAULT_SETTINGS } from '../../server/src/settings.ts';
import { getDocumentSymbols } from '../../server/src/service/symbols.ts';
import { getFoldingRanges } from '../../server/src/service/folding.ts';
import { getSelectionRanges } from '../../server/src/service/selectionRanges.ts';

function open(text: string) {
  return { document: TextDocument.create('file:///p.json', 'json', 1, text), analysis: analyzeDocument({ text, path: 'p.json', settings: DEFAULT_SETTINGS }) };
}

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadBucket",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "NotAction": "iam:*",
      "Resource": "*"
    }
  ]
}`;

test('outline: statements by Sid or number and effect, elements as children', () => {
  const { document, analysis } = open(POLICY);
  const symbols = getDocumentSymbols(document, analysis);
  assert.deepEqual(symbols.map((s) => s.name), ['Version', 'Statement']);
  assert.equal(symbols[0]!.detail, '2012-10-17');
  const statements = symbols[1]!.children!;
  assert.deepEqual(statements.map((s) => s.name), ['ReadBucket', 'Statement 2 (Deny)']);
  assert.deepEqual(statements[0]!.children!.map((c) => `${c.name}: ${c.detail}`), ['Sid: ReadBucket', 'Effect: Allow', 'Action: 2 entries', 'Resource: *']);
  assert.deepEqual(statements[1]!.children!.map((c) => c.name), ['Effect', 'NotAction', 'Resource']);
  assert.equal(statements[1]!.range.start.line, 9);
  assert.equal(statements[1]!.range.end.line, 13);
});

test('outline: the object form of Statement', () => {
  const { document, analysis } = open('{"Statement": {"Effect": "Allow", "Action": "s3:*"}}');
  const symbols = getDocumentSymbols(document, analysis);
  assert.deepEqual(symbols[0]!.children!.map((c) => c.name), ['Effect', 'Action']);
});

test('outline: nothing for JSON that is not a policy', () => {
  const { document, analysis } = open('{"name": "x"}');
  assert.deepEqual(getDocumentSymbols(document, analysis), []);
});

test('folding: every multi-line object and array, closing line kept', () => {
  const { document, analysis } = open(POLICY);
  const ranges = getFoldingRanges(document, analysis).map((r) => [r.startLine, r.endLine]);
  assert.deepEqual(ranges, [[0, 14], [2, 13], [3, 7], [9, 12]]);
});

test('folding: half-typed documents still fold what parsed', () => {
  const { document, analysis } = open('{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:');
  assert.ok(getFoldingRanges(document, analysis).length >= 1);
});

test('selection ranges: string content, string, property, object, array, document', () => {
  const { document, analysis } = open(POLICY);
  const offset = POLICY.indexOf('s3:ListBucket') + 3;
  const [range] = getSelectionRanges(document, analysis, [document.positionAt(offset)]);
  const texts: string[] = [];
  for (let r: typeof range | undefined = range; r; r = r.parent) texts.push(POLICY.slice(document.offsetAt(r.range.start), document.offsetAt(r.range.end)));
  assert.deepEqual(texts.slice(0, 4), ['s3:ListBucket', '"s3:ListBucket"', '["s3:GetObject", "s3:ListBucket"]', '"Action": ["s3:GetObject", "s3:ListBucket"]']);
  assert.equal(texts[texts.length - 1], POLICY);
  for (let i = 1; i < texts.length; i++) assert.ok(texts[i]!.includes(texts[i - 1]!), 'each range contains the previous one');
});
