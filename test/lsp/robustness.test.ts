/**
 * The server under stress, in-process over the harness: a 10 MB policy does not stop completion in
 * another document from answering, and garbage parameters to every request type get an error or an
 * empty result while the server keeps answering. Latencies are printed, never asserted.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startHarness } from './harness';

const SMALL = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:Get", "Resource": "*"}]\n}';
/** The offset just after `s3:Get` in SMALL. */
const SMALL_CURSOR = { line: 2, character: SMALL.split('\n')[2]!.indexOf('s3:Get') + 'S3:Get'.length };

/** A policy of about 10 MB: many statements over a few services. */
function hugePolicy(): string {
  const statements: string[] = [];
  let length = 0;
  for (let i = 0; length < 10_000_000; i++) {
    const statement = `    {"Sid": "S${i}", "Effect": "Allow", "Action": ["s3:GetObject", "ec2:Describe*"], "Resource": "arn:aws:s3:::bucket-${i}/*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "t${i % 50}"}}}`;
    statements.push(statement);
    length += statement.length + 2;
  }
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;
}

test('a 10 MB policy is validated while completion in another document still answers', async () => {
  const harness = await startHarness();
  try {
    const big = 'file:///workspace/huge.json';
    const small = 'file:///workspace/small.json';
    const text = hugePolicy();
    assert.ok(text.length >= 10_000_000);
    const smallDiagnostics = harness.diagnostics(small);
    harness.open(small, SMALL);
    await smallDiagnostics;

    const bigDiagnostics = new Promise<{ count: number; at: number }>((resolve) => {
      harness.client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
        if (params.uri === big) resolve({ count: params.diagnostics.length, at: performance.now() });
      });
    });
    const start = performance.now();
    harness.open(big, text);
    const list = (await harness.client.sendRequest('textDocument/completion', { textDocument: { uri: small }, position: SMALL_CURSOR })) as { items: { label: string }[] };
    const answered = performance.now();
    assert.ok(list.items.some((item) => item.label === 's3:GetObject'), `got ${list.items.slice(0, 5).map((item) => item.label).join(', ')}`);
    const published = await bigDiagnostics;
    // The harness shares the server's process, so a request sent while the analysis runs waits with it;
    // docs/performance.md gives the blocking time of the bundled server.
    console.log(`10 MB document: completion in another document answered after ${(answered - start).toFixed(0)} ms; the big document's ${published.count} diagnostics after ${(published.at - start).toFixed(0)} ms`);
    // Completion in the big document answers from the same cached analysis.
    const inBig = (await harness.client.sendRequest('textDocument/completion', { textDocument: { uri: big }, position: { line: 3, character: 50 } })) as { items: unknown[] } | null;
    assert.ok(inBig && Array.isArray(inBig.items));
  } finally {
    harness.dispose();
  }
});

const METHODS = [
  'textDocument/completion',
  'textDocument/hover',
  'textDocument/codeAction',
  'textDocument/codeLens',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/selectionRange',
  'iam/setPolicyKind',
  'iam/policySummary',
  'iam/simulate',
  'iam/simulationChoices',
  'iam/scenarioAddTest',
];

const GARBAGE: unknown[] = [
  null,
  42,
  'text',
  [],
  {},
  { textDocument: 5 },
  { textDocument: { uri: {} }, position: 'here' },
  { textDocument: { uri: 'file:///workspace/small.json' }, position: { line: -1, character: 1e9 } },
  { textDocument: { uri: 'file:///workspace/small.json' }, position: { line: 'a', character: null }, range: 7, context: { diagnostics: 'none' } },
  { textDocument: { uri: 'file:///workspace/small.json' }, positions: [null, { line: 99999, character: 0 }] },
  { uri: 'file:///workspace/small.json', kind: { evil: true }, request: [1, 2, 3], index: -5, version: 'x' },
  { uri: 'file:///nowhere.json', kind: 'scp' },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
];

test('garbage params to every request type get an error or an empty result, and the server keeps answering', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/small.json';
    const diagnostics = harness.diagnostics(uri);
    harness.open(uri, SMALL);
    await diagnostics;
    const outcomes: string[] = [];
    for (const method of METHODS) {
      for (const params of GARBAGE) {
        try {
          const result = await harness.client.sendRequest(method, params);
          outcomes.push(`${method} ok ${JSON.stringify(result)?.slice(0, 60)}`);
        } catch (error) {
          // A JSON-RPC error response is a fine answer to garbage; anything else would be a crash.
          assert.ok(typeof (error as { code?: unknown }).code === 'number', `${method}: ${String(error)}`);
          outcomes.push(`${method} error ${(error as { code: number }).code}`);
        }
      }
    }
    assert.equal(outcomes.length, METHODS.length * GARBAGE.length);
    console.log(`garbage params: ${outcomes.filter((o) => o.includes(' error ')).length} error responses, ${outcomes.filter((o) => o.includes(' ok ')).length} empty or ordinary results`);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined, 'prototype pollution');
    // Still alive: completion and hover answer normally.
    const list = (await harness.client.sendRequest('textDocument/completion', { textDocument: { uri }, position: SMALL_CURSOR })) as { items: { label: string }[] };
    assert.ok(list.items.some((item) => item.label === 's3:GetObject'));
    const hover = (await harness.client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: SMALL_CURSOR.character - 2 } })) as { contents: { value: string } } | null;
    assert.ok(hover?.contents.value.includes('s3:Get'), JSON.stringify(hover));
    // And the document still validates after an edit.
    const next = harness.diagnostics(uri, (params) => params.version === 2);
    harness.change(uri, SMALL.replace('"Allow"', '"allow"'), 2);
    const { diagnostics: after } = await next;
    assert.ok(after.some((diagnostic) => diagnostic.code === 'INVALID_EFFECT'));
  } finally {
    harness.dispose();
  }
});
