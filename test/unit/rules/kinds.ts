/**
 * Rule cases of the per-kind families, run by test/unit/rules.test.ts: RCP actions (Organizations
 * "RCP syntax", list of services that support RCPs), SCPs after the September 2025 full-language
 * change, size quotas per kind (IAM and STS quotas; Organizations quotas) and redundant statements
 * (Access Analyzer "Redundant statement").
 */
import { ruleTests, type RuleCase, type RuleTests } from '../helpers/ruleTester';

const S = (...bodies: string[]) => `{"Version":"2012-10-17","Statement":[${bodies.join(',')}]}`;
const RCP = (action: string) => `{"Effect":"Deny","Principal":"*","Action":${action},"Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-123"}}}`;

/** A policy of exactly `size` non-white-space characters, padded inside a Sid-free action list. */
function identityOfSize(size: number): string {
  const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::';
  const tail = '"}]}';
  return head + 'b'.repeat(size - head.length - tail.length) + tail;
}

/** A trust policy of exactly `size` non-white-space characters. */
function trustOfSize(size: number): string {
  const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/';
  const tail = '"},"Action":"sts:AssumeRole"}]}';
  return head + 'r'.repeat(size - head.length - tail.length) + tail;
}

/** An SCP of `size` characters, `spaces` of which are white space between tokens. */
function scpOfSize(size: number, spaces: number): string {
  const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::';
  const tail = '"}]}';
  const body = head + 'b'.repeat(size - spaces - head.length - tail.length) + tail;
  return body.replace('{', '{' + ' '.repeat(spaces));
}

/** An RCP of exactly `size` characters (no white space), padded in the name of its one action. */
function rcpOfSize(size: number): string {
  const base = S(RCP('"s3:"'));
  return S(RCP(`"s3:${'G'.repeat(size - base.length)}"`));
}

