/**
 * The Test Explorer's and the authoring commands' requests through the real server, in-process:
 * `iam/runScenario` (list, run, coverage), `iam/explainDenied` (against the scenario that
 * defines the caller, with the fix as a workspace edit that re-simulates to Allow) and
 * `iam/generatePolicy`. Data: the editor suite's fixture scenario, `test/e2e/fixtures/workspace/e2e/testing/`.
 * Decisions follow the IAM User Guide, "Policy evaluation logic" (an explicit deny overrides any
 * allow; without an allow the request is implicitly denied).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startHarness, type Harness } from './harness';
import type { ExplainDeniedResult, GeneratePolicyResult, RunScenarioResult } from '../../server/src/protocol';

const FIXTURES = path.join(__dirname, '..', 'e2e', 'fixtures', 'workspace', 'e2e', 'testing');
const read = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');
const BASE = 'file:///workspace/testing';
const SCENARIO = `${BASE}/app.iamtest.json`;

/** Opens the fixture's policy files under file:///workspace/testing/ (the harness's workspace). */
async function openFixture(harness: Harness): Promise<void> {
  for (const file of ['app-policy.json', 'reporter-policy.json']) {
    const uri = `${BASE}/${file}`;
    const waiting = harness.diagnostics(uri);
    harness.open(uri, read(file));
    await waiting;
  }
}

test('runScenario lists the tests with their ranges, without running them', async () => {
  const harness = await startHarness();
  try {
    const result = (await harness.client.sendRequest('iam/runScenario', { uri: SCENARIO, text: read('app.iamtest.json') })) as RunScenarioResult;
    assert.deepEqual(result.tests.map((t) => [t.index, t.name, t.range.start.line]), [
      [0, 'app reads objects', 8],
      [1, 'app cannot delete objects', 15],
      [2, 'app writes objects', 22],
    ]);
    assert.equal(result.results, undefined);
  } finally {
    harness.dispose();
  }
});

