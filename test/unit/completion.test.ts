/**
 * Completion, as data: a policy text with a `|` cursor marker, and what the list must (and must not)
 * offer. The real core runs on the parsed text; the service layer is checked for edits and wording.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePolicy } from '../../server/src/iam/document/parse.ts';
import type { PolicyKind } from '../../server/src/iam/document/policyKind.ts';
import { complete } from '../../server/src/iam/completion/complete.ts';
import { completionContext } from '../../server/src/iam/completion/completionContext.ts';
import { matchesTemplate, couldStartTemplate, templateSnippet } from '../../server/src/iam/completion/arnTemplates.ts';
import { getCompletions } from '../../server/src/service/completion.ts';
import { analyzeDocument } from '../../server/src/service/documentAnalysis.ts';
import { DEFAULT_SETTINGS } from '../../server/src/settings.ts';

interface Case {
  readonly name: string;
  readonly text: string;
  /** Labels that must be offered. */
  readonly includes?: readonly string[];
  /** Labels that must be the first ones, in order. */
  readonly first?: readonly string[];
  /** Labels that must not be offered. */
  readonly excludes?: readonly string[];
  readonly kind?: PolicyKind;
  readonly max?: number;
  readonly incomplete?: boolean;
  readonly empty?: boolean;
}

function run(text: string, kind?: PolicyKind, max = 200) {
  const offset = text.indexOf('|');
  assert.ok(offset >= 0, 'cursor marker missing');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  const document = parsePolicy(source).document;
  return complete(document, offset, { kind, maxItems: max, defaultPartition: 'aws', defaultAccount: '123456789012' });
}

