/**
 * The other direction of docPolicies.test.ts: valid policies with exactly one mistake each, and the
 * finding each must produce — Access Analyzer's code (or ours), the exact text the finding lands on,
 * and its Access Analyzer category (ERROR → error, SECURITY_WARNING/GENERAL_WARNING → warning,
 * SUGGESTION → information). Every message must be one line and put user text in backticks.
 * The valid bases are policies of test/fixtures/doc-policies (AWS documentation examples).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers/findings.ts';
import { validatePolicy } from '../../server/src/iam/validate/engine/runner.ts';
import type { PolicyKind } from '../../server/src/iam/document/policyKind.ts';

type Category = 'ERROR' | 'SECURITY_WARNING' | 'GENERAL_WARNING' | 'SUGGESTION';

interface Broken {
  readonly name: string;
  readonly kind: PolicyKind;
  /** The policy text (a string) or object (serialised with 2-space indentation). */
  readonly policy: string | object;
  readonly code: string;
  /** The document text under the finding. */
  readonly text: string;
  readonly category: Category;
}

const V = '2012-10-17';
/** A one-statement policy. */
const P = (statement: object, version: string = V) => ({ Version: version, Statement: [statement] });
const allow = (extra: object) => ({ Effect: 'Allow', ...extra });
const deny = (extra: object) => ({ Effect: 'Deny', ...extra });
/** An identity statement reading objects of a bucket, with one condition block. */
const readIf = (condition: object) => P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: condition }));
/** A bucket-policy statement granting `principal` read access. */
const grant = (principal: unknown, extra: object = {}) => P(allow({ Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', ...extra }));
/** A trust statement. */
const trust = (principal: unknown, action: unknown, extra: object = {}) => P(allow({ Principal: principal, Action: action, ...extra }));
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const SAML = 'arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider';
const q = (text: string) => JSON.stringify(text);

const CASES: readonly Broken[] = [
  // --- Grammar: elements, types, per-kind elements.
  { name: 'misspelt Statement', kind: 'identity', policy: { Version: V, Statment: [allow({ Action: 's3:GetObject', Resource: '*' })] }, code: 'INVALID_POLICY_ELEMENT', text: '"Statment"', category: 'ERROR' },
  { name: 'misspelt Condition', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: '*', Condtion: { Bool: { 'aws:SecureTransport': 'true' } } })), code: 'INVALID_POLICY_ELEMENT', text: '"Condtion"', category: 'ERROR' },
  { name: 'misspelt Resource', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resources: '*' })), code: 'INVALID_POLICY_ELEMENT', text: '"Resources"', category: 'ERROR' },
  { name: 'lower-case Effect value', kind: 'identity', policy: P({ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }), code: 'INVALID_EFFECT', text: '"allow"', category: 'ERROR' },
  { name: 'Effect Permit', kind: 'resource', policy: P({ Effect: 'Permit', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), code: 'INVALID_EFFECT', text: '"Permit"', category: 'ERROR' },
  { name: 'wrong Version date', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: '*' }), '2012-10-18'), code: 'INVALID_VERSION', text: '"2012-10-18"', category: 'ERROR' },
  { name: 'Version missing', kind: 'identity', policy: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}', code: 'MISSING_VERSION', text: '{', category: 'GENERAL_WARNING' },
  { name: 'Statement missing', kind: 'identity', policy: '{"Version":"2012-10-17"}', code: 'MISSING_STATEMENT', text: '{', category: 'ERROR' },
  { name: 'Statement empty', kind: 'identity', policy: '{"Version":"2012-10-17","Statement":[]}', code: 'MISSING_STATEMENT', text: '[]', category: 'ERROR' },
  { name: 'Effect missing', kind: 'identity', policy: '{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject","Resource":"*"}]}', code: 'MISSING_EFFECT', text: '{', category: 'ERROR' },
  { name: 'Action missing', kind: 'identity', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}', code: 'MISSING_ACTION', text: '{', category: 'ERROR' },
  { name: 'Resource missing', kind: 'identity', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}', code: 'MISSING_RESOURCE', text: '{', category: 'ERROR' },
  { name: 'Action with NotAction', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', NotAction: 's3:PutObject', Resource: '*' })), code: 'UNSUPPORTED_ELEMENT_COMBINATION', text: '"NotAction"', category: 'ERROR' },
  { name: 'Resource with NotResource', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: '*', NotResource: 'arn:aws:s3:::b/*' })), code: 'UNSUPPORTED_ELEMENT_COMBINATION', text: '"NotResource"', category: 'ERROR' },
  { name: 'Sid with a hyphen in an identity policy', kind: 'identity', policy: P(allow({ Sid: 'Read-Objects', Action: 's3:GetObject', Resource: '*' })), code: 'UNSUPPORTED_SID', text: '"Read-Objects"', category: 'ERROR' },
  { name: 'duplicate Sids in an identity policy', kind: 'identity', policy: { Version: V, Statement: [allow({ Sid: 'Read', Action: 's3:GetObject', Resource: '*' }), allow({ Sid: 'Read', Action: 's3:ListBucket', Resource: '*' })] }, code: 'UNIQUE_SIDS_REQUIRED', text: '"Read"', category: 'ERROR' },
  { name: 'duplicate Sids in a bucket policy', kind: 'resource', policy: { Version: V, Statement: [allow({ Sid: 'Read', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), allow({ Sid: 'Read', Principal: '*', Action: 's3:GetObjectVersion', Resource: 'arn:aws:s3:::b/*' })] }, code: 'UNIQUE_SIDS_RECOMMENDED', text: '"Read"', category: 'GENERAL_WARNING' },
  { name: 'empty Sid', kind: 'identity', policy: P(allow({ Sid: '', Action: 's3:GetObject', Resource: '*' })), code: 'EMPTY_SID_VALUE', text: '""', category: 'SUGGESTION' },
  { name: 'Principal in an identity policy', kind: 'identity', policy: P(allow({ Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' })), code: 'UNSUPPORTED_PRINCIPAL', text: '"Principal"', category: 'ERROR' },
  { name: 'Principal in a permissions boundary', kind: 'boundary', policy: P(allow({ Principal: '*', Action: 's3:*', Resource: '*' })), code: 'UNSUPPORTED_PRINCIPAL', text: '"Principal"', category: 'ERROR' },
  { name: 'Principal missing in a bucket policy', kind: 'resource', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })), code: 'MISSING_PRINCIPAL', text: '{', category: 'ERROR' },
  { name: 'Principal as a bare account id', kind: 'resource', policy: grant('111122223333'), code: 'INVALID_PRINCIPAL_FORMAT', text: '"111122223333"', category: 'ERROR' },
  { name: 'misspelt principal type', kind: 'resource', policy: grant({ Aws: 'arn:aws:iam::111122223333:root' }), code: 'INVALID_PRINCIPAL_KEY', text: '"Aws"', category: 'ERROR' },
  { name: 'empty principal object', kind: 'resource', policy: grant({}), code: 'EMPTY_OBJECT_PRINCIPAL', text: '{}', category: 'SUGGESTION' },
  { name: 'Action as a number', kind: 'identity', policy: P(allow({ Action: 42, Resource: '*' })), code: 'INVALID_TYPE', text: '42', category: 'ERROR' },
  { name: 'trailing comma', kind: 'identity', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",}]}', code: 'JSON_SYNTAX_ERROR', text: ',', category: 'ERROR' },
  { name: 'Principal and NotPrincipal', kind: 'resource', policy: P(allow({ Principal: '*', NotPrincipal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })), code: 'UNSUPPORTED_ELEMENT_COMBINATION', text: '"NotPrincipal"', category: 'ERROR' },
  { name: 'empty Condition', kind: 'identity', policy: readIf({}), code: 'EMPTY_OBJECT_CONDITION', text: '{}', category: 'SUGGESTION' },

  // --- Actions.
  { name: 'misspelt action', kind: 'identity', policy: P(allow({ Action: 's3:GetObjekt', Resource: '*' })), code: 'INVALID_ACTION', text: '"s3:GetObjekt"', category: 'ERROR' },
  { name: 'action without colon', kind: 'identity', policy: P(allow({ Action: 's3GetObject', Resource: '*' })), code: 'INVALID_ACTION', text: '"s3GetObject"', category: 'ERROR' },
  { name: 'misspelt service prefix', kind: 'identity', policy: P(allow({ Action: 'dynamodbb:GetItem', Resource: '*' })), code: 'INVALID_SERVICE_IN_ACTION', text: 'dynamodbb', category: 'ERROR' },
  { name: 'action with a space', kind: 'identity', policy: P(allow({ Action: 'ec2:Describe Instances', Resource: '*' })), code: 'INVALID_ACTION', text: '"ec2:Describe Instances"', category: 'ERROR' },
  { name: 'wildcard action matching nothing', kind: 'identity', policy: P(allow({ Action: 's3:Gett*', Resource: '*' })), code: 'INVALID_ACTION', text: '"s3:Gett*"', category: 'ERROR' },
  { name: 'empty Action array', kind: 'identity', policy: P(allow({ Action: [], Resource: '*' })), code: 'EMPTY_ARRAY_ACTION', text: '[]', category: 'SUGGESTION' },
  { name: 'policy variable in Action', kind: 'identity', policy: P(allow({ Action: 's3:${aws:username}', Resource: '*' })), code: 'VARIABLE_UNSUPPORTED_IN_ELEMENT', text: '"s3:${aws:username}"', category: 'ERROR' },
  { name: 'PassRole on every role', kind: 'identity', policy: P(allow({ Action: 'iam:PassRole', Resource: '*' })), code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', text: '"*"', category: 'SECURITY_WARNING' },
  { name: 'everything on everything', kind: 'identity', policy: P(allow({ Action: '*', Resource: '*' })), code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', text: '"*"', category: 'SECURITY_WARNING' },
  { name: 'NotAction with Resource *', kind: 'identity', policy: P(allow({ NotAction: 's3:*', Resource: '*' })), code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', text: '"NotAction"', category: 'SECURITY_WARNING' },
  { name: 'PassRole with NotResource', kind: 'identity', policy: P(allow({ Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/Admin' })), code: 'PASS_ROLE_WITH_NOT_RESOURCE', text: '"NotResource"', category: 'SECURITY_WARNING' },
  { name: 'CreateServiceLinkedRole on *', kind: 'identity', policy: P(allow({ Action: 'iam:CreateServiceLinkedRole', Resource: '*' })), code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE', text: '"*"', category: 'GENERAL_WARNING' },

  // --- Resource ARNs.
  { name: 'S3 ARN with a Region', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:us-east-1::amzn-s3-demo-bucket/*' })), code: 'ARN_REGION_NOT_ALLOWED', text: 'us-east-1', category: 'ERROR' },
  { name: 'S3 ARN with an account', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3::111122223333:amzn-s3-demo-bucket/*' })), code: 'ARN_ACCOUNT_NOT_ALLOWED', text: '111122223333', category: 'ERROR' },
  { name: 'IAM role ARN with a Region', kind: 'identity', policy: P(allow({ Action: 'iam:GetRole', Resource: 'arn:aws:iam:us-east-1:111122223333:role/Admin' })), code: 'ARN_REGION_NOT_ALLOWED', text: 'us-east-1', category: 'ERROR' },
  { name: 'EC2 instance ARN without a Region', kind: 'identity', policy: P(allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2::111122223333:instance/*' })), code: 'MISSING_ARN_REGION', text: ':', category: 'ERROR' },
  { name: 'short account id', kind: 'identity', policy: P(allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:us-east-1:11112222333:instance/*' })), code: 'INVALID_ARN_ACCOUNT', text: '11112222333', category: 'ERROR' },
  { name: 'misspelt Region', kind: 'identity', policy: P(allow({ Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:us-eats-1:111122223333:instance/*' })), code: 'INVALID_ARN_REGION', text: 'us-eats-1', category: 'ERROR' },
  { name: 'upper-case service in an ARN', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:S3:::amzn-s3-demo-bucket/*' })), code: 'INVALID_ARN_SERVICE_CASE', text: 'S3', category: 'ERROR' },
  { name: 'unknown service in an ARN', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s4:::amzn-s3-demo-bucket/*' })), code: 'INVALID_SERVICE', text: 's4', category: 'ERROR' },
  { name: 'misspelt partition', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:awz:s3:::amzn-s3-demo-bucket/*' })), code: 'INVALID_PARTITION', text: 'awz', category: 'ERROR' },
  { name: 'ARN cut short', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3' })), code: 'MISSING_ARN_FIELD', text: '"arn:aws:s3"', category: 'ERROR' },
  { name: 'ARN without arn: prefix', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'aws:s3:::amzn-s3-demo-bucket/*' })), code: 'INVALID_ARN_PREFIX', text: '"aws:s3:::amzn-s3-demo-bucket/*"', category: 'ERROR' },
  { name: 'bucket name instead of an ARN', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'amzn-s3-demo-bucket/*' })), code: 'INVALID_ARN_PREFIX', text: '"amzn-s3-demo-bucket/*"', category: 'ERROR' },
  { name: 'empty Resource value', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: '' })), code: 'INVALID_ARN_PREFIX', text: '""', category: 'ERROR' },
  { name: 'misspelt DynamoDB resource type', kind: 'identity', policy: P(allow({ Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:tabel/Books' })), code: 'INVALID_ARN_RESOURCE', text: 'tabel/Books', category: 'ERROR' },
  { name: 'object action on a bucket ARN', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket' })), code: 'RESOURCE_TYPE_MISMATCH', text: '"arn:aws:s3:::amzn-s3-demo-bucket"', category: 'GENERAL_WARNING' },
  { name: 'empty Resource array', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: [] })), code: 'EMPTY_ARRAY_RESOURCE', text: '[]', category: 'SUGGESTION' },

  // --- Conditions.
  { name: 'misspelt operator', kind: 'identity', policy: readIf({ StringEqual: { 'aws:PrincipalTag/team': 'a' } }), code: 'INVALID_CONDITION_OPERATOR', text: '"StringEqual"', category: 'ERROR' },
  { name: 'misspelt IfExists operator', kind: 'identity', policy: readIf({ StringEqualsIfExist: { 'aws:PrincipalTag/team': 'a' } }), code: 'INVALID_CONDITION_OPERATOR', text: '"StringEqualsIfExist"', category: 'ERROR' },
  { name: 'misspelt set qualifier', kind: 'identity', policy: readIf({ 'ForAnyValues:StringEquals': { 'aws:TagKeys': 'a' } }), code: 'INVALID_CONDITION_OPERATOR', text: '"ForAnyValues:StringEquals"', category: 'ERROR' },
  { name: 'misspelt global key', kind: 'identity', policy: readIf({ IpAddress: { 'aws:SourceIpp': '203.0.113.0/24' } }), code: 'INVALID_GLOBAL_CONDITION_KEY', text: '"aws:SourceIpp"', category: 'ERROR' },
  { name: 'misspelt service key', kind: 'identity', policy: P(allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { StringLike: { 's3:prefixx': 'home/' } } })), code: 'INVALID_SERVICE_CONDITION_KEY', text: '"s3:prefixx"', category: 'ERROR' },
  { name: 'condition key without prefix', kind: 'identity', policy: readIf({ IpAddress: { SourceIp: '203.0.113.0/24' } }), code: 'INVALID_CONDITION_KEY_FORMAT', text: '"SourceIp"', category: 'ERROR' },
  { name: 'NullIfExists', kind: 'identity', policy: readIf({ NullIfExists: { 'aws:PrincipalTag/team': 'true' } }), code: 'NULL_WITH_IF_EXISTS', text: '"NullIfExists"', category: 'ERROR' },
  { name: 'Null with a qualifier', kind: 'identity', policy: readIf({ 'ForAllValues:Null': { 'aws:TagKeys': 'true' } }), code: 'NULL_WITH_QUALIFIER', text: '"ForAllValues:Null"', category: 'SUGGESTION' },
  { name: 'multivalued key without a qualifier', kind: 'identity', policy: P(allow({ Action: 'ec2:CreateTags', Resource: '*', Condition: { StringEquals: { 'aws:TagKeys': ['Project'] } } })), code: 'MISSING_QUALIFIER', text: '"aws:TagKeys"', category: 'ERROR' },
  { name: 'ForAllValues on a single-valued key', kind: 'identity', policy: readIf({ 'ForAllValues:StringEquals': { 'aws:PrincipalTag/team': 'a' } }), code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY', text: '"aws:PrincipalTag/team"', category: 'SECURITY_WARNING' },
  { name: 'Bool with yes', kind: 'identity', policy: readIf({ Bool: { 'aws:SecureTransport': 'yes' } }), code: 'TYPE_MISMATCH_BOOLEAN', text: '"yes"', category: 'GENERAL_WARNING' },
  { name: 'Bool with both values', kind: 'identity', policy: readIf({ Bool: { 'aws:MultiFactorAuthPresent': ['true', 'false'] } }), code: 'INVALID_CONDITION_MULTIPLE_BOOLEAN', text: '"aws:MultiFactorAuthPresent"', category: 'ERROR' },
  { name: 'Numeric with a word', kind: 'identity', policy: readIf({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } }), code: 'TYPE_MISMATCH_NUMBER', text: '"one hour"', category: 'GENERAL_WARNING' },
  { name: 'Date with a word', kind: 'identity', policy: readIf({ DateGreaterThan: { 'aws:CurrentTime': 'yesterday' } }), code: 'TYPE_MISMATCH_DATE', text: '"yesterday"', category: 'GENERAL_WARNING' },
  { name: 'Date as epoch number', kind: 'identity', policy: readIf({ DateGreaterThan: { 'aws:CurrentTime': 1700000000 } }), code: 'INVALID_DATE_VALUE', text: '1700000000', category: 'GENERAL_WARNING' },
  { name: 'String operator on a Boolean key', kind: 'identity', policy: readIf({ StringEquals: { 'aws:MultiFactorAuthPresent': 'true' } }), code: 'TYPE_MISMATCH', text: '"aws:MultiFactorAuthPresent"', category: 'GENERAL_WARNING' },
  { name: 'private source IP', kind: 'identity', policy: readIf({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), code: 'PRIVATE_IP_ADDRESS', text: '"aws:SourceIp"', category: 'ERROR' },
  { name: 'private source IP in NotIpAddress', kind: 'identity', policy: P(deny({ Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '192.168.0.0/16' } } })), code: 'PRIVATE_NOT_IP_ADDRESS', text: '"aws:SourceIp"', category: 'ERROR' },
  { name: 'public and private source IPs', kind: 'identity', policy: readIf({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] } }), code: 'PRIVATE_IP_ADDRESS_SUBSET', text: '"10.0.0.0/8"', category: 'SUGGESTION' },
  { name: 'host bits in a CIDR', kind: 'identity', policy: readIf({ IpAddress: { 'aws:SourceIp': '203.0.113.5/24' } }), code: 'IMPROVE_IP_RANGE', text: '"203.0.113.5/24"', category: 'SUGGESTION' },
  { name: 'malformed IP address', kind: 'identity', policy: readIf({ IpAddress: { 'aws:SourceIp': '203.0.113.300' } }), code: 'TYPE_MISMATCH_IP_RANGE', text: '"203.0.113.300"', category: 'ERROR' },
  { name: 'short VPC id', kind: 'identity', policy: readIf({ StringEquals: { 'aws:SourceVpc': 'vpc-123' } }), code: 'INVALID_VPC_FORMAT', text: '"vpc-123"', category: 'ERROR' },
  { name: 'short VPC endpoint id', kind: 'identity', policy: readIf({ StringEquals: { 'aws:SourceVpce': 'vpce-12' } }), code: 'INVALID_VPCE_FORMAT', text: '"vpce-12"', category: 'ERROR' },
  { name: 'wildcard with StringEquals', kind: 'identity', policy: readIf({ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' } }), code: 'WILDCARD_WITHOUT_LIKE_OPERATOR', text: '"arn:aws:iam::111122223333:role/app-*"', category: 'GENERAL_WARNING' },
  { name: 'tag key missing', kind: 'identity', policy: readIf({ StringEquals: { 'aws:ResourceTag': 'finance' } }), code: 'MISSING_TAG_KEY_IN_CONDITION', text: '"aws:ResourceTag"', category: 'ERROR' },
  { name: 'variable with a Numeric operator', kind: 'identity', policy: readIf({ NumericEquals: { 'aws:MultiFactorAuthAge': '${aws:username}' } }), code: 'INVALID_VARIABLE_FOR_OPERATOR', text: '"${aws:username}"', category: 'ERROR' },
  { name: 'unclosed variable', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username/*' })), code: 'MISSING_BRACE_IN_VARIABLE', text: '${aws:username/*', category: 'ERROR' },
  { name: 'unquoted variable default', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username, guest}/*' })), code: 'MISSING_QUOTE_IN_VARIABLE', text: '${aws:username, guest}', category: 'ERROR' },
  { name: 'space in a variable name', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws: username}/*' })), code: 'UNSUPPORTED_SPACE_IN_VARIABLE', text: '${aws: username}', category: 'ERROR' },
  { name: 'empty variable', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${}/*' })), code: 'EMPTY_VARIABLE', text: '${}', category: 'ERROR' },
  { name: 'variable under Version 2008-10-17', kind: 'identity', policy: P(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*' }), '2008-10-17'), code: 'VARIABLE_UNSUPPORTED_IN_VERSION', text: '"2008-10-17"', category: 'ERROR' },
  { name: 'aws:ARN', kind: 'identity', policy: readIf({ ArnEquals: { 'aws:ARN': 'arn:aws:iam::111122223333:role/R' } }), code: 'UNSUPPORTED_GLOBAL_CONDITION_KEY', text: '"aws:ARN"', category: 'ERROR' },
  { name: 'same key in two cases', kind: 'identity', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a","aws:principaltag/team":"b"}}}]}', code: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE', text: '"aws:principaltag/team"', category: 'ERROR' },
  { name: 'empty condition values', kind: 'identity', policy: readIf({ StringEquals: { 'aws:PrincipalTag/team': [] } }), code: 'EMPTY_ARRAY_CONDITION', text: '[]', category: 'SUGGESTION' },
  { name: 'aws:VpcSourceIp alone', kind: 'identity', policy: readIf({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } }), code: 'MISSING_PAIRED_CONDITION_KEYS', text: '"aws:VpcSourceIp"', category: 'SECURITY_WARNING' },
  { name: 'Binary value not base64', kind: 'identity', policy: readIf({ BinaryEquals: { 'aws:PrincipalTag/blob': 'not base64!' } }), code: 'TYPE_MISMATCH_STRING', text: '"not base64!"', category: 'GENERAL_WARNING' },
  { name: 'Deny on a tag key that EC2 describe actions lack', kind: 'identity', policy: P(deny({ Action: ['ec2:DescribeInstances', 'ec2:TerminateInstances'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } })), code: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', text: '"aws:ResourceTag/env"', category: 'SECURITY_WARNING' },

  // --- Principals.
  { name: 'partial wildcard in an AWS principal', kind: 'resource', policy: grant({ AWS: 'arn:aws:iam::111122223333:user/*' }), code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', text: '"arn:aws:iam::111122223333:user/*"', category: 'ERROR' },
  { name: 'Federated principal in a bucket policy', kind: 'resource', policy: grant({ Federated: 'cognito-identity.amazonaws.com' }), code: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED', text: '"Federated"', category: 'ERROR' },
  { name: 'role unique id as principal', kind: 'resource', policy: grant({ AWS: 'AROA1234567890EXAMPLE' }), code: 'INVALID_ROLE_REFERENCE', text: '"AROA1234567890EXAMPLE"', category: 'GENERAL_WARNING' },
  { name: 'Allow with NotPrincipal', kind: 'resource', policy: P(allow({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })), code: 'ALLOW_WITH_NOT_PRINCIPAL', text: '"NotPrincipal"', category: 'SECURITY_WARNING' },
  { name: 'IAM group as principal', kind: 'resource', policy: grant({ AWS: 'arn:aws:iam::111122223333:group/Admins' }), code: 'INVALID_PRINCIPAL_FORMAT', text: '"arn:aws:iam::111122223333:group/Admins"', category: 'ERROR' },
  { name: 'principal account id with 11 digits', kind: 'resource', policy: grant({ AWS: 'arn:aws:iam::12345678901:user/Dave' }), code: 'INVALID_PRINCIPAL_FORMAT', text: '"arn:aws:iam::12345678901:user/Dave"', category: 'ERROR' },
  { name: 'service principal without source condition', kind: 'resource', policy: P(allow({ Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-2:123456789012:MyQueue' })), code: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', text: '"Service"', category: 'SECURITY_WARNING' },
  { name: 'aws:PrincipalOrgID with a service principal', kind: 'resource', policy: grant({ Service: 'cloudfront.amazonaws.com' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), code: 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', text: '"aws:PrincipalOrgID"', category: 'ERROR' },

  // --- Role trust policies.
  { name: 'Resource in a trust policy', kind: 'trust', policy: trust({ Service: 'ec2.amazonaws.com' }, 'sts:AssumeRole', { Resource: '*' }), code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', text: '"Resource"', category: 'ERROR' },
  { name: 'NotPrincipal in a trust policy', kind: 'trust', policy: P(deny({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' })), code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', text: '"NotPrincipal"', category: 'ERROR' },
  { name: 'SAML provider with AssumeRole', kind: 'trust', policy: trust({ Federated: SAML }, 'sts:AssumeRole'), code: 'MISMATCHED_ACTION_FOR_PRINCIPAL', text: '"sts:AssumeRole"', category: 'ERROR' },
  { name: 'GitHub OIDC without :sub', kind: 'trust', policy: trust({ Federated: GITHUB }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }), code: 'MISSING_GITHUB_REPO_CONDITION_KEY', text: q(GITHUB), category: 'SECURITY_WARNING' },
  { name: 'GitHub OIDC :sub for any repo of the org', kind: 'trust', policy: trust({ Federated: GITHUB }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' } } }), code: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', text: '"repo:octo-org/*"', category: 'GENERAL_WARNING' },
  { name: 'EKS OIDC without conditions', kind: 'trust', policy: trust({ Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE' }, 'sts:AssumeRoleWithWebIdentity'), code: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', text: '"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"', category: 'SECURITY_WARNING' },
  { name: 'Roles Anywhere without TagSession and SetSourceIdentity', kind: 'trust', policy: trust({ Service: 'rolesanywhere.amazonaws.com' }, 'sts:AssumeRole'), code: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', text: '"rolesanywhere.amazonaws.com"', category: 'ERROR' },
  { name: 'S3 action in a trust policy', kind: 'trust', policy: trust({ AWS: 'arn:aws:iam::111122223333:root' }, ['sts:AssumeRole', 's3:GetObject']), code: 'UNSUPPORTED_ACTION_IN_POLICY', text: '"s3:GetObject"', category: 'ERROR' },
  { name: 'Federated provider URL with https://', kind: 'trust', policy: trust({ Federated: 'https://accounts.google.com' }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringEquals: { 'accounts.google.com:aud': 'x' } } }), code: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', text: '"https://accounts.google.com"', category: 'ERROR' },
  { name: 'ForAnyValue on the audience claim', kind: 'trust', policy: trust({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity', { Condition: { 'ForAnyValue:StringEquals': { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456789012' } } }), code: 'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE', text: '"ForAnyValue:StringEquals"', category: 'SECURITY_WARNING' },
  { name: 'partial wildcard in a trust principal', kind: 'trust', policy: trust({ AWS: 'arn:aws:iam::111122223333:role/app-*' }, 'sts:AssumeRole'), code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', text: '"arn:aws:iam::111122223333:role/app-*"', category: 'ERROR' },

  { name: '"Principal": "*" in a trust policy', kind: 'trust', policy: trust('*', 'sts:AssumeRole'), code: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', text: '"*"', category: 'ERROR' },
  { name: 'upper-case service principal', kind: 'trust', policy: trust({ Service: 'EC2.amazonaws.com' }, 'sts:AssumeRole'), code: 'INVALID_SERVICE_PRINCIPAL_FORMAT', text: '"EC2.amazonaws.com"', category: 'ERROR' },
  { name: 'service principal without domain', kind: 'trust', policy: trust({ Service: 'lambda' }, 'sts:AssumeRole'), code: 'INVALID_SERVICE_PRINCIPAL_FORMAT', text: '"lambda"', category: 'ERROR' },

  // --- Service and resource control policies.
  { name: 'Principal in an SCP', kind: 'scp', policy: P(deny({ Principal: '*', Action: 's3:*', Resource: '*' })), code: 'SCP_SYNTAX_ERROR_PRINCIPAL', text: '"Principal"', category: 'ERROR' },
  { name: 'Allow in an RCP', kind: 'rcp', policy: P(allow({ Principal: '*', Action: 's3:*', Resource: '*' })), code: 'RCP_SYNTAX_ERROR_ALLOW', text: '"Allow"', category: 'ERROR' },
  { name: 'RCP on EC2', kind: 'rcp', policy: P(deny({ Principal: '*', Action: 'ec2:RunInstances', Resource: '*' })), code: 'RCP_SYNTAX_ERROR_ACTION', text: '"ec2:RunInstances"', category: 'ERROR' },
  { name: 'NotPrincipal in an SCP', kind: 'scp', policy: P(deny({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*', Resource: '*' })), code: 'SCP_SYNTAX_ERROR_PRINCIPAL', text: '"NotPrincipal"', category: 'ERROR' },
  { name: 'RCP naming a principal', kind: 'rcp', policy: P(deny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' })), code: 'RCP_SYNTAX_ERROR_PRINCIPAL', text: '"Principal"', category: 'ERROR' },
  { name: 'RCP with NotAction', kind: 'rcp', policy: P(deny({ Principal: '*', NotAction: 's3:GetObject', Resource: '*' })), code: 'RCP_SYNTAX_ERROR_NOTACTION', text: '"NotAction"', category: 'ERROR' },
  { name: 'Principal in a session policy', kind: 'session', policy: P(allow({ Principal: '*', Action: 's3:GetObject', Resource: '*' })), code: 'UNSUPPORTED_PRINCIPAL', text: '"Principal"', category: 'ERROR' },
  { name: 'CIDR prefix over 32', kind: 'identity', policy: readIf({ IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }), code: 'TYPE_MISMATCH_IP_RANGE', text: '"203.0.113.0/33"', category: 'ERROR' },
  { name: 'Lambda function ARN without account', kind: 'identity', policy: P(allow({ Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1::function:my-function' })), code: 'MISSING_ARN_ACCOUNT', text: ':', category: 'ERROR' },
  { name: 'account id with dashes', kind: 'resource', policy: grant({ AWS: '1111-2222-3333' }), code: 'INVALID_PRINCIPAL_FORMAT', text: '"1111-2222-3333"', category: 'ERROR' },
  { name: 'Condition operator value not an object', kind: 'identity', policy: readIf({ StringEquals: 'x' }), code: 'INVALID_TYPE', text: '"x"', category: 'ERROR' },
];

const ALLOWED_CATEGORIES = new Set(['ERROR', 'SECURITY_WARNING', 'GENERAL_WARNING', 'SUGGESTION']);

test('the broken-policy corpus is large enough', () => {
  assert.ok(CASES.length >= 80, `only ${CASES.length} cases`);
  assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length, 'case names are unique');
});

for (const c of CASES) {
  test(`${c.kind}: ${c.name} → ${c.code}`, () => {
    const findings = findingsOf(c.policy, c.kind);
    const hit = findings.find((f) => f.code === c.code && f.text === c.text);
    const seen = findings.map((f) => `${f.category} ${f.code} ${f.text}`).join('\n  ');
    assert.ok(hit, `expected ${c.code} on ${c.text}; got\n  ${seen}`);
    assert.equal(hit.category, c.category, `${c.code} category`);
    const text = typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy, null, 2);
    const keys = validatePolicy(text, { kind: c.kind }).findings.map((f) => `${f.code} ${f.span.offset}+${f.span.length}`);
    assert.equal(new Set(keys).size, keys.length, `the same finding twice: ${keys.join(', ')}`);
    for (const f of findings) {
      assert.ok(ALLOWED_CATEGORIES.has(f.category), `${f.code}: unknown category ${f.category}`);
      assert.ok(!f.message.includes('\n'), `${f.code}: message spans lines: ${f.message}`);
      assert.ok(f.message.length > 0 && /[.?!)`]$/.test(f.message.trim()), `${f.code}: message does not end a sentence: ${f.message}`);
    }
  });
}
