/**
 * Table tests of every condition operator family, of `...IfExists`, `Null`, the set qualifiers and
 * policy variables in condition values. Each row is one condition evaluated against one request
 * context; the expected value is whether the condition holds. Each table cites the IAM User Guide
 * section its rows come from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition } from '../../server/src/iam/evaluate/conditions/conditionEvaluation';
import { OPERATOR_COMPARISONS } from '../../server/src/iam/evaluate/conditions/operatorComparisons';
import { CONDITION_OPERATORS } from '../../server/src/iam/conditions/operators';
import { RequestContext } from '../../server/src/iam/evaluate/requestContext';
import type { ContextValue } from '../../server/src/iam/evaluate/types';

interface Row {
  readonly name: string;
  readonly op: string;
  readonly key: string;
  readonly values: unknown;
  readonly context: Record<string, ContextValue>;
  readonly expected: boolean;
  /** Policy Version 2012-10-17 (variables resolved) unless false. */
  readonly variables?: boolean;
  readonly missing?: readonly string[];
}

function check(rows: readonly Row[]): void {
  for (const row of rows) {
    test(`${row.op} ${row.name}`, () => {
      const outcome = evaluateCondition(row.op, row.key, row.values, new RequestContext(row.context), row.variables ?? true);
      assert.ok(!('error' in outcome), `unexpected error ${'error' in outcome ? outcome.error : ''}`);
      if ('error' in outcome) return;
      assert.equal(outcome.trace.matched, row.expected, outcome.trace.explanation);
      assert.ok(outcome.trace.explanation.length > 0);
      if (row.missing) assert.deepEqual([...outcome.missingKeys], [...row.missing]);
    });
  }
}

