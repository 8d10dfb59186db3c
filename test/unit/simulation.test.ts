/**
 * Simulating a request against one document in its role (a table: kind → decision and what the
 * explanation says), the choices offered, and the edit that saves a simulation as a scenario test.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../server/src/service/documentAnalysis';
import { simulateDocument, simulationChoices } from '../../server/src/service/simulation';
import { scenarioAddTestEdit } from '../../server/src/service/scenarioEdit';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import type { PolicyKind } from '../../server/src/iam/document/policyKind';
import { parseScenario, PolicySet, runScenario } from '../../server/src/iam/scenario/index';

function analyse(text: string, kind: PolicyKind) {
  const document = TextDocument.create('file:///w/p.json', 'json', 1, text);
  return { document, analysis: analyzeDocument({ text, path: 'p.json', settings: DEFAULT_SETTINGS, override: kind }) };
}

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const S3_ALLOW = '{"Version": "2012-10-17", "Statement": [{"Sid": "S3", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}';
const EC2_DENY = '{"Version": "2012-10-17", "Statement": [{"Sid": "NoEc2", "Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]}';
const BUCKET = `{"Version": "2012-10-17", "Statement": [{"Sid": "Alice", "Effect": "Allow", "Principal": {"AWS": "${ALICE}"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`;
const TRUST = '{"Version": "2012-10-17", "Statement": [{"Sid": "B", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}]}';
const RCP = '{"Version": "2012-10-17", "Statement": [{"Sid": "NoDelete", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "*"}]}';

const CASES: Array<{ kind: PolicyKind; text: string; principal?: string; action: string; resource?: string; decision: string; summary: string; says: RegExp; ranges: number }> = [
  { kind: 'identity', text: S3_ALLOW, action: 's3:GetObject', decision: 'Allow', summary: 'Allow: allowed by statement `S3`', says: /only identity-based policy/, ranges: 1 },
  { kind: 'identity', text: S3_ALLOW, action: 'ec2:RunInstances', decision: 'ImplicitDeny', summary: 'ImplicitDeny: nothing allows `ec2:RunInstances`', says: /only identity-based policy/, ranges: 0 },
  { kind: 'resource', text: BUCKET, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', decision: 'Allow', summary: 'Allow: allowed by statement `Alice`', says: /resource-based policy/, ranges: 1 },
  { kind: 'trust', text: TRUST, principal: 'arn:aws:iam::444455556666:user/bob', action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/R', decision: 'ImplicitDeny', summary: 'ImplicitDeny: no identity-based policy allows `sts:AssumeRole`', says: /trust policy/, ranges: 0 },
  { kind: 'boundary', text: S3_ALLOW, action: 'ec2:RunInstances', decision: 'ImplicitDeny', summary: 'ImplicitDeny: the permissions boundary `this policy` does not allow it', says: /allow-all identity-based policy standing in/, ranges: 0 },
  { kind: 'boundary', text: S3_ALLOW, action: 's3:PutObject', decision: 'Allow', summary: 'Allow: allowed by statement 0 of the allow-all identity policy (stand-in) and statement `S3`', says: /what the boundary limits/, ranges: 1 },
  { kind: 'scp', text: EC2_DENY, action: 'ec2:RunInstances', decision: 'ExplicitDeny', summary: 'ExplicitDeny: denied by statement `NoEc2`', says: /only SCP/, ranges: 1 },
  { kind: 'rcp', text: RCP, action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/k', decision: 'ExplicitDeny', summary: 'ExplicitDeny: denied by statement `NoDelete`', says: /only RCP/, ranges: 1 },
  { kind: 'session', text: S3_ALLOW, principal: 'arn:aws:sts::111122223333:assumed-role/R/s', action: 'ec2:RunInstances', decision: 'ImplicitDeny', summary: 'ImplicitDeny: the session policy `this policy` does not allow it', says: /session policy/, ranges: 0 },
];

for (const c of CASES) {
  test(`simulate: ${c.kind} policy, ${c.action} → ${c.decision}`, () => {
    const { document, analysis } = analyse(c.text, c.kind);
    const result = simulateDocument(document, analysis, { uri: document.uri, principal: c.principal ?? ALICE, action: c.action, resource: c.resource ?? '*', deriveContext: true });
    assert.equal(result.decision, c.decision, result.explanation);
    assert.equal(result.summary, c.summary);
    assert.match(result.explanation, c.says);
    assert.equal(result.decidingRanges.length, c.ranges);
  });
}

test('simulate: bad input is an Error result with a one-line message', () => {
  const { document, analysis } = analyse(S3_ALLOW, 'identity');
  const result = simulateDocument(document, analysis, { uri: document.uri, principal: ALICE, action: 's3', resource: '*' });
  assert.equal(result.decision, 'Error');
  assert.equal(result.summary, 'Action `s3` must be `service:Action`, e.g. `s3:GetObject`.');
});

test('choices: actions expanded from wildcards within the budget, resources and principals', () => {
  const { analysis } = analyse(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "${ALICE}"}, "Action": ["s3:Get*", "*"], "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::c"]}]}`, 'resource');
  const choices = simulationChoices(analysis);
  assert.ok(choices.actions.includes('s3:GetObject'));
  assert.ok(choices.actions.length <= 300);
  assert.ok(!choices.actions.some((a) => a.includes('*')));
  assert.deepEqual(choices.resources, ['arn:aws:s3:::b/*', 'arn:aws:s3:::c']);
  assert.deepEqual(choices.principals, [ALICE]);
});

// Saving a simulation as a test: the edited scenario must parse and its new test must pass.
const SIM = { uri: 'file:///w/p.json', principal: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', decision: 'Allow' as const };

function passes(text: string, files: Record<string, string>): boolean[] {
  const parsed = parseScenario(text);
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
  return runScenario(parsed.scenario, new PolicySet((p) => (p in files ? { text: files[p]! } : { error: 'missing' }))).map((r) => r.passed);
}

test('save as test: identity policy attaches to an existing user found by name and account name', () => {
  const existing = '{\n  "accounts": [{"id": "111122223333", "name": "A"}],\n  "users": [{"name": "alice", "account": "A"}],\n  "tests": []\n}\n';
  const result = scenarioAddTestEdit(existing, { policyPath: 'p.json', kind: 'identity', simulation: SIM, name: 'reads' });
  assert.ok('text' in result);
  const json = JSON.parse(result.text);
  assert.deepEqual(json.users, [{ name: 'alice', account: 'A', policies: ['p.json'] }]);
  assert.equal(json.tests[0].name, 'reads');
  assert.deepEqual(passes(result.text, { 'p.json': S3_ALLOW }), [true]);
  assert.deepEqual(result.edits[0]!.range, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } });
});

test('save as test: a role session principal becomes its role; resource and trust policies attach to their resource', () => {
  const session = scenarioAddTestEdit(undefined, { policyPath: 'p.json', kind: 'identity', simulation: { ...SIM, principal: 'arn:aws:sts::111122223333:assumed-role/R/s' } });
  assert.ok('text' in session);
  assert.deepEqual(JSON.parse(session.text).roles, [{ arn: 'arn:aws:iam::111122223333:role/R', policies: ['p.json'] }]);
  assert.deepEqual(passes(session.text, { 'p.json': S3_ALLOW }), [true]);

  const bucket = scenarioAddTestEdit('{"tests": []}', { policyPath: '../b.json', kind: 'resource', simulation: SIM });
  assert.ok('text' in bucket);
  assert.deepEqual(JSON.parse(bucket.text).resources, [{ arn: 'arn:aws:s3:::b/k', policy: '../b.json' }]);
  assert.deepEqual(passes(bucket.text, { '../b.json': BUCKET }), [true]);

  const trust = scenarioAddTestEdit(undefined, { policyPath: 't.json', kind: 'trust', simulation: { ...SIM, principal: 'arn:aws:iam::444455556666:user/bob', action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/R', decision: 'ImplicitDeny' } });
  assert.ok('text' in trust);
  assert.deepEqual(JSON.parse(trust.text).roles, [{ arn: 'arn:aws:iam::111122223333:role/R', trustPolicy: 't.json' }]);
  assert.deepEqual(passes(trust.text, { 't.json': TRUST }), [true]);
});

test('save as test: refused with a message for limits, non-entity principals and broken files', () => {
  const refuse = (text: string | undefined, kind: PolicyKind, principal = ALICE) => {
    const result = scenarioAddTestEdit(text, { policyPath: 'p.json', kind, simulation: { ...SIM, principal } });
    return 'error' in result ? result.error : 'accepted';
  };
  assert.match(refuse(undefined, 'boundary'), /not supported yet/);
  assert.match(refuse(undefined, 'scp'), /SCP as a test is not supported yet/);
  assert.match(refuse(undefined, 'identity', 'ec2.amazonaws.com'), /attach to users and roles/);
  assert.match(refuse('{"tests": [', 'identity'), /not a valid JSON object/);
});
