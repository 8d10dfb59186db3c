/**
 * Policy size counting and quotas per kind. IAM does not count white space (IAM User Guide, "IAM and
 * AWS STS quotas"); Organizations counts every character of SCPs and RCPs ("SCP syntax", "RCP
 * syntax": "All characters in your SCP count against its maximum size").
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { countsWhiteSpace, policySize, SIZE_QUOTAS } from '../../server/src/iam/document/policySize';
import type { PolicyKind } from '../../server/src/iam/document/policyKind';

const text = '{\n  "Version": "2012-10-17",\r\n\t"Statement": []\n}';
const compact = text.replace(/\s/g, '');

const rows: Array<[PolicyKind, number, number | undefined]> = [
  ['identity', compact.length, 6144],
  ['boundary', compact.length, 6144],
  ['trust', compact.length, 2048],
  ['session', compact.length, 2048],
  ['scp', text.length, 5120],
  ['rcp', text.length, 5120],
  ['resource', compact.length, undefined],
];

for (const [kind, characters, quota] of rows) {
  test(`policySize: ${kind} counts ${characters} of ${text.length} characters, quota ${quota}`, () => {
    assert.deepEqual(policySize(text, kind), { characters, quota });
    assert.equal(SIZE_QUOTAS[kind], quota);
  });
}

test('policySize: only Organizations policies count white space', () => {
  assert.deepEqual(
    (['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'] as const).filter(countsWhiteSpace),
    ['scp', 'rcp'],
  );
});

test('policySize: white space inside strings is not counted by IAM either', () => {
  assert.equal(policySize('{"Sid":"a b"}', 'identity').characters, 12);
});
