/**
 * Tests of the condition operator table (IAM User Guide, "IAM JSON policy elements: Condition
 * operators"): every documented operator is there with its family, and names are taken apart into
 * qualifier, base and IfExists with suggestions for misspellings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONDITION_OPERATORS, OPERATOR_NAMES, counterpartIn, familiesForKeyType, likeCounterpart, nearestOperator, operatorInfo, parseOperatorName } from '../../server/src/iam/conditions/operators.ts';

const DOCUMENTED = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];

test('the table has exactly the documented operators', () => {
  assert.deepEqual(CONDITION_OPERATORS.map((info) => info.name), DOCUMENTED);
  assert.equal(OPERATOR_NAMES.length, DOCUMENTED.length * 2 - 1);
});

const FACTS: ReadonlyArray<[string, string, boolean, boolean]> = [
  // name, family, negated, variables ("Condition operators": "You can use a policy variable with the
  // String / Boolean / ARN condition operator", "You can not use" one with the others)
  ['StringNotLike', 'String', true, true],
  ['Bool', 'Bool', false, true],
  ['ArnLike', 'Arn', false, true],
  ['NumericLessThan', 'Numeric', false, false],
  ['DateNotEquals', 'Date', true, false],
  ['NotIpAddress', 'IpAddress', true, false],
  ['BinaryEquals', 'Binary', false, false],
  ['Null', 'Null', false, false],
];
for (const [name, family, negated, variables] of FACTS) {
  test(`${name} is ${family}, negated=${negated}, variables=${variables}`, () => {
    const info = operatorInfo(name)!;
    assert.equal(info.family, family);
    assert.equal(info.negated, negated);
    assert.equal(info.variables, variables);
    assert.equal(info.acceptsIfExists, name !== 'Null');
    assert.ok(info.description.length > 0 && info.missingKey.length > 0);
  });
}

const PARSES: ReadonlyArray<[string, { qualifier?: string; base?: string; ifExists?: boolean; problem?: string; suggestion?: string }]> = [
  ['StringEquals', { base: 'StringEquals', ifExists: false }],
  ['ForAnyValue:StringLikeIfExists', { qualifier: 'ForAnyValue', base: 'StringLike', ifExists: true }],
  ['ForAllValues:ArnEquals', { qualifier: 'ForAllValues', base: 'ArnEquals', ifExists: false }],
  ['NullIfExists', { base: 'Null', problem: 'nullIfExists' }],
  ['StringEqual', { problem: 'operator', suggestion: 'StringEquals' }],
  ['stringlikeifexists', { problem: 'operator', suggestion: 'StringLikeIfExists' }],
  ['ForAllValue:StringEquals', { problem: 'qualifier', base: 'StringEquals' }],
  ['Bogus', { problem: 'operator', suggestion: undefined }],
];
for (const [name, expected] of PARSES) {
  test(`parses ${name}`, () => {
    const parsed = parseOperatorName(name);
    assert.equal(parsed.qualifier, expected.qualifier ?? (expected.problem === 'qualifier' ? 'ForAllValues' : undefined));
    assert.equal(parsed.info?.name, expected.base);
    if (expected.ifExists !== undefined) assert.equal(parsed.ifExists, expected.ifExists);
    assert.equal(parsed.problem?.kind, expected.problem);
    if (parsed.problem?.kind === 'operator') assert.equal(parsed.problem.suggestion, expected.suggestion);
  });
}

test('nearest operator, Like and family counterparts, key type families', () => {
  assert.equal(nearestOperator('NumericLessThen'), 'NumericLessThan');
  assert.equal(likeCounterpart('StringEquals'), 'StringLike');
  assert.equal(likeCounterpart('StringNotEquals'), 'StringNotLike');
  assert.equal(likeCounterpart('StringEqualsIgnoreCase'), undefined);
  assert.equal(counterpartIn(operatorInfo('StringEquals')!, 'Bool'), 'Bool');
  assert.equal(counterpartIn(operatorInfo('StringNotEquals')!, 'Numeric'), 'NumericNotEquals');
  assert.equal(counterpartIn(operatorInfo('StringLike')!, 'Arn'), 'ArnLike');
  assert.equal(counterpartIn(operatorInfo('NumericLessThan')!, 'Date'), 'DateLessThan');
  assert.deepEqual(familiesForKeyType('ArrayOfARN'), ['Arn', 'String']);
  assert.deepEqual(familiesForKeyType('Bool'), ['Bool']);
  assert.equal(familiesForKeyType('Mystery'), undefined);
});