const cases: RuleCase[] = [
  // RCP_SYNTAX_ERROR_ACTION.
  { name: 'RCP action of an unsupported service', kind: 'rcp', policy: S(RCP('["s3:GetObject","ec2:RunInstances"]')), errors: [['RCP_SYNTAX_ERROR_ACTION', '"ec2:RunInstances"']] },
  { name: 'RCP actions of supported services', kind: 'rcp', policy: S(RCP('["s3:*","sts:AssumeRole","kms:Decrypt","sqs:SendMessage","secretsmanager:GetSecretValue"]')), absent: ['RCP_SYNTAX_ERROR_ACTION'] },
  { name: 'RCP on Cognito identity pools (aws-samples resource-control-policy-examples, Cognito-Deny-identity-pool-unauthenticated-access)', kind: 'rcp', policy: S(RCP('["cognito-identity:GetId","cognito-idp:DeleteUserPool"]')), absent: ['RCP_SYNTAX_ERROR_ACTION'] },
  { name: 'RCP action "*"', kind: 'rcp', policy: S(RCP('"*"')), absent: ['RCP_SYNTAX_ERROR_ACTION'] },
  { name: 'ec2 action in an SCP is fine', kind: 'scp', policy: S('{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*"}'), absent: ['RCP_SYNTAX_ERROR_ACTION'] },
  // SCPs: wildcards anywhere in Action since the September 2025 full IAM language support.
  { name: 'SCP action with leading wildcard', kind: 'scp', policy: S('{"Effect":"Deny","Action":"iam:*Role","Resource":"*"}'), absent: ['SCP_SYNTAX_ERROR_ACTION_WILDCARD'] },
  { name: 'SCP Allow with NotAction, condition and NotResource', kind: 'scp', policy: S('{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::b","Condition":{"Bool":{"aws:SecureTransport":"true"}}}'), absent: ['SCP_SYNTAX_ERROR_ACTION_WILDCARD', 'SCP_SYNTAX_ERROR_PRINCIPAL'] },
  // Size quotas.
  { name: 'identity policy over 6,144', kind: 'identity', policy: identityOfSize(6145), errors: [['POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', '{']] },
  { name: 'identity policy of exactly 6,144', kind: 'identity', policy: identityOfSize(6144), absent: ['POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'] },
  { name: 'white space does not count for IAM', kind: 'identity', policy: identityOfSize(6144).replace('{', '{' + ' '.repeat(500) + '\n'), absent: ['POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'] },
  { name: 'AWS managed policies are exempt', kind: 'identity', policy: identityOfSize(7000), options: { awsManaged: true }, absent: ['POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'] },
  { name: 'boundary over 6,144', kind: 'boundary', policy: identityOfSize(6145), errors: [['POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', '{']] },
  { name: 'trust policy over 2,048', kind: 'trust', policy: trustOfSize(2049), errors: [['POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA', '{']] },
  { name: 'trust policy of 2,048', kind: 'trust', policy: trustOfSize(2048), absent: ['POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA'] },
  { name: 'session policy over 2,048', kind: 'session', policy: identityOfSize(2049), errors: [['POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA', '{']] },
  { name: 'session policy of 2,048', kind: 'session', policy: identityOfSize(2048), absent: ['POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA'] },
  { name: 'SCP over 5,120 because white space counts', kind: 'scp', policy: scpOfSize(5121, 100), errors: [['POLICY_SIZE_EXCEEDS_SCP_QUOTA', '{']] },
  { name: 'SCP of 5,120', kind: 'scp', policy: scpOfSize(5120, 100), absent: ['POLICY_SIZE_EXCEEDS_SCP_QUOTA'] },
  { name: 'RCP over 5,120', kind: 'rcp', policy: S(RCP(`"s3:${'G'.repeat(5100)}"`)), errors: [['POLICY_SIZE_EXCEEDS_RCP_QUOTA', '{']] },
  { name: 'RCP of 5,120', kind: 'rcp', policy: rcpOfSize(5120), absent: ['POLICY_SIZE_EXCEEDS_RCP_QUOTA'] },
  { name: 'resource policies have no single quota', kind: 'resource', policy: identityOfSize(30000).replace('"Effect":"Allow"', '"Effect":"Allow","Principal":"*"'), absent: ['POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA', 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'] },
  // REDUNDANT_STATEMENT.
  { name: 'duplicate statement', kind: 'identity', policy: S('{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}', '{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}'), errors: [['REDUNDANT_STATEMENT', '"B"']] },
  { name: 'statement covered by a wildcard statement', kind: 'identity', policy: S('{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::b/*"}', '{"Effect":"Allow","Action":"s3:*","Resource":"*"}'), errors: [['REDUNDANT_STATEMENT', '{']] },
  { name: 'covering statement has a condition', kind: 'identity', policy: S('{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}', '{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}'), absent: ['REDUNDANT_STATEMENT'] },
  { name: 'different effects', kind: 'identity', policy: S('{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}', '{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}'), absent: ['REDUNDANT_STATEMENT'] },
  { name: 'question mark does not cover a star', kind: 'identity', policy: S('{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}', '{"Effect":"Allow","Action":"s3:Get?","Resource":"*"}'), errors: [['REDUNDANT_STATEMENT', '{']] },
  { name: 'narrower resource does not cover', kind: 'identity', policy: S('{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}', '{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*"}'), absent: ['REDUNDANT_STATEMENT'] },
  { name: 'quick fix: remove a duplicate statement', policy: S('{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}', '{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}'), errors: [['REDUNDANT_STATEMENT', '"B"']], output: S('{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}') },
  { name: 'covered with the action in another case', kind: 'identity', policy: S('{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}', '{"Sid":"B","Effect":"Allow","Action":"S3:getobject","Resource":"*"}'), errors: [['REDUNDANT_STATEMENT', '"B"']] },
  { name: 'covered by later values of the covering lists', kind: 'identity', policy: S('{"Sid":"A","Effect":"Allow","Action":["ec2:*","s3:*"],"Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]}', '{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}'), errors: [['REDUNDANT_STATEMENT', '"B"']] },
  { name: 'first action covered, a later one not', kind: 'identity', policy: S('{"Sid":"A","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"}', '{"Sid":"B","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/k"}'), absent: ['REDUNDANT_STATEMENT'] },
  { name: 'first resource covered, a later one not', kind: 'identity', policy: S('{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}', '{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/k","arn:aws:s3:::c/k"]}'), absent: ['REDUNDANT_STATEMENT'] },
  { name: 'different principals', kind: 'resource', policy: S('{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject","Resource":"*"}', '{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"*"}'), absent: ['REDUNDANT_STATEMENT'] },
];

export const kindsTests: RuleTests = ruleTests([
  ...cases,
]);
