/**
 * `iam-policy simulate` on the documented request shape (README), including the placeholders it
 * shows: empty policy objects mean "no policy", extra fields are ignored with a warning, a bad element
 * of a batch gives `{"error": ...}` and the rest are still answered.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { runCli } from '../../server/src/cli/main';
import { nodeIo } from '../../server/src/cli/cliIo';

function simulate(requests: unknown, argv: string[] = ['--batch', '-']): { code: number; out: unknown } {
  let stdout = '';
  const io = { ...nodeIo(), readStdin: () => JSON.stringify(requests), stdout: (text: string) => void (stdout += text), stderr: () => undefined };
  const code = runCli(['simulate', ...argv], io);
  return { code, out: stdout ? JSON.parse(stdout) : undefined };
}

const allowS3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };

test('the README request shape with empty placeholders is answered', () => {
  const request = {
    principal: 'arn:aws:iam::111122223333:user/alice',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::example-bucket/report.csv',
    context: { 'aws:SourceIp': '203.0.113.7', 'aws:TagKeys': ['team', 'env'] },
    identityPolicies: [allowS3],
    resourcePolicy: {},
    permissionBoundary: {},
    scps: [[{}], [{}]],
    rcps: [[{}]],
    sessionPolicy: {},
  };
  const { code, out } = simulate(request, ['--request', '-']);
  assert.equal(code, 0);
  const answer = out as { decision: string; warnings: string[] };
  assert.equal(answer.decision, 'Allow');
  assert.ok(answer.warnings.some((warning) => warning.includes('permissionBoundary is an empty object')));
});

test('unknown fields and nulls are ignored; a malformed element gives an error in its place', () => {
  const { code, out } = simulate([
    { name: 'annotated', expect: 'Allow', principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', identityPolicies: [allowS3], sessionPolicy: null },
    { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject' },
    { principal: 'arn:aws:iam::111122223333:user/alice', action: 'ec2:RunInstances', resource: '*', identityPolicies: [allowS3] },
  ]);
  assert.equal(code, 0);
  const answers = out as Array<{ decision?: string; error?: string; warnings?: string[] }>;
  assert.equal(answers[0]!.decision, 'Allow');
  assert.ok(answers[0]!.warnings!.some((warning) => warning.includes('`name`')));
  assert.match(answers[1]!.error!, /resource: required/);
  assert.equal(answers[2]!.decision, 'ImplicitDeny');
});

// The batch answers are printed one by one as they are computed; the text must stay exactly the
// pretty-printed JSON array (README: "answers come back as a JSON array in the same order").
for (const count of [0, 1, 255, 256, 257, 600]) {
  test(`a batch of ${count} requests prints exactly the pretty-printed array of answers`, () => {
    const requests = Array.from({ length: count }, (_, i) => (i % 97 === 5 ? { principal: 7 } : { principal: `arn:aws:iam::111122223333:user/u${i}`, action: i % 2 ? 's3:GetObject' : 'ec2:RunInstances', resource: '*', identityPolicies: [allowS3] }));
    let stdout = '';
    const io = { ...nodeIo(), readStdin: () => JSON.stringify(requests), stdout: (text: string) => void (stdout += text), stderr: () => undefined };
    assert.equal(runCli(['simulate', '--batch', '-'], io), 0);
    const answers = JSON.parse(stdout) as unknown[];
    assert.equal(answers.length, count);
    assert.equal(stdout, `${JSON.stringify(answers, null, 2)}\n`);
  });
}

// A batch makes equal policy documents one object, remembers statement outcomes across requests
// (simulate.ts, statementMemo.ts) and prints each trace object's text once; each answer must still be
// the one that request gives alone, in the text JSON.stringify gives.
test('a batch of requests carrying equal policies answers each as `--request` does alone', () => {
  const identity = (version: string) => ({
    Version: version,
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:Get*', 'sqs:*'], Resource: 'arn:aws:s3:::b/${aws:username}/*' },
      { Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['x*', 'y'] }, BoolIfExists: { 'aws:SecureTransport': 'false' } } },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, NoSuchOperator: { 'aws:x': 'y' } } },
    ],
  });
  const bucketPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:user/u1', '444455556666'] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/u2' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/secret/*' }] };
  const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin*' } } }] };
  const contexts = [{}, { 'aws:username': 'u1', 'aws:PrincipalTag/team': 'a', 'aws:ResourceTag/team': 'a' }, { 'AWS:UserName': 'u2', 'aws:ResourceTag/team': 'a', 'aws:TagKeys': ['xa'] }, { 'aws:username': ['u1'], 'aws:SecureTransport': false, 'aws:SourceIp': '10.1.2.3', 'aws:PrincipalTag/team': 'b', 'aws:ResourceTag/team': 'b' }, { 'aws:TagKeys': [], 'aws:SourceIp': '192.0.2.1', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/admin1' }];
  // The last principal cannot be read: its answer has no statements, only an error.
  const principals = ['arn:aws:iam::111122223333:user/u1', 'arn:aws:iam::111122223333:user/u2', 'arn:aws:iam::444455556666:user/u3', 'arn:aws:sts::111122223333:assumed-role/admin1/s', 'arn:aws:iam::111122223333:role/r', 'not-an-arn'];
  const actions = ['s3:GetObject', 'ec2:StartInstances', 'kms:Decrypt', 'iam:CreateUser', 'sqs:SendMessage'];
  const resources = ['arn:aws:s3:::b/u1/k', 'arn:aws:s3:::b/secret/k', '*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1'];
  const requests: unknown[] = [];
  for (let i = 0; i < 400; i++) {
    requests.push({
      principal: principals[i % principals.length],
      action: actions[(i * 3) % actions.length],
      resource: resources[(i * 7) % resources.length],
      context: contexts[(i * 11) % contexts.length],
      // Parsed anew per request, as in a batch file; every fifth uses the 2008 Version (variables read literally).
      identityPolicies: [identity(i % 5 === 0 ? '2008-10-17' : '2012-10-17')],
      ...(i % 3 === 0 ? { resourcePolicy: bucketPolicy } : {}),
      ...(i % 4 === 0 ? { scps: [[scp], [scp]] } : {}),
      ...(i % 6 === 1 ? { permissionBoundary: identity('2012-10-17') } : {}),
    });
  }
  const text = (argv: string[], input: unknown): string => {
    let stdout = '';
    const io = { ...nodeIo(), readStdin: () => JSON.stringify(input), stdout: (chunk: string) => void (stdout += chunk), stderr: () => undefined };
    assert.equal(runCli(['simulate', ...argv], io), 0);
    return stdout;
  };
  const alone = requests.map((request) => JSON.parse(text(['--request', '-'], request)) as unknown);
  for (const extra of [[], ['--derive-context']]) {
    const batch = text(['--batch', '-', ...extra], requests);
    const expected = extra.length === 0 ? alone : requests.map((request) => JSON.parse(text(['--request', '-', ...extra], request)) as unknown);
    assert.equal(batch, `${JSON.stringify(expected, null, 2)}\n`);
  }
});
