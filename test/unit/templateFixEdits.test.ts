/**
 * The fix of an AccessDenied explanation written into the template that holds the policy
 * (iam/author/templateFixEdits.ts), through `iam-policy explain-denied --scenario` with a role that a
 * scenario takes from a template (`"template": "file#LogicalId"`, docs/scenarios.md).
 *
 * Each case is checked here independently of the code under test: the edits applied to the template
 * give the expected text exactly (values the template computes, `!Sub`, `Fn::Sub`, Terraform
 * references, comments and layout kept), and the same message explained again against the edited
 * template is allowed (exit 1, "Simulated: Allow"). Evaluation rules: IAM User Guide, "Policy
 * evaluation logic" (an identity-based Allow allows the request); template syntax: CloudFormation
 * User Guide "Template anatomy" and "Fn::Sub", Terraform language "Strings and Templates".
 */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { applyFixEdits } from '../../server/src/iam/author/index';
import { initTerraformForTests } from './helpers/terraformParser';
import { cli } from './helpers/cli';

before(() => initTerraformForTests());

const OBJECT = 'arn:aws:s3:::reports/2026.csv';
const denied = (action: string) => `User: arn:aws:sts::111122223333:assumed-role/App/i-0abc is not authorized to perform: ${action} on resource: ${OBJECT} because no identity-based policy allows the ${action} action`;

const cfnRole = (policy: string) => `Resources:
  Reports:
    Type: AWS::S3::Bucket
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
${policy}`;

interface Case {
  readonly name: string;
  readonly file: string;
  readonly template: string;
  readonly role: string;
  readonly action: string;
  readonly kind: string;
  /** The template after the edits, or null when the edit cannot be written there. */
  readonly expected: string | null;
}

const cases: Case[] = [
  (() => {
    const policy = `              - Sid: Tags
                Effect: Allow
                Action:
                  - s3:GetObjectTagging # tags only
                Resource: ${OBJECT}
  # the end
`;
    return {
      name: 'YAML block list: the action on a line of its own, the comment kept',
      file: 'template.yaml',
      template: cfnRole(policy),
      role: 'template.yaml#App',
      action: 's3:GetObject',
      kind: 'add-action',
      expected: cfnRole(policy.replace('# tags only\n', '# tags only\n                  - s3:GetObject\n')),
    };
  })(),
  {
    name: 'YAML single value: becomes a flow list',
    file: 'template.yaml',
    template: cfnRole(`              - Effect: Allow\n                Action: s3:GetObjectTagging\n                Resource: ${OBJECT}\n`),
    role: 'template.yaml#App',
    action: 's3:GetObject',
    kind: 'add-action',
    expected: cfnRole(`              - Effect: Allow\n                Action: [s3:GetObjectTagging, 's3:GetObject']\n                Resource: ${OBJECT}\n`),
  },
  {
    name: 'YAML !Sub resource: kept as written in the new list',
    file: 'template.yaml',
    template: cfnRole(`              - Effect: Allow\n                Action: s3:GetObject\n                Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Reports}/2025.csv'\n`),
    role: 'template.yaml#App',
    action: 's3:GetObject',
    kind: 'add-resource',
    expected: cfnRole(`              - Effect: Allow\n                Action: s3:GetObject\n                Resource: [!Sub 'arn:\${AWS::Partition}:s3:::\${Reports}/2025.csv', '${OBJECT}']\n`),
  },
  {
    name: 'YAML block statements: a new statement at their indentation',
    file: 'template.yaml',
    template: cfnRole(`              - Effect: Allow\n                Action: sqs:SendMessage\n                Resource: '*'\n`),
    role: 'template.yaml#App',
    action: 's3:GetObject',
    kind: 'add-statement',
    expected: cfnRole(`              - Effect: Allow\n                Action: sqs:SendMessage\n                Resource: '*'\n              - Sid: AllowS3GetObject\n                Effect: Allow\n                Action: s3:GetObject\n                Resource: ${OBJECT}\n`),
  },
  (() => {
    const json = (statements: string) => `{
  "Resources": {
    "App": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] },
        "Policies": [
          {
            "PolicyName": "app",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "sqs:SendMessage",
                  "Resource": { "Fn::Sub": "arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:jobs" }
                }${statements}
              ]
            }
          }
        ]
      }
    }
  }
}
`;
    return {
      name: 'JSON template: a new statement, formatted as the template is',
      file: 'template.json',
      template: json(''),
      role: 'template.json#App',
      action: 's3:GetObject',
      kind: 'add-statement',
      expected: json(`,\n                {\n                  "Sid": "AllowS3GetObject",\n                  "Effect": "Allow",\n                  "Action": "s3:GetObject",\n                  "Resource": "${OBJECT}"\n                }`),
    };
  })(),
  (() => {
    const tf = (action: string, extra: string) => `resource "aws_iam_role" "app" {
  name               = "App"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ${action}, Resource = "${OBJECT}" }${extra},
    ]
  })
}
`;
    return {
      name: 'Terraform jsonencode: a single value becomes a list',
      file: 'main.tf',
      template: tf('"s3:GetObjectTagging"', ''),
      role: 'main.tf#aws_iam_role.app',
      action: 's3:GetObject',
      kind: 'add-action',
      expected: tf('["s3:GetObjectTagging", "s3:GetObject"]', ''),
    };
  })(),
  (() => {
    const tf = (extra: string) => `resource "aws_iam_role" "app" {
  name               = "App"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sqs:SendMessage", Resource = "\${aws_sqs_queue.jobs.arn}" }${extra}
    ]
  })
}
`;
    return {
      name: 'Terraform jsonencode: a new statement as a Terraform object',
      file: 'main.tf',
      template: tf(''),
      role: 'main.tf#aws_iam_role.app',
      action: 's3:GetObject',
      kind: 'add-statement',
      expected: tf(`, { Sid = "AllowS3GetObject", Effect = "Allow", Action = "s3:GetObject", Resource = "${OBJECT}" }`),
    };
  })(),
  (() => {
    const tf = (actions: string) => `resource "aws_iam_role" "app" {
  name               = "App"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = [${actions}]
    resources = ["${OBJECT}"]
  }
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}
`;
    return {
      name: 'Terraform policy document: the action added to `actions`',
      file: 'main.tf',
      template: tf('"s3:GetObjectTagging"'),
      role: 'main.tf#aws_iam_role.app',
      action: 's3:GetObject',
      kind: 'add-action',
      expected: tf('"s3:GetObjectTagging", "s3:GetObject"'),
    };
  })(),
  {
    name: 'YAML block list of !Sub values: the resource on a line of its own',
    file: 'template.yaml',
    template: cfnRole(`              - Effect: Allow\n                Action: s3:GetObject\n                Resource:\n                  - !Sub 'arn:\${AWS::Partition}:s3:::\${Reports}/2025.csv'\n`),
    role: 'template.yaml#App',
    action: 's3:GetObject',
    kind: 'add-resource',
    expected: cfnRole(`              - Effect: Allow\n                Action: s3:GetObject\n                Resource:\n                  - !Sub 'arn:\${AWS::Partition}:s3:::\${Reports}/2025.csv'\n                  - ${OBJECT}\n`),
  },
  {
    name: 'YAML statements with `-` on a line of its own: the new one written the same way',
    file: 'template.yaml',
    template: cfnRole(`              -\n                Effect: Allow\n                Action: sqs:SendMessage\n                Resource: '*'\n`),
    role: 'template.yaml#App',
    action: 's3:GetObject',
    kind: 'add-statement',
    expected: cfnRole(`              -\n                Effect: Allow\n                Action: sqs:SendMessage\n                Resource: '*'\n              -\n                Sid: AllowS3GetObject\n                Effect: Allow\n                Action: s3:GetObject\n                Resource: ${OBJECT}\n`),
  },
  (() => {
    const tf = (extra: string) => `resource "aws_iam_role" "app" {
  name = "App"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }${extra}
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}
`;
    return {
      name: 'Terraform policy document: a new `statement` block',
      file: 'main.tf',
      template: tf(''),
      role: 'main.tf#aws_iam_role.app',
      action: 's3:GetObject',
      kind: 'add-statement',
      expected: tf(`\n\n  statement {\n    sid       = "AllowS3GetObject"\n    effect    = "Allow"\n    actions   = ["s3:GetObject"]\n    resources = ["${OBJECT}"]\n  }`),
    };
  })(),
  (() => {
    const role = (extra: string) => `Resources:
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess${extra}
  Other:
    Type: AWS::S3::Bucket
`;
    return {
      name: 'an AWS managed policy is never edited: the new policy becomes an inline policy of the role (a new `Policies`)',
      file: 'template.yaml',
      template: role(''),
      role: 'template.yaml#App',
      action: 's3:GetObject',
      kind: 'new-policy',
      expected: role(`\n      Policies:\n        - PolicyName: AllowS3GetObject\n          PolicyDocument:\n            Version: "2012-10-17"\n            Statement:\n              - Sid: AllowS3GetObject\n                Effect: Allow\n                Action: s3:GetObject\n                Resource: ${OBJECT}`),
    };
  })(),
  (() => {
    const tf = (extra: string) => `resource "aws_iam_role" "app" {
  name                = "App"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"]
}
${extra}`;
    return {
      name: 'Terraform: the new policy becomes an `aws_iam_role_policy` of the role',
      file: 'main.tf',
      template: tf(''),
      role: 'main.tf#aws_iam_role.app',
      action: 's3:GetObject',
      kind: 'new-policy',
      expected: tf(`\nresource "aws_iam_role_policy" "app_access" {\n  name   = "AllowS3GetObject"\n  role   = aws_iam_role.app.id\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "AllowS3GetObject", Effect = "Allow", Action = "s3:GetObject", Resource = "${OBJECT}" }] })\n}\n`),
    };
  })(),
  {
    name: 'YAML Statement written as one map: it becomes a list of it and the new statement',
    file: 'template.yaml',
    template: cfnRole('').replace(/            Statement:\n$/, `            Statement:\n              Effect: Allow\n              Action:\n                - sqs:SendMessage\n              Resource: '*'\n`),
    role: 'template.yaml#App',
    action: 's3:GetObject',
    kind: 'add-statement',
    expected: cfnRole('').replace(/            Statement:\n$/, `            Statement:\n              - Effect: Allow\n                Action:\n                  - sqs:SendMessage\n                Resource: '*'\n              - Sid: AllowS3GetObject\n                Effect: Allow\n                Action: s3:GetObject\n                Resource: ${OBJECT}\n`),
  },
  (() => {
    const json = (statement: string) => JSON.stringify({ Resources: { App: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: 'STATEMENT' } }] } } } }).replace('"STATEMENT"', statement);
    return {
      name: 'JSON Statement written as one object: a list of it and the new statement',
      file: 'template.json',
      template: json('{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*" }'),
      role: 'template.json#App',
      action: 's3:GetObject',
      kind: 'add-statement',
      expected: json(`[{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*" }, {"Sid":"AllowS3GetObject","Effect":"Allow","Action":"s3:GetObject","Resource":"${OBJECT}"}]`),
    };
  })(),
];

