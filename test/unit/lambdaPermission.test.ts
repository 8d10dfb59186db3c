/**
 * `AWS::Lambda::Permission` as the statement Lambda writes into its function's resource-based policy
 * (Lambda API Reference, `AddPermission`: `Principal` an account, an ARN, a service or `*`;
 * `SourceArn`, `SourceAccount`, `PrincipalOrgID`, `FunctionUrlAuthType`, `EventSourceToken` as
 * conditions; Lambda Developer Guide, "Viewing resource-based IAM policies in Lambda" and "Control
 * access to Lambda function URLs"): findings on the permission's properties, "who can get in",
 * `check --no-public-access`, the function's policy in policy tests, and nothing of a policy's editing
 * (fixes, completion, hover) offered on properties that are not a policy.
 */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeHostDocument } from '../../server/src/iam/sources/hostDocument';
import { analyzeDocument } from '../../server/src/service/documentAnalysis';
import { completionsAt, hoverAt } from '../../server/src/service/templateFeatures';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { initTerraformForTests } from './helpers/terraformParser';
import { cli } from './helpers/cli';
import { LAMBDA_FUNCTION, lambdaPermissionResource, liveAlias, SAM_HEAD, samFunction } from './helpers/lambdaTemplates';

before(() => initTerraformForTests());

const FUNCTION = LAMBDA_FUNCTION;
const permission = lambdaPermissionResource;

/** The findings of a template, each with the text it lands on. */
function findings(text: string): Array<{ code: string; text: string; fixes: number; message: string }> {
  const host = analyzeHostDocument(text);
  assert.ok(host, 'the text is read as a template');
  return host.findings.map((finding) => ({ code: finding.code, text: text.slice(finding.span.offset, finding.span.offset + finding.span.length), fixes: finding.fixes?.length ?? 0, message: finding.message }));
}

/** Each permission's policy as Lambda writes it (the virtual policy text, parsed). */
function rendered(text: string): Record<string, unknown> {
  const host = analyzeHostDocument(text);
  assert.ok(host);
  return Object.fromEntries(host.policies.filter((policy) => policy.policy.hostResourceType === 'AWS::Lambda::Permission').map((policy) => [policy.policy.pointer, JSON.parse(policy.virtual.text)]));
}

