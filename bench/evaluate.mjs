/**
 * Benchmark 3: evaluator throughput (decisions per second) on generated workloads:
 * - managed: each request carries 5 AWS managed policies (identity), an SCP and, for S3, a bucket
 *   policy with conditions; actions are drawn from those policies, so many requests are allowed.
 * - synthetic: small customer-style policies with conditions, variables and Deny statements.
 * Scenario files (server/src/iam/scenario/) are run too when that runner exists.
 */
import { loadLibrary, managedPolicyTexts, emit } from './common.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20000);
const { lib } = loadLibrary();

/** A small deterministic PRNG, so that every run evaluates the same workload. */
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
const random = prng(42);
const pick = (list) => list[Math.floor(random() * list.length)];

const managed = managedPolicyTexts().map(({ name, text }) => ({ id: name, document: JSON.parse(text) }));
const actionsOf = (document) => {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return statements.flatMap((s) => (s && s.Action ? [].concat(s.Action) : [])).filter((a) => typeof a === 'string');
};
const concrete = (action) => action.replace(/\*/g, 'Get').replace(/\?/g, 'x');
const scp = { id: 'scp-deny-regions', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }] } };
const bucketPolicy = { id: 'bucket', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*' }] } };

function managedRequest() {
  const identityPolicies = Array.from({ length: 5 }, () => pick(managed));
  const candidates = identityPolicies.flatMap((p) => actionsOf(p.document));
  const action = candidates.length > 0 && random() < 0.8 ? concrete(pick(candidates)) : pick(['s3:GetObject', 'ec2:RunInstances', 'iam:PassRole', 'kms:Decrypt']);
  const s3 = action.toLowerCase().startsWith('s3:');
  return {
    principal: 'arn:aws:sts::111122223333:assumed-role/dev/alice',
    action,
    resource: s3 ? `arn:aws:s3:::bucket/${pick(['red', 'blue'])}/${Math.floor(random() * 1000)}.txt` : `arn:aws:ec2:eu-west-1:111122223333:instance/i-${Math.floor(random() * 1e6)}`,
    context: { 'aws:RequestedRegion': pick(['eu-west-1', 'us-east-1']), 'aws:SecureTransport': pick(['true', 'false']), 'aws:PrincipalTag/team': pick(['red', 'blue']) },
    identityPolicies,
    scps: [[scp]],
    ...(s3 ? { resourcePolicy: bucketPolicy } : {}),
  };
}

const synthetic = Array.from({ length: 50 }, (_, i) => ({
  id: `synthetic-${i}`,
  document: {
    Version: '2012-10-17',
    Statement: Array.from({ length: 10 }, (_, j) => ({
      Sid: `S${j}`,
      Effect: j % 4 === 3 ? 'Deny' : 'Allow',
      Action: [`s3:${pick(['Get', 'Put', 'List', 'Delete'])}*`, `dynamodb:${pick(['GetItem', 'Query', 'PutItem'])}`],
      Resource: [`arn:aws:s3:::bucket-${j}/\${aws:username}/*`, `arn:aws:dynamodb:*:*:table/t-${j}*`],
      Condition: { StringLike: { 'aws:PrincipalTag/project': [`p${j}*`, '*-admin'] }, IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] }, DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
    })),
  },
}));

function syntheticRequest() {
  const j = Math.floor(random() * 10);
  const s3 = random() < 0.5;
  return {
    principal: 'arn:aws:iam::111122223333:user/alice',
    action: s3 ? `s3:${pick(['GetObject', 'PutObject', 'ListBucket', 'DeleteObject'])}` : `dynamodb:${pick(['GetItem', 'Query', 'PutItem'])}`,
    resource: s3 ? `arn:aws:s3:::bucket-${j}/alice/file` : `arn:aws:dynamodb:eu-west-1:111122223333:table/t-${j}x`,
    context: { 'aws:username': 'alice', 'aws:PrincipalTag/project': pick([`p${j}1`, 'ops-admin', 'none']), 'aws:SourceIp': pick(['10.1.2.3', '8.8.8.8']), 'aws:CurrentTime': '2026-11-29T12:00:00Z' },
    identityPolicies: [pick(synthetic), pick(synthetic)],
  };
}

function run(name, make) {
  const requests = Array.from({ length: REQUESTS }, make);
  for (const request of requests.slice(0, 500)) lib.evaluate(request);
  const decisions = {};
  let errors = 0;
  const start = performance.now();
  for (const request of requests) {
    const answer = lib.evaluate(request);
    decisions[answer.decision] = (decisions[answer.decision] ?? 0) + 1;
    if (answer.errors.length > 0) errors++;
  }
  const ms = performance.now() - start;
  const statements = requests.reduce((n, r) => n + r.identityPolicies.reduce((m, p) => m + [].concat(p.document.Statement).length, 0), 0);
  return { name, requests: requests.length, ms, decisionsPerSecond: Math.round((requests.length / ms) * 1000), statementsPerRequest: Math.round(statements / requests.length), decisions, withErrors: errors };
}

const results = [run('managed', managedRequest), run('synthetic', syntheticRequest)];
// No scenario runner yet: server/src/iam/scenario/ is empty on this date (reported as a gap).
emit({ name: 'evaluate', workloads: results });