for (const c of cases) {
  test(c.name, () => {
    const dir = mkdtempSync(join(tmpdir(), 'template-fix-'));
    const template = join(dir, c.file);
    writeFileSync(template, c.template);
    const scenario = join(dir, 'world.iamtest.json');
    writeFileSync(scenario, JSON.stringify({ accounts: [{ id: '111122223333' }], roles: [{ name: 'App', account: '111122223333', template: c.role }], tests: [] }));
    const first = cli(['explain-denied', '--scenario', scenario, '--format', 'json', '-'], denied(c.action));
    assert.equal(first.code, 0, first.stderr);
    const out = JSON.parse(first.stdout);
    assert.equal(out.status, 'fix', out.notes.join('\n'));
    const fix = out.fixes[0];
    assert.equal(fix.kind, c.kind);
    assert.ok(fix.policy.startsWith(join(dir, c.file)), fix.policy);
    if (c.expected === null) {
      assert.equal(fix.edits, null);
      return;
    }
    assert.ok(Array.isArray(fix.edits), `no edits: ${out.notes.join('\n')}`);
    const edited = applyFixEdits(c.template, fix.edits);
    assert.equal(edited, c.expected);
    // Explained again against the edited template, the request is allowed.
    writeFileSync(template, edited);
    const again = cli(['explain-denied', '--scenario', scenario, '-'], denied(c.action));
    assert.equal(again.code, 1, again.stdout);
    assert.match(again.stdout, /Simulated: Allow/);
    assert.equal(readFileSync(template, 'utf8'), c.expected);
  });
}

