/**
 * The rule registry (server/src/iam/validate/engine/registry.ts) against the Access Analyzer code
 * list committed beside it (accessAnalyzerChecks.tsv, from AWS's "IAM Access Analyzer policy check
 * reference" page), against the check families that exist, and against the rule that research
 * notes never reach users.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allRules, codesOfFamily, compareCodes, ruleFor, type FamilyName } from '../../server/src/iam/validate/engine/registry';
import { CHECK_FAMILIES } from '../../server/src/iam/validate/engine/families';
import { toSarif } from '../../server/src/cli/sarif';
import type { LintedFile } from '../../server/src/cli/lint';

/** [category, code, title] rows of the committed Access Analyzer list. */
function accessAnalyzerList(): Array<[string, string, string]> {
  const lines = readFileSync('server/src/iam/validate/engine/accessAnalyzerChecks.tsv', 'utf8').trim().split('\n');
  assert.equal(lines[0], 'category\tcode\ttitle');
  return lines.slice(1).map((line) => line.split('\t') as [string, string, string]);
}

test('registry: Access Analyzer codes are exactly the committed list, in its order and with its categories', () => {
  const list = accessAnalyzerList();
  const aws = allRules().filter((rule) => rule.origin === 'accessAnalyzer');
  assert.deepEqual(
    aws.map((rule) => [rule.category, rule.code]),
    list.map(([category, code]) => [category, code]),
  );
});

test('registry: titles are the list\'s titles without its editorial remarks in parentheses', () => {
  const list = new Map(accessAnalyzerList().map(([, code, title]) => [code, title]));
  for (const rule of allRules().filter((candidate) => candidate.origin === 'accessAnalyzer')) {
    assert.equal(rule.title, list.get(rule.code)!.replace(/ \((two message variants|section appears twice)\)$/, ''), rule.code);
  }
});

test('registry: one entry per code, each implemented or saying why not, never both', () => {
  const codes = allRules().map((rule) => rule.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const rule of allRules()) {
    assert.ok(/^[A-Z][A-Z0-9_]+$/.test(rule.code), rule.code);
    assert.notEqual(rule.implementedBy === undefined, rule.notImplemented === undefined, rule.code);
    assert.ok(rule.description.length > 0 && rule.resolution.length > 0, `${rule.code} needs a description and a resolution`);
    if (rule.origin === 'workbench') assert.ok(rule.implementedBy, `${rule.code}: our own codes exist only when implemented`);
    if (rule.examples) assert.ok(rule.implementedBy, `${rule.code}: examples are run, so only implemented codes have them`);
  }
});

test('registry: every family named by an entry runs, and every family that runs reports some code', () => {
  const running = new Set<string>(CHECK_FAMILIES.map((family) => family.name));
  assert.equal(running.size, CHECK_FAMILIES.length, 'family names are unique');
  for (const rule of allRules()) {
    for (const family of rule.implementedBy ?? []) assert.ok(family === 'parser' || running.has(family), `${rule.code}: no family \`${family}\``);
  }
  for (const family of CHECK_FAMILIES) assert.ok(codesOfFamily(family.name as FamilyName).size > 0, family.name);
});

test('registry: text that reaches users (SARIF, docs/checks.md) carries no research notes', () => {
  const research = /unconfirmed|presumabl|could not be|not established|section appears|message variants|\bTSV\b|search corp|snapshot/i;
  for (const rule of allRules()) {
    for (const text of [rule.title, rule.description, rule.resolution]) assert.doesNotMatch(text, research, rule.code);
  }
});

// Bug removed with the registry: the SARIF rule of JSON_SYNTAX_ERROR was named
// `JsonSyntaxErrorTwoMessageVariants` and titled "Json syntax error (two message variants)", a
// remark of the code list, and RCP_SYNTAX_ERROR_ALLOW's description began with "[Unconfirmed".
test('registry: SARIF rules take name, title and description from the registry', () => {
  const finding = (code: string) => ({ code, severity: 'error' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
  const files = [{ path: 'p.json', findings: [finding('JSON_SYNTAX_ERROR'), finding('RCP_SYNTAX_ERROR_ALLOW')] }] as unknown as LintedFile[];
  const sarif = toSarif(files, '/w') as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string } }> } } }> };
  const [json, rcp] = sarif.runs[0]!.tool.driver.rules;
  assert.equal(json!.name, 'JsonSyntaxError');
  assert.equal(json!.shortDescription.text, 'Json syntax error');
  assert.equal(rcp!.fullDescription.text, `${ruleFor('RCP_SYNTAX_ERROR_ALLOW')!.description} ${ruleFor('RCP_SYNTAX_ERROR_ALLOW')!.resolution}`);
  assert.doesNotMatch(rcp!.fullDescription.text, /Unconfirmed/);
});

test('registry: compareCodes orders codes as localeCompare does, without the collator (findings at the same place are listed in that order)', () => {
  const codes = allRules().map((rule) => rule.code);
  // Where `_` meets a letter at the same place, code-unit order and the collator's order differ.
  assert.ok('INVALID_VPCE_FORMAT' < 'INVALID_VPC_FORMAT' && 'INVALID_VPCE_FORMAT'.localeCompare('INVALID_VPC_FORMAT') > 0);
  assert.ok(compareCodes('INVALID_VPCE_FORMAT', 'INVALID_VPC_FORMAT') > 0);
  for (const a of codes) {
    for (const b of codes) assert.equal(Math.sign(compareCodes(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`);
    assert.equal(Math.sign(compareCodes(a, 'NOT_A_REGISTERED_CODE')), Math.sign(a.localeCompare('NOT_A_REGISTERED_CODE')));
  }
  // Codes as the scheme allows them, and texts outside it (which fall back to the collator).
  const texts = ['A', 'A_', 'A0', 'AB', 'A_B', 'A9B', 'AB_', 'Z', '_', '0', 'ab', 'a_b', 'A-B', 'É', 'A B', 'AÉ', ''];
  for (const a of texts) for (const b of texts) assert.equal(Math.sign(compareCodes(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`);
});