// IAM User Guide, "Condition operators" > "String condition operators": StringEquals is exact and
// case-sensitive, IgnoreCase ignores case, StringLike supports * and ? anywhere; key names are
// case-insensitive ("Variables and tags": "Key names are case-insensitive").
check([
  { name: 'exact match', op: 'StringEquals', key: 'aws:PrincipalTag/team', values: 'blue', context: { 'aws:PrincipalTag/team': 'blue' }, expected: true },
  { name: 'is case-sensitive', op: 'StringEquals', key: 'aws:PrincipalTag/team', values: 'Blue', context: { 'aws:PrincipalTag/team': 'blue' }, expected: false },
  { name: 'key name is case-insensitive', op: 'StringEquals', key: 'AWS:principaltag/TEAM', values: 'blue', context: { 'aws:PrincipalTag/team': 'blue' }, expected: true },
  { name: 'several values are OR', op: 'StringEquals', key: 'k:x', values: ['a', 'b', 'c'], context: { 'k:x': 'b' }, expected: true },
  { name: 'no value equal', op: 'StringEquals', key: 'k:x', values: ['a', 'b'], context: { 'k:x': 'z' }, expected: false },
  { name: 'wildcard is literal', op: 'StringEquals', key: 'k:x', values: 'a*', context: { 'k:x': 'abc' }, expected: false },
  { name: 'literal star equals star', op: 'StringEquals', key: 'k:x', values: 'a*', context: { 'k:x': 'a*' }, expected: true },
  { name: 'missing key is false', op: 'StringEquals', key: 'k:x', values: 'a', context: {}, expected: false, missing: ['k:x'] },
  { name: 'different value', op: 'StringNotEquals', key: 'k:x', values: 'a', context: { 'k:x': 'b' }, expected: true },
  { name: 'same value', op: 'StringNotEquals', key: 'k:x', values: 'a', context: { 'k:x': 'a' }, expected: false },
  { name: 'several values are NOR (one equal)', op: 'StringNotEquals', key: 'k:x', values: ['a', 'b'], context: { 'k:x': 'b' }, expected: false },
  { name: 'several values are NOR (none equal)', op: 'StringNotEquals', key: 'k:x', values: ['a', 'b'], context: { 'k:x': 'c' }, expected: true },
  { name: 'missing key is true', op: 'StringNotEquals', key: 'k:x', values: 'a', context: {}, expected: true, missing: ['k:x'] },
  { name: 'ignores case', op: 'StringEqualsIgnoreCase', key: 'k:x', values: 'HeLLo', context: { 'k:x': 'hello' }, expected: true },
  { name: 'still compares text', op: 'StringEqualsIgnoreCase', key: 'k:x', values: 'hello', context: { 'k:x': 'help' }, expected: false },
  { name: 'negated ignoring case, equal', op: 'StringNotEqualsIgnoreCase', key: 'k:x', values: 'ABC', context: { 'k:x': 'abc' }, expected: false },
  { name: 'negated ignoring case, different', op: 'StringNotEqualsIgnoreCase', key: 'k:x', values: 'ABC', context: { 'k:x': 'abd' }, expected: true },
  { name: 'star matches any run', op: 'StringLike', key: 's3:prefix', values: 'home/*', context: { 's3:prefix': 'home/alice/docs' }, expected: true },
  { name: 'question mark is one character', op: 'StringLike', key: 'k:x', values: 'a?c', context: { 'k:x': 'abc' }, expected: true },
  { name: 'question mark is exactly one', op: 'StringLike', key: 'k:x', values: 'a?c', context: { 'k:x': 'abbc' }, expected: false },
  { name: 'is case-sensitive', op: 'StringLike', key: 'k:x', values: 'A*', context: { 'k:x': 'abc' }, expected: false },
  { name: 'empty string matches empty pattern', op: 'StringLike', key: 's3:prefix', values: ['', 'home/'], context: { 's3:prefix': '' }, expected: true },
  { name: 'not like, matches pattern', op: 'StringNotLike', key: 'k:x', values: 'dev-*', context: { 'k:x': 'dev-1' }, expected: false },
  { name: 'not like, outside pattern', op: 'StringNotLike', key: 'k:x', values: 'dev-*', context: { 'k:x': 'prod-1' }, expected: true },
  { name: 'not like, missing key is true', op: 'StringNotLike', key: 'k:x', values: 'dev-*', context: {}, expected: true },
  { name: 'number in policy compared as text', op: 'StringEquals', key: 'k:x', values: 10, context: { 'k:x': '10' }, expected: true },
]);

// "Condition operators" > "Numeric condition operators": integers and decimals.
check([
  { name: 'equal integers', op: 'NumericEquals', key: 's3:max-keys', values: '10', context: { 's3:max-keys': '10' }, expected: true },
  { name: 'decimal equals integer', op: 'NumericEquals', key: 'k:n', values: '10.0', context: { 'k:n': 10 }, expected: true },
  { name: 'unequal', op: 'NumericEquals', key: 'k:n', values: '10', context: { 'k:n': '11' }, expected: false },
  { name: 'not equals, unequal', op: 'NumericNotEquals', key: 'k:n', values: '10', context: { 'k:n': '11' }, expected: true },
  { name: 'not equals, missing', op: 'NumericNotEquals', key: 'k:n', values: '10', context: {}, expected: true },
  { name: 'less than', op: 'NumericLessThan', key: 'k:n', values: '10', context: { 'k:n': '9.5' }, expected: true },
  { name: 'less than is strict', op: 'NumericLessThan', key: 'k:n', values: '10', context: { 'k:n': '10' }, expected: false },
  { name: 'less than or equal', op: 'NumericLessThanEquals', key: 's3:max-keys', values: '10', context: { 's3:max-keys': '10' }, expected: true },
  { name: 'less than or equal, above', op: 'NumericLessThanEquals', key: 's3:max-keys', values: '10', context: { 's3:max-keys': '11' }, expected: false },
  { name: 'greater than', op: 'NumericGreaterThan', key: 'k:n', values: '-1', context: { 'k:n': '0' }, expected: true },
  { name: 'greater than is strict', op: 'NumericGreaterThan', key: 'k:n', values: '5', context: { 'k:n': '5' }, expected: false },
  { name: 'greater or equal', op: 'NumericGreaterThanEquals', key: 'k:n', values: '5', context: { 'k:n': '5' }, expected: true },
  { name: 'not a number never matches', op: 'NumericEquals', key: 'k:n', values: '5', context: { 'k:n': 'five' }, expected: false },
  // One number reader with validation: "an integer or decimal value", so no exponent form (the
  // evaluator used to read `1e1` as 10 while validation reported TYPE_MISMATCH_NUMBER on it).
  { name: 'an exponent is not a number', op: 'NumericEquals', key: 'k:n', values: '1e1', context: { 'k:n': '10' }, expected: false },
  { name: 'an exponent request value is not a number', op: 'NumericEquals', key: 'k:n', values: '10', context: { 'k:n': '1e1' }, expected: false },
  { name: 'missing key is false', op: 'NumericGreaterThan', key: 'k:n', values: '5', context: {}, expected: false },
]);

