/**
 * Wildcard and ARN matching stay linear on adversarial input (ARCHITECTURE invariant 5): `*a*a*a…`
 * patterns against long strings through matchWildcard, the evaluator's resource and `StringLike`
 * matching, pattern containment (redundancy checks) and the validation of a policy full of such
 * patterns. Each test asserts the results; the test runner's per-test timeout is the time bound (a
 * backtracking matcher would take longer than the age of the universe on these inputs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchWildcard } from '../../server/src/iam/arn/wildcard.ts';
import { patternCovers } from '../../server/src/iam/arn/wildcard.ts';
import { compileWildcard, matchArnCodes, matchCodes } from '../../server/src/iam/evaluate/wildcardMatch.ts';
import { evaluate } from '../../server/src/iam/evaluate/index.ts';
import { validatePolicy } from '../../server/src/iam/validate/engine/runner.ts';

const STARS = '*a'.repeat(2000); // `*a*a*a…`, 4,000 characters
const LONG_A = 'a'.repeat(200_000);

test('matchWildcard: *a*a*a… against long runs of a, with and without a final mismatch', () => {
  assert.equal(matchWildcard(STARS, LONG_A, false), true);
  assert.equal(matchWildcard(`${STARS}b`, LONG_A, false), false);
  assert.equal(matchWildcard(`${STARS}*b`, `${LONG_A}b`, false), true);
  assert.equal(matchWildcard(STARS, 'a'.repeat(1999), false), false);
  assert.equal(matchWildcard(`${'*?'.repeat(1000)}b`, LONG_A, true), false);
  assert.equal(matchWildcard(`${'*A'.repeat(1000)}`, LONG_A, true), true);
  // A long literal after the last star is the costly shape for star-backtracking: still bounded.
  assert.equal(matchWildcard(`*${'a'.repeat(300)}b`, 'a'.repeat(20_000), false), false);
  assert.equal(matchWildcard(`*${'a'.repeat(300)}b`, `${'a'.repeat(20_000)}b`, false), true);
});

test('evaluator code matcher and ARN matcher: the same shapes, segment by segment', () => {
  assert.equal(matchCodes(compileWildcard(STARS, false), LONG_A, false), true);
  assert.equal(matchCodes(compileWildcard(`${STARS}b`, false), LONG_A, false), false);
  const arn = `arn:aws:s3:::${LONG_A}`;
  assert.equal(matchArnCodes(compileWildcard(`arn:aws:s3:::${STARS}`, false), arn), true);
  assert.equal(matchArnCodes(compileWildcard(`arn:aws:s3:::${STARS}b`, false), arn), false);
  assert.equal(matchArnCodes(compileWildcard(`arn:*:*:*:*:${STARS}`, false), arn), true);
  // Many colons in the resource part stay one segment.
  assert.equal(matchArnCodes(compileWildcard('arn:aws:s3:::*:*:*:*b', false), `arn:aws:s3:::${':a'.repeat(50_000)}`), false);
});

test('pattern containment (redundancy): *a*a*a… patterns against each other and long literals', () => {
  assert.equal(patternCovers(STARS, LONG_A, false), true);
  assert.equal(patternCovers(`${STARS}b`, LONG_A, false), false);
  assert.equal(patternCovers('*', STARS, false), true);
  assert.equal(patternCovers(STARS.slice(0, 200), STARS, false), true);
  assert.equal(patternCovers(STARS, STARS.slice(0, 200), false), false);
});

test('evaluator: Resource and StringLike with *a*a*a… patterns decide correctly on long values', () => {
  const policy = (resource: string, like: string) => ({
    id: 'p',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: `s3:${'*'.repeat(300)}Get${'*?'.repeat(3)}*`, Resource: resource, Condition: { StringLike: { 'aws:PrincipalTag/team': like } } }] },
  });
  const request = (resource: string, team: string, resourcePattern: string, like: string) =>
    evaluate({
      principal: 'arn:aws:iam::123456789012:user/alice',
      action: 's3:GetObject',
      resource,
      context: { 'aws:PrincipalTag/team': team },
      identityPolicies: [policy(resourcePattern, like)],
    });
  const resource = `arn:aws:s3:::bucket/${'a'.repeat(100_000)}`;
  assert.equal(request(resource, LONG_A, `arn:aws:s3:::bucket/${STARS}`, STARS).decision, 'Allow');
  assert.equal(request(resource, LONG_A, `arn:aws:s3:::bucket/${STARS}b`, STARS).decision, 'ImplicitDeny');
  assert.equal(request(resource, LONG_A, `arn:aws:s3:::bucket/${STARS}`, `${STARS}b`).decision, 'ImplicitDeny');
});

test('validation of a policy full of *a*a*a… patterns finishes and reports the redundant entries', () => {
  const resources = [`arn:aws:s3:::${STARS}`, `arn:aws:s3:::${'a'.repeat(50_000)}`, `arn:aws:s3:::${STARS}b`, `arn:aws:s3:::${'*a'.repeat(1000)}`];
  const actions = [`s3:${'*'.repeat(500)}Get${'*'.repeat(500)}`, 's3:GetObject', `s3:${'*?'.repeat(500)}`, `*${'?'.repeat(200)}`];
  const text = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: actions, Resource: resources, Condition: { StringLike: { 's3:prefix': [STARS, `${STARS}b`] }, ArnLike: { 'aws:SourceArn': `arn:aws:*:*:*:${STARS}` } } },
      { Effect: 'Allow', Action: actions, Resource: resources },
    ],
  });
  const result = validatePolicy(text, { kind: 'identity' });
  assert.deepEqual(result.errors, []);
  // The string literal a finding starts on (none of these values contains an escaped quote).
  const literalAt = (offset: number) => (text[offset] === '"' ? (JSON.parse(text.slice(offset, text.indexOf('"', offset + 1) + 1)) as string) : text.slice(offset, offset + 20));
  const at = (code: string) => result.findings.filter((f) => f.code === code).map((f) => literalAt(f.span.offset));
  // `*a` × 1,000 covers `*a` × 2,000 and the long literal, but not the pattern that ends in `b`.
  const redundantResources = new Set(at('REDUNDANT_RESOURCE'));
  assert.deepEqual([...redundantResources].sort(), [resources[0], resources[1]].sort());
  assert.deepEqual([...new Set(at('REDUNDANT_ACTION'))], ['s3:GetObject']);
  // `*?` × 500 needs an action name of 500 characters or more: no action has one.
  assert.ok(at('INVALID_ACTION').includes(actions[2]!));
  // The second statement repeats the first without its condition: the first is covered by it.
  assert.equal(at('REDUNDANT_STATEMENT').length, 1);
});
