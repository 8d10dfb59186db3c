/**
 * The second guard against false errors (after managedPolicies.test.ts): valid policies published in
 * AWS documentation and AWS sample repositories (test/fixtures/doc-policies/<kind>/*.json, sources in
 * test/fixtures/doc-policies/source.md) must lint as their folder's policy kind without any ERROR
 * finding. Warnings and suggestions are allowed: AWS examples do use wildcards and service principals
 * without source conditions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePolicy } from '../../server/src/iam/validate/engine/runner.ts';
import { POLICY_KINDS, type PolicyKind } from '../../server/src/iam/document/policyKind.ts';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'doc-policies');

function fixtures(): [kind: PolicyKind, name: string, text: string][] {
  const out: [PolicyKind, string, string][] = [];
  for (const kind of readdirSync(ROOT, { withFileTypes: true })) {
    if (!kind.isDirectory()) continue;
    assert.ok((POLICY_KINDS as readonly string[]).includes(kind.name), `folder ${kind.name} is not a policy kind`);
    for (const file of readdirSync(join(ROOT, kind.name)).filter((name) => name.endsWith('.json')).sort()) {
      out.push([kind.name as PolicyKind, file, readFileSync(join(ROOT, kind.name, file), 'utf8')]);
    }
  }
  return out;
}

const all = fixtures();

test('the documentation corpus covers every policy kind', () => {
  assert.ok(all.length >= 120, `only ${all.length} documentation policies`);
  const kinds = new Set(all.map(([kind]) => kind));
  for (const kind of POLICY_KINDS) assert.ok(kinds.has(kind), `no ${kind} policy`);
});

for (const kind of POLICY_KINDS) {
  test(`AWS documentation ${kind} policies lint without ERROR findings`, () => {
    const problems: string[] = [];
    for (const [fixtureKind, name, text] of all) {
      if (fixtureKind !== kind) continue;
      const result = validatePolicy(text, { kind });
      for (const error of result.errors) problems.push(`${name}: check failed: ${error}`);
      for (const finding of result.findings) {
        if (finding.category !== 'ERROR') continue;
        const spanText = text.slice(finding.span.offset, finding.span.offset + finding.span.length);
        problems.push(`${name} ${finding.code} ${spanText}: ${finding.message}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}
