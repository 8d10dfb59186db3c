/**
 * `iam-policy mcp`, driven as an agent drives it: the MCP SDK's own client starts the built
 * `dist/cli.js mcp` and talks to it over real stdio (no network). Checks the tool list and its
 * schemas, each tool's structured answer and text, and that bad input is a tool result with
 * `isError` and a one-line message after which the server still answers.
 *
 * Expected answers come from AWS documentation: the IAM Access Analyzer policy check reference
 * (validation codes), the IAM User Guide "Policy evaluation logic" (decisions) and "Access levels in
 * policy summaries" (summary levels), and the Access Analyzer custom policy checks
 * (CheckAccessNotGranted, CheckNoPublicAccess, CheckNoNewAccess) for the access tools.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const cli = path.resolve('dist/cli.js');
let client: Client;
let stderr = '';

before(async () => {
  assert.ok(existsSync(cli) && existsSync(path.resolve('dist/mcp-sdk.js')), 'dist/ is missing: run `npm run build` first');
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp'], stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: 'iam-policy-test', version: '1.0.0' });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
});

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** The structured answer of a successful call. */
async function ok(name: string, args: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await call(name, args);
  assert.ok(!result.isError, `${name} failed: ${textOf(result)}`);
  assert.ok(result.structuredContent, `${name} gave no structured content`);
  assert.ok(textOf(result).length > 0, `${name} gave no text`);
  return result.structuredContent as Record<string, any>;
}

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

test('the server names itself and lists the nine tools, each with input and output schemas and read-only', async () => {
  assert.equal(client.getServerVersion()?.name, 'iam-policy');
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), ['validate_policy', 'summarize_policy', 'simulate_request', 'diff_policies', 'diff_templates', 'check_not_granted', 'check_no_public_access', 'generate_policy', 'explain_access_denied']);
  for (const tool of tools) {
    assert.equal(tool.inputSchema.type, 'object', tool.name);
    assert.equal(tool.outputSchema?.type, 'object', `${tool.name} has no output schema`);
    assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
    assert.ok((tool.description ?? '').length > 40, tool.name);
  }
  const required = Object.fromEntries(tools.map((tool) => [tool.name, tool.inputSchema.required ?? []]));
  assert.deepEqual(required, {
    validate_policy: ['text'],
    summarize_policy: ['policy'],
    simulate_request: ['principal', 'action', 'resource'],
    diff_policies: ['oldPolicy', 'newPolicy'],
    diff_templates: ['oldText', 'newText'],
    check_not_granted: ['policy', 'actions'],
    check_no_public_access: ['policy'],
    generate_policy: ['input'],
    explain_access_denied: ['message'],
  });
});

