/**
 * CloudFormation and SAM templates as a host format: recognition, where policies live, intrinsic
 * functions as values with holes, findings on the exact template text, fixes in the template's syntax,
 * and the editor features through the policy views. Sources: CloudFormation User Guide ("Template
 * anatomy", "Intrinsic function reference", "Pseudo parameters reference", each resource type's
 * properties and return values) and the AWS SAM specification (`Policies`, `Globals`).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readCloudFormationTemplate } from '../../server/src/iam/sources/cloudformation/template';
import { analyzeHostDocument } from '../../server/src/iam/sources/hostDocument';
import { analyzeDocument } from '../../server/src/service/documentAnalysis';
import { completionsAt, hoverAt, policyLenses, summaryMarkdownOf, symbolsOf } from '../../server/src/service/templateFeatures';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import type { Finding } from '../../server/src/iam/validate';

/** Applies a finding's first fix to the text. */
function applyFix(text: string, finding: Finding): string {
  const edits = [...finding.fixes![0]!.edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.offset) + edit.newText + out.slice(edit.offset + edit.length);
  return out;
}

function findings(text: string): Array<Finding & { text: string }> {
  const host = analyzeHostDocument(text);
  assert.ok(host, 'the text is read as a template');
  return host.findings.map((finding) => ({ ...finding, text: text.slice(finding.span.offset, finding.span.offset + finding.span.length) }));
}

const ROLE_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  BucketName:
    Type: String
  Stage:
    Type: String
    Default: prod
