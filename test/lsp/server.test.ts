/**
 * The real language server, in-process over streams: open a document and receive its diagnostics;
 * settings change severities; other JSON gets nothing; a failing handler is logged and the server
 * keeps answering.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startHarness } from './harness';
import type { ServerFeature } from '../../server/src/lsp/serverContext';

const BROKEN = '{\n  "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]\n}';

test('opening a policy publishes its diagnostics with codes, ranges, severities and source iam', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/broken.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, BROKEN);
    const { diagnostics } = await waiting;
    const effect = diagnostics.find((diagnostic) => diagnostic.code === 'INVALID_EFFECT');
    assert.ok(effect, `got ${diagnostics.map((d) => d.code).join(',')}`);
    assert.equal(effect.source, 'iam');
    assert.equal(effect.severity, 1);
    assert.deepEqual(effect.range, { start: { line: 1, character: 27 }, end: { line: 1, character: 34 } });
    const version = diagnostics.find((diagnostic) => diagnostic.code === 'MISSING_VERSION');
    assert.equal(version?.severity, 2);
  } finally {
    harness.dispose();
  }
});

test('editing re-validates: fixing the text clears the finding', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/edit.json';
    const first = harness.diagnostics(uri);
    harness.open(uri, BROKEN);
    await first;
    const second = harness.diagnostics(uri, (params) => params.version === 2);
    harness.change(uri, BROKEN.replace('"allow"', '"Allow"'), 2);
    const { diagnostics } = await second;
    assert.equal(diagnostics.some((diagnostic) => diagnostic.code === 'INVALID_EFFECT'), false);
  } finally {
    harness.dispose();
  }
});

test('severity settings apply per code, and off hides a code', async () => {
  const harness = await startHarness({ settings: { severity: { MISSING_VERSION: 'error', INVALID_EFFECT: 'off' } } });
  try {
    const uri = 'file:///workspace/settings.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, BROKEN);
    const { diagnostics } = await waiting;
    assert.equal(diagnostics.find((diagnostic) => diagnostic.code === 'MISSING_VERSION')?.severity, 1);
    assert.equal(diagnostics.some((diagnostic) => diagnostic.code === 'INVALID_EFFECT'), false);
  } finally {
    harness.dispose();
  }
});

test('settings from initializationOptions for editors without workspace/configuration', async () => {
  const harness = await startHarness({ configuration: false, settings: { severity: { MISSING_VERSION: 'off' } } });
  try {
    const uri = 'file:///workspace/init.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, BROKEN);
    const { diagnostics } = await waiting;
    assert.equal(diagnostics.some((diagnostic) => diagnostic.code === 'MISSING_VERSION'), false);
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'INVALID_EFFECT'));
  } finally {
    harness.dispose();
  }
});

test('other JSON (package.json) gets no diagnostics', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/package.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, '{"name": "x", "version": "1.0.0", "statement": 1');
    const { diagnostics } = await waiting;
    // `statement` (any case) makes it look like a policy; a plain package.json does not:
    harness.open('file:///workspace/tsconfig.json', '{"compilerOptions": {}}');
    const plain = await harness.diagnostics('file:///workspace/tsconfig.json');
    assert.deepEqual(plain.diagnostics, []);
    assert.ok(Array.isArray(diagnostics));
  } finally {
    harness.dispose();
  }
});

test('quick fixes come back as code actions with edits', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/fix.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, BROKEN);
    const { diagnostics } = await waiting;
    const effect = diagnostics.find((diagnostic) => diagnostic.code === 'INVALID_EFFECT')!;
    const actions = (await harness.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: effect.range,
      context: { diagnostics: [effect] },
    })) as Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
    assert.equal(actions[0]!.title, 'Change to `Allow`');
    assert.equal(actions[0]!.edit.changes[uri]![0]!.newText, '"Allow"');
  } finally {
    harness.dispose();
  }
});

test('a failing handler is logged and the server keeps answering', async () => {
  const failing: ServerFeature = {
    name: 'failing',
    register(context) {
      context.connection.onRequest('test/fail', (_params, token) =>
        context.runSafe('test/fail', token, 'fallback', () => {
          throw new Error('injected failure');
        }),
      );
    },
  };
  const harness = await startHarness({ extraFeatures: [failing] });
  try {
    const answer = await harness.client.sendRequest('test/fail', {});
    assert.equal(answer, 'fallback');
    const uri = 'file:///workspace/after.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, BROKEN);
    const { diagnostics } = await waiting;
    assert.ok(diagnostics.length > 0);
    assert.ok(harness.logs.some((line) => line.includes('injected failure')), harness.logs.join('\n'));
  } finally {
    harness.dispose();
  }
});