test('--template: the caller is the role the template defines, by the name CloudFormation generates from its logical id', () => {
  // CloudFormation User Guide, "Name type": without RoleName, `stack-LogicalId-RANDOM`.
  const dir = mkdtempSync(join(tmpdir(), 'template-caller-'));
  const template = join(dir, 'stack.yaml');
  const text = cfnRole(`              - Effect: Allow\n                Action: s3:GetObjectTagging\n                Resource: ${OBJECT}\n`);
  writeFileSync(template, text);
  const message = denied('s3:GetObject').replace('assumed-role/App/', 'assumed-role/reports-App-1A2B3C4D5E6F/');
  const { code, stdout, stderr } = cli(['explain-denied', '--template', template, '--format', 'json', '-'], message);
  assert.equal(code, 0, stderr);
  const out = JSON.parse(stdout);
  assert.equal(out.fixes[0].kind, 'add-action');
  assert.equal(out.fixes[0].policy, `${template}#/Resources/App/Properties/Policies/0/PolicyDocument`);
  const edited = applyFixEdits(text, out.fixes[0].edits);
  assert.equal(edited, text.replace('Action: s3:GetObjectTagging', "Action: [s3:GetObjectTagging, 's3:GetObject']"));
  writeFileSync(template, edited);
  const again = cli(['explain-denied', '--template', template, '-'], message);
  assert.equal(again.code, 1, again.stdout);
  assert.match(again.stdout, /Simulated: Allow/);
  // A caller the template does not define, and both sources at once, are bad usage.
  const stranger = cli(['explain-denied', '--template', template, '-'], denied('s3:GetObject').replace('assumed-role/App/', 'assumed-role/Stranger/'));
  assert.equal(stranger.code, 2);
  assert.match(stranger.stderr, /defines no role or user that the message's caller/);
  assert.equal(cli(['explain-denied', '--template', template, '--scenario', join(dir, 'x.iamtest.json'), '-'], message).code, 2);
});

test('an AWS managed policy newer than the bundled data: the explanation goes on without it and says so', () => {
  // AWS adds managed policies after the data was taken; a policy test fails on such a reference, an
  // explanation should still explain (IAM User Guide, "AWS managed policies": AWS creates and updates them).
  const dir = mkdtempSync(join(tmpdir(), 'template-unknown-managed-'));
  const template = join(dir, 'stack.yaml');
  writeFileSync(template, cfnRole(`              - Effect: Allow\n                Action: sqs:SendMessage\n                Resource: '*'\n`).replace('      Policies:', '      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AmazonBrandNewServiceAccess2099\n      Policies:'));
  const { code, stdout, stderr } = cli(['explain-denied', '--template', template, '--format', 'json', '-'], denied('s3:GetObject'));
  assert.equal(code, 0, stderr);
  const out = JSON.parse(stdout);
  assert.equal(out.status, 'fix');
  assert.equal(out.fixes[0].kind, 'add-statement');
  assert.ok(out.notes.some((note: string) => /AmazonBrandNewServiceAccess2099` is not an AWS managed policy of the bundled IAM data: it was simulated without it/.test(note)), out.notes.join('\n'));
  // A `!Ref` to a policy the template does not define: left out too, and said.
  writeFileSync(template, cfnRole(`              - Effect: Allow\n                Action: sqs:SendMessage\n                Resource: '*'\n`).replace('      Policies:', '      ManagedPolicyArns:\n        - !Ref SharedPolicy\n      Policies:'));
  const missing = cli(['explain-denied', '--template', template, '--format', 'json', '-'], denied('s3:GetObject'));
  assert.equal(missing.code, 0, missing.stderr);
  const explained = JSON.parse(missing.stdout);
  assert.equal(explained.status, 'fix');
  assert.ok(explained.notes.some((note: string) => /^The template attaches `[^`]+`, which cannot be read/.test(note)), explained.notes.join('\n'));
});

test('--template with a SAM function: its role is the one SAM makes (`<Function>Role`), with what its Policies give', () => {
  // AWS SAM Developer Guide, "AWS::Serverless::Function": without `Role`, SAM creates the function's
  // role (logical id `<Function>Role`, so CloudFormation names it `stack-<Function>Role-RANDOM`) with
  // AWSLambdaBasicExecutionRole and what `Policies` lists: AWS managed policies by name, SAM policy
  // templates, and policy documents.
  const dir = mkdtempSync(join(tmpdir(), 'template-sam-'));
  const template = join(dir, 'template.yaml');
  const sam = (policies: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Reports:
    Type: AWS::S3::Bucket
  ReaderFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Policies:
${policies}`;
  const message = (action: string) => `User: arn:aws:sts::111122223333:assumed-role/reports-ReaderFunctionRole-1A2B3C4D5E6F/ReaderFunction is not authorized to perform: ${action} on resource: ${OBJECT} because no identity-based policy allows the ${action} action`;
  const explain = (text: string, action: string) => {
    writeFileSync(template, text);
    const { code, stdout, stderr } = cli(['explain-denied', '--template', template, '--format', 'json', '-'], message(action));
    assert.equal(code === 0 || code === 1, true, stderr);
    return JSON.parse(stdout);
  };
  const templateOnly = `        - S3ReadPolicy:\n            BucketName: !Ref Reports\n`;
  // A statement is added to the function's own policy document, not to the SAM policy template.
  const withDocument = sam(`${templateOnly}        - Statement:\n            - Effect: Allow\n              Action: sqs:SendMessage\n              Resource: '*'\n`);
  const added = explain(withDocument, 's3:PutObject');
  assert.deepEqual([added.fixes[0].kind, added.fixes[0].policy], ['add-statement', `${template}#/Resources/ReaderFunction/Properties/Policies/1`]);
  assert.equal(applyFixEdits(withDocument, added.fixes[0].edits), `${withDocument}            - Sid: AllowS3PutObject\n              Effect: Allow\n              Action: s3:PutObject\n              Resource: ${OBJECT}\n`);
  // Only a SAM policy template: the new policy is a policy document of `Policies`.
  const newDocument = explain(sam(templateOnly), 's3:PutObject');
  assert.deepEqual([newDocument.fixes[0].kind, newDocument.fixes[0].policy], ['new-policy', `${template}#/Resources/ReaderFunction/Properties/Policies/1`]);
  assert.equal(applyFixEdits(sam(templateOnly), newDocument.fixes[0].edits), sam(`${templateOnly}        - Version: "2012-10-17"\n          Statement:\n            - Sid: AllowS3PutObject\n              Effect: Allow\n              Action: s3:PutObject\n              Resource: ${OBJECT}\n`));
  // An AWS managed policy named in Policies is the role's: it already allows the request.
  const managed = explain(sam(`${templateOnly}        - AmazonS3FullAccess\n`), 's3:PutObject');
  assert.equal(managed.status, 'not-reproduced');
  // SAM always attaches AWSLambdaBasicExecutionRole: writing logs is allowed.
  const logs = explain(sam(templateOnly), 'logs:PutLogEvents');
  assert.equal(logs.status, 'not-reproduced', logs.notes.join('\n'));
});

test('--template: the resource of the message is read from the template with the name and Region the message shows, with its resource-based policy', () => {
  // CloudFormation User Guide, "Name type": a resource without a name property gets a generated name
  // (`stack-LogicalId-RANDOM`; S3 bucket names in lower case), and `!Ref`/`!GetAtt` return it. IAM User
  // Guide, "Policy evaluation logic": an explicit Deny in a resource-based policy denies the request;
  // a role trust policy that names the account leaves the decision to the identity-based policies.
  const dir = mkdtempSync(join(tmpdir(), 'template-resource-'));
  const template = join(dir, 'stack.yaml');
  const text = `Resources:
  Data:
    Type: AWS::S3::Bucket
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: OnlyTheWriter
            Effect: Deny
            Principal: '*'
            Action: s3:PutObject
            Resource: !Sub '\${Data.Arn}/*'
            Condition:
              StringNotEquals:
                aws:PrincipalArn: !GetAtt Writer.Arn
  Jobs:
    Type: AWS::SQS::Queue
  Writer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: write
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: !Sub '\${Data.Arn}/*'
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Jobs.Arn
  Reader:
    Type: AWS::IAM::Role
    Properties:
      RoleName: reader
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: all
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ['s3:*', 'sqs:*']
                Resource: '*'
`;
  writeFileSync(template, text);
  const WRITER = 'arn:aws:sts::111122223333:assumed-role/app-Writer-1A2B3C4D5E6F/s';
  const READER = 'arn:aws:sts::111122223333:assumed-role/reader/s';
  const BUCKET_OBJECT = 'arn:aws:s3:::app-data-9z8y7x6w5v4u/in/a.csv';
  const explain = (principal: string, action: string, resource: string, reason: string) => {
    const { code, stdout, stderr } = cli(['explain-denied', '--template', template, '--format', 'json', '-'], `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${reason}`);
    assert.ok(code === 0 || code === 1, stderr);
    return { code, out: JSON.parse(stdout) };
  };
  // `!Sub '${Data.Arn}/*'` is the bucket the message names: the writer's policy allows it, so no
  // fix is proposed (before, the policy was read as naming a bucket `data` and a literal ARN was added).
  const allowed = explain(WRITER, 's3:GetObject', BUCKET_OBJECT, 'because no identity-based policy allows the s3:GetObject action');
  assert.equal(allowed.code, 1);
  assert.equal(allowed.out.simulated.decision, 'Allow');
  assert.ok(allowed.out.notes.some((note: string) => note.includes('`Data` (AWS::S3::Bucket), named `app-data-9z8y7x6w5v4u` by CloudFormation') && note.includes('DataPolicy/Properties/PolicyDocument` was simulated')), allowed.out.notes.join('\n'));
  // The bucket policy's Deny names the writer by `!GetAtt Writer.Arn`: it denies the reader, not the writer.
  const denied = explain(READER, 's3:PutObject', BUCKET_OBJECT, 'with an explicit deny in a resource-based policy');
  assert.equal(denied.out.simulated.decision, 'ExplicitDeny');
  assert.deepEqual(denied.out.deniedBy.map((d: { policyType: string; sid?: string }) => [d.policyType, d.sid]), [['resource', 'OnlyTheWriter']]);
  // The policy is named as a fix names it: the template and its place, not the values it was read with.
  assert.equal(denied.out.deniedBy[0].policy, `${template}#/Resources/DataPolicy/Properties/PolicyDocument`);
  assert.ok(!JSON.stringify(denied.out).includes('(account '), 'no evaluator id with its deployment');
  assert.equal(explain(WRITER, 's3:PutObject', BUCKET_OBJECT, 'with an explicit deny in a resource-based policy').out.simulated.decision, 'Allow');
  // The queue's Region comes from its ARN: `!GetAtt Jobs.Arn` is the queue in eu-west-1.
  assert.equal(explain(WRITER, 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:app-Jobs-QWERTYUIOP12', 'because no identity-based policy allows the sqs:SendMessage action').out.simulated.decision, 'Allow');
  assert.equal(explain(WRITER, 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:other-queue', 'because no identity-based policy allows the sqs:SendMessage action').out.simulated.decision, 'ImplicitDeny');
  // Assuming the writer's role: its trust policy names the account, so the reader's own policies
  // must allow `sts:AssumeRole`; the fix goes into the reader's policy in the template.
  const WRITER_ROLE = 'arn:aws:iam::111122223333:role/app-Writer-1A2B3C4D5E6F';
  const assume = explain(READER, 'sts:AssumeRole', WRITER_ROLE, '');
  assert.equal(assume.out.simulated.decision, 'ImplicitDeny');
  assert.deepEqual(assume.out.deniedBy.map((d: { policyType: string }) => d.policyType), ['identity']);
  assert.match(assume.out.deniedBy[0].why, /the role's trust policy allows the account/);
  assert.equal(assume.out.fixes[0].policy, `${template}#/Resources/Reader/Properties/Policies/0/PolicyDocument`);
  // The role's generated name changes with every new stack: the template names it by its logical id.
  const withAssume = applyFixEdits(text, assume.out.fixes[0].edits);
  assert.equal(withAssume, text.replace("                Action: ['s3:*', 'sqs:*']\n                Resource: '*'\n", "                Action: ['s3:*', 'sqs:*']\n                Resource: '*'\n              - Sid: AllowStsAssumeRole\n                Effect: Allow\n                Action: sts:AssumeRole\n                Resource: !GetAtt Writer.Arn\n"));
  writeFileSync(template, withAssume);
  assert.equal(explain(READER, 'sts:AssumeRole', WRITER_ROLE, '').out.simulated.decision, 'Allow');
});

test('--template: a fix names a resource whose name CloudFormation generated as the template does (`!GetAtt`, `!Sub`, `Fn::Sub` in JSON)', () => {
  // CloudFormation User Guide, "Fn::GetAtt" and "Fn::Sub": `${Data.Arn}` is the bucket's ARN, whatever
  // name the stack gave it; a literal generated name would name another bucket after the next stack.
  const dir = mkdtempSync(join(tmpdir(), 'template-expressions-'));
  const template = join(dir, 'stack.json');
  const text = `{
  "Resources": {
    "Data": { "Type": "AWS::S3::Bucket" },
    "App": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] },
        "Policies": [{ "PolicyName": "p", "PolicyDocument": { "Version": "2012-10-17", "Statement": [
          { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*" },
          { "Effect": "Allow", "Action": "s3:PutObject", "Resource": ["arn:aws:s3:::x/1", { "Fn::Sub": "\${Data.Arn}/in/a.csv" }] }
        ] } }]
      }
    },
    "Bare": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [] } } }
  }
}
`;
  const message = (role: string, action: string, key: string) => `User: arn:aws:sts::111122223333:assumed-role/${role}/s is not authorized to perform: ${action} on resource: arn:aws:s3:::app-data-abcdef123456/${key} because no identity-based policy allows the ${action} action`;
  const cases: Array<[string, string, string, string, string]> = [
    // A single value becomes a list with the new value as `Fn::Sub`.
    ['app-App-ABCDEFGH1234', 's3:GetObject', 'in/a.csv', 'add-resource', '"Resource": ["arn:aws:s3:::other/*", {"Fn::Sub": "${Data.Arn}/in/a.csv"}]'],
    // Appended after a list's last item that is an intrinsic function object (before, inside it).
    ['app-App-ABCDEFGH1234', 's3:PutObject', 'in/b.csv', 'add-resource', '{ "Fn::Sub": "${Data.Arn}/in/a.csv" }, {"Fn::Sub": "${Data.Arn}/in/b.csv"}]'],
    // A role with no Policies written on one line: a new Policies entry.
    ['app-Bare-ABCDEFGH1234', 's3:GetObject', 'in/a.csv', 'new-policy', '"Resource": {"Fn::Sub": "${Data.Arn}/in/a.csv"}'],
  ];
  for (const [role, action, key, kind, written] of cases) {
    writeFileSync(template, text);
    const { code, stdout, stderr } = cli(['explain-denied', '--template', template, '--format', 'json', '-'], message(role, action, key));
    assert.equal(code, 0, stderr);
    const fix = JSON.parse(stdout).fixes[0];
    assert.equal(fix.kind, kind);
    assert.ok(fix.edits, `${role} ${action}: edits`);
    const edited = applyFixEdits(text, fix.edits);
    assert.ok(edited.includes(written), edited);
    assert.ok(!edited.includes('app-data-abcdef123456'), 'the generated name is not written');
    assert.deepEqual(JSON.parse(edited).Resources.Data, { Type: 'AWS::S3::Bucket' });
    writeFileSync(template, edited);
    const again = cli(['explain-denied', '--template', template, '-'], message(role, action, key));
    assert.equal(again.code, 1, again.stdout);
    assert.match(again.stdout, /Simulated: Allow/);
  }
});

test('--template with Terraform: references name resources by the literal names the file gives them, in the account and Region of the message', () => {
  // Terraform AWS provider: `aws_s3_bucket.data.arn` is the ARN of the bucket named by its `bucket`
  // argument; `data.aws_caller_identity.current.account_id` and `data.aws_region.current.name` are the
  // account and Region Terraform deploys into, which the message's ARNs show. IAM User Guide, "Policy
  // evaluation logic": an explicit Deny in the bucket policy denies; a trust policy naming the
  // account leaves `sts:AssumeRole` to the caller's identity-based policies.
  const dir = mkdtempSync(join(tmpdir(), 'template-terraform-resource-'));
  const file = join(dir, 'main.tf');
  const text = `data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OnlyWriter"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "\${aws_s3_bucket.data.arn}/*"
      Condition = { StringNotEquals = { "aws:PrincipalArn" = aws_iam_role.writer.arn } }
    }]
  })
}
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
resource "aws_iam_role" "writer" {
  name               = "writer"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "writer" {
  role = aws_iam_role.writer.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "\${aws_s3_bucket.data.arn}/*" },
    { Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:jobs" }
  ] })
}
resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "reader" {
  role   = aws_iam_role.reader.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:*", "sqs:*"], Resource = "*" }] })
}
`;
  writeFileSync(file, text);
  const explain = (role: string, action: string, resource: string, reason: string) => {
    const { code, stdout, stderr } = cli(['explain-denied', '--template', file, '--format', 'json', '-'], `User: arn:aws:sts::111122223333:assumed-role/${role}/s is not authorized to perform: ${action} on resource: ${resource} ${reason}`);
    assert.ok(code === 0 || code === 1, stderr);
    return JSON.parse(stdout);
  };
  // `${aws_s3_bucket.data.arn}/*` is `arn:aws:s3:::acme-data/*` (before: `arn:aws:s3:::data/*`, and a literal ARN was proposed).
  assert.equal(explain('writer', 's3:GetObject', 'arn:aws:s3:::acme-data/a.csv', 'because no identity-based policy allows the s3:GetObject action').simulated.decision, 'Allow');
  // The account of the caller and the Region of the configuration's queue: the message's (before: the samples 123456789012 and us-east-1).
  assert.equal(explain('writer', 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:jobs', 'because no identity-based policy allows the sqs:SendMessage action').simulated.decision, 'Allow');
  // The bucket policy is simulated: it denies the reader, not the writer (`aws_iam_role.writer.arn` is `role/writer`).
  const denied = explain('reader', 's3:PutObject', 'arn:aws:s3:::acme-data/a.csv', 'with an explicit deny in a resource-based policy');
  assert.equal(denied.simulated.decision, 'ExplicitDeny');
  assert.deepEqual(denied.deniedBy.map((d: { policyType: string; sid?: string }) => [d.policyType, d.sid]), [['resource', 'OnlyWriter']]);
  assert.ok(denied.notes.some((note: string) => note.includes('`aws_s3_bucket.data` of the configuration: its resource-based policy') && note.includes('main.tf#aws_s3_bucket_policy.data/policy')), denied.notes.join('\n'));
  assert.equal(explain('writer', 's3:PutObject', 'arn:aws:s3:::acme-data/a.csv', 'with an explicit deny in a resource-based policy').simulated.decision, 'Allow');
  // The writer's role is the resource of `sts:AssumeRole`: its trust policy names the account, so the fix is the reader's.
  const assume = explain('reader', 'sts:AssumeRole', 'arn:aws:iam::111122223333:role/writer', '');
  assert.deepEqual(assume.deniedBy.map((d: { policyType: string }) => d.policyType), ['identity']);
  assert.equal(assume.fixes[0].policy, `${file}#aws_iam_role_policy.reader/policy`);
  // The role is named by reference, as the configuration names it elsewhere.
  const withAssume = applyFixEdits(text, assume.fixes[0].edits);
  assert.equal(withAssume, text.replace('Action = ["s3:*", "sqs:*"], Resource = "*" }]', 'Action = ["s3:*", "sqs:*"], Resource = "*" }, { Sid = "AllowStsAssumeRole", Effect = "Allow", Action = "sts:AssumeRole", Resource = "${aws_iam_role.writer.arn}" }]'));
  writeFileSync(file, withAssume);
  assert.equal(explain('reader', 'sts:AssumeRole', 'arn:aws:iam::111122223333:role/writer', '').simulated.decision, 'Allow');
});

test('--template: a KMS key of the template is the key of the message; its key policy must allow the caller, and the fix goes there without naming the key itself', () => {
  // AWS KMS Developer Guide, "Key policies": every key has a key policy, which must allow access
  // (directly, or by enabling IAM policies for the account); "Resource": "*" in a key policy means the
  // key. CloudFormation User Guide: a resource cannot refer to itself (circular dependency), and the
  // key id is generated, so the template's only key is the message's key.
  const dir = mkdtempSync(join(tmpdir(), 'template-kms-'));
  const template = join(dir, 'stack.yaml');
  const text = `Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: Admins
            Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:role/Admin' }
            Action: 'kms:*'
            Resource: '*'
  App:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: use-key
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: kms:Decrypt
                Resource: !GetAtt DataKey.Arn
`;
  writeFileSync(template, text);
  const message = 'User: arn:aws:sts::111122223333:assumed-role/app/s is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-1:111122223333:key/0f9e8d7c-1111-2222-3333-444455556666 because no resource-based policy allows the kms:Decrypt action';
  const { code, stdout, stderr } = cli(['explain-denied', '--template', template, '--format', 'json', '-'], message);
  assert.equal(code, 0, stderr);
  const out = JSON.parse(stdout);
  // The app's policy names the key by `!GetAtt DataKey.Arn`, which is the message's key: only the key policy denies.
  assert.deepEqual(out.deniedBy.map((d: { policyType: string }) => d.policyType), ['resource']);
  assert.match(out.deniedBy[0].why, /the key policy must allow the caller even within its account/);
  assert.equal(out.fixes[0].policy, `${template}#/Resources/DataKey/Properties/KeyPolicy`);
  const edited = applyFixEdits(text, out.fixes[0].edits);
  assert.equal(edited, text.replace("            Resource: '*'\n  App:", "            Resource: '*'\n          - Sid: AllowKmsDecrypt\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::111122223333:role/app\n            Action: kms:Decrypt\n            Resource: \"*\"\n  App:"));
  writeFileSync(template, edited);
  const again = cli(['explain-denied', '--template', template, '-'], message);
  assert.equal(again.code, 1, again.stdout);
  assert.match(again.stdout, /Simulated: Allow/);
});

test('--template: in a YAML template written in JSON style, a generated name is written as a `Fn::GetAtt` object', () => {
  // YAML reads JSON-style flow collections; CloudFormation's YAML takes `{"Fn::GetAtt": [...]}` as well as `!GetAtt`.
  const dir = mkdtempSync(join(tmpdir(), 'template-flow-'));
  const template = join(dir, 'stack.yaml');
  const text = `Resources:
  Target:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
  Caller:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
      Policies:
        - PolicyName: p
          PolicyDocument: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}
`;
  writeFileSync(template, text);
  const message = 'User: arn:aws:sts::111122223333:assumed-role/app-Caller-ABCDEFGH1234/s is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/app-Target-ZYXWVUTS9876';
  const out = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], message).stdout);
  assert.equal(out.fixes[0].policy, `${template}#/Resources/Target/Properties/AssumeRolePolicyDocument`);
  const edited = applyFixEdits(text, out.fixes[0].edits);
  assert.equal(edited, text.replace('"Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]', '"Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}, {"Sid":"AllowStsAssumeRole","Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt": ["Caller","Arn"]}},"Action":"sts:AssumeRole"}]'));
  writeFileSync(template, edited);
  assert.match(cli(['explain-denied', '--template', template, '-'], message).stdout, /Simulated: Allow/);
});

test('--template: a fix does not name a resource that depends on the policy it edits (a circular dependency CloudFormation refuses)', () => {
  // CloudFormation User Guide, "DependsOn attribute" and "Fn::GetAtt": a reference makes one resource
  // depend on another, and a template whose resources depend on each other cannot be created. The
  // caller's policy names the target by `!GetAtt Target.Arn`, so the target's trust policy cannot name
  // the caller by `!GetAtt Caller.Arn`: it keeps the name the message shows.
  const dir = mkdtempSync(join(tmpdir(), 'template-cycle-'));
  const template = join(dir, 'stack.yaml');
  const text = `Resources:
  Target:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
  Caller:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !GetAtt Target.Arn
`;
  writeFileSync(template, text);
  const message = 'User: arn:aws:sts::111122223333:assumed-role/app-Caller-ABCDEFGH1234/s is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/app-Target-ZYXWVUTS9876';
  const out = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], message).stdout);
  assert.equal(out.fixes[0].policy, `${template}#/Resources/Target/Properties/AssumeRolePolicyDocument`);
  const edited = applyFixEdits(text, out.fixes[0].edits);
  assert.ok(edited.includes('AWS: arn:aws:iam::111122223333:role/app-Caller-ABCDEFGH1234') && !edited.includes('!GetAtt Caller.Arn'), edited);
  writeFileSync(template, edited);
  assert.match(cli(['explain-denied', '--template', template, '-'], message).stdout, /Simulated: Allow/);
});

const WORKER_STACK = `Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt App.Arn
      Code: { ZipFile: 'exports.handler = async () => {}' }
  WorkerFromEvents:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Worker
      Action: lambda:InvokeFunction
      Principal: events.amazonaws.com
  WorkerFromPartner:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Worker.Arn
      Action: lambda:InvokeFunction
      Principal: '444455556666'
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;

const invokeDenied = (caller: string) => `User: ${caller} is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:111122223333:function:stack-Worker-0A1B2C3D4E5F because no resource-based policy allows the lambda:InvokeFunction action`;

test("--template: a function's policy is the statements of its AWS::Lambda::Permission resources", () => {
  // Lambda API Reference, AddPermission: each permission is one statement of the function's
  // resource-based policy. IAM User Guide, "Cross-account policy evaluation logic": a caller of another
  // account needs the function's policy to allow it.
  const dir = mkdtempSync(join(tmpdir(), 'template-lambda-'));
  const template = join(dir, 'stack.yaml');
  writeFileSync(template, WORKER_STACK);
  // The partner account's permission lets it in: only the caller's own side denies.
  const partner = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], invokeDenied('arn:aws:sts::444455556666:assumed-role/partner/s')).stdout);
  assert.ok(partner.notes.some((note: string) => note.includes('`stack.yaml#/Resources/Worker` (the statements of its `AWS::Lambda::Permission` resources) was simulated')), partner.notes.join('\n'));
  assert.deepEqual(partner.fixes.map((fix: { kind: string }) => fix.kind), ['new-policy']);
  // Another account: no permission names it, so the function's side denies too.
  const other = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], invokeDenied('arn:aws:sts::777788889999:assumed-role/other/s')).stdout);
  assert.ok(other.deniedBy.some((entry: { policyType: string }) => entry.policyType === 'resource'), JSON.stringify(other.deniedBy));
  assert.ok(other.fixes.some((fix: { policy: string }) => fix.policy === `${template}#/Resources/Worker`), JSON.stringify(other.fixes));
});