test('runScenario runs the tests: expected and actual decisions, the explanation and the deciding statement', async () => {
  const harness = await startHarness();
  try {
    await openFixture(harness);
    const result = (await harness.client.sendRequest('iam/runScenario', { uri: SCENARIO, text: read('app.iamtest.json'), run: true })) as RunScenarioResult;
    const rows = result.results!.map((r) => [r.name, r.outcome, r.expected, r.actual]);
    assert.deepEqual(rows, [
      ['app reads objects', 'passed', 'Allow', 'Allow'],
      ['app cannot delete objects', 'passed', 'ExplicitDeny', 'ExplicitDeny'],
      ['app writes objects', 'failed', 'Allow', 'ImplicitDeny'],
    ]);
    const failed = result.results![2]!;
    assert.equal(failed.summary, 'expected Allow, got ImplicitDeny: nothing allows `s3:PutObject`');
    assert.match(failed.explanation, /^# Test `app writes objects`/);
    assert.equal(result.results![0]!.location?.uri, `${BASE}/app-policy.json`);
    assert.equal(result.results![0]!.location?.range.start.line, 3);
  } finally {
    harness.dispose();
  }
});

test('runScenario runs only the tests asked for, and a file that is not JSON says why', async () => {
  const harness = await startHarness();
  try {
    await openFixture(harness);
    const some = (await harness.client.sendRequest('iam/runScenario', { uri: SCENARIO, text: read('app.iamtest.json'), run: true, tests: [2] })) as RunScenarioResult;
    assert.deepEqual(some.results!.map((r) => r.index), [2]);
    const broken = (await harness.client.sendRequest('iam/runScenario', { uri: SCENARIO, text: '{"tests": [', run: true })) as RunScenarioResult;
    assert.match(broken.error ?? '', /cannot be read/);
    assert.equal(broken.results, undefined);
  } finally {
    harness.dispose();
  }
});

test('runScenario with coverage: per policy file, each statement with the tests it decided', async () => {
  const harness = await startHarness();
  try {
    await openFixture(harness);
    const result = (await harness.client.sendRequest('iam/runScenario', { uri: SCENARIO, text: read('app.iamtest.json'), run: true, coverage: true })) as RunScenarioResult;
    const byUri = new Map(result.coverage!.map((f) => [f.uri, f.statements.map((s) => [s.range.start.line, s.label, s.tests])]));
    assert.deepEqual(byUri.get(`${BASE}/app-policy.json`), [
      [3, 'statement `ReadObjects`', ['app.iamtest.json: app reads objects']],
      [9, 'statement `NeverDelete`', ['app.iamtest.json: app cannot delete objects']],
      [15, 'statement `SendToQueue`', []],
    ]);
    assert.deepEqual(byUri.get(`${BASE}/reporter-policy.json`), [[3, 'statement `ListReports`', []]]);
  } finally {
    harness.dispose();
  }
});

const REPORTER = 'arn:aws:iam::111122223333:user/reporter';

/** AccessDenied messages in the formats AWS SDKs print, and what the server must make of them. */
const EXPLAIN_CASES: ReadonlyArray<{ name: string; message: string; status: ExplainDeniedResult['status']; deniedBy: string[]; edits: number; scenario: boolean }> = [
  {
    name: 'implicit deny, no identity-based policy allows: a fix in the caller\'s policy file',
    message: `User: ${REPORTER} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv because no identity-based policy allows the s3:GetObject action`,
    status: 'fix',
    deniedBy: ['identity'],
    edits: 1,
    scenario: true,
  },
  {
    name: 'the same without the "because" part',
    message: `User: ${REPORTER} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv`,
    status: 'fix',
    deniedBy: ['identity'],
    edits: 1,
    scenario: true,
  },
  {
    name: 'an explicit Deny: no Allow is proposed',
    message: 'User: arn:aws:iam::111122223333:user/app is not authorized to perform: s3:DeleteObject on resource: arn:aws:s3:::e2e-bucket/data.csv with an explicit deny in an identity-based policy',
    status: 'explicit-deny',
    deniedBy: ['identity'],
    edits: 0,
    scenario: true,
  },
  {
    name: 'an SCP named by the message, not reproduced by the scenario (which has no SCP): the policies allow it',
    message: 'User: arn:aws:iam::111122223333:user/app is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-bucket/data.csv because no service control policy allows the s3:GetObject action',
    status: 'not-reproduced',
    deniedBy: [],
    edits: 0,
    scenario: true,
  },
  {
    name: 'a caller no scenario defines: simulated with no policies, the fix is a new policy',
    message: 'User: arn:aws:iam::999999999999:user/stranger is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv',
    status: 'fix',
    deniedBy: ['identity'],
    edits: 0,
    scenario: false,
  },
  { name: 'not an AccessDenied message', message: 'hello world', status: 'unreadable', deniedBy: [], edits: 0, scenario: false },
];

for (const c of EXPLAIN_CASES) {
  test(`explainDenied: ${c.name}`, async () => {
    const harness = await startHarness();
    try {
      await openFixture(harness);
      const result = (await harness.client.sendRequest('iam/explainDenied', { message: c.message, scenarios: [{ uri: SCENARIO, text: read('app.iamtest.json') }] })) as ExplainDeniedResult;
      assert.equal(result.status, c.status, result.markdown);
      assert.deepEqual(result.deniedBy, c.deniedBy);
      assert.equal(result.edits?.length ?? 0, c.edits);
      assert.equal(result.scenarioUri, c.scenario ? SCENARIO : undefined);
      if (c.status === 'fix' && c.edits === 0) assert.ok(result.newPolicy, 'a new policy to open');
      if (c.status === 'explicit-deny') assert.match(result.markdown, /no Allow can lift it/);
    } finally {
      harness.dispose();
    }
  });
}

test('explainDenied: the fix edit allows exactly the request, and the re-simulation with the edited document allows it', async () => {
  const harness = await startHarness();
  try {
    await openFixture(harness);
    const params = { message: `User: ${REPORTER} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv`, scenarios: [{ uri: SCENARIO, text: read('app.iamtest.json') }] };
    const result = (await harness.client.sendRequest('iam/explainDenied', params)) as ExplainDeniedResult;
    assert.equal(result.verifiedDecision, 'Allow');
    const fix = result.edits![0]!;
    assert.equal(fix.uri, `${BASE}/reporter-policy.json`);
    const edits = (fix.edit as { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> }).changes[fix.uri]!;
    const before = TextDocument.create(fix.uri, 'json', 1, read('reporter-policy.json'));
    const after = TextDocument.applyEdits(before, edits);
    assert.deepEqual(JSON.parse(after).Statement, [
      { Sid: 'ListReports', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::e2e-reports' },
      { Sid: 'AllowS3GetObject', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::e2e-reports/q4.csv' },
    ]);
    // The editor applies the edit to the open document; the server then simulates its unsaved text.
    const republished = harness.diagnostics(fix.uri);
    harness.change(fix.uri, after, 2);
    await republished;
    const again = (await harness.client.sendRequest('iam/explainDenied', params)) as ExplainDeniedResult;
    assert.equal(again.status, 'not-reproduced', again.markdown);
  } finally {
    harness.dispose();
  }
});

test('explainDenied: when several scenario files define the caller, the first is used and all are listed for the client to offer', async () => {
  const harness = await startHarness();
  try {
    await openFixture(harness);
    const copy = `${BASE}/copy.iamtest.json`;
    const other = `${BASE}/other.iamtest.json`;
    const message = `User: ${REPORTER} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv`;
    // A scenario whose accounts do not hold the caller is not a candidate.
    const unrelated = JSON.stringify({ accounts: { '444455556666': { users: { someone: { policies: [] } } } }, tests: [] });
    const scenarios = [
      { uri: SCENARIO, text: read('app.iamtest.json') },
      { uri: other, text: unrelated },
      { uri: copy, text: read('app.iamtest.json') },
    ];
    const result = (await harness.client.sendRequest('iam/explainDenied', { message, scenarios })) as ExplainDeniedResult;
    assert.equal(result.scenarioUri, SCENARIO);
    assert.deepEqual(result.callerScenarioUris, [SCENARIO, copy]);
    assert.match(result.markdown, /The caller is also defined in `copy\.iamtest\.json`; this explanation uses `app\.iamtest\.json`\./);
    // The client's choice: only the chosen file is sent, and it is used.
    const chosen = (await harness.client.sendRequest('iam/explainDenied', { message, scenarios: [scenarios[2]] })) as ExplainDeniedResult;
    assert.equal(chosen.scenarioUri, copy);
    assert.equal(chosen.callerScenarioUris, undefined);
    assert.doesNotMatch(chosen.markdown, /also defined in/);
  } finally {
    harness.dispose();
  }
});

test('explainDenied: a role taken from a template gets its fix as an edit of the template, which then allows the request', async () => {
  // docs/scenarios.md: `"template": "file#LogicalId"` takes the role and the policies the template attaches to it.
  const template = `${BASE}/template.yaml`;
  const text = `Resources:
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
              - Sid: Tags
                Effect: Allow
                Action:
                  - s3:GetObjectTagging
                Resource: arn:aws:s3:::e2e-reports/q4.csv
`;
  const harness = await startHarness();
  try {
    const opened = harness.diagnostics(template);
    harness.open(template, text);
    await opened;
    const scenario = { uri: `${BASE}/template.iamtest.json`, text: JSON.stringify({ accounts: [{ id: '111122223333' }], roles: [{ name: 'App', account: '111122223333', template: 'template.yaml#App' }], tests: [] }) };
    const params = { message: 'User: arn:aws:sts::111122223333:assumed-role/App/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv because no identity-based policy allows the s3:GetObject action', scenarios: [scenario] };
    const result = (await harness.client.sendRequest('iam/explainDenied', params)) as ExplainDeniedResult;
    assert.equal(result.status, 'fix', result.markdown);
    const fix = result.edits?.[0];
    assert.ok(fix, result.markdown);
    assert.equal(fix.uri, template);
    assert.match(fix.description, /`template\.yaml#\/Resources\/App\/Properties\/Policies\/0\/PolicyDocument`/);
    const edits = (fix.edit as { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> }).changes[template]!;
    const after = TextDocument.applyEdits(TextDocument.create(template, 'yaml', 1, text), edits);
    assert.equal(after, text.replace('- s3:GetObjectTagging\n', '- s3:GetObjectTagging\n                  - s3:GetObject\n'));
    // The editor applies the edit to the open template; the server then simulates its unsaved text.
    const republished = harness.diagnostics(template);
    harness.change(template, after, 2);
    await republished;
    const again = (await harness.client.sendRequest('iam/explainDenied', params)) as ExplainDeniedResult;
    assert.equal(again.status, 'not-reproduced', again.markdown);
  } finally {
    harness.dispose();
  }
});

describe('explainDenied against the active template that defines the caller (no scenario)', () => {
  // CloudFormation User Guide, "Name type": without RoleName, a role is named `stack-LogicalId-RANDOM`.
  const yaml = `Resources:
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
                Action: s3:GetObjectTagging
                Resource: arn:aws:s3:::e2e-reports/q4.csv
  Other:
    Type: AWS::IAM::Role
    Properties:
      RoleName: other
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
`;
  const terraform = `resource "aws_iam_role" "app" {
  name               = "reports-reader"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObjectTagging"], Resource = "arn:aws:s3:::e2e-reports/q4.csv" }]
  })
}
`;
  const denied = (role: string) => `User: arn:aws:sts::111122223333:assumed-role/${role}/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv because no identity-based policy allows the s3:GetObject action`;
  const json = `{
  "Resources": {
    "App": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "RoleName": "reports-app",
        "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] },
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"]
      }
    }
  }
}
`;
  const inline = ['"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"],', '"Policies": [', '  {', '    "PolicyName": "AllowS3GetObject",', '    "PolicyDocument": {', '      "Version": "2012-10-17",', '      "Statement": [', '        {', '          "Sid": "AllowS3GetObject",', '          "Effect": "Allow",', '          "Action": "s3:GetObject",', '          "Resource": "arn:aws:s3:::e2e-reports/q4.csv"', '        }', '      ]', '    }', '  }', ']'].join('\n        ');
  const cases = [
    { name: 'a JSON template role with only an AWS managed policy: the new policy becomes its inline policy', file: 'stack.json', text: json, role: 'reports-app', what: /the role `App` of the template `stack\.json`/, edited: json.replace('"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"]', inline) },
    { name: 'a CloudFormation role by the name CloudFormation generated for it', file: 'stack.yaml', text: yaml, role: 'reports-stack-App-1A2B3C4D5E6F', what: /the role `App` of the template `stack\.yaml`/, edited: yaml.replace('Action: s3:GetObjectTagging', "Action: [s3:GetObjectTagging, 's3:GetObject']") },
    { name: 'a Terraform role by its name', file: 'main.tf', text: terraform, role: 'reports-reader', what: /the role `aws_iam_role\.app` of the template `main\.tf`/, edited: terraform.replace('["s3:GetObjectTagging"]', '["s3:GetObjectTagging", "s3:GetObject"]') },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const harness = await startHarness();
      try {
        const uri = `${BASE}/${c.file}`;
        const opened = harness.diagnostics(uri);
        harness.open(uri, c.text);
        await opened;
        const result = (await harness.client.sendRequest('iam/explainDenied', { message: denied(c.role), scenarios: [], policyUri: uri })) as ExplainDeniedResult;
        assert.equal(result.status, 'fix', result.markdown);
        assert.match(result.markdown, c.what);
        const fix = result.edits?.[0];
        assert.equal(fix?.uri, uri, result.markdown);
        const edits = (fix!.edit as { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> }).changes[uri]!;
        assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, c.text), edits), c.edited);
      } finally {
        harness.dispose();
      }
    });
  }

  test("the message's resource is the template's bucket: its generated name is read into the template, and its bucket policy is simulated", async () => {
    // CloudFormation User Guide, "Name type" (a bucket without BucketName gets `stack-logicalid-random`
    // in lower case); IAM User Guide, "Policy evaluation logic" (an explicit Deny in a bucket policy denies).
    const harness = await startHarness();
    try {
      const uri = `${BASE}/bucket.yaml`;
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
          - Sid: NoDeletes
            Effect: Deny
            Principal: '*'
            Action: s3:DeleteObject
            Resource: !Sub '\${Data.Arn}/*'
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
        - PolicyName: data
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ['s3:GetObject', 's3:DeleteObject']
                Resource: !Sub '\${Data.Arn}/*'
`;
      const opened = harness.diagnostics(uri);
      harness.open(uri, text);
      await opened;
      const ask = async (action: string, reason: string) => (await harness.client.sendRequest('iam/explainDenied', { message: `User: arn:aws:sts::111122223333:assumed-role/stack-App-1A2B3C4D5E6F/s is not authorized to perform: ${action} on resource: arn:aws:s3:::stack-data-0a1b2c3d4e5f/in/a.csv ${reason}`, scenarios: [], policyUri: uri })) as ExplainDeniedResult;
      const read = await ask('s3:GetObject', 'because no identity-based policy allows the s3:GetObject action');
      assert.equal(read.status, 'not-reproduced', read.markdown);
      assert.match(read.markdown, /`Data` \(AWS::S3::Bucket\), named `stack-data-0a1b2c3d4e5f` by CloudFormation/);
      const deleted = await ask('s3:DeleteObject', 'with an explicit deny in a resource-based policy');
      assert.equal(deleted.status, 'explicit-deny', deleted.markdown);
      assert.match(deleted.markdown, /NoDeletes/);
      assert.match(deleted.markdown, /statement `NoDeletes` \(index 0\) of `bucket\.yaml#\/Resources\/DataPolicy\/Properties\/PolicyDocument` denies it/);
      assert.doesNotMatch(deleted.markdown, /\(account \d{12}/);
    } finally {
      harness.dispose();
    }
  });

  test('a role the template does not define, and a JSON template, are not read as a policy', async () => {
    const harness = await startHarness();
    try {
      const uri = `${BASE}/stack.json`;
      const json = JSON.stringify({ Resources: { App: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'app', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } } } }, null, 2);
      const opened = harness.diagnostics(uri);
      harness.open(uri, json);
      await opened;
      const result = (await harness.client.sendRequest('iam/explainDenied', { message: denied('someone-else'), scenarios: [], policyUri: uri })) as ExplainDeniedResult;
      assert.match(result.markdown, /neither a policy nor a template that defines it/);
      assert.equal(result.edits, undefined);
    } finally {
      harness.dispose();
    }
  });
});