Resources:
  MyBucket:
    Type: AWS::S3::Bucket
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: sts:AssumeRole
      Policies:
        - PolicyName: S3Access
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - s3:GetObject
                Resource: !GetAtt MyBucket.Arn
              - Effect: Allow
                Action: !Sub 's3:Get\${BucketName}'
                Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${BucketName}/\${Stage}/*'
              - Effect: Allow
                Action: !Sub 's3:ListBukket'
                Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${MyBucket}'
`;

test('a template is recognised by its content; other YAML and JSON are not templates', () => {
  const cases: Array<[string, boolean]> = [
    [ROLE_YAML, true],
    ['{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}', true],
    ['Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', true],
    ['Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n', true],
    ['name: build\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n', false],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n', false],
    ['services:\n  web:\n    image: nginx\n', false],
    ['{"name": "x", "version": "1.0.0", "Resources": "AWS::"}', false],
    ['Resources:\n  X:\n    Type: Custom::Thing\n', false],
  ];
  for (const [text, expected] of cases) assert.equal(readCloudFormationTemplate(text) !== undefined, expected, text.slice(0, 40));
});

test('policies are found with their pointer, kind and resource types', () => {
  const template = readCloudFormationTemplate(`Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
      PermissionsBoundary: !Ref Boundary
      Policies:
        - !If
          - IsProd
          - PolicyName: P
            PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: s3:ListAllMyBuckets, Resource: '*'}]}
          - !Ref AWS::NoValue
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Deny, Principal: '*', Action: 's3:*', Resource: !Sub '\${Bucket.Arn}/*', Condition: {Bool: {aws:SecureTransport: 'false'}}}]}
  Scp:
    Type: AWS::Organizations::Policy
    Properties:
      Type: SERVICE_CONTROL_POLICY
      Content: {Version: '2012-10-17', Statement: [{Effect: Deny, Action: 'ec2:*', Resource: '*'}]}
  Rcp:
    Type: AWS::Organizations::Policy
    Properties:
      Type: RESOURCE_CONTROL_POLICY
      Content: '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}'
  TagPolicy:
    Type: AWS::Organizations::Policy
    Properties:
      Type: TAG_POLICY
      Content: {tags: {}}
  Bus:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: s
      Statement: {Effect: Allow, Principal: {AWS: '111122223333'}, Action: events:PutEvents, Resource: '*'}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSLambdaBasicExecutionRole
        - Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: '*'}]
`)!;
  assert.deepEqual(
    template.policies.map((policy) => [policy.pointer, policy.kind, policy.hostResourceType, policy.attachedResourceType ?? null]),
    [
      ['/Resources/Role/Properties/AssumeRolePolicyDocument', 'trust', 'AWS::IAM::Role', null],
      ['/Resources/Role/Properties/Policies/0/Fn::If/1/PolicyDocument', 'identity', 'AWS::IAM::Role', null],
      ['/Resources/Boundary/Properties/PolicyDocument', 'boundary', 'AWS::IAM::ManagedPolicy', null],
      ['/Resources/BucketPolicy/Properties/PolicyDocument', 'resource', 'AWS::S3::BucketPolicy', 'AWS::S3::Bucket'],
      ['/Resources/Scp/Properties/Content', 'scp', 'AWS::Organizations::Policy', null],
      ['/Resources/Rcp/Properties/Content', 'rcp', 'AWS::Organizations::Policy', null],
      ['/Resources/Bus/Properties/Statement', 'resource', 'AWS::Events::EventBusPolicy', 'AWS::Events::EventBus'],
      ['/Resources/Fn/Properties/Policies/1', 'identity', 'AWS::Serverless::Function', null],
    ],
  );
  assert.deepEqual(template.references.map((reference) => [reference.type, reference.name, reference.pointer]), [['managed', 'AWSLambdaBasicExecutionRole', '/Resources/Fn/Properties/Policies/0']]);
});

test('intrinsics are values with holes: no error caused by an unknown value, and known shapes are checked', () => {
  const found = findings(ROLE_YAML);
  // The misspelt action inside a !Sub with no hole is found on its exact text.
  const misspelt = found.find((finding) => finding.code === 'INVALID_ACTION');
  assert.ok(misspelt, 'the misspelt action is reported');
  // As in a JSON policy, a finding on a whole value covers its quotes.
  assert.equal(misspelt.text, "'s3:ListBukket'");
  // `s3:Get${BucketName}` (a parameter without default), the Sub principal and the parameter ARN give nothing.
  assert.deepEqual(found.filter((finding) => finding.category === 'ERROR').map((finding) => finding.text), ["'s3:ListBukket'"]);
  // The bucket ARN of the template's own bucket is a bucket, not an object.
  const mismatch = found.find((finding) => finding.code === 'RESOURCE_TYPE_MISMATCH');
  assert.ok(mismatch);
  assert.equal(mismatch.text, '!GetAtt MyBucket.Arn');
  assert.match(mismatch.message, /\$\{MyBucket\.Arn\}/);
});

test('the classic mistake s3:GetObject on !GetAtt Bucket.Arn is fixed with !Sub and the YAML stays valid', () => {
  const found = findings(ROLE_YAML);
  const mismatch = found.find((finding) => finding.code === 'RESOURCE_TYPE_MISMATCH')!;
  assert.equal(mismatch.fixes?.[0]?.edits[0]?.newText, "!Sub '${MyBucket.Arn}/*'");
  const fixed = applyFix(ROLE_YAML, mismatch);
  assert.equal(parseDocument(fixed).errors.length, 0);
  assert.ok(!findings(fixed).some((finding) => finding.code === 'RESOURCE_TYPE_MISMATCH'), 'the fix removes the finding');
});

test('in a JSON template the fix is written as Fn::Sub', () => {
  const text = JSON.stringify({
    Resources: {
      B: { Type: 'AWS::S3::Bucket' },
      P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::GetAtt': ['B', 'Arn'] } }] } } },
    },
  }, null, 2);
  const mismatch = findings(text).find((finding) => finding.code === 'RESOURCE_TYPE_MISMATCH')!;
  assert.equal(mismatch.fixes?.[0]?.edits[0]?.newText, '{ "Fn::Sub": "${B.Arn}/*" }');
  const fixed = applyFix(text, mismatch);
  assert.doesNotThrow(() => JSON.parse(fixed));
});

test('a misspelt action in YAML is replaced in place and a duplicate entry removed with its line', () => {
  const text = `Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - s3:GetObjekt
              - s3:PutObject
              - s3:PutObject
            Resource: '*'
`;
  const found = findings(text);
  const invalid = found.find((finding) => finding.code === 'INVALID_ACTION')!;
  assert.equal(invalid.text, 's3:GetObjekt');
  assert.equal(applyFix(text, invalid).includes('- s3:GetObject\n'), true);
  const duplicate = found.find((finding) => finding.code === 'REDUNDANT_ACTION')!;
  const fixed = applyFix(text, duplicate);
  assert.equal(fixed.split('s3:PutObject').length - 1, 1);
  assert.equal(parseDocument(fixed).errors.length, 0);
});

test('both branches of Fn::If in a Resource list are checked', () => {
  const text = `Conditions:
  C: !Equals [a, b]
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !If [C, 'arn:aws:s3:::ok/*', 'arn:aws:s3:::']
`;
  const codes = findings(text).map((finding) => `${finding.code} ${finding.text}`);
  assert.ok(codes.some((code) => code.startsWith('MISSING_ARN_FIELD') || code.startsWith('INVALID_ARN')), codes.join('; '));
});

test('a policy written as a JSON string (Logs resource policy) is checked inside the string', () => {
  const text = `Resources:
  LogPolicy:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: p
      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "es.amazonaws.com"}, "Action": ["logs:PutLogEventz"], "Resource": "*"}]}'
`;
  const invalid = findings(text).find((finding) => finding.code === 'INVALID_ACTION');
  assert.ok(invalid);
  assert.equal(invalid.text, '"logs:PutLogEventz"');
});

test('dynamic references ({{resolve:...}}) are unknown values: nothing is reported on them, the rest is still checked', () => {
  // CloudFormation User Guide, "Get values stored in other services using dynamic references": ssm,
  // ssm-secure and secretsmanager references are replaced, in any resource property, at deploy time.
  const text = `Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: '{{resolve:ssm:/app/bucket-arn}}'
          - Effect: Allow
            Action: s3:GetObjekt
            Resource: !Sub 'arn:\${AWS::Partition}:s3:::{{resolve:ssm:/app/bucket}}/*'
          - Effect: Allow
            Action: secretsmanager:GetSecretValue
            Resource: !Join ['', ['{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:111122223333:secret:app:SecretString:arn}}']]
          - Effect: Allow
            Action: s3:GetObject
            Resource: notanarn
  Shared:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: shared
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: '{{resolve:ssm:/org/partner-account}}' }
            Action: s3:GetObject
            Resource: arn:aws:s3:::shared/*
  External:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: external
      PolicyDocument: '{{resolve:ssm:/app/policy-json}}'
`;
  const found = findings(text).filter((finding) => finding.category === 'ERROR');
  // Without dynamic references these were INVALID_ARN_PREFIX, INVALID_PRINCIPAL_FORMAT and eight JSON errors.
  assert.deepEqual(found.map((finding) => `${finding.code} ${finding.text}`), ['INVALID_ACTION s3:GetObjekt', 'INVALID_ARN_PREFIX notanarn']);
  const host = analyzeHostDocument(text)!;
  // The policy read from Parameter Store is not in the template: no policy to analyse there.
  assert.deepEqual(host.policies.map((analysis) => analysis.policy.pointer), ['/Resources/Reader/Properties/PolicyDocument', '/Resources/Shared/Properties/PolicyDocument']);
  // The reference is explained where it stands.
  const document = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
  const analysis = analyzeDocument({ text, path: 't.yaml', settings: DEFAULT_SETTINGS });
  const hover = hoverAt(document, analysis, document.positionAt(text.indexOf('/app/bucket-arn')));
  assert.match(JSON.stringify(hover?.contents ?? ''), /Parameter Store parameter `\/app\/bucket-arn`/);
  // The whole value is unknown: nothing is said about the placeholder that stands for it.
  assert.doesNotMatch(JSON.stringify(hover?.contents ?? ''), /not an ARN|bucket-arn`\s*\(/);
});

test("the template's own account is not another account: ${AWS::AccountId} is the owner, a literal account may not be", () => {
  // IAM User Guide, "Cross account resource access in IAM": a principal of another account; the
  // stack's resources are in the stack's account, which ${AWS::AccountId} names (its sample value is
  // not an account of the template and must never be reported as one).
  const text = `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
            Action: kms:*
            Resource: '*'
          - Effect: Allow
            Principal: { AWS: !Join ['', ['arn:', !Ref AWS::Partition, ':iam::444455556666:root']] }
            Action: kms:Decrypt
            Resource: '*'
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Ref AWS::AccountId }
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
`;
  const cross = findings(text).filter((finding) => finding.code === 'CROSS_ACCOUNT_ACCESS');
  // Only the literal account, and still hedged: the stack may be deployed into it.
  assert.deepEqual(cross.map((finding) => finding.message), ['Cross-account access: statement 1 lets account(s) `444455556666` perform `kms:Decrypt` (cross-account unless the policy belongs to that account).']);
  // The summary of the key policy says the same: the owning account, without the sample's number.
  const document = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
  const analysis = analyzeDocument({ text, path: 't.yaml', settings: DEFAULT_SETTINGS });
  const summary = summaryMarkdownOf(document, analysis, '/Resources/Key/Properties/KeyPolicy');
  assert.match(summary, /the owning account/);
  assert.doesNotMatch(summary, /123456789012/);
});

test('resource policies of every documented place are found: one per resource type and property', () => {
  // CloudFormation resource reference of each type (the property that holds the JSON policy).
  const places: Array<[type: string, property: string]> = [
    ['AWS::Logs::Destination', 'DestinationPolicy'],
    ['AWS::Lambda::ResourcePolicy', 'PolicyDocument'],
    ['AWS::ECR::PublicRepository', 'RepositoryPolicyText'],
    ['AWS::MSK::ClusterPolicy', 'Policy'],
    ['AWS::VpcLattice::AuthPolicy', 'Policy'],
    ['AWS::VpcLattice::ResourcePolicy', 'Policy'],
    ['AWS::SSM::ResourcePolicy', 'Policy'],
    ['AWS::EventSchemas::RegistryPolicy', 'Policy'],
    ['AWS::Lex::ResourcePolicy', 'Policy'],
    ['AWS::S3ObjectLambda::AccessPointPolicy', 'PolicyDocument'],
    ['AWS::S3Outposts::BucketPolicy', 'PolicyDocument'],
    ['AWS::S3Outposts::AccessPoint', 'Policy'],
    ['AWS::S3Tables::TablePolicy', 'ResourcePolicy'],
    ['AWS::S3Vectors::VectorBucketPolicy', 'Policy'],
    ['AWS::Oam::Sink', 'Policy'],
    ['AWS::XRay::ResourcePolicy', 'PolicyDocument'],
    ['AWS::APS::ResourcePolicy', 'PolicyDocument'],
    ['AWS::MediaStore::Container', 'Policy'],
    ['AWS::SageMaker::ModelPackageGroup', 'ModelPackageGroupPolicy'],
  ];
  for (const [type, property] of places) {
    // Written as a JSON string, which every one of these properties accepts.
    const text = `Resources:
  Thing:
    Type: ${type}
    Properties:
      ${property}: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObjekt", "Resource": "*"}]}'
`;
    const host = analyzeHostDocument(text)!;
    assert.deepEqual(host.policies.map((analysis) => [analysis.policy.pointer, analysis.kind.kind]), [[`/Resources/Thing/Properties/${property}`, 'resource']], type);
    assert.ok(host.findings.some((finding) => finding.code === 'INVALID_ACTION'), type);
  }
});

test('a policy document that is a list, a number, a boolean, empty or a string that is not JSON is reported as a policy file would be, at any depth', () => {
  const template = (value: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      PolicyDocument: ${value}
`;
  const cases: Array<[string, string[]]> = [
    ['[]', ['INVALID_TYPE []']],
    ['[{Statement: []}]', ['INVALID_TYPE [{Statemen']],
    ['5', ['INVALID_TYPE 5']],
    ['true', ['INVALID_TYPE true']],
    // CloudFormation reads a string as the policy's JSON: nothing, `""` or a word is refused. Nothing
    // at all is YAML's null.
    ['', ['INVALID_TYPE ']],
    ['""', ['INVALID_TYPE ""']],
    ['allow-everything', ['INVALID_TYPE allow-ever']],
    // A value nested deeper than any policy (iam/document/jsonNesting.ts): the type and the depth.
    ['['.repeat(30_000) + ']'.repeat(30_000), ['INVALID_TYPE [[[[[[[[[[', 'POLICY_TOO_DEEP [[[[[[[[[[']],
    // Left out, or a value from elsewhere: nothing to report.
    ['!Ref AWS::NoValue', []],
    ['!If [C, !Ref AWS::NoValue, !Ref AWS::NoValue]', []],
  ];
  for (const [value, expected] of cases) {
    const found = findings(template(value)).filter((finding) => finding.category === 'ERROR');
    assert.deepEqual(found.map((finding) => `${finding.code} ${finding.text.slice(0, 10)}`), expected, value.slice(0, 40));
    if (value === '') assert.match(found[0]!.message, /not null/);
  }
});

test('editor features run on the policy under the cursor and answer in the template', () => {
  const text = ROLE_YAML.replace('                  - s3:GetObject\n', '                  - s3:GetObject\n                  - s3:Put\n');
  const document = TextDocument.create('file:///t/template.yaml', 'yaml', 1, text);
  const analysis = analyzeDocument({ text, path: 'template.yaml', settings: DEFAULT_SETTINGS });
  assert.equal(analysis.role, 'template');
  const at = text.indexOf('s3:Put') + 's3:Put'.length;
  const list = completionsAt(document, analysis, document.positionAt(at), DEFAULT_SETTINGS);
  const item = list.items.find((candidate) => candidate.label === 's3:PutObject');
  assert.ok(item, 'actions are offered in a YAML Action list');
  assert.equal((item.textEdit as { newText: string }).newText, 's3:PutObject');
  const hover = hoverAt(document, analysis, document.positionAt(text.indexOf('MyBucket.Arn') + 2));
  assert.match(JSON.stringify(hover?.contents), /bucket ARN of `MyBucket`/);
  const symbols = symbolsOf(document, analysis);
  assert.deepEqual(symbols.map((symbol) => symbol.name), ['AppRole trust policy', 'AppRole inline policy S3Access']);
  const lenses = policyLenses(document, analysis, 'summary');
  assert.equal(lenses.length, 2);
  assert.match(lenses[1]!.command!.title, /^AppRole inline policy S3Access: /);
  assert.equal(lenses[1]!.range.start.line, text.slice(0, text.indexOf('Version', text.indexOf('  PolicyDocument:'))).split('\n').length - 1);
});

test('AWS managed policies and SAM policy templates named in a template: hover and completion', () => {
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
      ManagedPolicyArns:
        - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/ReadOnlyAccess'
        - arn:aws:iam::aws:policy/AmazonS3Read
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSLambdaBasicExecutionRole
        - S3ReadPolicy:
            BucketName: !Ref Bucket
`;
  const document = TextDocument.create('file:///t/sam.yaml', 'yaml', 1, text);
  const analysis = analyzeDocument({ text, path: 'sam.yaml', settings: DEFAULT_SETTINGS });
  assert.equal(analysis.role, 'template');
  const readOnly = hoverAt(document, analysis, document.positionAt(text.indexOf('ReadOnlyAccess') + 3));
  assert.match(JSON.stringify(readOnly?.contents), /ReadOnlyAccess/);
  const basic = hoverAt(document, analysis, document.positionAt(text.indexOf('AWSLambdaBasicExecutionRole') + 3));
  assert.match(JSON.stringify(basic?.contents), /logs/);
  const sam = hoverAt(document, analysis, document.positionAt(text.indexOf('S3ReadPolicy') + 3));
  assert.match(JSON.stringify(sam?.contents), /SAM policy template/);
  const list = completionsAt(document, analysis, document.positionAt(text.indexOf('AmazonS3Read') + 'AmazonS3Read'.length), DEFAULT_SETTINGS);
  const s3ReadOnly = list.items.find((item) => item.label === 'AmazonS3ReadOnlyAccess');
  assert.ok(s3ReadOnly);
  assert.equal((s3ReadOnly.textEdit as { newText: string }).newText, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
  // The SAM template is expanded with the template's own bucket: its summary names S3.
  const lenses = policyLenses(document, analysis, 'summary');
  assert.ok(lenses.some((lens) => /^Fn S3ReadPolicy: .*S3/.test(lens.command!.title)), lenses.map((lens) => lens.command!.title).join('; '));
});

test('on a SAM policy template: its name completes to SAM policy template names, its parameters to nothing of the policy it expands to', () => {
  // AWS SAM Developer Guide, "AWS SAM policy templates": an item of a function's Policies that is a
  // mapping names a template (its key) and gives its parameters (its value).
  const yaml = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - S3ReadPolicy:
            BucketName: my-bucket
`;
  const json = JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [{ S3ReadPolicy: { BucketName: 'my-bucket' } }] } } } }, null, 2);
  for (const [text, path, newText] of [[yaml, 'sam.yaml', 'S3ReadPolicy'], [json, 'sam.json', '"S3ReadPolicy"']] as const) {
    const document = TextDocument.create(`file:///t/${path}`, path.endsWith('.json') ? 'json' : 'yaml', 1, text);
    const analysis = analyzeDocument({ text, path, settings: DEFAULT_SETTINGS });
    const at = text.indexOf('S3Read') + 'S3Read'.length;
    const list = completionsAt(document, analysis, document.positionAt(at), DEFAULT_SETTINGS);
    assert.ok(list.items.length > 0, path);
    for (const item of list.items) assert.equal(item.detail, 'SAM policy template', `${path}: ${item.label}`);
    const s3Read = list.items.find((item) => item.label === 'S3ReadPolicy');
    const edit = s3Read?.textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } } | undefined;
    assert.equal(edit?.newText, newText, path);
    // The edit replaces the name, nothing more.
    assert.equal(edit!.range.end.character - edit!.range.start.character, newText.length, path);
    const hover = hoverAt(document, analysis, document.positionAt(at));
    assert.match(JSON.stringify(hover?.contents), /SAM policy template/, path);
    assert.equal(hover!.range!.end.character - hover!.range!.start.character, newText.length, path);
    const inParameters = completionsAt(document, analysis, document.positionAt(text.indexOf('my-bucket') + 3), DEFAULT_SETTINGS);
    assert.deepEqual(inParameters.items.map((item) => item.label), [], path);
  }
});

test('a YAML policy being started: a word under PolicyDocument completes to Version and a first Statement, at its indentation', () => {
  // IAM User Guide, "IAM JSON policy element reference": a policy is Version and Statement; YAML reads
  // a word on the line below `PolicyDocument:` as a string, where a key of the policy is meant.
  const text = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Sta\n';
  const document = TextDocument.create('file:///t/start.yaml', 'yaml', 1, text);
  const analysis = analyzeDocument({ text, path: 'start.yaml', settings: DEFAULT_SETTINGS });
  const list = completionsAt(document, analysis, document.positionAt(text.indexOf('Sta') + 3), DEFAULT_SETTINGS);
  assert.deepEqual(list.items.map((item) => item.label), ['Version', 'Statement']);
  for (const item of list.items) assert.equal(item.insertTextMode, 1, 'the indentation is written out, not added again');
  const statement = list.items[1]!.textEdit as { newText: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  assert.deepEqual([statement.range.start, statement.range.end], [{ line: 5, character: 8 }, { line: 5, character: 11 }]);
  // The snippet with its first choices filled in is a policy with one statement.
  const filled = statement.newText.replace('${1|Allow,Deny|}', 'Allow').replace('$2', 's3:GetObject').replace('$3', "'*'");
  const host = analyzeHostDocument(text.replace('Sta', filled))!;
  assert.deepEqual(host.policies[0]!.parse.document.statements.map((s) => s.effect?.value?.value), ['Allow']);
  // On the key's own line, nothing is offered.
  const inline = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: Sta\n';
  const inlineDocument = TextDocument.create('file:///t/inline.yaml', 'yaml', 1, inline);
  assert.deepEqual(completionsAt(inlineDocument, analyzeDocument({ text: inline, path: 'inline.yaml', settings: DEFAULT_SETTINGS }), inlineDocument.positionAt(inline.indexOf('Sta') + 3), DEFAULT_SETTINGS).items, []);
});

test('completion never replaces an intrinsic function that stands for a policy value', () => {
  // CloudFormation User Guide, "Intrinsic function reference": `!GetAtt`/`Fn::GetAtt` and `!Ref`/`Ref`
  // stand for values known at deployment; a completion that replaced one with a literal would change it.
  const yaml = `Resources:
  Role:
    Type: AWS::IAM::Role
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !GetAtt Role.Arn
            Action: s3:GetObject
            Resource: '*'
            Condition:
              StringEquals:
                aws:PrincipalTag/team: !Ref Team
`;
  const json = JSON.stringify({ Resources: { Role: { Type: 'AWS::IAM::Role' }, Bucket: { Type: 'AWS::S3::Bucket' }, BucketPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } }, Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': { Ref: 'Team' } } } }] } } } } }, null, 2);
  const cases: Array<[string, string, string[]]> = [
    [yaml, 'policy.yaml', ['Role.Arn', 'Team']],
    [json, 'policy.json', ['"Fn::GetAtt"', '"Arn"', '"Ref": "Team"']],
  ];
  for (const [text, path, needles] of cases) {
    const document = TextDocument.create(`file:///t/${path}`, path.endsWith('.json') ? 'json' : 'yaml', 1, text);
    const analysis = analyzeDocument({ text, path, settings: DEFAULT_SETTINGS });
    for (const needle of needles) {
      const list = completionsAt(document, analysis, document.positionAt(text.indexOf(needle) + 2), DEFAULT_SETTINGS);
      assert.deepEqual(list.items.map((item) => item.label), [], `${path} at ${needle}`);
    }
    // A plain value next to them still completes.
    const actions = completionsAt(document, analysis, document.positionAt(text.indexOf('s3:Get') + 's3:Get'.length), DEFAULT_SETTINGS);
    assert.ok(actions.items.some((item) => item.label === 's3:GetObject'), path);
  }
});

test('a bucket policy is checked against its bucket: an ARN of another service is an error', () => {
  const text = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Key:
    Type: AWS::KMS::Key
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !Sub '\${Bucket.Arn}/*'
              - !GetAtt Key.Arn
            Condition: {Bool: {aws:SecureTransport: 'false'}}
`;
  const unsupported = findings(text).filter((finding) => finding.code === 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY');
  assert.deepEqual(unsupported.map((finding) => finding.text), ['!GetAtt Key.Arn']);
});

test('ARN completion in the template idiom: !GetAtt and !Sub of the template resources of the right type', () => {
  const text = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: 
`;
  const document = TextDocument.create('file:///t/idiom.yaml', 'yaml', 1, text);
  const analysis = analyzeDocument({ text, path: 'idiom.yaml', settings: DEFAULT_SETTINGS });
  const list = completionsAt(document, analysis, document.positionAt(text.length - 1), DEFAULT_SETTINGS);
  const labels = list.items.map((item) => item.label);
  assert.ok(labels.includes("!Sub '${Bucket.Arn}/*'"), labels.slice(0, 10).join(', '));
  assert.ok(labels.includes("!Sub 'arn:${AWS::Partition}:s3:::${BucketName}/${ObjectName}'"), labels.slice(0, 10).join(', '));
  assert.ok(!labels.some((label) => label.includes('Queue')), 'a queue is not an object');
});

test('the missing Version is added in the template syntax: a YAML line, a flow mapping entry, JSON', () => {
  const yamlText = `Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:ListAllMyBuckets
            Resource: '*'
`;
  const missing = findings(yamlText).find((finding) => finding.code === 'MISSING_VERSION')!;
  const fixed = applyFix(yamlText, missing);
  assert.match(fixed, /PolicyDocument:\n {8}Version: '2012-10-17'\n {8}Statement:/);
  assert.equal(parseDocument(fixed).errors.length, 0);
  assert.ok(!findings(fixed).some((finding) => finding.code === 'MISSING_VERSION'));
  const flow = "Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:ListAllMyBuckets', Resource: '*'}]}\n";
  const flowFixed = applyFix(flow, findings(flow).find((finding) => finding.code === 'MISSING_VERSION')!);
  assert.equal(parseDocument(flowFixed).errors.length, 0);
  assert.ok(!findings(flowFixed).some((finding) => finding.code === 'MISSING_VERSION'), flowFixed);
  const json = JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] } } } } }, null, 2);
  const jsonFixed = applyFix(json, findings(json).find((finding) => finding.code === 'MISSING_VERSION')!);
  assert.equal((JSON.parse(jsonFixed) as { Resources: { P: { Properties: { PolicyDocument: { Version: string } } } } }).Resources.P.Properties.PolicyDocument.Version, '2012-10-17');
});

test('any edit of a template: analysis, completion and hover never throw', async () => {
  const fc = await import('fast-check');
  const { readFileSync } = await import('node:fs');
  const base = readFileSync('examples/cloudformation/account-a/cross-account-role.yaml', 'utf8');
  const sam = readFileSync('examples/cloudformation/sam-app/template.yaml', 'utf8');
  fc.assert(
    fc.property(fc.constantFrom(base, sam, ROLE_YAML), fc.nat(), fc.nat(), fc.string({ maxLength: 12 }), fc.nat(), (text, at, length, insert, cursor) => {
      const start = at % (text.length + 1);
      const edited = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + (length % 20)));
      const document = TextDocument.create('file:///t/fuzz.yaml', 'yaml', 1, edited);
      const analysis = analyzeDocument({ text: edited, path: 'fuzz.yaml', settings: DEFAULT_SETTINGS });
      const position = document.positionAt(cursor % (edited.length + 1));
      completionsAt(document, analysis, position, DEFAULT_SETTINGS);
      hoverAt(document, analysis, position);
      symbolsOf(document, analysis);
      policyLenses(document, analysis, 'summary');
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('a quoted policy string whose closing line sits at its key\'s indentation is read, as lenient parsers read it', () => {
  // YAML 1.2 section 7.3 wants the continuation lines of a quoted scalar indented more than its block;
  // lenient parsers (PyYAML) accept them at the key's indentation, and published AWS sample templates
  // do it (`PolicyDocument: !Sub '{` ... `}'`). Reading it strictly reported a syntax error and lost
  // every policy after it.
  const yaml = `Resources:
  App:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'
      Policies:
        - PolicyName: first
          PolicyDocument: !Sub '{
              "Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:\${AWS::Partition}:s3:::data/*"}]
          }'
        - PolicyName: second
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObjekt
                Resource: '*'
`;
  const host = analyzeHostDocument(yaml);
  assert.ok(host);
  assert.deepEqual(host.policies.map((policy) => policy.policy.pointer), ['/Resources/App/Properties/AssumeRolePolicyDocument', '/Resources/App/Properties/Policies/0/PolicyDocument', '/Resources/App/Properties/Policies/1/PolicyDocument']);
  const found = findings(yaml);
  assert.deepEqual(found.filter((finding) => /SYNTAX/.test(finding.code)), []);
  // Ranges after the indented line are the text's own: the misspelt action is found where it is written.
  assert.ok(found.some((finding) => finding.code === 'INVALID_ACTION' && finding.text === 's3:GetObjekt'), JSON.stringify(found.map((finding) => [finding.code, finding.text])));
});
