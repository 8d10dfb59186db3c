/**
 * The grammar family: elements, types and per-kind required/forbidden elements. Sources: IAM User
 * Guide, "Grammar of the IAM JSON policy language", "IAM JSON policy element reference" (Version,
 * Statement, Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource,
 * Condition), "Role trust policies", AWS Organizations "SCP syntax" and "RCP syntax", and the Access
 * Analyzer policy check reference for the codes.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, applyFirstFix } from './helpers/findings';
import type { PolicyKind } from '../../server/src/iam/document/policyKind';

interface Case {
  name: string;
  kind?: PolicyKind;
  policy: string;
  /** [code, exact text under the finding] that must be reported. */
  hit?: Array<[string, string]>;
  /** Codes that must not be reported. */
  miss?: string[];
}

const S = (body: string) => `{"Version":"2012-10-17","Statement":[${body}]}`;
const ALLOW = '"Effect":"Allow","Action":"s3:GetObject","Resource":"*"';

const cases: Case[] = [
  // Version (IAM User Guide, "IAM JSON policy elements: Version").
  { name: 'missing Version', policy: '{"Statement":[{' + ALLOW + '}]}', hit: [['MISSING_VERSION', '{']] },
  { name: 'Version present', policy: S(`{${ALLOW}}`), miss: ['MISSING_VERSION', 'INVALID_VERSION'] },
  { name: 'old Version is valid', policy: '{"Version":"2008-10-17","Statement":[{' + ALLOW + '}]}', miss: ['INVALID_VERSION'] },
  { name: 'invalid Version value', policy: '{"Version":"2012-10-18","Statement":[{' + ALLOW + '}]}', hit: [['INVALID_VERSION', '"2012-10-18"']] },
  { name: 'Version as a number', policy: '{"Version":2012,"Statement":[{' + ALLOW + '}]}', hit: [['INVALID_VERSION', '2012']] },
  // Statement.
  { name: 'missing Statement', policy: '{"Version":"2012-10-17"}', hit: [['MISSING_STATEMENT', '{']] },
  { name: 'empty Statement array', policy: '{"Version":"2012-10-17","Statement":[]}', hit: [['MISSING_STATEMENT', '[]']] },
  { name: 'Statement of the wrong type', policy: '{"Version":"2012-10-17","Statement":"x"}', hit: [['INVALID_TYPE', '"x"']] },
  { name: 'non-object statement entry', policy: S(`{${ALLOW}}, 7`), hit: [['INVALID_TYPE', '7']] },
  // Unknown elements with the right spelling suggested.
  { name: 'misspelt top-level element', policy: '{"Version":"2012-10-17","Statment":[]}', hit: [['INVALID_POLICY_ELEMENT', '"Statment"']] },
  { name: 'wrong case element', policy: S(`{"effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), hit: [['INVALID_POLICY_ELEMENT', '"effect"'], ['MISSING_EFFECT', '{']] },
  { name: 'unknown statement element', policy: S(`{${ALLOW},"Foo":1}`), hit: [['INVALID_POLICY_ELEMENT', '"Foo"']] },
  { name: 'known elements only', policy: S(`{"Sid":"A",${ALLOW}}`), miss: ['INVALID_POLICY_ELEMENT'] },
  { name: 'duplicate element', policy: S(`{"Effect":"Deny",${ALLOW}}`), hit: [['DUPLICATE_KEY', '"Effect"']] },
  // Effect (IAM User Guide, "IAM JSON policy elements: Effect": Allow or Deny, case-sensitive).
  { name: 'missing Effect', policy: S('{"Action":"s3:GetObject","Resource":"*"}'), hit: [['MISSING_EFFECT', '{']] },
  { name: 'lower-case Effect', policy: S('{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}'), hit: [['INVALID_EFFECT', '"allow"']] },
  { name: 'Effect as boolean', policy: S('{"Effect":true,"Action":"s3:GetObject","Resource":"*"}'), hit: [['INVALID_EFFECT', 'true']] },
  { name: 'Deny is valid', policy: S('{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}'), miss: ['INVALID_EFFECT', 'MISSING_EFFECT'] },
  // Action / NotAction.
  { name: 'missing Action', policy: S('{"Effect":"Allow","Resource":"*"}'), hit: [['MISSING_ACTION', '{']] },
  { name: 'Action and NotAction', policy: S('{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"}'), hit: [['UNSUPPORTED_ELEMENT_COMBINATION', '"NotAction"']] },
  { name: 'NotAction alone is fine', policy: S('{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}'), miss: ['MISSING_ACTION', 'UNSUPPORTED_ELEMENT_COMBINATION'] },
  { name: 'Action as an object', policy: S('{"Effect":"Allow","Action":{"a":1},"Resource":"*"}'), hit: [['INVALID_TYPE', '{"a":1}']] },
  { name: 'Action entry as number', policy: S('{"Effect":"Allow","Action":["s3:GetObject",5],"Resource":"*"}'), hit: [['INVALID_TYPE', '5']] },
  // Resource / NotResource.
  { name: 'missing Resource in identity policy', policy: S('{"Effect":"Allow","Action":"s3:GetObject"}'), hit: [['MISSING_RESOURCE', '{']] },
  { name: 'ECR repository policy without Resource (ECR User Guide, private repository policies)', kind: 'resource', policy: S('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}'), miss: ['MISSING_RESOURCE'] },
  { name: 'S3 bucket policy without Resource', kind: 'resource', policy: S('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject"}'), hit: [['MISSING_RESOURCE', '{']] },
  { name: 'Resource and NotResource', policy: S('{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","NotResource":"arn:aws:s3:::b/*"}'), hit: [['UNSUPPORTED_ELEMENT_COMBINATION', '"NotResource"']] },
  // Sid (IAM User Guide, "IAM JSON policy elements: Sid").
  { name: 'Sid with spaces in identity policy', policy: S(`{"Sid":"Read objects",${ALLOW}}`), hit: [['UNSUPPORTED_SID', '"Read objects"']] },
  { name: 'Sid with spaces in a resource policy is allowed', kind: 'resource', policy: S(`{"Sid":"Read objects","Principal":"*",${ALLOW}}`), miss: ['UNSUPPORTED_SID'] },
  { name: 'empty Sid', policy: S(`{"Sid":"",${ALLOW}}`), hit: [['EMPTY_SID_VALUE', '""']] },
  { name: 'duplicate Sids in identity policy', policy: S(`{"Sid":"A",${ALLOW}},{"Sid":"A",${ALLOW}}`), hit: [['UNIQUE_SIDS_REQUIRED', '"A"']] },
  { name: 'unique Sids', policy: S(`{"Sid":"A",${ALLOW}},{"Sid":"B",${ALLOW}}`), miss: ['UNIQUE_SIDS_REQUIRED', 'UNIQUE_SIDS_RECOMMENDED'] },
  { name: 'duplicate Sids in resource policy', kind: 'resource', policy: S(`{"Sid":"A","Principal":"*",${ALLOW}},{"Sid":"A","Principal":"*",${ALLOW}}`), hit: [['UNIQUE_SIDS_RECOMMENDED', '"A"']] },
  // Principal per kind (IAM User Guide, "AWS JSON policy elements: Principal": not in identity policies).
  { name: 'Principal in identity policy', policy: S(`{"Principal":"*",${ALLOW}}`), hit: [['UNSUPPORTED_PRINCIPAL', '"Principal"']] },
  { name: 'Principal in SCP', kind: 'scp', policy: S(`{"Principal":"*",${ALLOW}}`), hit: [['SCP_SYNTAX_ERROR_PRINCIPAL', '"Principal"']] },
  { name: 'Principal in boundary', kind: 'boundary', policy: S(`{"Principal":"*",${ALLOW}}`), hit: [['UNSUPPORTED_PRINCIPAL', '"Principal"']] },
  { name: 'missing Principal in resource policy', kind: 'resource', policy: S(`{${ALLOW}}`), hit: [['MISSING_PRINCIPAL', '{']] },
  { name: 'missing Principal in trust policy', kind: 'trust', policy: S('{"Effect":"Allow","Action":"sts:AssumeRole"}'), hit: [['MISSING_PRINCIPAL', '{']] },
  { name: 'Principal and NotPrincipal', kind: 'resource', policy: S(`{"Principal":"*","NotPrincipal":{"AWS":"*"},${ALLOW}}`), hit: [['UNSUPPORTED_ELEMENT_COMBINATION', '"NotPrincipal"']] },
  { name: 'Principal string other than *', kind: 'resource', policy: S(`{"Principal":"123456789012",${ALLOW}}`), hit: [['INVALID_PRINCIPAL_FORMAT', '"123456789012"']] },
  { name: 'unknown principal type', kind: 'resource', policy: S(`{"Principal":{"Aws":"123456789012"},${ALLOW}}`), hit: [['INVALID_PRINCIPAL_KEY', '"Aws"']] },
  { name: 'empty principal object', kind: 'resource', policy: S(`{"Principal":{},${ALLOW}}`), hit: [['EMPTY_OBJECT_PRINCIPAL', '{}']] },
  { name: 'empty principal array', kind: 'resource', policy: S(`{"Principal":{"AWS":[]},${ALLOW}}`), hit: [['EMPTY_ARRAY_PRINCIPAL', '[]']] },
  // Trust policies (IAM User Guide, role trust policy: no Resource, no NotPrincipal).
  { name: 'Resource in trust policy', kind: 'trust', policy: S('{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}'), hit: [['ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', '"Resource"']], miss: ['MISSING_RESOURCE'] },
  { name: 'trust policy without Resource', kind: 'trust', policy: S('{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}'), miss: ['MISSING_RESOURCE', 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE'] },
  { name: 'NotPrincipal in trust policy', kind: 'trust', policy: S('{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}'), hit: [['ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', '"NotPrincipal"']] },
  // RCPs (AWS Organizations, "RCP syntax": Deny only, Principal "*", no NotAction).
  { name: 'RCP Allow', kind: 'rcp', policy: S('{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}'), hit: [['RCP_SYNTAX_ERROR_ALLOW', '"Allow"']] },
  { name: 'RCP NotAction', kind: 'rcp', policy: S('{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}'), hit: [['RCP_SYNTAX_ERROR_NOTACTION', '"NotAction"']] },
  { name: 'RCP without Principal', kind: 'rcp', policy: S('{"Effect":"Deny","Action":"s3:*","Resource":"*"}'), hit: [['RCP_SYNTAX_ERROR_PRINCIPAL', '{']] },
  { name: 'valid RCP', kind: 'rcp', policy: S('{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"}}}'), miss: ['RCP_SYNTAX_ERROR_ALLOW', 'RCP_SYNTAX_ERROR_PRINCIPAL', 'RCP_SYNTAX_ERROR_NOTACTION'] },
  // Condition shape.
  { name: 'Condition as a string', policy: S(`{${ALLOW},"Condition":"x"}`), hit: [['INVALID_TYPE', '"x"']] },
  { name: 'empty Condition', policy: S(`{${ALLOW},"Condition":{}}`), hit: [['EMPTY_OBJECT_CONDITION', '{}']] },
  { name: 'operator value not an object', policy: S(`{${ALLOW},"Condition":{"StringEquals":"x"}}`), hit: [['INVALID_TYPE', '"x"']] },
  { name: 'duplicate condition key', policy: S(`{${ALLOW},"Condition":{"StringEquals":{"aws:username":"a","aws:username":"b"}}}`), hit: [['DUPLICATE_KEY', '"aws:username"']] },
  // Root.
  { name: 'root is an array', policy: '[1]', hit: [['INVALID_TYPE', '[1]']] },
  { name: 'comments and trailing commas', policy: '{"Version":"2012-10-17",/*x*/"Statement":[{' + ALLOW + '},]}', hit: [['JSON_SYNTAX_ERROR', '/*x*/'], ['JSON_SYNTAX_ERROR', ',']] },
];

for (const testCase of cases) {
  test(`grammar: ${testCase.name}`, () => {
    const findings = findingsOf(testCase.policy, testCase.kind ?? 'identity');
    for (const [code, text] of testCase.hit ?? []) {
      assert.ok(
        findings.some((finding) => finding.code === code && finding.text === text),
        `expected ${code} on ${text}; got ${findings.map((finding) => `${finding.code}@${finding.text}`).join(', ')}`,
      );
    }
    for (const code of testCase.miss ?? []) {
      assert.ok(!findings.some((finding) => finding.code === code), `did not expect ${code}; got ${findings.map((finding) => finding.code).join(', ')}`);
    }
  });
}

const fixCases: Array<[string, string, string, string, PolicyKind?]> = [
  ['add Version', '{\n  "Statement": []\n}', 'MISSING_VERSION', '{\n  "Version": "2012-10-17",\n  "Statement": []\n}'],
  ['fix Version', '{"Version":"2012-10-18","Statement":[]}', 'INVALID_VERSION', '{"Version":"2012-10-17","Statement":[]}'],
  ['fix Effect case', '{"Statement":[{"Effect":"deny"}]}', 'INVALID_EFFECT', '{"Statement":[{"Effect":"Deny"}]}'],
  ['fix element spelling', '{"Statment":[]}', 'INVALID_POLICY_ELEMENT', '{"Statement":[]}'],
  ['remove comment', '{/*x*/"Statement":[]}', 'JSON_SYNTAX_ERROR', '{"Statement":[]}'],
  ['remove trailing comma', '{"Statement":[],}', 'JSON_SYNTAX_ERROR', '{"Statement":[]}'],
  ['clean a Sid', '{"Statement":[{"Sid":"read-all"}]}', 'UNSUPPORTED_SID', '{"Statement":[{"Sid":"readall"}]}'],
  [
    'remove Resource from a trust policy',
    '{\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "sts:AssumeRole",\n    "Resource": "*"\n  }]\n}',
    'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
    '{\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "sts:AssumeRole"\n  }]\n}',
    'trust',
  ],
];
for (const [name, before, code, after, kind] of fixCases) {
  test(`quick fix: ${name}`, () => {
    assert.equal(applyFirstFix(before, code, kind ?? 'identity'), after);
  });
}
