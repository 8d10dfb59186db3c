/**
 * `explainDenial` and `iam-policy explain-denied`: the denying policy kind and the smallest edit that
 * allows exactly the denied request. Evaluation rules: IAM User Guide, "Policy evaluation logic"
 * (an explicit deny overrides any allow; SCPs, permissions boundaries and session policies limit
 * what identity-based policies grant) and "Cross-account policy evaluation logic" (both the identity
 * side and the resource-based policy must allow); message shapes: "Troubleshoot access denied error
 * messages". Each proposed edit is checked here independently of the code that proposed it: the
 * request is allowed afterwards, and neighbouring requests that were denied stay denied.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFixEdits, explainDenial, fixEdits, isAccessDeniedProblem, parseAccessDenied, type DenialExplanation } from '../../server/src/iam/author/index';
import { evaluate } from '../../server/src/iam/evaluate/index';
import type { EvaluationRequest, PolicyInput } from '../../server/src/iam/evaluate/types';
import { cli } from './helpers/cli';

const ROLE_SESSION = 'arn:aws:sts::111122223333:assumed-role/App/i-0abc';
const OBJECT = 'arn:aws:s3:::reports/2026.csv';

function message(action: string, resource: string, reason = `because no identity-based policy allows the ${action} action`, principal = ROLE_SESSION) {
  const parsed = parseAccessDenied(`User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${reason}`);
  assert.ok(!isAccessDeniedProblem(parsed));
  return parsed;
}

function policy(id: string, ...statements: object[]): PolicyInput {
  return { id, document: { Version: '2012-10-17', Statement: statements } };
}

/** The request with every proposed edit applied, built here rather than by the code under test. */
function applied(request: EvaluationRequest, explanation: DenialExplanation): EvaluationRequest {
  let out = request;
  for (const fix of explanation.fixes) {
    if (fix.policyType === 'resource') out = { ...out, resourcePolicy: { id: fix.policy, document: fix.document } };
    else {
      const identity = out.identityPolicies ?? [];
      out = { ...out, identityPolicies: identity.some((p) => p.id === fix.policy) ? identity.map((p) => (p.id === fix.policy ? { id: p.id, document: fix.document } : p)) : [...identity, { id: fix.policy, document: fix.document }] };
    }
  }
  return out;
}

interface FixCase {
  readonly name: string;
  readonly action: string;
  readonly resource: string;
  readonly request: Omit<EvaluationRequest, 'principal' | 'action' | 'resource'>;
  readonly kinds: readonly string[];
  /** Requests that were denied before and must stay denied: [action, resource]. */
  readonly neighbours: ReadonlyArray<readonly [string, string]>;
  readonly principal?: string;
}