const S = (body: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ${body}}]}`;

const CASES: Case[] = [
  // Element keys.
  { name: 'top-level keys in an empty object', text: '{|}', first: ['Version', 'Id', 'Statement'] },
  { name: 'top-level keys not repeated', text: '{"Version": "2012-10-17", "|"}', includes: ['Statement', 'Id'], excludes: ['Version'] },
  { name: 'statement keys exclude present ones', text: S('"|"'), includes: ['Sid', 'Action', 'Resource', 'Condition'], excludes: ['Effect'] },
  { name: 'Action excludes NotAction', text: S('"Action": "s3:GetObject", "|"'), includes: ['Resource'], excludes: ['Action', 'NotAction'] },
  { name: 'statement keys by prefix, unquoted', text: S('Res|'), first: ['Resource'] },
  { name: 'skeleton snippets in an empty statement', text: '{"Statement": [{|}]}', includes: ['Allow statement skeleton', 'Deny statement skeleton', 'Effect'] },
  { name: 'new statement snippets in the Statement array', text: '{"Statement": [|]}', first: ['New Allow statement', 'New Deny statement'] },
  { name: 'new statement after another', text: '{"Statement": [{"Effect": "Allow"}, |]}', first: ['New Allow statement'] },
  { name: 'a whole policy in an empty document', text: '|', first: ['New policy'] },
  // Values of the grammar.
  { name: 'Version values, current first', text: '{"Version": "|"}', first: ['2012-10-17', '2008-10-17'] },
  { name: 'Effect values', text: '{"Statement": [{"Effect": "|"}]}', first: ['Allow', 'Deny'] },
  { name: 'Effect values by prefix', text: '{"Statement": [{"Effect": "D|"}]}', first: ['Deny'], excludes: ['Allow'] },
  // Actions.
  { name: 'services before a colon', text: S('"Action": "|"'), includes: ['s3', 'ec2', 'iam', '*'], incomplete: true },
  { name: 'service prefix match ranks first', text: S('"Action": "s3|"'), first: ['s3'] },
  { name: 'services matched by name', text: S('"Action": "storage|"'), includes: ['storagegateway'] },
  { name: 'actions after the colon with wildcards', text: S('"Action": "s3:|"'), first: ['s3:*'], includes: ['s3:GetObject', 's3:PutObject', 's3:Get*', 's3:List*'] },
  { name: 'verb wildcard first for a verb', text: S('"Action": "s3:Get|"'), first: ['s3:Get*'], includes: ['s3:GetObject'], excludes: ['s3:PutObject'] },
  { name: 'case-insensitive action prefix', text: S('"Action": "S3:getobj|"'), includes: ['s3:GetObject', 's3:GetObjectAcl', 's3:GetObj*'] },
  { name: 'substring matches after prefix matches', text: S('"Action": "s3:Object|"'), includes: ['s3:GetObject', 's3:PutObject'], incomplete: true },
  { name: 'unquoted in an array', text: S('"Action": [s3:PutObj|]'), includes: ['s3:PutObject'] },
  { name: 'second array element, existing one not offered', text: S('"Action": ["s3:GetObject", "s3:GetObj|"]'), includes: ['s3:GetObjectAcl'], excludes: ['s3:GetObject'] },
  { name: 'unclosed string', text: '{"Statement": [{"Effect": "Allow", "Action": "ec2:StartInst|\n}]}', includes: ['ec2:StartInstances'] },
  { name: 'trust policy ranks sts:AssumeRole first', text: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "|"}]}', kind: 'trust', first: ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'] },
  { name: 'bounded and incomplete', text: S('"Action": "ec2:|"'), max: 20, incomplete: true },
  // Resources.
  { name: 'ARN templates of the actions', text: S('"Action": "s3:GetObject", "Resource": "|"'), includes: ['arn:aws:s3:::${BucketName}/${ObjectName}', '*'], excludes: ['arn:aws:s3:::${BucketName}'] },
  { name: 'bucket ARN for ListBucket', text: S('"Action": "s3:ListBucket", "Resource": "|"'), first: ['arn:aws:s3:::${BucketName}'] },
  { name: 'half-typed ARN keeps fitting templates', text: S('"Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::my-bucket/|"'), includes: ['arn:aws:s3:::${BucketName}/${ObjectName}'], excludes: ['arn:aws:s3:::${BucketName}'] },
  { name: 'service named in the ARN', text: S('"Action": "s3:GetObject", "Resource": "arn:aws:dynamodb:|"'), includes: ['arn:aws:dynamodb:${Region}:${Account}:table/${TableName}'] },
  { name: 'partition from the document', text: '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws-cn:s3:::a/b", "|"]}]}', includes: ['arn:aws-cn:s3:::${BucketName}/${ObjectName}'] },
  { name: 'policy variables in an ARN', text: S('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:u|"'), first: ['${aws:username}', '${aws:userid}'] },
  { name: 'generic ARN without actions', text: S('"Resource": "|"'), includes: ['*', 'arn:aws:service:region:account:resource'] },
  // Conditions.
  { name: 'operators', text: S('"Action": "s3:GetObject", "Condition": {"|"}'), first: ['StringEquals'], includes: ['Bool', 'IpAddress', 'StringLikeIfExists', 'Null'], excludes: ['ForAnyValue:StringEquals'] },
  { name: 'qualified operators after For', text: S('"Action": "s3:GetObject", "Condition": {"ForAny|"}'), includes: ['ForAnyValue:StringEquals', 'ForAnyValue:StringLikeIfExists'], excludes: ['ForAllValues:StringEquals'] },
  { name: 'operators not repeated', text: S('"Condition": {"StringEquals": {}, "String|"}'), includes: ['StringLike'], excludes: ['StringEquals'] },
  { name: 'keys of the actions and global keys', text: S('"Action": "s3:ListBucket", "Condition": {"StringLike": {"|"}}'), includes: ['s3:prefix', 'aws:SourceIp', 'aws:PrincipalTag/${TagKey}'] },
  { name: 'keys filtered by typed prefix', text: S('"Action": "s3:ListBucket", "Condition": {"StringLike": {"aws:Pri|"}}'), includes: ['aws:PrincipalArn', 'aws:PrincipalOrgID'], excludes: ['s3:prefix'] },
  { name: 'service keys by typed prefix', text: S('"Action": "s3:GetObject", "Condition": {"StringEquals": {"ec2:Reg|"}}'), includes: ['ec2:Region'] },
  { name: 'Bool key values', text: S('"Condition": {"Bool": {"aws:SecureTransport": "|"}}'), first: ['true', 'false'] },
  { name: 'region values', text: S('"Condition": {"StringEquals": {"aws:RequestedRegion": "eu-|"}}'), includes: ['eu-west-1', 'eu-central-1'], excludes: ['us-east-1'] },
  { name: 'principal type values', text: S('"Condition": {"StringEquals": {"aws:PrincipalType": ["|"]}}'), includes: ['AssumedRole', 'User', 'Account'] },
  { name: 'Null values', text: S('"Condition": {"Null": {"aws:TokenIssueTime": "|"}}'), first: ['true', 'false'] },
  { name: 'variables in condition values', text: S('"Condition": {"StringEquals": {"s3:prefix": "home/${aws:user|"}}'), includes: ['${aws:username}', '${aws:userid}'] },
  // Principals.
  { name: 'principal types', text: '{"Statement": [{"Effect": "Allow", "Principal": {"|"}}]}', first: ['AWS', 'Service', 'Federated', 'CanonicalUser'] },
  { name: 'principal types not repeated', text: '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*", "|"}}]}', excludes: ['AWS'] },
  { name: 'principal forms', text: '{"Statement": [{"Effect": "Allow", "Principal": |}]}', includes: ['*', '{"AWS": ...}', '{"Service": ...}', '{"Federated": ...}'] },
  { name: 'service principals', text: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "lam|"}}]}', first: ['lambda.amazonaws.com'] },
  { name: 'catalog-derived service principals', text: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "dynamo|"}}]}', includes: ['dynamodb.amazonaws.com'] },
  { name: 'AWS principal templates with the document account', text: '{"Statement": [{"Effect": "Allow", "Resource": "arn:aws:sqs:us-east-1:444455556666:q", "Principal": {"AWS": "|"}}]}', includes: ['arn:aws:iam::444455556666:root', 'arn:aws:iam::444455556666:role/${RoleName}', '444455556666'] },
  { name: 'identity providers', text: '{"Statement": [{"Effect": "Allow", "Principal": {"Federated": "|"}}]}', includes: ['cognito-identity.amazonaws.com', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', 'arn:aws:iam::123456789012:saml-provider/${ProviderName}'] },
  // Nothing to offer.
  { name: 'nothing in a Sid value', text: S('"Sid": "|"'), empty: true },
];

for (const c of CASES) {
  test(`completion: ${c.name}`, () => {
    const answer = run(c.text, c.kind, c.max);
    const labels = answer.items.map((i) => i.label);
    if (c.empty) assert.deepEqual(labels, []);
    for (const label of c.includes ?? []) assert.ok(labels.includes(label), `missing ${label} in ${labels.slice(0, 30).join(', ')}`);
    for (const label of c.excludes ?? []) assert.ok(!labels.includes(label), `unexpected ${label}`);
    if (c.first) assert.deepEqual(labels.slice(0, c.first.length), c.first);
    if (c.incomplete !== undefined) assert.equal(answer.isIncomplete, c.incomplete);
    if (c.max !== undefined) assert.ok(answer.items.length <= c.max);
  });
}

test('completion context: slots, partial text and token', () => {
  const cases: [string, string, string, string][] = [
    // text, slot, partial, token text
    [S('"Action": "s3:Ge|t"'), 'action', 's3:Ge', '"s3:Get"'],
    [S('"Action": [ec2:Desc|]'), 'action', 'ec2:Desc', 'ec2:Desc'],
    [S('"Resource": "arn:aws:s3:::|'), 'resource', 'arn:aws:s3:::', '"arn:aws:s3:::'],
    ['{"Statement": [{"Resource": "arn:aws:s3:::b|uck\n}]}', 'resource', 'arn:aws:s3:::b', '"arn:aws:s3:::buck'],
    [S('"Condition": {"StringEquals": {"aws:Pr|": "x"}}'), 'conditionKey', 'aws:Pr', '"aws:Pr"'],
    [S('"Condition": {"StringEquals": {"aws:PrincipalType": ["User", "|"]}}'), 'conditionValue', '', '""'],
    ['{"Statement": {"Effect": "|"}}', 'effect', '', '""'],
    ['{"Statement": [{"Principal": {"AWS": ["|"]}}]}', 'principalValue', '', '""'],
  ];
  for (const [text, slot, partial, token] of cases) {
    const offset = text.indexOf('|');
    const source = text.slice(0, offset) + text.slice(offset + 1);
    const context = completionContext(parsePolicy(source).document, offset);
    assert.equal(context.slot, slot, text);
    assert.equal(context.partial, partial, text);
    assert.equal(source.slice(context.token.offset, context.token.offset + context.token.length), token, text);
  }
});

test('inserted text: quotes, snippets and key values', () => {
  const key = run(S('"Act|"')).items.find((i) => i.label === 'Action')!;
  assert.equal(key.insertText, '"Action": ["$1"]');
  assert.equal(key.snippet, true);
  const keyBeforeColon = run(S('"Act|": "s3:GetObject"')).items.find((i) => i.label === 'Action')!;
  assert.equal(keyBeforeColon.insertText, '"Action"', 'only the key when a colon follows');
  const value = run(S('"Action": [s3:GetObjectAc|]')).items.find((i) => i.label === 's3:GetObjectAcl')!;
  assert.equal(value.insertText, '"s3:GetObjectAcl"');
  const service = run(S('"Action": "s3|"')).items[0]!;
  assert.equal(service.insertText, '"s3:$0"');
  assert.equal(service.retrigger, true);
  const variable = run(S('"Resource": "arn:aws:s3:::b/${aws:usern|}/*"')).items.find((i) => i.label === '${aws:username}')!;
  assert.equal(variable.insertText, '"arn:aws:s3:::b/\\${aws:username\\}$0/*"');
});

test('ARN templates: snippets, prefixes and matching', () => {
  assert.equal(templateSnippet('arn:${Partition}:s3:::${BucketName}/${ObjectName}', { partition: 'aws', account: '111122223333' }), 'arn:${1:aws}:s3:::${2:BucketName}/${3:ObjectName}');
  assert.equal(
    templateSnippet('arn:${Partition}:sqs:${Region}:${Account}:${QueueName}', { partition: 'aws', account: '111122223333', region: 'eu-west-1' }),
    'arn:${1:aws}:sqs:${2:eu-west-1}:${3:111122223333}:${4:QueueName}',
  );
  assert.ok(couldStartTemplate('arn:aws:s3:::bucket/ke', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}'));
  assert.ok(!couldStartTemplate('arn:aws:s3:::bucket/ke', 'arn:${Partition}:s3:::${BucketName}'));
  assert.ok(!couldStartTemplate('arn:aws:sqs:', 'arn:${Partition}:s3:::${BucketName}'));
  assert.ok(matchesTemplate('arn:aws:s3:::bucket/*', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}'));
  assert.ok(!matchesTemplate('arn:aws:s3:::bucket/*', 'arn:${Partition}:s3:::${BucketName}'));
  assert.ok(matchesTemplate('arn:aws:iam::123456789012:role/path/name', 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'));
  assert.ok(!matchesTemplate('a'.repeat(5000) + ':', 'arn:${Partition}:s3:::${BucketName}'));
});

test('service layer: edits over the token, wording and bounds', () => {
  const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetOb"}]}';
  const document = TextDocument.create('file:///p.json', 'json', 1, text);
  const analysis = analyzeDocument({ text, path: 'p.json', settings: DEFAULT_SETTINGS });
  const offset = text.indexOf('s3:GetOb') + 'S3:GetOb'.length;
  const list = getCompletions(document, analysis, document.positionAt(offset), { ...DEFAULT_SETTINGS, completionMaxItems: 10 });
  const item = list.items.find((i) => i.label === 's3:GetObject')!;
  assert.ok(item, 'item present');
  assert.equal(item.filterText, '"s3:GetObject');
  const edit = item.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
  assert.equal(edit.newText, '"s3:GetObject"');
  assert.equal(text.slice(edit.range.start.character, edit.range.end.character), '"s3:GetOb"');
  assert.match(item.detail ?? '', /^Read/);
  assert.match((item.documentation as { value: string }).value, /list_amazons3\.html/);
  assert.ok(list.items.length <= 10);
  const wildcard = list.items.find((i) => i.label === 's3:GetOb*');
  assert.match(wildcard?.detail ?? '', /actions: \d+ Read/);
});
