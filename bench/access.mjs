/**
 * Benchmark: the access analyses (issue 12 targets).
 * - `diff` of two 50-statement identity policies (actions with wildcards, resources, conditions,
 *   denies): a changed pair (new access found and confirmed) and an identical pair (everything
 *   proved), warm median and p95 over runs, plus the first (cold) call;
 * - risk analysis (`accessFindings` of identity policies) per AWS managed policy, warm: median, p95
 *   and mean, next to the validation time of the same policies;
 * - external access of resource-based policies (`accessFindings`), warm, per policy.
 */
import { loadLibrary, managedPolicyTexts, summarize, emit } from './common.mjs';

const { lib } = loadLibrary();
const RUNS = Number(process.env.BENCH_ACCESS_RUNS ?? 30);

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(7);
const pick = (list) => list[Math.floor(random() * list.length)];

function statement(i) {
  const service = pick(['s3', 'dynamodb', 'ec2', 'sqs', 'lambda', 'kms']);
  const actions = {
    s3: ['s3:GetObject', 's3:PutObject', 's3:List*', 's3:Get*', 's3:DeleteObject'],
    dynamodb: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:*Item'],
    ec2: ['ec2:Describe*', 'ec2:StartInstances', 'ec2:StopInstances', 'ec2:RunInstances'],
    sqs: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:Get*'],
    lambda: ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode'],
    kms: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*'],
  }[service];
  const resource = {
    s3: [`arn:aws:s3:::bucket-${i % 7}/*`, `arn:aws:s3:::bucket-${i % 7}/home/\${aws:username}/*`, 'arn:aws:s3:::shared-*'],
    dynamodb: [`arn:aws:dynamodb:eu-west-1:111122223333:table/t-${i % 5}*`],
    ec2: ['*', 'arn:aws:ec2:*:111122223333:instance/*'],
    sqs: [`arn:aws:sqs:*:111122223333:queue-${i % 4}`],
    lambda: [`arn:aws:lambda:eu-west-1:111122223333:function:f-${i % 6}*`],
    kms: ['arn:aws:kms:eu-west-1:111122223333:key/*'],
  }[service];
  const s = { Sid: `S${i}`, Effect: i % 9 === 8 ? 'Deny' : 'Allow', Action: [pick(actions), pick(actions)], Resource: [pick(resource)] };
  if (i % 3 === 0) s.Condition = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } };
  if (i % 5 === 0) s.Condition = { ...(s.Condition ?? {}), Bool: { 'aws:SecureTransport': 'true' } };
  return s;
}

const oldPolicy = { Version: '2012-10-17', Statement: Array.from({ length: 50 }, (_, i) => statement(i)) };
const newPolicy = JSON.parse(JSON.stringify(oldPolicy));
newPolicy.Statement[3].Action.push('s3:PutObjectAcl');
delete newPolicy.Statement[9].Condition;
newPolicy.Statement[17] = { ...newPolicy.Statement[17], Effect: 'Allow' };
newPolicy.Statement[30].Resource = ['*'];
const parse = (policy) => lib.parsePolicy(JSON.stringify(policy, null, 2)).document;

function timeRuns(fn, runs) {
  const samples = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = fn();
    samples.push(performance.now() - start);
  }
  return { stats: summarize(samples), value };
}

const oldDoc = parse(oldPolicy);
const newDoc = parse(newPolicy);
const coldStart = performance.now();
const first = lib.diffAccess(oldDoc, newDoc, 'identity');
const coldMs = performance.now() - coldStart;
const changed = timeRuns(() => lib.diffAccess(oldDoc, newDoc, 'identity'), RUNS);
const same = timeRuns(() => lib.diffAccess(oldDoc, parse(oldPolicy), 'identity'), RUNS);

// Risk analysis per managed policy, next to validation of the same policies.
const managed = managedPolicyTexts().map(({ name, text }) => ({ name, text, document: lib.parsePolicy(text).document }));
for (const p of managed.slice(0, 200)) lib.accessFindings(p.document, 'identity');
const riskSamples = [];
const validateSamples = [];
let findings = 0;
for (const p of managed) {
  let start = performance.now();
  findings += lib.accessFindings(p.document, 'identity').length;
  riskSamples.push(performance.now() - start);
  start = performance.now();
  lib.validatePolicy(p.text, { kind: 'identity', awsManaged: true });
  validateSamples.push(performance.now() - start);
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

// External access of resource-based policies.
const resourcePolicies = Array.from({ length: 200 }, (_, i) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Public', Effect: 'Allow', Principal: i % 2 ? '*' : { AWS: `arn:aws:iam::4444555566${String(i % 100).padStart(2, '0')}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`], ...(i % 3 === 0 ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } } : {}) },
    { Sid: 'TLS', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ],
})).map(parse);
for (const d of resourcePolicies.slice(0, 20)) lib.accessFindings(d, 'resource');
const externalSamples = resourcePolicies.map((d) => timeRuns(() => lib.accessFindings(d, 'resource'), 1).stats.p50);

emit({
  name: 'access',
  diff50: { statements: 50, coldMs, changed: changed.stats, identical: same.stats, verdictChanged: first.verdict, newAccessGroups: first.newAccess.length, removedGroups: first.removedAccess.length, undecided: first.undecided.length, verdictIdentical: same.value.verdict },
  risks: { policies: managed.length, perPolicy: summarize(riskSamples), meanMs: mean(riskSamples), validatePerPolicy: summarize(validateSamples), validateMeanMs: mean(validateSamples), findings },
  external: { policies: resourcePolicies.length, perPolicy: summarize(externalSamples) },
});