test('each property becomes what AddPermission writes: principal type, function ARN, conditions', () => {
  const text =
    FUNCTION +
    permission('FromBucket', 'FunctionName: !Ref Worker\nAction: lambda:InvokeFunction\nPrincipal: s3.amazonaws.com\nSourceArn: arn:aws:s3:::uploads\nSourceAccount: !Ref AWS::AccountId') +
    permission('FromPartner', "FunctionName: !GetAtt Worker.Arn\nAction: lambda:InvokeFunction\nPrincipal: '444455556666'") +
    permission('FromOrg', "FunctionName: legacy:live\nAction: lambda:GetFunction\nPrincipal: '*'\nPrincipalOrgID: o-a1b2c3d4e5") +
    permission('Url', "FunctionName: 123456789012:function:web\nAction: lambda:InvokeFunctionUrl\nPrincipal: '*'\nFunctionUrlAuthType: NONE");
  const policies = rendered(text);
  assert.deepEqual(policies['/Resources/FromBucket/Properties'], {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:worker', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::uploads' }, StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
  });
  assert.deepEqual((policies['/Resources/FromPartner/Properties'] as { Statement: unknown[] }).Statement[0], { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:worker' });
  // A name with an alias names the alias's ARN; a partial ARN carries its account.
  assert.deepEqual((policies['/Resources/FromOrg/Properties'] as { Statement: unknown[] }).Statement[0], { Effect: 'Allow', Principal: '*', Action: 'lambda:GetFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:legacy:live', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
  assert.deepEqual((policies['/Resources/Url/Properties'] as { Statement: unknown[] }).Statement[0], { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:web', Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } });
});

test('a permission on an alias or a version names its qualified ARN, as their Ref returns it', () => {
  // CloudFormation User Guide, AWS::Lambda::Alias and AWS::Lambda::Version, "Return values": Ref
  // returns the alias's (version's) ARN, the function's with `:<alias name>` (`:<version>`).
  const version = '  V1:\n    Type: AWS::Lambda::Version\n    Properties:\n      FunctionName: !Ref Worker\n';
  const alias = (functionName: string) => liveAlias(functionName, '!GetAtt V1.Version') + version;
  const onAlias = permission('OnAlias', "FunctionName: !Ref Live\nAction: lambda:InvokeFunction\nPrincipal: '444455556666'");
  const aliasResource = (text: string) => (rendered(text)['/Resources/OnAlias/Properties'] as { Statement: Array<{ Resource: string }> }).Statement[0]!.Resource;
  const base = FUNCTION.replace('      Handler', '      FunctionName: worker\n      Handler');
  const text = base + alias('!Ref Worker') + onAlias + permission('OnVersion', "FunctionName: !Ref V1\nAction: lambda:InvokeFunction\nPrincipal: '444455556666'");
  assert.equal(aliasResource(text), 'arn:aws:lambda:us-east-1:123456789012:function:worker:live');
  assert.equal((rendered(text)['/Resources/OnVersion/Properties'] as { Statement: Array<{ Resource: string }> }).Statement[0]!.Resource, 'arn:aws:lambda:us-east-1:123456789012:function:worker:1');
  // The function named by GetAtt, by its name, or by its ARN; without a FunctionName, its logical id's sample name.
  assert.equal(aliasResource(base + alias('!GetAtt Worker.Arn') + onAlias), 'arn:aws:lambda:us-east-1:123456789012:function:worker:live');
  assert.equal(aliasResource(base + alias('arn:aws:lambda:us-east-1:123456789012:function:other') + onAlias), 'arn:aws:lambda:us-east-1:123456789012:function:other:live');
  assert.equal(aliasResource(FUNCTION + alias('!Ref Worker') + onAlias), 'arn:aws:lambda:us-east-1:123456789012:function:worker:live');
});

test('findings land on the properties, and none of them offers a policy edit', () => {
  const text =
    FUNCTION +
    permission('Public', "FunctionName: !Ref Worker\nAction: lambda:InvokeFunction\nPrincipal: '*'") +
    permission('Events', 'FunctionName: !Ref Worker\nAction: lambda:InvokeFuntion\nPrincipal: events.amazonaws.com') +
    permission('Scoped', 'FunctionName: !Ref Worker\nAction: lambda:InvokeFunction\nPrincipal: sns.amazonaws.com\nSourceArn: !Sub arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:jobs');
  const found = findings(text);
  assert.ok(found.some((finding) => finding.code === 'PUBLIC_ACCESS' && finding.message.includes('lambda:InvokeFunction')), JSON.stringify(found));
  assert.ok(found.some((finding) => finding.code === 'INVALID_ACTION' && finding.text === 'lambda:InvokeFuntion'), JSON.stringify(found));
  // A service principal without SourceArn or SourceAccount (confused deputy); the scoped one has SourceArn.
  const unscoped = found.filter((finding) => finding.code === 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL');
  assert.deepEqual(unscoped.map((finding) => finding.text), ['events.amazonaws.com']);
  // The message's condition keys are said as the permission's properties (it has no Condition).
  assert.match(unscoped[0]!.message, /\(In a Lambda permission: `aws:SourceArn` is `SourceArn`, `aws:SourceAccount` is `SourceAccount`\.\)$/);
  // The validator's fixes write policy JSON (a Condition element): a permission has no place for it.
  assert.deepEqual(found.filter((finding) => finding.fixes > 0), []);
});

test('the editor offers no policy completion on a permission (its keys are not policy elements); its hover is the statement Lambda writes', () => {
  const text = FUNCTION + permission('Events', 'FunctionName: !Ref Worker\nAction: lambda:InvokeFunction\nPrincipal: events.amazonaws.com\n');
  const document = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
  const analysis = analyzeDocument({ text, path: 't.yaml', settings: DEFAULT_SETTINGS });
  const inProperties = document.positionAt(text.indexOf('Principal: events'));
  assert.deepEqual(completionsAt(document, analysis, inProperties, DEFAULT_SETTINGS).items, []);
  const hover = hoverAt(document, analysis, document.positionAt(text.indexOf('InvokeFunction')));
  const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.match(markdown, /^\*\*Events function permission\*\*: the statement Lambda writes into the function's resource-based policy/);
  assert.ok(markdown.includes('"Principal": {\n        "Service": "events.amazonaws.com"\n      }'), markdown);
  // Outside the permission (the function's own properties), no such hover.
  assert.equal(hoverAt(document, analysis, document.positionAt(text.indexOf('nodejs20.x'))), null);
});

test('summary and check --no-public-access read a permission as the function policy it makes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-permission-'));
  const file = join(dir, 'stack.yaml');
  writeFileSync(file, FUNCTION + permission('Url', "FunctionName: !Ref Worker\nAction: lambda:InvokeFunctionUrl\nPrincipal: '*'\nFunctionUrlAuthType: NONE") + permission('Partner', "FunctionName: !Ref Worker\nAction: lambda:InvokeFunction\nPrincipal: '444455556666'"));
  const check = cli(['check', file, '--no-public-access', '--format', 'json']);
  assert.equal(check.code, 1, check.stdout + check.stderr);
  const report = JSON.parse(check.stdout);
  assert.deepEqual(
    report.policies.map((policy: { pointer: string; result: string }) => [policy.pointer, policy.result]),
    [
      ['/Resources/Url/Properties', 'FAIL'],
      ['/Resources/Partner/Properties', 'PASS'],
    ],
  );
  const summary = JSON.parse(cli(['summary', file, '--format', 'json']).stdout);
  const partner = summary.policies.find((policy: { pointer: string }) => policy.pointer === '/Resources/Partner/Properties');
  assert.equal(partner.policyType, 'resource');
  assert.deepEqual(partner.access.whoCanGetIn.statements[0].externalAccounts, ['444455556666']);
});

test('a policy test names a function by its pointer: its policy is the statements of its permissions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-scenario-'));
  writeFileSync(join(dir, 'stack.yaml'), FUNCTION.replace('      Handler', '      FunctionName: worker\n      Handler') + permission('Partner', "FunctionName: !GetAtt Worker.Arn\nAction: lambda:InvokeFunction\nPrincipal: '444455556666'") + permission('ByName', "FunctionName: worker\nAction: lambda:GetFunction\nPrincipal: '555566667777'"));
  const fn = 'arn:aws:lambda:us-east-1:111122223333:function:worker';
  writeFileSync(
    join(dir, 'invoke.iamtest.json'),
    JSON.stringify({
      accounts: [{ id: '111122223333' }, { id: '444455556666' }, { id: '555566667777' }],
      users: [
        { name: 'partner', account: '444455556666', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }] }] },
        { name: 'other', account: '555566667777', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }] }] },
      ],
      resources: [{ arn: fn, account: '111122223333', policy: 'stack.yaml#/Resources/Worker' }],
      tests: [
        { name: 'the partner account invokes', principal: 'partner', action: 'lambda:InvokeFunction', resource: fn, expect: 'Allow' },
        { name: 'the partner account cannot read the code', principal: 'partner', action: 'lambda:GetFunction', resource: fn, expect: 'ImplicitDeny' },
        { name: 'the permission that names the function by name counts too', principal: 'other', action: 'lambda:GetFunction', resource: fn, expect: 'Allow' },
        { name: 'another account cannot invoke', principal: 'other', action: 'lambda:InvokeFunction', resource: fn, expect: 'ImplicitDeny' },
      ],
    }),
  );
  const run = cli(['test', dir]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /4 passed, 0 failed/, run.stdout);
});

