/**
 * Rule cases of the condition and variable families, run by test/unit/rules.test.ts: each row is a
 * policy, the code it must (or must not) report and the exact text the finding lands on. AWS sources
 * are cited in server/src/iam/validate/families/condition/conditionChecks.ts and
 * families/variable/variableChecks.ts.
 */
import { ruleTests, type RuleCase, type RuleTests } from '../helpers/ruleTester.ts';
import type { PolicyKind } from '../../../server/src/iam/document/policyKind.ts';

type Json = Record<string, unknown>;

/** An identity policy with one statement; `condition` goes into the statement's Condition. */
function policy(condition: Json | undefined, statement: Json = {}, version: string | null = '2012-10-17'): Json {
  const body: Json = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...statement };
  if (condition) body.Condition = condition;
  return version === null ? { Statement: [body] } : { Version: version, Statement: [body] };
}

/** A role trust policy for a web identity or SAML provider. */
function trust(condition: Json, action = 'sts:AssumeRoleWithWebIdentity', principal: Json = { Federated: 'accounts.google.com' }): Json {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: action, Condition: condition }] };
}

/** A row that must report `code` on exactly `text`, with `fix` as the first fix's title when given. */
const hit = (name: string, policyValue: Json | string, code: string, text: string, fix?: string, kind?: PolicyKind): RuleCase => ({ name: `${code}: ${name}`, policy: policyValue, kind, errors: [[code, text, fix]] });
/** A close row that must not report `code`. */
const miss = (name: string, policyValue: Json | string, code: string, kind?: PolicyKind): RuleCase => ({ name: `no ${code}: ${name}`, policy: policyValue, kind, absent: [code] });

