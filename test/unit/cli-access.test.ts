/**
 * `iam-policy diff` and `iam-policy check`: the contracts of issue 12 as the README documents them —
 * JSON shapes, exit codes (diff: 0, or 1 with `--fail-on-new-access` when the verdict is not
 * `no-new-access`; check: 1 when the policy can grant a listed action or grants public access;
 * 2 for bad usage), Markdown for pull requests, and `diff --git REF FILE`.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { nodeIo, type CliIo } from '../../server/src/cli/cliIo';
import { initTerraformForTests } from './helpers/terraformParser';

function run(argv: string[], overrides: Partial<CliIo> = {}): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { ...nodeIo(), stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text), ...overrides };
  const code = runCli(argv, io);
  return { code, stdout, stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-access-'));
const write = (name: string, value: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const oldFile = write('old.json', policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }));
const newFile = write('new.json', policy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::reports/*' }));
const narrower = write('narrower.json', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/public/*' }));
const bucketPolicy = write('bucket-policy.json', policy({ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }));
const orgBucket = write('org-bucket.json', policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }));
const passRole = write('deployer.json', policy({ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, { Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }));
const notJson = write('broken.json', '{"Version": ');

test('diff --format json: verdict, groups with confirmed examples; exit 0 without --fail-on-new-access', () => {
  const { code, stdout } = run(['diff', oldFile, newFile, '--format', 'json']);
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  assert.equal(out.verdict, 'new-access');
  assert.equal(out.policyType, 'identity');
  assert.deepEqual(out.newAccess[0].actions, ['s3:PutObject']);
  assert.deepEqual(out.newAccess[0].resources, ['arn:aws:s3:::reports/*']);
  assert.deepEqual(out.newAccess[0].conditions, {});
  assert.deepEqual(Object.keys(out.newAccess[0].example).sort(), ['action', 'context', 'principal', 'resource']);
  assert.equal(out.newAccess[0].example.principal, 'arn:aws:sts::111122223333:assumed-role/example-role/example-session');
  assert.equal(out.newAccess[0].example.action, 's3:PutObject');
  assert.deepEqual(out.removedAccess, []);
  assert.deepEqual(out.undecided, []);
});

test('diff --fail-on-new-access: exit 1 on new access, 0 when nothing new (removed access only)', () => {
  assert.equal(run(['diff', oldFile, newFile, '--fail-on-new-access']).code, 1);
  const narrowing = run(['diff', oldFile, narrower, '--fail-on-new-access', '--format=json']);
  assert.equal(narrowing.code, 0);
  const out = JSON.parse(narrowing.stdout);
  assert.equal(out.verdict, 'no-new-access');
  assert.equal(out.removedAccess.length, 1);
  assert.equal(run(['diff', oldFile, oldFile, '--fail-on-new-access']).code, 0);
});

test('diff text and markdown', () => {
  const text = run(['diff', oldFile, newFile]);
  assert.match(text.stdout, /new access/);
  assert.match(text.stdout, /\+ s3:PutObject on arn:aws:s3:::reports\/\*/);
  const md = run(['diff', oldFile, newFile, '--format', 'markdown']);
  assert.match(md.stdout, /^### .*Access diff/);
  assert.match(md.stdout, /\| Actions \| Resources \| Conditions \| Example request \|/);
  assert.match(md.stdout, /`s3:PutObject`/);
});

test('diff --type scp: an SCP that denies less allows more', () => {
  const scpOld = write('scp-old.json', policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'iam:CreateUser'], Resource: '*' }));
  const scpNew = write('scp-new.json', policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }));
  const out = JSON.parse(run(['diff', scpOld, scpNew, '--type', 'scp', '--format', 'json']).stdout);
  assert.equal(out.policyType, 'scp');
  assert.equal(out.verdict, 'new-access');
  assert.equal(out.newAccess[0].example.action, 'iam:CreateUser');
});

test('diff --git REF FILE reads the old text from git', () => {
  let asked: [string, string] | undefined;
  const { code, stdout } = run(['diff', '--git', 'HEAD~1', newFile, '--format', 'json'], { gitShow: (ref, file) => ((asked = [ref, file]), fs.readFileSync(oldFile, 'utf8')) });
  assert.deepEqual(asked, ['HEAD~1', newFile]);
  assert.equal(code, 0);
  assert.equal(JSON.parse(stdout).old, `HEAD~1:${newFile}`);
  assert.equal(JSON.parse(stdout).verdict, 'new-access');
  // Against the repository itself: a committed example compared with its working copy.
  const real = run(['diff', '--git', 'HEAD', 'examples/identity/developer-s3-readwrite.json', '--format', 'json']);
  assert.equal(real.code, 0, real.stderr);
  assert.equal(JSON.parse(real.stdout).verdict, 'no-new-access');
  const missing = run(['diff', '--git', 'HEAD', path.join(dir, 'nowhere.json')], { gitShow: () => { throw new Error('fatal: path does not exist'); } });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read/);
});

