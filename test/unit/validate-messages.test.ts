/**
 * Finding messages that say more than a code on a span (rule cases, which check code, text and fix,
 * are in test/unit/rules/): the user text in backticks and the numbers a size finding reports.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf } from './helpers/findings';

const S = (...bodies: string[]) => `{"Version":"2012-10-17","Statement":[${bodies.join(',')}]}`;

test('principals: messages are one line and name the user text in backticks', () => {
  const policy = S('{"Effect":"Allow","Principal":{"AWS":"12345678901"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}');
  const finding = findingsOf(policy, 'resource').find((candidate) => candidate.code === 'INVALID_PRINCIPAL_FORMAT')!;
  assert.ok(!finding.message.includes('\n'));
  assert.match(finding.message, /`12345678901`/);
});

test('kinds: the size message shows the size and the quota', () => {
  const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/';
  const tail = '"},"Action":"sts:AssumeRole"}]}';
  const policy = head + 'r'.repeat(2100 - head.length - tail.length) + tail;
  const finding = findingsOf(policy, 'trust').find((candidate) => candidate.code === 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA')!;
  assert.match(finding.message, /2100 characters/);
  assert.match(finding.message, /2048-character quota/);
});

test('invisible characters of a quoted value are shown as \\uXXXX: controls, lone surrogates, bidirectional controls', () => {
  // Each value is one character away from `s3:GetObject`; printed as it is, the message would say that
  // `s3:GetObject` is not an action (a control or U+202E does not show; a lone surrogate prints as U+FFFD).
  const cases: Array<[string, string]> = [
    ['s3:Get\\u0000Object', '`s3:Get\\u0000Object`'],
    ['s3:Get\\u007fObject', '`s3:Get\\u007fObject`'],
    ['s3:Get\\ud800Object', '`s3:Get\\ud800Object`'],
    ['s3:Get\\u202eObject', '`s3:Get\\u202eObject`'],
    ['s3:Get\\u2066Object', '`s3:Get\\u2066Object`'],
  ];
  for (const [escaped, shown] of cases) {
    const finding = findingsOf(S(`{"Effect":"Allow","Action":"${escaped}","Resource":"*"}`), 'identity').find((candidate) => candidate.code === 'INVALID_ACTION');
    assert.ok(finding, escaped);
    assert.ok(finding.message.includes(shown), `${escaped}: ${JSON.stringify(finding.message)}`);
    assert.doesNotMatch(finding.message, /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/);
  }
  // Text outside those ranges is left as it is: a pair of surrogates is one character (an emoji here).
  const emoji = findingsOf(S('{"Effect":"Allow","Action":"s3:Get\\ud83d\\ude00","Resource":"*"}'), 'identity').find((candidate) => candidate.code === 'INVALID_ACTION');
  assert.ok(emoji?.message.includes('`s3:Get\u{1F600}`'), emoji?.message);
});

test('messages count statements from 0, as the access findings, the simulator and the JSON output do', () => {
  const policy = S('{"Effect":"Allow","Action":"s3:*","Resource":"*"}', '{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}', '{"Sid":"Named","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}');
  const redundant = findingsOf(policy, 'identity').filter((candidate) => candidate.code === 'REDUNDANT_STATEMENT');
  assert.deepEqual(
    redundant.map((finding) => finding.message),
    [
      'This statement is redundant: statement 0 already allows everything it does. Remove it.',
      'This statement is redundant: statement 0 already allows everything it does. Remove it.',
    ],
  );
  assert.deepEqual(redundant.map((finding) => finding.fixes[0]), ['Remove statement 1', 'Remove statement `Named` (index 2)']);
});

test('exposure messages: "name the resources" only where the action takes a resource ARN (Service Authorization Reference)', () => {
  const message = (action: string, code: string) => findingsOf(S(`{"Effect":"Allow","Action":"${action}","Resource":"*"}`), 'identity').find((candidate) => candidate.code === code)?.message ?? '';
  // s3:PutBucketPolicy takes a bucket ARN: naming the buckets limits it.
  assert.match(message('s3:PutBucketPolicy', 'RESOURCE_EXPOSURE'), /name the resources or deny them/);
  // logs:PutResourcePolicy and ecr:GetAuthorizationToken take none: `Resource` cannot limit them.
  for (const [action, code] of [['logs:PutResourcePolicy', 'RESOURCE_EXPOSURE'], ['ecr:GetAuthorizationToken', 'CREDENTIAL_EXPOSURE']] as const) {
    const text = message(action, code);
    assert.match(text, /supports no resource-level permissions/, text);
    assert.doesNotMatch(text, /name the resources|does not name/, text);
  }
});
