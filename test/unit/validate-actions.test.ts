/**
 * `actionResource` family tests that are not single rule cases (those are in
 * test/unit/rules/actionResource.ts): message wording and the text fixes produce.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, findingsOf } from './helpers/findings.ts';

const allow = (extra: object) => ({ Effect: 'Allow', ...extra });

test('actionResource: INVALID_ACTION names the data date and the extraActions setting', () => {
  const [finding] = findingsOf({ Version: '2012-10-17', Statement: [allow({ Action: 's3:GetObjekt', Resource: '*' })] }).filter((f) => f.code === 'INVALID_ACTION');
  assert.match(finding!.message, /IAM data of \d{4}-\d{2}-\d{2}/);
  assert.match(finding!.message, /`iamPolicy\.extraActions`/);
});

test('actionResource: fixes rewrite the text', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}]\n}';
  assert.ok(applyFirstFix(text, 'RESOURCE_TYPE_MISMATCH').includes('"arn:aws:s3:::bucket/*"'));
  const region = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetRole", "Resource": "arn:aws:iam:us-east-1:123456789012:role/x"}]}';
  assert.ok(applyFirstFix(region, 'ARN_REGION_NOT_ALLOWED').includes('"arn:aws:iam::123456789012:role/x"'));
  const redundant = '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": [\n      "iam:Get*",\n      "iam:GetRole"\n    ],\n    "Resource": "*"\n  }]\n}';
  const fixed = applyFirstFix(redundant, 'REDUNDANT_ACTION');
  assert.ok(!fixed.includes('iam:GetRole'));
  assert.doesNotThrow(() => JSON.parse(fixed));
  const first = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*"], "Resource": "*"}]}';
  const fixedFirst = applyFirstFix(first, 'REDUNDANT_ACTION');
  assert.deepEqual(JSON.parse(fixedFirst).Statement[0].Action, ['s3:Get*']);
});
