/**
 * Scenario files and simulation through the real server, in-process: diagnostics for broken
 * scenarios, live code lenses above tests (open documents' unsaved text wins over disk), the
 * Simulate… lens, SimulationChoicesRequest, SimulateRequest and ScenarioAddTestRequest.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startHarness, type Harness } from './harness';
import { browserServerIO } from '../../server/src/browser/browserIO';
import type { ReadFileResult, ShowTestResultArguments, SimulateResult, SimulationChoicesResult, ScenarioAddTestResult } from '../../server/src/protocol';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'cross-account');
const read = (relative: string) => fs.readFileSync(path.join(EXAMPLE, relative), 'utf8');

interface Lens {
  range: { start: { line: number; character: number } };
  command?: { title: string; command: string; arguments?: unknown[] };
}

async function lenses(harness: Harness, uri: string): Promise<Lens[]> {
  return harness.client.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<Lens[]>;
}

/** Opens the cross-account example under file:///workspace (the harness's workspace), from memory. */
async function openExample(harness: Harness): Promise<string> {
  for (const file of ['account-a/CrossAccountS3Access-trust-policy.json', 'account-a/CrossAccountS3Access-permissions.json', 'account-b/AssumeCrossAccountS3Access.json']) {
    const uri = `file:///workspace/cross-account/${file}`;
    const waiting = harness.diagnostics(uri);
    harness.open(uri, read(file));
    await waiting;
  }
  const uri = 'file:///workspace/cross-account/cross-account.iamtest.json';
  const waiting = harness.diagnostics(uri);
  harness.open(uri, read('cross-account.iamtest.json'));
  const { diagnostics } = await waiting;
  assert.deepEqual(diagnostics, []);
  return uri;
}

test('a code lens above each test shows its live result and carries the deciding statement', async () => {
  const harness = await startHarness();
  try {
    const uri = await openExample(harness);
    const found = await lenses(harness, uri);
    const titles = found.map((lens) => lens.command?.title);
    assert.equal(found.length, 6, titles.join('\n'));
    assert.ok(titles.every((title) => title?.startsWith('✓ ')), titles.join('\n'));
    assert.equal(titles[1], '✓ Allow: statement `S3Full` of CrossAccountS3Access-permissions.json');
    assert.equal(titles[3], '✓ ImplicitDeny: nothing allows `ec2:RunInstances`');
    const args = found[1]!.command!.arguments![0] as ShowTestResultArguments;
    assert.equal(found[1]!.command!.command, 'iamPolicy.showTestResult');
    assert.equal(args.target?.uri, 'file:///workspace/cross-account/account-a/CrossAccountS3Access-permissions.json');
    assert.deepEqual(args.target?.range, { start: { line: 3, character: 4 }, end: { line: 8, character: 5 } });
    assert.match(args.explanation, /Step 1: `alice` calls `sts:AssumeRole`/);
    assert.match(args.explanation, /aws:PrincipalArn/);
  } finally {
    harness.dispose();
  }
});

test('unsaved edits to a policy the scenario uses change the lenses', async () => {
  const harness = await startHarness();
  try {
    const uri = await openExample(harness);
    const permissions = 'file:///workspace/cross-account/account-a/CrossAccountS3Access-permissions.json';
    const republished = harness.diagnostics(uri);
    harness.change(permissions, read('account-a/CrossAccountS3Access-permissions.json').replace('"s3:*"', '"s3:Get*"'), 2);
    // Scenario diagnostics are re-published when a policy they use changes.
    await republished;
    // The change notification is processed in order, before the lens request.
    const titles = (await lenses(harness, uri)).map((lens) => lens.command?.title);
    assert.equal(titles[1], '✓ Allow: statement `S3Full` of CrossAccountS3Access-permissions.json');
    assert.equal(titles[2], '✗ expected Allow, got ImplicitDeny: nothing allows `s3:PutObject`');
  } finally {
    harness.dispose();
  }
});

