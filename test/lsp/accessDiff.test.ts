/**
 * The access diff in the editor (issue 12, item 5): the lens "compared with HEAD: ..." on a policy
 * whose file differs from its committed version, and the AccessDiffRequest against HEAD and against
 * a given text, through the real language server over streams and a real git repository.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startHarness } from './harness';
import { AccessDiffRequest, CompareAccessCommand, type AccessDiffResult } from '../../server/src/protocol';

const committed = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }] }, null, 2);
const edited = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }] }, null, 2);

function repository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-access-git-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q');
  fs.writeFileSync(path.join(dir, 'reader.json'), committed);
  git('add', 'reader.json');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'policy');
  return dir;
}

test('a policy that differs from HEAD gets the lens, and the request reports the diff', async () => {
  const dir = repository();
  const harness = await startHarness();
  try {
    const uri = pathToFileURL(path.join(dir, 'reader.json')).href;
    const opened = harness.diagnostics(uri);
    harness.open(uri, edited);
    await opened;
    const lenses = (await harness.client.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command?: { title: string; command: string; arguments?: unknown[] } }>;
    const lens = lenses.find((l) => l.command?.command === CompareAccessCommand);
    assert.ok(lens, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.equal(lens.command!.title, 'compared with HEAD: grants 2 more actions, removes 1');
    assert.deepEqual(lens.command!.arguments, [uri, 'HEAD']);
    const result = (await harness.client.sendRequest(AccessDiffRequest, { uri, against: { git: 'HEAD' } })) as AccessDiffResult;
    assert.equal(result.verdict, 'new-access');
    assert.match(result.markdown, /`s3:PutObject`/);
    assert.match(result.markdown, /HEAD:reader\.json/);
    const clipboard = (await harness.client.sendRequest(AccessDiffRequest, { uri, against: { text: edited, label: 'clipboard' } })) as AccessDiffResult;
    assert.equal(clipboard.verdict, 'no-new-access');
    const notPolicy = (await harness.client.sendRequest(AccessDiffRequest, { uri, against: { text: '{"oops": ', label: 'clipboard' } })) as AccessDiffResult;
    assert.match(notPolicy.markdown, /not a JSON policy object/);
  } finally {
    harness.dispose();
  }
});

test('no lens when the text equals HEAD or the file is not in git', async () => {
  const dir = repository();
  const harness = await startHarness();
  try {
    const same = pathToFileURL(path.join(dir, 'reader.json')).href;
    const outside = pathToFileURL(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-access-nogit-')), 'p.json')).href;
    for (const [uri, text] of [[same, committed], [outside, edited]] as const) {
      const opened = harness.diagnostics(uri);
      harness.open(uri, text);
      await opened;
      const lenses = (await harness.client.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command?: { command: string } }>;
      assert.ok(!lenses.some((l) => l.command?.command === CompareAccessCommand), uri);
    }
    const result = (await harness.client.sendRequest(AccessDiffRequest, { uri: outside, against: { git: 'HEAD' } })) as AccessDiffResult;
    assert.match(result.markdown, /no version at `HEAD`/);
  } finally {
    harness.dispose();
  }
});

test('a template that differs from HEAD: a lens on each policy that changed, and the report compares policy by policy', async () => {
  const template = (actions: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [${actions}]
            Resource: arn:aws:s3:::reports/*
  Other:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: '*'
`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-access-git-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q');
  fs.writeFileSync(path.join(dir, 'template.yaml'), template('s3:GetObject'));
  git('add', 'template.yaml');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'template');
  const harness = await startHarness();
  try {
    const uri = pathToFileURL(path.join(dir, 'template.yaml')).href;
    const text = template('s3:GetObject, s3:PutObject');
    const opened = harness.diagnostics(uri);
    harness.open(uri, text);
    await opened;
    const lenses = (await harness.client.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ range: { start: { line: number } }; command?: { title: string; command: string } }>;
    const compared = lenses.filter((l) => l.command?.command === CompareAccessCommand);
    // Only the policy that changed, at its place (the Reader document starts on line 6, 0-based 6).
    assert.deepEqual(compared.map((l) => [l.range.start.line, l.command!.title]), [[6, 'compared with HEAD: grants 1 more action']]);
    const result = (await harness.client.sendRequest(AccessDiffRequest, { uri, against: { git: 'HEAD' } })) as AccessDiffResult;
    assert.equal(result.verdict, 'new-access');
    assert.match(result.markdown, /1 policy differs, 1 unchanged/);
    assert.match(result.markdown, /`s3:PutObject`/);
  } finally {
    harness.dispose();
  }
});