// "Condition operators" > "Date condition operators": ISO 8601 (aws:CurrentTime) and epoch seconds
// (aws:EpochTime).
check([
  { name: 'before', op: 'DateLessThan', key: 'aws:CurrentTime', values: '2026-12-31T23:59:59Z', context: { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }, expected: true },
  { name: 'after is not before', op: 'DateLessThan', key: 'aws:CurrentTime', values: '2020-01-01T00:00:00Z', context: { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }, expected: false },
  { name: 'after', op: 'DateGreaterThan', key: 'aws:TokenIssueTime', values: '2020-01-01T00:00:01Z', context: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, expected: true },
  { name: 'date-only value', op: 'DateGreaterThanEquals', key: 'aws:CurrentTime', values: '2026-11-29', context: { 'aws:CurrentTime': '2026-11-29T00:00:00Z' }, expected: true },
  // One date reader with validation: the W3C profile of ISO 8601 that Date operators take includes
  // `YYYY` and `YYYY-MM`, which validation accepted and the evaluator used to reject.
  { name: 'year-only value', op: 'DateGreaterThanEquals', key: 'aws:CurrentTime', values: '2026', context: { 'aws:CurrentTime': '2026-11-29T00:00:00Z' }, expected: true },
  { name: 'year-and-month value', op: 'DateLessThan', key: 'aws:CurrentTime', values: '2026-12', context: { 'aws:CurrentTime': '2026-11-29T00:00:00Z' }, expected: true },
  { name: 'equal instants in different zones', op: 'DateEquals', key: 'aws:CurrentTime', values: '2026-11-29T12:00:00+02:00', context: { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }, expected: true },
  { name: 'not equals', op: 'DateNotEquals', key: 'aws:CurrentTime', values: '2026-11-29T10:00:00Z', context: { 'aws:CurrentTime': '2026-11-29T10:00:01Z' }, expected: true },
  { name: 'epoch seconds in the request', op: 'DateLessThan', key: 'aws:EpochTime', values: '2030-01-01T00:00:00Z', context: { 'aws:EpochTime': 1795000000 }, expected: true },
  { name: 'epoch seconds in the policy', op: 'DateGreaterThan', key: 'aws:CurrentTime', values: '1700000000', context: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, expected: true },
  { name: 'less or equal at the same instant', op: 'DateLessThanEquals', key: 'aws:EpochTime', values: '1700000000', context: { 'aws:EpochTime': '1700000000' }, expected: true },
  { name: 'unreadable date never matches', op: 'DateLessThan', key: 'aws:CurrentTime', values: 'tomorrow', context: { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }, expected: false },
  { name: 'missing key is false', op: 'DateLessThan', key: 'aws:TokenIssueTime', values: '2030-01-01T00:00:00Z', context: {}, expected: false },
]);