test('a role chain that fails at the assume step says which step failed', async () => {
  const harness = await startHarness();
  try {
    const uri = await openExample(harness);
    const titles = (await lenses(harness, uri)).map((lens) => lens.command?.title);
    assert.equal(titles[4], "✓ ImplicitDeny: step 1 `sts:AssumeRole` on `CrossAccountS3Access` denied: no statement of the role's trust policy allows the caller");
  } finally {
    harness.dispose();
  }
});

const BROKEN = `{
  "users": [{"name": "alice", "account": "444455556666", "policies": ["missing.json", "../outside.json"]}],
  "roles": [{"name": "R", "account": "111122223333", "trustPolicy": {"Statement": []}, "polices": []}],
  "tests": [
    {"name": "unknown role", "principal": "alice", "assumeRole": "Nope", "action": "s3:GetObject", "resource": "*", "expect": "Allow"},
    {"name": "unknown principal", "principal": "carol", "action": "s3:GetObject", "resource": "*", "expect": "Allow"},
    {"name": "bad expect", "principal": "alice", "action": "s3:GetObject", "resource": "*", "expect": "Maybe"}
  ]
}`;

test('broken scenarios get diagnostics on the exact text, and their tests say they cannot run', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/broken.iamtest.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, BROKEN);
    const { diagnostics } = await waiting;
    const byCode = (code: string) => diagnostics.filter((d) => d.code === code).map((d) => String(d.message));
    assert.deepEqual(byCode('SCENARIO_POLICY_FILE'), ['Policy file `missing.json` not found', 'Policy file `../outside.json` is outside the workspace, so it is not read']);
    assert.match(byCode('SCENARIO_UNKNOWN_FIELD')[0]!, /Unknown field `polices` in a role: did you mean `policies`\?/);
    assert.match(byCode('SCENARIO_UNKNOWN_ROLE')[0]!, /Unknown role `Nope`/);
    assert.match(byCode('SCENARIO_UNKNOWN_PRINCIPAL')[0]!, /Unknown principal `carol`/);
    assert.match(byCode('SCENARIO_INVALID_VALUE')[0]!, /`expect` must be/);
    const unknownRole = diagnostics.find((d) => d.code === 'SCENARIO_UNKNOWN_ROLE')!;
    const line = BROKEN.split('\n')[4]!;
    assert.deepEqual(unknownRole.range, { start: { line: 4, character: line.indexOf('"Nope"') }, end: { line: 4, character: line.indexOf('"Nope"') + 6 } });
    const titles = (await lenses(harness, uri)).map((lens) => lens.command?.title);
    assert.equal(titles.length, 3);
    assert.ok(titles.every((t) => t?.startsWith('⚠ cannot run')), titles.join('\n'));
  } finally {
    harness.dispose();
  }
});

test('a policy gets a Simulate… lens; choices and SimulateRequest answer for the document in its role', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/perm.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, read('account-a/CrossAccountS3Access-permissions.json'));
    await waiting;
    const simulate = (await lenses(harness, uri)).find((lens) => lens.command?.command === 'iamPolicy.simulate');
    assert.deepEqual(simulate?.command?.arguments, [uri]);
    const choices = (await harness.client.sendRequest('iam/simulationChoices', { uri })) as SimulationChoicesResult;
    assert.ok(choices.actions.includes('s3:GetObject'));
    assert.ok(choices.actions.length <= 300);
    assert.deepEqual(choices.resources, ['*']);
    const allow = (await harness.client.sendRequest('iam/simulate', {
      uri, principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', deriveContext: true,
    })) as SimulateResult;
    assert.equal(allow.decision, 'Allow');
    assert.equal(allow.summary, 'Allow: allowed by statement `S3Full`');
    assert.deepEqual(allow.decidingRanges, [{ start: { line: 3, character: 4 }, end: { line: 8, character: 5 } }]);
    assert.ok(allow.derived?.some((d) => d.startsWith('aws:username = "alice"')));
    const deny = (await harness.client.sendRequest('iam/simulate', {
      uri, principal: 'arn:aws:iam::111122223333:user/alice', action: 'ec2:RunInstances', resource: '*',
    })) as SimulateResult;
    assert.equal(deny.summary, 'ImplicitDeny: nothing allows `ec2:RunInstances`');
    assert.deepEqual(deny.decidingRanges, []);
  } finally {
    harness.dispose();
  }
});