test('diff of two versions of a template: each policy against the one at the same place (CloudFormation and Terraform)', async () => {
  const template = (actions: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [${actions}]
            Resource: arn:aws:s3:::reports/*
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: sns.amazonaws.com }
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
${extra}`;
  const oldTemplate = write('old.yaml', template('s3:GetObject'));
  const added = `  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: sqs:DeleteQueue
            Resource: '*'
`;
  const newTemplate = write('new.yaml', template('s3:GetObject, s3:PutObject', added));
  const json = run(['diff', oldTemplate, newTemplate, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const result = JSON.parse(json.stdout);
  assert.equal(result.format, 'cloudformation');
  assert.equal(result.policyType, null);
  assert.equal(result.verdict, 'new-access');
  // The queue policy is the same: not compared. The managed policy grants s3:PutObject; the new policy grants its action.
  assert.equal(result.unchanged, 1);
  assert.deepEqual(result.policies.map((p: { pointer: string; change: string; verdict: string; policyType: string }) => [p.pointer, p.change, p.verdict, p.policyType]), [
    ['/Resources/Reader/Properties/PolicyDocument', 'changed', 'new-access', 'identity'],
    ['/Resources/Extra/Properties/PolicyDocument', 'added', 'new-access', 'identity'],
  ]);
  assert.deepEqual(result.newAccess.map((g: { policy: string; actions: string[] }) => [g.policy, g.actions]), [
    ['/Resources/Reader/Properties/PolicyDocument', ['s3:PutObject']],
    ['/Resources/Extra/Properties/PolicyDocument', ['sqs:DeleteQueue']],
  ]);
  // The other way round, the policy is removed and nothing is new.
  const back = JSON.parse(run(['diff', newTemplate, oldTemplate, '--format', 'json']).stdout);
  assert.equal(back.verdict, 'no-new-access');
  assert.deepEqual(back.policies.map((p: { pointer: string; change: string }) => [p.pointer, p.change]), [['/Resources/Reader/Properties/PolicyDocument', 'changed'], ['/Resources/Extra/Properties/PolicyDocument', 'removed']]);
  assert.equal(run(['diff', oldTemplate, newTemplate, '--fail-on-new-access']).code, 1);
  assert.equal(run(['diff', oldTemplate, oldTemplate, '--fail-on-new-access']).code, 0);
  // Text and markdown name each policy by its label and place.
  assert.match(run(['diff', oldTemplate, newTemplate]).stdout, /^Reader managed policy \(\/Resources\/Reader\/Properties\/PolicyDocument, changed\):$/m);
  assert.match(run(['diff', oldTemplate, newTemplate, '--format', 'markdown']).stdout, /\*\*Extra policy\*\* \(`\/Resources\/Extra\/Properties\/PolicyDocument`, added\)/);
  // --git: a template new in this change has no old policies.
  const fresh = JSON.parse(run(['diff', '--git', 'HEAD', newTemplate, '--format', 'json'], { gitShow: () => '' }).stdout);
  assert.deepEqual(fresh.policies.map((p: { change: string }) => p.change), ['added', 'added', 'added']);
  // Other YAML (a workflow) holds no policy, as for lint: nothing to compare, exit 0.
  const workflow = write('workflow.yaml', 'name: ci\non: push\n');
  const none = run(['diff', workflow, workflow, '--format', 'json', '--fail-on-new-access']);
  assert.equal(none.code, 0, none.stderr);
  assert.deepEqual([JSON.parse(none.stdout).format, JSON.parse(none.stdout).verdict, JSON.parse(none.stdout).policies], [null, 'no-new-access', []]);
  // Terraform, once its parser is loaded.
  await initTerraformForTests();
  const tf = (actions: string) => `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = [${actions}], Resource = "*" }] })\n}\n`;
  const tfResult = JSON.parse(run(['diff', write('old.tf', tf('"s3:GetObject"')), write('new.tf', tf('"s3:GetObject", "s3:ListBucket"')), '--format', 'json']).stdout);
  assert.equal(tfResult.format, 'terraform');
  assert.deepEqual(tfResult.newAccess.map((g: { policy: string; actions: string[] }) => [g.policy, g.actions]), [['aws_iam_policy.p/policy', ['s3:ListBucket']]]);
});

test('diff: bad usage and unreadable input exit 2 with one clear line', () => {
  for (const argv of [['diff'], ['diff', oldFile], ['diff', oldFile, newFile, newFile], ['diff', oldFile, newFile, '--format', 'sarif'], ['diff', oldFile, newFile, '--type', 'bogus'], ['diff', oldFile, newFile, '--bogus'], ['diff', '--git', 'HEAD']]) {
    const { code, stderr } = run(argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(stderr, /^iam-policy diff: /);
  }
  const missing = run(['diff', path.join(dir, 'missing.json'), newFile]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*no such file/);
  const broken = run(['diff', notJson, newFile]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /not a JSON policy object/);
});

test('check --not-granted: exit 1 with the statement and an example when granted, 0 when not', () => {
  const granted = run(['check', passRole, '--not-granted', 'iam:PassRole,s3:DeleteBucket', '--format', 'json']);
  assert.equal(granted.code, 1);
  const out = JSON.parse(granted.stdout);
  assert.equal(out.result, 'FAIL');
  const [check] = out.checks;
  assert.equal(check.check, 'not-granted');
  assert.equal(check.findings.length, 1);
  assert.equal(check.findings[0].statement, 0);
  assert.equal(check.findings[0].sid, 'Pass');
  assert.equal(check.findings[0].example.action, 'iam:PassRole');
  // s3:DeleteBucket is denied, so it is not granted.
  const denied = run(['check', passRole, '--not-granted', 's3:DeleteBucket', '--format', 'json']);
  assert.equal(denied.code, 0, denied.stdout);
  assert.equal(JSON.parse(denied.stdout).result, 'PASS');
  assert.equal(run(['check', oldFile, '--not-granted', 's3:PutObject']).code, 0);
});

test('check --not-granted --resource: only the listed resources count', () => {
  assert.equal(run(['check', oldFile, '--not-granted', 's3:GetObject', '--resource', 'arn:aws:s3:::other/x']).code, 0);
  const hit = run(['check', oldFile, '--not-granted', 's3:GetObject', '--resource', 'arn:aws:s3:::other/x', '--resource', 'arn:aws:s3:::reports/2026/q1.csv', '--format', 'json']);
  assert.equal(hit.code, 1);
  assert.equal(JSON.parse(hit.stdout).checks[0].findings[0].example.resource, 'arn:aws:s3:::reports/2026/q1.csv');
});

test('check --no-public-access: exit 1 for a public bucket policy, 0 when bounded by the organization', () => {
  const pub = run(['check', bucketPolicy, '--no-public-access', '--format', 'json']);
  assert.equal(pub.code, 1);
  const out = JSON.parse(pub.stdout);
  assert.equal(out.policyType, 'resource');
  assert.equal(out.checks[0].check, 'no-public-access');
  assert.equal(out.checks[0].findings[0].sid, 'Public');
  assert.ok(out.checks[0].findings[0].example.principal);
  assert.equal(run(['check', orgBucket, '--no-public-access']).code, 0);
  assert.equal(run(['check', oldFile, '--no-public-access']).code, 0);
  const md = run(['check', bucketPolicy, '--no-public-access', '--format', 'markdown']);
  assert.match(md.stdout, /^### .*no public access — FAIL/);
});

test('check of a template: every embedded policy with the kind of its place; the JSON names the policy of each finding', () => {
  const file = write('guarded.yaml', `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
  Deployer:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: iam:PassRole
            Resource: '*'
`);
  const json = run(['check', file, '--no-public-access', '--not-granted', 'iam:PassRole', '--format', 'json']);
  assert.equal(json.code, 1, json.stderr);
  const result = JSON.parse(json.stdout);
  assert.equal(result.format, 'cloudformation');
  assert.equal(result.policyType, null);
  assert.equal(result.result, 'FAIL');
  assert.deepEqual(result.policies.map((p: { pointer: string; policyType: string; result: string }) => [p.pointer, p.policyType, p.result]), [
    ['/Resources/BucketPolicy/Properties/PolicyDocument', 'resource', 'FAIL'],
    ['/Resources/Deployer/Properties/PolicyDocument', 'identity', 'FAIL'],
  ]);
  const byCheck = Object.fromEntries(result.checks.map((c: { check: string; result: string; findings: Array<{ policy: string }> }) => [c.check, [c.result, c.findings.map((f) => f.policy)]]));
  assert.deepEqual(byCheck, {
    'not-granted': ['FAIL', ['/Resources/Deployer/Properties/PolicyDocument']],
    'no-public-access': ['FAIL', ['/Resources/BucketPolicy/Properties/PolicyDocument']],
  });
  // Only the guard that holds: exit 0.
  const clean = write('clean.yaml', `Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
`);
  const pass = run(['check', clean, '--no-public-access', '--not-granted', 'iam:PassRole']);
  assert.equal(pass.code, 0, pass.stdout);
  assert.match(pass.stdout, /clean\.yaml#\/Resources\/Reader\/Properties\/PolicyDocument: access not granted: PASS/);
});

test('check: bad usage exits 2', () => {
  for (const argv of [['check'], ['check', oldFile], ['check', oldFile, '--not-granted'], ['check', oldFile, '--not-granted', 'GetObject'], ['check', oldFile, '--resource', 'arn:aws:s3:::x'], ['check', oldFile, newFile, '--no-public-access'], ['check', oldFile, '--no-public-access', '--format', 'sarif']]) {
    const { code, stderr } = run(argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(stderr, /^iam-policy check: /);
  }
});

test('usage lists diff and check', () => {
  const { stdout } = run(['--help']);
  assert.match(stdout, /iam-policy diff OLD NEW/);
  assert.match(stdout, /iam-policy check FILE --not-granted/);
});

test('summary shows who can get in (resource and trust policies) and the risks (identity policies), compatibly', () => {
  const json = JSON.parse(run(['summary', bucketPolicy, '--format', 'json']).stdout);
  assert.equal(json.allow.services[0].prefix, 's3');
  assert.equal(json.access.policyType, 'resource');
  assert.equal(json.access.whoCanGetIn.statements[0].public, true);
  assert.equal(json.access.whoCanGetIn.statements[0].summary, 'anyone (public)');
  const text = run(['summary', bucketPolicy]).stdout;
  assert.match(text, /^Policy summary: /);
  assert.match(text, /Who can get in:\n {2}Public: anyone \(public\)/);
  const cross = write('cross.json', policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' }));
  const md = run(['summary', cross, '--format', 'markdown']).stdout;
  assert.match(md, /## Who can get in\n\n- Statement 0: other account\(s\) `444455556666`/);
  const risky = write('risky.json', policy({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }));
  const risks = JSON.parse(run(['summary', risky, '--format', 'json']).stdout).access.risks;
  assert.ok(risks.some((r: { method: string }) => r.method === 'PassRoleToNewLambdaThenInvoke'));
  assert.match(run(['summary', risky]).stdout, /Risks:\n {2}privilege-escalation: PassRoleToNewLambdaThenInvoke \(statement 0\)/);
  assert.equal(run(['summary', cross, '--account', '12']).code, 2);
  assert.equal(run(['summary', cross, '--type', 'bogus']).code, 2);
});

test('diff examples replay as they are through iam-policy simulate (identity and resource policies)', () => {
  const replay = (policyFile: string, example: { principal: string; action: string; resource: string; context: object }, kind: 'identity' | 'resource') => {
    const document = JSON.parse(fs.readFileSync(policyFile, 'utf8'));
    const request = kind === 'identity'
      ? { ...example, identityPolicies: [document] }
      : { ...example, identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }], resourcePolicy: document };
    const file = write(`request-${Math.random().toString(36).slice(2)}.json`, request);
    return JSON.parse(run(['simulate', '--request', file]).stdout).decision as string;
  };
  const identity = JSON.parse(run(['diff', oldFile, newFile, '--format', 'json']).stdout);
  const example = identity.newAccess[0].example;
  assert.equal(replay(newFile, example, 'identity'), 'Allow');
  assert.notEqual(replay(oldFile, example, 'identity'), 'Allow');
  const privateBucket = write('private-bucket.json', policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }));
  const resource = JSON.parse(run(['diff', privateBucket, bucketPolicy, '--format', 'json']).stdout);
  assert.equal(resource.verdict, 'new-access');
  const publicExample = resource.newAccess[0].example;
  assert.equal(replay(bucketPolicy, publicExample, 'resource'), 'Allow');
  assert.notEqual(replay(privateBucket, publicExample, 'resource'), 'Allow');
});
