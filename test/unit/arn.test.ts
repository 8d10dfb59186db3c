/**
 * Tests of ARN parsing and ARN-template matching (server/src/iam/arn/arnParse.ts): field splitting
 * that keeps `${aws:username}` whole, intersection of policy values (wildcards, variables) with the
 * catalog's ARN formats, and the conservative pattern containment used for redundancy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchArnTemplates, parseArn, splitArnFields } from '../../server/src/iam/arn/arnParse.ts';
import { patternCovers } from '../../server/src/iam/arn/wildcard.ts';

test('arn: fields split on colons outside policy variables', () => {
  assert.deepEqual(
    splitArnFields('arn:aws:iam::${aws:PrincipalAccount}:role/a:b').map((f) => f.text),
    ['arn', 'aws', 'iam', '', '${aws:PrincipalAccount}', 'role/a:b'],
  );
  const arn = parseArn('arn:aws:lambda:us-east-1:123456789012:function:f:1')!;
  assert.equal(arn.resource.text, 'function:f:1');
  assert.equal(arn.region.offset, 15);
  assert.equal(parseArn('arn:aws:s3:bucket'), undefined);
});

const MATCHES: readonly (readonly [arn: string, types: readonly string[]])[] = [
  ['arn:aws:s3:::bucket', ['s3:bucket']],
  ['arn:aws:s3:::bucket/key/with/slashes', ['s3:object']],
  ['arn:aws:s3:::bucket/*', ['s3:object']],
  ['arn:aws:s3:::bucket*', ['s3:bucket', 's3:object']],
  ['arn:aws:s3:::bucket/${aws:username}/*', ['s3:object']],
  ['arn:aws:iam::123456789012:role/path/to/Role', ['iam:role']],
  ['arn:aws:logs:*:*:log-group:/aws/lambda/*', ['logs:log-group', 'logs:log-stream']],
  ['arn:aws:lambda:*:*:function:f', ['lambda:function']],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/Books', ['dynamodb:table']],
  ['arn:aws:dynamodb:us-east-1:123456789012:table/Books/index/ByAuthor', ['dynamodb:index']],
  ['arn:aws:dynamodb:us-east-1:123456789012:tables/Books', []],
  ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', ['ec2:instance']],
  ['arn:aws:ec2:us-east-1:123456789012:instance?i-0abc', ['ec2:instance']],
];

for (const [text, types] of MATCHES) {
  test(`arn: ${text} matches ${types.join(', ') || 'nothing'}`, () => {
    const arn = parseArn(text)!;
    const found = new Set(matchArnTemplates(arn.service.text, arn.resource.text).map((t) => `${t.service}:${t.resourceType}`));
    for (const type of types) assert.ok(found.has(type), `${type} not in ${[...found].join(', ')}`);
    if (types.length === 0) assert.equal(found.size, 0);
    // Types of the same service that must not match (bucket vs object, table vs index).
    if (text === 'arn:aws:s3:::bucket') assert.ok(!found.has('s3:object'));
    if (text === 'arn:aws:s3:::bucket/*') assert.ok(!found.has('s3:bucket'));
    if (text.endsWith('table/Books')) assert.ok(!found.has('dynamodb:index'));
  });
}

test('arn: relaxed matching lets a function take a qualifier', () => {
  const types = (relaxed: boolean) => matchArnTemplates('lambda', 'function:f:*', relaxed).map((t) => t.resourceType);
  assert.ok(!types(false).includes('function'));
  assert.ok(types(true).includes('function'));
});

test('arn: long values stay fast enough to finish (no exponential blow-up)', () => {
  const long = `bucket/${'a*'.repeat(500)}b`;
  assert.deepEqual(matchArnTemplates('s3', long).map((t) => t.resourceType), ['object']);
});

const COVERS: readonly (readonly [outer: string, inner: string, ignoreCase: boolean, expected: boolean])[] = [
  ['iam:Get*', 'iam:GetCredentialReport', true, true],
  ['iam:Get*', 'iam:*CredentialReport', true, false],
  ['s3:G*', 's3:Get*', true, true],
  ['s3:Get*', 's3:G*', true, false],
  ['S3:GET*', 's3:getobject', true, true],
  ['S3:GET*', 's3:getobject', false, false],
  ['x?', 'x*', false, false],
  ['x*', 'x?', false, true],
  ['x?', 'x?', false, true],
  ['*', 'anything*', false, true],
  ['arn:aws:iam::111122223333:role/jane*', 'arn:aws:iam::111122223333:role/jane-admin', false, true],
  ['arn:aws:iam::111122223333:role/jane*', 'arn:aws:iam::111122223333:role/john', false, false],
];

for (const [outer, inner, ignoreCase, expected] of COVERS) {
  test(`arn: ${outer} ${expected ? 'covers' : 'does not cover'} ${inner}${ignoreCase ? ' (any case)' : ''}`, () => {
    assert.equal(patternCovers(outer, inner, ignoreCase), expected);
  });
}
