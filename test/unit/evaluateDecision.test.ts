/**
 * Table tests of the decision logic: each row is a request with its policies and the expected
 * decision. Rows are grouped by the IAM User Guide (or AWS Organizations User Guide) section that
 * documents the rule they check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../server/src/iam/evaluate/index';
import type { Decision, EvaluationAnswer, EvaluationRequest } from '../../server/src/iam/evaluate/types';
import { requestFrom, type RequestSetup } from './helpers/evaluationRequest';

type Statement = Record<string, unknown>;

/** A 2012-10-17 policy of the given statements. */
const doc = (...statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action, Resource, ...extra });
const grant = (Principal: unknown, Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Principal, Action, Resource, ...extra });
const refuse = (Principal: unknown, Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Principal, Action, Resource, ...extra });
const trust = (Principal: unknown, Action: unknown = 'sts:AssumeRole'): Statement => ({ Effect: 'Allow', Principal, Action });

/** The parts of a request a row sets; policies are plain documents and get ids like the CLI gives. */
type Setup = RequestSetup;

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB_OTHER = 'arn:aws:iam::444455556666:user/bob';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/app/s1';
const ROLE = 'arn:aws:iam::111122223333:role/app';
const FEDERATED = 'arn:aws:sts::111122223333:federated-user/carol';
const ROOT = 'arn:aws:iam::111122223333:root';
const OBJECT = 'arn:aws:s3:::example-bucket/report.csv';
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:q';
const OTHER_QUEUE = 'arn:aws:sqs:us-east-1:444455556666:q';
const TARGET_ROLE = 'arn:aws:iam::111122223333:role/target';
const OTHER_ROLE = 'arn:aws:iam::444455556666:role/target';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function build(s: Setup): EvaluationRequest {
  return requestFrom(s, { principal: ALICE, action: 's3:GetObject', resource: OBJECT });
}

interface Row {
  readonly name: string;
  readonly setup: Setup;
  readonly expected: Decision;
  /** Extra checks on the answer. */
  readonly also?: (answer: EvaluationAnswer) => void;
}

function check(section: string, rows: readonly Row[]): void {
  for (const row of rows) {
    test(`${section}: ${row.name}`, () => {
      const answer = evaluate(build(row.setup));
      assert.equal(answer.decision, row.expected, answer.explanation);
      assert.match(answer.explanation, new RegExp(`^Decision: ${row.expected}`));
      row.also?.(answer);
    });
  }
}

const S3_READ = doc({ Sid: 'S3Full', Effect: 'Allow', Action: 's3:*', Resource: '*' });