// "Condition operators" > "Boolean condition operators".
check([
  { name: 'false equals false', op: 'Bool', key: 'aws:SecureTransport', values: 'false', context: { 'aws:SecureTransport': 'false' }, expected: true },
  { name: 'true is not false', op: 'Bool', key: 'aws:SecureTransport', values: 'false', context: { 'aws:SecureTransport': true }, expected: false },
  { name: 'JSON boolean in the policy', op: 'Bool', key: 'aws:MultiFactorAuthPresent', values: true, context: { 'aws:MultiFactorAuthPresent': 'true' }, expected: true },
  { name: 'missing key is false', op: 'Bool', key: 'aws:MultiFactorAuthPresent', values: 'true', context: {}, expected: false },
  { name: 'IfExists with missing key is true', op: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: 'false', context: {}, expected: true },
]);

// "Condition operators" > "Binary condition operators": byte-for-byte against base64.
check([
  { name: 'same bytes', op: 'BinaryEquals', key: 'k:bin', values: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', context: { 'k:bin': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, expected: true },
  { name: 'different bytes', op: 'BinaryEquals', key: 'k:bin', values: 'QmluYXJ5', context: { 'k:bin': 'QmluYXJ6' }, expected: false },
  { name: 'not base64', op: 'BinaryEquals', key: 'k:bin', values: '!!!', context: { 'k:bin': '!!!' }, expected: false },
  { name: 'missing key is false', op: 'BinaryEquals', key: 'k:bin', values: 'QQ==', context: {}, expected: false },
]);

// "Condition operators" > "IP address condition operators": IPv4 and IPv6 CIDR; an address without
// a prefix is a single address.
check([
  { name: 'inside /24', op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '203.0.113.7' }, expected: true },
  { name: 'outside /24', op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '203.0.114.7' }, expected: false },
  { name: 'single address', op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.7', context: { 'aws:SourceIp': '203.0.113.7' }, expected: true },
  { name: 'single address differs', op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.7', context: { 'aws:SourceIp': '203.0.113.8' }, expected: false },
  { name: '/0 covers all IPv4', op: 'IpAddress', key: 'aws:SourceIp', values: '0.0.0.0/0', context: { 'aws:SourceIp': '8.8.8.8' }, expected: true },
  { name: 'IPv6 /64', op: 'IpAddress', key: 'aws:SourceIp', values: '2001:DB8:1234:5678::/64', context: { 'aws:SourceIp': '2001:db8:1234:5678:abcd::1' }, expected: true },
  { name: 'IPv6 outside /64', op: 'IpAddress', key: 'aws:SourceIp', values: '2001:DB8:1234:5678::/64', context: { 'aws:SourceIp': '2001:db8:1234:5679::1' }, expected: false },
  { name: 'mixed list matches IPv6', op: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24', '2001:DB8:1234:5678::/64'], context: { 'aws:SourceIp': '2001:db8:1234:5678::9' }, expected: true },
  { name: 'IPv4 never in an IPv6 range', op: 'IpAddress', key: 'aws:SourceIp', values: '::/0', context: { 'aws:SourceIp': '10.0.0.1' }, expected: false },
  { name: 'not in range', op: 'NotIpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '198.51.100.1' }, expected: true },
  { name: 'in range', op: 'NotIpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '203.0.113.1' }, expected: false },
  { name: 'NOR over ranges', op: 'NotIpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8', '203.0.113.0/24'], context: { 'aws:SourceIp': '203.0.113.1' }, expected: false },
  { name: 'missing key, negated, is true', op: 'NotIpAddress', key: 'aws:SourceIp', values: '10.0.0.0/8', context: {}, expected: true },
  { name: 'missing key is false', op: 'IpAddress', key: 'aws:SourceIp', values: '10.0.0.0/8', context: {}, expected: false },
]);

// "Condition operators" > "Amazon Resource Name (ARN) condition operators": each of the six
// colon-delimited components is matched separately; ArnEquals and ArnLike behave identically.
check([
  { name: 'exact ARN', op: 'ArnEquals', key: 'aws:SourceArn', values: 'arn:aws:sns:us-east-1:123456789012:topic', context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic' }, expected: true },
  { name: 'ArnEquals accepts wildcards like ArnLike', op: 'ArnEquals', key: 'aws:SourceArn', values: 'arn:aws:sns:*:123456789012:*', context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic' }, expected: true },
  { name: 'wildcard region', op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:someservice:*:111122223333:finance/*', context: { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:111122223333:finance/doc.txt' }, expected: true },
  { name: 'star cannot cross a colon (documented example)', op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:someservice:*:111122223333:finance/*', context: { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' }, expected: false },
  { name: 'StringLike crosses the colon in the same example', op: 'StringLike', key: 'aws:SourceArn', values: 'arn:aws:someservice:*:111122223333:finance/*', context: { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' }, expected: true },
  { name: 'is case-sensitive', op: 'ArnLike', key: 'aws:PrincipalArn', values: 'arn:aws:iam::111122223333:role/Admin', context: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/admin' }, expected: false },
  { name: 'different account', op: 'ArnLike', key: 'aws:PrincipalArn', values: 'arn:aws:iam::111122223333:role/*', context: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/x' }, expected: false },
  { name: 'not equals, other ARN', op: 'ArnNotEquals', key: 'aws:PrincipalArn', values: 'arn:aws:iam::444455556666:user/bob', context: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:user/alice' }, expected: true },
  { name: 'not like, matching ARN', op: 'ArnNotLike', key: 'aws:PrincipalArn', values: 'arn:aws:iam::*:role/Admin*', context: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/AdminX' }, expected: false },
  { name: 'not like, missing key is true', op: 'ArnNotLike', key: 'aws:PrincipalArn', values: 'arn:aws:iam::*:role/Admin*', context: {}, expected: true },
  { name: 'resource part may contain colons', op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:logs:us-east-1:111122223333:log-group:*', context: { 'aws:SourceArn': 'arn:aws:logs:us-east-1:111122223333:log-group:app:*' }, expected: true },
]);

// "Condition operators" > "Condition operator to check existence of condition keys" (Null) and
// "...IfExists condition operators".
check([
  { name: 'true when absent', op: 'Null', key: 'aws:TokenIssueTime', values: 'true', context: {}, expected: true },
  { name: 'true is false when present', op: 'Null', key: 'aws:TokenIssueTime', values: 'true', context: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, expected: false },
  { name: 'false when present', op: 'Null', key: 'aws:TokenIssueTime', values: 'false', context: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, expected: true },
  { name: 'false is false when absent', op: 'Null', key: 'aws:TokenIssueTime', values: false, context: {}, expected: false },
  { name: 'IfExists, key present and matching', op: 'StringLikeIfExists', key: 'ec2:InstanceType', values: ['t1.*', 't2.*'], context: { 'ec2:InstanceType': 't2.micro' }, expected: true },
  { name: 'IfExists, key present and not matching', op: 'StringLikeIfExists', key: 'ec2:InstanceType', values: ['t1.*', 't2.*'], context: { 'ec2:InstanceType': 'm5.large' }, expected: false },
  { name: 'IfExists, key absent', op: 'StringLikeIfExists', key: 'ec2:InstanceType', values: ['t1.*'], context: {}, expected: true },
  { name: 'negated IfExists, key absent', op: 'StringNotEqualsIfExists', key: 'aws:PrincipalOrgID', values: 'o-123', context: {}, expected: true },
  { name: 'negated IfExists, key equal', op: 'StringNotEqualsIfExists', key: 'aws:PrincipalOrgID', values: 'o-123', context: { 'aws:PrincipalOrgID': 'o-123' }, expected: false },
  { name: 'numeric IfExists, key absent', op: 'NumericLessThanIfExists', key: 'k:n', values: '3', context: {}, expected: true },
  { name: 'IP IfExists, key present outside', op: 'IpAddressIfExists', key: 'aws:SourceIp', values: '10.0.0.0/8', context: { 'aws:SourceIp': '11.0.0.1' }, expected: false },
]);

// "Single-valued vs. multivalued context keys" and "Multivalued context key examples": ForAllValues
// is true when every request value matches (and for a missing key or an empty set); ForAnyValue is
// true when one does (false for a missing key or an empty set); with negated operators the negation
// is per request value.
check([
  { name: 'all request values listed', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['team', 'env', 'cost'], context: { 'aws:TagKeys': ['team', 'env'] }, expected: true },
  { name: 'one request value not listed', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['team', 'env'], context: { 'aws:TagKeys': ['team', 'owner'] }, expected: false },
  { name: 'missing key is true', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['team'], context: {}, expected: true },
  { name: 'empty set is true', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['team'], context: { 'aws:TagKeys': [] }, expected: true },
  { name: 'one matching value', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['ID', 'PostDateTime'], context: { 'aws:TagKeys': ['UserName', 'Message', 'PostDateTime'] }, expected: true },
  { name: 'no matching value', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['ID', 'PostDateTime'], context: { 'aws:TagKeys': ['UserName'] }, expected: false },
  { name: 'missing key is false', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['ID'], context: {}, expected: false },
  { name: 'empty set is false', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['ID'], context: { 'aws:TagKeys': [] }, expected: false },
  { name: 'negated: a value like the pattern', op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', context: { 'aws:TagKeys': ['key1:legal'] }, expected: false },
  { name: 'negated: values all like the pattern', op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', context: { 'aws:TagKeys': ['key1:hr', 'key1:personnel'] }, expected: false },
  { name: 'negated: value unlike the pattern', op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', context: { 'aws:TagKeys': ['key2:audit'] }, expected: true },
  { name: 'negated: missing key is true', op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', context: {}, expected: true },
  { name: 'negated: one value outside the list', op: 'ForAnyValue:StringNotEquals', key: 'aws:TagKeys', values: ['a', 'b'], context: { 'aws:TagKeys': ['a', 'z'] }, expected: true },
  { name: 'negated: every value in the list', op: 'ForAnyValue:StringNotEquals', key: 'aws:TagKeys', values: ['a', 'b'], context: { 'aws:TagKeys': ['a', 'b'] }, expected: false },
  { name: 'negated: missing key is false', op: 'ForAnyValue:StringNotEquals', key: 'aws:TagKeys', values: ['a'], context: {}, expected: false },
  { name: 'with wildcards', op: 'ForAnyValue:StringLike', key: 'aws:TagKeys', values: 'Created*', context: { 'aws:TagKeys': ['CreatedBy', 'Owner'] }, expected: true },
  { name: 'ForAllValues with wildcards', op: 'ForAllValues:StringLike', key: 'aws:TagKeys', values: 'Created*', context: { 'aws:TagKeys': ['CreatedBy', 'CreatedAt'] }, expected: true },
  { name: 'qualifier with IfExists, key absent', op: 'ForAnyValue:StringEqualsIfExists', key: 'aws:TagKeys', values: 'a', context: {}, expected: true },
  { name: 'ARN set operator', op: 'ForAnyValue:ArnLike', key: 'aws:CalledVia', values: 'arn:aws:iam::*:role/x', context: { 'aws:CalledVia': ['arn:aws:iam::111122223333:role/x'] }, expected: true },
]);

// "Variables and tags": variables resolve in String/Bool/ARN values under Version 2012-10-17; a
// variable without a value makes the value match nothing ("Policy variables with no value"), so a
// negated operator then matches; defaults and ${*}, ${?}, ${$} special characters.
check([
  { name: 'variable resolved', op: 'StringLike', key: 's3:prefix', values: 'home/${aws:username}/*', context: { 's3:prefix': 'home/alice/x', 'aws:username': 'alice' }, expected: true },
  { name: 'variable resolves to another user', op: 'StringLike', key: 's3:prefix', values: 'home/${aws:username}/*', context: { 's3:prefix': 'home/bob/x', 'aws:username': 'alice' }, expected: false },
  { name: 'variable without value matches nothing', op: 'StringLike', key: 's3:prefix', values: 'home/${aws:username}/*', context: { 's3:prefix': 'home/alice/x' }, expected: false, missing: ['aws:username'] },
  { name: 'negated operator matches a null variable', op: 'StringNotEquals', key: 's3:ExistingObjectTag/Team', values: '${aws:PrincipalTag/Team}', context: { 's3:ExistingObjectTag/Team': 'red' }, expected: true, missing: ['aws:PrincipalTag/Team'] },
  { name: 'tag variable equal', op: 'StringEquals', key: 's3:ExistingObjectTag/Team', values: '${aws:PrincipalTag/Team}', context: { 's3:ExistingObjectTag/Team': 'red', 'aws:PrincipalTag/Team': 'red' }, expected: true },
  { name: 'default used when key is missing', op: 'StringEquals', key: 'k:x', values: "${aws:PrincipalTag/team, 'company-wide'}", context: { 'k:x': 'company-wide' }, expected: true },
  { name: 'default ignored when key is present', op: 'StringEquals', key: 'k:x', values: "${aws:PrincipalTag/team, 'company-wide'}", context: { 'k:x': 'company-wide', 'aws:PrincipalTag/team': 'yellow' }, expected: false },
  { name: '${*} is a literal star', op: 'StringLike', key: 'k:x', values: 'a${*}', context: { 'k:x': 'abc' }, expected: false },
  { name: '${*} matches a star', op: 'StringLike', key: 'k:x', values: 'a${*}', context: { 'k:x': 'a*' }, expected: true },
  { name: '${?} and ${$}', op: 'StringEquals', key: 'k:x', values: '${?}${$}', context: { 'k:x': '?$' }, expected: true },
  { name: 'substituted text is literal', op: 'StringLike', key: 'k:x', values: '${aws:username}', context: { 'k:x': 'anything', 'aws:username': '*' }, expected: false },
  { name: 'literal without Version 2012-10-17', op: 'StringEquals', key: 'k:x', values: '${aws:username}', context: { 'k:x': '${aws:username}', 'aws:username': 'alice' }, expected: true, variables: false },
  { name: 'variables resolve in Bool', op: 'Bool', key: 'k:flag', values: '${k:other}', context: { 'k:flag': 'true', 'k:other': 'true' }, expected: true },
  { name: 'variables resolve in ArnLike', op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:s3:::${aws:username}-*', context: { 'aws:SourceArn': 'arn:aws:s3:::alice-logs', 'aws:username': 'alice' }, expected: true },
  { name: 'Numeric does not resolve variables', op: 'NumericEquals', key: 'k:n', values: '${k:m}', context: { 'k:n': '1', 'k:m': '1' }, expected: false },
  { name: 'multivalued key is not a variable', op: 'StringEquals', key: 'k:x', values: '${aws:TagKeys}', context: { 'k:x': 'a', 'aws:TagKeys': ['a'] }, expected: false },
  // One parser with validation ("Variables and tags", "Specifying default values": "surround the default
  // value with single quotes"). Bugs removed: the evaluator read `''` in a default as one quote, and
  // read a variable whose default lacks its closing quote as literal text that could match.
  { name: "'' in a default stays two quotes", op: 'StringEquals', key: 'k:x', values: "${aws:PrincipalTag/team, 'it''s'}", context: { 'k:x': "it''s" }, expected: true },
  { name: "'' in a default is not one quote", op: 'StringEquals', key: 'k:x', values: "${aws:PrincipalTag/team, 'it''s'}", context: { 'k:x': "it's" }, expected: false },
  { name: 'a default without its closing quote matches nothing', op: 'StringEquals', key: 'k:x', values: "${aws:username, 'x}", context: { 'k:x': "${aws:username, 'x}", 'aws:username': 'alice' }, expected: false },
  { name: 'a negated operator matches a malformed variable', op: 'StringNotEquals', key: 'k:x', values: "${aws:username, 'x}", context: { 'k:x': 'alice', 'aws:username': 'alice' }, expected: true },
  { name: 'variable key name is case-insensitive', op: 'StringEquals', key: 'k:x', values: '${AWS:USERNAME}', context: { 'k:x': 'alice', 'aws:username': 'alice' }, expected: true },
]);

// "Conditions with multiple context keys or values": a plain operator on a request with several
// values is evaluated as matching when any value matches, and a warning says a set qualifier is
// missing.
test('a plain operator on a multivalued key warns', () => {
  const outcome = evaluateCondition('StringEquals', 'aws:TagKeys', 'a', new RequestContext({ 'aws:TagKeys': ['a', 'b'] }), true);
  assert.ok(!('error' in outcome));
  if ('error' in outcome) return;
  assert.equal(outcome.trace.matched, true);
  assert.match(outcome.problems.join('\n'), /ForAllValues/);
});

test('condition trace carries resolved policy values and request values', () => {
  const outcome = evaluateCondition('StringEquals', 'k:x', '${aws:username}-x', new RequestContext({ 'k:x': 'alice-x', 'aws:username': 'alice' }), true);
  assert.ok(!('error' in outcome));
  if ('error' in outcome) return;
  assert.deepEqual(outcome.trace.policyValues, ['alice-x']);
  assert.deepEqual(outcome.trace.requestValues, ['alice-x']);
});

// Operator names: qualifiers, IfExists, and errors for unknown names (recorded, never thrown). The
// evaluator takes names apart with the operator table's parser, the one validation uses.
const nameRows: ReadonlyArray<[string, string | undefined]> = [
  ['StringEquals', 'StringEquals'],
  ['ForAnyValue:StringLikeIfExists', 'StringLike'],
  ['DateGreaterThanEqualsIfExists', 'DateGreaterThanEquals'],
  ['NullIfExists', undefined],
  ['StringEqual', undefined],
  ['stringequals', undefined],
  ['ForSomeValues:StringEquals', undefined],
  // Bug removed with the second parser: it stripped both qualifiers and evaluated the condition.
  ['ForAllValues:ForAnyValue:StringEquals', undefined],
];
for (const [name, base] of nameRows) {
  test(`operator name ${name}`, () => {
    const outcome = evaluateCondition(name, 'aws:username', 'alice', new RequestContext({ 'aws:username': 'alice' }), true);
    if (base === undefined) assert.ok('error' in outcome, `expected an error for ${name}`);
    else assert.ok(!('error' in outcome) && outcome.trace.operator === name, `${name} should evaluate as ${base}`);
  });
}

test('an unknown operator name gets the nearest name as suggestion', () => {
  const outcome = evaluateCondition('StringEqual', 'aws:username', 'alice', new RequestContext({}), true);
  assert.ok('error' in outcome);
  assert.equal(outcome.error, '`StringEqual` is not a condition operator (did you mean `StringEquals`?)');
  const nullIfExists = evaluateCondition('NullIfExists', 'aws:username', 'true', new RequestContext({}), true);
  assert.ok('error' in nullIfExists && nullIfExists.error === '`NullIfExists`: `IfExists` cannot be added to `Null`');
});

test('every documented operator has exactly one comparison', () => {
  // "Condition operators": 6 String, 6 Numeric, 6 Date, Bool, BinaryEquals, 2 IP, 4 ARN, Null.
  assert.equal(CONDITION_OPERATORS.length, 27);
  assert.deepEqual([...OPERATOR_COMPARISONS.keys()].sort(), CONDITION_OPERATORS.map((info) => info.name).sort());
});

test('a wrong value type is an error, not an exception', () => {
  const outcome = evaluateCondition('StringEquals', 'k:x', { nested: true }, new RequestContext({}), true);
  assert.ok('error' in outcome);
});