test('an SCP is simulated with an allow-all identity policy, and the explanation says so', async () => {
  const harness = await startHarness();
  try {
    const uri = 'file:///workspace/deny-scp.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, '{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "NoEc2", "Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]}');
    await waiting;
    const result = (await harness.client.sendRequest('iam/simulate', { uri, principal: 'arn:aws:iam::111122223333:user/alice', action: 'ec2:RunInstances', resource: '*' })) as SimulateResult;
    assert.equal(result.decision, 'ExplicitDeny');
    assert.equal(result.summary, 'ExplicitDeny: denied by statement `NoEc2`');
    assert.match(result.explanation, /allow-all identity-based policy standing in/);
    assert.equal(result.decidingRanges.length, 1);
  } finally {
    harness.dispose();
  }
});

test('ScenarioAddTestRequest appends the simulation as a test and attaches the policy', async () => {
  const harness = await startHarness();
  try {
    const policy = 'file:///workspace/policies/perm.json';
    const waiting = harness.diagnostics(policy);
    harness.open(policy, read('account-a/CrossAccountS3Access-permissions.json'));
    await waiting;
    const scenario = 'file:///workspace/tests/new.iamtest.json';
    const result = (await harness.client.sendRequest('iam/scenarioAddTest', {
      scenarioUri: scenario,
      simulation: { uri: policy, principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', decision: 'Allow' },
    })) as ScenarioAddTestResult;
    const changes = (result.edit as { documentChanges: Array<{ kind?: string; edits?: Array<{ newText: string }> }> }).documentChanges;
    assert.equal(changes[0]!.kind, 'create');
    const text = changes[1]!.edits![0]!.newText;
    const json = JSON.parse(text);
    assert.deepEqual(json.users, [{ arn: 'arn:aws:iam::111122223333:user/alice', policies: ['../policies/perm.json'] }]);
    assert.deepEqual(json.tests, [{ name: 'alice can s3:GetObject', principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', expect: 'Allow' }]);
  } finally {
    harness.dispose();
  }
});

test('with the browser I/O edge, a scenario reads its policies through the client (iam/readFile)', async () => {
  const harness = await startHarness({ io: browserServerIO });
  const asked: string[] = [];
  harness.client.onRequest<ReadFileResult, unknown>('iam/readFile', (params: { uri: string }): ReadFileResult => {
    asked.push(params.uri);
    const prefix = 'file:///workspace/cross-account/';
    return params.uri.startsWith(prefix) && fs.existsSync(path.join(EXAMPLE, params.uri.slice(prefix.length))) ? { text: read(params.uri.slice(prefix.length)) } : { missing: 'notFound' };
  });
  try {
    const uri = 'file:///workspace/cross-account/cross-account.iamtest.json';
    const waiting = harness.diagnostics(uri);
    harness.open(uri, read('cross-account.iamtest.json'));
    assert.deepEqual((await waiting).diagnostics, []);
    const titles = (await lenses(harness, uri)).map((lens) => lens.command?.title);
    assert.equal(titles.length, 6, titles.join('\n'));
    assert.ok(titles.every((title) => title?.startsWith('✓ ')), titles.join('\n'));
    assert.ok(asked.includes('file:///workspace/cross-account/account-a/CrossAccountS3Access-permissions.json'), asked.join('\n'));
  } finally {
    harness.dispose();
  }
});
