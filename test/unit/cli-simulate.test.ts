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

// The batch answers are printed in groups as they are computed; the text must stay exactly the
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
