/**
 * The principal classifier (IAM User Guide, "AWS JSON policy elements: Principal" and "IAM
 * identifiers"): each row is a principal type, a value and what it must be classified as.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { classifyPrincipal, isSessionOfRole, parsePrincipalValue, type PrincipalValueKind } from '../../server/src/iam/principals/principalParse';
import { parsePrincipal as parseRequestPrincipal } from '../../server/src/iam/evaluate/principal';

const rows: Array<[type: string, value: string, kind: PrincipalValueKind, fields?: Record<string, string>]> = [
  ['AWS', '*', 'wildcard'],
  ['AWS', '123456789012', 'accountId', { account: '123456789012' }],
  ['AWS', '12345678901', 'invalid'],
  ['AWS', '1234567890123', 'invalid'],
  ['AWS', 'arn:aws:iam::123456789012:root', 'accountRoot', { partition: 'aws', account: '123456789012' }],
  ['AWS', 'arn:aws-us-gov:iam::123456789012:root', 'accountRoot', { partition: 'aws-us-gov' }],
  ['AWS', 'arn:aws:iam::123456789012:user/Alice', 'iamUser', { name: 'Alice', path: '/' }],
  ['AWS', 'arn:aws:iam::123456789012:user/division/team/Bob', 'iamUser', { name: 'Bob', path: '/division/team/' }],
  ['AWS', 'arn:aws:iam::123456789012:role/service-role/MyRole', 'iamRole', { name: 'MyRole', path: '/service-role/' }],
  ['AWS', 'arn:aws:sts::123456789012:assumed-role/MyRole/session-1', 'assumedRole', { name: 'MyRole', sessionName: 'session-1' }],
  ['AWS', 'arn:aws:sts::123456789012:federated-user/Carol', 'federatedUser', { name: 'Carol' }],
  ['AWS', 'AROA1234567890EXAMPLE', 'roleUniqueId'],
  ['AWS', 'AIDA1234567890EXAMPLE', 'userUniqueId'],
  ['AWS', 'arn:aws:iam::123456789012:group/Admins', 'invalid'],
  ['AWS', 'arn:aws:iam:us-east-1:123456789012:root', 'invalid'],
  ['AWS', 'arn:nope:iam::123456789012:root', 'invalid'],
  ['AWS', 'arn:aws:sts::123456789012:assumed-role/MyRole', 'invalid'],
  ['AWS', 'arn:aws:s3:::bucket', 'invalid'],
  ['AWS', 'alice', 'invalid'],
  ['Service', 'ec2.amazonaws.com', 'service'],
  ['Service', 'ec2.amazonaws.com.cn', 'service'],
  ['Service', 'logs.us-east-1.amazonaws.com', 'service'],
  ['Service', 'EC2.amazonaws.com', 'invalid'],
  ['Service', 'ec2', 'invalid'],
  ['Federated', 'arn:aws:iam::123456789012:saml-provider/ExampleIdP', 'samlProvider', { provider: 'ExampleIdP' }],
  ['Federated', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', 'oidcProvider', { provider: 'token.actions.githubusercontent.com' }],
  ['Federated', 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC', 'oidcProvider', { provider: 'oidc.eks.us-east-1.amazonaws.com/id/ABC' }],
  ['Federated', 'cognito-identity.amazonaws.com', 'webIdentityDomain', { provider: 'cognito-identity.amazonaws.com' }],
  ['Federated', 'accounts.google.com', 'webIdentityDomain'],
  ['Federated', 'https://accounts.google.com', 'invalid'],
  ['Federated', 'arn:aws:iam::123456789012:role/R', 'invalid'],
  ['Federated', 'localhost', 'invalid'],
  ['CanonicalUser', '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', 'canonicalUser'],
  ['CanonicalUser', '79a59df9', 'invalid'],
  ['Other', 'x', 'invalid'],
];

for (const [type, value, kind, fields] of rows) {
  test(`principalParse: ${type} ${value} is ${kind}`, () => {
    const parsed = parsePrincipalValue(type, value);
    assert.equal(parsed.kind, kind, parsed.problem);
    if (kind === 'invalid') assert.ok(parsed.problem && parsed.problem.includes('`'), 'an invalid value has a problem naming user text');
    for (const [field, expected] of Object.entries(fields ?? {})) assert.equal((parsed as unknown as Record<string, string>)[field], expected, field);
  });
}

test('principalParse: partial wildcards are flagged, the bare wildcard is not', () => {
  assert.equal(parsePrincipalValue('AWS', 'arn:aws:iam::123456789012:role/*').partialWildcard, true);
  assert.equal(parsePrincipalValue('AWS', 'arn:aws:iam::123456789012:user/dev-?').partialWildcard, true);
  assert.equal(parsePrincipalValue('AWS', '*').partialWildcard, false);
  assert.equal(parsePrincipalValue('AWS', 'arn:aws:iam::123456789012:role/R').partialWildcard, false);
});

test('principalParse: classifyPrincipal guesses the type', () => {
  assert.equal(classifyPrincipal('ec2.amazonaws.com').kind, 'service');
  assert.equal(classifyPrincipal('arn:aws:iam::123456789012:saml-provider/X').kind, 'samlProvider');
  assert.equal(classifyPrincipal('cognito-identity.amazonaws.com').kind, 'service');
  assert.equal(classifyPrincipal('accounts.google.com').kind, 'webIdentityDomain');
  assert.equal(classifyPrincipal('123456789012').kind, 'accountId');
  assert.equal(classifyPrincipal('arn:aws:sts::123456789012:assumed-role/R/s').kind, 'assumedRole');
  assert.equal(classifyPrincipal('79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be').kind, 'canonicalUser');
});

test('principalParse: a role session belongs to its role', () => {
  const role = parsePrincipalValue('AWS', 'arn:aws:iam::123456789012:role/path/R');
  assert.ok(isSessionOfRole(parsePrincipalValue('AWS', 'arn:aws:sts::123456789012:assumed-role/R/s'), role));
  assert.ok(!isSessionOfRole(parsePrincipalValue('AWS', 'arn:aws:sts::210987654321:assumed-role/R/s'), role));
  assert.ok(!isSessionOfRole(parsePrincipalValue('AWS', 'arn:aws:sts::123456789012:assumed-role/Other/s'), role));
});

test('principalParse: long hostile input is classified quickly and never throws', () => {
  const hostile = `arn:aws:iam::123456789012:oidc-provider/${'a-'.repeat(20000)}`;
  assert.equal(parsePrincipalValue('Federated', hostile).kind, 'invalid');
  assert.equal(parsePrincipalValue('Service', `${'a.'.repeat(20000)}x`).kind, 'invalid');
});

// The evaluator reads the request's principal with the same parser (IAM User Guide, "AWS JSON policy
// elements: Principal": the sections per principal kind give the ARN shapes, including "IAM role
// principals" for the sessions of a role and "AWS service principals"). Where the evaluator's own
// parser disagreed with these shapes, the documented shape won: a principal ARN has no Region and a
// 12-digit account, service principals are lower case, a session name has no `/`.
const requestRows: Array<[value: string, expected: string | { kind: string; account?: string; partition?: string; name?: string; sessionName?: string }]> = [
  ['*', { kind: 'anonymous' }],
  ['123456789012', { kind: 'root', account: '123456789012' }],
  ['arn:aws:iam::123456789012:root', { kind: 'root', account: '123456789012', partition: 'aws' }],
  ['arn:aws:iam::123456789012:user/division/Bob', { kind: 'user', account: '123456789012', name: 'Bob' }],
  ['arn:aws-cn:iam::123456789012:role/service-role/App', { kind: 'role', partition: 'aws-cn', name: 'App' }],
  ['arn:aws:sts::123456789012:assumed-role/App/session-1', { kind: 'assumedRole', name: 'App', sessionName: 'session-1' }],
  ['arn:aws:sts::123456789012:federated-user/Carol', { kind: 'federatedUser', name: 'Carol' }],
  ['ec2.amazonaws.com', { kind: 'service' }],
  // A built-in web identity provider's domain is the identity provider, not a service principal.
  ['cognito-identity.amazonaws.com', { kind: 'identityProvider' }],
  ['accounts.google.com', { kind: 'identityProvider' }],
  ['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', { kind: 'identityProvider', account: '123456789012' }],
  ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', { kind: 'canonicalUser' }],
  ['alice', 'alice'],
  ['arn:aws:iam:us-east-1:123456789012:user/Bob', 'Region'],
  ['arn:aws:iam::12345:user/Bob', '12-digit'],
  ['EC2.amazonaws.com', 'not a valid'],
  ['arn:aws:sts::123456789012:assumed-role/App/a/b', 'assumed-role'],
  ['arn:aws:iam::123456789012:group/Admins', 'group'],
  ['AROA1234567890EXAMPLE', 'unique id'],
];

for (const [value, expected] of requestRows) {
  test(`principalParse: the evaluator reads the request principal \`${value}\``, () => {
    const parsed = parseRequestPrincipal(value);
    if (typeof expected === 'string') {
      assert.ok('error' in parsed, `expected an error, got ${JSON.stringify(parsed)}`);
      assert.ok(parsed.error.includes(expected), parsed.error);
      return;
    }
    assert.ok(!('error' in parsed), JSON.stringify(parsed));
    for (const [field, want] of Object.entries(expected)) assert.equal((parsed as unknown as Record<string, string>)[field], want, field);
  });
}
