/**
 * Reading AccessDenied messages. The message shapes are those of the IAM User Guide, "Troubleshoot
 * access denied error messages" ("Access denied error message examples": implicit denies name the
 * policy type with "because no <type> allows the <action> action", explicit denies "with an explicit
 * deny in a(n) <type>"), with the prefixes the AWS CLI (`An error occurred (Code) when calling the X
 * operation: `) and SDKs (`AccessDeniedException: `) add; the decoded form is the output of
 * `aws sts decode-authorization-message` (AWS STS API Reference, DecodeAuthorizationMessage).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { identityArnOf, isAccessDeniedProblem, parseAccessDenied, type AccessDeniedMessage } from '../../server/src/iam/author/index';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly expect: Partial<AccessDeniedMessage>;
}

const CASES: readonly Case[] = [
  {
    name: 'implicit deny, no identity-based policy (User Guide example)',
    text: 'User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action',
    expect: { principal: 'arn:aws:iam::123456789012:user/MaryMajor', principalType: 'user', action: 'codecommit:ListRepositories', denial: 'implicit', policyType: 'identity' },
  },
  {
    name: 'explicit deny in an SCP (User Guide example)',
    text: 'User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to perform: codecommit:ListRespositories with an explicit deny in a service control policy',
    expect: { action: 'codecommit:ListRespositories', denial: 'explicit', policyType: 'scp' },
  },
  {
    name: 'implicit deny by a resource-based policy, with a resource (User Guide example)',
    text: 'User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::amzn-s3-demo-bucket/file.txt because no resource-based policy allows the s3:GetObject action',
    expect: { resource: 'arn:aws:s3:::amzn-s3-demo-bucket/file.txt', denial: 'implicit', policyType: 'resource' },
  },
  {
    name: 'the AWS CLI prefix and a role session',
    text: 'An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::111122223333:assumed-role/App/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key because no identity-based policy allows the s3:GetObject action',
    expect: { principalType: 'role-session', operation: 'GetObject', errorCode: 'AccessDenied', resource: 'arn:aws:s3:::bucket/key', policyType: 'identity' },
  },
  {
    name: 'explicit deny in an identity-based policy with the policy ARN appended',
    text: 'AccessDeniedException: User: arn:aws:iam::111122223333:user/dev is not authorized to perform: dynamodb:DeleteTable on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Orders with an explicit deny in an identity-based policy: arn:aws:iam::111122223333:policy/NoDeletes',
    expect: { denial: 'explicit', policyType: 'identity', policyArn: 'arn:aws:iam::111122223333:policy/NoDeletes', resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders' },
  },
  {
    name: 'explicit deny in a permissions boundary',
    text: 'User: arn:aws:iam::111122223333:user/dev is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111122223333:user/x with an explicit deny in a permissions boundary',
    expect: { denial: 'explicit', policyType: 'boundary' },
  },
  {
    name: 'implicit deny by a permissions boundary',
    text: 'User: arn:aws:iam::111122223333:user/dev is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111122223333:user/x because no permissions boundary allows the iam:CreateUser action',
    expect: { denial: 'implicit', policyType: 'boundary' },
  },
  {
    name: 'session policy',
    text: 'User: arn:aws:sts::111122223333:federated-user/Bob is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no session policy allows the s3:PutObject action',
    expect: { principalType: 'federated-user', denial: 'implicit', policyType: 'session' },
  },
  {
    name: 'explicit deny in a resource control policy',
    text: 'User: arn:aws:iam::111122223333:user/dev is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k with an explicit deny in a resource control policy',
    expect: { denial: 'explicit', policyType: 'rcp' },
  },
  {
    name: 'VPC endpoint policy',
    text: 'User: arn:aws:iam::111122223333:user/dev is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no VPC endpoint policy allows the s3:GetObject action',
    expect: { denial: 'implicit', policyType: 'vpce' },
  },
  {
    name: 'an older message without a reason',
    text: 'User: arn:aws:iam::111122223333:user/dev is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::111122223333:user/',
    expect: { denial: 'unknown', action: 'iam:ListUsers', resource: 'arn:aws:iam::111122223333:user/' },
  },
  {
    name: 'KMS describes the resource instead of naming it',
    text: 'An error occurred (AccessDeniedException) when calling the Decrypt operation: User: arn:aws:sts::111122223333:assumed-role/App/s is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access',
    expect: { action: 'kms:Decrypt', resourceDescription: 'the resource associated with this ciphertext', denial: 'unknown', policyType: 'resource' },
  },
  {
    name: 'a message wrapped over lines and quoted',
    text: '"User: arn:aws:iam::111122223333:user/dev is not authorized to perform:\n  lambda:InvokeFunction on resource:\n  arn:aws:lambda:us-east-1:111122223333:function:f because no identity-based policy allows the lambda:InvokeFunction action"',
    expect: { action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:us-east-1:111122223333:function:f', policyType: 'identity' },
  },
  {
    name: 'an anonymous caller (API Gateway)',
    text: 'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111122223333:abc/prod/GET/items',
    expect: { principal: 'anonymous', principalType: 'anonymous', action: 'execute-api:Invoke' },
  },
  {
    name: 'the decoded authorization message (DecodedMessage wrapper)',
    text: JSON.stringify({
      DecodedMessage: JSON.stringify({
        allowed: false,
        explicitDeny: false,
        matchedStatements: { items: [] },
        failures: { items: [] },
        context: {
          principal: { id: 'AIDA', arn: 'arn:aws:iam::111122223333:user/dev' },
          action: 'ec2:RunInstances',
          resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
          conditions: { items: [{ key: 'aws:Region', values: { items: [{ value: 'us-east-1' }] } }] },
        },
      }),
    }),
    expect: { format: 'decoded', action: 'ec2:RunInstances', denial: 'implicit', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*', context: { 'aws:Region': 'us-east-1' } },
  },
];

for (const c of CASES) {
  test(`parses: ${c.name}`, () => {
    const parsed = parseAccessDenied(c.text);
    assert.ok(!isAccessDeniedProblem(parsed), JSON.stringify(parsed));
    for (const [key, value] of Object.entries(c.expect)) assert.deepEqual((parsed as unknown as Record<string, unknown>)[key], value, key);
  });
}

const PROBLEMS: ReadonlyArray<{ name: string; text: string; kind: string }> = [
  { name: 'empty', text: '  \n', kind: 'empty' },
  {
    name: 'an encoded authorization message only (EC2)',
    text: 'An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    kind: 'encoded',
  },
  { name: 'S3 without details', text: 'An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied', kind: 'no-details' },
  { name: 'unrelated text', text: 'hello world', kind: 'unrecognized' },
  { name: 'an action that is not service:Action', text: 'User: arn:aws:iam::111122223333:user/dev is not authorized to perform: this operation', kind: 'unrecognized' },
];

for (const c of PROBLEMS) {
  test(`refuses with a reason: ${c.name}`, () => {
    const parsed = parseAccessDenied(c.text);
    assert.ok(isAccessDeniedProblem(parsed));
    assert.equal(parsed.kind, c.kind);
    assert.ok(parsed.error.length > 0);
  });
}

test('the encoded message is reported as needing STS to decode', () => {
  const parsed = parseAccessDenied('Encoded authorization failure message: AbCdEfGhIjKlMnOpQrStUvWxYz0123456789');
  assert.ok(isAccessDeniedProblem(parsed));
  assert.match(parsed.error, /decode-authorization-message/);
  assert.equal(parsed.encodedMessage, 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789');
});

test('a role session acts as its role', () => {
  assert.equal(identityArnOf('arn:aws:sts::111122223333:assumed-role/App/i-0abc'), 'arn:aws:iam::111122223333:role/App');
  assert.equal(identityArnOf('arn:aws:iam::111122223333:user/dev'), 'arn:aws:iam::111122223333:user/dev');
});

test('any text gives a message or a problem, never an exception', () => {
  const pieces = fc.constantFrom('User: ', 'arn:aws:iam::111122223333:user/x ', 'is not authorized to perform: ', 's3:GetObject ', 'on resource: ', 'because no ', 'with an explicit deny in a ', 'identity-based policy ', '{"DecodedMessage": ', 'Encoded authorization failure message: ', ' ', '\n', '"', '.');
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
      const result = parseAccessDenied(parts.join(''));
      assert.ok(isAccessDeniedProblem(result) ? result.error.length > 0 : result.action.includes(':'));
    }),
    { numRuns: 2000 },
  );
  // A megabyte-long line is read too (the patterns do not backtrack pathologically).
  const long = `User: arn:aws:iam::111122223333:user/x is not authorized to perform: s3:GetObject on the resource ${'a'.repeat(1_000_000)}`;
  assert.ok(!isAccessDeniedProblem(parseAccessDenied(long)));
});