const TERRAFORM = `resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "worker.zip"
}

resource "aws_lambda_permission" "from_s3" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.worker.function_name
  principal     = "s3.amazonaws.com"
}

resource "aws_lambda_permission" "partner" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.worker.arn
  principal     = "444455556666"
  qualifier     = "live"
}
`;

test('Terraform aws_lambda_permission: the same statement, findings on its arguments, and the function policy of an explanation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-terraform-'));
  const file = join(dir, 'main.tf');
  writeFileSync(file, TERRAFORM);
  const lint = JSON.parse(cli(['lint', file, '--format', 'json']).stdout);
  const findings = lint.files[0].findings.map((finding: { code: string; range: { start: { line: number } } }) => `${finding.range.start.line + 1} ${finding.code}`);
  assert.deepEqual(findings, ['12 RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', '15 CROSS_ACCOUNT_ACCESS']);
  assert.match(lint.files[0].findings[0].message, /`aws:SourceArn` is `source_arn`, `aws:SourceAccount` is `source_account`/);
  const summary = JSON.parse(cli(['summary', file, '--format', 'json']).stdout);
  const partner = summary.policies.find((policy: { pointer: string }) => policy.pointer === 'aws_lambda_permission.partner');
  // `qualifier` names the alias: its ARN is the function's with `:live`.
  assert.deepEqual(partner.access.whoCanGetIn.statements[0].externalAccounts, ['444455556666']);
  assert.ok(JSON.stringify(partner).includes('function:worker:live'), JSON.stringify(partner));
  // Another account asks: the function's policy (its permissions) is simulated, and the fix is a new permission.
  const message = 'User: arn:aws:sts::777788889999:assumed-role/other/s is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:111122223333:function:worker because no resource-based policy allows the lambda:InvokeFunction action';
  const out = JSON.parse(cli(['explain-denied', '--template', file, '--format', 'json', '-'], message).stdout);
  assert.ok(out.notes.some((note: string) => note.includes('`main.tf#aws_lambda_function.worker` (the statements of its `aws_lambda_permission` resources) was simulated')), out.notes.join('\n'));
  const fix = out.fixes.find((candidate: { policy: string }) => candidate.policy === `${file}#aws_lambda_function.worker`);
  assert.ok(fix?.edits, JSON.stringify(out.fixes));
  const edited = fix.edits.reduce((text: string, edit: { offset: number; length: number; newText: string }) => text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length), TERRAFORM);
  assert.match(edited, /resource "aws_lambda_permission" "worker_invoke" \{\n {2}action {8}= "lambda:InvokeFunction"\n {2}function_name = aws_lambda_function\.worker\.arn\n {2}principal {5}= "arn:aws:iam::777788889999:role\/other"\n\}/);
  writeFileSync(file, edited);
  const after = JSON.parse(cli(['explain-denied', '--template', file, '--format', 'json', '-'], message).stdout);
  assert.ok(!after.deniedBy.some((entry: { policyType: string }) => entry.policyType === 'resource'), JSON.stringify(after.deniedBy));
});

