/**
 * docs/checks.md and the code names of the `iamPolicy.severity` setting in package.json must say what the code does:
 * both are regenerated from the rule registry and compared. Also: every implemented code is in the
 * registry, and at least 120 Access Analyzer checks are implemented (product goal).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checksDocument, packageJsonWithSeveritySchema } from '../../scripts/checks-doc';
import { allRules, implementedCodes, ruleFor } from '../../server/src/iam/validate/engine/registry';

test('docs/checks.md is up to date (run `npm run checks-doc`)', () => {
  assert.equal(readFileSync('docs/checks.md', 'utf8'), checksDocument());
});

test('the iamPolicy.severity setting in package.json accepts exactly the implemented codes (run `npm run checks-doc`)', () => {
  const text = readFileSync('package.json', 'utf8');
  assert.equal(text, packageJsonWithSeveritySchema(text));
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
