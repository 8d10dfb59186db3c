/**
 * docs/checks.md must say what the code does: it is regenerated from the rule table and compared.
 * Also: every code a family declares is in the rule table, and at least 120 Access Analyzer checks
 * are implemented (product goal).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checksDocument } from '../../scripts/checks-doc';
import { allRules, implementedCodes, ruleFor } from '../../server/src/iam/validate/engine/registry';

test('docs/checks.md is up to date (run `npm run checks-doc`)', () => {
  assert.equal(readFileSync('docs/checks.md', 'utf8'), checksDocument());
});

test('every declared code is in the rule table', () => {
  const missing = [...implementedCodes()].filter((code) => !ruleFor(code));
  assert.deepEqual(missing, []);
});

test('at least 120 Access Analyzer checks are implemented', () => {
  const implemented = implementedCodes();
  const count = allRules().filter((rule) => rule.origin === 'accessAnalyzer' && implemented.has(rule.code)).length;
  assert.ok(count >= 120, `only ${count}`);
});