test('`iam-policy mcp --help` names the listed tools; a stray argument is bad usage; closing stdin ends the server', async () => {
  const { tools } = await client.listTools();
  const help = spawnSync(process.execPath, [cli, 'mcp', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.equal(/^Tools: (.*)\.$/m.exec(help.stdout)?.[1], tools.map((tool) => tool.name).join(', '));
  const stray = spawnSync(process.execPath, [cli, 'mcp', '--port', '80'], { encoding: 'utf8' });
  assert.equal(stray.status, 2);
  assert.match(stray.stderr, /^iam-policy mcp: unknown argument `--port`\.$/m);
  const closed = spawnSync(process.execPath, [cli, 'mcp'], { input: '', encoding: 'utf8', timeout: 30_000 });
  assert.equal(closed.status, 0, closed.stderr);
  assert.equal(closed.stdout, '');
});

describe('validate_policy', () => {
  const cases: Array<{ name: string; args: Record<string, unknown>; format: string; codes: string[]; line?: number; policies: number }> = [
    {
      // Access Analyzer policy check reference, "Error – Invalid action".
      name: 'a policy with a misspelt action: INVALID_ACTION on its line',
      args: { text: policy({ Effect: 'Allow', Action: 's3:GetObjet', Resource: '*' }) },
      format: 'policy',
      codes: ['INVALID_ACTION'],
      line: 6,
      policies: 1,
    },
    {
      // Access Analyzer policy check reference, "Suggestion – Missing version" (Version omitted).
      name: 'a policy without Version: MISSING_VERSION',
      args: { text: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] }), format: 'policy' },
      format: 'policy',
      codes: ['MISSING_VERSION'],
      policies: 1,
    },
    {
      // A CloudFormation role's inline policy (AWS::IAM::Role Policies[].PolicyDocument), YAML.
      name: 'a CloudFormation YAML template: its embedded policy, found at the template line',
      args: {
        text: [
          'Resources:',
          '  AppRole:',
          '    Type: AWS::IAM::Role',
          '    Properties:',
          '      AssumeRolePolicyDocument:',
          '        Version: "2012-10-17"',
          '        Statement:',
          '          - Effect: Allow',
          '            Principal: { Service: lambda.amazonaws.com }',
          '            Action: sts:AssumeRole',
          '      Policies:',
          '        - PolicyName: app',
          '          PolicyDocument:',
          '            Version: "2012-10-17"',
          '            Statement:',
          '              - Effect: Allow',
          '                Action: dynamodb:GetItm',
          '                Resource: "*"',
          '',
        ].join('\n'),
      },
      format: 'cloudformation',
      codes: ['INVALID_ACTION'],
      line: 17,
      policies: 2,
    },
    {
      // Terraform aws_iam_policy with jsonencode: the policy of the resource.
      name: 'a Terraform file: the jsonencode policy of an aws_iam_policy',
      args: {
        format: 'terraform',
        text: ['resource "aws_iam_policy" "app" {', '  name = "app"', '  policy = jsonencode({', '    Version = "2012-10-17"', '    Statement = [{', '      Effect   = "Allow"', '      Action   = "s3:GetObjet"', '      Resource = "*"', '    }]', '  })', '}', ''].join('\n'),
      },
      format: 'terraform',
      codes: ['INVALID_ACTION'],
      line: 7,
      policies: 1,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const answer = await ok('validate_policy', c.args);
      assert.equal(answer.format, c.format);
      assert.equal(answer.policies.length, c.policies);
      const codes = answer.findings.map((f: { code: string }) => f.code);
      for (const code of c.codes) assert.ok(codes.includes(code), `expected ${code} in ${codes.join(', ')}`);
      if (c.line !== undefined) {
        const finding = answer.findings.find((f: { code: string }) => f.code === c.codes[0]);
        assert.equal(finding.range.start.line + 1, c.line);
      }
      const counts = { error: 0, warning: 0, info: 0 } as Record<string, number>;
      for (const f of answer.findings) counts[f.severity]!++;
      assert.deepEqual(answer.counts, counts);
    });
  }

  test('a clean policy has no findings', async () => {
    const answer = await ok('validate_policy', { text: policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' }) });
    assert.deepEqual(answer.findings, []);
    assert.equal(answer.policyType, 'identity');
  });
});

test('summarize_policy: services and access levels, and who can get in for a bucket policy', async () => {
  // IAM User Guide, "Access levels in policy summaries": s3:GetObject is Read, s3:ListBucket is List.
  const identity = await ok('summarize_policy', { policy: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }) });
  assert.equal(identity.statementCount, 1);
  const s3 = identity.allow.services.find((s: { prefix: string }) => s.prefix === 's3');
  assert.deepEqual(s3.levels.map((l: { level: string; granted: number }) => [l.level, l.granted]), [['List', 1], ['Read', 1]]);
  assert.equal(identity.access.policyType, 'identity');

  const bucket = await ok('summarize_policy', {
    policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' }),
    account: '111122223333',
  });
  assert.equal(bucket.access.policyType, 'resource');
  assert.deepEqual(bucket.access.whoCanGetIn.statements[0].externalAccounts, ['444455556666']);
});

