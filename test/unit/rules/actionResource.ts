/**
 * Rule cases of the `actionResource` family, run by test/unit/rules.test.ts: each case is a
 * statement (or a policy), the kind, and the findings that must appear, each as `[code, exact text
 * it lands on]`, plus codes that must not appear. Sources: the Access Analyzer policy check
 * reference (IAM User Guide) for the AWS codes, the IAM User Guide ARN and Resource pages, and the
 * Service Authorization Reference.
 */
import { ruleTests, type ExpectedFinding, type RuleCase, type RuleTests } from '../helpers/ruleTester.ts';
import type { PolicyKind } from '../../../server/src/iam/document/policyKind.ts';


type Expected = readonly (readonly [code: string, text: string])[];

interface Case {
  readonly name: string;
  /** One statement (wrapped into a policy) or a whole policy object. */
  readonly statement?: object;
  readonly statements?: readonly object[];
  readonly kind?: PolicyKind;
  readonly extraActions?: readonly string[];
  /** Findings of this family that must be present (code and the exact text under the span). */
  readonly expect?: Expected;
  /** Codes of this family that must not be reported at all. */
  readonly absent?: readonly string[];
  /** When set, the family's findings must be exactly `expect`. */
  readonly exact?: boolean;
  /** Expected first-fix titles of the first finding with the given code. */
  readonly fix?: readonly [code: string, title: string];
}

const allow = (extra: object) => ({ Effect: 'Allow', ...extra });