test('SAM FunctionUrlConfig with AuthType NONE: the two public permissions SAM adds are checked where they are written', () => {
  // AWS SAM's translator (`_construct_url_permission`, `_construct_invoke_permission`): a literal
  // `AuthType: NONE` adds `<Id>UrlPublicPermissions` (`*` may call lambda:InvokeFunctionUrl when
  // lambda:FunctionUrlAuthType is NONE) and `<Id>URLInvokeAllowPublicAccess` (`*` may call
  // lambda:InvokeFunction when lambda:InvokedViaFunctionUrl is true), the pair a new function URL
  // needs since October 2025 (Lambda Developer Guide, "Control access to Lambda function URLs").
  // With AutoPublishAlias both name the alias; AWS_IAM adds none.
  const text =
    SAM_HEAD +
    samFunction('Web', 'FunctionUrlConfig:\n  AuthType: NONE') +
    samFunction('Live', 'AutoPublishAlias: live\nFunctionUrlConfig:\n  AuthType: NONE') +
    samFunction('Private', 'FunctionUrlConfig:\n  AuthType: AWS_IAM');
  const statements = (arn: string) => [
    { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: arn, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } },
    { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: arn, Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } },
  ];
  assert.deepEqual(rendered(text), {
    '/Resources/Web/Properties/FunctionUrlConfig': { Version: '2012-10-17', Statement: statements('arn:aws:lambda:us-east-1:123456789012:function:web') },
    '/Resources/Live/Properties/FunctionUrlConfig': { Version: '2012-10-17', Statement: statements('arn:aws:lambda:us-east-1:123456789012:function:live:live') },
  });
  const found = findings(text);
  assert.deepEqual(found.map((finding) => [finding.code, finding.text.trim()]), [['PUBLIC_ACCESS', 'AuthType: NONE'], ['PUBLIC_ACCESS', 'AuthType: NONE']]);
});

