/**
 * The access diff (`diffAccess`, `iam-policy diff`): known pairs with their verdicts and example
 * requests, and the soundness property with fast-check — whenever the verdict is `no-new-access`,
 * every random request the new policy allows is allowed by the old one; every example reported is
 * confirmed by the evaluator. The rules the cases rest on are the IAM User Guide's "Policy
 * evaluation logic" (an explicit deny overrides any allow), "IAM JSON policy elements: Action /
 * NotAction / Resource / NotResource / Condition" and "Condition operators".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePolicy } from '../../server/src/iam/document/parse';
import { diffAccess } from '../../server/src/iam/access';
import { judge } from '../../server/src/iam/access/harness';
import type { PolicyKind } from '../../server/src/iam/document/policyKind';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const P = (policy: unknown) => parsePolicy(JSON.stringify(policy)).document;
const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });

interface Case {
  readonly name: string;
  readonly kind?: PolicyKind;
  readonly old: unknown;
  readonly new: unknown;
  readonly verdict: 'no-new-access' | 'new-access' | 'undecided';
  /** Actions that must appear in newAccess (and the example's action among them). */
  readonly grants?: readonly string[];
  /** Actions that must appear in removedAccess. */
  readonly removes?: readonly string[];
}

const BUCKET = 'arn:aws:s3:::reports';
const CASES: Case[] = [
  { name: 'identical policies', old: doc(allow('s3:GetObject', `${BUCKET}/*`)), new: doc(allow('s3:GetObject', `${BUCKET}/*`)), verdict: 'no-new-access' },
  { name: 'an added action (Action: a list is OR)', old: doc(allow('s3:GetObject', `${BUCKET}/*`)), new: doc(allow(['s3:GetObject', 's3:PutObject'], `${BUCKET}/*`)), verdict: 'new-access', grants: ['s3:PutObject'] },
  { name: 'a removed action', old: doc(allow(['s3:GetObject', 's3:PutObject'], `${BUCKET}/*`)), new: doc(allow('s3:GetObject', `${BUCKET}/*`)), verdict: 'no-new-access', removes: ['s3:PutObject'] },
  { name: 'a wildcard that the old policy spelled out', old: doc(allow(['s3:GetObject', 's3:GetObjectAcl'], `${BUCKET}/*`)), new: doc(allow('s3:GetObject*', `${BUCKET}/*`)), verdict: 'new-access', grants: ['s3:GetObjectVersion'] },
  { name: 'a narrower wildcard', old: doc(allow('s3:Get*', `${BUCKET}/*`)), new: doc(allow('s3:GetObject*', `${BUCKET}/*`)), verdict: 'no-new-access' },
  { name: 'a broader resource (Resource wildcards)', old: doc(allow('s3:GetObject', `${BUCKET}/public/*`)), new: doc(allow('s3:GetObject', `${BUCKET}/*`)), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'a narrower resource', old: doc(allow('s3:GetObject', `${BUCKET}/*`)), new: doc(allow('s3:GetObject', `${BUCKET}/public/*`)), verdict: 'no-new-access' },
  { name: 'a statement split in two', old: doc(allow(['s3:GetObject', 's3:PutObject'], [`${BUCKET}/a/*`, `${BUCKET}/b/*`])), new: doc(allow('s3:GetObject', `${BUCKET}/a/*`), allow('s3:PutObject', `${BUCKET}/b/*`)), verdict: 'no-new-access' },
  { name: 'a removed condition', old: doc(allow('s3:GetObject', `${BUCKET}/*`, { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })), new: doc(allow('s3:GetObject', `${BUCKET}/*`)), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'an added condition (conditions are AND)', old: doc(allow('s3:GetObject', `${BUCKET}/*`)), new: doc(allow('s3:GetObject', `${BUCKET}/*`, { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })), verdict: 'no-new-access' },
  { name: 'fewer condition values (values are OR)', old: doc(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } })), new: doc(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), verdict: 'no-new-access' },
  { name: 'more condition values', old: doc(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), new: doc(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } })), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'more negated values (NOR) are stricter', old: doc(allow('ec2:RunInstances', '*', { Condition: { StringNotEquals: { 'ec2:InstanceType': 't3.micro' } } })), new: doc(allow('ec2:RunInstances', '*', { Condition: { StringNotEquals: { 'ec2:InstanceType': ['t3.micro', 'p4d.24xlarge'] } } })), verdict: 'no-new-access' },
  { name: 'StringLike without wildcards is StringEquals', old: doc(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })), new: doc(allow('s3:GetObject', '*', { Condition: { StringLike: { 'aws:SourceVpce': 'vpce-1' } } })), verdict: 'no-new-access' },
  { name: 'a narrower ArnLike pattern (ARN operators)', old: doc(allow('s3:GetObject', '*', { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } } })), new: doc(allow('s3:GetObject', '*', { Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' } } })), verdict: 'no-new-access' },
  { name: 'a broader StringLike pattern', old: doc(allow('s3:GetObject', '*', { Condition: { StringLike: { 's3:prefix': 'home/alice/*' } } })), new: doc(allow('s3:GetObject', '*', { Condition: { StringLike: { 's3:prefix': 'home/*' } } })), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'StringNotLike excluding more is stricter', old: doc(allow('s3:GetObject', '*', { Condition: { StringNotLike: { 'aws:userid': 'AIDA*' } } })), new: doc(allow('s3:GetObject', '*', { Condition: { StringNotLike: { 'aws:userid': ['AIDA*', 'AROA*'] } } })), verdict: 'no-new-access' },
  { name: 'StringNotEquals cannot stand in for StringNotLike', old: doc(allow('s3:GetObject', '*', { Condition: { StringNotLike: { 'aws:userid': 'AIDA*' } } })), new: doc(allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:userid': 'AIDA*' } } })), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'a removed Deny (explicit deny overrides)', old: doc(allow('s3:*', '*'), deny('s3:DeleteObject')), new: doc(allow('s3:*', '*')), verdict: 'new-access', grants: ['s3:DeleteObject'] },
  { name: 'a removed conditional Deny', old: doc(allow('s3:GetObject', `${BUCKET}/*`), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })), new: doc(allow('s3:GetObject', `${BUCKET}/*`)), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'an added Deny', old: doc(allow('s3:*', '*')), new: doc(allow('s3:*', '*'), deny('s3:DeleteObject')), verdict: 'no-new-access', removes: ['s3:DeleteObject'] },
  { name: 'the same Deny on both sides', old: doc(allow('*', '*'), deny('iam:*')), new: doc(allow('*', '*'), deny('iam:*')), verdict: 'no-new-access' },
  { name: 'NotAction replacing an allow list', old: doc(allow(['s3:GetObject'], '*')), new: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), verdict: 'new-access', grants: ['ec2:RunInstances'] },
  { name: 'NotAction that excludes more', old: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), new: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }), verdict: 'no-new-access' },
  { name: 'NotResource replacing a resource list', old: doc(allow('s3:GetObject', `${BUCKET}/public/*`)), new: doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${BUCKET}/private/*` }), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'policy variables: same text on both sides', old: doc(allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*')), new: doc(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*')), verdict: 'no-new-access' },
  { name: 'policy variable replaced by a wildcard', old: doc(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*')), new: doc(allow('s3:GetObject', 'arn:aws:s3:::home/*')), verdict: 'new-access', grants: ['s3:GetObject'] },
  // SCPs: "new access" means the SCP allows more ("Service control policies": SCPs grant nothing, they bound).
  { name: 'SCP: a Deny list loses an entry', kind: 'scp', old: doc(allow('*'), deny(['iam:CreateUser', 'iam:CreateAccessKey'])), new: doc(allow('*'), deny('iam:CreateUser')), verdict: 'new-access', grants: ['iam:CreateAccessKey'] },
  { name: 'boundary: narrower', kind: 'boundary', old: doc(allow(['s3:*', 'sqs:*'])), new: doc(allow('s3:*')), verdict: 'no-new-access', removes: ['sqs:SendMessage'] },
  { name: 'RCP: a removed Deny', kind: 'rcp', old: doc(allow('*', '*', { Principal: '*' }), deny('s3:*', '*', { Principal: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-123' } } })), new: doc(allow('*', '*', { Principal: '*' })), verdict: 'new-access', grants: ['s3:GetObject'] },
  // Resource-based policies: principals are part of the access.
  { name: 'bucket policy: a new account', kind: 'resource', old: doc(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: '111122223333' } })), new: doc(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: ['111122223333', '444455556666'] } })), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'bucket policy: a user of an allowed account', kind: 'resource', old: doc(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: 'arn:aws:iam::111122223333:root' } })), new: doc(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' } })), verdict: 'no-new-access' },
  { name: 'bucket policy: made public', kind: 'resource', old: doc(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: '111122223333' } })), new: doc(allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' })), verdict: 'new-access', grants: ['s3:GetObject'] },
  { name: 'trust policy: a new service', kind: 'trust', old: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, new: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] }, Action: 'sts:AssumeRole' }] }, verdict: 'new-access', grants: ['sts:AssumeRole'] },
];

for (const c of CASES) {
  test(`diff: ${c.name}`, () => {
    const kind = c.kind ?? 'identity';
    const result = diffAccess(P(c.old), P(c.new), kind);
    assert.equal(result.verdict, c.verdict, JSON.stringify(result, null, 1).slice(0, 1500));
    for (const action of c.grants ?? []) assert.ok(result.newAccess.some((g) => g.actions.some((a) => a === action || a === `${action.split(':')[0]}:*` || a === '*')), `${action} not among the new access: ${JSON.stringify(result.newAccess.map((g) => g.actions))}`);
    for (const action of c.removes ?? []) assert.ok(result.removedAccess.some((g) => g.actions.some((a) => a === action || a === `${action.split(':')[0]}:*` || a === '*')), `${action} not among the removed access`);
    // Every example is one the evaluator allows under one policy and not under the other.
    for (const g of result.newAccess) {
      assert.equal(judge(kind, JSON.parse(JSON.stringify(c.new)), g.example, ownerOf(c)).decision, 'Allow');
      assert.notEqual(judge(kind, JSON.parse(JSON.stringify(c.old)), g.example, ownerOf(c)).decision, 'Allow');
    }
    for (const g of result.removedAccess) {
      assert.equal(judge(kind, JSON.parse(JSON.stringify(c.old)), g.example, ownerOf(c)).decision, 'Allow');
      assert.notEqual(judge(kind, JSON.parse(JSON.stringify(c.new)), g.example, ownerOf(c)).decision, 'Allow');
    }
  });
}

/** The resource owner the diff picks: an account neither policy names. */
function ownerOf(c: Case): string {
  const text = JSON.stringify(c.old) + JSON.stringify(c.new);
  for (let n = 999999999999; ; n--) if (!text.includes(String(n)) && !String(n).startsWith('44445555666')) return String(n);
}

// ---------------------------------------------------------------------------------------------
// Soundness, property-based: random policies from a small vocabulary, random requests.

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 'sqs:SendMessage', 'iam:PassRole'];
const ACTION_PATTERNS = [...ACTIONS, 's3:*', 's3:Get*', 's3:*Object', 'sqs:*', '*', 'iam:Pass*'];
const RESOURCES = ['arn:aws:s3:::b/a.txt', 'arn:aws:s3:::b/home/alice/x', 'arn:aws:s3:::b', 'arn:aws:s3:::c/a.txt', 'arn:aws:sqs:us-east-1:111122223333:q', 'arn:aws:iam::111122223333:role/r'];
const RESOURCE_PATTERNS = [...RESOURCES, '*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::*/a.txt', 'arn:aws:s3:::b/home/${aws:username}/*', 'arn:aws:sqs:*:*:*', 'arn:aws:s3:::b*'];
const CONDITIONS: unknown[] = [
  { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
  { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { Bool: { 'aws:SecureTransport': 'false' } },
  { StringLike: { 'aws:PrincipalTag/team': 'b*' } },
  { StringEquals: { 'aws:PrincipalTag/team': ['blue', 'b'] } },
  { StringNotLike: { 'aws:PrincipalTag/team': 'r*' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': 'red' } },
  { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } },
  { Null: { 'aws:PrincipalTag/team': 'true' } },
];
const CONTEXT_VALUES: Record<string, unknown[]> = {
  'aws:RequestedRegion': ['eu-west-1', 'us-east-1', 'ap-south-1'],
  'aws:SecureTransport': ['true', 'false'],
  'aws:PrincipalTag/team': ['blue', 'red', 'b'],
  'aws:username': ['alice', 'bob'],
};

const listOf = (items: readonly unknown[]) => fc.oneof(fc.constantFrom(...items), fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: 3 }));
const statement = fc.record({
  effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  notAction: fc.boolean(),
  actions: listOf(ACTION_PATTERNS),
  notResource: fc.boolean(),
  resources: listOf(RESOURCE_PATTERNS),
  condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
}).map((s) => ({
  Effect: s.effect,
  [s.notAction && s.effect === 'Deny' ? 'NotAction' : 'Action']: s.actions,
  [s.notResource ? 'NotResource' : 'Resource']: s.resources,
  ...(s.condition ? { Condition: s.condition } : {}),
}));
const policy = fc.array(statement, { minLength: 1, maxLength: 4 }).map((Statement) => ({ Version: '2012-10-17', Statement }));
/** A new policy: often the old one with a change, so that `no-new-access` verdicts are common. */
const pair = fc.oneof(
  fc.tuple(policy, policy),
  fc.tuple(policy, fc.nat(3), statement).map(([old, at, extra]) => {
    const statements = [...old.Statement];
    if (statements.length > 1 && at % 2 === 0) statements.splice(at % statements.length, 1);
    else statements.push({ ...extra, Effect: at % 3 === 0 ? 'Allow' : 'Deny' });
    return [old, { ...old, Statement: statements }] as const;
  }),
);
const request = fc.record({
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  context: fc.record(Object.fromEntries(Object.entries(CONTEXT_VALUES).map(([k, v]) => [k, fc.constantFrom(...v)])), { requiredKeys: [] }),
});

test('diff is sound: no-new-access means every request NEW allows, OLD allows; examples are confirmed', () => {
  let noNew = 0;
  fc.assert(
    fc.property(pair, fc.array(request, { minLength: 30, maxLength: 30 }), ([oldPolicy, newPolicy], requests) => {
      const result = diffAccess(P(oldPolicy), P(newPolicy), 'identity');
      for (const g of result.newAccess) {
        assert.equal(judge('identity', newPolicy, g.example, '').decision, 'Allow');
        assert.notEqual(judge('identity', oldPolicy, g.example, '').decision, 'Allow');
      }
      if (result.verdict !== 'no-new-access') return;
      noNew += 1;
      for (const r of requests) {
        const example = { action: r.action, resource: r.resource, context: r.context as Record<string, string> };
        if (judge('identity', newPolicy, example, '').decision === 'Allow') {
          assert.equal(judge('identity', oldPolicy, example, '').decision, 'Allow', `NEW allows ${JSON.stringify(example)} but OLD does not, yet the verdict is no-new-access`);
        }
      }
    }),
    { numRuns: 250, seed: 12 },
  );
  assert.ok(noNew >= 40, `only ${noNew} runs had a no-new-access verdict; the property would test little`);
});

// Resource-based policies: statements with principals (NotPrincipal only with Deny).
const principals: unknown[] = ['*', { AWS: '111122223333' }, { AWS: 'arn:aws:iam::111122223333:user/alice' }, { AWS: ['444455556666', 'arn:aws:iam::111122223333:role/app'] }, { Service: 'cloudtrail.amazonaws.com' }];
const callers = ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/bob', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root', 'arn:aws:iam::444455556666:user/carol', 'arn:aws:sts::111122223333:assumed-role/app/s', 'cloudtrail.amazonaws.com', '*'];
const notPrincipals: unknown[] = [{ AWS: 'arn:aws:iam::111122223333:user/alice' }, { AWS: ['arn:aws:iam::111122223333:user/alice', '111122223333'] }, { AWS: '444455556666' }];
// A Deny may use NotPrincipal ("NotPrincipal": only with Deny); an Allow names its principals.
const withPrincipal = fc.tuple(statement, fc.constantFrom(...principals), fc.option(fc.constantFrom(...notPrincipals), { nil: undefined })).map(([s, Principal, NotPrincipal]) => (s.Effect === 'Deny' && NotPrincipal ? { ...s, NotPrincipal } : { ...s, Principal }));
const resourcePolicy = fc.array(withPrincipal, { minLength: 1, maxLength: 3 }).map((Statement) => ({ Version: '2012-10-17', Statement }));

