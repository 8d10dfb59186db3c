/**
 * The policy shrinker (`iam/format/shrinkPolicy.ts`) and the "Shrink policy" code action.
 *
 * Sources: IAM User Guide, "IAM and AWS STS quotas" (managed policy 6,144 characters, role trust
 * policy 2,048, white space not counted); AWS Organizations User Guide, "SCP syntax" (5,120
 * characters, and "all characters in your SCP count against its maximum size"); "Policy evaluation logic" (a statement applies when its
 * action, resource, principal and conditions all match, so statements equal in all but one positive
 * list merge into their union); "IAM JSON policy elements: NotAction" (the union of two `NotAction`
 * statements is not one statement with both lists); Service Authorization Reference, through the
 * bundled catalog, for what a wildcard matches.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expandActionPattern, actionsOf } from '../../server/src/iam/catalog/catalog';
import { compareAccess } from '../../server/src/iam/format/formatCheck';
import { isNearQuota, NEAR_QUOTA_SHARE, shrinkPolicy } from '../../server/src/iam/format/shrinkPolicy';
import { policySize } from '../../server/src/iam/document/policySize';
import { analyzeDocument } from '../../server/src/service/documentAnalysis';
import { shrinkCodeActions } from '../../server/src/service/formatting';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

type Statement = Record<string, unknown>;
const policy = (...statements: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const shrunkStatements = (text: string, kind: 'identity' | 'scp' | 'resource' = 'identity'): Statement[] => {
  const result = shrinkPolicy(text, kind);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.ok(!/\s/.test(result.text.replace(/"[^"]*"/g, '')), 'no white space outside strings');
  assert.equal(compareAccess(text, result.text, kind).verdict, 'equal');
  return (JSON.parse(result.text) as { Statement: Statement[] }).Statement;
};

const BUCKET = 'arn:aws:s3:::reports/*';
const OTHER = 'arn:aws:s3:::archive/*';

test('statements that differ only in actions merge into one with the union of the actions', () => {
  const statements = shrunkStatements(policy({ Sid: 'Get', Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }, { Sid: 'Put', Effect: 'Allow', Action: ['s3:PutObject'], Resource: BUCKET }));
  assert.deepEqual(statements, [{ Sid: 'Get', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: BUCKET }]);
});

test('statements that differ only in resources merge into one with the union of the resources', () => {
  const statements = shrunkStatements(policy({ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: BUCKET }, { Effect: 'Allow', Action: ['s3:getobject', 's3:PutObject'], Resource: [OTHER] }));
  assert.deepEqual(statements, [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [BUCKET, OTHER] }]);
});

test('Deny statements merge when the comparison proves it', () => {
  const text = policy(
    { Effect: 'Deny', Action: 's3:DeleteObject', Resource: BUCKET },
    { Effect: 'Deny', Action: 's3:DeleteObject', Resource: OTHER },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET },
    { Effect: 'Allow', Action: 's3:PutObject', Resource: BUCKET },
  );
  assert.deepEqual(shrunkStatements(text), [
    { Effect: 'Deny', Action: 's3:DeleteObject', Resource: [BUCKET, OTHER] },
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: BUCKET },
  ]);
});

test('a Deny merge the comparison cannot prove is left out, and the rest of the policy still shrinks', () => {
  // Against an Allow of every S3 action on every resource, the merged Deny leaves the comparison
  // undecided (it looks for one deny at least as broad as each), so the Deny statements stay apart;
  // the policy still loses its white space and its duplicate action.
  const allow = { Effect: 'Allow', Action: ['s3:PutObject', 's3:*', 'S3:PUTOBJECT'], Resource: '*' };
  const text = policy({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: BUCKET }, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: OTHER }, allow);
  const mergedDeny = policy({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: [BUCKET, OTHER] }, allow);
  assert.equal(compareAccess(text, mergedDeny, 'identity').verdict, 'undecided');
  assert.deepEqual(shrunkStatements(text), [
    { Effect: 'Deny', Action: 's3:DeleteObject', Resource: BUCKET },
    { Effect: 'Deny', Action: 's3:DeleteObject', Resource: OTHER },
    { Effect: 'Allow', Action: ['s3:*', 's3:PutObject'], Resource: '*' },
  ]);
});

interface NoMergeCase {
  readonly name: string;
  readonly statements: readonly [Statement, Statement];
}

const NO_MERGE: readonly NoMergeCase[] = [
  { name: 'different conditions', statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, { Effect: 'Allow', Action: 's3:PutObject', Resource: BUCKET }] },
  { name: 'different condition values', statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET, Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }, { Effect: 'Allow', Action: 's3:PutObject', Resource: BUCKET, Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }] },
  { name: 'different effects', statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }, { Effect: 'Deny', Action: 's3:PutObject', Resource: BUCKET }] },
  { name: 'different actions and resources at once', statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }, { Effect: 'Allow', Action: 's3:PutObject', Resource: OTHER }] },
  { name: 'NotAction lists (their union would be narrower)', statements: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Allow', NotAction: 's3:*', Resource: '*' }] },
  { name: 'NotResource lists (their union would be narrower)', statements: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: BUCKET }, { Effect: 'Allow', Action: 's3:GetObject', NotResource: OTHER }] },
  { name: 'Action against NotAction', statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }, { Effect: 'Allow', NotAction: 's3:GetObject', Resource: BUCKET }] },
  { name: 'an unknown element', statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET, Note: 'x' }, { Effect: 'Allow', Action: 's3:PutObject', Resource: BUCKET }] },
];

for (const testCase of NO_MERGE) {
  test(`no merge: ${testCase.name}`, () => {
    const text = policy(...testCase.statements);
    const result = shrinkPolicy(text, 'scp');
    if (!result.ok) {
      assert.match(result.reason, /already as small/);
      return;
    }
    assert.equal(result.mergedStatements, 0);
    assert.equal((JSON.parse(result.text) as { Statement: unknown[] }).Statement.length, 2);
    assert.equal(compareAccess(text, result.text, 'scp').verdict, 'equal');
  });
}

test('no merge of different principals in a resource policy; the same principal merges', () => {
  const alice = { AWS: 'arn:aws:iam::111122223333:root' };
  const text = policy(
    { Effect: 'Allow', Principal: alice, Action: 's3:GetObject', Resource: BUCKET },
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:PutObject', Resource: BUCKET },
    { Effect: 'Allow', Principal: alice, Action: 's3:PutObject', Resource: BUCKET },
  );
  const statements = shrunkStatements(text, 'resource');
  assert.equal(statements.length, 2);
  assert.deepEqual(statements[0], { Effect: 'Allow', Principal: alice, Action: ['s3:GetObject', 's3:PutObject'], Resource: BUCKET });
});

test('statements with the same NotAction merge on their resources', () => {
  const statements = shrunkStatements(policy({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: BUCKET }, { Effect: 'Deny', NotAction: ['sts:*', 'IAM:*'], Resource: OTHER }));
  assert.deepEqual(statements, [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: [BUCKET, OTHER] }]);
});

test('the guard: uniting two NotAction statements would change access, and the comparison says so', () => {
  const two = policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Allow', NotAction: 's3:*', Resource: '*' });
  const united = policy({ Effect: 'Allow', NotAction: ['iam:*', 's3:*'], Resource: '*' });
  assert.equal(compareAccess(two, united, 'identity').verdict, 'different');
});

test('exact-cover wildcards: every wildcard matches, in the bundled catalog, only actions the statement listed', () => {
  // All of the s3:GetObject* family, plus one s3:List action: GetObject* covers exactly the family.
  const family = expandActionPattern('s3:GetObject*').map((a) => a.fullName);
  assert.ok(family.length > 3);
  const listed = [...family, 's3:ListBucket'];
  const result = shrinkPolicy(policy({ Effect: 'Allow', Action: listed, Resource: '*' }), 'identity');
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.ok(result.wildcards.length > 0);
  for (const wildcard of result.wildcards) {
    const matched = expandActionPattern(wildcard.pattern).map((a) => a.fullName.toLowerCase());
    assert.ok(matched.every((name) => listed.some((l) => l.toLowerCase() === name)), `${wildcard.pattern} matches only listed actions`);
    assert.deepEqual([...matched].sort(), wildcard.covers.map((c) => c.toLowerCase()).sort());
  }
  const actions = (JSON.parse(result.text) as { Statement: Array<{ Action: string[] }> }).Statement[0]!.Action;
  // Every listed action is still matched, and nothing else of the service is.
  const matchedByResult = new Set(actions.flatMap((a) => expandActionPattern(a).map((x) => x.fullName.toLowerCase())));
  for (const action of listed) assert.ok(matchedByResult.has(action.toLowerCase()), action);
  for (const action of actionsOf('s3')) if (matchedByResult.has(action.fullName.toLowerCase())) assert.ok(listed.includes(action.fullName), `${action.fullName} was not listed`);
});

test('exact-cover wildcards: a family with one action missing gets no wildcard for that family', () => {
  const family = expandActionPattern('s3:GetObjectVersion*').map((a) => a.fullName);
  const listed = family.slice(1); // s3:GetObjectVersion itself is left out, so s3:GetObjectVersion* would cover more than listed.
  const result = shrinkPolicy(policy({ Effect: 'Allow', Action: listed, Resource: '*' }, { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::x' }), 'scp');
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.ok(!result.wildcards.some((w) => w.pattern === 's3:GetObjectVersion*'));
  for (const wildcard of result.wildcards) for (const name of expandActionPattern(wildcard.pattern)) assert.ok(listed.includes(name.fullName), `${wildcard.pattern} covers unlisted ${name.fullName}`);
});

test('not shrunk: comments, repeated keys, syntax errors, not a policy, already minimal', () => {
  const reasons = [
    shrinkPolicy('// c\n{"Version":"2012-10-17","Statement":[]}', 'identity'),
    shrinkPolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny"}]}', 'identity'),
    shrinkPolicy('{"Statement":[', 'identity'),
    shrinkPolicy('{"a":1}', 'identity'),
    shrinkPolicy('{"Version":"2012-10-17","Statement":[]}', 'scp'),
  ].map((r) => (r.ok ? 'ok' : r.reason));
  assert.match(reasons[0]!, /comments/);
  assert.match(reasons[1]!, /repeats a key/);
  assert.match(reasons[2]!, /syntax errors/);
  assert.match(reasons[3]!, /not an IAM policy/);
  assert.match(reasons[4]!, /already as small/);
});

test('white space counts for SCPs: an SCP shrinks by its white space alone', () => {
  const text = policy({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' });
  const result = shrinkPolicy(text, 'scp');
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.equal(result.before, text.length);
  assert.equal(result.after, result.text.length);
  assert.equal(result.quota, 5120);
});

/** An identity policy of about `size` characters (white space excluded) that merging shrinks. */
function bigPolicy(size: number): string {
  const statements: Statement[] = [];
  for (let i = 0; policySize(policy(...statements), 'identity').characters < size; i++) statements.push({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::bucket-number-${i}/*` });
  return policy(...statements);
}

test(`"near" is ${NEAR_QUOTA_SHARE * 100} % of the quota or over it`, () => {
  assert.equal(isNearQuota(bigPolicy(0.5 * 6144), 'identity'), false);
  assert.equal(isNearQuota(bigPolicy(0.92 * 6144), 'identity'), true);
  assert.equal(isNearQuota(bigPolicy(7000), 'identity'), true);
  assert.equal(isNearQuota(bigPolicy(7000), 'resource'), false, 'resource policies have no quota here');
});

test('the code action: offered near the quota with the sizes in its title, not offered far from it', () => {
  const near = bigPolicy(0.95 * 6144);
  const document = TextDocument.create('file:///w/app.json', 'json', 1, near);
  const analysis = analyzeDocument({ text: near, path: 'app.json', settings: DEFAULT_SETTINGS });
  const actions = shrinkCodeActions(document, analysis);
  assert.equal(actions.length, 1);
  const before = policySize(near, 'identity').characters;
  const newText = actions[0]!.edit!.changes!['file:///w/app.json']![0]!.newText;
  const after = policySize(newText, 'identity').characters;
  assert.equal(actions[0]!.title, `Shrink policy (${before.toLocaleString('en-US')} → ${after.toLocaleString('en-US')} characters)`);
  assert.ok(after < before / 2, `${before} → ${after}`);
  assert.equal(actions[0]!.kind, 'refactor.rewrite');
  assert.equal(compareAccess(near, newText, 'identity').verdict, 'equal');
  const far = bigPolicy(1000);
  assert.deepEqual(shrinkCodeActions(TextDocument.create('file:///w/b.json', 'json', 1, far), analyzeDocument({ text: far, path: 'b.json', settings: DEFAULT_SETTINGS })), []);
});
