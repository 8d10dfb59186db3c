/**
 * Rule cases of the grammar family: elements, types and per-kind required/forbidden elements, run
 * by test/unit/rules.test.ts. Sources: IAM User Guide, "Grammar of the IAM JSON policy language",
 * "IAM JSON policy element reference" (Version, Statement, Sid, Effect, Principal, NotPrincipal,
 * Action, NotAction, Resource, NotResource, Condition), "Role trust policies", AWS Organizations
 * "SCP syntax" and "RCP syntax", and the Access Analyzer policy check reference for the codes.
 */
import { ruleTests, type RuleCase, type RuleTests } from '../helpers/ruleTester';
import type { PolicyKind } from '../../../server/src/iam/document/policyKind';

const S = (body: string) => `{"Version":"2012-10-17","Statement":[${body}]}`;
const ALLOW = '"Effect":"Allow","Action":"s3:GetObject","Resource":"*"';

const cases: RuleCase[] = [
  // Version (IAM User Guide, "IAM JSON policy elements: Version").
  { name: 'missing Version', policy: '{"Statement":[{' + ALLOW + '}]}', errors: [['MISSING_VERSION', '{']] },
  { name: 'Version present', policy: S(`{${ALLOW}}`), absent: ['MISSING_VERSION', 'INVALID_VERSION'] },
  { name: 'old Version is valid', policy: '{"Version":"2008-10-17","Statement":[{' + ALLOW + '}]}', absent: ['INVALID_VERSION'] },
  { name: 'invalid Version value', policy: '{"Version":"2012-10-18","Statement":[{' + ALLOW + '}]}', errors: [['INVALID_VERSION', '"2012-10-18"']] },
  { name: 'Version as a number', policy: '{"Version":2012,"Statement":[{' + ALLOW + '}]}', errors: [['INVALID_VERSION', '2012']] },
  // Statement.
  { name: 'missing Statement', policy: '{"Version":"2012-10-17"}', errors: [['MISSING_STATEMENT', '{']] },
  { name: 'empty Statement array', policy: '{"Version":"2012-10-17","Statement":[]}', errors: [['MISSING_STATEMENT', '[]']] },
  { name: 'Statement of the wrong type', policy: '{"Version":"2012-10-17","Statement":"x"}', errors: [['INVALID_TYPE', '"x"']] },
  { name: 'non-object statement entry', policy: S(`{${ALLOW}}, 7`), errors: [['INVALID_TYPE', '7']] },
  // Unknown elements with the right spelling suggested.
  { name: 'misspelt top-level element', policy: '{"Version":"2012-10-17","Statment":[]}', errors: [['INVALID_POLICY_ELEMENT', '"Statment"']] },
  { name: 'wrong case element', policy: S(`{"effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), errors: [['INVALID_POLICY_ELEMENT', '"effect"'], ['MISSING_EFFECT', '{']] },
  { name: 'unknown statement element', policy: S(`{${ALLOW},"Foo":1}`), errors: [['INVALID_POLICY_ELEMENT', '"Foo"']] },
  { name: 'known elements only', policy: S(`{"Sid":"A",${ALLOW}}`), absent: ['INVALID_POLICY_ELEMENT'] },
  { name: 'duplicate element', policy: S(`{"Effect":"Deny",${ALLOW}}`), errors: [['DUPLICATE_KEY', '"Effect"']] },
  { name: 'the same element in two statements is no duplicate', policy: S(`{${ALLOW}},{${ALLOW.replace('Allow', 'Deny')}}`), absent: ['DUPLICATE_KEY'] },
  // Effect (IAM User Guide, "IAM JSON policy elements: Effect": Allow or Deny, case-sensitive).
  { name: 'missing Effect', policy: S('{"Action":"s3:GetObject","Resource":"*"}'), errors: [['MISSING_EFFECT', '{']] },
  { name: 'lower-case Effect', policy: S('{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}'), errors: [['INVALID_EFFECT', '"allow"']] },
  { name: 'Effect as boolean', policy: S('{"Effect":true,"Action":"s3:GetObject","Resource":"*"}'), errors: [['INVALID_EFFECT', 'true']] },
  { name: 'Deny is valid', policy: S('{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}'), absent: ['INVALID_EFFECT', 'MISSING_EFFECT'] },
  // Action / NotAction.
  { name: 'missing Action', policy: S('{"Effect":"Allow","Resource":"*"}'), errors: [['MISSING_ACTION', '{']] },
  { name: 'Action and NotAction', policy: S('{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"}'), errors: [['UNSUPPORTED_ELEMENT_COMBINATION', '"NotAction"']] },
  { name: 'NotAction alone is fine', policy: S('{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}'), absent: ['MISSING_ACTION', 'UNSUPPORTED_ELEMENT_COMBINATION'] },
  { name: 'Action as an object', policy: S('{"Effect":"Allow","Action":{"a":1},"Resource":"*"}'), errors: [['INVALID_TYPE', '{"a":1}']] },
  { name: 'Action entry as number', policy: S('{"Effect":"Allow","Action":["s3:GetObject",5],"Resource":"*"}'), errors: [['INVALID_TYPE', '5']] },
  { name: 'Action as a list of strings', policy: S('{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}'), absent: ['INVALID_TYPE'] },
  { name: 'Action without a value (while typing)', policy: S('{"Effect":"Allow","Action":,"Resource":"*"}'), errors: [['MISSING_STATEMENT_ELEMENT_VALUE', '"Action"']] },
  { name: 'Action with a value', policy: S('{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}'), absent: ['MISSING_STATEMENT_ELEMENT_VALUE'] },
  // Resource / NotResource.
  { name: 'missing Resource in identity policy', policy: S('{"Effect":"Allow","Action":"s3:GetObject"}'), errors: [['MISSING_RESOURCE', '{']] },
  { name: 'ECR repository policy without Resource (ECR User Guide, private repository policies)', kind: 'resource', policy: S('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}'), absent: ['MISSING_RESOURCE'] },
  { name: 'S3 bucket policy without Resource', kind: 'resource', policy: S('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject"}'), errors: [['MISSING_RESOURCE', '{']] },
  { name: 'Resource and NotResource', policy: S('{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","NotResource":"arn:aws:s3:::b/*"}'), errors: [['UNSUPPORTED_ELEMENT_COMBINATION', '"NotResource"']] },
  // Sid (IAM User Guide, "IAM JSON policy elements: Sid").
  { name: 'Sid with spaces in identity policy', policy: S(`{"Sid":"Read objects",${ALLOW}}`), errors: [['UNSUPPORTED_SID', '"Read objects"']] },
  { name: 'Sid with spaces in a resource policy is allowed', kind: 'resource', policy: S(`{"Sid":"Read objects","Principal":"*",${ALLOW}}`), absent: ['UNSUPPORTED_SID'] },
  { name: 'empty Sid', policy: S(`{"Sid":"",${ALLOW}}`), errors: [['EMPTY_SID_VALUE', '""']] },
  { name: 'duplicate Sids in identity policy', policy: S(`{"Sid":"A",${ALLOW}},{"Sid":"A",${ALLOW}}`), errors: [['UNIQUE_SIDS_REQUIRED', '"A"']] },
  { name: 'unique Sids', policy: S(`{"Sid":"A",${ALLOW}},{"Sid":"B",${ALLOW}}`), absent: ['UNIQUE_SIDS_REQUIRED', 'UNIQUE_SIDS_RECOMMENDED'] },
  { name: 'duplicate Sids in resource policy', kind: 'resource', policy: S(`{"Sid":"A","Principal":"*",${ALLOW}},{"Sid":"A","Principal":"*",${ALLOW}}`), errors: [['UNIQUE_SIDS_RECOMMENDED', '"A"']] },
  // Principal per kind (IAM User Guide, "AWS JSON policy elements: Principal": not in identity policies).
  { name: 'Principal in identity policy', policy: S(`{"Principal":"*",${ALLOW}}`), errors: [['UNSUPPORTED_PRINCIPAL', '"Principal"']] },
  { name: 'Principal in SCP', kind: 'scp', policy: S(`{"Principal":"*",${ALLOW}}`), errors: [['SCP_SYNTAX_ERROR_PRINCIPAL', '"Principal"']] },
  { name: 'Principal in boundary', kind: 'boundary', policy: S(`{"Principal":"*",${ALLOW}}`), errors: [['UNSUPPORTED_PRINCIPAL', '"Principal"']] },
  { name: 'missing Principal in resource policy', kind: 'resource', policy: S(`{${ALLOW}}`), errors: [['MISSING_PRINCIPAL', '{']] },
  { name: 'missing Principal in trust policy', kind: 'trust', policy: S('{"Effect":"Allow","Action":"sts:AssumeRole"}'), errors: [['MISSING_PRINCIPAL', '{']] },
  { name: 'Principal and NotPrincipal', kind: 'resource', policy: S(`{"Principal":"*","NotPrincipal":{"AWS":"*"},${ALLOW}}`), errors: [['UNSUPPORTED_ELEMENT_COMBINATION', '"NotPrincipal"']] },
  { name: 'Principal string other than *', kind: 'resource', policy: S(`{"Principal":"123456789012",${ALLOW}}`), errors: [['INVALID_PRINCIPAL_FORMAT', '"123456789012"']] },
  { name: 'unknown principal type', kind: 'resource', policy: S(`{"Principal":{"Aws":"123456789012"},${ALLOW}}`), errors: [['INVALID_PRINCIPAL_KEY', '"Aws"']] },
  { name: 'empty principal object', kind: 'resource', policy: S(`{"Principal":{},${ALLOW}}`), errors: [['EMPTY_OBJECT_PRINCIPAL', '{}']] },
  { name: 'empty principal array', kind: 'resource', policy: S(`{"Principal":{"AWS":[]},${ALLOW}}`), errors: [['EMPTY_ARRAY_PRINCIPAL', '[]']] },
  // Trust policies (IAM User Guide, role trust policy: no Resource, no NotPrincipal).
  { name: 'Resource in trust policy', kind: 'trust', policy: S('{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}'), errors: [['ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', '"Resource"']], absent: ['MISSING_RESOURCE'] },
  { name: 'trust policy without Resource', kind: 'trust', policy: S('{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}'), absent: ['MISSING_RESOURCE', 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE'] },
  { name: 'NotPrincipal in trust policy', kind: 'trust', policy: S('{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}'), errors: [['ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', '"NotPrincipal"']] },
  // RCPs (AWS Organizations, "RCP syntax": Deny only, Principal "*", no NotAction).
  { name: 'RCP Allow', kind: 'rcp', policy: S('{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}'), errors: [['RCP_SYNTAX_ERROR_ALLOW', '"Allow"']] },
  { name: 'RCP NotAction', kind: 'rcp', policy: S('{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}'), errors: [['RCP_SYNTAX_ERROR_NOTACTION', '"NotAction"']] },
  { name: 'RCP without Principal', kind: 'rcp', policy: S('{"Effect":"Deny","Action":"s3:*","Resource":"*"}'), errors: [['RCP_SYNTAX_ERROR_PRINCIPAL', '{']] },
  { name: 'valid RCP', kind: 'rcp', policy: S('{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"}}}'), absent: ['RCP_SYNTAX_ERROR_ALLOW', 'RCP_SYNTAX_ERROR_PRINCIPAL', 'RCP_SYNTAX_ERROR_NOTACTION'] },
  // Condition shape.
  { name: 'Condition as a string', policy: S(`{${ALLOW},"Condition":"x"}`), errors: [['INVALID_TYPE', '"x"']] },
  { name: 'empty Condition', policy: S(`{${ALLOW},"Condition":{}}`), errors: [['EMPTY_OBJECT_CONDITION', '{}']] },
  { name: 'operator value not an object', policy: S(`{${ALLOW},"Condition":{"StringEquals":"x"}}`), errors: [['INVALID_TYPE', '"x"']] },
  { name: 'duplicate condition key', policy: S(`{${ALLOW},"Condition":{"StringEquals":{"aws:username":"a","aws:username":"b"}}}`), errors: [['DUPLICATE_KEY', '"aws:username"']] },
  // Root.
  { name: 'root is an array', policy: '[1]', errors: [['INVALID_TYPE', '[1]']] },
  { name: 'comments and trailing commas', policy: '{"Version":"2012-10-17",/*x*/"Statement":[{' + ALLOW + '},]}', errors: [['JSON_SYNTAX_ERROR', '/*x*/'], ['JSON_SYNTAX_ERROR', ',']] },
];

/** Quick fixes: [name, policy, code, text under the finding, text after its first fix, kind]. */
const fixCases: Array<[string, string, string, string, string, PolicyKind?]> = [
  ['add Version', '{\n  "Statement": []\n}', 'MISSING_VERSION', '{', '{\n  "Version": "2012-10-17",\n  "Statement": []\n}'],
  ['fix Version', '{"Version":"2012-10-18","Statement":[]}', 'INVALID_VERSION', '"2012-10-18"', '{"Version":"2012-10-17","Statement":[]}'],
  ['fix Effect case', '{"Statement":[{"Effect":"deny"}]}', 'INVALID_EFFECT', '"deny"', '{"Statement":[{"Effect":"Deny"}]}'],
  ['fix element spelling', '{"Statment":[]}', 'INVALID_POLICY_ELEMENT', '"Statment"', '{"Statement":[]}'],
  ['remove comment', '{/*x*/"Statement":[]}', 'JSON_SYNTAX_ERROR', '/*x*/', '{"Statement":[]}'],
  ['remove trailing comma', '{"Statement":[],}', 'JSON_SYNTAX_ERROR', ',', '{"Statement":[]}'],
  ['clean a Sid', '{"Statement":[{"Sid":"read-all"}]}', 'UNSUPPORTED_SID', '"read-all"', '{"Statement":[{"Sid":"readall"}]}'],
  [
    'remove Resource from a trust policy',
    '{\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "sts:AssumeRole",\n    "Resource": "*"\n  }]\n}',
    'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', '"Resource"',
    '{\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "sts:AssumeRole"\n  }]\n}',
    'trust',
  ],
];

export const grammarTests: RuleTests = ruleTests([
  ...cases,
  ...fixCases.map(([name, policy, code, text, output, kind]): RuleCase => ({ name: `quick fix: ${name}`, policy, kind, errors: [[code, text]], output })),
]);