const CASES: readonly Case[] = [
  // --- Actions (AA "Error – Invalid action", "Error – Invalid service in action")
  { name: 'valid action, any case', statement: allow({ Action: ['S3:getobject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }), exact: true, expect: [] },
  { name: 'unknown action with suggestion', statement: allow({ Action: 's3:GetObjekt', Resource: '*' }), expect: [['INVALID_ACTION', '"s3:GetObjekt"']], fix: ['INVALID_ACTION', 'Change to `s3:GetObject`'] },
  { name: 'a policy variable in an action is left to the variable checks', statement: allow({ Action: 's3:${aws:username}', Resource: '*' }), absent: ['INVALID_ACTION', 'INVALID_SERVICE_IN_ACTION'] },
  { name: 'extraActions accepts a new action', statement: allow({ Action: 's3:GetObjekt', Resource: '*' }), extraActions: ['s3:GetObjekt'], absent: ['INVALID_ACTION'] },
  { name: 'unknown service', statement: allow({ Action: 's4:GetObject', Resource: '*' }), expect: [['INVALID_SERVICE_IN_ACTION', 's4']], fix: ['INVALID_SERVICE_IN_ACTION', 'Change to `s3:GetObject`'] },
  { name: 'known service is not invalid', statement: allow({ Action: 'ec2:DescribeInstances', Resource: '*' }), absent: ['INVALID_SERVICE_IN_ACTION', 'INVALID_ACTION'] },
  { name: 'no colon', statement: allow({ Action: 's3GetObject', Resource: '*' }), expect: [['INVALID_ACTION', '"s3GetObject"']], fix: ['INVALID_ACTION', 'Change to `s3:GetObject`'] },
  { name: 'surrounding spaces', statement: allow({ Action: 's3:GetObject ', Resource: '*' }), expect: [['INVALID_ACTION', '"s3:GetObject "']], fix: ['INVALID_ACTION', 'Change to `s3:GetObject`'] },
  { name: 'space before the service', statement: allow({ Action: ' s3:GetObject', Resource: '*' }), expect: [['INVALID_SERVICE_IN_ACTION', '" s3:GetObject"']] },
  { name: 'wildcard matching nothing', statement: allow({ Action: 's3:Gte*', Resource: '*' }), expect: [['INVALID_ACTION', '"s3:Gte*"']] },
  { name: 'wildcard matching something', statement: allow({ Action: 's3:Get*', Resource: '*' }), absent: ['INVALID_ACTION'] },
  // --- AA "Suggestion – Wildcard in service name"
  { name: 'wildcard in action service', statement: allow({ Action: '*:Describe*', Resource: '*' }), expect: [['WILDCARD_IN_SERVICE_NAME', '*']] },
  { name: 'bare * is not a service wildcard', statement: allow({ Action: '*', Resource: '*' }), absent: ['WILDCARD_IN_SERVICE_NAME'] },
  { name: 'wildcard in ARN service', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws:*code*::111122223333:*' }), expect: [['WILDCARD_IN_SERVICE_NAME', '*code*']] },
  // --- AA "Suggestion – Empty array action/resource"
  { name: 'empty Action array', statement: allow({ Action: [], Resource: '*' }), expect: [['EMPTY_ARRAY_ACTION', '[]']] },
  { name: 'non-empty Action array', statement: allow({ Action: ['s3:GetObject'], Resource: '*' }), absent: ['EMPTY_ARRAY_ACTION'] },
  { name: 'empty Resource array', statement: allow({ Action: 's3:GetObject', Resource: [] }), expect: [['EMPTY_ARRAY_RESOURCE', '[]']] },
  { name: 'non-empty Resource array', statement: allow({ Action: 's3:GetObject', Resource: ['*'] }), absent: ['EMPTY_ARRAY_RESOURCE'] },
  // --- AA "Suggestion – Redundant action" (its own example: iam:Get* covers iam:GetCredentialReport, not iam:*CredentialReport)
  { name: 'action covered by a wildcard', statement: allow({ Action: ['iam:Get*', 'iam:List*', 'iam:GetCredentialReport'], Resource: '*' }), expect: [['REDUNDANT_ACTION', '"iam:GetCredentialReport"']], fix: ['REDUNDANT_ACTION', 'Remove `iam:GetCredentialReport`'] },
  { name: 'partly overlapping wildcard is not redundant', statement: allow({ Action: ['iam:Get*', 'iam:*CredentialReport'], Resource: '*' }), absent: ['REDUNDANT_ACTION'] },
  { name: 'duplicate action in another case', statement: allow({ Action: ['s3:GetObject', 'S3:GETOBJECT'], Resource: '*' }), expect: [['REDUNDANT_ACTION', '"S3:GETOBJECT"']] },
  // --- AA "Suggestion – Redundant resource" (its own example)
  {
    name: 'resources covered by a wildcard ARN',
    statement: allow({ Action: 'iam:GetRole', Resource: ['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/jane-s3only', 'arn:aws:iam::111122223333:role/jane*'] }),
    expect: [['REDUNDANT_RESOURCE', '"arn:aws:iam::111122223333:role/jane-admin"'], ['REDUNDANT_RESOURCE', '"arn:aws:iam::111122223333:role/jane-s3only"']],
  },
  { name: 'distinct resources are not redundant', statement: allow({ Action: 'iam:GetRole', Resource: ['arn:aws:iam::111122223333:role/jane*', 'arn:aws:iam::111122223333:role/john*'] }), absent: ['REDUNDANT_RESOURCE'] },
  // --- ARN structure (AA errors; IAM User Guide "ARN format")
  { name: 'not an ARN', statement: allow({ Action: 's3:GetObject', Resource: 'urn:aws:s3:::example-bucket/*' }), expect: [['INVALID_ARN_PREFIX', '"urn:aws:s3:::example-bucket/*"']] },
  { name: 'upper-case ARN prefix', statement: allow({ Action: 's3:GetObject', Resource: 'ARN:aws:s3:::b/*' }), expect: [['INVALID_ARN_PREFIX', 'ARN']], fix: ['INVALID_ARN_PREFIX', 'Change to `arn`'] },
  { name: 'a bucket path with a wildcard is still not an ARN', statement: allow({ Action: 's3:GetObject', Resource: 'bucket/*' }), expect: [['INVALID_ARN_PREFIX', '"bucket/*"']] },
  { name: 'a wildcard that could begin arn: is accepted', statement: allow({ Action: 's3:GetObject', Resource: 'a*' }), absent: ['INVALID_ARN_PREFIX'] },
  { name: 'API Gateway shorthand execute-api:/ in a resource policy (API Gateway Developer Guide, resource policy examples)', kind: 'resource', statement: allow({ Principal: '*', Action: 'execute-api:Invoke', Resource: ['execute-api:/*', 'execute-api:/prod/GET/pets'] }), absent: ['INVALID_ARN_PREFIX', 'MISSING_ARN_FIELD'] },
  { name: 'execute-api:/ shorthand is not an ARN in an identity policy', statement: allow({ Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }), expect: [['INVALID_ARN_PREFIX', '"execute-api:/*"']] },
  { name: 'ARN prefix present', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' }), absent: ['INVALID_ARN_PREFIX', 'MISSING_ARN_FIELD'] },
  { name: 'too few fields', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:example-bucket/*' }), expect: [['MISSING_ARN_FIELD', '"arn:aws:s3:example-bucket/*"']], fix: ['MISSING_ARN_FIELD', 'Change to `arn:aws:s3:::example-bucket/*`'] },
  { name: 'unknown partition', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws-xyz:s3:::example-bucket/*' }), expect: [['INVALID_PARTITION', 'aws-xyz']] },
  { name: 'misspelt partition', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws-cm:s3:::b/*' }), expect: [['INVALID_PARTITION', 'aws-cm']], fix: ['INVALID_PARTITION', 'Change to `aws-cn`'] },
  { name: 'China partition', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::b/*' }), absent: ['INVALID_PARTITION'] },
  { name: 'service in upper case', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws:S3:::example-bucket/*' }), expect: [['INVALID_ARN_SERVICE_CASE', 'S3']], fix: ['INVALID_ARN_SERVICE_CASE', 'Change to `s3`'] },
  { name: 'unknown ARN service', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws:s4:::b/*' }), expect: [['INVALID_SERVICE', 's4']] },
  { name: 'malformed Region', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:useast1:123456789012:instance/*' }), expect: [['INVALID_ARN_REGION', 'useast1']] },
  { name: 'upper-case Region', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:US-EAST-1:123456789012:instance/*' }), expect: [['INVALID_ARN_REGION', 'US-EAST-1']], fix: ['INVALID_ARN_REGION', 'Change to `us-east-1`'] },
  { name: 'Region of another partition', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:cn-north-1:123456789012:instance/*' }), expect: [['INVALID_ARN_REGION', 'cn-north-1']] },
  // A plausible next Region of a known area (ap-southeast-9 after ap-southeast-7) may have opened since
  // the data was made: only a hint. AWS numbers areas in order, so us-east-9 (after us-east-2) is not.
  { name: 'plausible new Region is only a hint', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:ap-southeast-9:123456789012:instance/*' }), expect: [['UNKNOWN_ARN_REGION', 'ap-southeast-9']], absent: ['INVALID_ARN_REGION'] },
  { name: 'misspelt Region word is invalid, not a new area', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:us-eats-1:123456789012:instance/*' }), expect: [['INVALID_ARN_REGION', 'us-eats-1']], absent: ['UNKNOWN_ARN_REGION'] },
  { name: 'new country with known words is only a hint', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:zz-central-1:123456789012:instance/*' }), expect: [['UNKNOWN_ARN_REGION', 'zz-central-1']], absent: ['INVALID_ARN_REGION'] },
  { name: 'implausible Region number is invalid', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:us-east-9:123456789012:instance/*' }), expect: [['INVALID_ARN_REGION', 'us-east-9']], absent: ['UNKNOWN_ARN_REGION'] },
  { name: 'known Region', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*' }), exact: true, expect: [] },
  { name: 'short account', statement: allow({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::12345:role/Example' }), expect: [['INVALID_ARN_ACCOUNT', '12345']] },
  { name: 'account with dashes', statement: allow({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::1234-5678-9012:role/Example' }), expect: [['INVALID_ARN_ACCOUNT', '1234-5678-9012']], fix: ['INVALID_ARN_ACCOUNT', 'Change to `123456789012`'] },
  { name: 'aws-owned account and variables are accepted', statement: allow({ Action: 'iam:GetPolicy', Resource: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::${aws:PrincipalAccount}:policy/x'] }), absent: ['INVALID_ARN_ACCOUNT'] },
  { name: 'resource type token the service does not have', statement: allow({ Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:tables/Books' }), expect: [['INVALID_ARN_RESOURCE', 'tables/Books']] },
  { name: 'documented resource format', statement: allow({ Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Books' }), absent: ['INVALID_ARN_RESOURCE', 'UNDOCUMENTED_ARN_FORMAT'] },
  { name: 'wildcard resource outside the documented formats is a warning', statement: allow({ Action: 'states:StartExecution', Resource: 'arn:aws:states:*:*:statemachine:*' }), expect: [['UNDOCUMENTED_ARN_FORMAT', 'statemachine:*']], absent: ['INVALID_ARN_RESOURCE'] },
  { name: 'Region on an S3 bucket', statement: allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:us-east-1::example-bucket' }), expect: [['ARN_REGION_NOT_ALLOWED', 'us-east-1']], fix: ['ARN_REGION_NOT_ALLOWED', 'Remove the Region'] },
  { name: 'Region on an IAM role', statement: allow({ Action: 'iam:GetRole', Resource: 'arn:aws:iam:us-east-1:123456789012:role/Example' }), expect: [['ARN_REGION_NOT_ALLOWED', 'us-east-1']] },
  { name: 'account on an S3 bucket', statement: allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3::123456789012:example-bucket' }), expect: [['ARN_ACCOUNT_NOT_ALLOWED', '123456789012']], fix: ['ARN_ACCOUNT_NOT_ALLOWED', 'Remove the account ID'] },
  { name: 'S3 access point keeps Region and account', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/*' }), absent: ['ARN_REGION_NOT_ALLOWED', 'ARN_ACCOUNT_NOT_ALLOWED'] },
  { name: 'wildcard Region and account on a bucket are fine', statement: allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:*:*:example-bucket' }), absent: ['ARN_REGION_NOT_ALLOWED', 'ARN_ACCOUNT_NOT_ALLOWED'] },
  { name: 'missing Region', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2::123456789012:instance/*' }), expect: [['MISSING_ARN_REGION', ':']] },
  { name: 'wildcard Region', statement: allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:*:123456789012:instance/*' }), absent: ['MISSING_ARN_REGION'] },
  { name: 'missing account', statement: allow({ Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1::table/Books' }), expect: [['MISSING_ARN_ACCOUNT', ':']] },
  { name: 'AWS-owned resource without account', statement: allow({ Action: 'ssm:SendCommand', Resource: 'arn:aws:ssm:*::document/AWS-RunShellScript' }), absent: ['MISSING_ARN_ACCOUNT'] },
  // --- Resource-type fit (own RESOURCE_TYPE_MISMATCH; Service Authorization Reference resource types)
  { name: 'object action on a bucket', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket' }), expect: [['RESOURCE_TYPE_MISMATCH', '"arn:aws:s3:::example-bucket"']], fix: ['RESOURCE_TYPE_MISMATCH', 'Change to `arn:aws:s3:::example-bucket/*`'] },
  // A log stream is `log-group:G:log-stream:S`: the child of a log group is written after `:`, and
  // `log-group:G/*` would name other log groups (names may hold `/`).
  { name: 'log stream action on a log group', statement: allow({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:app' }), expect: [['RESOURCE_TYPE_MISMATCH', '"arn:aws:logs:us-east-1:111122223333:log-group:app"']], fix: ['RESOURCE_TYPE_MISMATCH', 'Change to `arn:aws:logs:us-east-1:111122223333:log-group:app:*`'] },
  { name: 'DynamoDB stream action on a table', statement: allow({ Action: 'dynamodb:GetRecords', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }), expect: [['RESOURCE_TYPE_MISMATCH', '"arn:aws:dynamodb:us-east-1:111122223333:table/orders"']], fix: ['RESOURCE_TYPE_MISMATCH', 'Change to `arn:aws:dynamodb:us-east-1:111122223333:table/orders/*`'] },
  { name: 'bucket action on objects', statement: allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example-bucket/*' }), expect: [['RESOURCE_TYPE_MISMATCH', '"arn:aws:s3:::example-bucket/*"']], fix: ['RESOURCE_TYPE_MISMATCH', 'Change to `arn:aws:s3:::example-bucket`'] },
  { name: 'mixed bucket and object actions', statement: allow({ Action: ['s3:ListBucket', 's3:GetObject'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }), absent: ['RESOURCE_TYPE_MISMATCH'] },
  { name: 'resource of another service', statement: allow({ Action: 'dynamodb:GetItem', Resource: 'arn:aws:s3:::b/*' }), expect: [['RESOURCE_TYPE_MISMATCH', '"arn:aws:s3:::b/*"']] },
  { name: 'actions without resource types are not judged', statement: allow({ Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::b' }), absent: ['RESOURCE_TYPE_MISMATCH'] },
  { name: 'types shared across services compare by ARN format', statement: allow({ Action: 'ssm:StartSession', Resource: 'arn:aws:ecs:us-east-1:123456789012:task/cluster/abc' }), absent: ['RESOURCE_TYPE_MISMATCH'] },
  { name: 'qualified Lambda function ARN fits the function type', statement: allow({ Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:*:*:function:f:*' }), absent: ['RESOURCE_TYPE_MISMATCH'] },
  { name: 'star fits everything', statement: allow({ Action: 's3:GetObject', Resource: '*' }), absent: ['RESOURCE_TYPE_MISMATCH'] },
  // --- AA security warnings: PassRole (SECURITY_WARNING) and CreateServiceLinkedRole (GENERAL_WARNING)
  { name: 'PassRole on *', statement: allow({ Action: 'iam:PassRole', Resource: '*' }), expect: [['PASS_ROLE_WITH_STAR_IN_RESOURCE', '"*"']] },
  { name: 'PassRole on * limited by iam:PassedToService', statement: allow({ Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), absent: ['PASS_ROLE_WITH_STAR_IN_RESOURCE'] },
  { name: 'PassRole on a service-named role pattern', statement: allow({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/Service*' }), absent: ['PASS_ROLE_WITH_STAR_IN_RESOURCE'] },
  { name: 'PassRole on role/*', statement: allow({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/*' }), expect: [['PASS_ROLE_WITH_STAR_IN_RESOURCE', '"arn:aws:iam::123456789012:role/*"']] },
  { name: 'star action and star resource', statement: allow({ Action: 'iam:*', Resource: '*' }), expect: [['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', '"iam:*"'], ['CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', '"iam:*"']] },
  { name: 'wildcard action not covering PassRole', statement: allow({ Action: 'iam:Get*', Resource: '*' }), absent: ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE'] },
  { name: 'NotAction with star resource', statement: allow({ NotAction: 's3:*', Resource: '*' }), expect: [['PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', '"NotAction"'], ['CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', '"NotAction"']] },
  { name: 'NotAction excluding iam', statement: allow({ NotAction: ['s3:*', 'iam:*'], Resource: '*' }), absent: ['PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION'] },
  { name: 'PassRole with NotResource', statement: allow({ Action: 'iam:PassRole', NotResource: 'arn:aws:iam::123456789012:role/Admin' }), expect: [['PASS_ROLE_WITH_NOT_RESOURCE', '"NotResource"']] },
  { name: 'PassRole with Resource', statement: allow({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/AppRole' }), absent: ['PASS_ROLE_WITH_NOT_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_RESOURCE'] },
  { name: 'star action with NotResource', statement: allow({ Action: 'iam:*', NotResource: 'arn:aws:iam::123456789012:role/Admin' }), expect: [['PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', '"iam:*"'], ['CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', '"iam:*"']] },
  { name: 'NotAction with NotResource', statement: allow({ NotAction: 's3:*', NotResource: 'arn:aws:iam::123456789012:role/Admin' }), expect: [['PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE', '"NotAction"'], ['CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE', '"NotAction"']] },
  { name: 'Deny is never a grant', statement: { Effect: 'Deny', NotAction: 's3:*', NotResource: 'arn:aws:iam::123456789012:role/Admin' }, absent: ['PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE', 'ALLOW_WITH_NOT_ACTION', 'ALLOW_WITH_NOT_RESOURCE'] },
  { name: 'CreateServiceLinkedRole on *', statement: allow({ Action: 'iam:CreateServiceLinkedRole', Resource: '*' }), expect: [['CREATE_SLR_WITH_STAR_IN_RESOURCE', '"*"']] },
  { name: 'CreateServiceLinkedRole limited by iam:AWSServiceName', statement: allow({ Action: 'iam:CreateServiceLinkedRole', Resource: '*', Condition: { StringEquals: { 'iam:AWSServiceName': 'rds.amazonaws.com' } } }), absent: ['CREATE_SLR_WITH_STAR_IN_RESOURCE'] },
  { name: 'CreateServiceLinkedRole with NotResource', statement: allow({ Action: 'iam:CreateServiceLinkedRole', NotResource: 'arn:aws:iam::123456789012:role/x' }), expect: [['CREATE_SLR_WITH_NOT_RESOURCE', '"NotResource"']] },
  { name: 'CreateServiceLinkedRole on one role', statement: allow({ Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::123456789012:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS' }), absent: ['CREATE_SLR_WITH_STAR_IN_RESOURCE', 'CREATE_SLR_WITH_NOT_RESOURCE'] },
  // --- Own security warnings (IAM User Guide, NotAction / NotResource pages)
  { name: 'Allow with NotAction', statement: allow({ NotAction: 'iam:*', Resource: '*' }), expect: [['ALLOW_WITH_NOT_ACTION', '"NotAction"']] },
  { name: 'Allow with NotResource', statement: allow({ Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }), expect: [['ALLOW_WITH_NOT_RESOURCE', '"NotResource"']] },
  { name: 'Allow with Action and Resource', statement: allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), absent: ['ALLOW_WITH_NOT_ACTION', 'ALLOW_WITH_NOT_RESOURCE'] },
  // --- AA "Error – Unsupported action in policy": a trust policy is attached to AWS::IAM::AssumeRolePolicyDocument
  {
    name: 'non-sts action in a trust policy',
    statements: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 's3:GetObject'] }],
    kind: 'trust',
    expect: [['UNSUPPORTED_ACTION_IN_POLICY', '"s3:GetObject"']],
  },
  {
    name: 'trust actions in a trust policy',
    statements: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:Assume*'] }],
    kind: 'trust',
    absent: ['UNSUPPORTED_ACTION_IN_POLICY'],
  },
];

/** A case above as the rule tester reads it: the statements wrapped into a policy, the fix on its finding. */
function toRuleCase(c: Case): RuleCase {
  const errors = (c.expect ?? []).map(([code, text]): ExpectedFinding => [code, text]);
  if (c.fix) {
    const at = errors.findIndex(([code]) => code === c.fix![0]);
    if (at < 0) throw new Error(`case \`${c.name}\`: the fix's code is not expected`);
    errors[at] = [errors[at]![0], errors[at]![1], c.fix[1]];
  }
  return {
    name: c.name,
    policy: { Version: '2012-10-17', Statement: c.statements ?? [c.statement] },
    kind: c.kind,
    options: c.extraActions ? { extraActions: c.extraActions } : undefined,
    errors,
    absent: c.absent,
    exactFor: c.exact ? 'actionResource' : undefined,
  };
}

export const actionResourceTests: RuleTests = ruleTests(CASES.map(toRuleCase));