for (const syntax of ['yaml', 'json'] as const) {
  test(`--template: the fix of a function's policy is a new AWS::Lambda::Permission (${syntax})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'template-permission-'));
    const template = join(dir, `stack.${syntax}`);
    const text = syntax === 'yaml' ? WORKER_STACK : JSON.stringify(parseYaml(WORKER_STACK.replace(/!Ref Worker/, '{ Ref: Worker }').replace(/!GetAtt (\w+)\.Arn/g, '{ "Fn::GetAtt": [$1, Arn] }')), null, 2);
    writeFileSync(template, text);
    const message = invokeDenied('arn:aws:sts::777788889999:assumed-role/other/s');
    const out = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], message).stdout);
    const fix = out.fixes.find((candidate: { policy: string }) => candidate.policy === `${template}#/Resources/Worker`);
    assert.ok(fix?.edits, JSON.stringify(out.fixes));
    const edited = applyFixEdits(text, fix.edits);
    assert.ok(syntax === 'yaml' ? edited.includes('  WorkerInvokePermission:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !GetAtt Worker.Arn\n      Principal: arn:aws:iam::777788889999:role/other') : /"Fn::GetAtt": \["Worker", "Arn"\]/.test(edited), edited);
    writeFileSync(template, edited);
    // Now the function's side allows: what is left is the caller's own identity-based policy.
    const after = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], message).stdout);
    assert.ok(!after.deniedBy.some((entry: { policyType: string }) => entry.policyType === 'resource'), JSON.stringify(after.deniedBy));
    assert.deepEqual(after.fixes.map((candidate: { kind: string }) => candidate.kind), ['new-policy']);
  });
}