const CASES: readonly RuleCase[] = [
  // Operators.
  hit('misspelt operator', policy({ StringEqual: { 'aws:SourceVpc': 'vpc-12345678' } }), 'INVALID_CONDITION_OPERATOR', '"StringEqual"', 'Change to `StringEquals`'),
  hit('operator in wrong case', policy({ stringequals: { 'aws:SourceVpc': 'vpc-12345678' } }), 'INVALID_CONDITION_OPERATOR', '"stringequals"', 'Change to `StringEquals`'),
  hit('misspelt qualifier', policy({ 'ForAllValue:StringEquals': { 'aws:TagKeys': ['a'] } }), 'INVALID_CONDITION_OPERATOR', '"ForAllValue:StringEquals"', 'Change to `ForAllValues:StringEquals`'),
  hit('misspelt IfExists', policy({ StringEqualsIfExist: { 'aws:SourceVpc': 'vpc-12345678' } }), 'INVALID_CONDITION_OPERATOR', '"StringEqualsIfExist"', 'Change to `StringEqualsIfExists`'),
  miss('valid operators with qualifier and IfExists', policy({ 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a*'] }, StringEquals: { 'aws:SourceVpc': 'vpc-12345678' } }), 'INVALID_CONDITION_OPERATOR'),
  hit('Null with IfExists', policy({ NullIfExists: { 'aws:RequestTag/team': 'true' } }), 'NULL_WITH_IF_EXISTS', '"NullIfExists"', 'Change to `Null`'),
  miss('plain Null', policy({ Null: { 'aws:RequestTag/team': 'true' } }), 'NULL_WITH_IF_EXISTS'),
  hit('Null with ForAllValues', policy({ 'ForAllValues:Null': { 'aws:TagKeys': 'true' } }), 'NULL_WITH_QUALIFIER', '"ForAllValues:Null"', 'Change to `Null`'),
  miss('Null without qualifier', policy({ Null: { 'aws:TagKeys': 'true' } }), 'NULL_WITH_QUALIFIER'),

  // Key names.
  hit('key without prefix', policy({ StringEquals: { SourceVpc: 'vpc-12345678' } }), 'INVALID_CONDITION_KEY_FORMAT', '"SourceVpc"'),
  miss('key with prefix', policy({ StringEquals: { 'aws:SourceVpc': 'vpc-12345678' } }), 'INVALID_CONDITION_KEY_FORMAT'),
  hit('tag key form without tag key', policy({ StringEquals: { 'aws:ResourceTag': 'JaneDoe' } }), 'MISSING_TAG_KEY_IN_CONDITION', '"aws:ResourceTag"'),
  hit('tag key form with empty tag key', policy({ StringEquals: { 'aws:PrincipalTag/': 'JaneDoe' } }), 'MISSING_TAG_KEY_IN_CONDITION', '"aws:PrincipalTag/"'),
  miss('tag key form with tag key', policy({ StringEquals: { 'aws:ResourceTag/owner': 'JaneDoe' } }), 'MISSING_TAG_KEY_IN_CONDITION'),
  miss('a key that is also a template stem', policy({ StringEquals: { 'ec2:Attribute': 'x' } }, { Action: 'ec2:ModifyInstanceAttribute' }), 'MISSING_TAG_KEY_IN_CONDITION'),
  hit('aws:ARN', policy({ ArnLike: { 'aws:ARN': 'arn:aws:iam::123456789012:role/*' } }), 'UNSUPPORTED_GLOBAL_CONDITION_KEY', '"aws:ARN"', 'Change to `aws:PrincipalArn`'),
  miss('aws:PrincipalArn', policy({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } }), 'UNSUPPORTED_GLOBAL_CONDITION_KEY'),
  hit('misspelt global key', policy({ IpAddress: { 'aws:SourceIpp': '203.0.113.0/24' } }), 'INVALID_GLOBAL_CONDITION_KEY', '"aws:SourceIpp"', 'Change to `aws:SourceIp`'),
  hit('misspelt global tag key', policy({ StringEquals: { 'aws:ResourceTags/team': 'a' } }), 'INVALID_GLOBAL_CONDITION_KEY', '"aws:ResourceTags/team"', 'Change to `aws:ResourceTag/team`'),
  miss('global key in other case', policy({ IpAddress: { 'aws:sourceip': '203.0.113.0/24' } }), 'INVALID_GLOBAL_CONDITION_KEY'),
  hit('misspelt service key', policy({ StringLike: { 's3:prefixes': 'home/' } }, { Action: 's3:ListBucket' }), 'INVALID_SERVICE_CONDITION_KEY', '"s3:prefixes"', 'Change to `s3:prefix`'),
  miss('service key', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: 's3:ListBucket' }), 'INVALID_SERVICE_CONDITION_KEY'),
  hit('unknown service key without near match', policy({ StringEquals: { 's3:completelyinventedname': 'x' } }), 'UNKNOWN_CONDITION_KEY', '"s3:completelyinventedname"'),
  miss('legacy service tag key', policy({ StringEquals: { 'secretsmanager:ResourceTag/owner': 'x' } }, { Action: 'secretsmanager:GetSecretValue' }), 'UNKNOWN_CONDITION_KEY'),
  hit('misspelt service prefix', policy({ StringLike: { 's4:prefix': 'home/' } }), 'INVALID_SERVICE', '"s4:prefix"', 'Change to `s3:prefix`'),
  miss('GitHub OIDC keys in a trust policy', trust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } }, 'sts:AssumeRoleWithWebIdentity', { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }), 'INVALID_SERVICE', 'trust'),
  hit('duplicate key in other case', policy({ StringEquals: { 'aws:SourceVpc': 'vpc-12345678', 'aws:sourcevpc': 'vpc-87654321' } }), 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE', '"aws:sourcevpc"'),
  miss('one key with two values', policy({ StringEquals: { 'aws:SourceVpc': ['vpc-12345678', 'vpc-87654321'] } }), 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE'),

  // Qualifiers and key types.
  hit('multivalued key without qualifier', policy({ StringEquals: { 'aws:TagKeys': ['team', 'env'] } }, { Action: 'ec2:CreateTags' }), 'MISSING_QUALIFIER', '"aws:TagKeys"', 'Add `ForAnyValue:`'),
  miss('multivalued key with qualifier', policy({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }, { Action: 'ec2:CreateTags' }), 'MISSING_QUALIFIER'),
  miss('Null on a multivalued key', policy({ Null: { 'aws:TagKeys': 'false' } }), 'MISSING_QUALIFIER'),
  hit('ForAllValues with single-valued key', policy({ 'ForAllValues:StringEquals': { 'aws:PrincipalTag/team': 'blue' } }), 'FORALLVALUES_WITH_SINGLE_VALUED_KEY', '"aws:PrincipalTag/team"', 'Remove `ForAllValues:`'),
  miss('single-valued key without qualifier', policy({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } }), 'FORALLVALUES_WITH_SINGLE_VALUED_KEY'),
  hit('ForAnyValue with single-valued key', policy({ 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/team': 'blue' } }), 'FORANYVALUE_WITH_SINGLE_VALUED_KEY', '"aws:PrincipalTag/team"', 'Remove `ForAnyValue:`'),
  miss('ForAnyValue with multivalued key', policy({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'blue' } }), 'FORANYVALUE_WITH_SINGLE_VALUED_KEY'),
  miss('Cognito amr with ForAnyValue', trust({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }, 'sts:AssumeRoleWithWebIdentity', { Federated: 'cognito-identity.amazonaws.com' }), 'FORANYVALUE_WITH_SINGLE_VALUED_KEY', 'trust'),
  hit('String operator on Boolean key', policy({ StringEquals: { 'aws:MultiFactorAuthPresent': 'true' } }), 'TYPE_MISMATCH', '"aws:MultiFactorAuthPresent"', 'Change to `Bool`'),
  miss('Bool on Boolean key', policy({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), 'TYPE_MISMATCH'),
  miss('ARN operator on String key holding ARNs', policy({ ArnLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::bucket/*' } }, { Action: 'kms:Decrypt' }), 'TYPE_MISMATCH'),
  miss('Numeric operator on aws:EpochTime', policy({ NumericLessThan: { 'aws:EpochTime': '1735689600' } }), 'TYPE_MISMATCH'),

  // Values.
  hit('Bool with a non-Boolean', policy({ Bool: { 'aws:MultiFactorAuthPresent': 'yes' } }), 'TYPE_MISMATCH_BOOLEAN', '"yes"'),
  miss('Bool with a JSON boolean', policy({ Bool: { 'aws:MultiFactorAuthPresent': true } }), 'TYPE_MISMATCH_BOOLEAN'),
  hit('Numeric with a word', policy({ NumericLessThanEquals: { 's3:max-keys': 'ten' } }, { Action: 's3:ListBucket' }), 'TYPE_MISMATCH_NUMBER', '"ten"'),
  miss('Numeric with a number', policy({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { Action: 's3:ListBucket' }), 'TYPE_MISMATCH_NUMBER'),
  hit('Date with a word', policy({ DateLessThan: { 'aws:CurrentTime': 'next-monday' } }), 'TYPE_MISMATCH_DATE', '"next-monday"'),
  miss('Date with an ISO 8601 time', policy({ DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }), 'TYPE_MISMATCH_DATE'),
  hit('Date with epoch seconds', policy({ DateLessThan: { 'aws:CurrentTime': '1735689600' } }), 'INVALID_DATE_VALUE', '"1735689600"'),
  miss('epoch seconds for aws:EpochTime', policy({ DateLessThan: { 'aws:EpochTime': '1735689600' } }), 'INVALID_DATE_VALUE'),
  hit('Binary with non-base64', policy({ BinaryEquals: { 'aws:UserAgent': 'not base64!' } }), 'TYPE_MISMATCH_STRING', '"not base64!"'),
  miss('Binary with base64', policy({ BinaryEquals: { 'aws:UserAgent': 'QmluYXJ5' } }), 'TYPE_MISMATCH_STRING'),
  hit('IP range with a bad prefix', policy({ IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }), 'TYPE_MISMATCH_IP_RANGE', '"203.0.113.0/33"'),
  miss('IP range', policy({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7'] } }), 'TYPE_MISMATCH_IP_RANGE'),
  hit('IPv4 range with host bits', policy({ IpAddress: { 'aws:SourceIp': '203.0.113.7/24' } }), 'IMPROVE_IP_RANGE', '"203.0.113.7/24"', 'Change to `203.0.113.0/24`'),
  hit('IPv6 range with host bits', policy({ IpAddress: { 'aws:SourceIp': '2001:db8::1/32' } }), 'IMPROVE_IP_RANGE', '"2001:db8::1/32"', 'Change to `2001:db8::/32`'),
  miss('single address without prefix', policy({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }), 'IMPROVE_IP_RANGE'),
  hit('only private source IPs', policy({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), 'PRIVATE_IP_ADDRESS', '"aws:SourceIp"'),
  miss('public source IPs', policy({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), 'PRIVATE_IP_ADDRESS'),
  miss('private range for aws:VpcSourceIp', policy({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:SourceVpc': 'vpc-12345678' } }), 'PRIVATE_IP_ADDRESS'),
  hit('only private source IPs, negated', policy({ NotIpAddress: { 'aws:SourceIp': '192.168.0.0/16' } }, { Effect: 'Deny' }), 'PRIVATE_NOT_IP_ADDRESS', '"aws:SourceIp"'),
  miss('public source IPs, negated', policy({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { Effect: 'Deny' }), 'PRIVATE_NOT_IP_ADDRESS'),
  hit('some private source IPs', policy({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }), 'PRIVATE_IP_ADDRESS_SUBSET', '"10.0.0.0/8"'),
  miss('private range covering more than a private block', policy({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/0', '203.0.113.0/24'] } }), 'PRIVATE_IP_ADDRESS_SUBSET'),
  hit('some private source IPs, negated', policy({ NotIpAddress: { 'aws:SourceIp': ['172.16.0.0/12', '203.0.113.0/24'] } }), 'PRIVATE_NOT_IP_ADDRESS_SUBSET', '"172.16.0.0/12"'),
  miss('no private source IPs, negated', policy({ NotIpAddress: { 'aws:SourceIp': ['172.32.0.0/12', '203.0.113.0/24'] } }), 'PRIVATE_NOT_IP_ADDRESS_SUBSET'),
  hit('mixed JSON types', policy({ StringEquals: { 'aws:PrincipalTag/level': ['1', 2] } }), 'INVALID_CONDITION_DATA_TYPE', '"aws:PrincipalTag/level"'),
  miss('one JSON type', policy({ StringEquals: { 'aws:PrincipalTag/level': ['1', '2'] } }), 'INVALID_CONDITION_DATA_TYPE'),
  hit('several Booleans', policy({ Bool: { 'aws:SecureTransport': ['true', 'false'] } }, { Effect: 'Deny' }), 'INVALID_CONDITION_MULTIPLE_BOOLEAN', '"aws:SecureTransport"'),
  miss('one Boolean', policy({ Bool: { 'aws:SecureTransport': 'false' } }, { Effect: 'Deny' }), 'INVALID_CONDITION_MULTIPLE_BOOLEAN'),
  hit('wildcard with StringEquals', policy({ StringEquals: { 'aws:PrincipalTag/job-category': 'admin-*' } }), 'WILDCARD_WITHOUT_LIKE_OPERATOR', '"admin-*"', 'Change the operator to `StringLike`'),
  hit('wildcard with ForAnyValue:StringNotEquals', policy({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'a?' } }), 'WILDCARD_WITHOUT_LIKE_OPERATOR', '"a?"', 'Change the operator to `ForAnyValue:StringNotLike`'),
  miss('wildcard with StringLike', policy({ StringLike: { 'aws:PrincipalTag/job-category': 'admin-*' } }), 'WILDCARD_WITHOUT_LIKE_OPERATOR'),
  miss('escaped star with StringEquals', policy({ StringEquals: { 'aws:PrincipalTag/job-category': 'admin-${*}' } }), 'WILDCARD_WITHOUT_LIKE_OPERATOR'),
  miss('wildcard with ArnEquals (ARN operators take wildcards)', policy({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } }), 'WILDCARD_WITHOUT_LIKE_OPERATOR'),
  hit('malformed VPC ID', policy({ StringEquals: { 'aws:SourceVpc': 'vpc-123' } }), 'INVALID_VPC_FORMAT', '"vpc-123"'),
  miss('VPC ID', policy({ StringEquals: { 'aws:SourceVpc': ['vpc-12345678', 'vpc-1a2b3c4d5e6f7a8b9'] } }), 'INVALID_VPC_FORMAT'),
  hit('malformed VPC endpoint ID', policy({ StringEquals: { 'aws:SourceVpce': 'vpce-123' } }), 'INVALID_VPCE_FORMAT', '"vpce-123"'),
  miss('VPC endpoint ID', policy({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d5e6f7a8b9' } }), 'INVALID_VPCE_FORMAT'),
  hit('empty value array', policy({ StringEquals: { 'aws:PrincipalTag/team': [] } }), 'EMPTY_ARRAY_CONDITION', '[]', 'Remove `aws:PrincipalTag/team`'),
  miss('value array', policy({ StringEquals: { 'aws:PrincipalTag/team': ['a'] } }), 'EMPTY_ARRAY_CONDITION'),
  hit('empty value array with ForAllValues', policy({ 'ForAllValues:StringEquals': { 'aws:TagKeys': [] } }), 'EMPTY_ARRAY_CONDITION_FORALLVALUES', '[]'),
  miss('values with ForAllValues', policy({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }), 'EMPTY_ARRAY_CONDITION_FORALLVALUES'),
  hit('empty value array with ForAnyValue', policy({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': [] } }), 'EMPTY_ARRAY_CONDITION_FORANYVALUE', '[]'),
  miss('values with ForAnyValue', policy({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }), 'EMPTY_ARRAY_CONDITION_FORANYVALUE'),
  hit('empty value array with IfExists', policy({ StringEqualsIfExists: { 'aws:PrincipalTag/team': [] } }), 'EMPTY_ARRAY_CONDITION_IFEXISTS', '[]'),
  miss('values with IfExists', policy({ StringEqualsIfExists: { 'aws:PrincipalTag/team': ['a'] } }), 'EMPTY_ARRAY_CONDITION_IFEXISTS'),
  hit('redundant numeric values', policy({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } }), 'REDUNDANT_CONDITION_VALUE_NUM', '"aws:MultiFactorAuthAge"', 'Keep only "3600"'),
  miss('several values for NumericEquals', policy({ NumericEquals: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } }), 'REDUNDANT_CONDITION_VALUE_NUM'),
  hit('aws:VpcSourceIp alone', policy({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } }), 'MISSING_PAIRED_CONDITION_KEYS', '"aws:VpcSourceIp"'),
  miss('aws:VpcSourceIp with aws:SourceVpc', policy({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' }, StringEquals: { 'aws:SourceVpc': 'vpc-12345678' } }), 'MISSING_PAIRED_CONDITION_KEYS'),
  hit('variable with IpAddress', policy({ IpAddress: { 'aws:SourceIp': '${aws:username}' } }), 'INVALID_VARIABLE_FOR_OPERATOR', '"${aws:username}"'),
  miss('variable with StringEquals', policy({ StringEquals: { 'aws:PrincipalTag/owner': '${aws:username}' } }), 'INVALID_VARIABLE_FOR_OPERATOR'),

  // Keys against the statement's actions.
  hit('Deny with resource tag and unsupported actions', policy({ StringEquals: { 'aws:ResourceTag/status': 'Confidential' } }, { Effect: 'Deny', Action: ['appmesh:DeleteMesh', 's3:ListAllMyBuckets'] }), 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', '"aws:ResourceTag/status"'),
  miss('Deny with resource tag and supported actions', policy({ StringEquals: { 'aws:ResourceTag/status': 'Confidential' } }, { Effect: 'Deny', Action: ['appmesh:DeleteMesh', 'backup:DeleteBackupPlan'] }), 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'),
  hit('Allow with resource tag and unsupported actions', policy({ StringEquals: { 'aws:ResourceTag/team': 'BumbleBee' } }, { Action: ['appmesh:DescribeMesh', 'ec2:DescribeInstances'] }), 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', '"aws:ResourceTag/team"'),
  miss('Allow with resource tag and supported actions', policy({ StringEquals: { 'aws:ResourceTag/team': 'BumbleBee' } }, { Action: ['appmesh:DescribeMesh', 'ec2:TerminateInstances'] }), 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'),
  hit('Deny NotAction with resource tag', policy({ StringEquals: { 'aws:ResourceTag/team': 'a' } }, { Effect: 'Deny', Action: undefined, NotAction: 's3:GetObject' }), 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', '"aws:ResourceTag/team"'),
  miss('Deny NotAction with principal tag', policy({ StringEquals: { 'aws:PrincipalTag/team': 'a' } }, { Effect: 'Deny', Action: undefined, NotAction: 's3:GetObject' }), 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'),
  hit('Allow NotAction with resource tag', policy({ StringEquals: { 'aws:ResourceTag/team': 'a' } }, { Action: undefined, NotAction: 's3:GetObject' }), 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', '"aws:ResourceTag/team"'),
  miss('Allow NotAction with Null on resource tag', policy({ Null: { 'aws:ResourceTag/team': 'false' } }, { Action: undefined, NotAction: 's3:GetObject' }), 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'),
  hit('service key no action supports', policy({ StringLike: { 's3:prefix': 'home/' } }), 'CONDITION_KEY_UNSUPPORTED_BY_ACTIONS', '"s3:prefix"'),
  miss('service key an action supports', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: 's3:List*' }), 'CONDITION_KEY_UNSUPPORTED_BY_ACTIONS'),
  // Patterns with a wildcard in the service part: the key's own service is asked first, then the rest.
  miss('service key with every action', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: '*' }), 'CONDITION_KEY_UNSUPPORTED_BY_ACTIONS'),
  miss('service key with a wildcard service that covers its service', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: '*:List*' }), 'CONDITION_KEY_UNSUPPORTED_BY_ACTIONS'),
  miss('service key with a pattern spanning the colon', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: 's3*Bucket' }), 'CONDITION_KEY_UNSUPPORTED_BY_ACTIONS'),
  hit('service key with a wildcard service whose actions never list it', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: '*:GetObject' }), 'CONDITION_KEY_UNSUPPORTED_BY_ACTIONS', '"s3:prefix"'),
  hit('service key of another service with every action of one service', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: 'ec2:*' }), 'CONDITION_KEY_UNSUPPORTED_BY_ACTIONS', '"s3:prefix"'),
  hit('service key some actions support', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: ['s3:ListBucket', 's3:GetObject'] }), 'CONDITION_KEY_UNSUPPORTED_BY_SOME_ACTIONS', '"s3:prefix"'),
  miss('service key all actions support', policy({ StringLike: { 's3:prefix': 'home/' } }, { Action: ['s3:ListBucket'] }), 'CONDITION_KEY_UNSUPPORTED_BY_SOME_ACTIONS'),

  hit('s3:ResourceAccount in a bucket policy', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*', Condition: { StringEquals: { 's3:ResourceAccount': '123456789012' } } }] }, 'IRRELEVANT_CONDITION_KEY_IN_POLICY', '"s3:ResourceAccount"', undefined, 'resource'),
  miss('s3:ResourceAccount in an identity policy', policy({ StringEquals: { 's3:ResourceAccount': '123456789012' } }), 'IRRELEVANT_CONDITION_KEY_IN_POLICY'),

  // Access Analyzer "Invalid variable for operator": "Policy variables can only be used with String and ARN
  // operators", although IAM resolves them in Bool values too (the operator table's `variables`).
  hit('variable in a Bool value', policy({ Bool: { 'aws:SecureTransport': '${aws:username}' } }), 'INVALID_VARIABLE_FOR_OPERATOR', '"${aws:username}"'),
  miss('variable in a String value', policy({ StringEquals: { 'aws:PrincipalTag/owner': '${aws:username}' } }), 'INVALID_VARIABLE_FOR_OPERATOR'),
  // Policy variables.
  hit('variable without closing brace', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${aws:username/*' }), 'MISSING_BRACE_IN_VARIABLE', '${aws:username/*'),
  miss('closed variable', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${aws:username}/*' }), 'MISSING_BRACE_IN_VARIABLE'),
  hit('default without quotes', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket-${aws:PrincipalTag/team, company-wide}/*' }), 'MISSING_QUOTE_IN_VARIABLE', '${aws:PrincipalTag/team, company-wide}', "Change to `${aws:PrincipalTag/team, 'company-wide'}`"),
  miss('default with quotes', policy(undefined, { Resource: "arn:aws:s3:::example-bucket-${aws:PrincipalTag/team, 'company-wide'}/*" }), 'MISSING_QUOTE_IN_VARIABLE'),
  hit('space in variable name', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${aws: username}/*' }), 'UNSUPPORTED_SPACE_IN_VARIABLE', '${aws: username}', 'Change to `${aws:username}`'),
  miss('space only in the default', policy(undefined, { Resource: "arn:aws:s3:::example-bucket/${aws:username, 'no one'}/*" }), 'UNSUPPORTED_SPACE_IN_VARIABLE'),
  hit('empty variable', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${}/*' }), 'EMPTY_VARIABLE', '${}', 'Remove the empty variable'),
  hit('empty variable in a condition value', policy({ StringLike: { 's3:prefix': '${}/*' } }, { Action: 's3:ListBucket' }), 'EMPTY_VARIABLE', '${}'),
  miss('escape variables', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${*}${?}${$}/*' }), 'EMPTY_VARIABLE'),
  hit('variable in Action', policy(undefined, { Action: 's3:${aws:username}' }), 'VARIABLE_UNSUPPORTED_IN_ELEMENT', '"s3:${aws:username}"'),
  hit('variable in Principal', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/${aws:username}' }, Action: 's3:GetObject', Resource: '*' }] }, 'VARIABLE_UNSUPPORTED_IN_ELEMENT', '"arn:aws:iam::123456789012:user/${aws:username}"', undefined, 'resource'),
  miss('variable in Resource', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${aws:username}/*' }), 'VARIABLE_UNSUPPORTED_IN_ELEMENT'),
  hit('variable with Version 2008-10-17', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${aws:username}/*' }, '2008-10-17'), 'VARIABLE_UNSUPPORTED_IN_VERSION', '"2008-10-17"', 'Change to `"2012-10-17"`'),
  hit('variable without Version', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${aws:username}/*' }, null), 'VARIABLE_UNSUPPORTED_IN_VERSION', '"arn:aws:s3:::example-bucket/${aws:username}/*"'),
  miss('variable with Version 2012-10-17', policy(undefined, { Resource: 'arn:aws:s3:::example-bucket/${aws:username}/*' }), 'VARIABLE_UNSUPPORTED_IN_VERSION'),
  miss('no variable with Version 2008-10-17', policy(undefined, {}, '2008-10-17'), 'VARIABLE_UNSUPPORTED_IN_VERSION'),
];

export const conditionTests: RuleTests = ruleTests(CASES);
