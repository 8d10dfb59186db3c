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