test('SAM event sources: the permission each push source makes, as SAM writes it; pull sources make none', () => {
  // SAM's translator, eventsources/push.py (`_construct_permission`: lambda:InvokeFunction on the
  // function, or its alias with AutoPublishAlias, for the source's service principal): Api/HttpApi
  // scope to the route on every stage (`{param}` and `{proxy+}` as `*`, no trailing slash, ANY as
  // `*`), S3 to the stack's account, SNS to the topic, Schedule/EventBridgeRule to the rule SAM
  // creates (`<function><event>`), IoTRule to its rule and the account, Cognito to the user pool,
  // AlexaSkill to its SkillId as the event-source token (SAM pull request #574). An
  // HttpApi event without Path and Method is the default route (implicit_http_api_plugin.py: `$default`
  // for any method), which SAM's permission writes as `*/*`.
  const text = `${SAM_HEAD}  Pool:
    Type: AWS::Cognito::UserPool
  Topic:
    Type: AWS::SNS::Topic
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
${samFunction('Fn', `Events:
  Get:
    Type: Api
    Properties:
      Path: /items/{id}/
      Method: get
  Explicit:
    Type: Api
    Properties:
      RestApiId: !Ref Api
      Path: /
      Method: ANY
  Proxy:
    Type: HttpApi
    Properties:
      Path: /{proxy+}
      Method: post
  Default:
    Type: HttpApi
  Upload:
    Type: S3
    Properties:
      Bucket: !Ref Bucket
      Events: s3:ObjectCreated:*
  Note:
    Type: SNS
    Properties:
      Topic: !Ref Topic
  ViaQueue:
    Type: SNS
    Properties:
      Topic: !Ref Topic
      SqsSubscription: true
  Tick:
    Type: Schedule
    Properties:
      Schedule: rate(1 hour)
  Iot:
    Type: IoTRule
    Properties:
      Sql: SELECT * FROM 'x'
  Signup:
    Type: Cognito
    Properties:
      UserPool: !Ref Pool
      Trigger: PreSignUp
  Skill:
    Type: AlexaSkill
    Properties:
      SkillId: amzn1.ask.skill.12345678-1234-1234-1234-123456789012
  Queue:
    Type: SQS
    Properties:
      Queue: arn:aws:sqs:us-east-1:123456789012:q`)}  Bucket:
    Type: AWS::S3::Bucket
`;
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:fn';
  const statement = (service: string, condition: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'lambda:InvokeFunction', Resource: fn, Condition: condition }] });
  const api = (arn: string) => statement('apigateway.amazonaws.com', { ArnLike: { 'aws:SourceArn': arn } });
  assert.deepEqual(rendered(text), {
    '/Resources/Fn/Properties/Events/Get': api('arn:aws:execute-api:us-east-1:123456789012:serverlessrestapi/*/GET/items/*'),
    '/Resources/Fn/Properties/Events/Explicit': api('arn:aws:execute-api:us-east-1:123456789012:api/*/*/'),
    '/Resources/Fn/Properties/Events/Proxy': api('arn:aws:execute-api:us-east-1:123456789012:serverlesshttpapi/*/POST/*'),
    '/Resources/Fn/Properties/Events/Default': api('arn:aws:execute-api:us-east-1:123456789012:serverlesshttpapi/*/*'),
    '/Resources/Fn/Properties/Events/Upload': statement('s3.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '123456789012' } }),
    '/Resources/Fn/Properties/Events/Note': statement('sns.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic' } }),
    '/Resources/Fn/Properties/Events/Tick': statement('events.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/fntick' } }),
    '/Resources/Fn/Properties/Events/Iot': statement('iot.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:iot:us-east-1:123456789012:rule/fniot' }, StringEquals: { 'aws:SourceAccount': '123456789012' } }),
    '/Resources/Fn/Properties/Events/Signup': statement('cognito-idp.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE' } }),
    '/Resources/Fn/Properties/Events/Skill': statement('alexa-appkit.amazon.com', { StringEquals: { 'lambda:EventSourceToken': 'amzn1.ask.skill.12345678-1234-1234-1234-123456789012' } }),
  });
  // Without Path and Method an Api event is incomplete (SAM rejects it): no permission is read.
  assert.ok(!('/Resources/Fn/Properties/Events/Bare' in rendered(text.replace('        Queue:\n', '        Bare:\n          Type: Api\n        Queue:\n'))));
  // Scoped to their source: no finding on any of them.
  assert.deepEqual(findings(text).map((finding) => finding.code), []);
  // With AutoPublishAlias, SAM gives the alias to the event sources.
  const aliased = rendered(text.replace('      InlineCode: x\n', '      InlineCode: x\n      AutoPublishAlias: live\n'));
  assert.equal((aliased['/Resources/Fn/Properties/Events/Upload'] as { Statement: Array<{ Resource: string }> }).Statement[0]!.Resource, `${fn}:live`);
});