test('explainDenied uses the active policy document when no scenario defines the caller', async () => {
  const harness = await startHarness();
  try {
    await openFixture(harness);
    const message = 'User: arn:aws:iam::999999999999:user/stranger is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv';
    const result = (await harness.client.sendRequest('iam/explainDenied', { message, scenarios: [], policyUri: `${BASE}/reporter-policy.json` })) as ExplainDeniedResult;
    assert.equal(result.status, 'fix', result.markdown);
    assert.equal(result.edits?.[0]?.uri, `${BASE}/reporter-policy.json`);
    assert.match(result.markdown, /the policy `reporter-policy\.json`/);
  } finally {
    harness.dispose();
  }
});

/**
 * Guardrails (IAM User Guide, "Policy evaluation logic"): a permissions boundary that does not allow
 * the action, and an SCP that denies it. An identity-based Allow lifts neither, so none is proposed.
 */
const GUARDED = JSON.stringify({
  accounts: [{ id: '222233334444', name: 'Workload', organization: [{ name: 'Root', scps: ['FullAWSAccess', { Version: '2012-10-17', Statement: [{ Sid: 'NoEc2', Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] }] }] }],
  users: [
    {
      name: 'guarded',
      account: 'Workload',
      policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }] }],
      boundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:*'], Resource: '*' }] },
    },
  ],
  tests: [],
}, null, 2);

