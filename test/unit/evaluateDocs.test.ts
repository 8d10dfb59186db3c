/**
 * Documentation cases: a table of requests whose decisions the AWS documentation states or directly
 * implies. Each row cites the page (and section) it comes from. Pages are the IAM User Guide unless
 * the citation says "Organizations" (AWS Organizations User Guide) or "KMS" (AWS KMS Developer
 * Guide). Every row runs through `evaluate()`; a sample also runs through `iam-policy simulate --batch`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../server/src/iam/evaluate/index';
import { runSimulate } from '../../server/src/cli/simulate';
import type { ContextValue, Decision, EvaluationRequest } from '../../server/src/iam/evaluate/types';
import { requestFrom, type RequestSetup } from './helpers/evaluationRequest';

type Statement = Record<string, unknown>;
type Doc = Record<string, unknown>;

const A = '111122223333';
const B = '444455556666';
const ALICE = `arn:aws:iam::${A}:user/alice`;
const MALLORY = `arn:aws:iam::${A}:user/mallory`;
const BOB = `arn:aws:iam::${B}:user/bob`;
const ROLE = `arn:aws:iam::${A}:role/app`;
const SESSION = `arn:aws:sts::${A}:assumed-role/app/s1`;
const OTHER_SESSION = `arn:aws:sts::${A}:assumed-role/app/s2`;
const B_ROLE = `arn:aws:iam::${B}:role/auditor`;
const B_SESSION = `arn:aws:sts::${B}:assumed-role/auditor/audit`;
const FED = `arn:aws:sts::${A}:federated-user/carol`;
const ROOT = `arn:aws:iam::${A}:root`;
const B_ROOT = `arn:aws:iam::${B}:root`;
const SLR_SESSION = `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForElasticLoadBalancing/ElasticLoadBalancing`;
const OBJECT = 'arn:aws:s3:::example-bucket/report.csv';
const BUCKET = 'arn:aws:s3:::example-bucket';
const QUEUE = `arn:aws:sqs:us-east-1:${A}:orders`;
const TARGET = `arn:aws:iam::${A}:role/target`;
const B_TARGET = `arn:aws:iam::${B}:role/target`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TABLE = `arn:aws:dynamodb:us-east-1:${A}:table/Thread`;

const doc = (...statements: Statement[]): Doc => ({ Version: '2012-10-17', Statement: statements });
const allow = (Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action, Resource, ...extra });
const grant = (Principal: unknown, Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Principal, Action, Resource, ...extra });
const refuse = (Principal: unknown, Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Principal, Action, Resource, ...extra });
const FULL = doc(allow('*'));
const RCP_FULL = doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' });

/** A row's request: omitted fields default to alice reading an object with no policies. */
type Setup = RequestSetup;

interface Row {
  readonly name: string;
  /** The documentation page and section the expected decision comes from. */
  readonly cite: string;
  readonly setup: Setup;
  readonly expected: Decision;
}

function request(s: Setup): EvaluationRequest {
  return requestFrom(s, { principal: ALICE, action: 's3:GetObject', resource: OBJECT });
}

/** The CLI's JSON form of a request (policies as plain documents). */
function cliRequest(s: Setup): Record<string, unknown> {
  return {
    principal: s.principal ?? ALICE,
    action: s.action ?? 's3:GetObject',
    resource: s.resource ?? OBJECT,
    ...(s.context ? { context: s.context } : {}),
    ...(s.principalAccount ? { principalAccount: s.principalAccount } : {}),
    ...(s.resourceAccount ? { resourceAccount: s.resourceAccount } : {}),
    ...(s.identity ? { identityPolicies: s.identity } : {}),
    ...(s.resourcePolicy !== undefined ? { resourcePolicy: s.resourcePolicy } : {}),
    ...(s.boundary !== undefined ? { permissionBoundary: s.boundary } : {}),
    ...(s.session !== undefined ? { sessionPolicy: s.session } : {}),
    ...(s.scps ? { scps: s.scps } : {}),
    ...(s.rcps ? { rcps: s.rcps } : {}),
    ...(s.principalIsManagementAccount !== undefined ? { principalIsManagementAccount: s.principalIsManagementAccount } : {}),
    ...(s.resourceIsManagementAccount !== undefined ? { resourceIsManagementAccount: s.resourceIsManagementAccount } : {}),
  };
}

const ROWS: Row[] = [];
function rows(cite: string, list: ReadonlyArray<[name: string, setup: Setup, expected: Decision]>): void {
  for (const [name, setup, expected] of list) ROWS.push({ name, cite, setup, expected });
}

/** An identity-based Allow of s3:GetObject guarded by one condition block, for alice. */
const guarded = (Condition: unknown, context?: Record<string, ContextValue>, extra: Setup = {}): Setup => ({
  identity: [doc(allow('s3:GetObject', '*', { Condition }))],
  ...(context ? { context } : {}),
  ...extra,
});

// ---------------------------------------------------------------------------------------------
const EVAL = 'Policy evaluation logic > How AWS enforcement code logic evaluates requests';
rows(EVAL, [
  ['no policy at all: implicit deny', {}, 'ImplicitDeny'],
  ['identity-based Allow', { identity: [doc(allow('s3:GetObject'))] }, 'Allow'],
  ['Allow in one of several identity policies', { identity: [doc(allow('ec2:*')), doc(allow('s3:*'))] }, 'Allow'],
  ['Allow for another action only', { identity: [doc(allow('s3:PutObject'))] }, 'ImplicitDeny'],
  ['explicit Deny overrides Allow in the same policy', { identity: [doc(allow('s3:*'), deny('s3:GetObject'))] }, 'ExplicitDeny'],
  ['explicit Deny in another identity policy', { identity: [doc(allow('s3:*')), doc(deny('*'))] }, 'ExplicitDeny'],
  ['Deny for another action does not deny', { identity: [doc(allow('s3:*'), deny('s3:PutObject'))] }, 'Allow'],
  ['Deny only, no Allow: implicit deny', { identity: [doc(deny('s3:PutObject'))] }, 'ImplicitDeny'],
  ['resource-based Deny overrides identity Allow', { identity: [doc(allow('s3:*'))], resourcePolicy: doc(refuse('*', 's3:GetObject')) }, 'ExplicitDeny'],
  ['boundary Deny overrides identity Allow', { identity: [doc(allow('s3:*'))], boundary: doc(allow('*'), deny('s3:GetObject')) }, 'ExplicitDeny'],
  ['session policy Deny overrides', { principal: SESSION, identity: [doc(allow('s3:*'))], session: doc(allow('*'), deny('s3:*')) }, 'ExplicitDeny'],
  ['SCP Deny overrides resource-based Allow', { resourcePolicy: doc(grant({ AWS: ALICE }, 's3:GetObject')), scps: [[doc(allow('*'), deny('s3:GetObject'))]] }, 'ExplicitDeny'],
  ['root user has full access in its own account', { principal: ROOT }, 'Allow'],
  ['root user: explicit Deny in a resource policy still denies', { principal: ROOT, resourcePolicy: doc(refuse('*', 's3:*')) }, 'ExplicitDeny'],
  ['Deny with a condition that does not hold does not deny', { identity: [doc(allow('s3:*'), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))], context: { 'aws:SecureTransport': 'true' } }, 'Allow'],
  ['Deny with a condition that holds denies', { identity: [doc(allow('s3:*'), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))], context: { 'aws:SecureTransport': 'false' } }, 'ExplicitDeny'],
]);

