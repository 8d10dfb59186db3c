/**
 * Every validation rule case, through one runner (test/unit/helpers/ruleTester.ts): the cases of
 * each family under test/unit/rules/ and the examples of the rule registry. Then the coverage rule:
 * every implemented code has a case that hits it on its exact text and a close case that must not
 * produce it.
 */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { coverageOf, runRuleTests, ruleTests, type RuleCase, type RuleTests } from './helpers/ruleTester';
import { allRules, implementedCodes } from '../../server/src/iam/validate/engine/registry';
import { validatePolicy } from '../../server/src/iam/validate/engine/runner';
import { grammarTests } from './rules/grammar';
import { actionResourceTests } from './rules/actionResource';
import { conditionTests } from './rules/condition';
import { principalTests } from './rules/principal';
import { kindsTests } from './rules/kinds';
import { attachedResourceTests } from './rules/attachedResource';
import { accessTests } from './rules/access';
import { templateTests } from './rules/templates';
import { initTerraformForTests } from './helpers/terraformParser';

/** The registry's examples as rule cases: the invalid example must produce the code, the valid one must not. */
function registryExamples(): RuleTests {
  const cases: RuleCase[] = [];
  for (const rule of allRules()) {
    const examples = rule.examples;
    if (!examples) continue;
    if (examples.invalid !== undefined) {
      // The example says which code it produces, not where: the text is read off the finding.
      const finding = validatePolicy(examples.invalid, { kind: examples.kind }).findings.find((candidate) => candidate.code === rule.code);
      const text = finding ? examples.invalid.slice(finding.span.offset, finding.span.offset + finding.span.length) : '(no finding)';
      cases.push({ name: `${rule.code} example`, policy: examples.invalid, kind: examples.kind, errors: [[rule.code, text]] });
    }
    if (examples.valid !== undefined) cases.push({ name: `${rule.code} passing example`, policy: examples.valid, kind: examples.kind, absent: [rule.code] });
  }
  return ruleTests(cases);
}

const SUITES: ReadonlyArray<readonly [string, RuleTests]> = [
  ['grammar', grammarTests],
  ['actionResource', actionResourceTests],
  ['condition', conditionTests],
  ['principal', principalTests],
  ['kinds', kindsTests],
  ['attachedResource', attachedResourceTests],
  ['access', accessTests],
  ['templates', templateTests],
  ['registry', registryExamples()],
];

// The template cases include Terraform files, read by the HCL parser.
before(() => initTerraformForTests());

for (const [suite, tests] of SUITES) runRuleTests(suite, tests);

test('every implemented code has a case that hits it and a close case that must not', () => {
  const { hit, notHit } = coverageOf(SUITES.map(([, tests]) => tests));
  const missing: string[] = [];
  for (const code of implementedCodes()) {
    if (!hit.has(code)) missing.push(`${code}: no case hits it`);
    if (!notHit.has(code)) missing.push(`${code}: no case must avoid it`);
  }
  assert.deepEqual(missing, []);
});

test('no case expects a code that is not implemented', () => {
  const implemented = implementedCodes();
  const { hit } = coverageOf(SUITES.map(([, tests]) => tests));
  assert.deepEqual([...hit].filter((code) => !implemented.has(code)), []);
});