test('diff is sound for resource-based policies (principals part of the request)', () => {
  let noNew = 0;
  fc.assert(
    fc.property(resourcePolicy, fc.nat(4), withPrincipal, fc.array(fc.tuple(request, fc.constantFrom(...callers)), { minLength: 30, maxLength: 30 }), (oldPolicy, at, extra, requests) => {
      const statements = [...oldPolicy.Statement];
      if (at % 2 === 0 && statements.length > 1) statements.splice(at % statements.length, 1);
      else statements.push(extra);
      const newPolicy = { ...oldPolicy, Statement: statements };
      const result = diffAccess(P(oldPolicy), P(newPolicy), 'resource');
      const owner = '999999999999';
      for (const g of result.newAccess) {
        assert.equal(judge('resource', newPolicy, g.example, owner).decision, 'Allow');
        assert.notEqual(judge('resource', oldPolicy, g.example, owner).decision, 'Allow');
      }
      if (result.verdict !== 'no-new-access') return;
      noNew += 1;
      for (const [r, principal] of requests) {
        const example = { action: r.action, resource: r.resource, context: r.context as Record<string, string>, principal };
        if (judge('resource', newPolicy, example, owner).decision === 'Allow') assert.equal(judge('resource', oldPolicy, example, owner).decision, 'Allow', `NEW allows ${JSON.stringify(example)}, OLD does not`);
      }
    }),
    { numRuns: 150, seed: 7 },
  );
  assert.ok(noNew >= 20, `only ${noNew} no-new-access verdicts`);
});