const CARLOS = 'Policy evaluation logic > Example identity-based and resource-based policy evaluation';
const carlosUser = doc(
  { Sid: 'AllowS3ListRead', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetAccountPublicAccessBlock', 's3:ListAccessPoints', 's3:ListAllMyBuckets'], Resource: 'arn:aws:s3:::*' },
  { Sid: 'AllowS3Self', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar'] },
  { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
);
const carlosBucket = doc(grant({ AWS: 'arn:aws:iam::123456789012:user/carlossalazar' }, 's3:*', ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar']));
const CARLOS_ARN = 'arn:aws:iam::123456789012:user/carlossalazar';
rows(CARLOS, [
  ['Carlos saves to carlossalazar-logs: DenyS3Logs', { principal: CARLOS_ARN, action: 's3:PutObject', resource: 'arn:aws:s3:::carlossalazar-logs/file', identity: [carlosUser] }, 'ExplicitDeny'],
  ['Carlos saves to his own bucket', { principal: CARLOS_ARN, action: 's3:PutObject', resource: 'arn:aws:s3:::carlossalazar/file', identity: [carlosUser], resourcePolicy: carlosBucket }, 'Allow'],
  ['Carlos lists all buckets', { principal: CARLOS_ARN, action: 's3:ListAllMyBuckets', resource: 'arn:aws:s3:::*', identity: [carlosUser] }, 'Allow'],
  ['bucket policy alone grants Carlos his bucket', { principal: CARLOS_ARN, action: 's3:GetObject', resource: 'arn:aws:s3:::carlossalazar/file', resourcePolicy: carlosBucket }, 'Allow'],
  ['Carlos in another bucket: implicit deny', { principal: CARLOS_ARN, action: 's3:GetObject', resource: 'arn:aws:s3:::other/file', identity: [carlosUser] }, 'ImplicitDeny'],
]);

// ---------------------------------------------------------------------------------------------
const SAME = 'Policy evaluation logic > Resource-based policies (same account): table of principal types';
const qGrant = (Principal: unknown) => doc(grant(Principal, 'sqs:SendMessage', QUEUE));
const onQueue = (s: Setup): Setup => ({ action: 'sqs:SendMessage', resource: QUEUE, ...s });
rows(SAME, [
  ['resource policy naming the user allows without identity policies', onQueue({ resourcePolicy: qGrant({ AWS: ALICE }) }), 'Allow'],
  ['user ARN grant is not limited by the boundary', onQueue({ resourcePolicy: qGrant({ AWS: ALICE }), boundary: doc(allow('s3:*')) }), 'Allow'],
  ['identity Allow alone, no resource policy', onQueue({ identity: [doc(allow('sqs:*'))] }), 'Allow'],
  ['identity Allow with a resource policy naming someone else', onQueue({ identity: [doc(allow('sqs:*'))], resourcePolicy: qGrant({ AWS: MALLORY }) }), 'Allow'],
  ['resource policy naming another user: implicit deny', onQueue({ resourcePolicy: qGrant({ AWS: MALLORY }) }), 'ImplicitDeny'],
  ['resource policy naming the session allows', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: SESSION }) }), 'Allow'],
  ['session ARN grant is not limited by the boundary', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: SESSION }), boundary: doc(allow('s3:*')) }), 'Allow'],
  ['session ARN grant is not limited by the session policy', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: SESSION }), session: doc(allow('s3:*')) }), 'Allow'],
  ['grant to another session of the same role does not match', onQueue({ principal: OTHER_SESSION, resourcePolicy: qGrant({ AWS: SESSION }) }), 'ImplicitDeny'],
  ['role ARN grant allows a session without identity policies', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: ROLE }) }), 'Allow'],
  ['role ARN grant is limited by an implicit deny in the boundary', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: ROLE }), boundary: doc(allow('s3:*')) }), 'ImplicitDeny'],
  ['role ARN grant is limited by an implicit deny in the session policy', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: ROLE }), session: doc(allow('s3:*')) }), 'ImplicitDeny'],
  ['role ARN grant with a boundary that allows', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: ROLE }), boundary: doc(allow('sqs:*')) }), 'Allow'],
  ['role ARN grant with a session policy that allows', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: ROLE }), session: doc(allow('sqs:SendMessage')) }), 'Allow'],
  ['federated user ARN grant allows', onQueue({ principal: FED, resourcePolicy: qGrant({ AWS: FED }) }), 'Allow'],
  ['federated user ARN grant is not limited by the session policy', onQueue({ principal: FED, resourcePolicy: qGrant({ AWS: FED }), session: doc(allow('s3:*')) }), 'Allow'],
  ['federated user: identity Allow plus a session policy that allows', onQueue({ principal: FED, identity: [doc(allow('sqs:*'))], session: doc(allow('sqs:*')) }), 'Allow'],
  ['federated user with no session policy is implicitly denied', onQueue({ principal: FED, identity: [doc(allow('sqs:*'))] }), 'ImplicitDeny'],
  ['role session with no session policy: identity Allow suffices', onQueue({ principal: SESSION, identity: [doc(allow('sqs:*'))] }), 'Allow'],
  ['role session: session policy does not allow', onQueue({ principal: SESSION, identity: [doc(allow('sqs:*'))], session: doc(allow('s3:*')) }), 'ImplicitDeny'],
  ['boundary alone grants nothing', onQueue({ boundary: doc(allow('*')) }), 'ImplicitDeny'],
  ['session policy alone grants nothing', onQueue({ principal: SESSION, session: doc(allow('*')) }), 'ImplicitDeny'],
  ['identity Allow but boundary does not allow', onQueue({ identity: [doc(allow('sqs:*'))], boundary: doc(allow('s3:*')) }), 'ImplicitDeny'],
  ['identity Allow and boundary allows', onQueue({ identity: [doc(allow('sqs:*'))], boundary: doc(allow('sqs:SendMessage')) }), 'Allow'],
  ['account principal in the same account delegates: no identity Allow', onQueue({ resourcePolicy: qGrant({ AWS: ROOT }) }), 'ImplicitDeny'],
  ['account principal (bare id) in the same account delegates: identity Allow', onQueue({ resourcePolicy: qGrant({ AWS: A }), identity: [doc(allow('sqs:*'))] }), 'Allow'],
  ['Principal * allows a same-account user with no other permissions', onQueue({ resourcePolicy: qGrant('*') }), 'Allow'],
  ['Principal {"AWS":"*"} allows a same-account role session', onQueue({ principal: SESSION, resourcePolicy: qGrant({ AWS: '*' }) }), 'Allow'],
]);

const BOUNDS = 'Permissions boundaries for IAM entities > Evaluating effective permissions with boundaries';
rows(BOUNDS, [
  ['identity Allow within the boundary', { identity: [doc(allow('s3:*'))], boundary: doc(allow('s3:GetObject')) }, 'Allow'],
  ['identity Allow outside the boundary', { identity: [doc(allow('s3:*'), allow('iam:*'))], boundary: doc(allow('s3:*')), action: 'iam:CreateUser', resource: `arn:aws:iam::${A}:user/x` }, 'ImplicitDeny'],
  ['boundary allows, identity does not', { identity: [doc(allow('ec2:*'))], boundary: doc(allow('s3:*')) }, 'ImplicitDeny'],
  ['boundary with a Deny statement', { identity: [doc(allow('s3:*'))], boundary: doc(allow('s3:*'), deny('s3:GetObject', OBJECT)) }, 'ExplicitDeny'],
  ['user ARN in a resource policy is not limited by the boundary', { resourcePolicy: doc(grant({ AWS: ALICE }, 's3:GetObject')), boundary: doc(allow('ec2:*')) }, 'Allow'],
  ['boundary is not consulted for the root user', { principal: ROOT, boundary: doc(allow('ec2:*')) }, 'Allow'],
]);

// ---------------------------------------------------------------------------------------------
const CROSS = 'Cross-account policy evaluation logic';
rows(CROSS, [
  ['both sides allow', onQueue({ principal: BOB, resource: QUEUE, identity: [doc(allow('sqs:SendMessage'))], resourcePolicy: qGrant({ AWS: BOB }) }), 'Allow'],
  ['resource policy only', onQueue({ principal: BOB, resourcePolicy: qGrant({ AWS: BOB }) }), 'ImplicitDeny'],
  ['identity policy only', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))] }), 'ImplicitDeny'],
  ['resource policy names the account; identity allows', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))], resourcePolicy: qGrant({ AWS: B_ROOT }) }), 'Allow'],
  ['resource policy names the bare account id; identity allows', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))], resourcePolicy: qGrant({ AWS: B }) }), 'Allow'],
  ['resource policy names another account', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))], resourcePolicy: qGrant({ AWS: ROOT }) }), 'ImplicitDeny'],
  ['Principal * still needs the identity side across accounts', onQueue({ principal: BOB, resourcePolicy: qGrant('*') }), 'ImplicitDeny'],
  ['Principal * and identity Allow', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))], resourcePolicy: qGrant('*') }), 'Allow'],
  ['cross-account role session named by role ARN', onQueue({ principal: B_SESSION, identity: [doc(allow('sqs:*'))], resourcePolicy: qGrant({ AWS: B_ROLE }) }), 'Allow'],
  ['cross-account role session: boundary does not allow', onQueue({ principal: B_SESSION, identity: [doc(allow('sqs:*'))], boundary: doc(allow('s3:*')), resourcePolicy: qGrant({ AWS: B_SESSION }) }), 'ImplicitDeny'],
  ['cross-account: resource policy Deny', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: BOB }, 'sqs:*', QUEUE), refuse({ AWS: BOB }, 'sqs:SendMessage', QUEUE)) }), 'ExplicitDeny'],
  ['cross-account: identity Deny', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'), deny('sqs:SendMessage'))], resourcePolicy: qGrant({ AWS: BOB }) }), 'ExplicitDeny'],
  ['cross-account root user: resource policy names its account', onQueue({ principal: B_ROOT, resourcePolicy: qGrant({ AWS: B }) }), 'Allow'],
  ['S3 resource with explicit resourceAccount makes it cross-account', { principal: BOB, resourceAccount: A, identity: [doc(allow('s3:*'))] }, 'ImplicitDeny'],
  ['S3 cross-account with bucket policy and identity Allow', { principal: BOB, resourceAccount: A, identity: [doc(allow('s3:*'))], resourcePolicy: doc(grant({ AWS: BOB }, 's3:GetObject', 'arn:aws:s3:::example-bucket/*')) }, 'Allow'],
  ['cross-account with SCP on the principal side denying', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))], resourcePolicy: qGrant({ AWS: BOB }), scps: [[doc(allow('s3:*'))]] }), 'ImplicitDeny'],
]);

