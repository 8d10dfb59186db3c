/**
 * Kind detection from content (`detectPolicyKind`) against policies of every kind: the rule fixtures
 * in test/fixtures/policy-kinds (each rule with its source in that folder's README), the AWS
 * documentation policies in test/fixtures/doc-policies, and, when present, the real-world corpus
 * (test/unit/helpers/realWorldCorpus.ts), whose accuracy is printed. Content detection tells identity,
 * resource and trust policies apart; SCPs, boundaries and session policies have no principal and read
 * as identity policies, RCPs have `"Principal": "*"` and resources and read as resource policies.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '../../server/src/iam/document/parse.ts';
import { detectPolicyKind, type PolicyKind } from '../../server/src/iam/document/policyKind.ts';
import { REAL_WORLD_CORPUS_DIR, realWorldFile, realWorldManifest } from './helpers/realWorldCorpus.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** What content detection can say for a policy of each kind. */
const DETECTABLE: Readonly<Record<string, PolicyKind>> = {
  identity: 'identity',
  scp: 'identity',
  boundary: 'identity',
  session: 'identity',
  resource: 'resource',
  rcp: 'resource',
  trust: 'trust',
};

const detect = (text: string) => detectPolicyKind(parsePolicy(text).document);
const hasResourceElement = (text: string) => parsePolicy(text).document.statements.some((statement) => statement.resource || statement.notResource);

for (const file of readdirSync(join(FIXTURES, 'policy-kinds')).filter((name) => name.endsWith('.json')).sort()) {
  test(`kind rule fixture ${file}`, () => {
    const expected = file.slice(0, file.indexOf('--'));
    assert.equal(detect(readFileSync(join(FIXTURES, 'policy-kinds', file), 'utf8')), expected);
  });
}

test('AWS documentation policies of every kind are detected as their kind', () => {
  const misses: string[] = [];
  let count = 0;
  for (const kind of readdirSync(join(FIXTURES, 'doc-policies'), { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(join(FIXTURES, 'doc-policies', kind.name)).filter((name) => name.endsWith('.json'))) {
      count++;
      const got = detect(readFileSync(join(FIXTURES, 'doc-policies', kind.name, file), 'utf8'));
      if (got !== DETECTABLE[kind.name]) misses.push(`${kind.name}/${file}: ${got}`);
    }
  }
  console.log(`kind detection, AWS documentation policies: ${count - misses.length}/${count}`);
  assert.deepEqual(misses, []);
});

const manifest = realWorldManifest();

test('real-world policies: detection accuracy, no resource-naming policy and no RCP detected as trust', { skip: manifest ? false : `no corpus at ${REAL_WORLD_CORPUS_DIR} (set IAM_CORPUS_DIR)` }, () => {
  const byKind = new Map<string, { total: number; right: number }>();
  const misses: string[] = [];
  const wrongTrust: string[] = [];
  for (const entry of manifest!) {
    if (!entry.file.startsWith('standalone/') || entry.policies.length !== 1) continue;
    const kind = entry.policies[0]!.kind;
    const expected = DETECTABLE[kind];
    if (!expected) continue;
    const text = realWorldFile(entry.file);
    const got = detect(text);
    const counts = byKind.get(kind) ?? { total: 0, right: 0 };
    counts.total++;
    if (got === expected) counts.right++;
    else misses.push(`${kind} detected as ${got}: ${entry.file}`);
    if (got === 'trust' && (kind === 'rcp' || hasResourceElement(text))) wrongTrust.push(entry.file);
    byKind.set(kind, counts);
  }
  const total = [...byKind.values()].reduce((n, c) => n + c.total, 0);
  const right = [...byKind.values()].reduce((n, c) => n + c.right, 0);
  console.log(`kind detection, real-world standalone policies: ${right}/${total} (${((100 * right) / total).toFixed(1)} %); ${[...byKind].map(([kind, c]) => `${kind} ${c.right}/${c.total}`).join(', ')}`);
  for (const miss of misses) console.log(`  ${miss}`);
  assert.ok(total >= 100, `only ${total} policies with a known kind`);
  assert.deepEqual(wrongTrust, []);
  assert.ok(right / total >= 0.98, `accuracy ${right}/${total}`);
});
