/**
 * Scenario files: parsing and validation (a table of scenario text → problem codes and messages),
 * running tests (assume-role chains, organizations, resources, groups, boundaries, context), and
 * `iam-policy test` in-process on the cross-account example and on failure cases.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SCENARIO_FIELDS, PolicySet, parseScenario, runScenario, checkPolicyFiles, type TestResult } from '../../server/src/iam/scenario/index';
import { resultLine } from '../../server/src/service/scenario';
import { cli } from './helpers/cli';

// ---------------------------------------------------------------------------------------------
// Parsing and validation: scenario text → the problems, as `CODE: message` (message start).

const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const T = (extra: object = {}) => ({ name: 't', principal: 'alice', action: 's3:GetObject', resource: '*', expect: 'Allow', ...extra });
const alice = { name: 'alice', account: '111122223333' };

const PARSE_CASES: Array<{ name: string; text: string; problems: string[]; broken?: boolean[] }> = [
  { name: 'a valid minimal scenario', text: JSON.stringify({ users: [alice], tests: [T()] }), problems: [], broken: [false] },
  { name: 'JSON syntax', text: '{"users": [}', problems: ['SCENARIO_JSON_SYNTAX: JSON syntax: value expected', 'SCENARIO_JSON_SYNTAX: JSON syntax: close bracket expected', 'SCENARIO_JSON_SYNTAX: JSON syntax: close brace expected', 'SCENARIO_MISSING_FIELD: The scenario has no `tests`'] },
  { name: 'not an object', text: '[]', problems: ['SCENARIO_INVALID_VALUE: A scenario file is a JSON object'] },
  { name: 'unknown top-level field with a suggestion', text: JSON.stringify({ user: [], tests: [] }), problems: ['SCENARIO_UNKNOWN_FIELD: Unknown field `user` in the scenario: did you mean `users`?'] },
  { name: 'unknown test field', text: JSON.stringify({ users: [alice], tests: [T({ expected: 'Allow' })] }), problems: ['SCENARIO_UNKNOWN_FIELD: Unknown field `expected` in test 1: did you mean `expect`?'], broken: [false] },
  { name: 'missing test fields', text: JSON.stringify({ tests: [{ name: 'x' }] }), problems: ['SCENARIO_MISSING_FIELD: Test `x` needs `principal`', 'SCENARIO_MISSING_FIELD: Test `x` needs `action`', 'SCENARIO_MISSING_FIELD: Test `x` needs `resource`', 'SCENARIO_MISSING_FIELD: Test `x` needs `expect`'], broken: [true] },
  { name: 'bad expect', text: JSON.stringify({ users: [alice], tests: [T({ expect: 'Denied' })] }), problems: ['SCENARIO_INVALID_VALUE: `expect` must be `Allow`, `ExplicitDeny`, `ImplicitDeny` or `Deny`'], broken: [true] },
  { name: 'expect is case-insensitive', text: JSON.stringify({ users: [alice], tests: [T({ expect: 'implicitdeny' })] }), problems: [], broken: [false] },
  { name: 'bad action', text: JSON.stringify({ users: [alice], tests: [T({ action: 's3' })] }), problems: ['SCENARIO_INVALID_VALUE: Action `s3` must be `service:Action`'], broken: [true] },
  { name: 'unknown principal', text: JSON.stringify({ users: [alice], tests: [T({ principal: 'bob' })] }), problems: ['SCENARIO_UNKNOWN_PRINCIPAL: Unknown principal `bob`: define it in `users` or `roles`, or give an ARN (known: `alice`)'], broken: [true] },
  { name: 'an ARN principal need not be defined', text: JSON.stringify({ tests: [T({ principal: 'arn:aws:iam::999988887777:user/x' })] }), problems: [], broken: [false] },
  { name: 'ambiguous principal', text: JSON.stringify({ users: [alice], roles: [{ name: 'alice', account: '111122223333', trustPolicy: ALLOW_ALL }], tests: [T()] }), problems: ['SCENARIO_AMBIGUOUS_PRINCIPAL: `alice` names 2 users and roles; write its ARN instead'], broken: [true] },
  { name: 'unknown role in assumeRole', text: JSON.stringify({ users: [alice], tests: [T({ assumeRole: 'Admin' })] }), problems: ['SCENARIO_UNKNOWN_ROLE: Unknown role `Admin`: define it in `roles`'], broken: [true] },
  { name: 'malformed assumeRole', text: JSON.stringify({ users: [alice], tests: [T({ assumeRole: 3 })] }), problems: ['SCENARIO_INVALID_VALUE: `assumeRole` is a role name or ARN'], broken: [true] },
  { name: 'sessionPolicy without assumeRole', text: JSON.stringify({ users: [alice], tests: [T({ sessionPolicy: ALLOW_ALL })] }), problems: ['SCENARIO_INVALID_VALUE: `sessionName` and `sessionPolicy` need `assumeRole`'], broken: [true] },
  { name: 'unknown account name', text: JSON.stringify({ users: [{ name: 'alice', account: 'Prod' }], tests: [] }), problems: ['SCENARIO_UNKNOWN_ACCOUNT: Unknown account `Prod`'] },
  { name: 'account by name', text: JSON.stringify({ accounts: [{ id: '111122223333', name: 'Prod' }], users: [{ name: 'alice', account: 'Prod' }], tests: [T()] }), problems: [], broken: [false] },
  { name: 'bad account id', text: JSON.stringify({ accounts: [{ id: '1234' }], tests: [] }), problems: ['SCENARIO_INVALID_VALUE: Account id `1234` must be 12 digits'] },
  { name: 'user without account', text: JSON.stringify({ users: [{ name: 'alice' }], tests: [] }), problems: ['SCENARIO_MISSING_FIELD: User `alice` needs an `account`'] },
  { name: 'user ARN that is a role ARN', text: JSON.stringify({ users: [{ arn: 'arn:aws:iam::111122223333:role/x' }], tests: [] }), problems: ['SCENARIO_INVALID_VALUE: `arn:aws:iam::111122223333:role/x` is not an IAM user ARN'] },
  { name: 'unknown group', text: JSON.stringify({ users: [{ ...alice, groups: ['devs'] }], tests: [] }), problems: ['SCENARIO_UNKNOWN_GROUP: Unknown group `devs`'] },
  { name: 'role without trust policy', text: JSON.stringify({ roles: [{ name: 'r', account: '111122223333' }], tests: [] }), problems: ['SCENARIO_MISSING_FIELD: Role `r` has no `trustPolicy`'] },
  { name: 'policy of the wrong type', text: JSON.stringify({ users: [{ ...alice, policies: [3] }], tests: [] }), problems: ['SCENARIO_INVALID_VALUE: `users[alice].policies[0]` must be a policy'] },
  { name: 'inline policy without Statement', text: JSON.stringify({ users: [{ ...alice, policies: [{ Version: '2012-10-17' }] }], tests: [] }), problems: ['SCENARIO_POLICY_INVALID: The inline policy at `users[alice].policies[0]` has no `Statement`'] },
  { name: 'duplicate user', text: JSON.stringify({ users: [alice, alice], tests: [] }), problems: ['SCENARIO_DUPLICATE_NAME: User `arn:aws:iam::111122223333:user/alice` is defined twice'] },
  { name: 'bad context value', text: JSON.stringify({ users: [alice], tests: [T({ context: { 'aws:SourceIp': { a: 1 } } })] }), problems: ['SCENARIO_INVALID_VALUE: Context key `aws:SourceIp` needs a string'], broken: [true] },
];

for (const c of PARSE_CASES) {
  test(`parse: ${c.name}`, () => {
    const { scenario, problems } = parseScenario(c.text);
    const got = problems.map((p) => `${p.code}: ${p.message}`);
    assert.equal(got.length, c.problems.length, got.join('\n'));
    c.problems.forEach((expected, i) => assert.ok(got[i]!.startsWith(expected), `${got[i]}\n  does not start with\n${expected}`));
    if (c.broken) assert.deepEqual(scenario.tests.map((t) => t.broken), c.broken);
    for (const p of problems) assert.ok(p.span.offset >= 0 && p.span.offset + p.span.length <= c.text.length, 'spans stay inside the text');
  });
}

test('parse: problems point at the exact text', () => {
  const text = '{"users": [{"name": "alice", "account": "111122223333"}], "tests": [{"name": "t", "principal": "alice", "assumeRole": "Nope", "action": "s3:GetObject", "resource": "*", "expect": "Allow"}]}';
  const { problems } = parseScenario(text);
  const p = problems.find((x) => x.code === 'SCENARIO_UNKNOWN_ROLE')!;
  assert.equal(text.slice(p.span.offset, p.span.offset + p.span.length), '"Nope"');
  assert.equal(p.testIndex, 0);
});

// ---------------------------------------------------------------------------------------------
// Running tests: scenario (policies inline or in memory files) → one result line per test.

function run(scenario: object, files: Record<string, string> = {}): TestResult[] {
  const parsed = parseScenario(JSON.stringify(scenario, null, 2));
  const policies = new PolicySet((p) => (p in files ? { text: files[p]! } : { error: `Policy file \`${p}\` not found` }));
  return runScenario(parsed.scenario, policies);
}

const allow = (action: string, resource = '*', sid?: string) => ({ Version: '2012-10-17', Statement: [{ ...(sid ? { Sid: sid } : {}), Effect: 'Allow', Action: action, Resource: resource }] });
const deny = (action: string, sid: string) => ({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Deny', Action: action, Resource: '*' }] });
const trust = (aws: string) => ({ Version: '2012-10-17', Statement: [{ Sid: 'Trust', Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' }] });

test('run: groups, boundaries and Deny expectations', () => {
  const results = run({
    groups: [{ name: 'readers', policies: [allow('s3:Get*', '*', 'Read')] }],
    users: [
      { name: 'alice', account: '111122223333', groups: ['readers'] },
      { name: 'bob', account: '111122223333', policies: [allow('*')], boundary: allow('s3:*', '*', 'OnlyS3') },
    ],
    tests: [
      T({ name: 'group grants', expect: 'Allow' }),
      T({ name: 'group does not grant put', action: 's3:PutObject', expect: 'Deny' }),
      T({ name: 'boundary limits', principal: 'bob', action: 'ec2:RunInstances', expect: 'ImplicitDeny' }),
      T({ name: 'wrong expectation', principal: 'bob', action: 'ec2:RunInstances', expect: 'Allow' }),
    ],
  });
  assert.deepEqual(results.map((r) => resultLine(r)), [
    '✓ Allow: statement `Read` of inline policy `groups[readers].policies[0]`',
    '✓ ImplicitDeny: nothing allows `s3:PutObject`',
    '✓ ImplicitDeny: the permissions boundary `users[bob].boundary` does not allow it',
    '✗ expected Allow, got ImplicitDeny: the permissions boundary `users[bob].boundary` does not allow it',
  ]);
});

test('run: assume-role chains, session policies and the session principal', () => {
  const results = run({
    users: [{ name: 'alice', account: '444455556666', policies: [allow('sts:AssumeRole')] }],
    roles: [
      { name: 'Hop', account: '111122223333', trustPolicy: trust('arn:aws:iam::444455556666:root'), policies: [allow('sts:AssumeRole')] },
      { name: 'Target', account: '111122223333', trustPolicy: trust('arn:aws:iam::111122223333:role/Hop'), policies: [allow('s3:*', '*', 'S3')] },
      { name: 'Closed', account: '111122223333', trustPolicy: trust('arn:aws:iam::111122223333:root') },
    ],
    tests: [
      T({ name: 'chain', assumeRole: ['Hop', 'Target'] }),
      T({ name: 'chain with a session policy', assumeRole: ['Hop', { role: 'Target', sessionName: 's1', sessionPolicy: allow('s3:List*') }], expect: 'ImplicitDeny' }),
      T({ name: 'skipping the hop', assumeRole: 'Target', expect: 'Allow' }),
      T({ name: 'closed role', assumeRole: 'Closed', expect: 'ImplicitDeny' }),
    ],
  });
  assert.equal(results[0]!.passed, true);
  assert.equal(results[0]!.steps.length, 3);
  assert.equal(results[0]!.steps[2]!.request.principal, 'arn:aws:sts::111122223333:assumed-role/Target/alice');
  assert.ok(results[0]!.steps[2]!.derived.some((d) => d.startsWith('aws:PrincipalArn = "arn:aws:iam::111122223333:role/Target"')));
  assert.ok(results[0]!.steps[1]!.derived.some((d) => d.startsWith('sts:RoleSessionName = "alice"')));
  assert.equal(results[1]!.passed, true);
  assert.equal(results[1]!.steps[2]!.request.principal, 'arn:aws:sts::111122223333:assumed-role/Target/s1');
  assert.equal(resultLine(results[2]!), "✗ expected Allow, got ImplicitDeny: step 1 `sts:AssumeRole` on `Target` denied: no statement of the role's trust policy allows the caller");
  assert.equal(results[2]!.failedStep, 0);
  assert.equal(results[3]!.passed, true);
});

test('run: SCPs per organization level, management account, RCPs and resource policies', () => {
  const results = run({
    accounts: [
      { id: '111122223333', name: 'Member', organization: [{ name: 'Root', scps: [allow('*')] }, { name: 'Workloads', scps: [deny('ec2:*', 'NoEc2'), allow('*')] }] },
      { id: '222233334444', name: 'Mgmt', managementAccount: true, organization: [{ scps: [deny('*', 'All')] }] },
      { id: '555566667777', name: 'Data', organization: [{ rcps: [{ Version: '2012-10-17', Statement: [{ Sid: 'NoDelete', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' }] }] }] },
    ],
    users: [
      { name: 'alice', account: 'Member', policies: [allow('*')] },
      { name: 'root-admin', account: 'Mgmt', policies: [allow('*')] },
      { name: 'dora', account: 'Data', policies: [allow('*')] },
    ],
    resources: [{ arn: 'arn:aws:s3:::data-bucket', account: 'Data', policy: { Version: '2012-10-17', Statement: [{ Sid: 'Alice', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-bucket/*' }] } }],
    tests: [
      T({ name: 'SCP denies', action: 'ec2:RunInstances', expect: 'ExplicitDeny' }),
      T({ name: 'management account is not limited', principal: 'root-admin', action: 'ec2:RunInstances', expect: 'Allow' }),
      T({ name: 'cross-account read via bucket policy', resource: 'arn:aws:s3:::data-bucket/k', expect: 'Allow' }),
      T({ name: 'cross-account put not in bucket policy', action: 's3:PutObject', resource: 'arn:aws:s3:::data-bucket/k', expect: 'ImplicitDeny' }),
      T({ name: 'RCP denies', principal: 'dora', action: 's3:DeleteObject', resource: 'arn:aws:s3:::data-bucket/k', expect: 'ExplicitDeny' }),
    ],
  });
  assert.deepEqual(results.map((r) => `${r.test.name}: ${r.decision}`), [
    'SCP denies: ExplicitDeny',
    'management account is not limited: Allow',
    'cross-account read via bucket policy: Allow',
    'cross-account put not in bucket policy: ImplicitDeny',
    'RCP denies: ExplicitDeny',
  ]);
  assert.ok(results.every((r) => r.passed));
  assert.equal(resultLine(results[0]!), '✓ ExplicitDeny: statement `NoEc2` of inline policy `accounts[Member].organization[1].scps[0]` denies');
});

test('run: context, principal tags, and turning derivation off', () => {
  const tagged = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data', 'aws:RequestedRegion': 'eu-west-1' } } }] };
  const results = run({
    users: [{ ...alice, policies: [tagged], tags: { team: 'data' } }],
    tests: [
      T({ name: 'with context', context: { 'aws:RequestedRegion': 'eu-west-1' } }),
      T({ name: 'no derivation', context: { 'aws:RequestedRegion': 'eu-west-1' }, deriveContext: false, expect: 'ImplicitDeny' }),
    ],
  });
  assert.ok(results.every((r) => r.passed), results.map((r) => resultLine(r)).join('\n'));
  assert.ok(results[0]!.steps[0]!.derived.some((d) => d.startsWith('aws:PrincipalTag/team = "data"')));
  assert.deepEqual(results[1]!.steps[0]!.derived, []);
});

test('run: a missing policy file makes the tests that use it unable to run, and is a problem on the reference', () => {
  const text = JSON.stringify({ users: [{ ...alice, policies: ['nope.json'] }], tests: [T()] });
  const parsed = parseScenario(text);
  const policies = new PolicySet(() => ({ error: 'Policy file `nope.json` not found' }));
  const problems = checkPolicyFiles(parsed.scenario, policies);
  assert.deepEqual(problems.map((p) => [p.code, text.slice(p.span.offset, p.span.offset + p.span.length)]), [['SCENARIO_POLICY_FILE', '"nope.json"']]);
  const [result] = runScenario(parsed.scenario, policies);
  assert.equal(resultLine(result!), '⚠ cannot run: Policy file `nope.json` not found');
  assert.equal(result!.passed, false);
});

test('run: a policy file that is not JSON is reported as invalid', () => {
  const parsed = parseScenario(JSON.stringify({ users: [{ ...alice, policies: ['bad.json'] }], tests: [T()] }));
  const problems = checkPolicyFiles(parsed.scenario, new PolicySet(() => ({ text: '{"Statement": [' })));
  assert.deepEqual(problems.map((p) => `${p.code}: ${p.message}`), ['SCENARIO_POLICY_INVALID: Policy file `bad.json` is not valid JSON']);
});

// ---------------------------------------------------------------------------------------------
// `iam-policy test`, in-process.

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'cross-account');

test('cli: the cross-account example passes, one line per test, counts alone on the last line', () => {
  const { code, stdout, stderr } = cli(['test', EXAMPLE]);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '6 passed, 0 failed');
  assert.ok(lines.includes('  ✓ the session reads S3: Allow: statement `S3Full` of account-a/CrossAccountS3Access-permissions.json'), stdout);
  assert.ok(lines.includes('  ✓ the session cannot launch EC2 instances: ImplicitDeny: nothing allows `ec2:RunInstances`'), stdout);
  assert.equal(lines.filter((l) => l.startsWith('  ✓ ')).length, 6);
});

test('cli: --format json gives machine output', () => {
  const { code, stdout } = cli(['test', '--format', 'json', path.join(EXAMPLE, 'cross-account.iamtest.json')]);
  assert.equal(code, 0);
  const output = JSON.parse(stdout);
  assert.equal(output.passed, 6);
  assert.equal(output.failed, 0);
  const s3 = output.files[0].tests[1];
  assert.equal(s3.decision, 'Allow');
  assert.equal(s3.steps.length, 2);
  assert.deepEqual(s3.deciding, [{ policy: 'account-a/CrossAccountS3Access-permissions.json', policyRole: 'identity', statementIndex: 0, sid: 'S3Full', effect: 'Allow', line: 4 }]);
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-scenario-'));

test('cli: a failing test exits 1 and is marked ✗; a missing policy file is reported and its tests cannot run', () => {
  const file = path.join(tmp, 'fail.iamtest.json');
  fs.writeFileSync(file, JSON.stringify({ users: [{ ...alice, policies: ['missing.json'] }, { name: 'bob', account: '111122223333' }], tests: [T({ principal: 'bob' }), T({ name: 'uses missing' })] }, null, 2));
  const { code, stdout } = cli(['test', file]);
  assert.equal(code, 1);
  assert.match(stdout, /  error: .*fail\.iamtest\.json:\d+:\d+: Cannot read policy file `missing\.json`: no such file/);
  assert.match(stdout, /  ✗ t: expected Allow, got ImplicitDeny: nothing allows `s3:GetObject`/);
  assert.match(stdout, /  ⚠ uses missing: cannot run: Cannot read policy file `missing\.json`/);
  assert.ok(stdout.endsWith('0 passed, 2 failed\n'));
});

test('cli: bad usage and unreadable scenario files exit 2', () => {
  assert.equal(cli(['test']).code, 2);
  assert.equal(cli(['test', '--format', 'xml', EXAMPLE]).code, 2);
  assert.equal(cli(['test', path.join(tmp, 'nothing-here.iamtest.json')]).code, 2);
  const broken = path.join(tmp, 'broken.iamtest.json');
  fs.writeFileSync(broken, '{"tests": [');
  const result = cli(['test', broken]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /is not valid JSON/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(cli(['test', '--help']).code, 0);
});

test('the JSON schema and the parser accept the same fields', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'scenario.schema.json'), 'utf8'));
  const keys = (node: { properties: object }) => Object.keys(node.properties).sort();
  const items = (name: string) => schema.properties[name].items;
  assert.deepEqual(keys(schema), [...SCENARIO_FIELDS.root].sort());
  assert.deepEqual(keys(items('accounts')), [...SCENARIO_FIELDS.account].sort());
  assert.deepEqual(keys(items('accounts').properties.organization.items), [...SCENARIO_FIELDS.level].sort());
  assert.deepEqual(keys(items('users')), [...SCENARIO_FIELDS.user].sort());
  assert.deepEqual(keys(items('groups')), [...SCENARIO_FIELDS.group].sort());
  assert.deepEqual(keys(items('roles')), [...SCENARIO_FIELDS.role].sort());
  assert.deepEqual(keys(items('resources')), [...SCENARIO_FIELDS.resource].sort());
  assert.deepEqual(keys(items('tests')), [...SCENARIO_FIELDS.test].sort());
  assert.deepEqual(keys(schema.definitions.assumeStep), [...SCENARIO_FIELDS.assume].sort());
});

test('cli: the organizations example passes: SCP levels with FullAWSAccess by name, RCPs, boundary, management account', () => {
  const { code, stdout } = cli(['test', path.join(__dirname, '..', '..', 'examples', 'organizations')]);
  assert.equal(code, 0, stdout);
  assert.ok(stdout.endsWith('7 passed, 0 failed\n'), stdout);
  assert.match(stdout, /✓ the SCP denies dana outside the EU: ExplicitDeny: statement `DenyOutsideEU` of deny-outside-eu-scp.json denies/);
});

test('run: FullAWSAccess and RCPFullAWSAccess may be named instead of a file', () => {
  const results = run({
    accounts: [{ id: '111122223333', organization: [{ scps: ['FullAWSAccess'], rcps: ['RCPFullAWSAccess'] }, { scps: [deny('s3:*', 'NoS3')] }] }],
    users: [{ ...alice, policies: [allow('*')] }],
    tests: [T({ name: 'level 1 has no allow', action: 'ec2:RunInstances', expect: 'ImplicitDeny' })],
  });
  assert.equal(resultLine(results[0]!), '✓ ImplicitDeny: no SCP at organization level 1 (`scps[1]`, root first) allows `ec2:RunInstances`');
});