// IAM User Guide, "Policy evaluation logic" > "Determining whether a request is allowed or denied
// within an account": implicit deny by default; an Allow overrides it; an explicit Deny in any policy
// overrides any Allow.
check('Policy evaluation logic', [
  { name: 'no policies: implicit deny', setup: {}, expected: 'ImplicitDeny' },
  {
    name: 'identity-based Allow', setup: { identity: [S3_READ] }, expected: 'Allow',
    also: (a) => {
      assert.deepEqual(a.reasons, [{ policyId: 'identityPolicies[0]', policyRole: 'identity', statementIndex: 0, sid: 'S3Full', effect: 'Allow' }]);
      assert.match(a.explanation, /Allowed by statement `S3Full` \(index 0\) of `identityPolicies\[0\]`/);
    },
  },
  { name: 'Allow in a second identity policy', setup: { identity: [doc(allow('ec2:*')), S3_READ] }, expected: 'Allow' },
  {
    name: 'explicit Deny overrides Allow', setup: { identity: [doc(allow('s3:*'), deny('s3:GetObject', OBJECT))] }, expected: 'ExplicitDeny',
    also: (a) => assert.deepEqual(a.reasons.map((r) => [r.policyId, r.statementIndex, r.effect]), [['identityPolicies[0]', 1, 'Deny']]),
  },
  { name: 'Deny in another policy overrides Allow', setup: { identity: [S3_READ, doc(deny('*'))] }, expected: 'ExplicitDeny' },
  { name: 'Deny for another action does not apply', setup: { identity: [doc(allow('s3:*'), deny('s3:PutObject'))] }, expected: 'Allow' },
  { name: 'Allow for another action does not apply', setup: { identity: [doc(allow('s3:PutObject'))] }, expected: 'ImplicitDeny' },
  { name: 'Deny in a resource-based policy overrides identity Allow', setup: { identity: [S3_READ], resourcePolicy: doc(refuse('*', 's3:*')) }, expected: 'ExplicitDeny' },
  { name: 'documented example: DenyS3Logs', setup: { resource: 'arn:aws:s3:::carlossalazar-logs', action: 's3:PutObject', identity: [doc(allow('s3:*', ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar']), deny('s3:*', 'arn:aws:s3:::*log*'))] }, expected: 'ExplicitDeny' },
]);

// "IAM JSON policy elements: Action" (case-insensitive, wildcards), "Resource" (wildcards within
// ARN segments, case-sensitive), "NotAction", "NotResource".
check('Action, Resource, NotAction, NotResource', [
  { name: 'action names are case-insensitive', setup: { identity: [doc(allow('S3:GETOBJECT'))] }, expected: 'Allow' },
  { name: 'action wildcard', setup: { identity: [doc(allow('s3:Get*'))] }, expected: 'Allow' },
  { name: 'action ? wildcard', setup: { identity: [doc(allow('s3:GetObjec?'))] }, expected: 'Allow' },
  { name: 'action * matches everything', setup: { identity: [doc(allow('*'))] }, expected: 'Allow' },
  { name: 'action of another service', setup: { identity: [doc(allow('s3express:*'))] }, expected: 'ImplicitDeny' },
  { name: 'resource wildcard spans slashes', setup: { resource: 'arn:aws:s3:::b/1/2/test/3/o.jpg', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::b/*/test/*'))] }, expected: 'Allow' },
  { name: 'resource is case-sensitive', setup: { identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::Example-Bucket/*'))] }, expected: 'ImplicitDeny' },
  { name: 'resource wildcard stays inside its segment', setup: { resource: QUEUE, identity: [doc(allow('sqs:*', 'arn:aws:sqs:*'))] }, expected: 'ImplicitDeny' },
  { name: 'resource wildcard per segment', setup: { action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*', 'arn:aws:sqs:*:*:*'))] }, expected: 'Allow' },
  { name: 'resource list is OR', setup: { identity: [doc(allow('s3:GetObject', ['arn:aws:s3:::x/*', 'arn:aws:s3:::example-bucket/*']))] }, expected: 'Allow' },
  { name: 'NotAction allows what is not listed', setup: { identity: [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, expected: 'Allow' },
  { name: 'NotAction does not allow what is listed', setup: { action: 'iam:CreateUser', resource: 'arn:aws:iam::111122223333:user/x', identity: [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, expected: 'ImplicitDeny' },
  { name: 'Deny with NotAction denies everything else', setup: { identity: [S3_READ, doc({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })] }, expected: 'ExplicitDeny' },
  { name: 'NotResource allows other resources', setup: { identity: [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })] }, expected: 'Allow' },
  { name: 'Deny with NotResource spares the listed resource', setup: { identity: [S3_READ, doc({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::example-bucket/*'] })] }, expected: 'Allow' },
  { name: 'Deny with NotResource hits other resources', setup: { resource: 'arn:aws:s3:::other/x', identity: [S3_READ, doc({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::example-bucket/*'] })] }, expected: 'ExplicitDeny' },
]);

// "Policy evaluation logic" > "Evaluating identity-based policies with resource-based policies"
// (same account: either allows) and "Cross-account policy evaluation logic" (both must allow).
check('Same account and cross-account', [
  { name: 'same account: resource policy naming the user suffices', setup: { action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy: doc(grant({ AWS: ALICE }, 'sqs:SendMessage')) }, expected: 'Allow' },
  { name: 'same account: identity policy alone suffices', setup: { action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: BOB_OTHER }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'same account: resource policy naming another user', setup: { action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy: doc(grant({ AWS: 'arn:aws:iam::111122223333:user/mallory' }, 'sqs:*')) }, expected: 'ImplicitDeny' },
  { name: 'same account: account principal delegates to IAM, which does not allow', setup: { action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy: doc(grant({ AWS: ROOT }, 'sqs:*')) }, expected: 'ImplicitDeny' },
  { name: 'same account: S3 ARN has no account, so the principal account is used', setup: { resourcePolicy: doc(grant({ AWS: ALICE }, 's3:GetObject', 'arn:aws:s3:::example-bucket/*')) }, expected: 'Allow' },
  { name: 'cross-account: resource policy alone is not enough', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy: doc(grant({ AWS: BOB_OTHER }, 'sqs:*')) }, expected: 'ImplicitDeny' },
  { name: 'cross-account: identity policy alone is not enough', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))] }, expected: 'ImplicitDeny' },
  { name: 'cross-account: both allow', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: BOB_OTHER }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'cross-account: account principal plus identity Allow', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: '444455556666' }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'cross-account: account root ARN plus identity Allow', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: 'arn:aws:iam::444455556666:root' }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'cross-account: explicit resourceAccount for S3', setup: { principal: BOB_OTHER, resourceAccount: '111122223333', identity: [S3_READ] }, expected: 'ImplicitDeny' },
  { name: 'cross-account: explicit resourceAccount, both allow', setup: { principal: BOB_OTHER, resourceAccount: '111122223333', identity: [S3_READ], resourcePolicy: doc(grant({ AWS: '444455556666' }, 's3:GetObject', 'arn:aws:s3:::example-bucket/*')) }, expected: 'Allow' },
  { name: 'cross-account: permissions boundary still limits the identity side', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], boundary: doc(allow('s3:*')), resourcePolicy: doc(grant({ AWS: BOB_OTHER }, 'sqs:*')) }, expected: 'ImplicitDeny' },
  { name: 'cross-account: resource policy Deny wins', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: OTHER_QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(refuse('*', 'sqs:*')) }, expected: 'ExplicitDeny' },
]);

// "AWS JSON policy elements: Principal": account ids and root ARNs match every principal of the
// account; a role ARN matches its sessions; "*" matches everyone; no partial wildcards.
check('Principal element', [
  { name: 'bare account id matches a role session of the account', setup: { principal: 'arn:aws:sts::444455556666:assumed-role/app/s1', action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: '444455556666' }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'role ARN matches its session (cross-account)', setup: { principal: 'arn:aws:sts::444455556666:assumed-role/app/s1', action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: 'arn:aws:iam::444455556666:role/app' }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'role ARN with a path matches its session by name', setup: { principal: 'arn:aws:sts::444455556666:assumed-role/app/s1', action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: 'arn:aws:iam::444455556666:role/team/app' }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'another role does not match', setup: { principal: 'arn:aws:sts::444455556666:assumed-role/app/s1', action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: 'arn:aws:iam::444455556666:role/other' }, 'sqs:*')) }, expected: 'ImplicitDeny' },
  { name: 'AWS "*" matches any account principal', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: '*' }, 'sqs:*')) }, expected: 'Allow' },
  {
    name: 'partial wildcard in a principal ARN matches nothing', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: 'arn:aws:iam::444455556666:user/*' }, 'sqs:*')) }, expected: 'ImplicitDeny',
    also: (a) => assert.match(a.warnings.join('\n'), /wildcard/),
  },
  { name: 'principal list is OR', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: ['999999999999', BOB_OTHER] }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'trust policy without Resource element', setup: { action: 'sts:AssumeRole', resource: TARGET_ROLE, resourcePolicy: doc(trust({ AWS: ALICE })) }, expected: 'Allow' },
]);

// "AWS JSON policy elements: NotPrincipal": with Deny, every principal except those named is denied.
check('NotPrincipal', [
  { name: 'Deny NotPrincipal spares the named user', setup: { action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: [ALICE, ROOT] }, Action: 'sqs:*', Resource: '*' }) }, expected: 'Allow' },
  { name: 'Deny NotPrincipal hits everybody else', setup: { principal: 'arn:aws:iam::111122223333:user/mallory', action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: [ALICE] }, Action: 'sqs:*', Resource: '*' }) }, expected: 'ExplicitDeny' },
  // The page's example: listing the account with Bob "denies access to all principals except the user named Bob".
  { name: 'Deny NotPrincipal naming the account does not spare its other principals', setup: { action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 'sqs:*', Resource: '*' }) }, expected: 'ExplicitDeny' },
  { name: 'Deny NotPrincipal naming the account spares the account principal itself', setup: { principal: 'arn:aws:iam::111122223333:root', action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 'sqs:*', Resource: '*' }) }, expected: 'Allow' },
  {
    name: 'naming only the caller warns that the account may be evaluated too', setup: { action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: ALICE }, Action: 'sqs:*', Resource: '*' }) }, expected: 'Allow',
    also: (a) => assert.match(a.warnings.join('\n'), /NotPrincipal/),
  },
  // "NotPrincipal must be used with "Effect":"Deny". Using it with "Effect":"Allow" is not supported."
  {
    name: 'Allow NotPrincipal is not supported and grants nothing', setup: { action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy: doc({ Effect: 'Allow', NotPrincipal: { AWS: BOB_OTHER }, Action: 'sqs:*', Resource: '*' }) }, expected: 'ImplicitDeny',
    also: (a) => assert.match(a.errors.join('\n'), /NotPrincipal/),
  },
]);

// "Permissions boundaries for IAM entities" > "Evaluating effective permissions with boundaries":
// identity-based policies and boundaries intersect; an explicit deny in either wins.
check('Permissions boundaries', [
  { name: 'boundary and identity both allow', setup: { identity: [S3_READ], boundary: doc(allow('s3:*')) }, expected: 'Allow' },
  { name: 'boundary does not allow', setup: { identity: [S3_READ], boundary: doc(allow('ec2:*')) }, expected: 'ImplicitDeny' },
  { name: 'boundary alone grants nothing', setup: { boundary: doc(allow('*')) }, expected: 'ImplicitDeny' },
  { name: 'boundary Deny', setup: { identity: [S3_READ], boundary: doc(allow('*'), deny('s3:GetObject')) }, expected: 'ExplicitDeny' },
  { name: 'boundary does not apply to the root user', setup: { principal: ROOT, boundary: doc(allow('ec2:*')) }, expected: 'Allow', also: (a) => assert.match(a.warnings.join('\n'), /boundary/) },
]);

// "Policy evaluation logic" > "Determining whether a request is allowed or denied within an
// account", Resource-based policies: a resource policy naming the IAM user ARN or the session ARN
// directly is not limited by implicit denies in identity policies, boundaries or session policies;
// one naming the role ARN is limited by the boundary and the session policy.
check('Resource-based policies and implicit denies (same account)', [
  { name: 'user ARN: not limited by the boundary', setup: { action: 'sqs:SendMessage', resource: QUEUE, boundary: doc(allow('ec2:*')), resourcePolicy: doc(grant({ AWS: ALICE }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'user ARN: an explicit boundary Deny still wins', setup: { action: 'sqs:SendMessage', resource: QUEUE, boundary: doc(allow('*'), deny('sqs:*')), resourcePolicy: doc(grant({ AWS: ALICE }, 'sqs:*')) }, expected: 'ExplicitDeny' },
  { name: 'session ARN: not limited by boundary or session policy', setup: { principal: SESSION, action: 'sqs:SendMessage', resource: QUEUE, boundary: doc(allow('ec2:*')), session: doc(allow('ec2:*')), resourcePolicy: doc(grant({ AWS: SESSION }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'role ARN: limited by an implicit deny in the boundary', setup: { principal: SESSION, action: 'sqs:SendMessage', resource: QUEUE, boundary: doc(allow('ec2:*')), resourcePolicy: doc(grant({ AWS: ROLE }, 'sqs:*')) }, expected: 'ImplicitDeny' },
  { name: 'role ARN: limited by an implicit deny in the session policy', setup: { principal: SESSION, action: 'sqs:SendMessage', resource: QUEUE, session: doc(allow('ec2:*')), resourcePolicy: doc(grant({ AWS: ROLE }, 'sqs:*')) }, expected: 'ImplicitDeny' },
  { name: 'role ARN: not limited by identity policies', setup: { principal: SESSION, action: 'sqs:SendMessage', resource: QUEUE, boundary: doc(allow('sqs:*')), resourcePolicy: doc(grant({ AWS: ROLE }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'role ARN: boundary and session policy allow', setup: { principal: SESSION, action: 'sqs:SendMessage', resource: QUEUE, boundary: doc(allow('sqs:*')), session: doc(allow('sqs:*')), resourcePolicy: doc(grant({ AWS: ROLE }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'federated user ARN: granted directly', setup: { principal: FEDERATED, action: 'sqs:SendMessage', resource: QUEUE, session: doc(allow('ec2:*')), resourcePolicy: doc(grant({ AWS: FEDERATED }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'wildcard principal: no other permissions required', setup: { action: 'sqs:SendMessage', resource: QUEUE, boundary: doc(allow('ec2:*')), resourcePolicy: doc(grant('*', 'sqs:*')) }, expected: 'Allow' },
  { name: 'wildcard principal cross-account still needs identity Allow', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy: doc(grant('*', 'sqs:*')) }, expected: 'ImplicitDeny' },
]);

// "Policy evaluation logic", Session policies: for session principals the session policy must also
// allow; a role session without one is allowed by its identity policies; a federated user session
// without one is implicitly denied; a session policy alone grants nothing.
check('Session policies', [
  { name: 'role session without a session policy', setup: { principal: SESSION, identity: [S3_READ] }, expected: 'Allow' },
  { name: 'session policy allows', setup: { principal: SESSION, identity: [S3_READ], session: doc(allow('s3:GetObject')) }, expected: 'Allow' },
  { name: 'session policy does not allow', setup: { principal: SESSION, identity: [S3_READ], session: doc(allow('s3:PutObject')) }, expected: 'ImplicitDeny' },
  { name: 'session policy alone grants nothing', setup: { principal: SESSION, session: doc(allow('*')) }, expected: 'ImplicitDeny' },
  { name: 'session policy Deny', setup: { principal: SESSION, identity: [S3_READ], session: doc(allow('*'), deny('s3:*')) }, expected: 'ExplicitDeny' },
  { name: 'federated user without a session policy', setup: { principal: FEDERATED, identity: [S3_READ] }, expected: 'ImplicitDeny' },
  { name: 'federated user with an allowing session policy', setup: { principal: FEDERATED, identity: [S3_READ], session: doc(allow('s3:*')) }, expected: 'Allow' },
  { name: 'session policy is ignored for an IAM user', setup: { identity: [S3_READ], session: doc(allow('ec2:*')) }, expected: 'Allow', also: (a) => assert.match(a.warnings.join('\n'), /session policy/) },
]);

// AWS Organizations User Guide, "SCP evaluation": every level from the root to the account must
// allow; a Deny anywhere denies; SCPs grant nothing; they do not affect the management account or
// service principals, but do affect the root user of member accounts. A level that does not allow
// is an implicit deny.
const FULL = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
check('SCPs', [
  { name: 'every level allows', setup: { identity: [S3_READ], scps: [[FULL], [doc(allow('s3:*'))]] }, expected: 'Allow' },
  { name: 'a lower level does not allow', setup: { identity: [S3_READ], scps: [[FULL], [doc(allow('ec2:*'))]] }, expected: 'ImplicitDeny', also: (a) => assert.match(a.explanation, /level 1/) },
  { name: 'the root level does not allow', setup: { identity: [S3_READ], scps: [[doc(allow('ec2:*'))], [FULL]] }, expected: 'ImplicitDeny' },
  { name: 'one policy of a level allows', setup: { identity: [S3_READ], scps: [[doc(allow('ec2:*')), doc(allow('s3:Get*'))]] }, expected: 'Allow' },
  { name: 'SCP Deny', setup: { identity: [S3_READ], scps: [[FULL, doc(deny('s3:GetObject'))]] }, expected: 'ExplicitDeny' },
  { name: 'SCPs grant nothing', setup: { scps: [[FULL]] }, expected: 'ImplicitDeny' },
  { name: 'SCPs limit the root user of a member account', setup: { principal: ROOT, scps: [[doc(allow('ec2:*'))]] }, expected: 'ImplicitDeny' },
  { name: 'root user of a member account with FullAWSAccess', setup: { principal: ROOT, scps: [[FULL]] }, expected: 'Allow' },
  { name: 'management account is not affected', setup: { identity: [S3_READ], scps: [[doc(deny('*'))]], principalIsManagementAccount: true }, expected: 'Allow' },
  { name: 'service principals are not affected', setup: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resourcePolicy: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject')), scps: [[doc(deny('*'))]] }, expected: 'Allow' },
  { name: 'SCPs apply to cross-account requests of member principals', setup: { principal: BOB_OTHER, action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: BOB_OTHER }, 'sqs:*')), scps: [[doc(allow('s3:*'))]] }, expected: 'ImplicitDeny' },
  { name: 'SCP conditions are evaluated', setup: { identity: [S3_READ], scps: [[FULL, doc(deny('*', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))]], context: { 'aws:RequestedRegion': 'us-east-1' } }, expected: 'ExplicitDeny' },
]);

// AWS Organizations User Guide, "Resource control policies (RCPs)" and "Policy evaluation logic":
// RCPFullAWSAccess is attached everywhere and cannot be detached, so only RCP denies decide; RCPs do
// not affect resources of the management account.
check('RCPs', [
  { name: 'an applicable RCP Deny', setup: { identity: [S3_READ], rcps: [[doc(refuse('*', 's3:*', '*', { Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-123' } } }))]] }, expected: 'ExplicitDeny' },
  { name: 'the RCP Deny condition does not hold', setup: { identity: [S3_READ], context: { 'aws:PrincipalOrgID': 'o-123' }, rcps: [[doc(refuse('*', 's3:*', '*', { Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-123' } } }))]] }, expected: 'Allow' },
  { name: 'a level without an allowing RCP still allows (RCPFullAWSAccess)', setup: { identity: [S3_READ], rcps: [[doc(refuse('*', 'kms:*'))], []] }, expected: 'Allow' },
  { name: 'RCPs grant nothing', setup: { rcps: [[doc(grant('*', '*'))]] }, expected: 'ImplicitDeny' },
  { name: 'management account resources are not affected', setup: { identity: [S3_READ], rcps: [[doc(refuse('*', '*'))]], resourceIsManagementAccount: true }, expected: 'Allow' },
  { name: 'RCPs apply to service principals too', setup: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resourcePolicy: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject')), rcps: [[doc(refuse('*', 's3:PutObject'))]] }, expected: 'ExplicitDeny' },
]);

// "Policy evaluation logic": role trust policies must explicitly allow the principal; naming the
// user or role ARN in the same account suffices; an account principal delegates to IAM policies;
// cross-account the caller's identity policy must allow sts:AssumeRole too ("Cross-account policy
// evaluation logic").
check('Role trust policies', [
  { name: 'same account: trust naming the user suffices', setup: { action: 'sts:AssumeRole', resource: TARGET_ROLE, resourcePolicy: doc(trust({ AWS: ALICE })) }, expected: 'Allow' },
  { name: 'same account: trust naming a role session\'s role suffices', setup: { principal: SESSION, action: 'sts:AssumeRole', resource: TARGET_ROLE, resourcePolicy: doc(trust({ AWS: ROLE })) }, expected: 'Allow' },
  { name: 'same account: trust naming the account needs identity Allow', setup: { action: 'sts:AssumeRole', resource: TARGET_ROLE, resourcePolicy: doc(trust({ AWS: ROOT })) }, expected: 'ImplicitDeny' },
  { name: 'same account: trust naming the account plus identity Allow', setup: { action: 'sts:AssumeRole', resource: TARGET_ROLE, identity: [doc(allow('sts:AssumeRole', TARGET_ROLE))], resourcePolicy: doc(trust({ AWS: ROOT })) }, expected: 'Allow' },
  { name: 'identity Allow without a trust policy', setup: { action: 'sts:AssumeRole', resource: TARGET_ROLE, identity: [doc(allow('sts:AssumeRole'))] }, expected: 'ImplicitDeny' },
  { name: 'trust policy that names someone else', setup: { action: 'sts:AssumeRole', resource: TARGET_ROLE, identity: [doc(allow('sts:AssumeRole'))], resourcePolicy: doc(trust({ AWS: BOB_OTHER })) }, expected: 'ImplicitDeny' },
  { name: 'cross-account: trust naming the user needs identity Allow', setup: { principal: BOB_OTHER, action: 'sts:AssumeRole', resource: TARGET_ROLE, resourcePolicy: doc(trust({ AWS: BOB_OTHER })) }, expected: 'ImplicitDeny' },
  { name: 'cross-account: trust and identity allow', setup: { principal: ALICE, action: 'sts:AssumeRole', resource: OTHER_ROLE, identity: [doc(allow('sts:AssumeRole', OTHER_ROLE))], resourcePolicy: doc(trust({ AWS: '111122223333' })) }, expected: 'Allow' },
  { name: 'service principal in the trust policy', setup: { principal: 'ec2.amazonaws.com', action: 'sts:AssumeRole', resource: TARGET_ROLE, resourcePolicy: doc(trust({ Service: ['ecs.amazonaws.com', 'ec2.amazonaws.com'] })) }, expected: 'Allow' },
  { name: 'another service is not trusted', setup: { principal: 'lambda.amazonaws.com', action: 'sts:AssumeRole', resource: TARGET_ROLE, resourcePolicy: doc(trust({ Service: 'ec2.amazonaws.com' })) }, expected: 'ImplicitDeny' },
  { name: 'web identity provider', setup: { principal: 'cognito-identity.amazonaws.com', action: 'sts:AssumeRoleWithWebIdentity', resource: TARGET_ROLE, resourcePolicy: doc(trust({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity')) }, expected: 'Allow' },
  { name: 'SAML provider', setup: { principal: 'arn:aws:iam::111122223333:saml-provider/corp', action: 'sts:AssumeRoleWithSAML', resource: TARGET_ROLE, resourcePolicy: doc(trust({ Federated: 'arn:aws:iam::111122223333:saml-provider/corp' }, 'sts:AssumeRoleWithSAML')) }, expected: 'Allow' },
  { name: 'trust policy Deny', setup: { action: 'sts:AssumeRole', resource: TARGET_ROLE, resourcePolicy: doc(trust({ AWS: ALICE }), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }), context: { 'aws:MultiFactorAuthPresent': 'false' } }, expected: 'ExplicitDeny' },
]);

// AWS KMS Developer Guide, "Key policies" (and "Policy evaluation logic": KMS key policies must
// allow): the key policy must allow the principal directly, or allow the account, which enables IAM
// policies that then must allow.
check('KMS key policies', [
  { name: 'no key policy: identity Allow is not enough', setup: { action: 'kms:Decrypt', resource: KEY, identity: [doc(allow('kms:*'))] }, expected: 'ImplicitDeny' },
  { name: 'key policy enables IAM policies; identity allows', setup: { action: 'kms:Decrypt', resource: KEY, identity: [doc(allow('kms:Decrypt'))], resourcePolicy: doc(grant({ AWS: ROOT }, 'kms:*')) }, expected: 'Allow' },
  { name: 'key policy enables IAM policies; identity does not allow', setup: { action: 'kms:Decrypt', resource: KEY, resourcePolicy: doc(grant({ AWS: ROOT }, 'kms:*')) }, expected: 'ImplicitDeny' },
  { name: 'key policy names the user directly', setup: { action: 'kms:Decrypt', resource: KEY, resourcePolicy: doc(grant({ AWS: ALICE }, 'kms:Decrypt')) }, expected: 'Allow' },
  { name: 'key policy names the role; no boundary', setup: { principal: SESSION, action: 'kms:Decrypt', resource: KEY, resourcePolicy: doc(grant({ AWS: ROLE }, 'kms:Decrypt')) }, expected: 'Allow' },
  { name: 'key policy names the role; boundary does not allow', setup: { principal: SESSION, action: 'kms:Decrypt', resource: KEY, boundary: doc(allow('s3:*')), resourcePolicy: doc(grant({ AWS: ROLE }, 'kms:Decrypt')) }, expected: 'ImplicitDeny' },
  { name: 'root user with a key policy enabling the account', setup: { principal: ROOT, action: 'kms:Decrypt', resource: KEY, resourcePolicy: doc(grant({ AWS: ROOT }, 'kms:*')) }, expected: 'Allow' },
  { name: 'non-key KMS resources follow the ordinary rules', setup: { action: 'kms:ListKeys', resource: '*', identity: [doc(allow('kms:ListKeys'))] }, expected: 'Allow' },
  { name: 'cross-account key use needs both', setup: { principal: BOB_OTHER, action: 'kms:Decrypt', resource: KEY, identity: [doc(allow('kms:Decrypt'))], resourcePolicy: doc(grant({ AWS: '444455556666' }, 'kms:Decrypt')) }, expected: 'Allow' },
]);

// "AWS JSON policy elements: Principal" > "All principals", service principals; "Policy evaluation
// logic": the account root user has full access in its account.
check('Other principals', [
  { name: 'anonymous allowed by a public policy', setup: { principal: '*', resourcePolicy: doc(grant('*', 's3:GetObject', 'arn:aws:s3:::example-bucket/*')) }, expected: 'Allow' },
  { name: 'anonymous not matched by an account principal', setup: { principal: '*', resourcePolicy: doc(grant({ AWS: ROOT }, 's3:GetObject')) }, expected: 'ImplicitDeny' },
  { name: 'anonymous: identity policies are ignored', setup: { principal: '*', identity: [S3_READ] }, expected: 'ImplicitDeny', also: (a) => assert.match(a.warnings.join('\n'), /identity-based/) },
  { name: 'service principal allowed by name', setup: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resourcePolicy: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject')) }, expected: 'Allow' },
  { name: 'service principal without a resource policy', setup: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject' }, expected: 'ImplicitDeny' },
  { name: 'root user has full access in its account', setup: { principal: ROOT }, expected: 'Allow' },
  { name: 'bare account id as the caller is the root user', setup: { principal: '111122223333' }, expected: 'Allow' },
  { name: 'root user cross-account needs the resource policy', setup: { principal: 'arn:aws:iam::444455556666:root', action: 'sqs:SendMessage', resource: QUEUE }, expected: 'ImplicitDeny' },
  { name: 'root user cross-account with resource policy', setup: { principal: 'arn:aws:iam::444455556666:root', action: 'sqs:SendMessage', resource: QUEUE, resourcePolicy: doc(grant({ AWS: '444455556666' }, 'sqs:*')) }, expected: 'Allow' },
  { name: 'root user is still subject to explicit Deny', setup: { principal: ROOT, resourcePolicy: doc(refuse('*', 's3:*')) }, expected: 'ExplicitDeny' },
]);

// "IAM policy elements: Variables and tags": variables resolve in Resource under Version
// 2012-10-17 only; a variable without a value makes that entry match no resource.
check('Policy variables in resources', [
  { name: 'resolved user name', setup: { resource: 'arn:aws:s3:::home/alice/x', context: { 'aws:username': 'alice' }, identity: [doc(allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*'))] }, expected: 'Allow' },
  { name: 'another user\'s home', setup: { resource: 'arn:aws:s3:::home/bob/x', context: { 'aws:username': 'alice' }, identity: [doc(allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*'))] }, expected: 'ImplicitDeny' },
  {
    name: 'missing key: no match, key reported', setup: { resource: 'arn:aws:s3:::home/alice/x', identity: [doc(allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*'))] }, expected: 'ImplicitDeny',
    also: (a) => assert.deepEqual(a.missingContextKeys, ['aws:username']),
  },
  { name: 'default value', setup: { resource: 'arn:aws:s3:::bucket-company-wide/x', identity: [doc(allow('s3:*', "arn:aws:s3:::bucket-${aws:PrincipalTag/team, 'company-wide'}/*"))] }, expected: 'Allow' },
  { name: 'Version 2008-10-17 reads variables literally', setup: { resource: 'arn:aws:s3:::home/alice/x', context: { 'aws:username': 'alice' }, identity: [{ Version: '2008-10-17', Statement: [allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*')] }] }, expected: 'ImplicitDeny' },
  { name: 'no Version reads variables literally', setup: { resource: 'arn:aws:s3:::home/${aws:username}/x', context: { 'aws:username': 'alice' }, identity: [{ Statement: [allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*')] }] }, expected: 'Allow' },
  { name: 'NotResource entry with a null variable excludes nothing', setup: { identity: [S3_READ, doc({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::example-bucket/${aws:username}*' })] }, expected: 'ExplicitDeny' },
  { name: '${*} in a resource is a literal star', setup: { resource: 'arn:aws:s3:::b/anything', identity: [doc(allow('s3:*', 'arn:aws:s3:::b/${*}'))] }, expected: 'ImplicitDeny' },
]);

// "Condition operators" applied through whole statements: all conditions must hold (AND); missing
// keys that mattered are reported; IfExists in a Deny.
check('Conditions in statements', [
  { name: 'all conditions hold', setup: { context: { 'aws:SourceIp': '203.0.113.7', 'aws:SecureTransport': 'true' }, identity: [doc(allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Bool: { 'aws:SecureTransport': 'true' } } }))] }, expected: 'Allow' },
  { name: 'one condition fails (AND)', setup: { context: { 'aws:SourceIp': '203.0.113.7', 'aws:SecureTransport': 'false' }, identity: [doc(allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Bool: { 'aws:SecureTransport': 'true' } } }))] }, expected: 'ImplicitDeny' },
  { name: 'two keys under one operator (AND)', setup: { context: { 'aws:PrincipalTag/a': '1' }, identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/a': '1', 'aws:PrincipalTag/b': '2' } } }))] }, expected: 'ImplicitDeny', also: (a) => assert.deepEqual(a.missingContextKeys, ['aws:PrincipalTag/b']) },
  { name: 'Deny with IfExists and a missing key applies', setup: { identity: [S3_READ, doc(deny('s3:*', '*', { Condition: { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } } }))] }, expected: 'ExplicitDeny' },
  { name: 'Deny on insecure transport', setup: { context: { 'aws:SecureTransport': 'false' }, identity: [S3_READ], resourcePolicy: doc(refuse('*', 's3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })) }, expected: 'ExplicitDeny' },
  {
    name: 'missing keys of unrelated statements are not reported', setup: { identity: [S3_READ, doc(allow('ec2:*', '*', { Condition: { StringEquals: { 'ec2:InstanceType': 't2.micro' } } }))] }, expected: 'Allow',
    also: (a) => assert.deepEqual(a.missingContextKeys, []),
  },
  {
    name: 'trace records conditions', setup: { context: { 'aws:SourceIp': '198.51.100.1' }, identity: [doc(allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }))] }, expected: 'ImplicitDeny',
    also: (a) => {
      const c = a.statements[0]!.conditions[0]!;
      assert.equal(c.operator, 'IpAddress');
      assert.equal(c.matched, false);
      assert.deepEqual(c.requestValues, ['198.51.100.1']);
    },
  },
]);

// Invariant 2 (docs/ARCHITECTURE.md): a statement that cannot be evaluated is recorded as an
// error, never thrown, and does not apply.
check('Malformed input', [
  { name: 'Effect missing', setup: { identity: [doc({ Action: 's3:*', Resource: '*' })] }, expected: 'ImplicitDeny', also: (a) => assert.match(a.errors.join('\n'), /Effect/) },
  { name: 'bad statement next to a good one', setup: { identity: [doc({ Effect: 'Allow', Action: 3, Resource: '*' }, allow('s3:*'))] }, expected: 'Allow', also: (a) => assert.equal(a.errors.length, 1) },
  { name: 'Principal in an identity policy', setup: { identity: [doc(grant('*', 's3:*'))] }, expected: 'ImplicitDeny', also: (a) => assert.match(a.errors.join('\n'), /Principal/) },
  { name: 'unknown condition operator', setup: { identity: [doc(allow('s3:*', '*', { Condition: { StringEqual: { 'k:x': 'a' } } }))] }, expected: 'ImplicitDeny', also: (a) => assert.match(a.errors.join('\n'), /StringEqual/) },
  { name: 'both Action and NotAction', setup: { identity: [doc({ Effect: 'Allow', Action: '*', NotAction: 'iam:*', Resource: '*' })] }, expected: 'ImplicitDeny' },
  { name: 'policy is not an object', setup: { identity: ['nope'] }, expected: 'ImplicitDeny', also: (a) => assert.match(a.errors.join('\n'), /identityPolicies\[0\]/) },
  { name: 'resource policy statement without Principal', setup: { resourcePolicy: doc(allow('s3:*')) }, expected: 'ImplicitDeny', also: (a) => assert.match(a.errors.join('\n'), /Principal/) },
  { name: 'single Statement object', setup: { identity: [{ Version: '2012-10-17', Statement: allow('s3:*') }] }, expected: 'Allow' },
  { name: 'unparseable principal', setup: { principal: 'alice' }, expected: 'ImplicitDeny', also: (a) => assert.match(a.errors.join('\n'), /principal/) },
]);

test('unknown actions are warned about through the catalog hook', () => {
  const answer = evaluate(build({ action: 's3:GetObjekt', identity: [S3_READ] }), { isKnownAction: (a) => a.toLowerCase() === 's3:getobject' });
  assert.match(answer.warnings.join('\n'), /s3:GetObjekt/);
  assert.equal(evaluate(build({ identity: [S3_READ] }), { isKnownAction: () => true }).warnings.length, 0);
});

test('statements are traced in evaluation order with their roles', () => {
  const answer = evaluate(build({ identity: [S3_READ], resourcePolicy: doc(grant({ AWS: ALICE }, 's3:*')), scps: [[FULL]], rcps: [[doc(refuse('*', 'kms:*'))]] }));
  assert.deepEqual(answer.statements.map((s) => s.policyRole), ['rcp', 'scp', 'resource', 'identity']);
  assert.equal(answer.statements.find((s) => s.policyRole === 'resource')!.principalMatched, true);
});

test('evaluate never throws on a request that is not an object', () => {
  const answer = evaluate(null as unknown as EvaluationRequest);
  assert.equal(answer.decision, 'ImplicitDeny');
  assert.ok(answer.errors.length > 0);
});