// ---------------------------------------------------------------------------------------------
const TRUST = 'Policy evaluation logic (role trust policies and KMS key policies are exceptions); Principal > IAM role trust';
const assume = (s: Setup): Setup => ({ action: 'sts:AssumeRole', resource: TARGET, ...s });
const trustDoc = (Principal: unknown, extra: Statement = {}) => doc({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...extra });
rows(TRUST, [
  ['same account: trust policy names the user', assume({ resourcePolicy: trustDoc({ AWS: ALICE }) }), 'Allow'],
  ['same account: identity Allow but no trust policy', assume({ identity: [doc(allow('sts:AssumeRole'))] }), 'ImplicitDeny'],
  ['same account: identity Allow but trust policy names someone else', assume({ identity: [doc(allow('sts:AssumeRole'))], resourcePolicy: trustDoc({ AWS: MALLORY }) }), 'ImplicitDeny'],
  ['same account: trust policy names the account, identity allows', assume({ identity: [doc(allow('sts:AssumeRole', TARGET))], resourcePolicy: trustDoc({ AWS: ROOT }) }), 'Allow'],
  ['same account: trust policy names the account, no identity Allow', assume({ resourcePolicy: trustDoc({ AWS: ROOT }) }), 'ImplicitDeny'],
  ['cross account: both sides allow', assume({ principal: BOB, identity: [doc(allow('sts:AssumeRole', TARGET))], resourcePolicy: trustDoc({ AWS: B_ROOT }) }), 'Allow'],
  ['cross account: trust only', assume({ principal: BOB, resourcePolicy: trustDoc({ AWS: BOB }) }), 'ImplicitDeny'],
  ['cross account: identity only', assume({ principal: BOB, identity: [doc(allow('sts:AssumeRole'))] }), 'ImplicitDeny'],
  ['cross account: trust names the role of the caller session', assume({ principal: B_SESSION, identity: [doc(allow('sts:AssumeRole'))], resourcePolicy: trustDoc({ AWS: B_ROLE }) }), 'Allow'],
  ['service principal assumes a role', assume({ principal: 'ec2.amazonaws.com', resourcePolicy: trustDoc({ Service: 'ec2.amazonaws.com' }) }), 'Allow'],
  ['another service cannot assume it', assume({ principal: 'lambda.amazonaws.com', resourcePolicy: trustDoc({ Service: 'ec2.amazonaws.com' }) }), 'ImplicitDeny'],
  ['SAML federation', assume({ action: 'sts:AssumeRoleWithSAML', principal: `arn:aws:iam::${A}:saml-provider/ExampleOrg`, resourcePolicy: doc({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${A}:saml-provider/ExampleOrg` }, Action: 'sts:AssumeRoleWithSAML' }) }), 'Allow'],
  ['web identity with a condition', assume({ action: 'sts:AssumeRoleWithWebIdentity', principal: 'accounts.google.com', context: { 'accounts.google.com:aud': 'my-app' }, resourcePolicy: doc({ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'accounts.google.com:aud': 'my-app' } } }) }), 'Allow'],
  ['web identity condition fails', assume({ action: 'sts:AssumeRoleWithWebIdentity', principal: 'accounts.google.com', context: { 'accounts.google.com:aud': 'other' }, resourcePolicy: doc({ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'accounts.google.com:aud': 'my-app' } } }) }), 'ImplicitDeny'],
  ['cross account target role with trust naming the caller and identity Allow', assume({ principal: ALICE, resource: B_TARGET, identity: [doc(allow('sts:AssumeRole', B_TARGET))], resourcePolicy: trustDoc({ AWS: ALICE }) }), 'Allow'],
  ['trust policy with MFA condition and no MFA', assume({ resourcePolicy: trustDoc({ AWS: ALICE }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) }), 'ImplicitDeny'],
]);

const KMS = 'KMS > Key policies in AWS KMS (default key policy); Policy evaluation logic (KMS key policies are exceptions)';
const onKey = (s: Setup): Setup => ({ action: 'kms:Decrypt', resource: KEY, ...s });
const enableIamStatement: Statement = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' };
const enableIam = doc(enableIamStatement);
rows(KMS, [
  ['default key policy and identity Allow', onKey({ identity: [doc(allow('kms:Decrypt'))], resourcePolicy: enableIam }), 'Allow'],
  ['default key policy without identity Allow', onKey({ resourcePolicy: enableIam }), 'ImplicitDeny'],
  ['identity Allow without the key policy allowing', onKey({ identity: [doc(allow('kms:*'))], resourcePolicy: doc(grant({ AWS: MALLORY }, 'kms:*')) }), 'ImplicitDeny'],
  ['identity Allow but no key policy given', onKey({ identity: [doc(allow('kms:*'))] }), 'ImplicitDeny'],
  ['key policy names the user directly', onKey({ resourcePolicy: doc(grant({ AWS: ALICE }, 'kms:Decrypt')) }), 'Allow'],
  ['key policy names the role; session without identity policy', onKey({ principal: SESSION, resourcePolicy: doc(grant({ AWS: ROLE }, 'kms:Decrypt')) }), 'Allow'],
  ['key policy denies', onKey({ identity: [doc(allow('kms:*'))], resourcePolicy: doc(enableIamStatement, refuse('*', 'kms:Decrypt')) }), 'ExplicitDeny'],
  ['cross-account key use: key policy names the account and identity allows', onKey({ principal: BOB, identity: [doc(allow('kms:Decrypt', KEY))], resourcePolicy: doc(grant({ AWS: B_ROOT }, 'kms:Decrypt')) }), 'Allow'],
  ['cross-account key use without identity Allow', onKey({ principal: BOB, resourcePolicy: doc(grant({ AWS: B_ROOT }, 'kms:Decrypt')) }), 'ImplicitDeny'],
]);

// ---------------------------------------------------------------------------------------------
const PRINCIPAL = 'AWS JSON policy elements: Principal';
/** A bucket policy granting s3:GetObject to the principal given as `resourcePolicy`. */
const onBucket = (s: Setup): Setup => ({ ...s, resourcePolicy: doc(grant(s.resourcePolicy, 's3:GetObject', 'arn:aws:s3:::example-bucket/*')) });
rows(PRINCIPAL, [
  ['anonymous caller, Principal *', onBucket({ principal: '*', resourcePolicy: '*' }), 'Allow'],
  ['anonymous caller, {"AWS":"*"} is equivalent', onBucket({ principal: '*', resourcePolicy: { AWS: '*' } }), 'Allow'],
  ['anonymous caller, policy names a user', onBucket({ principal: '*', resourcePolicy: { AWS: ALICE } }), 'ImplicitDeny'],
  ['anonymous caller, policy names the account', onBucket({ principal: '*', resourcePolicy: { AWS: A } }), 'ImplicitDeny'],
  ['anonymous caller, no resource policy', { principal: '*' }, 'ImplicitDeny'],
  ['service principal named by Service', onBucket({ principal: 'cloudtrail.amazonaws.com', resourcePolicy: { Service: 'cloudtrail.amazonaws.com' } }), 'Allow'],
  ['service principal named in a list', onBucket({ principal: 'cloudtrail.amazonaws.com', resourcePolicy: { Service: ['ec2.amazonaws.com', 'cloudtrail.amazonaws.com'] } }), 'Allow'],
  ['service principal not named', onBucket({ principal: 'config.amazonaws.com', resourcePolicy: { Service: 'cloudtrail.amazonaws.com' } }), 'ImplicitDeny'],
  ['service principal and Principal *', onBucket({ principal: 'cloudtrail.amazonaws.com', resourcePolicy: '*' }), 'Allow'],
  ['service principal: identity policies do not apply', { principal: 'cloudtrail.amazonaws.com', identity: [FULL] }, 'ImplicitDeny'],
  ['account ARN matches a user of that account only with identity Allow (same account)', onBucket({ resourcePolicy: { AWS: ROOT }, identity: [doc(allow('s3:GetObject'))] }), 'Allow'],
  ['account ARN does not limit to the root user: IAM user of the account, cross-account', onBucket({ principal: BOB, resourceAccount: A, resourcePolicy: { AWS: B_ROOT }, identity: [doc(allow('s3:GetObject'))] }), 'Allow'],
  ['user ARN matches exactly', onBucket({ resourcePolicy: { AWS: ALICE } }), 'Allow'],
  ['user ARN match is case-sensitive in the path? different user', onBucket({ principal: MALLORY, resourcePolicy: { AWS: ALICE } }), 'ImplicitDeny'],
  ['partial wildcard in a principal ARN matches nothing', onBucket({ resourcePolicy: { AWS: `arn:aws:iam::${A}:user/*` } }), 'ImplicitDeny'],
  ['role ARN matches its session', onBucket({ principal: SESSION, resourcePolicy: { AWS: ROLE } }), 'Allow'],
  ['role ARN of another role does not match', onBucket({ principal: SESSION, resourcePolicy: { AWS: `arn:aws:iam::${A}:role/other` } }), 'ImplicitDeny'],
  ['session ARN with a different session name does not match', onBucket({ principal: SESSION, resourcePolicy: { AWS: OTHER_SESSION } }), 'ImplicitDeny'],
  ['user named in a list of principals', onBucket({ resourcePolicy: { AWS: [MALLORY, ALICE] } }), 'Allow'],
  ['canonical user', onBucket({ principal: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', resourcePolicy: { CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' } }), 'Allow'],
]);

const NOTPRINCIPAL = 'AWS JSON policy elements: NotPrincipal';
const npDeny = (NotPrincipal: unknown) => ({ Effect: 'Deny', NotPrincipal, Action: 'sqs:*', Resource: '*' });
rows(NOTPRINCIPAL, [
  ['Deny NotPrincipal spares the named user and account', onQueue({ identity: [doc(allow('sqs:*'))], resourcePolicy: doc(npDeny({ AWS: [ALICE, ROOT] })) }), 'Allow'],
  ['Deny NotPrincipal denies everyone else in the account', onQueue({ principal: MALLORY, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(npDeny({ AWS: [ALICE] })) }), 'ExplicitDeny'],
  ['Deny NotPrincipal denies other accounts', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: BOB }, 'sqs:*'), npDeny({ AWS: [ALICE, ROOT] })) }), 'ExplicitDeny'],
  ['Deny NotPrincipal spares a cross-account user named with its account', onQueue({ principal: BOB, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: BOB }, 'sqs:*'), npDeny({ AWS: [BOB, B_ROOT] })) }), 'Allow'],
  ['Deny NotPrincipal spares a session named with its role and account', onQueue({ principal: B_SESSION, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: B_ROLE }, 'sqs:*'), npDeny({ AWS: [B_SESSION, B_ROLE, B_ROOT] })) }), 'Allow'],
  // The page's own example: NotPrincipal lists `arn:aws:iam::444455556666:user/Bob` and
  // `arn:aws:iam::444455556666:root`, which "denies access to all principals except the user named Bob".
  ['the Bob example denies another user of Bob\'s account', onQueue({ principal: 'arn:aws:iam::444455556666:user/Carol', identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: '444455556666' }, 'sqs:*'), npDeny({ AWS: ['arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root'] })) }), 'ExplicitDeny'],
  ['the Bob example spares Bob', onQueue({ principal: 'arn:aws:iam::444455556666:user/Bob', identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: '444455556666' }, 'sqs:*'), npDeny({ AWS: ['arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root'] })) }), 'Allow'],
  ['the Bob example denies a role session of Bob\'s account', onQueue({ principal: 'arn:aws:sts::444455556666:assumed-role/ops/x', identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: '444455556666' }, 'sqs:*'), npDeny({ AWS: ['arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root'] })) }), 'ExplicitDeny'],
  // The assumed-role example lists the session, the role and the account: the role ARN alone does not spare other sessions.
  ['a role ARN in NotPrincipal does not spare the role\'s sessions', onQueue({ principal: B_SESSION, identity: [doc(allow('sqs:*'))], resourcePolicy: doc(grant({ AWS: B_ROLE }, 'sqs:*'), npDeny({ AWS: [B_ROLE, B_ROOT] })) }), 'ExplicitDeny'],
  ['Deny NotPrincipal denies anonymous callers', onQueue({ principal: '*', resourcePolicy: doc(grant('*', 'sqs:*'), npDeny({ AWS: [ALICE, ROOT] })) }), 'ExplicitDeny'],
  ['Deny NotPrincipal with a boundary always denies', onQueue({ identity: [doc(allow('sqs:*'))], boundary: doc(allow('sqs:*')), resourcePolicy: doc(npDeny({ AWS: [ALICE, ROOT] })) }), 'ExplicitDeny'],
  ['Deny NotPrincipal with a boundary always denies a role session', onQueue({ principal: SESSION, identity: [doc(allow('sqs:*'))], boundary: doc(allow('*')), resourcePolicy: doc(npDeny({ AWS: [SESSION, ROLE, ROOT] })) }), 'ExplicitDeny'],
  ['NotPrincipal with Allow is not supported: grants nothing', onQueue({ resourcePolicy: doc({ Effect: 'Allow', NotPrincipal: { AWS: BOB }, Action: 'sqs:*', Resource: '*' }) }), 'ImplicitDeny'],
  ['NotPrincipal is not allowed in a trust policy', assume({ identity: [doc(allow('sts:AssumeRole'))], resourcePolicy: doc({ Effect: 'Allow', NotPrincipal: { AWS: BOB }, Action: 'sts:AssumeRole' }) }), 'ImplicitDeny'],
]);

// ---------------------------------------------------------------------------------------------
const ACTION = 'IAM JSON policy elements: Action / NotAction';
rows(ACTION, [
  ['action names are case-insensitive', { identity: [doc(allow('S3:getobject'))] }, 'Allow'],
  ['request action in another case', { action: 'S3:GETOBJECT', identity: [doc(allow('s3:GetObject'))] }, 'Allow'],
  ['wildcard in the middle: s3:*Object*', { identity: [doc(allow('s3:*Object*'))] }, 'Allow'],
  ['wildcard in the middle does not match s3:ListBucket', { action: 's3:ListBucket', resource: BUCKET, identity: [doc(allow('s3:*Object*'))] }, 'ImplicitDeny'],
  ['prefix wildcard s3:Get*', { identity: [doc(allow('s3:Get*'))] }, 'Allow'],
  ['? matches one character', { identity: [doc(allow('s3:GetObjec?'))] }, 'Allow'],
  ['? does not match two characters', { identity: [doc(allow('s3:GetObj?'))] }, 'ImplicitDeny'],
  ['service wildcard does not match another service', { identity: [doc(allow('ec2:*'))] }, 'ImplicitDeny'],
  ['Action * matches all', { identity: [FULL] }, 'Allow'],
  ['Action as a single string', { identity: [{ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }] }, 'Allow'],
  ['NotAction with Allow allows other actions', { identity: [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, 'Allow'],
  ['NotAction with Allow does not allow the listed action', { action: 'iam:CreateUser', resource: `arn:aws:iam::${A}:user/x`, identity: [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, 'ImplicitDeny'],
  ['NotAction with Deny denies everything except the listed', { identity: [FULL, doc({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })] }, 'ExplicitDeny'],
  ['NotAction with Deny spares the listed action', { action: 'iam:ListUsers', resource: '*', identity: [FULL, doc({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })] }, 'Allow'],
  ['NotAction case-insensitive', { action: 'IAM:ListUsers', resource: '*', identity: [FULL, doc({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })] }, 'Allow'],
  ['NotAction with MFA condition (doc example): no MFA denies', { action: 'ec2:RunInstances', resource: '*', context: { 'aws:MultiFactorAuthPresent': 'false' }, identity: [FULL, doc({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })] }, 'ExplicitDeny'],
  ['NotAction with MFA condition: missing key denies via BoolIfExists', { action: 'ec2:RunInstances', resource: '*', identity: [FULL, doc({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })] }, 'ExplicitDeny'],
  ['NotAction with MFA condition: MFA present', { action: 'ec2:RunInstances', resource: '*', context: { 'aws:MultiFactorAuthPresent': 'true' }, identity: [FULL, doc({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })] }, 'Allow'],
]);

const RESOURCE = 'IAM JSON policy elements: Resource / NotResource';
rows(RESOURCE, [
  ['resource ARNs are case-sensitive', { identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::Example-Bucket/*'))] }, 'ImplicitDeny'],
  ['exact resource', { identity: [doc(allow('s3:GetObject', OBJECT))] }, 'Allow'],
  ['* within the last segment crosses slashes', { resource: 'arn:aws:s3:::example-bucket/a/b/c.txt', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::example-bucket/*'))] }, 'Allow'],
  ['bucket ARN does not match an object', { identity: [doc(allow('s3:GetObject', BUCKET))] }, 'ImplicitDeny'],
  ['? in a resource', { resource: 'arn:aws:s3:::example-bucket/a1', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::example-bucket/a?'))] }, 'Allow'],
  ['region wildcard', { action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*', `arn:aws:sqs:*:${A}:orders`))] }, 'Allow'],
  ['wildcard does not cross a colon', { action: 'sqs:SendMessage', resource: QUEUE, identity: [doc(allow('sqs:*', `arn:aws:sqs:*:orders`))] }, 'ImplicitDeny'],
  ['Resource as an array', { identity: [doc(allow('s3:GetObject', ['arn:aws:s3:::other/*', 'arn:aws:s3:::example-bucket/*']))] }, 'Allow'],
  ['resource id containing colons matched in the sixth segment', { action: 'logs:PutLogEvents', resource: `arn:aws:logs:us-east-1:${A}:log-group:app:log-stream:s1`, identity: [doc(allow('logs:*', `arn:aws:logs:us-east-1:${A}:log-group:app:*`))] }, 'Allow'],
  ['NotResource with Allow allows other resources', { identity: [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })] }, 'Allow'],
  ['NotResource with Allow excludes the listed', { resource: 'arn:aws:s3:::secret/x', identity: [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })] }, 'ImplicitDeny'],
  ['NotResource with Deny denies everything else', { identity: [FULL, doc({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::allowed', 'arn:aws:s3:::allowed/*'] })] }, 'ExplicitDeny'],
  ['NotResource with Deny spares the listed', { resource: 'arn:aws:s3:::allowed/x', identity: [FULL, doc({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::allowed', 'arn:aws:s3:::allowed/*'] })] }, 'Allow'],
  ['Resource * matches anything', { resource: TABLE, action: 'dynamodb:GetItem', identity: [FULL] }, 'Allow'],
]);

// ---------------------------------------------------------------------------------------------
const STRING = 'IAM JSON policy elements: Condition operators > String condition operators';
rows(STRING, [
  ['StringEquals matches', guarded({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': 'blue' }), 'Allow'],
  ['StringEquals is case-sensitive in values', guarded({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': 'Blue' }), 'ImplicitDeny'],
  ['condition key names are case-insensitive', guarded({ StringEquals: { 'AWS:principaltag/TEAM': 'blue' } }, { 'aws:PrincipalTag/team': 'blue' }), 'Allow'],
  ['StringEquals with several values is OR', guarded({ StringEquals: { 'aws:PrincipalTag/team': ['red', 'blue'] } }, { 'aws:PrincipalTag/team': 'blue' }), 'Allow'],
  ['StringEquals missing key is false', guarded({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } }), 'ImplicitDeny'],
  ['StringEquals does not treat * as a wildcard', guarded({ StringEquals: { 'aws:PrincipalTag/team': 'bl*' } }, { 'aws:PrincipalTag/team': 'blue' }), 'ImplicitDeny'],
  ['StringNotEquals with a different value', guarded({ StringNotEquals: { 'aws:PrincipalTag/team': 'red' } }, { 'aws:PrincipalTag/team': 'blue' }), 'Allow'],
  ['StringNotEquals with several values is NOR', guarded({ StringNotEquals: { 'aws:PrincipalTag/team': ['red', 'blue'] } }, { 'aws:PrincipalTag/team': 'blue' }), 'ImplicitDeny'],
  ['StringNotEquals missing key is true', guarded({ StringNotEquals: { 'aws:PrincipalTag/team': 'red' } }), 'Allow'],
  ['StringEqualsIgnoreCase', guarded({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } }, { 'aws:PrincipalTag/team': 'blue' }), 'Allow'],
  ['StringNotEqualsIgnoreCase', guarded({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } }, { 'aws:PrincipalTag/team': 'blue' }), 'ImplicitDeny'],
  ['StringLike with *', guarded({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/' }), 'Allow'],
  ['StringLike with ?', guarded({ StringLike: { 's3:prefix': 'v?' } }, { 's3:prefix': 'v1' }), 'Allow'],
  ['StringLike is case-sensitive', guarded({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'HOME/alice' }), 'ImplicitDeny'],
  ['StringLike * crosses colons (ArnLike doc example)', guarded({ StringLike: { 'aws:SourceArn': 'arn:aws:someservice:*:111122223333:finance/*' } }, { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' }), 'Allow'],
  ['StringNotLike', guarded({ StringNotLike: { 's3:prefix': 'private/*' } }, { 's3:prefix': 'public/x' }), 'Allow'],
  ['StringNotLike matching value', guarded({ StringNotLike: { 's3:prefix': 'private/*' } }, { 's3:prefix': 'private/x' }), 'ImplicitDeny'],
  ['several keys under one operator are AND', guarded({ StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:RequestedRegion': 'us-east-1' } }, { 'aws:PrincipalTag/team': 'blue', 'aws:RequestedRegion': 'eu-west-1' }), 'ImplicitDeny'],
  ['several operators are AND', guarded({ StringEquals: { 'aws:PrincipalTag/team': 'blue' }, Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:PrincipalTag/team': 'blue', 'aws:SecureTransport': 'true' }), 'Allow'],
  ['condition value given as a JSON number compares as a string', guarded({ StringEquals: { 'aws:PrincipalTag/level': 5 } }, { 'aws:PrincipalTag/level': '5' }), 'Allow'],
]);

const NUMERIC = 'IAM JSON policy elements: Condition operators > Numeric condition operators';
rows(NUMERIC, [
  ['NumericLessThanEquals (s3:max-keys doc example)', guarded({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }), 'Allow'],
  ['NumericLessThanEquals exceeded', guarded({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }), 'ImplicitDeny'],
  ['numeric, not lexical: 9 < 10', guarded({ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '9' }), 'Allow'],
  ['NumericEquals with decimals', guarded({ NumericEquals: { 'ec2:VolumeSize': '1.50' } }, { 'ec2:VolumeSize': '1.5' }), 'Allow'],
  ['NumericGreaterThan', guarded({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '7200' }), 'Allow'],
  ['NumericGreaterThanEquals at the bound', guarded({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': 3600 }), 'Allow'],
  ['NumericNotEquals', guarded({ NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '5' }), 'Allow'],
  ['numeric condition on a missing key is false', guarded({ NumericLessThan: { 's3:max-keys': '10' } }), 'ImplicitDeny'],
  ['a non-number request value does not match', guarded({ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' }), 'ImplicitDeny'],
  ['numeric policy value as a JSON number', guarded({ NumericLessThan: { 's3:max-keys': 10 } }, { 's3:max-keys': '3' }), 'Allow'],
]);

const DATE = 'IAM JSON policy elements: Condition operators > Date condition operators';
rows(DATE, [
  ['DateGreaterThan with ISO 8601', guarded({ DateGreaterThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }), 'Allow'],
  ['DateLessThan with ISO 8601', guarded({ DateLessThan: { 'aws:CurrentTime': '2020-06-30T00:00:00Z' } }, { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }), 'ImplicitDeny'],
  ['date-only value', guarded({ DateLessThan: { 'aws:CurrentTime': '2027-01-01' } }, { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }), 'Allow'],
  ['epoch seconds against ISO', guarded({ DateGreaterThan: { 'aws:EpochTime': '1577836800' } }, { 'aws:EpochTime': '1764410400' }), 'Allow'],
  ['epoch policy value against ISO request', guarded({ DateLessThan: { 'aws:CurrentTime': 1577836800 } }, { 'aws:CurrentTime': '2019-06-01T00:00:00Z' }), 'Allow'],
  ['time zone offset honoured', guarded({ DateEquals: { 'aws:CurrentTime': '2026-11-29T12:00:00+02:00' } }, { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }), 'Allow'],
  ['DateNotEquals', guarded({ DateNotEquals: { 'aws:CurrentTime': '2026-11-29T10:00:00Z' } }, { 'aws:CurrentTime': '2026-11-29T10:00:00Z' }), 'ImplicitDeny'],
  ['date condition on a missing key is false', guarded({ DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }), 'ImplicitDeny'],
  ['DateLessThanEquals at the bound', guarded({ DateLessThanEquals: { 'aws:TokenIssueTime': '2026-11-29T10:00:00Z' } }, { 'aws:TokenIssueTime': '2026-11-29T10:00:00Z' }), 'Allow'],
  ['DateGreaterThanEquals with a non-date request value', guarded({ DateGreaterThanEquals: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, { 'aws:CurrentTime': 'yesterday' }), 'ImplicitDeny'],
]);

const BOOL = 'IAM JSON policy elements: Condition operators > Boolean condition operators';
rows(BOOL, [
  ['Bool true', guarded({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' }), 'Allow'],
  ['Bool mismatch', guarded({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' }), 'ImplicitDeny'],
  ['Bool with JSON boolean policy value', guarded({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'true' }), 'Allow'],
  ['Bool with JSON boolean request value', guarded({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': true }), 'Allow'],
  ['Bool "True" in the policy', guarded({ Bool: { 'aws:SecureTransport': 'True' } }, { 'aws:SecureTransport': 'true' }), 'Allow'],
  ['Bool "TRUE" in the request', guarded({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'TRUE' }), 'Allow'],
  ['Bool on a missing key is false', guarded({ Bool: { 'aws:SecureTransport': 'true' } }), 'ImplicitDeny'],
  ['Deny Bool false (SecureTransport doc example) with a TLS request', { identity: [doc(allow('s3:*'), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))], context: { 'aws:SecureTransport': 'true' } }, 'Allow'],
  ['Deny Bool false with the key missing does not deny', { identity: [doc(allow('s3:*'), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))] }, 'Allow'],
]);

const BINARY = 'IAM JSON policy elements: Condition operators > Binary condition operators';
rows(BINARY, [
  ['BinaryEquals same bytes', guarded({ BinaryEquals: { 'key': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }), 'Allow'],
  ['BinaryEquals different bytes', guarded({ BinaryEquals: { 'key': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { key: 'b3RoZXI=' }), 'ImplicitDeny'],
  ['BinaryEquals missing key', guarded({ BinaryEquals: { 'key': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }), 'ImplicitDeny'],
]);

const IP = 'IAM JSON policy elements: Condition operators > IP address condition operators';
rows(IP, [
  ['IpAddress in a /24', guarded({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }), 'Allow'],
  ['IpAddress outside the /24', guarded({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.114.7' }), 'ImplicitDeny'],
  ['a single address without a prefix', guarded({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.7' }), 'Allow'],
  ['/32 different address', guarded({ IpAddress: { 'aws:SourceIp': '203.0.113.7/32' } }, { 'aws:SourceIp': '203.0.113.8' }), 'ImplicitDeny'],
  ['/0 matches every IPv4 address', guarded({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '198.51.100.1' }), 'Allow'],
  ['IPv6 range (doc example)', guarded({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } }, { 'aws:SourceIp': '2001:db8:1234:5678::1' }), 'Allow'],
  ['IPv6 outside the range', guarded({ IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, { 'aws:SourceIp': '2001:db8:1234:5679::1' }), 'ImplicitDeny'],
  ['NotIpAddress outside the range', guarded({ NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }), 'Allow'],
  ['NotIpAddress inside one of the ranges (NOR)', guarded({ NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } }, { 'aws:SourceIp': '203.0.113.7' }), 'ImplicitDeny'],
  ['Deny NotIpAddress (doc example) from outside', { identity: [FULL, doc(deny('*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } } }))], context: { 'aws:SourceIp': '198.51.100.9' } }, 'ExplicitDeny'],
  ['Deny NotIpAddress from inside', { identity: [FULL, doc(deny('*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } } }))], context: { 'aws:SourceIp': '192.0.2.10' } }, 'Allow'],
  ['IpAddress with the key missing (VPC endpoint request) is false', guarded({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), 'ImplicitDeny'],
  ['IPv4 range does not match an IPv6 address', guarded({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '2001:db8::1' }), 'ImplicitDeny'],
]);

const ARN = 'IAM JSON policy elements: Condition operators > Amazon Resource Name (ARN) condition operators';
const SNS = `arn:aws:sns:us-east-1:${A}:topic-a`;
rows(ARN, [
  ['ArnEquals exact (SQS/SNS doc example)', guarded({ ArnEquals: { 'aws:SourceArn': SNS } }, { 'aws:SourceArn': SNS }), 'Allow'],
  ['ArnLike with region wildcard', guarded({ ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${A}:topic-*` } }, { 'aws:SourceArn': SNS }), 'Allow'],
  ['ArnLike * does not cross colons (doc example)', guarded({ ArnLike: { 'aws:SourceArn': 'arn:aws:someservice:*:111122223333:finance/*' } }, { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' }), 'ImplicitDeny'],
  ['ArnEquals also takes wildcards', guarded({ ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${A}:*` } }, { 'aws:SourceArn': SNS }), 'Allow'],
  ['ARN matching is case-sensitive', guarded({ ArnLike: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${A}:Topic-A` } }, { 'aws:SourceArn': SNS }), 'ImplicitDeny'],
  ['ArnNotEquals different ARN', guarded({ ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/admin` } }, { 'aws:PrincipalArn': ALICE }), 'Allow'],
  ['ArnNotLike matching ARN', guarded({ ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:user/*` } }, { 'aws:PrincipalArn': ALICE }), 'ImplicitDeny'],
  ['ArnLike on a missing key', guarded({ ArnLike: { 'aws:SourceArn': SNS } }), 'ImplicitDeny'],
  ['ArnNotLike on a missing key is true', guarded({ ArnNotLike: { 'aws:SourceArn': SNS } }), 'Allow'],
]);

const NULL = 'IAM JSON policy elements: Condition operators > Condition operator to check existence of condition keys';
rows(NULL, [
  ['Null true with the key absent (TokenIssueTime doc example)', guarded({ Null: { 'aws:TokenIssueTime': 'true' } }), 'Allow'],
  ['Null true with the key present', guarded({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2026-11-29T10:00:00Z' }), 'ImplicitDeny'],
  ['Null false with the key present', guarded({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2026-11-29T10:00:00Z' }), 'Allow'],
  ['Null false with the key absent', guarded({ Null: { 'aws:TokenIssueTime': 'false' } }), 'ImplicitDeny'],
  ['Null with a JSON boolean', guarded({ Null: { 'aws:TokenIssueTime': true } }), 'Allow'],
  ['Null key name case-insensitive', guarded({ Null: { 'AWS:TOKENISSUETIME': 'false' } }, { 'aws:TokenIssueTime': 'x' }), 'Allow'],
  ['NullIfExists is not an operator: statement does not apply', guarded({ NullIfExists: { 'aws:TokenIssueTime': 'true' } }), 'ImplicitDeny'],
]);

const IFEXISTS = 'IAM JSON policy elements: Condition operators > ...IfExists condition operators';
rows(IFEXISTS, [
  ['StringLikeIfExists with the key missing (ec2:InstanceType doc example)', { action: 'ec2:RunInstances', resource: '*', identity: [doc(allow('ec2:RunInstances', '*', { Condition: { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } } }))] }, 'Allow'],
  ['StringLikeIfExists with a matching value', { action: 'ec2:RunInstances', resource: '*', context: { 'ec2:InstanceType': 't2.micro' }, identity: [doc(allow('ec2:RunInstances', '*', { Condition: { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } } }))] }, 'Allow'],
  ['StringLikeIfExists with a non-matching value', { action: 'ec2:RunInstances', resource: '*', context: { 'ec2:InstanceType': 'c5.large' }, identity: [doc(allow('ec2:RunInstances', '*', { Condition: { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } } }))] }, 'ImplicitDeny'],
  ['plain StringLike with the key missing fails (THISPOLICYDOESNOTWORK)', { action: 'ec2:RunInstances', resource: '*', identity: [doc(allow('ec2:RunInstances', '*', { Condition: { StringLike: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } } }))] }, 'ImplicitDeny'],
  ['Deny StringNotEqualsIfExists with the key missing still denies', { identity: [FULL, doc(deny('s3:*', '*', { Condition: { StringNotEqualsIfExists: { 'aws:ResourceTag/env': 'dev' } } }))] }, 'ExplicitDeny'],
  ['Deny StringNotEqualsIfExists with the matching value', { identity: [FULL, doc(deny('s3:*', '*', { Condition: { StringNotEqualsIfExists: { 'aws:ResourceTag/env': 'dev' } } }))], context: { 'aws:ResourceTag/env': 'dev' } }, 'Allow'],
  ['NumericLessThanIfExists with the key missing', guarded({ NumericLessThanIfExists: { 's3:max-keys': '10' } }), 'Allow'],
  ['IpAddressIfExists with the key missing', guarded({ IpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' } }), 'Allow'],
  ['BoolIfExists with a value that does not match', guarded({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': 'false' }), 'ImplicitDeny'],
  ['ArnLikeIfExists with the key missing', guarded({ ArnLikeIfExists: { 'aws:SourceArn': SNS } }), 'Allow'],
]);

// ---------------------------------------------------------------------------------------------
const MULTI = 'Condition keys with multiple values (set operators); Single-valued vs. multivalued context keys';
const dynamo = (Condition: unknown, attributes?: ContextValue): Setup => ({
  action: 'dynamodb:GetItem', resource: TABLE,
  identity: [doc(allow('dynamodb:GetItem', TABLE, { Condition }))],
  ...(attributes !== undefined ? { context: { 'dynamodb:Attributes': attributes } } : {}),
});
const dynamoDeny = (Condition: unknown, attributes?: ContextValue): Setup => ({
  action: 'dynamodb:PutItem', resource: TABLE,
  identity: [doc(allow('dynamodb:*', TABLE), deny('dynamodb:PutItem', TABLE, { Condition }))],
  ...(attributes !== undefined ? { context: { 'dynamodb:Attributes': attributes } } : {}),
});
const ALLOWED_ATTRS = { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['ID', 'Message', 'Tags'] } };
const FORBIDDEN_ATTRS = { 'ForAnyValue:StringEquals': { 'dynamodb:Attributes': ['ID', 'PostDateTime'] } };
rows(MULTI, [
  ['ForAllValues: every requested attribute is allowed', dynamo(ALLOWED_ATTRS, ['Message', 'Tags']), 'Allow'],
  ['ForAllValues: one requested attribute is not allowed', dynamo(ALLOWED_ATTRS, ['Message', 'UserName']), 'ImplicitDeny'],
  ['ForAllValues: key missing is true', dynamo(ALLOWED_ATTRS), 'Allow'],
  ['ForAllValues: empty list is true', dynamo(ALLOWED_ATTRS, []), 'Allow'],
  ['ForAllValues: empty string is a null data set, true', dynamo(ALLOWED_ATTRS, ''), 'Allow'],
  ['ForAllValues: a single string is a one-value set', dynamo(ALLOWED_ATTRS, 'Tags'), 'Allow'],
  ['ForAnyValue Deny: one forbidden attribute denies', dynamoDeny(FORBIDDEN_ATTRS, ['PostDateTime', 'Message']), 'ExplicitDeny'],
  ['ForAnyValue Deny: no forbidden attribute', dynamoDeny(FORBIDDEN_ATTRS, ['UserName']), 'Allow'],
  ['ForAnyValue: key missing is false', dynamoDeny(FORBIDDEN_ATTRS), 'Allow'],
  ['ForAnyValue: empty list is false', dynamoDeny(FORBIDDEN_ATTRS, []), 'Allow'],
  ['ForAnyValue: empty string is a null data set, false', dynamoDeny(FORBIDDEN_ATTRS, ''), 'Allow'],
  ['ForAnyValue Allow with a single string value', dynamo({ 'ForAnyValue:StringEquals': { 'dynamodb:Attributes': ['ID'] } }, 'ID'), 'Allow'],
  ['ForAnyValue:StringLike on aws:TagKeys', guarded({ 'ForAnyValue:StringLike': { 'aws:TagKeys': 'env*' } }, { 'aws:TagKeys': ['team', 'environment'] }), 'Allow'],
  ['ForAllValues:StringLike on aws:TagKeys with a stray key', guarded({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['env*', 'team'] } }, { 'aws:TagKeys': ['team', 'owner'] }), 'ImplicitDeny'],
  ['ForAllValues:StringNotLike: no request value is like a policy value', guarded({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'aws:*' } }, { 'aws:TagKeys': ['team', 'env'] }), 'Allow'],
  ['ForAllValues:StringNotLike: one value is like', guarded({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'aws:*' } }, { 'aws:TagKeys': ['team', 'aws:cloudformation'] }), 'ImplicitDeny'],
  ['ForAnyValue:StringNotEquals: some value differs', guarded({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['team', 'env'] }), 'Allow'],
  ['ForAnyValue:StringNotEquals: key missing is false', guarded({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'team' } }), 'ImplicitDeny'],
  ['ForAllValues:StringEqualsIgnoreCase', guarded({ 'ForAllValues:StringEqualsIgnoreCase': { 'aws:TagKeys': ['Team', 'Env'] } }, { 'aws:TagKeys': ['team', 'ENV'] }), 'Allow'],
  ['requirement with ForAllValues plus Null false (aws:TagKeys doc pattern), no tags', guarded({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] }, Null: { 'aws:TagKeys': 'false' } }), 'ImplicitDeny'],
]);

const VARS = 'IAM policy elements: Variables and tags';
const home = (Version: string | undefined, context?: Record<string, ContextValue>, resource = 'arn:aws:s3:::bucket/home/alice/x'): Setup => ({
  resource,
  identity: [{ ...(Version ? { Version } : {}), Statement: [allow('s3:GetObject', 'arn:aws:s3:::bucket/home/${aws:username}/*')] }],
  ...(context ? { context } : {}),
});
rows(VARS, [
  ['${aws:username} in Resource resolves', home('2012-10-17', { 'aws:username': 'alice' }), 'Allow'],
  ['${aws:username} for another user does not match', home('2012-10-17', { 'aws:username': 'bob' }), 'ImplicitDeny'],
  ['Version 2008-10-17: variables are literal', home('2008-10-17', { 'aws:username': 'alice' }), 'ImplicitDeny'],
  ['Version 2008-10-17: literal text matches a literal resource', home('2008-10-17', { 'aws:username': 'alice' }, 'arn:aws:s3:::bucket/home/${aws:username}/x'), 'Allow'],
  ['no Version: variables are literal', home(undefined, { 'aws:username': 'alice' }), 'ImplicitDeny'],
  ['missing key: the Resource entry matches nothing', home('2012-10-17'), 'ImplicitDeny'],
  ['variable key names are case-insensitive', { resource: 'arn:aws:s3:::bucket/home/alice/x', context: { 'aws:username': 'alice' }, identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/home/${AWS:UserName}/*'))] }, 'Allow'],
  ['substituted value is literal: a * in a tag is not a wildcard', { resource: 'arn:aws:s3:::bucket/team-x/f', context: { 'aws:PrincipalTag/team': '*' }, identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/team-${aws:PrincipalTag/team}/*'))] }, 'ImplicitDeny'],
  ['${*} is a literal asterisk', { resource: 'arn:aws:s3:::bucket/a*b', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/a${*}b'))] }, 'Allow'],
  ['${*} does not act as a wildcard', { resource: 'arn:aws:s3:::bucket/axxb', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/a${*}b'))] }, 'ImplicitDeny'],
  ['${?} is a literal question mark', { resource: 'arn:aws:s3:::bucket/a?', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/a${?}'))] }, 'Allow'],
  ['${?} does not match another character', { resource: 'arn:aws:s3:::bucket/ab', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/a${?}'))] }, 'ImplicitDeny'],
  ['${$} is a literal dollar', { resource: 'arn:aws:s3:::bucket/$x', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${$}x'))] }, 'Allow'],
  ['default value used when the key is missing', { resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide/f', identity: [doc(allow('s3:GetObject', "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}/*"))] }, 'Allow'],
  ['default value not used when the key is present', { resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide/f', context: { 'aws:PrincipalTag/team': 'yellow' }, identity: [doc(allow('s3:GetObject', "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}/*"))] }, 'ImplicitDeny'],
  ['variable in a StringEquals condition', guarded({ StringEquals: { 's3:prefix': 'home/${aws:username}' } }, { 's3:prefix': 'home/alice', 'aws:username': 'alice' }), 'Allow'],
  ['variable with no value: StringEquals does not match', guarded({ StringEquals: { 'aws:PrincipalTag/team': '${s3:ExistingObjectTag/team}' } }, { 'aws:PrincipalTag/team': 'blue' }), 'ImplicitDeny'],
  ['variable with no value: StringNotEquals matches', guarded({ StringNotEquals: { 'aws:PrincipalTag/team': '${s3:ExistingObjectTag/team}' } }, { 'aws:PrincipalTag/team': 'blue' }), 'Allow'],
  ['variable with no value in NotResource excludes nothing', { resource: 'arn:aws:s3:::bucket/home/alice/x', identity: [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::bucket/home/${aws:username}/*' })] }, 'Allow'],
  ['variable in ArnLike', guarded({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:${aws:PrincipalAccount}:*' } }, { 'aws:SourceArn': SNS, 'aws:PrincipalAccount': A }), 'Allow'],
  ['variable not resolved for Numeric operators', guarded({ NumericEquals: { 's3:max-keys': '${aws:PrincipalTag/limit}' } }, { 's3:max-keys': '5', 'aws:PrincipalTag/limit': '5' }), 'ImplicitDeny'],
  ['a multivalued key cannot be a variable', { resource: 'arn:aws:s3:::bucket/team/x', context: { 'aws:TagKeys': ['team'] }, identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:TagKeys}/*'))] }, 'ImplicitDeny'],
  ['principal tag matches resource tag (ABAC)', guarded({ StringEquals: { 'aws:ResourceTag/project': '${aws:PrincipalTag/project}' } }, { 'aws:ResourceTag/project': 'apollo', 'aws:PrincipalTag/project': 'apollo' }), 'Allow'],
  ['ABAC with different tags', guarded({ StringEquals: { 'aws:ResourceTag/project': '${aws:PrincipalTag/project}' } }, { 'aws:ResourceTag/project': 'apollo', 'aws:PrincipalTag/project': 'gemini' }), 'ImplicitDeny'],
]);

// ---------------------------------------------------------------------------------------------
const SCP = 'Organizations > SCP evaluation; Service control policies (SCPs) > Tasks and entities not restricted by SCPs';
const S3 = doc(allow('s3:*'));
rows(SCP, [
  ['FullAWSAccess at every level', { identity: [S3], scps: [[FULL], [FULL], [FULL]] }, 'Allow'],
  ['SCP alone grants nothing', { scps: [[FULL]] }, 'ImplicitDeny'],
  ['a level without an Allow denies', { identity: [S3], scps: [[FULL], [doc(allow('ec2:*'))], [FULL]] }, 'ImplicitDeny'],
  ['the account level must allow too', { identity: [S3], scps: [[FULL], [FULL], [doc(allow('ec2:*'))]] }, 'ImplicitDeny'],
  ['allow list at every level', { identity: [S3], scps: [[doc(allow(['s3:*', 'ec2:*']))], [doc(allow('s3:*'))]] }, 'Allow'],
  ['Deny at an OU', { identity: [S3], scps: [[FULL], [FULL, doc(deny('s3:GetObject'))]] }, 'ExplicitDeny'],
  ['Deny at the root is inherited', { identity: [S3], scps: [[FULL, doc(deny('s3:*'))], [FULL]] }, 'ExplicitDeny'],
  ['Deny with NotAction denies other actions (region-restriction pattern)', { identity: [S3], context: { 'aws:RequestedRegion': 'eu-west-1' }, scps: [[FULL, doc({ Effect: 'Deny', NotAction: ['iam:*', 'organizations:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } })]] }, 'ExplicitDeny'],
  ['Deny with NotAction spares the listed actions', { action: 'iam:ListUsers', resource: '*', identity: [FULL], context: { 'aws:RequestedRegion': 'eu-west-1' }, scps: [[FULL, doc({ Effect: 'Deny', NotAction: ['iam:*', 'organizations:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } })]] }, 'Allow'],
  ['Deny with NotAction in the allowed region', { identity: [S3], context: { 'aws:RequestedRegion': 'us-east-1' }, scps: [[FULL, doc({ Effect: 'Deny', NotAction: ['iam:*', 'organizations:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } })]] }, 'Allow'],
  ['SCPs restrict the member account root user', { principal: ROOT, scps: [[doc(allow('ec2:*'))]] }, 'ImplicitDeny'],
  ['SCP Deny applies to the member account root user', { principal: ROOT, scps: [[FULL, doc(deny('s3:*'))]] }, 'ExplicitDeny'],
  ['SCPs do not affect the management account', { identity: [S3], scps: [[doc(deny('*'))]], principalIsManagementAccount: true }, 'Allow'],
  ['SCPs do not affect service-linked roles', { principal: SLR_SESSION, identity: [S3], scps: [[FULL, doc(deny('s3:*'))]] }, 'Allow'],
  ['SCPs do not affect service principals', { principal: 'cloudtrail.amazonaws.com', resourcePolicy: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:GetObject')), scps: [[doc(deny('*'))]] }, 'Allow'],
  ['SCPs limit same-account resource-based grants', { resourcePolicy: doc(grant({ AWS: ALICE }, 's3:GetObject')), scps: [[doc(allow('ec2:*'))]] }, 'ImplicitDeny'],
  ['SCPs restrict a role session', { principal: SESSION, identity: [S3], scps: [[doc(allow('ec2:*'))]] }, 'ImplicitDeny'],
  ['SCP allow with a condition that holds', { identity: [S3], context: { 'aws:RequestedRegion': 'us-east-1' }, scps: [[doc(allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }))]] }, 'Allow'],
  ['SCP with Principal is malformed and allows nothing', { identity: [S3], scps: [[doc(grant('*', '*'))]] }, 'ImplicitDeny'],
]);

const RCP = 'Organizations > RCP evaluation; Resource control policies (RCPs); RCP syntax';
const externalDeny = doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-example' }, Bool: { 'aws:PrincipalIsAWSService': 'false' } } });
rows(RCP, [
  ['RCPFullAWSAccess lets access through', { identity: [S3], rcps: [[RCP_FULL]] }, 'Allow'],
  ['RCPFullAWSAccess grants nothing', { rcps: [[RCP_FULL]] }, 'ImplicitDeny'],
  ['RCP Deny on the resource', { identity: [S3], rcps: [[RCP_FULL, doc(refuse('*', 's3:GetObject'))]] }, 'ExplicitDeny'],
  ['RCP Deny at a lower level', { identity: [S3], rcps: [[RCP_FULL], [RCP_FULL, doc(refuse('*', 's3:*'))]] }, 'ExplicitDeny'],
  ['RCP identity perimeter denies a caller outside the org (cross-account)', { principal: BOB, resourceAccount: A, context: { 'aws:PrincipalOrgID': 'o-other', 'aws:PrincipalIsAWSService': 'false' }, identity: [S3], resourcePolicy: doc(grant({ AWS: BOB }, 's3:*')), rcps: [[RCP_FULL, externalDeny]] }, 'ExplicitDeny'],
  ['RCP identity perimeter lets an org caller through', { principal: BOB, resourceAccount: A, context: { 'aws:PrincipalOrgID': 'o-example', 'aws:PrincipalIsAWSService': 'false' }, identity: [S3], resourcePolicy: doc(grant({ AWS: BOB }, 's3:*')), rcps: [[RCP_FULL, externalDeny]] }, 'Allow'],
  ['RCP identity perimeter spares AWS services', { principal: 'cloudtrail.amazonaws.com', context: { 'aws:PrincipalIsAWSService': 'true' }, resourcePolicy: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:*')), rcps: [[RCP_FULL, externalDeny]] }, 'Allow'],
  ['RCP Deny applies to service principals', { principal: 'cloudtrail.amazonaws.com', resourcePolicy: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:*')), rcps: [[RCP_FULL, doc(refuse('*', 's3:*'))]] }, 'ExplicitDeny'],
  ['RCPs do not affect resources in the management account', { identity: [S3], rcps: [[RCP_FULL, doc(refuse('*', 's3:*'))]], resourceIsManagementAccount: true }, 'Allow'],
  ['RCPs apply to the root user', { principal: ROOT, rcps: [[RCP_FULL, doc(refuse('*', 's3:*'))]] }, 'ExplicitDeny'],
  ['RCPs do not affect service-linked roles', { principal: SLR_SESSION, identity: [S3], rcps: [[RCP_FULL, doc(refuse('*', 's3:*'))]] }, 'Allow'],
  ['RCPs do not support NotPrincipal', { identity: [S3], rcps: [[RCP_FULL, doc({ Effect: 'Deny', NotPrincipal: { AWS: BOB }, Action: 's3:*', Resource: '*' })]] }, 'Allow'],
  ['an Allow in an RCP grants nothing', { rcps: [[RCP_FULL, doc(grant('*', 's3:*'))]] }, 'ImplicitDeny'],
  ['RCP Deny with NotResource spares the listed resource', { identity: [S3], rcps: [[RCP_FULL, doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', NotResource: 'arn:aws:s3:::example-bucket/*' })]] }, 'Allow'],
]);

// ---------------------------------------------------------------------------------------------
const GRAMMAR = 'IAM JSON policy elements: Statement / Version; Grammar of the IAM JSON policy language';
rows(GRAMMAR, [
  ['Statement as a single object', { identity: [{ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT } }] }, 'Allow'],
  ['empty Statement array grants nothing', { identity: [{ Version: '2012-10-17', Statement: [] }] }, 'ImplicitDeny'],
  ['empty Statement array in a boundary allows nothing', { identity: [S3], boundary: { Version: '2012-10-17', Statement: [] } }, 'ImplicitDeny'],
  ['Effect is case-sensitive: "allow" is invalid', { identity: [doc({ Effect: 'allow', Action: 's3:*', Resource: '*' })] }, 'ImplicitDeny'],
  ['unknown condition operator: statement does not apply', guarded({ StringEqualz: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': 'blue' }), 'ImplicitDeny'],
  ['policy without Version still evaluates (no variables)', { identity: [{ Statement: [allow('s3:GetObject')] }] }, 'Allow'],
  ['Principal in an identity policy is invalid', { identity: [doc(grant('*', 's3:*'))] }, 'ImplicitDeny'],
  ['valid and invalid statements: the valid one still allows', { identity: [doc({ Effect: 'Maybe', Action: '*', Resource: '*' }, allow('s3:GetObject'))] }, 'Allow'],
]);

// ---------------------------------------------------------------------------------------------
for (const row of ROWS) {
  test(`docs: ${row.cite} :: ${row.name}`, () => {
    const answer = evaluate(request(row.setup));
    assert.equal(answer.decision, row.expected, `${row.cite}\n${answer.explanation}\nerrors: ${answer.errors.join('; ')}`);
  });
}

test('docs: the table has more than 200 cases', () => {
  assert.ok(ROWS.length > 200, `only ${ROWS.length} rows`);
});

test('docs: every case gives the same decision through `simulate --batch`', () => {
  const batch = ROWS.map((row) => cliRequest(row.setup));
  let out = '';
  const err: string[] = [];
  const code = runSimulate(['--batch', 'cases.json'], {
    readFile: () => JSON.stringify(batch),
    readStdin: () => '',
    stdout: (text) => { out += text; },
    stderr: (text) => { err.push(text); },
  });
  assert.equal(code, 0, err.join('\n'));
  const answers = JSON.parse(out) as Array<{ decision?: Decision; error?: string }>;
  assert.equal(answers.length, ROWS.length);
  ROWS.forEach((row, i) => assert.equal(answers[i]!.decision, row.expected, `${row.cite} :: ${row.name}: ${answers[i]!.error ?? ''}`));
});
