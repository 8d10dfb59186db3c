/**
 * Policy kinds: detection from content, and the precedence of override, glob setting and content.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parsePolicy } from '../../server/src/iam/document/parse';
import { detectPolicyKind, looksLikePolicy, resolvePolicyKind } from '../../server/src/iam/document/policyKind';
import { analyzeDocument, kindFromSettings } from '../../server/src/service/documentAnalysis';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/settings';
import { minimatch } from 'minimatch';

const detection: Array<[string, string, string]> = [
  ['identity: no Principal', '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}', 'identity'],
  ['trust: Principal + sts:AssumeRole', '{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}', 'trust'],
  ['trust: web identity + TagSession', '{"Statement":[{"Effect":"Allow","Principal":{"Federated":"x"},"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"]}]}', 'trust'],
  ['resource: Principal + s3 action', '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}', 'resource'],
  ['resource: mixed sts and s3', '{"Statement":[{"Effect":"Allow","Principal":"*","Action":["sts:AssumeRole","s3:GetObject"],"Resource":"*"}]}', 'resource'],
  ['identity: half typed', '{"Statement":[{"Effect":"Allow","Action":"s3:Get', 'identity'],
];
for (const [name, text, expected] of detection) {
  test(`detect ${name}`, () => {
    assert.equal(detectPolicyKind(parsePolicy(text).document), expected);
  });
}

test('override beats setting beats content', () => {
  const document = parsePolicy('{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}').document;
  assert.deepEqual(resolvePolicyKind(document, 'scp', 'boundary'), { kind: 'scp', source: 'override' });
  assert.deepEqual(resolvePolicyKind(document, undefined, 'boundary'), { kind: 'boundary', source: 'setting' });
  assert.deepEqual(resolvePolicyKind(document), { kind: 'identity', source: 'content' });
});

const globs: Array<[string, string | undefined]> = [
  ['org/deny-regions-scp.json', 'scp'],
  ['policies/my-rcp.json', 'rcp'],
  ['dev-boundary.json', 'boundary'],
  ['roles/app-trust-policy.json', 'trust'],
  ['x/readonly-session-policy.json', 'session'],
  ['anything.iam.json', 'auto'],
  ['package.json', undefined],
];
for (const [path, expected] of globs) {
  test(`default policy-type globs: ${path}`, () => {
    assert.equal(kindFromSettings(path, DEFAULT_SETTINGS), expected);
  });
}

test('compiled policy-type globs decide exactly as minimatch does', () => {
  // `**/name` globs are matched on the last segment (documentAnalysis.ts): the same decisions.
  const globs = ['**/*scp*.json', '**/*rcp*.json', '**/*boundary*.json', '**/*.iam.json', 'org/**', '*.json', 'x-scp.json', '**/.hidden/*.json', 'a/{b,c}/*.json', 'bad[.json', '**/x-scp.json', '**/*', '**/**', '**/{a,b}-scp.json', '**/?-scp.json'];
  const paths = ['mp/AWSxx.json', 'org/deny-regions-scp.json', 'SCP.JSON', 'a/b/c/my-RCP.json', '.hidden/x-scp.json', '/abs/path/trust-policy.json', 'anything.iam.json', 'package.json', 'org/a.json', 'a/x-scp.json', 'c:/win/x-scp.json', '../up/x-scp.json', './rel/a-rcp.json', '.scp.json', 'a/.scp.json', 'a/c/z.json', 'bad[.json', 'a/.git/b/x-scp.json', '/very/long/path/with/many/folders/to/a/b-scp.json', 'x-scp.json/inner.json'];
  for (const glob of globs) {
    const settings = normalizeSettings({ policyTypes: { [glob]: 'scp' } });
    for (const path of paths) {
      const expected = minimatch(path, glob, { dot: true, nocase: true, matchBase: !glob.includes('/') }) ? 'scp' : undefined;
      assert.equal(kindFromSettings(path, settings), expected, `${glob} on ${path}`);
    }
  }
});

test('user globs replace the defaults and malformed values are dropped', () => {
  const settings = normalizeSettings({ policyTypes: { 'org/**': 'scp', 'bad/**': 'nonsense' } });
  assert.equal(kindFromSettings('org/a.json', settings), 'scp');
  assert.equal(kindFromSettings('bad/a.json', settings), undefined);
  assert.equal(kindFromSettings('x-scp.json', settings), undefined);
});

const which: Array<[string, string, string]> = [
  ['package.json is not ours', 'package.json', '{"name":"x","version":"1.0.0","scripts":{}}'],
  ['tsconfig is not ours', 'tsconfig.json', '{"compilerOptions":{"strict":true}}'],
  ['an array is not ours', 'data.json', '[1,2,3]'],
];
for (const [name, path, text] of which) {
  test(`which documents: ${name}`, () => {
    assert.equal(analyzeDocument({ text, path, settings: DEFAULT_SETTINGS }).role, 'other');
  });
}

test('which documents: a Statement makes a policy, a scenario file is a scenario', () => {
  assert.equal(analyzeDocument({ text: '{"Statement":[]}', path: 'x.json', settings: DEFAULT_SETTINGS }).role, 'policy');
  assert.equal(analyzeDocument({ text: '{"statement":[]}', path: 'x.json', settings: DEFAULT_SETTINGS }).role, 'policy');
  assert.equal(analyzeDocument({ text: '{}', path: 'new.iam.json', settings: DEFAULT_SETTINGS }).role, 'policy');
  assert.equal(analyzeDocument({ text: '{"tests":[]}', path: 'a/b.iamtest.json', settings: DEFAULT_SETTINGS }).role, 'scenario');
  assert.equal(looksLikePolicy(parsePolicy('{"Version":"2012-10-17"}').document), false);
});