test('--template: a resource named by its name property is written by `!Sub` too, as the template names it', () => {
  // CloudFormation User Guide, "Fn::Sub": `${Data.Arn}` is the bucket's ARN; the bucket's name is then
  // written once, in BucketName.
  const dir = mkdtempSync(join(tmpdir(), 'template-named-'));
  const template = join(dir, 'stack.yaml');
  const text = cfnRole(`              - Effect: Allow\n                Action: sqs:SendMessage\n                Resource: '*'\n`).replace('  Reports:\n    Type: AWS::S3::Bucket\n', '  Reports:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: reports\n');
  writeFileSync(template, text);
  const out = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], denied('s3:GetObject')).stdout);
  assert.equal(out.fixes[0].kind, 'add-statement');
  const edited = applyFixEdits(text, out.fixes[0].edits);
  assert.equal(edited, `${text}              - Sid: AllowS3GetObject\n                Effect: Allow\n                Action: s3:GetObject\n                Resource: !Sub '\${Reports.Arn}/2026.csv'\n`);
  writeFileSync(template, edited);
  assert.match(cli(['explain-denied', '--template', template, '-'], denied('s3:GetObject')).stdout, /Simulated: Allow/);
});

test('--template with Terraform: the Region of the message goes into ARNs, not into names that contain a Region', () => {
  // Terraform AWS provider, `aws_sqs_queue`: `arn` is `arn:aws:sqs:REGION:ACCOUNT:NAME`, whatever the name holds.
  const dir = mkdtempSync(join(tmpdir(), 'template-terraform-region-'));
  const file = join(dir, 'main.tf');
  writeFileSync(file, `resource "aws_sqs_queue" "jobs" {
  name = "jobs-us-east-1"
}
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.jobs.arn }] })
}
`);
  const message = 'User: arn:aws:sts::111122223333:assumed-role/app/s is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:eu-west-1:111122223333:jobs-us-east-1 because no identity-based policy allows the sqs:SendMessage action';
  const out = JSON.parse(cli(['explain-denied', '--template', file, '--format', 'json', '-'], message).stdout);
  assert.equal(out.simulated.decision, 'Allow', out.simulated.explanation);
});