test('summarize_policy: each policy of a template with the type of its place; the deploying account owns its resources', async () => {
  // A bucket policy (AWS::S3::BucketPolicy) is resource-based; a role's Policies are identity policies.
  const template = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS:
                - !Sub arn:aws:iam::\${AWS::AccountId}:root
                - arn:aws:iam::444455556666:root
            Action: s3:GetObject
            Resource: !Sub \${Bucket.Arn}/*
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:ListBucket]
                Resource: '*'
`;
  const answer = await ok('summarize_policy', { policy: template });
  assert.equal(answer.format, 'cloudformation');
  assert.equal(answer.statementCount, undefined, 'a template has no policy-level summary');
  const byPointer = new Map(answer.policies.map((p: { pointer: string }) => [p.pointer, p]));
  assert.deepEqual([...byPointer.keys()].sort(), ['/Resources/BucketPolicy/Properties/PolicyDocument', '/Resources/Role/Properties/AssumeRolePolicyDocument', '/Resources/Role/Properties/Policies/0/PolicyDocument']);
  const bucket: any = byPointer.get('/Resources/BucketPolicy/Properties/PolicyDocument');
  assert.equal(bucket.policyType, 'resource');
  // The template's own account (\${AWS::AccountId}) is not external; 444455556666 is.
  assert.deepEqual(bucket.access.whoCanGetIn.statements[0].externalAccounts, ['444455556666']);
  const read: any = byPointer.get('/Resources/Role/Properties/Policies/0/PolicyDocument');
  assert.equal(read.policyType, 'identity');
  assert.deepEqual(read.allow.services.find((s: { prefix: string }) => s.prefix === 's3').levels.map((l: { level: string; granted: number }) => [l.level, l.granted]), [['List', 1], ['Read', 1]]);
  assert.equal((byPointer.get('/Resources/Role/Properties/AssumeRolePolicyDocument') as any).policyType, 'trust');
  const result = await call('summarize_policy', { policy: template });
  assert.match(textOf(result), /^BucketPolicy.*\(\/Resources\/BucketPolicy\/Properties\/PolicyDocument, resource\):$/m);
});

describe('simulate_request', () => {
  const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' };
  const base = { principal: 'arn:aws:iam::111122223333:role/app', action: 's3:GetObject', resource: 'arn:aws:s3:::example-bucket/report.csv' };
  // IAM User Guide, "Policy evaluation logic": an allow is needed; an explicit deny wins; without an allow the request is implicitly denied.
  const cases: Array<{ name: string; args: Record<string, unknown>; decision: string }> = [
    { name: 'an identity policy that allows: Allow', args: { ...base, identityPolicies: [JSON.parse(policy(read))] }, decision: 'Allow' },
    { name: 'no policy that allows: ImplicitDeny', args: { ...base, action: 's3:PutObject', identityPolicies: [JSON.parse(policy(read))] }, decision: 'ImplicitDeny' },
    {
      name: 'an SCP that denies outside eu-west-1: ExplicitDeny',
      args: {
        ...base,
        context: { 'aws:RequestedRegion': 'us-east-1' },
        identityPolicies: [JSON.parse(policy(read))],
        scps: [[JSON.parse(policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))]],
      },
      decision: 'ExplicitDeny',
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const result = await call('simulate_request', c.args);
      assert.ok(!result.isError, textOf(result));
      assert.equal((result.structuredContent as { decision: string }).decision, c.decision);
      assert.match(textOf(result), /Statements:/);
    });
  }

  test('deriveContext fills the principal keys and says which', async () => {
    const answer = await ok('simulate_request', { ...base, identityPolicies: [JSON.parse(policy(read))], deriveContext: true });
    assert.ok(answer.derivedContext.some((line: string) => line.startsWith('aws:PrincipalArn')), answer.derivedContext.join('; '));
    assert.equal(answer.context['aws:PrincipalAccount'], '111122223333');
  });
});

test('diff_policies: adding s3:PutObject is new access with a confirmed example (CheckNoNewAccess)', async () => {
  const oldPolicy = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' });
  const newPolicy = policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::example-bucket/*' });
  const grown = await ok('diff_policies', { oldPolicy, newPolicy });
  assert.equal(grown.verdict, 'new-access');
  assert.deepEqual(grown.newAccess[0].actions, ['s3:PutObject']);
  assert.equal(grown.newAccess[0].example.action, 's3:PutObject');
  const shrunk = await ok('diff_policies', { oldPolicy: newPolicy, newPolicy: oldPolicy });
  assert.equal(shrunk.verdict, 'no-new-access');
  assert.equal(shrunk.removedAccess.length, 1);
});

test('diff_templates: each policy of a template against the one at its place; a Terraform file when named', async () => {
  const template = (actions: string) => `Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [${actions}]
            Resource: arn:aws:s3:::example-bucket/*
`;
  const grown = await ok('diff_templates', { oldText: template('s3:GetObject'), newText: template('s3:GetObject, s3:PutObject') });
  assert.equal(grown.format, 'cloudformation');
  assert.equal(grown.verdict, 'new-access');
  assert.deepEqual(grown.policies.map((p: { pointer: string; change: string; policyType: string }) => [p.pointer, p.change, p.policyType]), [['/Resources/Reader/Properties/PolicyDocument', 'changed', 'identity']]);
  assert.deepEqual(grown.policies[0].newAccess[0].actions, ['s3:PutObject']);
  const fresh = await ok('diff_templates', { oldText: '', newText: template('s3:GetObject') });
  assert.deepEqual(fresh.policies.map((p: { change: string }) => p.change), ['added']);
  const tf = (actions: string) => `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = [${actions}], Resource = "*" }] })\n}\n`;
  const terraform = await ok('diff_templates', { oldText: tf('"s3:GetObject"'), newText: tf('"s3:GetObject"'), format: 'terraform' });
  assert.deepEqual([terraform.format, terraform.verdict, terraform.unchanged, terraform.policies.length], ['terraform', 'no-new-access', 1, 0]);
});

describe('check_not_granted and check_no_public_access', () => {
  const cases: Array<{ name: string; tool: string; args: Record<string, unknown>; result: string }> = [
    { name: 'iam:PassRole through iam:* fails', tool: 'check_not_granted', args: { policy: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), actions: ['iam:PassRole'] }, result: 'FAIL' },
    { name: 'a read-only policy passes for s3:DeleteBucket', tool: 'check_not_granted', args: { policy: policy({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }), actions: ['s3:DeleteBucket'] }, result: 'PASS' },
    {
      name: 'limited to another bucket: passes',
      tool: 'check_not_granted',
      args: { policy: policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::a/*' }), actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/key'] },
      result: 'PASS',
    },
    { name: 'Principal "*" on a bucket fails', tool: 'check_no_public_access', args: { policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) }, result: 'FAIL' },
    {
      // Lambda API Reference, AddPermission: a permission is a statement of the function's resource-based policy.
      name: 'a template whose Lambda permission lets anyone invoke the function fails',
      tool: 'check_no_public_access',
      args: { policy: "Resources:\n  Open:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: worker\n      Principal: '*'\n" },
      result: 'FAIL',
    },
    {
      name: 'Principal "*" bounded by aws:PrincipalOrgID passes',
      tool: 'check_no_public_access',
      args: { policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }) },
      result: 'PASS',
    },
  ];
  for (const c of cases) {
    test(`${c.tool}: ${c.name}`, async () => {
      const answer = await ok(c.tool, c.args);
      assert.equal(answer.result, c.result);
      if (c.result === 'FAIL') assert.ok(answer.findings[0].example.action, 'a failing check shows an example request');
    });
  }
});

describe('check_not_granted and check_no_public_access on templates: every policy, with the type of its place', () => {
  const template = `{
  "Resources": {
    "Bucket": { "Type": "AWS::S3::Bucket" },
    "Open": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": { "Ref": "Bucket" },
        "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": { "Fn::Sub": "\${Bucket.Arn}/*" } }] }
      }
    },
    "Admin": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": { "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "iam:*", "Resource": "*" }] } }
    }
  }
}`;
  const OPEN = '/Resources/Open/Properties/PolicyDocument';
  const ADMIN = '/Resources/Admin/Properties/PolicyDocument';

  test('check_no_public_access: the public bucket policy fails, the identity policy passes', async () => {
    const answer = await ok('check_no_public_access', { policy: template });
    assert.deepEqual([answer.policyType, answer.format, answer.check, answer.result], [null, 'cloudformation', 'no-public-access', 'FAIL']);
    assert.deepEqual(answer.policies.map((p: { pointer: string; policyType: string; result: string }) => [p.pointer, p.policyType, p.result]), [[OPEN, 'resource', 'FAIL'], [ADMIN, 'identity', 'PASS']]);
    assert.equal(answer.findings[0].policy, OPEN);
    assert.equal(answer.findings[0].example.action, 's3:GetObject');
  });

  test('check_not_granted: iam:PassRole through the managed policy fails; only that policy', async () => {
    const answer = await ok('check_not_granted', { policy: template, actions: ['iam:PassRole'] });
    assert.equal(answer.result, 'FAIL');
    assert.deepEqual(answer.findings.map((f: { policy: string }) => f.policy), [ADMIN]);
    assert.deepEqual(answer.policies.map((p: { result: string }) => p.result), ['PASS', 'FAIL']);
    const passing = await ok('check_not_granted', { policy: template, actions: ['s3:DeleteBucket'] });
    assert.equal(passing.result, 'PASS');
  });

  test('a Terraform file when named; a template without policies passes', async () => {
    const tf = 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })\n}\n';
    const answer = await ok('check_no_public_access', { policy: tf, format: 'terraform' });
    assert.deepEqual([answer.format, answer.result, answer.policies[0].policyType], ['terraform', 'FAIL', 'resource']);
    const empty = await ok('check_no_public_access', { policy: 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' });
    assert.deepEqual([empty.result, empty.policies.length], ['PASS', 0]);
  });

  test('`format: "policy"` reads the text as a policy', async () => {
    // Read as one policy, the template has no Statement: nothing is public, and there are no template fields.
    const answer = await ok('check_no_public_access', { policy: template, format: 'policy' });
    assert.deepEqual([typeof answer.policyType, answer.result, answer.format, answer.policies], ['string', 'PASS', undefined, undefined]);
  });
});

// The message formats of the IAM User Guide, "Troubleshoot access denied error messages".
const DENIED_GET =
  'User: arn:aws:sts::111122223333:assumed-role/App/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::reports/2026/q1.csv because no identity-based policy allows the s3:GetObject action';

describe('generate_policy', () => {
  test('from actions with resources: one statement per service and resource, ARNs of the action\'s resource type, no findings', async () => {
    const answer = await ok('generate_policy', { input: 's3:GetObject arn:aws:s3:::reports/*\ns3:ListBucket arn:aws:s3:::reports\nsts:GetCallerIdentity' });
    const statements = answer.policy.Statement as Array<Record<string, unknown>>;
    const byAction = (a: string) => statements.find((s) => ([] as string[]).concat(s.Action as string[]).includes(a));
    assert.deepEqual(byAction('s3:GetObject')?.Resource, 'arn:aws:s3:::reports/*');
    assert.deepEqual(byAction('s3:ListBucket')?.Resource, 'arn:aws:s3:::reports');
    // GetCallerIdentity has no resource-level permissions (Service Authorization Reference, AWS STS): `*` on its own.
    assert.equal(byAction('sts:GetCallerIdentity')?.Resource, '*');
    assert.deepEqual(answer.findings, []);
    assert.deepEqual(answer.wildcards, []);
  });

  test('from an AccessDenied message: the denied action on the named resource', async () => {
    const answer = await ok('generate_policy', { input: DENIED_GET });
    assert.deepEqual(answer.statements.map((s: { actions: string[]; resources: string[] }) => [s.actions, s.resources]), [[['s3:GetObject'], ['arn:aws:s3:::reports/2026/q1.csv']]]);
  });

  test('compact uses a wildcard only where it covers exactly the listed actions', async () => {
    const exact = await ok('generate_policy', { input: 's3:GetObject\ns3:PutObject', compact: true });
    assert.deepEqual(exact.wildcards, []);
  });
});

describe('explain_access_denied', () => {
  const other = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' });
  test('a missing identity Allow: the smallest fix, as text edits to the given policy, verified to allow exactly the request', async () => {
    const answer = await ok('explain_access_denied', { message: DENIED_GET, identityPolicies: [other] });
    assert.equal(answer.status, 'fix');
    assert.equal(answer.simulated.decision, 'ImplicitDeny');
    assert.equal(answer.fixes[0].policy, 'identityPolicies[0]');
    assert.equal(answer.verification.decision, 'Allow');
    assert.equal(answer.verification.exact, true);
    const edits = answer.fixes[0].edits as Array<{ offset: number; length: number; newText: string }>;
    let text = other;
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
    const simulated = await ok('simulate_request', { principal: 'arn:aws:sts::111122223333:assumed-role/App/i-0abc', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/2026/q1.csv', identityPolicies: [JSON.parse(text)] });
    assert.equal(simulated.decision, 'Allow');
  });

  test('an SCP with an explicit Deny: names it, agrees with the message, proposes no Allow', async () => {
    const scp = policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' });
    const message = 'User: arn:aws:sts::111122223333:assumed-role/App/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::reports/2026/q1.csv with an explicit deny in a service control policy';
    const answer = await ok('explain_access_denied', { message, identityPolicies: [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })], scps: [scp] });
    assert.equal(answer.status, 'explicit-deny');
    assert.equal(answer.simulated.decision, 'ExplicitDeny');
    assert.deepEqual(answer.fixes, []);
    assert.ok(answer.deniedBy.some((d: { policyType: string; explicit: boolean }) => d.policyType === 'scp' && d.explicit));
    assert.equal(answer.agreesWithMessage, true);
  });
});

test('explain_access_denied with a template: the caller is the role it defines, the fix a text edit of the template', async () => {
  // CloudFormation User Guide, "Name type": without RoleName, a role is named `stack-LogicalId-RANDOM`.
  const template = `Resources:
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
        - PolicyName: reports
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - s3:GetObjectTagging
                Resource: arn:aws:s3:::reports/2026/q1.csv
`;
  const message = DENIED_GET.replace('assumed-role/App/', 'assumed-role/stack-App-0A1B2C3D4E5F/');
  const answer = await ok('explain_access_denied', { message, template });
  assert.equal(answer.status, 'fix');
  const fix = answer.fixes[0];
  assert.deepEqual([fix.kind, fix.policy], ['add-action', 'template.yaml#/Resources/App/Properties/Policies/0/PolicyDocument']);
  let edited = template;
  for (const edit of [...fix.edits].sort((a: { offset: number }, b: { offset: number }) => b.offset - a.offset)) edited = edited.slice(0, edit.offset) + edit.newText + edited.slice(edit.offset + edit.length);
  assert.equal(edited, template.replace('- s3:GetObjectTagging\n', '- s3:GetObjectTagging\n                  - s3:GetObject\n'));
  // Explained again against the edited template, the request is allowed.
  const again = await ok('explain_access_denied', { message, template: edited });
  assert.equal(again.status, 'not-reproduced');
  const stranger = await call('explain_access_denied', { message: DENIED_GET.replace('assumed-role/App/', 'assumed-role/Stranger/'), template });
  assert.equal(stranger.isError, true);
  assert.match(textOf(stranger), /defines no role or user/);
});

test("explain_access_denied with a template: the message's resource is the template's queue, with its Region and its queue policy", async () => {
  // CloudFormation User Guide, "Name type" and "Fn::GetAtt": `!GetAtt Jobs.Arn` is the queue's ARN,
  // in the stack's Region, which the message's ARN shows; IAM User Guide, "Policy evaluation logic".
  const template = `Resources:
  Jobs:
    Type: AWS::SQS::Queue
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: NoPurge
            Effect: Deny
            Principal: '*'
            Action: sqs:PurgeQueue
            Resource: !GetAtt Jobs.Arn
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
        - PolicyName: jobs
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ['sqs:SendMessage', 'sqs:PurgeQueue']
                Resource: !GetAtt Jobs.Arn
`;
  const queue = 'arn:aws:sqs:eu-west-1:111122223333:stack-Jobs-0A1B2C3D4E5F';
  const message = (action: string, reason: string) => `User: arn:aws:sts::111122223333:assumed-role/stack-App-0A1B2C3D4E5F/s is not authorized to perform: ${action} on resource: ${queue} ${reason}`;
  const send = await ok('explain_access_denied', { message: message('sqs:SendMessage', 'because no identity-based policy allows the sqs:SendMessage action'), template });
  assert.equal(send.status, 'not-reproduced');
  assert.ok(send.notes.some((note: string) => /JobsPolicy\/Properties\/PolicyDocument` was simulated/.test(note)), send.notes.join('\n'));
  const purge = await ok('explain_access_denied', { message: message('sqs:PurgeQueue', 'with an explicit deny in a resource-based policy'), template });
  assert.equal(purge.status, 'explicit-deny');
  assert.equal(purge.deniedBy[0].sid, 'NoPurge');
  // `templateAccount`: a caller of another account is not the template's role, whatever its name.
  const outside = await ok('explain_access_denied', { message: message('sqs:SendMessage', 'because no identity-based policy allows the sqs:SendMessage action').replace('sts::111122223333:', 'sts::444455556666:'), template, templateAccount: '111122223333' });
  assert.deepEqual(outside.deniedBy.map((d: { policyType: string }) => d.policyType), ['identity', 'resource']);
  assert.ok(outside.notes.some((note: string) => note.startsWith('The file is deployed in account `111122223333`')), outside.notes.join('\n'));
});

describe('errors are tool results with one line, and the server keeps serving', () => {
  const cases: Array<{ name: string; tool: string; args: Record<string, unknown>; message: RegExp }> = [
    { name: 'a policy that is not JSON', tool: 'summarize_policy', args: { policy: '{"Version": ' }, message: /^summarize_policy: `policy` is not a JSON policy object/ },
    { name: 'JSON that is not an object', tool: 'check_no_public_access', args: { policy: '[1, 2]' }, message: /not a JSON policy object/ },
    { name: 'a policy nested too deep', tool: 'diff_policies', args: { oldPolicy: policy(), newPolicy: `${'['.repeat(5000)}${']'.repeat(5000)}` }, message: /`newPolicy` is not a JSON policy object/ },
    { name: 'a request without its principal (schema)', tool: 'simulate_request', args: { action: 's3:GetObject', resource: '*' }, message: /principal/ },
    { name: 'a request with a malformed action', tool: 'simulate_request', args: { principal: 'arn:aws:iam::111122223333:role/app', action: 'GetObject', resource: '*' }, message: /^simulate_request: not a valid request: action: expected `service:Action`/ },
    { name: 'an action list with a malformed action', tool: 'check_not_granted', args: { policy: policy(), actions: ['not an action'] }, message: /service:Action/ },
    { name: 'a text that is not a template, checked as one', tool: 'check_no_public_access', args: { policy: policy(), format: 'cloudformation' }, message: /^check_no_public_access: the text is not a CloudFormation or SAM template/ },
    { name: 'a YAML text that is not a template, read as one', tool: 'validate_policy', args: { text: 'just: yaml\n', format: 'cloudformation' }, message: /not a CloudFormation or SAM template/ },
    { name: 'an unknown format', tool: 'validate_policy', args: { text: '{}', format: 'bicep' }, message: /format/ },
    { name: 'a template diff of a text that is not a template', tool: 'diff_templates', args: { oldText: '', newText: '{"Version": "2012-10-17", "Statement": []}' }, message: /`newText` is not a CloudFormation or SAM template/ },
    { name: 'an unknown tool', tool: 'write_policy', args: {}, message: /write_policy/ },
    { name: 'nothing to generate from', tool: 'generate_policy', args: { input: 'hello world' }, message: /^generate_policy: / },
    { name: 'a text that is not an AccessDenied message', tool: 'explain_access_denied', args: { message: 'Internal server error' }, message: /^explain_access_denied: / },
    { name: 'an identity policy that is not JSON', tool: 'explain_access_denied', args: { message: DENIED_GET, identityPolicies: ['{"Statement": ['] }, message: /`identityPolicies\[0\]` is not a JSON policy object/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const result = await call(c.tool, c.args);
      assert.equal(result.isError, true, textOf(result));
      assert.match(textOf(result), c.message);
      assert.ok(!textOf(result).includes('\n'), `more than one line: ${textOf(result)}`);
      // The server is still there and answers.
      const answer = await ok('check_no_public_access', { policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) });
      assert.equal(answer.result, 'PASS');
    });
  }

  test('nothing was written to stderr', () => {
    assert.equal(stderr, '');
  });
});