test('an AlexaSkill event without a SkillId lets any skill invoke the function: the finding names SkillId', () => {
  // Alexa Skills Kit, "Host a Custom Skill as an AWS Lambda Function": skill ID verification lets
  // only your skill invoke the function; without it any skill can. SAM writes the SkillId as the
  // permission's EventSourceToken (`lambda:EventSourceToken` in its policy).
  const open = findings(SAM_HEAD + samFunction('Fn', 'Events:\n  Skill:\n    Type: AlexaSkill'));
  assert.deepEqual(open.map((finding) => [finding.code, finding.text]), [['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', 'AlexaSkill']]);
  assert.match(open[0]!.message, /any Alexa skill could invoke the function\. Add your skill ID as a `lambda:EventSourceToken` condition .*\(In the SAM event: `lambda:EventSourceToken` is `SkillId`\.\)$/);
  const verified = findings(SAM_HEAD + samFunction('Fn', 'Events:\n  Skill:\n    Type: AlexaSkill\n    Properties:\n      SkillId: amzn1.ask.skill.1'));
  assert.deepEqual(verified, []);
  // The same permission written by hand names EventSourceToken.
  const written = findings(FUNCTION + permission('Skill', 'FunctionName: !Ref Worker\nAction: lambda:InvokeFunction\nPrincipal: alexa-appkit.amazon.com'));
  assert.match(written[0]?.message ?? '', /\(In a Lambda permission: `lambda:EventSourceToken` is `EventSourceToken`\.\)$/);
});