test('--template: a caller the template does not define (another account) asking for a role of the template gets the trust policy fix there', () => {
  // IAM User Guide, "Cross-account policy evaluation logic": both the caller's account and the role's
  // trust policy must allow; the role's account is the one its ARN shows, and its trust policy is the
  // template's, so that side of the fix is an edit of the template.
  const dir = mkdtempSync(join(tmpdir(), 'template-external-'));
  const template = join(dir, 'stack.yaml');
  const text = `Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deploy
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
`;
  writeFileSync(template, text);
  const message = 'User: arn:aws:sts::444455556666:assumed-role/Pipeline/s is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/deploy';
  const { code, stdout, stderr } = cli(['explain-denied', '--template', template, '--format', 'json', '-'], message);
  assert.equal(code, 0, stderr);
  const out = JSON.parse(stdout);
  assert.deepEqual(out.deniedBy.map((d: { policyType: string }) => d.policyType), ['identity', 'resource']);
  assert.ok(out.notes.some((note: string) => note.startsWith('The template defines no user or role `arn:aws:iam::444455556666:role/Pipeline`')), out.notes.join('\n'));
  const trust = out.fixes.find((fix: { policyType: string }) => fix.policyType === 'resource');
  assert.equal(trust.policy, `${template}#/Resources/Deploy/Properties/AssumeRolePolicyDocument`);
  assert.equal(applyFixEdits(text, trust.edits), `${text}          - Sid: AllowStsAssumeRole\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::444455556666:role/Pipeline\n            Action: sts:AssumeRole\n`);
  // Neither the caller nor the resource: bad usage, as before.
  const neither = cli(['explain-denied', '--template', template, '-'], message.replace('role/deploy', 'role/other'));
  assert.equal(neither.code, 2);
  assert.match(neither.stderr, /defines no role or user that the message's caller `[^`]+` is, nor its resource/);
});

test('--template --account: the account the template is deployed into makes a bucket request cross-account, and the bucket policy gets the statement', () => {
  // IAM User Guide, "Cross-account policy evaluation logic": a request for a bucket of another account
  // needs the bucket policy to allow the caller too. A bucket's ARN names no account, so the
  // template's account is given.
  const dir = mkdtempSync(join(tmpdir(), 'template-account-'));
  const template = join(dir, 'stack.yaml');
  const text = `Resources:
  Data:
    Type: AWS::S3::Bucket
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: Owner
            Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: 's3:*'
            Resource: !Sub '\${Data.Arn}/*'
`;
  writeFileSync(template, text);
  const message = 'User: arn:aws:sts::444455556666:assumed-role/Partner/s is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::stack-data-0a1b2c3d4e5f/in/a.csv';
  const run = (...extra: string[]) => cli(['explain-denied', '--template', template, ...extra, '--format', 'json', '-'], message);
  // Without --account, the bucket is taken to be in the caller's account (a note says so).
  const guessed = JSON.parse(run().stdout);
  assert.ok(guessed.notes.some((note: string) => note.startsWith("The resource's ARN names no account")), guessed.notes.join('\n'));
  const given = JSON.parse(run('--account', '111122223333').stdout);
  assert.deepEqual(given.deniedBy.map((d: { policyType: string }) => d.policyType), ['identity', 'resource']);
  const bucket = given.fixes.find((fix: { policyType: string }) => fix.policyType === 'resource');
  assert.equal(bucket.policy, `${template}#/Resources/DataPolicy/Properties/PolicyDocument`);
  assert.equal(applyFixEdits(text, bucket.edits), `${text}          - Sid: AllowS3GetObject\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::444455556666:role/Partner\n            Action: s3:GetObject\n            Resource: !Sub '\${Data.Arn}/in/a.csv'\n`);
  // Bad usage: not an account id, or without --template.
  assert.equal(run('--account', '1234').code, 2);
  assert.equal(cli(['explain-denied', '--account', '111122223333', '-'], message).code, 2);
});

test('--template: a secret of the template is the message\'s resource, with the random characters its ARN shows', () => {
  // Secrets Manager User Guide, "Secret ARNs": the ARN ends in the name, a hyphen and six random
  // characters; `!Ref` of AWS::SecretsManager::Secret is that ARN (CloudFormation User Guide).
  const dir = mkdtempSync(join(tmpdir(), 'template-secret-'));
  const template = join(dir, 'stack.yaml');
  const text = cfnRole(`              - Effect: Allow\n                Action: secretsmanager:GetSecretValue\n                Resource: !Ref DbSecret\n`).replace(
    'Resources:\n',
    `Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/db
  DbSecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref DbSecret
      ResourcePolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: secretsmanager:GetSecretValue
            Resource: '*'
            Condition:
              StringNotEquals:
                aws:PrincipalTag/team: data
`,
  );
  writeFileSync(template, text);
  const message = 'User: arn:aws:sts::111122223333:assumed-role/stack-App-ABCDEFGH1234/s is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-Xy12Zw with an explicit deny in a resource-based policy';
  const out = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], message).stdout);
  // The role's `!Ref DbSecret` is this secret: no fix adds its ARN as a literal; the secret's policy is what denies.
  assert.ok(out.notes.some((note: string) => note.includes('`DbSecret` (AWS::SecretsManager::Secret)') && note.includes('#/Resources/DbSecretPolicy/Properties/ResourcePolicy` was simulated')), out.notes.join('\n'));
  assert.equal(out.simulated.decision, 'ExplicitDeny', JSON.stringify(out.simulated));
  assert.ok(!out.fixes.some((fix: { statement: { Resource?: unknown } }) => JSON.stringify(fix.statement.Resource ?? '').includes('prod/db-Xy12Zw')), JSON.stringify(out.fixes));
});

