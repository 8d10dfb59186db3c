/**
 * SAM policy templates (iam/catalog/samPolicyTemplates.ts), generated from SAM's
 * `policy_templates.json`. AWS SAM Developer Guide, "AWS SAM policy templates" (each template is a
 * policy document whose placeholders are the template's parameters) and "AWS SAM policy template
 * table" (the parameters and actions of each template).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandSamPolicyTemplate, samPolicyTemplate, samPolicyTemplateNames, samPolicyTemplatesSource } from '../../server/src/iam/catalog/samPolicyTemplates.ts';

/** Every `{"Ref": X}` in a definition, pseudo parameters (`AWS::Region`, ...) left out. */
function parameterRefs(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) parameterRefs(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'Ref' && typeof child === 'string' && !child.startsWith('AWS::')) out.add(child);
      parameterRefs(child, out);
    }
  }
  return out;
}

function actionsOf(definition: { Statement: readonly unknown[] }): string[] {
  return definition.Statement.flatMap((s) => {
    const action = (s as { Action?: string | string[] }).Action;
    return action === undefined ? [] : Array.isArray(action) ? action : [action];
  });
}

test('the source is recorded', () => {
  const source = samPolicyTemplatesSource();
  assert.equal(source.repository, 'https://github.com/aws/serverless-application-model');
  assert.equal(source.path, 'samtranslator/policy_templates_data/policy_templates.json');
  assert.match(source.commit, /^[0-9a-f]{40}$/);
  console.log(`SAM policy templates: ${samPolicyTemplateNames().length} from samtranslator ${source.samVersion} (${source.commit})`);
});

test('every template has a Statement, and its parameters are exactly the Refs its definition uses', () => {
  const names = samPolicyTemplateNames();
  assert.ok(names.length >= 80, `only ${names.length} templates`);
  const problems: string[] = [];
  for (const name of names) {
    const template = samPolicyTemplate(name)!;
    if (template.name !== name) problems.push(`${name}: name ${template.name}`);
    if (!Array.isArray(template.definition.Statement) || template.definition.Statement.length === 0) problems.push(`${name}: no Statement`);
    if (!template.description) problems.push(`${name}: no description`);
    const refs = [...parameterRefs(template.definition)].sort();
    if (JSON.stringify(refs) !== JSON.stringify([...template.parameters].sort())) problems.push(`${name}: parameters ${template.parameters.join(',')} but Refs ${refs.join(',')}`);
    for (const p of template.parameters) if (typeof template.parameterDescriptions[p] !== 'string') problems.push(`${name}: no description for ${p}`);
  }
  assert.deepEqual(problems, []);
});

const KNOWN: Array<[name: string, parameters: string[], actions: string[]]> = [
  ['S3ReadPolicy', ['BucketName'], ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration']],
  ['DynamoDBCrudPolicy', ['TableName'], ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:ConditionCheckItem']],
  ['SQSPollerPolicy', ['QueueName'], ['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage']],
  ['LambdaInvokePolicy', ['FunctionName'], ['lambda:InvokeFunction']],
  ['AMIDescribePolicy', [], ['ec2:DescribeImages']],
];

for (const [name, parameters, actions] of KNOWN) {
  test(`${name}: parameters ${parameters.join(', ') || 'none'} and its actions`, () => {
    const template = samPolicyTemplate(name);
    assert.ok(template);
    assert.deepEqual([...template.parameters], parameters);
    assert.deepEqual(actionsOf(template.definition).sort(), [...actions].sort());
  });
}

test('definitions keep intrinsic functions as SAM writes them', () => {
  const s3 = samPolicyTemplate('S3ReadPolicy')!;
  assert.deepEqual((s3.definition.Statement[0] as { Resource: unknown[] }).Resource[0], {
    'Fn::Sub': ['arn:${AWS::Partition}:s3:::${bucketName}', { bucketName: { Ref: 'BucketName' } }],
  });
});

test('unknown names and inherited properties are not templates', () => {
  for (const name of ['s3readpolicy', 'NoSuchPolicy', 'constructor', 'toString', '__proto__', '']) assert.equal(samPolicyTemplate(name), undefined, name);
});

test('THIRD-PARTY-NOTICES.md carries the Apache-2.0 licence, the NOTICE and the commit of the bundled definitions', async () => {
  const { readFileSync } = await import('node:fs');
  const notices = readFileSync('THIRD-PARTY-NOTICES.md', 'utf8');
  const source = samPolicyTemplatesSource();
  assert.ok(notices.includes(source.commit), 'the notice names another commit: update it with the data');
  assert.ok(notices.includes('Apache License') && notices.includes('Version 2.0, January 2004'));
  assert.ok(notices.includes('Copyright 2018 Amazon.com, Inc. or its affiliates. All Rights Reserved.'));
});

// Expansion as SAM does it: samtranslator/policy_template_processor/template.py (`to_statement`:
// every parameter needs a value, only `Ref`s to the template's parameters are replaced, values for
// other names are ignored). AWS SAM Developer Guide, "AWS SAM policy templates": a template without
// parameters takes an empty object.
const EXPANSIONS: Array<[name: string, values: unknown, expected: unknown]> = [
  ['SQSPollerPolicy', { QueueName: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }, {
    document: { Statement: [{ Action: ['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Effect: 'Allow', Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', { queueName: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }] } }] },
  }],
  // The value is inserted as written, even when it is itself a Ref with the parameter's name (a
  // CloudFormation parameter called TableName): it is not resolved again.
  ['DynamoDBReadPolicy', { TableName: { Ref: 'TableName' }, Extra: 'ignored' }, undefined],
  ['AMIDescribePolicy', {}, { document: { Statement: [{ Action: ['ec2:DescribeImages'], Effect: 'Allow', Resource: '*' }] } }],
  ['S3ReadPolicy', {}, { error: 'SAM policy template `S3ReadPolicy` needs a value for `BucketName`' }],
  ['S3ReadPolicy', 'my-bucket', { error: 'SAM policy template `S3ReadPolicy` needs an object of parameter values' }],
  ['AMIDescribePolicy', null, { error: 'SAM policy template `AMIDescribePolicy` needs an object of parameter values (`{}` when it takes none)' }],
  ['S3ReadPolicyy', {}, { error: '`S3ReadPolicyy` is not a SAM policy template' }],
];

for (const [name, values, expected] of EXPANSIONS) {
  test(`expandSamPolicyTemplate(${name}, ${JSON.stringify(values)})`, () => {
    const result = expandSamPolicyTemplate(name, values);
    if (expected !== undefined) return assert.deepEqual(result, expected);
    assert.ok('document' in result);
    const text = JSON.stringify(result.document);
    assert.ok(!text.includes('"Extra"') && !text.includes('ignored'));
    assert.equal((text.match(/\{"Ref":"TableName"\}/g) ?? []).length, 2, text);
  });
}

test('expansion copies: the bundled definition is unchanged', () => {
  const before = JSON.stringify(samPolicyTemplate('S3ReadPolicy')!.definition);
  const result = expandSamPolicyTemplate('S3ReadPolicy', { BucketName: 'b' });
  assert.ok('document' in result);
  assert.match(JSON.stringify(result.document), /"bucketName":"b"/);
  assert.equal(JSON.stringify(samPolicyTemplate('S3ReadPolicy')!.definition), before);
});
