/**
 * Policy tests over templates: principals taken from CloudFormation templates by `file#LogicalId`,
 * policies by `file#/JSON/Pointer`, and the problems a wrong reference gives.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PolicySet, checkPolicyFiles, parseScenario, runScenario } from '../../server/src/iam/scenario/index';

const DIR = path.join(__dirname, '..', '..', 'examples', 'cloudformation');

function setFor(files: Record<string, string>): PolicySet {
  return new PolicySet((relative) => {
    if (relative in files) return { text: files[relative]! };
    try {
      return { text: readFileSync(path.join(DIR, relative), 'utf8') };
    } catch {
      return { error: `Cannot read \`${relative}\`` };
    }
  });
}

test('the cloudformation example: every test passes with its principals read from the templates', () => {
  const parsed = parseScenario(readFileSync(path.join(DIR, 'cloudformation.iamtest.json'), 'utf8'));
  assert.deepEqual(parsed.problems.filter((problem) => problem.severity === 'error'), []);
  const policies = setFor({});
  assert.deepEqual(checkPolicyFiles(parsed.scenario, policies), []);
  const results = runScenario(parsed.scenario, policies);
  assert.ok(results.length >= 8);
  for (const result of results) assert.equal(result.passed, true, `${result.test.name}: ${result.decision} ${result.error ?? ""}`);
});

test('a role from a template gets its trust policy and inline policies; AWS::AccountId is its account', () => {
  const template = `Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}, Action: sts:AssumeRole}]
      ManagedPolicyArns: [!Sub 'arn:\${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess']
`;
  const scenario = JSON.stringify({
    accounts: [{ id: '111122223333', name: 'A' }],
    users: [{ name: 'u', account: 'A', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }] }],
    roles: [{ account: 'A', template: 't.yaml#Reader' }],
    tests: [
      { name: 'same-account user assumes it', principal: 'u', action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/Reader', expect: 'Allow' },
      { name: 'the session reads S3 through the managed policy', principal: 'u', assumeRole: 'Reader', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', expect: 'Allow' },
      { name: 'but does not write', principal: 'u', assumeRole: 'Reader', action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', expect: 'ImplicitDeny' },
    ],
  });
  const parsed = parseScenario(scenario);
  const results = runScenario(parsed.scenario, setFor({ 't.yaml': template }));
  for (const result of results) assert.equal(result.passed, true, `${result.test.name}: ${result.decision} ${result.error ?? ""}`);
});

test('wrong template references are problems with a clear message', () => {
  const scenario = JSON.stringify({
    accounts: [{ id: '111122223333', name: 'A' }],
    roles: [{ account: 'A', template: 'account-a/cross-account-role.yaml#NoSuchRole' }],
    resources: [{ arn: 'arn:aws:s3:::b', policy: 'account-a/cross-account-role.yaml#/Resources/Nothing/Properties/PolicyDocument' }],
    tests: [],
  });
  const parsed = parseScenario(scenario);
  const messages = checkPolicyFiles(parsed.scenario, setFor({})).map((problem) => problem.message);
  assert.ok(messages.some((message) => /has no resource `NoSuchRole`/.test(message)), messages.join('\n'));
  assert.ok(messages.some((message) => /has no policy at `\/Resources\/Nothing\/Properties\/PolicyDocument`; its policies are at/.test(message)), messages.join('\n'));
});