test('--template with Terraform: a secret of the configuration is the message\'s resource, with the random characters its ARN shows', () => {
  // Secrets Manager User Guide, "Secret ARNs"; AWS provider, aws_secretsmanager_secret: `arn` is the secret's ARN.
  const dir = mkdtempSync(join(tmpdir(), 'terraform-secret-'));
  const file = join(dir, 'main.tf');
  writeFileSync(file, `resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "read" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = aws_secretsmanager_secret.db.arn }]
  })
}
`);
  const message = 'User: arn:aws:sts::111122223333:assumed-role/app/s is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-Xy12Zw because no identity-based policy allows the secretsmanager:GetSecretValue action';
  const out = JSON.parse(cli(['explain-denied', '--template', file, '--format', 'json', '-'], message).stdout);
  // `aws_secretsmanager_secret.db.arn` is that secret's ARN: the configuration already allows the request.
  assert.equal(out.simulated.decision, 'Allow', JSON.stringify(out));
  assert.ok(out.notes.some((note: string) => note.includes('`aws_secretsmanager_secret.db` of the configuration')), out.notes.join('\n'));
});

test('--template: a secret without a name is found by the name CloudFormation generates for it (`<LogicalId>-` and twelve characters)', () => {
  // Secrets Manager User Guide, "Create a secret with CloudFormation": the example creates a secret
  // named `CloudFormationCreatedSecret-a1b2c3d4e5f6`; its ARN adds a hyphen and six more characters.
  const dir = mkdtempSync(join(tmpdir(), 'template-secret-generated-'));
  const template = join(dir, 'stack.yaml');
  writeFileSync(template, cfnRole(`              - Effect: Allow\n                Action: secretsmanager:GetSecretValue\n                Resource: !Ref DbSecret\n`).replace('Resources:\n', 'Resources:\n  DbSecret:\n    Type: AWS::SecretsManager::Secret\n'));
  const message = 'User: arn:aws:sts::111122223333:assumed-role/stack-App-ABCDEFGH1234/s is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:111122223333:secret:DbSecret-a1b2c3d4e5f6-Xy12Zw because no identity-based policy allows the secretsmanager:GetSecretValue action';
  const out = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], message).stdout);
  assert.equal(out.simulated.decision, 'Allow', JSON.stringify(out));
  assert.ok(out.notes.some((note: string) => note.includes('named `DbSecret-a1b2c3d4e5f6` by CloudFormation')), out.notes.join('\n'));
});

