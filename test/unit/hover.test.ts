/**
 * Hover, as data: a policy text with a `|` cursor marker and fragments the markdown must contain.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePolicy } from '../../server/src/iam/document/parse.ts';
import { hoverTarget } from '../../server/src/iam/completion/hoverTarget.ts';
import { describeTarget, getHover } from '../../server/src/service/hover.ts';
import { analyzeDocument } from '../../server/src/service/documentAnalysis.ts';
import { DEFAULT_SETTINGS } from '../../server/src/settings.ts';

function hoverText(text: string): { markdown?: string; spanned?: string } {
  const offset = text.indexOf('|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  const target = hoverTarget(parsePolicy(source).document, offset);
  if (!target) return {};
  return { markdown: describeTarget(target), spanned: source.slice(target.span.offset, target.span.offset + target.span.length) };
}

const S = (body: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ${body}}]}`;

const CASES: { name: string; text: string; contains: string[]; spanned?: string; none?: boolean }[] = [
  { name: 'action: description, level, resource types, keys, link', text: S('"Action": "s3:Get|Object", "Resource": "*"'), spanned: '"s3:GetObject"', contains: ['**s3:GetObject** · Read', 'Grants permission to retrieve objects', '`object`', '**Condition keys**', 's3:ExistingObjectTag', 'list_amazons3.html'] },
  { name: 'action in any case', text: S('"Action": "S3:getobj|ect"'), contains: ['**s3:GetObject**'] },
  { name: 'action without resource types', text: S('"Action": "s3:ListAllMy|Buckets"'), contains: ['only `"Resource": "*"`'] },
  { name: 'unknown action', text: S('"Action": "s3:Frobn|icate"'), contains: ['is not a known action'] },
  { name: 'wildcard action: count by level and first ones', text: S('"Action": ["s3:Get*|"]'), contains: ['matches', 'Read', '- `s3:GetAccelerateConfiguration` (Read)', 'more'] },
  { name: 'all actions', text: S('"Action": "|*"'), contains: ['all actions of all services'] },
  { name: 'NotAction wildcard', text: S('"NotAction": "iam:*|"'), contains: ['matches', 'Permissions management'] },
  { name: 'resource ARN: fields, type, statement actions', text: S('"Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::my-bucket/|*"]'), contains: ['| Service | `s3` (Amazon S3) |', '| Resource | `my-bucket/*` |', 'Resource type `object`', '`s3:GetObject`'] },
  { name: 'bucket ARN matches the bucket type', text: S('"Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::my-b|ucket"'), contains: ['Resource type `bucket`', '`s3:ListBucket`'] },
  { name: 'regional ARN', text: S('"Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q|ueue"'), contains: ['Europe (Ireland)', '`111122223333`', 'Resource type `queue`'] },
  { name: 'resource star', text: S('"Resource": "|*"'), contains: ['all resources'] },
  { name: 'not an ARN', text: S('"Resource": "buck|et"'), contains: ['is not an ARN'] },
  { name: 'policy variable in an ARN', text: S('"Resource": "arn:aws:s3:::b/${aws:user|name}/*"'), spanned: '${aws:username}', contains: ['**Policy variable** `${aws:username}`', 'IAM user'] },
  { name: 'policy variable with a default', text: S('"Condition": {"StringEquals": {"s3:prefix": "${aws:PrincipalTag/team|, \'none\'}"}}'), contains: ['`aws:PrincipalTag/team`', 'default `none`'] },
  { name: 'condition operator with IfExists', text: S('"Condition": {"StringLike|IfExists": {"aws:SourceVpc": "vpc-1"}}'), contains: ['**StringLikeIfExists** · String', 'wildcards', '**IfExists**'] },
  { name: 'qualified operator', text: S('"Condition": {"ForAllValues:String|Equals": {"aws:TagKeys": ["a"]}}'), contains: ['**ForAllValues**', 'absent or empty'] },
  // IAM User Guide, "Condition operators": negated operators are true for a missing key and combine
  // several values as NOR; positive ones are false for a missing key and combine values as OR.
  { name: 'operator: missing key and several values', text: S('"Condition": {"String|NotEquals": {"aws:PrincipalTag/team": ["a", "b"]}}'), contains: ['**Missing key**: A missing key makes the condition true', '**Several policy values**: true only if the request value matches none of them (NOR)'] },
  { name: 'positive operator: OR of values', text: S('"Condition": {"IpAdd|ress": {"aws:SourceIp": ["203.0.113.0/24"]}}'), contains: ['**Missing key**: A missing key makes the condition false', '(OR)'] },
  // IAM User Guide, "Condition operators": "You can use a policy variable with the Boolean condition
  // operator". The hover said otherwise while validation and the evaluator had two operator tables.
  { name: 'Bool operator replaces policy variables', text: S('"Condition": {"Bo|ol": {"aws:SecureTransport": "true"}}'), contains: ['**Bool** · Bool', 'Policy variables such as `${aws:username}` are replaced in values.'] },
  { name: 'Null operator', text: S('"Condition": {"Nu|ll": {"aws:TokenIssueTime": "true"}}'), contains: ['the key is absent'] },
  { name: 'global condition key', text: S('"Condition": {"IpAddress": {"aws:Source|Ip": "10.0.0.0/8"}}'), contains: ['**aws:SourceIp** · IPAddress · global key', 'IP address'] },
  { name: 'service key supported by some actions', text: S('"Action": ["s3:ListBucket", "s3:GetObject"], "Condition": {"StringLike": {"s3:pre|fix": "home/*"}}'), contains: ['**s3:prefix**', 'Supported by 1 of this statement\'s 2 actions', '`s3:ListBucket`'] },
  { name: 'service key supported by none', text: S('"Action": "s3:GetObject", "Condition": {"StringLike": {"s3:pre|fix": "home/*"}}'), contains: ['**None** of this statement\'s'] },
  { name: 'tag key template', text: S('"Condition": {"StringEquals": {"aws:ResourceTag/te|am": "x"}}'), contains: ['Documented as `aws:ResourceTag/${TagKey}`'] },
  { name: 'condition value explains its key', text: S('"Condition": {"Bool": {"aws:SecureTransport": "fal|se"}}'), contains: ['**aws:SecureTransport**'] },
  { name: 'account root principal', text: '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:r|oot"}, "Action": "sts:AssumeRole"}]}', contains: ['**Account 111122223333**', 'not only the root user'] },
  { name: 'account id principal', text: '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "1111222|23333"}}]}', contains: ['arn:aws:iam::111122223333:root'] },
  { name: 'role principal', text: '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/dep|loy"}}]}', contains: ['**Role** `deploy`'] },
  { name: 'service principal', text: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazon|aws.com"}}]}', contains: ['**Service principal** `lambda.amazonaws.com`', 'aws:SourceArn'] },
  { name: 'OIDC provider principal', text: '{"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.github|usercontent.com"}}]}', contains: ['**OIDC identity provider**', 'sts:AssumeRoleWithWebIdentity'] },
  { name: 'anyone principal', text: '{"Statement": [{"Effect": "Allow", "Principal": "|*"}]}', contains: ['every principal, including anonymous'] },
  { name: 'principal type key', text: '{"Statement": [{"Effect": "Allow", "Principal": {"Fede|rated": "cognito-identity.amazonaws.com"}}]}', contains: ['**Federated**'] },
  { name: 'Effect element', text: '{"Statement": [{"Eff|ect": "Deny"}]}', contains: ['**Effect**'] },
  { name: 'Effect value', text: '{"Statement": [{"Effect": "De|ny"}]}', contains: ['overrides every Allow'] },
  { name: 'Version element', text: '{"Vers|ion": "2012-10-17", "Statement": []}', contains: ['policy language version'] },
  { name: 'old Version value', text: '{"Version": "2008-|10-17", "Statement": []}', contains: ['policy variables are not replaced'] },
  { name: 'nothing on punctuation', text: '{"Statement": [|{"Effect": "Allow"}]}', contains: [], none: true },
];

for (const c of CASES) {
  test(`hover: ${c.name}`, () => {
    const { markdown, spanned } = hoverText(c.text);
    if (c.none) {
      assert.equal(markdown, undefined);
      return;
    }
    assert.ok(markdown, 'no hover');
    for (const fragment of c.contains) assert.ok(markdown.includes(fragment), `missing ${JSON.stringify(fragment)} in:\n${markdown}`);
    if (c.spanned) assert.equal(spanned, c.spanned);
  });
}

test('hover service: markdown with the exact range', () => {
  const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}';
  const document = TextDocument.create('file:///p.json', 'json', 1, text);
  const analysis = analyzeDocument({ text, path: 'p.json', settings: DEFAULT_SETTINGS });
  const hover = getHover(document, analysis, document.positionAt(text.indexOf('GetObject')));
  assert.ok(hover);
  assert.equal((hover.contents as { kind: string }).kind, 'markdown');
  assert.equal(hover.range?.start.character, text.indexOf('"s3:GetObject"'));
  assert.equal(hover.range?.end.character, text.indexOf('"s3:GetObject"') + '"s3:GetObject"'.length);
});
