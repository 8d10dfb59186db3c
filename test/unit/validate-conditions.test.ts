/**
 * Condition and variable family tests that are not single rule cases (those are in
 * test/unit/rules/condition.ts): trust-policy provider keys, fix output and a clean policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFirstFix, findingsOf } from './helpers/findings.ts';
import { codesOfFamily } from '../../server/src/iam/validate/engine/registry.ts';

/** The condition family's codes and the variable family's, which these tests cover together. */
const FAMILY_CODES: readonly string[] = [...codesOfFamily('condition'), ...codesOfFamily('variable')];

type Json = Record<string, unknown>;

/** An identity policy with one statement; `condition` goes into the statement's Condition. */
function policy(condition: Json | undefined, statement: Json = {}, version: string | null = '2012-10-17'): Json {
  const body: Json = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...statement };
  if (condition) body.Condition = condition;
  return version === null ? { Statement: [body] } : { Version: version, Statement: [body] };
}

/** A role trust policy for a web identity or SAML provider. */
function trust(condition: Json, action = 'sts:AssumeRoleWithWebIdentity', principal: Json = { Federated: 'accounts.google.com' }): Json {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: action, Condition: condition }] };
}

test('identity provider keys in trust policies raise no condition findings', () => {
  const codes = new Set<string>(FAMILY_CODES);
  const cases: Json[] = [
    trust({ StringEquals: { 'accounts.google.com:aud': 'my-app.apps.googleusercontent.com' } }),
    trust({ StringEquals: { 'graph.facebook.com:id': '1234' } }, 'sts:AssumeRoleWithWebIdentity', { Federated: 'graph.facebook.com' }),
    trust({ StringEquals: { 'www.amazon.com:user_id': 'amzn1.account.1234' } }, 'sts:AssumeRoleWithWebIdentity', { Federated: 'www.amazon.com' }),
    trust({ StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:1234' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }, 'sts:AssumeRoleWithWebIdentity', { Federated: 'cognito-identity.amazonaws.com' }),
    trust({ StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } }, 'sts:AssumeRoleWithSAML', { Federated: 'arn:aws:iam::123456789012:saml-provider/idp' }),
    trust({ StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub': 'system:serviceaccount:default:app' } }, 'sts:AssumeRoleWithWebIdentity', { Federated: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE' }),
  ];
  for (const value of cases) {
    const own = findingsOf(value, 'trust').filter((finding) => codes.has(finding.code));
    assert.deepEqual(own, [], JSON.stringify(value));
  }
});

test('fixes rewrite the text as announced', () => {
  const improve = JSON.stringify(policy({ IpAddress: { 'aws:SourceIp': '10.0.0.1/8' } }), null, 2);
  assert.match(applyFirstFix(improve, 'IMPROVE_IP_RANGE'), /"10\.0\.0\.0\/8"/);
  const like = JSON.stringify(policy({ StringEquals: { 'aws:PrincipalTag/job': 'admin-*' } }), null, 2);
  assert.match(applyFirstFix(like, 'WILDCARD_WITHOUT_LIKE_OPERATOR'), /"StringLike": \{/);
  const key = JSON.stringify(policy({ IpAddress: { 'aws:SourceIpp': '203.0.113.0/24' } }), null, 2);
  assert.match(applyFirstFix(key, 'INVALID_GLOBAL_CONDITION_KEY'), /"aws:SourceIp": "203/);
  const numbers = JSON.stringify(policy({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } }), null, 2);
  assert.match(applyFirstFix(numbers, 'REDUNDANT_CONDITION_VALUE_NUM'), /"aws:MultiFactorAuthAge": "3600"/);
  const space = JSON.stringify(policy(undefined, { Resource: 'arn:aws:s3:::b/${aws: username}/*' }), null, 2);
  assert.match(applyFirstFix(space, 'UNSUPPORTED_SPACE_IN_VARIABLE'), /b\/\$\{aws:username\}\/\*/);
  const qualifier = JSON.stringify(policy({ StringEquals: { 'aws:TagKeys': ['a'] } }), null, 2);
  assert.match(applyFirstFix(qualifier, 'MISSING_QUALIFIER'), /"ForAnyValue:StringEquals"/);
});

test('a policy with a correct condition raises nothing from the family', () => {
  const codes = new Set<string>(FAMILY_CODES);
  const clean = policy({
    StringEquals: { 'aws:PrincipalTag/team': '${aws:username}', 'aws:SourceVpc': 'vpc-12345678' },
    'ForAnyValue:StringLike': { 'aws:TagKeys': ['team*'] },
    Bool: { 'aws:SecureTransport': 'true' },
    DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' },
    NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
    IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
    ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' },
    Null: { 'aws:TokenIssueTime': 'false' },
  });
  assert.deepEqual(findingsOf(clean).filter((finding) => codes.has(finding.code)), []);
});