test('a policy test of a SAM function: API Gateway invokes it from its route, not from another API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sam-events-'));
  writeFileSync(join(dir, 'template.yaml'), SAM_HEAD + samFunction('Worker', 'FunctionName: worker\nEvents:\n  Get:\n    Type: Api\n    Properties:\n      Path: /items/{id}\n      Method: get'));
  const fn = 'arn:aws:lambda:us-east-1:111122223333:function:worker';
  const from = (arn: string) => ({ 'aws:SourceArn': arn, 'aws:SourceAccount': '111122223333' });
  writeFileSync(
    join(dir, 'invoke.iamtest.json'),
    JSON.stringify({
      accounts: [{ id: '111122223333' }],
      resources: [{ arn: fn, account: '111122223333', policy: 'template.yaml#/Resources/Worker' }],
      tests: [
        { name: 'the route invokes', principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction', resource: fn, context: from('arn:aws:execute-api:us-east-1:111122223333:serverlessrestapi/Prod/GET/items/42'), expect: 'Allow' },
        { name: 'another route does not', principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction', resource: fn, context: from('arn:aws:execute-api:us-east-1:111122223333:serverlessrestapi/Prod/DELETE/items/42'), expect: 'ImplicitDeny' },
        { name: 'another API does not', principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction', resource: fn, context: from('arn:aws:execute-api:us-east-1:111122223333:otherapi/Prod/GET/items/42'), expect: 'ImplicitDeny' },
      ],
    }),
  );
  const run = cli(['test', dir]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /3 passed, 0 failed/, run.stdout);
});

test('explain-denied: a permission on an alias lets the caller in on the alias, not on the function', () => {
  // Lambda API Reference, AddPermission: "If you use a qualifier, the invoker must use the full ARN
  // of that version or alias": a permission on `worker:live` is the alias's, not the function's.
  const dir = mkdtempSync(join(tmpdir(), 'lambda-alias-'));
  const file = join(dir, 'stack.yaml');
  writeFileSync(file, FUNCTION.replace('      Handler', '      FunctionName: worker\n      Handler') + permission('Partner', "FunctionName: worker:live\nAction: lambda:InvokeFunction\nPrincipal: '444455556666'"));
  const message = (resource: string) => `User: arn:aws:sts::444455556666:assumed-role/partner/s is not authorized to perform: lambda:InvokeFunction on resource: ${resource} because no resource-based policy allows the lambda:InvokeFunction action`;
  const denies = (resource: string): string[] => JSON.parse(cli(['explain-denied', '--template', file, '--format', 'json', '-'], message(resource)).stdout).deniedBy.map((entry: { policyType: string }) => entry.policyType);
  assert.deepEqual(denies('arn:aws:lambda:us-east-1:111122223333:function:worker:live'), ['identity']);
  assert.deepEqual(denies('arn:aws:lambda:us-east-1:111122223333:function:worker').sort(), ['identity', 'resource']);
  // The same with the alias as a resource of the template, named by `!Ref` (its ARN).
  writeFileSync(file, FUNCTION.replace('      Handler', '      FunctionName: worker\n      Handler') + liveAlias() + permission('Partner', "FunctionName: !Ref Live\nAction: lambda:InvokeFunction\nPrincipal: '444455556666'"));
  assert.deepEqual(denies('arn:aws:lambda:us-east-1:111122223333:function:worker:live'), ['identity']);
  assert.deepEqual(denies('arn:aws:lambda:us-east-1:111122223333:function:worker').sort(), ['identity', 'resource']);
});

test('a number written for a string argument is its text, and a missing argument is named as the permission names it', () => {
  // CloudFormation and Terraform convert a number given for a String property to its text, so an
  // unquoted account id is a valid Principal and SourceAccount (no INVALID_TYPE).
  const numbers = rendered(FUNCTION + permission('Partner', 'FunctionName: !Ref Worker\nAction: lambda:InvokeFunction\nPrincipal: 444455556666\nSourceAccount: 444455556666'));
  assert.deepEqual((numbers['/Resources/Partner/Properties'] as { Statement: Array<Record<string, unknown>> }).Statement[0]!.Principal, { AWS: '444455556666' });
  assert.deepEqual(findings(FUNCTION + permission('Partner', 'FunctionName: !Ref Worker\nAction: lambda:InvokeFunction\nPrincipal: 444455556666')).map((finding) => finding.code), ['CROSS_ACCOUNT_ACCESS']);
  const missing = findings(FUNCTION + permission('NoFunction', "Action: lambda:InvokeFunction\nPrincipal: '*'")).find((finding) => finding.code === 'MISSING_RESOURCE');
  assert.match(missing?.message ?? '', /\(In a Lambda permission: `Resource` is `FunctionName`\.\)$/);
});

test("layer version permissions: AddLayerVersionPermission's statement, public unless an organization bounds it", () => {
  // Lambda API Reference, AddLayerVersionPermission: `Principal` is an account id, or `*` for every
  // account (of the organization `OrganizationId`, when given); the statement's resource is the
  // layer version's ARN, and OrganizationId is the `aws:PrincipalOrgID` condition.
  const layers = `Resources:
  Layer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: { S3Bucket: artifacts, S3Key: layer.zip }
${permission('Everyone', "Action: lambda:GetLayerVersion\nLayerVersionArn: !Ref Layer\nPrincipal: '*'").replace('AWS::Lambda::Permission', 'AWS::Lambda::LayerVersionPermission')}${permission('Org', "Action: lambda:GetLayerVersion\nLayerVersionArn: !Ref Layer\nPrincipal: '*'\nOrganizationId: o-a1b2c3d4e5").replace('AWS::Lambda::Permission', 'AWS::Lambda::LayerVersionPermission')}`;
  const host = analyzeHostDocument(layers);
  assert.ok(host);
  const org = host.policies.find((policy) => policy.policy.pointer === '/Resources/Org/Properties');
  assert.deepEqual(JSON.parse(org!.virtual.text).Statement[0], { Effect: 'Allow', Principal: '*', Action: 'lambda:GetLayerVersion', Resource: 'arn:aws:lambda:us-east-1:123456789012:layer:layer:1', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
  const found = findings(layers);
  assert.deepEqual(found.map((finding) => finding.code), ['PUBLIC_ACCESS']);
  assert.match(found[0]!.message, /\(In a Lambda layer permission: `aws:PrincipalOrgID` is `OrganizationId`\.\)$/);
  // Terraform: layer_name and version_number make the ARN.
  const dir = mkdtempSync(join(tmpdir(), 'lambda-layer-'));
  const file = join(dir, 'main.tf');
  writeFileSync(file, 'resource "aws_lambda_layer_version_permission" "org" {\n  layer_name      = "arn:aws:lambda:us-east-1:123456789012:layer:shared"\n  version_number  = 3\n  principal       = "*"\n  organization_id = "o-a1b2c3d4e5"\n  action          = "lambda:GetLayerVersion"\n  statement_id    = "org"\n}\n');
  const summary = JSON.parse(cli(['summary', file, '--format', 'json']).stdout);
  assert.deepEqual(summary.policies[0].access.whoCanGetIn.statements[0].organizations, ['o-a1b2c3d4e5']);
  assert.ok(JSON.stringify(summary.policies[0]).includes('arn:aws:lambda:us-east-1:123456789012:layer:shared:3'), JSON.stringify(summary.policies[0]));
});