test('--template: a fix names a secret of the template as `!Ref` (its ARN has random characters), `{"Ref": ...}` in JSON', () => {
  // CloudFormation User Guide, AWS::SecretsManager::Secret return values: `Ref` is the secret's ARN.
  const message = 'User: arn:aws:sts::111122223333:assumed-role/stack-App-ABCDEFGH1234/s is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-Xy12Zw because no identity-based policy allows the secretsmanager:GetSecretValue action';
  const yamlText = cfnRole(`              - Effect: Allow\n                Action: secretsmanager:GetSecretValue\n                Resource: arn:aws:secretsmanager:*:*:secret:other-*\n`).replace('Resources:\n', 'Resources:\n  DbSecret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db\n');
  for (const [name, text, written] of [
    ['stack.yaml', yamlText, '!Ref DbSecret'],
    ['stack.json', JSON.stringify(parseYaml(yamlText), null, 2), '{"Ref": "DbSecret"}'],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'template-secret-fix-'));
    const template = join(dir, name);
    writeFileSync(template, text);
    const out = JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], message).stdout);
    const fix = out.fixes.find((candidate: { edits: unknown }) => candidate.edits);
    assert.ok(fix, JSON.stringify(out.fixes));
    const edited = applyFixEdits(text, fix.edits);
    assert.ok(edited.includes(written) && !edited.includes('prod/db-Xy12Zw'), edited);
    writeFileSync(template, edited);
    assert.equal(JSON.parse(cli(['explain-denied', '--template', template, '--format', 'json', '-'], message).stdout).simulated.decision, 'Allow');
  }
});