const GUARDRAIL_CASES: ReadonlyArray<{ name: string; message: string; status: ExplainDeniedResult['status']; deniedBy: string[]; says: RegExp }> = [
  {
    name: 'a permissions boundary that does not allow the action',
    message: 'User: arn:aws:iam::222233334444:user/guarded is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no permissions boundary allows the s3:PutObject action',
    status: 'guardrail',
    deniedBy: ['boundary'],
    says: /A guardrail denies it .*no Allow is proposed/,
  },
  {
    name: 'an SCP with an explicit Deny',
    message: 'User: arn:aws:iam::222233334444:user/guarded is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:eu-west-1:222233334444:instance/* with an explicit deny in a service control policy',
    status: 'explicit-deny',
    deniedBy: ['scp'],
    says: /service control policy \(SCP\)\*\* \(explicit Deny\)/,
  },
];

for (const c of GUARDRAIL_CASES) {
  test(`explainDenied: ${c.name}: says so and proposes no Allow`, async () => {
    const harness = await startHarness();
    try {
      const scenarioUri = 'file:///workspace/guarded.iamtest.json';
      const result = (await harness.client.sendRequest('iam/explainDenied', { message: c.message, scenarios: [{ uri: scenarioUri, text: GUARDED }] })) as ExplainDeniedResult;
      assert.equal(result.status, c.status, result.markdown);
      assert.equal(result.scenarioUri, scenarioUri);
      assert.deepEqual(result.deniedBy, c.deniedBy, result.markdown);
      assert.equal(result.edits, undefined);
      assert.equal(result.newPolicy, undefined);
      assert.doesNotMatch(result.markdown, /## Fix/);
      assert.match(result.markdown, c.says);
    } finally {
      harness.dispose();
    }
  });
}

/** Inputs of *Generate policy…* and the statements (action, resource) they must give. */
const GENERATE_CASES: ReadonlyArray<{ name: string; text: string; compact?: boolean; statements?: Array<[unknown, unknown]>; error?: RegExp }> = [
  {
    name: 'a list of actions with a resource; an action without resource-level permissions on `*`',
    text: 's3:GetObject arn:aws:s3:::e2e-bucket/data.csv\nsqs:ListQueues',
    statements: [['s3:GetObject', 'arn:aws:s3:::e2e-bucket/data.csv'], ['sqs:ListQueues', '*']],
  },
  {
    name: 'an AccessDenied message',
    text: `User: ${REPORTER} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv because no identity-based policy allows the s3:GetObject action`,
    statements: [['s3:GetObject', 'arn:aws:s3:::e2e-reports/q4.csv']],
  },
  {
    name: 'CloudTrail records',
    text: JSON.stringify({ Records: [{ eventSource: 'sqs.amazonaws.com', eventName: 'ListQueues', awsRegion: 'us-east-1', recipientAccountId: '111122223333' }] }),
    statements: [['sqs:ListQueues', '*']],
  },
  { name: 'nothing usable', text: 'not an action', error: /no request to generate a policy from/ },
  { name: 'CloudTrail input that is not JSON', text: '{"Records": [', error: /not valid JSON/ },
];

for (const c of GENERATE_CASES) {
  test(`generatePolicy: ${c.name}`, async () => {
    const harness = await startHarness();
    try {
      const result = (await harness.client.sendRequest('iam/generatePolicy', { text: c.text, compact: c.compact ?? false })) as GeneratePolicyResult;
      if (c.error) {
        assert.match(result.error ?? '', c.error);
        assert.equal(result.policy, undefined);
        return;
      }
      const policy = JSON.parse(result.policy!) as { Statement: Array<{ Action: unknown; Resource: unknown }> };
      assert.deepEqual(policy.Statement.map((s) => [s.Action, s.Resource]), c.statements);
      assert.ok(!result.notes.some((n) => n.startsWith('finding:')), result.notes.join('\n'));
    } finally {
      harness.dispose();
    }
  });
}
