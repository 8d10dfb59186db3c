/**
 * Benchmark 7: what a CI user pays per run, whole process from spawn to exit, against node doing only
 * the unavoidable part of the same job (bench/floors.mjs):
 * - `iam-policy lint DIR` over every AWS managed policy written out as files (the test suite's
 *   pretty-printing), against reading and JSON-parsing the same files, and against reading them and
 *   parsing them into trees with offsets (jsonc-parser), the least a linter that reports positions does;
 * - `iam-policy lint FILE` of one small policy, against `node -e 0`;
 * - `iam-policy simulate --batch FILE` of 10,000 generated requests, against reading, parsing and
 *   printing them.
 * Every command runs BENCH_COLD_RUNS times (default 5), interleaved; min and median wall times are
 * reported (the minimum is the least disturbed run on a shared machine).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, ROOT, emit, managedPolicyTexts, median } from './common.mjs';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const CLI = join(ROOT, 'dist', 'cli.js');
const FLOORS = join(ROOT, 'bench', 'floors.mjs');
if (!existsSync(CLI)) throw new Error('run `node scripts/build.mjs` (or `npm run bench`) first');

// The inputs, written once per bench run into .bench/.
const policiesDir = join(BENCH_DIR, 'managed-policies');
rmSync(policiesDir, { recursive: true, force: true });
mkdirSync(policiesDir, { recursive: true });
const policies = managedPolicyTexts();
for (const { name, text } of policies) writeFileSync(join(policiesDir, `${name}.json`), text);
const small = join(BENCH_DIR, 'small-policy.json');
writeFileSync(small, `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }] }, null, 2)}\n`);
const batch = join(BENCH_DIR, 'batch-10000.json');
writeFileSync(batch, JSON.stringify(batchRequests(10_000), null, 2));

/** Seeded requests over several services, with tag, IP and transport conditions, an SCP level and context. */
function batchRequests(count) {
  const actions = ['s3:GetObject', 's3:PutObject', 'ec2:StartInstances', 'dynamodb:GetItem', 'sqs:SendMessage', 'iam:PassRole', 'kms:Decrypt', 'lambda:InvokeFunction'];
  const resources = ['arn:aws:s3:::bucket-1/key', 'arn:aws:s3:::bucket-2/a/b', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', 'arn:aws:dynamodb:us-east-1:111122223333:table/t1', 'arn:aws:sqs:us-east-1:111122223333:q1', 'arn:aws:iam::111122223333:role/r1', 'arn:aws:kms:us-east-1:111122223333:key/k1', 'arn:aws:lambda:us-east-1:111122223333:function:f1'];
  const identity = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' },
      { Effect: 'Allow', Action: ['ec2:Start*', 'ec2:Stop*'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
      { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:111122223333:table/t*' },
      { Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Effect: 'Allow', Action: ['sqs:SendMessage', 'lambda:InvokeFunction'], Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } },
    ],
  };
  const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin*' } } }] };
  return Array.from({ length: count }, (_, i) => ({
    principal: `arn:aws:iam::111122223333:role/app-${i % 50}`,
    action: actions[(i * 7) % actions.length],
    resource: resources[(i * 3 + (i % actions.length)) % resources.length],
    context: { 'aws:PrincipalTag/team': `t${i % 5}`, 'aws:ResourceTag/team': `t${i % 3}`, 'aws:SecureTransport': i % 2 === 0 ? 'true' : 'false', 'aws:SourceIp': `10.0.${i % 256}.1` },
    identityPolicies: [identity],
    scps: [[scp]],
  }));
}

const commands = {
  lintAll: [CLI, 'lint', policiesDir],
  readParseAll: [FLOORS, 'read-parse', policiesDir],
  readParseTreeAll: [FLOORS, 'read-parse-tree', policiesDir],
  lintSmall: [CLI, 'lint', small],
  nodeBare: ['-e', '0'],
  simulateBatch: [CLI, 'simulate', '--batch', batch],
  readParsePrintBatch: [FLOORS, 'read-parse-print', batch],
};
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  for (const [name, args] of Object.entries(commands)) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = performance.now() - start;
    // Lint exits 1 when it finds errors (some managed policies have them); anything else is a failure.
    if (result.status !== 0 && !(result.status === 1 && name.startsWith('lint'))) throw new Error(`${name} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
    times[name].push(ms);
  }
}
const stats = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, { minMs: Math.min(...list), medianMs: median(list), runs: list.map(Math.round) }]));
emit({
  name: 'whole-process',
  runs: RUNS,
  policies: readdirSync(policiesDir).length,
  batchRequests: 10_000,
  ...stats,
  lintAllRatio: stats.lintAll.medianMs / stats.readParseAll.medianMs,
  lintAllTreeRatio: stats.lintAll.medianMs / stats.readParseTreeAll.medianMs,
  simulateBatchRatio: stats.simulateBatch.medianMs / stats.readParsePrintBatch.medianMs,
});