const FIX_CASES: readonly FixCase[] = [
  {
    name: 'adds the action to a statement on exactly that resource',
    action: 's3:GetObject',
    resource: OBJECT,
    request: { identityPolicies: [policy('app.json', { Sid: 'Tags', Effect: 'Allow', Action: 's3:GetObjectTagging', Resource: OBJECT }, { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports/*' })] },
    kinds: ['add-action'],
    neighbours: [['s3:GetObject', 'arn:aws:s3:::reports/other.csv'], ['s3:DeleteObject', OBJECT]],
  },
  {
    name: 'adds the resource to a statement with exactly that action',
    action: 's3:GetObject',
    resource: OBJECT,
    request: { identityPolicies: [policy('app.json', { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' })] },
    kinds: ['add-resource'],
    neighbours: [['s3:GetObject', 'arn:aws:s3:::reports/other.csv'], ['s3:PutObject', OBJECT]],
  },
  {
    name: 'adds a statement when every statement has other actions and resources',
    action: 's3:GetObject',
    resource: OBJECT,
    request: { identityPolicies: [policy('app.json', { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: ['arn:aws:s3:::reports/*', 'arn:aws:s3:::x/*'] })] },
    kinds: ['add-statement'],
    neighbours: [['s3:GetObject', 'arn:aws:s3:::x/y'], ['s3:GetObjectAcl', OBJECT]],
  },
  {
    name: 'skips a statement whose condition the request does not meet',
    action: 's3:GetObject',
    resource: OBJECT,
    request: { identityPolicies: [policy('app.json', { Effect: 'Allow', Action: 's3:GetObjectTagging', Resource: OBJECT, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })] },
    kinds: ['add-statement'],
    neighbours: [['s3:GetObject', 'arn:aws:s3:::reports/other.csv']],
  },
  {
    name: 'proposes a new policy when the caller has none',
    action: 'dynamodb:PutItem',
    resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders',
    request: {},
    kinds: ['new-policy'],
    neighbours: [['dynamodb:DeleteItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders'], ['dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/Other']],
  },
  {
    name: 'cross account: fixes the missing resource-based policy side with the role as principal',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::partner-bucket/a.csv',
    request: {
      resourceAccount: '444455556666',
      identityPolicies: [policy('app.json', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::partner-bucket/a.csv' })],
      resourcePolicy: policy('bucket-policy.json', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::partner-bucket/*' }),
    },
    kinds: ['add-statement'],
    neighbours: [['s3:GetObject', 'arn:aws:s3:::partner-bucket/b.csv']],
  },
  {
    // IAM User Guide, "Policy evaluation logic": a role trust policy that names the account (not the
    // caller) delegates to the caller's identity-based policies, so the identity side must allow.
    name: 'same account, a trust policy that names the account: the identity side is missing',
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::111122223333:role/Deploy',
    request: { resourceAccount: '111122223333', resourcePolicy: policy('trust.json', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }) },
    kinds: ['new-policy'],
    neighbours: [['sts:AssumeRole', 'arn:aws:iam::111122223333:role/Admin']],
  },
  {
    // The same for a KMS key policy that names the account (AWS KMS Developer Guide, "Default key
    // policy": it enables IAM policies to allow access to the key).
    name: 'same account, a key policy that names the account: the identity side is missing',
    action: 'kms:Decrypt',
    resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    request: { resourceAccount: '111122223333', identityPolicies: [policy('app.json', { Effect: 'Allow', Action: 'kms:Encrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' })], resourcePolicy: policy('key-policy.json', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }) },
    kinds: ['add-action'],
    neighbours: [['kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/other'], ['kms:ScheduleKeyDeletion', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab']],
  },
  {
    // IAM User Guide, "Policy evaluation logic": a KMS key policy must allow the caller even within
    // its account; an identity-based Allow alone does not (and naming the caller there suffices).
    name: 'same account, a key policy that names neither the caller nor the account: the key policy is missing',
    action: 'kms:Decrypt',
    resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    request: { resourceAccount: '111122223333', identityPolicies: [policy('app.json', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })], resourcePolicy: policy('key-policy.json', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Admin' }, Action: 'kms:*', Resource: '*' }) },
    kinds: ['add-statement'],
    // (A key policy is the key's own: another key has another one, so only other actions are neighbours here.)
    neighbours: [['kms:Encrypt', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'], ['kms:ScheduleKeyDeletion', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab']],
  },
  {
    // A role trust policy names no resource (IAM User Guide, "IAM JSON policy elements: Resource"):
    // the statement added for a caller from another account has Principal and Action only.
    name: 'cross account, a trust policy that does not name the caller: a statement without Resource',
    principal: 'arn:aws:sts::444455556666:assumed-role/Deployer/s',
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::111122223333:role/Deploy',
    request: { resourceAccount: '111122223333', identityPolicies: [policy('app.json', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })], resourcePolicy: policy('trust.json', { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    kinds: ['add-statement'],
    // (The trust policy is the role's own: another role has another one, so only other actions are neighbours here.)
    neighbours: [['sts:TagSession', 'arn:aws:iam::111122223333:role/Deploy'], ['sts:SetSourceIdentity', 'arn:aws:iam::111122223333:role/Deploy']],
  },
  {
    name: 'an AWS service caller: a resource-based policy statement naming the service',
    principal: 'events.amazonaws.com',
    action: 'sqs:SendMessage',
    resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
    request: { resourceAccount: '111122223333', resourcePolicy: policy('queue-policy.json', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' }) },
    kinds: ['add-statement'],
    neighbours: [['sqs:DeleteQueue', 'arn:aws:sqs:us-east-1:111122223333:jobs'], ['sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:other']],
  },
];

for (const c of FIX_CASES) {
  test(`fix: ${c.name}`, () => {
    const request: EvaluationRequest = { principal: c.principal ?? ROLE_SESSION, action: c.action, resource: c.resource, ...c.request };
    const explanation = explainDenial(message(c.action, c.resource, undefined, c.principal), request);
    assert.equal(explanation.status, 'fix', explanation.notes.join(' '));
    assert.deepEqual(explanation.fixes.map((f) => f.kind), c.kinds);
    assert.equal(explanation.verification?.exact, true);
    const after = applied(request, explanation);
    assert.equal(evaluate(after).decision, 'Allow');
    for (const [action, resource] of c.neighbours) {
      const before = evaluate({ ...request, action, resource }).decision;
      assert.notEqual(before, 'Allow', `${action} on ${resource} was already allowed`);
      assert.equal(evaluate({ ...after, action, resource }).decision, before, `${action} on ${resource} became ${evaluate({ ...after, action, resource }).decision}`);
    }
    // The text edits of a policy file say the same as the edited document.
    for (const fix of explanation.fixes) {
      const original = [...(request.identityPolicies ?? []), request.resourcePolicy].find((p) => p?.id === fix.policy);
      if (!original) continue;
      const text = JSON.stringify(original.document, null, 2);
      const edits = fixEdits(text, fix);
      assert.ok(edits, fix.description);
      assert.deepEqual(JSON.parse(applyFixEdits(text, edits)), fix.document);
    }
    // What the edit adds is the request's own action and resource, never a wildcard.
    for (const fix of explanation.fixes) {
      if (fix.kind === 'add-statement' || fix.kind === 'new-policy') {
        assert.equal(fix.statement.Action, c.action);
        // A trust policy names no resource; in a key policy `*` is the key (AWS KMS Developer Guide, "Key policies").
        const trust = fix.policyType === 'resource' && c.action.startsWith('sts:') && c.resource.includes(':role/');
        const key = fix.policyType === 'resource' && c.action.startsWith('kms:') && c.resource.includes(':key/');
        assert.equal(fix.statement.Resource, trust ? undefined : key ? '*' : c.resource);
      } else if (fix.kind === 'add-action') assert.equal((fix.statement.Action as string[]).at(-1), c.action);
      else assert.equal((fix.statement.Resource as string[]).at(-1), c.resource);
    }
  });
}

interface NoFixCase {
  readonly name: string;
  readonly reason?: string;
  readonly request: Omit<EvaluationRequest, 'principal' | 'action' | 'resource'>;
  readonly status: DenialExplanation['status'];
  readonly deniedBy: string;
  /** Every kind that denies, when the case checks the whole list. */
  readonly allDeniedBy?: readonly string[];
}

const ALLOW_GET = policy('app.json', { Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT });
const NO_FIX_CASES: readonly NoFixCase[] = [
  {
    name: 'an explicit Deny in an identity-based policy',
    request: { identityPolicies: [ALLOW_GET, policy('guard.json', { Sid: 'NoReports', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*' })] },
    status: 'explicit-deny',
    deniedBy: 'identity',
  },
  {
    name: 'an SCP that does not allow the action',
    request: { identityPolicies: [ALLOW_GET], scps: [[policy('scp.json', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' })]] },
    status: 'guardrail',
    deniedBy: 'scp',
  },
  {
    name: 'a permissions boundary that does not allow the action',
    request: { identityPolicies: [ALLOW_GET], permissionBoundary: policy('boundary.json', { Effect: 'Allow', Action: 's3:List*', Resource: '*' }) },
    status: 'guardrail',
    deniedBy: 'boundary',
  },
  {
    name: 'a session policy that does not allow the action',
    request: { identityPolicies: [ALLOW_GET], sessionPolicy: policy('session.json', { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }) },
    status: 'guardrail',
    deniedBy: 'session',
  },
  {
    name: 'the message blames an SCP that was not given',
    reason: 'with an explicit deny in a service control policy',
    request: {},
    status: 'explicit-deny',
    deniedBy: 'scp',
  },
  {
    name: 'the message blames a permissions boundary that was not given',
    reason: 'because no permissions boundary allows the s3:GetObject action',
    request: {},
    status: 'guardrail',
    deniedBy: 'boundary',
  },
  {
    name: 'the message blames a permissions boundary that was given and does not allow the action: named once, from the simulation',
    reason: 'because no permissions boundary allows the s3:GetObject action',
    request: { identityPolicies: [ALLOW_GET], permissionBoundary: policy('boundary.json', { Effect: 'Allow', Action: 's3:List*', Resource: '*' }) },
    status: 'guardrail',
    deniedBy: 'boundary',
    allDeniedBy: ['boundary'],
  },
  {
    name: 'the given policies allow the request',
    request: { identityPolicies: [ALLOW_GET] },
    status: 'not-reproduced',
    deniedBy: '',
  },
];

for (const c of NO_FIX_CASES) {
  test(`no Allow proposed: ${c.name}`, () => {
    const request: EvaluationRequest = { principal: ROLE_SESSION, action: 's3:GetObject', resource: OBJECT, ...c.request };
    const explanation = explainDenial(message('s3:GetObject', OBJECT, c.reason), request);
    assert.equal(explanation.status, c.status);
    assert.deepEqual(explanation.fixes, []);
    if (c.deniedBy) assert.equal(explanation.deniedBy[0]?.policyType, c.deniedBy);
    if (c.allDeniedBy) assert.deepEqual(explanation.deniedBy.map((d) => d.policyType), c.allDeniedBy);
    // A simulation that reproduces the guardrail does not say it could not.
    if (c.request.permissionBoundary) assert.ok(!explanation.notes.some((n) => n.includes('do not reproduce')), explanation.notes.join('\n'));
  });
}

test('an explicit deny the simulation does not reproduce: the Deny statements that miss only by their conditions are named, with those conditions', () => {
  // IAM User Guide, "Policy evaluation logic": a Deny statement applies when its action, resource,
  // principal and every condition match; a condition on context the message does not show (here
  // `aws:SecureTransport`) can make the deny AWS reported.
  const bucketPolicy = policy(
    'bucket-policy.json',
    { Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    { Sid: 'DenyOtherBucket', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::other/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  );
  const identity = policy('app.json', { Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT }, { Sid: 'DenyWithoutMfa', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } });
  const request: EvaluationRequest = { principal: ROLE_SESSION, action: 's3:GetObject', resource: OBJECT, resourceAccount: '111122223333', identityPolicies: [identity], resourcePolicy: bucketPolicy, context: { 'aws:SecureTransport': true, 'aws:MultiFactorAuthPresent': true } };
  const explanation = explainDenial(message('s3:GetObject', OBJECT, 'with an explicit deny in a resource-based policy'), request);
  assert.equal(explanation.status, 'not-reproduced');
  const named = explanation.notes.filter((n) => n.startsWith('Statement '));
  // Only the resource-based policy's statement on this resource: not the one on another bucket, not the identity policy's.
  assert.deepEqual(named, ['Statement `DenyInsecure` (index 0) of `bucket-policy.json` denies this request when `Bool` `aws:SecureTransport` `false` holds (simulated with `true`): the request AWS saw may have had that context.']);
  // Without a policy type in the message, any policy's such statements.
  const any = explainDenial(message('s3:GetObject', OBJECT, 'with an explicit deny'), request);
  assert.equal(any.notes.filter((n) => n.startsWith('Statement ')).length, 2, any.notes.join('\n'));
  // An implicit denial names none of them.
  assert.equal(explainDenial(message('s3:GetObject', OBJECT), request).notes.filter((n) => n.startsWith('Statement ')).length, 0);
});

// ---------------------------------------------------------------------------------------------------
// The CLI

const dir = mkdtempSync(join(tmpdir(), 'explain-denied-'));
writeFileSync(join(dir, 'app.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Tags', Effect: 'Allow', Action: 's3:GetObjectTagging', Resource: OBJECT }] }, null, 2));
writeFileSync(join(dir, 'scp.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }] }));
writeFileSync(
  join(dir, 'world.iamtest.json'),
  JSON.stringify({ accounts: [{ id: '111122223333' }], roles: [{ name: 'App', account: '111122223333', policies: ['app.json'] }], tests: [] }),
);
const TEXT = `User: ${ROLE_SESSION} is not authorized to perform: s3:GetObject on resource: ${OBJECT} because no identity-based policy allows the s3:GetObject action`;

test('CLI: a fix from a scenario, as JSON with the documented shape, exit 0', () => {
  const { code, stdout } = cli(['explain-denied', '--scenario', join(dir, 'world.iamtest.json'), '--format', 'json', '-'], TEXT);
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  assert.deepEqual(Object.keys(out), ['message', 'status', 'request', 'simulated', 'deniedBy', 'agreesWithMessage', 'fixes', 'verification', 'notes']);
  assert.equal(out.status, 'fix');
  assert.equal(out.message.principalType, 'role-session');
  assert.equal(out.fixes[0].kind, 'add-action');
  assert.equal(out.fixes[0].policy, join(dir, 'app.json'));
  assert.deepEqual(out.fixes[0].statement.Action, ['s3:GetObjectTagging', 's3:GetObject']);
  assert.equal(out.verification.decision, 'Allow');
  assert.equal(out.agreesWithMessage, true);
});

test('CLI: --policy and the message as arguments, text output', () => {
  const { code, stdout } = cli(['explain-denied', '--policy', join(dir, 'app.json'), ...TEXT.split(' ')]);
  assert.equal(code, 0);
  assert.match(stdout, /^Message: /);
  assert.match(stdout, /Fix: add `s3:GetObject` to the Action of statement `Tags`/);
  assert.match(stdout, /Verified: .*Allow.*exactly the request/);
});

test('CLI: an SCP with an explicit Deny gets no Allow, exit 0', () => {
  const { code, stdout } = cli(['explain-denied', '--policy', join(dir, 'app.json'), '--scp', join(dir, 'scp.json'), '--format', 'json', '-'], TEXT);
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  assert.equal(out.status, 'explicit-deny');
  assert.equal(out.deniedBy[0].policyType, 'scp');
  assert.deepEqual(out.fixes, []);
  assert.equal(out.verification, null);
});

test('CLI: exit 1 when the policies already allow the request', () => {
  const allowing = join(dir, 'allow.json');
  writeFileSync(allowing, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT }] }));
  const { code, stdout } = cli(['explain-denied', '--policy', allowing, '-'], TEXT);
  assert.equal(code, 1);
  assert.match(stdout, /Simulated: Allow/);
});

test('CLI: exit 2 for an unreadable message, an encoded message, bad usage and a missing file', () => {
  assert.equal(cli(['explain-denied', '-'], 'nothing here').code, 2);
  const encoded = cli(['explain-denied', '--format', 'json', '-'], 'Encoded authorization failure message: AbCdEfGhIjKlMnOpQrStUvWxYz0123456789');
  assert.equal(encoded.code, 2);
  assert.equal(JSON.parse(encoded.stdout).kind, 'encoded');
  assert.match(encoded.stderr, /decode-authorization-message/);
  assert.equal(cli(['explain-denied']).code, 2);
  assert.equal(cli(['explain-denied', '--format', 'xml', '-'], TEXT).code, 2);
  assert.equal(cli(['explain-denied', '--policy', join(dir, 'missing.json'), '-'], TEXT).code, 2);
});

test('CLI: a resource named without its ARN (Secrets Manager) and an action in lower case', () => {
  const { code, stdout } = cli(['explain-denied', '--format', 'json', '-'], 'User: arn:aws:sts::111122223333:assumed-role/App/s is not authorized to perform: secretsmanager:getsecretvalue on resource: MySecret because no identity-based policy allows the secretsmanager:GetSecretValue action');
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  // Secrets Manager User Guide: a secret's ARN ends with a hyphen and six random characters.
  assert.equal(out.request.resource, 'arn:aws:secretsmanager:*:111122223333:secret:MySecret-??????');
  assert.equal(out.request.action, 'secretsmanager:GetSecretValue');
  assert.equal(out.fixes[0].statement.Action, 'secretsmanager:GetSecretValue');
  assert.ok(out.notes.some((n: string) => n.includes('not its ARN')));
});

test('CLI: a scenario user is found by an ARN with a path', () => {
  const scenario = join(dir, 'path.iamtest.json');
  writeFileSync(scenario, JSON.stringify({ accounts: [{ id: '111122223333' }], users: [{ name: 'dev', account: '111122223333', path: '/team/', policies: ['app.json'] }], tests: [] }));
  const message = `User: arn:aws:iam::111122223333:user/team/dev is not authorized to perform: s3:GetObject on resource: ${OBJECT} because no identity-based policy allows the s3:GetObject action`;
  const out = JSON.parse(cli(['explain-denied', '--scenario', scenario, '--format', 'json', '-'], message).stdout);
  assert.equal(out.fixes[0]?.kind, 'add-action');
  assert.ok(!out.notes.some((n: string) => n.includes('defines no user or role')));
});

test('CLI: the edits of a policy file keep its comments and layout', () => {
  const file = join(dir, 'commented.json');
  const text = '{\n  // Reads reports.\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "Tags", "Effect": "Allow", "Action": "s3:GetObjectTagging", "Resource": "' + OBJECT + '" }\n  ]\n}\n';
  writeFileSync(file, text);
  const out = JSON.parse(cli(['explain-denied', '--policy', file, '--format', 'json', '-'], TEXT).stdout);
  const edited = applyFixEdits(text, out.fixes[0].edits);
  assert.ok(edited.startsWith('{\n  // Reads reports.\n'));
  assert.match(edited, /"Action": \[\s*"s3:GetObjectTagging",\s*"s3:GetObject"\s*\]/);
});

test('an anonymous caller gets no public grant', () => {
  const parsed = parseAccessDenied('User: anonymous is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::site/index.html');
  assert.ok(!isAccessDeniedProblem(parsed));
  const explanation = explainDenial(parsed, { principal: '*', action: 's3:GetObject', resource: 'arn:aws:s3:::site/index.html' });
  assert.equal(explanation.status, 'no-fix');
  assert.equal(explanation.deniedBy[0]?.policyType, 'resource');
  assert.deepEqual(explanation.fixes, []);
});
