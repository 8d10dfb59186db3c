/**
 * Quick fixes of findings inside templates, written back in the template's own syntax
 * (iam/sources/embeddedAnalysis.ts). Each case applies the fix to the template and compares the
 * text exactly; then the template is read again: no new syntax error, and the finding is gone.
 * Syntax: YAML 1.2 (a node has at most one tag; a block sequence item is a line of its own),
 * CloudFormation User Guide "Fn::Sub" and "Fn::Join", Terraform `aws_iam_policy_document`
 * (`condition` blocks with the same `test` are one operator of the policy).
 */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeHostDocument } from '../../server/src/iam/sources/hostDocument';
import type { Finding } from '../../server/src/iam/validate';
import { initTerraformForTests } from './helpers/terraformParser';

before(() => initTerraformForTests());

const SYNTAX = new Set(['TEMPLATE_SYNTAX_ERROR', 'JSON_SYNTAX_ERROR']);

function apply(text: string, finding: Finding): string {
  let out = text;
  for (const edit of [...finding.fixes![0]!.edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.newText + out.slice(edit.offset + edit.length);
  return out;
}

const policy = (statements: string) => `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statements}`;

const cases: Array<{ name: string; path: string; text: string; code: string; expected: string | null }> = [
  {
    name: 'a `!Sub` short form is replaced whole: one tag, not two',
    path: 'template.yaml',
    text: policy(`          - Effect: Allow\n            Action: s3:GetObject\n            Resource: !Sub arn:aws:s3:::\${Bucket}\n`),
    code: 'RESOURCE_TYPE_MISMATCH',
    expected: policy(`          - Effect: Allow\n            Action: s3:GetObject\n            Resource: !Sub 'arn:aws:s3:::\${Bucket}/*'\n`),
  },
  {
    name: 'a `!Sub` without variables keeps its tag: only the literal changes',
    path: 'template.yaml',
    text: policy(`          - Effect: Allow\n            Action: !Sub 's3:GetObjectAcll'\n            Resource: '*'\n`),
    code: 'INVALID_ACTION',
    expected: policy(`          - Effect: Allow\n            Action: !Sub 's3:GetObjectAcl'\n            Resource: '*'\n`),
  },
  {
    name: 'an `Fn::Join` block in a list is replaced without the line break after it',
    path: 'template.yaml',
    text: policy(`          - Effect: Allow\n            Action: s3:PutObject\n            Resource:\n              - Fn::Join:\n                  - ''\n                  - - 'arn:aws:s3:::'\n                    - Ref: Bucket\n              - arn:aws:s3:::other/*\n`),
    code: 'RESOURCE_TYPE_MISMATCH',
    expected: policy(`          - Effect: Allow\n            Action: s3:PutObject\n            Resource:\n              - !Sub 'arn:aws:s3:::\${Bucket}/*'\n              - arn:aws:s3:::other/*\n`),
  },
  {
    name: 'a policy written as JSON in a `|` block gets a JSON `Version` entry',
    path: 'template.yaml',
    text: `Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: |\n        {\n          "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]\n        }\n`,
    code: 'MISSING_VERSION',
    expected: `Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: |\n        { "Version": "2012-10-17",\n          "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]\n        }\n`,
  },
  {
    name: 'Terraform `condition` blocks that share a `test`: no rename of the operator, which would change the other block',
    path: 'main.tf',
    text: `data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["ec2:CreateNetworkInterface"]\n    resources = ["*"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:RequestTag/team"\n      values   = ["platform"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "aws:RequestTag/name"\n      values   = ["*"]\n    }\n  }\n}\n`,
    code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    expected: null,
  },
];

for (const c of cases) {
  test(c.name, () => {
    const host = analyzeHostDocument(c.text, {}, c.path);
    assert.ok(host);
    const finding = host.findings.find((f) => f.code === c.code);
    assert.ok(finding, `${c.code} not found in ${host.findings.map((f) => f.code).join(', ')}`);
    if (c.expected === null) {
      assert.deepEqual(finding.fixes ?? [], []);
      return;
    }
    const fixed = apply(c.text, finding);
    assert.equal(fixed, c.expected);
    const after = analyzeHostDocument(fixed, {}, c.path);
    assert.deepEqual(after?.findings.filter((f) => SYNTAX.has(f.code)).map((f) => f.message), []);
    assert.ok(!after?.findings.some((f) => f.code === c.code && f.span.offset === finding.span.offset), 'the finding is gone');
  });
}

test('a finding about a template value names it as written, and leaves resource types alone', () => {
  const text = policy(`          - Effect: Allow\n            Action: s3:GetObject\n            Resource: !Sub arn:aws:s3:::\${Bucket}\n`);
  const finding = analyzeHostDocument(text, {}, 'template.yaml')!.findings.find((f) => f.code === 'RESOURCE_TYPE_MISMATCH')!;
  assert.match(finding.message, /^`arn:aws:s3:::\$\{Bucket\}` is one of `s3:bucket`/);
  assert.match(finding.message, /did you mean `arn:aws:s3:::\$\{Bucket\}\/\*`\?$/);
});
