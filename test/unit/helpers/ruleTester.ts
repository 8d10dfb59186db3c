/**
 * The rule tester: validation cases as data, in the style of ESLint's RuleTester. A family's cases
 * are `valid` (a policy and the codes it must not produce) and `invalid` (a policy, the codes it
 * must produce on the exact text, optionally the first fix's title and the text after applying it).
 * `test/unit/rules.test.ts` runs every family's cases and the registry's examples through
 * `runRuleTests`, and checks with `coverageOf` that each implemented code has a case that hits it
 * and a close case that must not.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { PolicyKind } from '../../../server/src/iam/document/policyKind';
import type { ValidationOptions } from '../../../server/src/iam/validate/engine/findings';
import { codesOfFamily, type FamilyName } from '../../../server/src/iam/validate/engine/registry';
import { applyFix, findingsOf, type FoundFinding } from './findings';

/**
 * A finding that must be reported: its code, the exact text under it and, optionally, the title of
 * its first fix.
 */
/** A finding expected on `text`; `fix` is the title of its first fix, or null when it must have none. */
export type ExpectedFinding = readonly [code: string, text: string, fix?: string | null];

/**
 * One case: a policy (text, or an object serialised with 2-space indentation) of a kind. A case
 * with `errors` is invalid: those findings must be reported. A case without is valid: it lists in
 * `absent` the codes it must not produce (an invalid case may list some too).
 */
export interface RuleCase {
  readonly name: string;
  readonly policy: string | object;
  /** Defaults to `identity`. */
  readonly kind?: PolicyKind;
  readonly options?: Partial<ValidationOptions>;
  readonly errors?: readonly ExpectedFinding[];
  /** Codes that must not be reported at all. */
  readonly absent?: readonly string[];
  /** The policy text after applying the first fix of the first expected finding. */
  readonly output?: string;
  /** When set, this family's findings must be exactly `errors`, in order. */
  readonly exactFor?: FamilyName;
  /** When set, the text is a template of this file name (e.g. `template.yaml`), read as the host formats read it. */
  readonly host?: string;
}

/** One file's cases, split as ESLint's RuleTester splits them. */
export interface RuleTests {
  readonly valid: readonly RuleCase[];
  readonly invalid: readonly RuleCase[];
}

/** Splits a list of cases, written in the order that reads best, into valid and invalid ones. */
export function ruleTests(cases: readonly RuleCase[]): RuleTests {
  for (const testCase of cases) {
    if (!testCase.errors?.length && !testCase.absent?.length && !testCase.exactFor) throw new Error(`case \`${testCase.name}\` expects nothing`);
  }
  return { valid: cases.filter((testCase) => !testCase.errors?.length), invalid: cases.filter((testCase) => testCase.errors?.length) };
}

function describe(findings: readonly FoundFinding[]): string {
  return findings.map((finding) => `${finding.code}@${finding.text.length > 60 ? `${finding.text.slice(0, 60)}…` : finding.text}`).join(', ') || 'nothing';
}

function textOf(policy: string | object): string {
  return typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
}

/** With `exactFor`, the family's findings must be exactly the expected ones. */
function checkExact(testCase: RuleCase, findings: readonly FoundFinding[]): void {
  if (!testCase.exactFor) return;
  const own = codesOfFamily(testCase.exactFor);
  assert.deepEqual(
    findings.filter((finding) => own.has(finding.code)).map((finding) => [finding.code, finding.text]),
    (testCase.errors ?? []).map(([code, text]) => [code, text]),
  );
}

/** Registers one node:test test per case. */
export function runRuleTests(suite: string, tests: RuleTests): void {
  for (const testCase of tests.invalid) {
    test(`${suite}: ${testCase.name}`, () => {
      const findings = findingsOf(testCase.policy, testCase.kind ?? 'identity', testCase.options ?? {}, testCase.host);
      for (const [code, text, fix] of testCase.errors ?? []) {
        const finding = findings.find((candidate) => candidate.code === code && candidate.text === text);
        assert.ok(finding, `expected ${code} on ${text}; got ${describe(findings)}`);
        if (fix === null) assert.deepEqual(finding.fixes, [], `${code} has no fix`);
        else if (fix !== undefined) assert.equal(finding.fixes[0], fix, `first fix of ${code}`);
      }
      for (const code of testCase.absent ?? []) {
        assert.ok(!findings.some((finding) => finding.code === code), `did not expect ${code}; got ${describe(findings)}`);
      }
      checkExact(testCase, findings);
      for (const finding of findings) assert.ok(!finding.message.includes('\n'), `${finding.code}: messages are one line`);
      if (testCase.output !== undefined) {
        const [code, text] = testCase.errors![0]!;
        assert.equal(applyFix(textOf(testCase.policy), code, testCase.kind ?? 'identity', text, testCase.host), testCase.output);
      }
    });
  }
  for (const testCase of tests.valid) {
    test(`${suite}: ${testCase.name}`, () => {
      const findings = findingsOf(testCase.policy, testCase.kind ?? 'identity', testCase.options ?? {}, testCase.host);
      for (const code of testCase.absent ?? []) {
        assert.ok(!findings.some((finding) => finding.code === code), `did not expect ${code}; got ${describe(findings)}`);
      }
      checkExact(testCase, findings);
    });
  }
}

/** The codes that some case hits, and the codes that some case must not produce. */
export function coverageOf(all: readonly RuleTests[]): { hit: ReadonlySet<string>; notHit: ReadonlySet<string> } {
  const hit = new Set<string>();
  const notHit = new Set<string>();
  for (const tests of all) {
    for (const testCase of [...tests.invalid, ...tests.valid]) {
      for (const [code] of testCase.errors ?? []) hit.add(code);
      for (const code of testCase.absent ?? []) notHit.add(code);
    }
  }
  return { hit, notHit };
}
