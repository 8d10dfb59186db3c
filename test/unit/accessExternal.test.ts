/**
 * Who resource-based and trust policies let in (`analyzeExternalAccess`, `accessFindings`,
 * `checkNoPublicAccess`), case by case. The expected answers follow IAM Access Analyzer's documented
 * reading (IAM User Guide, "IAM Access Analyzer findings": access is external when it reaches a
 * principal outside the zone of trust; "Previewing access with IAM Access Analyzer APIs"), the
 * IAM User Guide's "AWS JSON policy elements: Principal" (an account principal delegates to the
 * account; `"*"` is everyone, anonymous users included) and "AWS global condition context keys"
 * (the keys that bound principals: `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`,
 * `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpce`, ...); the provider keys are those of
 * "Available keys for AWS web identity federation" (`aud`, `sub`), and GitHub's audience is fixed
 * (IAM User Guide, "Create a role for OpenID Connect federation": add a `sub` condition).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy } from '../../server/src/iam/document/parse';
import { accessFindings, analyzeExternalAccess, checkNoPublicAccess, ACCESS_CODES } from '../../server/src/iam/access';
import type { PolicyKind } from '../../server/src/iam/document/policyKind';
import { expandActionPattern } from '../../server/src/iam/catalog/catalog';

const OWNER = '111122223333';
const OTHER = '444455556666';
const BUCKET = 'arn:aws:s3:::example-bucket/*';
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const grant = (Principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal, Action: 's3:GetObject', Resource: BUCKET, ...extra });
const trust = (Principal: unknown, Action: string, extra: object = {}) => ({ Effect: 'Allow', Principal, Action, ...extra });

interface Row {
  readonly name: string;
  readonly source: string;
  readonly kind?: PolicyKind;
  readonly policy: string;
  readonly public: boolean;
  readonly accounts?: readonly string[];
  readonly organizations?: readonly string[];
  readonly services?: readonly string[];
  readonly sameAccount?: boolean;
  readonly codes: readonly string[];
}

const ROWS: Row[] = [
  { name: 'Principal "*" is public', source: 'Principal: All principals', policy: doc(grant('*')), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: '{"AWS": "*"} is public', source: 'Principal: All principals', policy: doc(grant({ AWS: '*' })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'a transport condition does not bound principals', source: 'aws:SecureTransport', policy: doc(grant('*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'a source IP range does not bound principals', source: 'aws:SourceIp', policy: doc(grant('*', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'aws:PrincipalOrgID bounds to the organization', source: 'aws:PrincipalOrgID', policy: doc(grant('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })), public: false, organizations: ['o-a1b2c3d4e5'], codes: [] },
  { name: 'aws:PrincipalOrgID with IfExists does not bound (a missing key passes)', source: 'Condition operators: ...IfExists', policy: doc(grant('*', { Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'a wildcard-only value does not bound', source: 'Condition operators: String condition operators', policy: doc(grant('*', { Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'a negated operator in an Allow does not bound', source: 'Condition operators (negated operators and missing keys)', policy: doc(grant('*', { Condition: { StringNotEquals: { 'aws:PrincipalAccount': OTHER } } })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'aws:PrincipalAccount bounds to the accounts (cross-account)', source: 'aws:PrincipalAccount', policy: doc(grant('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': OTHER } } })), public: false, accounts: [OTHER], codes: ['CROSS_ACCOUNT_ACCESS'] },
  { name: 'aws:PrincipalAccount naming the owner is same-account', source: 'aws:PrincipalAccount', policy: doc(grant('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': OWNER } } })), public: false, sameAccount: true, codes: [] },
  { name: 'aws:PrincipalArn with a literal account bounds', source: 'aws:PrincipalArn', policy: doc(grant('*', { Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:role/reader-*` } } })), public: false, accounts: [OTHER], codes: ['CROSS_ACCOUNT_ACCESS'] },
  { name: 'aws:PrincipalArn with a wildcard account does not bound', source: 'aws:PrincipalArn', policy: doc(grant('*', { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/reader' } } })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'aws:SourceVpce bounds to the endpoint', source: 'aws:SourceVpce', policy: doc(grant('*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })), public: false, codes: [] },
  { name: 'SQS: aws:SourceArn names the topic account', source: 'aws:SourceArn', policy: doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${OWNER}:q`, Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${OTHER}:topic` } } }), public: false, accounts: [OTHER], codes: ['CROSS_ACCOUNT_ACCESS'] },
  { name: 'KMS: kms:CallerAccount bounds', source: 'kms:CallerAccount (AWS KMS condition keys)', policy: doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': OWNER, 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }), public: false, sameAccount: true, codes: [] },
  { name: 'a Deny with StringNotEquals aws:PrincipalOrgID bounds a public Allow', source: 'Policy evaluation logic (explicit deny); aws:PrincipalOrgID', policy: doc(grant('*'), { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: BUCKET, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), public: false, organizations: ['o-a1b2c3d4e5'], codes: [] },
  { name: 'a Deny of everything for everyone rules out the Allow', source: 'Policy evaluation logic (explicit deny)', policy: doc(grant('*'), { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }), public: false, codes: [] },
  { name: 'a Deny that covers only other actions does not', source: 'Policy evaluation logic', policy: doc(grant('*'), { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*' }), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'another account by root ARN', source: 'Principal: AWS account principals', policy: doc(grant({ AWS: `arn:aws:iam::${OTHER}:root` })), public: false, accounts: [OTHER], codes: ['CROSS_ACCOUNT_ACCESS'] },
  { name: 'another account by a role ARN', source: 'Principal: IAM role principals', policy: doc(grant({ AWS: `arn:aws:iam::${OTHER}:role/reader` })), public: false, accounts: [OTHER], codes: ['CROSS_ACCOUNT_ACCESS'] },
  { name: 'the owning account only', source: 'Principal: AWS account principals', policy: doc(grant({ AWS: OWNER })), public: false, sameAccount: true, codes: [] },
  { name: 'a service principal with aws:SourceArn', source: 'The confused deputy problem', policy: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, { Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${OWNER}:trail/t` } } })), public: false, services: ['cloudtrail.amazonaws.com'], codes: [] },
  { name: 'a service principal without a source key', source: 'The confused deputy problem', policy: doc(grant({ Service: 'cloudtrail.amazonaws.com' })), public: false, services: ['cloudtrail.amazonaws.com'], codes: [] },
  { name: 'a service principal beside an account, without a source key', source: 'The confused deputy problem', policy: doc(grant({ Service: 'cloudtrail.amazonaws.com', AWS: OWNER })), public: false, sameAccount: true, services: ['cloudtrail.amazonaws.com'], codes: ['SERVICE_ACCESS_WITHOUT_SOURCE'] },
  // Role trust policies.
  { name: 'trust: a service', source: 'Principal: AWS service principals', kind: 'trust', policy: doc(trust({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRole')), public: false, services: ['lambda.amazonaws.com'], codes: [] },
  { name: 'trust: another account', source: 'Principal: AWS account principals', kind: 'trust', policy: doc(trust({ AWS: OTHER }, 'sts:AssumeRole', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })), public: false, accounts: [OTHER], codes: ['CROSS_ACCOUNT_ACCESS'] },
  { name: 'trust: GitHub OIDC without sub is public', source: 'Create a role for OpenID Connect federation', kind: 'trust', policy: doc(trust({ Federated: `arn:aws:iam::${OWNER}:oidc-provider/token.actions.githubusercontent.com` }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'trust: GitHub OIDC with sub is bounded', source: 'Create a role for OpenID Connect federation', kind: 'trust', policy: doc(trust({ Federated: `arn:aws:iam::${OWNER}:oidc-provider/token.actions.githubusercontent.com` }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example-org/example-repo:*' } } })), public: false, codes: [] },
  { name: 'trust: GitHub OIDC with sub "*" is public', source: 'Create a role for OpenID Connect federation', kind: 'trust', policy: doc(trust({ Federated: `arn:aws:iam::${OWNER}:oidc-provider/token.actions.githubusercontent.com` }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': '*' } } })), public: true, codes: ['PUBLIC_ACCESS'] },
  { name: 'trust: Cognito with aud is bounded', source: 'Available keys for AWS web identity federation', kind: 'trust', policy: doc(trust({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456789012' } } })), public: false, codes: [] },
  { name: 'trust: everyone with aws:PrincipalArn naming a role of another account', source: 'aws:PrincipalArn', kind: 'trust', policy: doc(trust('*', 'sts:AssumeRole', { Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:role/deployer` } } })), public: false, accounts: [OTHER], codes: ['CROSS_ACCOUNT_ACCESS'] },
  { name: 'trust: everyone', source: 'Principal: All principals', kind: 'trust', policy: doc(trust({ AWS: '*' }, 'sts:AssumeRole')), public: true, codes: ['PUBLIC_ACCESS'] },
];

for (const row of ROWS) {
  test(`external access: ${row.name} (${row.source})`, () => {
    const kind = row.kind ?? 'resource';
    const document = parsePolicy(row.policy).document;
    const analysis = analyzeExternalAccess(document, kind, { ownerAccount: OWNER });
    const s = analysis.statements[0]!;
    assert.equal(s.public, row.public, s.summary);
    if (row.accounts) assert.deepEqual([...s.externalAccounts].sort(), [...row.accounts].sort());
    else assert.deepEqual(s.externalAccounts, []);
    if (row.organizations) assert.deepEqual(s.organizations, row.organizations);
    if (row.services) assert.deepEqual(s.services, row.services);
    if (row.sameAccount !== undefined) assert.equal(s.sameAccount, row.sameAccount);
    if (row.public) assert.ok(s.example, 'public access comes with a confirmed example');
    const findings = accessFindings(document, kind, { ownerAccount: OWNER });
    assert.deepEqual(findings.map((f) => f.code).sort(), [...row.codes].sort(), findings.map((f) => f.message).join('\n'));
    for (const f of findings) {
      const code = ACCESS_CODES[f.code as keyof typeof ACCESS_CODES];
      assert.equal(f.category, code.category);
      // Findings sit on the statement's principal element.
      assert.match(row.policy.slice(f.span.offset, f.span.offset + f.span.length), /^"(Not)?Principal"/);
      if (f.code === 'CROSS_ACCOUNT_ACCESS') for (const a of row.accounts ?? []) assert.ok(f.message.includes(a), f.message);
    }
    assert.equal(checkNoPublicAccess(document, kind).result, row.public ? 'FAIL' : 'PASS');
  });
}

test('public access: the example is a request from an outside caller that the policy allows', () => {
  const document = parsePolicy(doc(grant('*'))).document;
  const [s] = analyzeExternalAccess(document, 'resource', { ownerAccount: OWNER }).statements;
  assert.ok(s!.example);
  assert.ok(!s!.example.principal!.includes(OWNER));
  assert.equal(s!.example.action, 's3:GetObject');
  assert.match(s!.example.resource, /^arn:aws:s3:::example-bucket\//);
});

test('public access with `"Action": "*"`: the example names the first action of the catalog', () => {
  const document = parsePolicy(doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })).document;
  const [s] = analyzeExternalAccess(document, 'resource', { ownerAccount: OWNER }).statements;
  assert.equal(s!.public, true);
  assert.equal(s!.example?.action, expandActionPattern('*')[0]!.fullName);
});

test('the example of a public statement names its written action, its first matching action, or none', () => {
  const bounded = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } } };
  const exampleAction = (action: string | string[]) => {
    const document = parsePolicy(doc(bounded, { Effect: 'Allow', Principal: '*', Action: action, Resource: '*' })).document;
    const statements = analyzeExternalAccess(document, 'resource', { ownerAccount: OWNER }).statements;
    assert.equal(statements[1]!.public, true);
    return statements[1]!.example?.action;
  };
  // Written (wildcards removed) and known: that action, even beside a statement that allows `*`.
  assert.equal(exampleAction(['s3:GetObject', 's3:ListBucket']), 's3:GetObject');
  // A wildcard: the first action of the catalog it matches.
  assert.equal(exampleAction('s3:Get*'), expandActionPattern('s3:Get*')[0]!.fullName);
  // A placeholder names no action: no example request.
  assert.equal(exampleAction('<action>'), undefined);
});

test('a Deny of every action for outsiders bounds a public `*` statement', () => {
  const document = parsePolicy(
    doc(
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': OWNER } } },
    ),
  ).document;
  const [s] = analyzeExternalAccess(document, 'resource', { ownerAccount: OWNER }).statements;
  assert.equal(s!.public, false);
  assert.deepEqual(s!.deniedBy, [1]);
});

test('the owner is read from the resource ARNs when not given', () => {
  const document = parsePolicy(doc({ Effect: 'Allow', Principal: { AWS: OWNER }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${OWNER}:q` })).document;
  const analysis = analyzeExternalAccess(document, 'resource');
  assert.equal(analysis.owner, OWNER);
  assert.equal(analysis.statements[0]!.sameAccount, true);
  assert.deepEqual(accessFindings(document, 'resource'), []);
});

test('identity-side policies grant no public access by themselves', () => {
  const document = parsePolicy(doc({ Effect: 'Allow', Action: '*', Resource: '*' })).document;
  assert.equal(checkNoPublicAccess(document, 'identity').result, 'PASS');
});
