/**
 * Tests of the request side of the evaluator: `parseSimulationRequest` (the CLI JSON shape),
 * `deriveContext` (the visible step that fills principal keys) and `iam-policy simulate` itself,
 * run in-process on an in-memory file system.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveContext, evaluate, parseSimulationRequest } from '../../server/src/iam/evaluate/index';
import { runSimulate, type SimulateIo } from '../../server/src/cli/simulate';

// The request format of `iam-policy simulate` (brief): errors name the field.
const parseRows: ReadonlyArray<[string, unknown, RegExp | undefined]> = [
  ['minimal request', { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, undefined],
  ['not an object', [1, 2], /^request: expected an object/],
  ['principal missing', { action: 's3:GetObject', resource: '*' }, /^principal: required/],
  ['action without a service', { principal: '*', action: 'GetObject', resource: '*' }, /^action:/],
  ['identity policy not an object', { principal: '*', action: 's3:GetObject', resource: '*', identityPolicies: [{}, 'x'] }, /^identityPolicies\[1\]: expected an object/],
  ['identityPolicies not an array', { principal: '*', action: 's3:GetObject', resource: '*', identityPolicies: {} }, /^identityPolicies: expected an array/],
  ['scps level not an array', { principal: '*', action: 's3:GetObject', resource: '*', scps: [{}] }, /^scps\[0\]: expected an array/],
  ['rcps policy not an object', { principal: '*', action: 's3:GetObject', resource: '*', rcps: [[{}, 3]] }, /^rcps\[0\]\[1\]: expected an object/],
  ['context value of the wrong type', { principal: '*', action: 's3:GetObject', resource: '*', context: { 'aws:x': { a: 1 } } }, /^context\.aws:x:/],
  ['bad account id', { principal: '*', action: 's3:GetObject', resource: '*', resourceAccount: '12' }, /^resourceAccount: expected a 12-digit/],
  ['management flag not boolean', { principal: '*', action: 's3:GetObject', resource: '*', principalIsManagementAccount: 'yes' }, /^principalIsManagementAccount:/],
];
for (const [name, json, error] of parseRows) {
  test(`parseSimulationRequest: ${name}`, () => {
    const result = parseSimulationRequest(json);
    if (error) {
      assert.equal(result.request, undefined);
      assert.ok(result.errors.some((e) => error.test(e)), result.errors.join('\n'));
    } else {
      assert.deepEqual(result.errors, []);
      assert.ok(result.request);
    }
  });
}

test('parseSimulationRequest: an unknown field is ignored with a warning, not an error', () => {
  const result = parseSimulationRequest({ principal: '*', action: 's3:GetObject', resource: '*', identityPolicy: {} });
  assert.deepEqual(result.errors, []);
  assert.ok(result.request);
  assert.ok(result.warnings!.some((warning) => warning.includes('`identityPolicy`')), result.warnings!.join('\n'));
});

test('parseSimulationRequest: empty placeholder policies are absent', () => {
  const result = parseSimulationRequest({ principal: '*', action: 's3:GetObject', resource: '*', resourcePolicy: {}, scps: [[{}]], identityPolicies: [{}] });
  assert.ok(result.request);
  assert.equal(result.request.resourcePolicy, undefined);
  assert.equal(result.request.scps, undefined);
  assert.deepEqual(result.request.identityPolicies, []);
});

test('parseSimulationRequest gives policies ids by position', () => {
  const p = { Statement: [] };
  const { request } = parseSimulationRequest({
    principal: '*', action: 's3:GetObject', resource: '*',
    identityPolicies: [p, p], resourcePolicy: p, permissionBoundary: p, sessionPolicy: p, scps: [[p], [p, p]], rcps: [[p]],
  });
  assert.ok(request);
  assert.deepEqual(request.identityPolicies!.map((p) => p.id), ['identityPolicies[0]', 'identityPolicies[1]']);
  assert.equal(request.resourcePolicy!.id, 'resourcePolicy');
  assert.equal(request.permissionBoundary!.id, 'permissionBoundary');
  assert.equal(request.sessionPolicy!.id, 'sessionPolicy');
  assert.deepEqual(request.scps!.map((l) => l.map((p) => p.id)), [['scps[0][0]'], ['scps[1][0]', 'scps[1][1]']]);
  assert.equal(request.rcps![0]![0]!.id, 'rcps[0][0]');
});

// deriveContext: values from "AWS global condition context keys" and "Variables and tags"
// (principal key values); never overwrites keys the user set; only knowable keys.
const deriveRows: ReadonlyArray<[string, string, string, Record<string, unknown>, readonly string[]]> = [
  ['IAM user', 'arn:aws:iam::111122223333:user/division/alice', 'arn:aws:s3:::b/k', {
    'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/division/alice', 'aws:username': 'alice', 'aws:PrincipalType': 'User',
    'aws:PrincipalIsAWSService': false, 'aws:PrincipalAccount': '111122223333', 'aws:ResourceAccount': '111122223333',
  }, ['aws:userid']],
  ['role session', 'arn:aws:sts::111122223333:assumed-role/app/s1', 'arn:aws:sqs:us-east-1:444455556666:q', {
    'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app', 'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalAccount': '111122223333',
    'aws:ResourceAccount': '444455556666',
  }, ['aws:username', 'aws:userid']],
  ['federated user', 'arn:aws:sts::111122223333:federated-user/carol', '*', {
    'aws:PrincipalArn': 'arn:aws:sts::111122223333:federated-user/carol', 'aws:userid': '111122223333:carol', 'aws:PrincipalType': 'FederatedUser',
  }, ['aws:username']],
  ['root user', 'arn:aws:iam::111122223333:root', '*', { 'aws:userid': '111122223333', 'aws:PrincipalType': 'Account', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:root' }, ['aws:username']],
  ['service principal', 'cloudtrail.amazonaws.com', 'arn:aws:s3:::b/k', { 'aws:PrincipalIsAWSService': true, 'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com' }, ['aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:ResourceAccount']],
  ['anonymous', '*', 'arn:aws:s3:::b/k', { 'aws:PrincipalType': 'Anonymous', 'aws:userid': 'anonymous' }, ['aws:PrincipalArn', 'aws:PrincipalIsAWSService']],
];
for (const [name, principal, resource, expected, absent] of deriveRows) {
  test(`deriveContext: ${name}`, () => {
    const { context, derived } = deriveContext({ principal, action: 's3:GetObject', resource });
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(context[key], value, key);
    for (const key of absent) assert.equal(context[key], undefined, key);
    assert.equal(derived.length, Object.keys(context).length);
  });
}

test('deriveContext never overwrites a key the user set, in any spelling', () => {
  const { context, derived } = deriveContext({ principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: '*', context: { 'AWS:USERNAME': 'mallory' } });
  assert.equal(context['AWS:USERNAME'], 'mallory');
  assert.equal(context['aws:username'], undefined);
  assert.ok(!derived.some((d) => d.startsWith('aws:username')));
});

test('the evaluator itself does not derive context (invariant 3)', () => {
  const policy = { id: 'p', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' } } };
  const request = { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/x', identityPolicies: [policy] };
  assert.equal(evaluate(request).decision, 'ImplicitDeny');
  assert.equal(evaluate({ ...request, context: deriveContext(request).context }).decision, 'Allow');
});

/** An in-memory world for the CLI. */
function world(files: Record<string, string>, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: SimulateIo = {
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return files[path]!;
    },
    readStdin: () => stdin,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const REQUEST = {
  principal: 'arn:aws:iam::111122223333:user/alice',
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::example-bucket/home/alice/report.csv',
  context: { 'aws:SourceIp': '203.0.113.7' },
  identityPolicies: [{ Version: '2012-10-17', Statement: [{ Sid: 'Home', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/home/${aws:username}/*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] }],
};

test('simulate --request prints the answer as JSON', () => {
  const w = world({ 'r.json': JSON.stringify(REQUEST) });
  assert.equal(runSimulate(['--request', 'r.json'], w.io), 0);
  const answer = JSON.parse(w.out());
  assert.equal(answer.decision, 'ImplicitDeny');
  assert.deepEqual(answer.missingContextKeys, ['aws:username']);
  assert.equal(w.err(), '');
});

test('simulate --derive-context fills aws:username and shows it', () => {
  const w = world({ 'r.json': JSON.stringify(REQUEST) });
  assert.equal(runSimulate(['--request', 'r.json', '--derive-context'], w.io), 0);
  const answer = JSON.parse(w.out());
  assert.equal(answer.decision, 'Allow');
  assert.ok(answer.derivedContext.some((d: string) => d.startsWith('aws:username = "alice"')));
  assert.equal(answer.context['aws:SourceIp'], '203.0.113.7');
});

test('simulate reads stdin with -', () => {
  const w = world({}, JSON.stringify({ ...REQUEST, context: { ...REQUEST.context, 'aws:username': 'alice' } }));
  assert.equal(runSimulate(['--request', '-'], w.io), 0);
  assert.equal(JSON.parse(w.out()).decision, 'Allow');
});

test('simulate --explain prints a readable trace', () => {
  const w = world({ 'r.json': JSON.stringify(REQUEST) });
  assert.equal(runSimulate(['--request', 'r.json', '--explain', '--derive-context'], w.io), 0);
  const text = w.out();
  assert.match(text, /^Decision: Allow\nAllowed by statement `Home` \(index 0\) of `identityPolicies\[0\]`/);
  assert.match(text, /Derived context:\n {2}aws:PrincipalArn/);
  assert.match(text, /\[identity\] `identityPolicies\[0\]` statement `Home` \(index 0\), Allow: APPLIES/);
  assert.match(text, /true +IpAddress `aws:SourceIp`: `203\.0\.113\.7` is in `203\.0\.113\.0\/24`/);
});

test('simulate --batch answers each request and keeps going after a bad one', () => {
  const w = world({ 'b.json': JSON.stringify([REQUEST, { action: 's3:GetObject' }, { ...REQUEST, principal: '*' }]) });
  assert.equal(runSimulate(['--batch', 'b.json'], w.io), 0);
  const answers = JSON.parse(w.out());
  assert.equal(answers.length, 3);
  assert.equal(answers[0].decision, 'ImplicitDeny');
  assert.match(answers[1].error, /principal: required/);
  assert.equal(answers[1].decision, undefined);
  assert.equal(answers[2].decision, 'ImplicitDeny');
});

test('simulate --batch --explain labels each request', () => {
  const w = world({ 'b.json': JSON.stringify([REQUEST, 7]) });
  assert.equal(runSimulate(['--batch', 'b.json', '--explain'], w.io), 0);
  assert.match(w.out(), /^Request 0:\nDecision: ImplicitDeny/);
  assert.match(w.out(), /Request 1: not evaluated:\n {2}- request: expected an object/);
});

test('simulate warns about actions the catalog does not know', () => {
  const w = world({ 'r.json': JSON.stringify({ ...REQUEST, action: 's3:GetObjekt' }) });
  assert.equal(runSimulate(['--request', 'r.json'], w.io), 0);
  assert.match(JSON.parse(w.out()).warnings.join('\n'), /s3:GetObjekt/);
});

// Exit code 2 for bad usage or unreadable input, with a clear message and no stack trace.
const usageRows: ReadonlyArray<[string, string[], Record<string, string>, RegExp]> = [
  ['no arguments', [], {}, /give `--request FILE\|-` or `--batch FILE\|-`/],
  ['unknown option', ['--request', 'r.json', '--fast'], { 'r.json': '{}' }, /unknown argument `--fast`/],
  ['missing file name', ['--request'], {}, /needs a file name/],
  ['both modes', ['--request', 'a', '--batch', 'b'], {}, /not both/],
  ['missing file', ['--request', 'nope.json'], {}, /cannot read `nope\.json`: no such file/],
  ['invalid JSON', ['--request', 'r.json'], { 'r.json': '{nope' }, /is not valid JSON/],
  ['invalid request', ['--request', 'r.json'], { 'r.json': '{"principal": 3}' }, /principal: expected a non-empty string/],
  ['batch that is not an array', ['--batch', 'b.json'], { 'b.json': '{}' }, /must hold a JSON array/],
];
for (const [name, argv, files, message] of usageRows) {
  test(`simulate exits 2: ${name}`, () => {
    const w = world(files);
    assert.equal(runSimulate(argv, w.io), 2);
    assert.match(w.err(), message);
    assert.doesNotMatch(w.err(), /\n\s+at /);
    assert.equal(w.out(), '');
  });
}

test('simulate --help prints usage and exits 0', () => {
  const w = world({});
  assert.equal(runSimulate(['--help'], w.io), 0);
  assert.match(w.out(), /--derive-context/);
});