test('diff precision: few random pairs stay undecided (counts printed)', () => {
  const counts: Record<string, number> = { 'no-new-access': 0, 'new-access': 0, undecided: 0 };
  for (const [oldPolicy, newPolicy] of fc.sample(pair, { numRuns: 300, seed: 99 })) counts[diffAccess(P(oldPolicy), P(newPolicy), 'identity').verdict]! += 1;
  console.log(`random identity pairs: ${JSON.stringify(counts)}`);
  assert.ok(counts.undecided! <= 15, `${counts.undecided} of 300 undecided`);
});

test('diff precision for resource-based policies: few random pairs stay undecided (counts printed)', () => {
  const counts: Record<string, number> = { 'no-new-access': 0, 'new-access': 0, undecided: 0 };
  const pairs = fc.sample(fc.tuple(resourcePolicy, fc.nat(4), withPrincipal), { numRuns: 200, seed: 5 });
  for (const [oldPolicy, at, extra] of pairs) {
    const statements = [...oldPolicy.Statement];
    if (at % 2 === 0 && statements.length > 1) statements.splice(at % statements.length, 1);
    else statements.push(extra);
    counts[diffAccess(P(oldPolicy), P({ ...oldPolicy, Statement: statements }), 'resource').verdict]! += 1;
  }
  console.log(`random resource-policy pairs: ${JSON.stringify(counts)}`);
  assert.ok(counts.undecided! <= 20, `${counts.undecided} of 200 undecided`);
});
