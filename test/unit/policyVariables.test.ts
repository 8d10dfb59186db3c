/**
 * Tests of the policy variable parser (IAM User Guide, "IAM policy elements: Variables and tags"):
 * variables with spans, defaults, the escapes `${*}`, `${?}`, `${$}`, and the syntax problems that
 * Access Analyzer reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicyVariables, variableKeys } from '../../server/src/iam/conditions/policyVariables.ts';

const slice = (text: string, at: { offset: number; length: number }) => text.slice(at.offset, at.offset + at.length);

test('finds variables with their spans and keys', () => {
  const text = 'arn:aws:s3:::bucket/${aws:username}/${aws:PrincipalTag/team}/*';
  const parsed = parsePolicyVariables(text);
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.variables.map((variable) => slice(text, variable)), ['${aws:username}', '${aws:PrincipalTag/team}']);
  assert.deepEqual(parsed.variables.map((variable) => slice(text, { offset: variable.keyOffset!, length: variable.keyLength! })), ['aws:username', 'aws:PrincipalTag/team']);
  assert.deepEqual(variableKeys(text), ['aws:username', 'aws:PrincipalTag/team']);
});

test('reads defaults, including ones with spaces and braces', () => {
  const parsed = parsePolicyVariables("${aws:username, 'no one'}-${aws:userid, 'a}b'}");
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.variables.map((variable) => variable.defaultValue), ['no one', 'a}b']);
});

test('recognises the escapes', () => {
  const parsed = parsePolicyVariables('a${*}b${?}c${$}');
  assert.deepEqual(parsed.variables.map((variable) => [variable.kind, variable.literal]), [['escape', '*'], ['escape', '?'], ['escape', '$']]);
});

test('text without variables costs nothing', () => {
  assert.deepEqual(parsePolicyVariables('arn:aws:s3:::bucket/$x{y}'), { variables: [], problems: [] });
});

const PROBLEMS: ReadonlyArray<[string, string, string, string | undefined]> = [
  // text, kind, spanned text, replacement
  ['b/${aws:username/*', 'missingBrace', '${aws:username/*', undefined],
  ['${aws:username/${aws:userid}', 'missingBrace', '${aws:username/', undefined],
  ['b/${}/x', 'empty', '${}', undefined],
  ['b/${ }/x', 'empty', '${ }', undefined],
  ['b/${aws: username}', 'space', '${aws: username}', '${aws:username}'],
  ["b/${aws:username , 'x'}", 'space', "${aws:username , 'x'}", "${aws:username, 'x'}"],
  ['b-${aws:PrincipalTag/team, company-wide}/*', 'missingQuote', '${aws:PrincipalTag/team, company-wide}', "${aws:PrincipalTag/team, 'company-wide'}"],
  ["b-${aws:PrincipalTag/team, 'company-wide}/*", 'missingQuote', "${aws:PrincipalTag/team, 'company-wide}", "${aws:PrincipalTag/team, 'company-wide'}"],
];
for (const [text, kind, spanned, replacement] of PROBLEMS) {
  test(`${kind}: ${text}`, () => {
    const problem = parsePolicyVariables(text).problems.find((candidate) => candidate.kind === kind);
    assert.ok(problem, `expected ${kind}`);
    assert.equal(slice(text, problem), spanned);
    assert.equal(problem.replacement, replacement);
  });
}

// "Specifying default values": the default is surrounded with single quotes; nothing is said of
// escaping a quote, so `''` inside a default is two quote characters. The evaluator resolves
// variables with this parser, so both read a default the same way.
test("a default keeps '' as written", () => {
  const parsed = parsePolicyVariables("${aws:userid, 'it''s'}");
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.variables[0]!.defaultValue, "it''s");
});

test('a default without its closing quote still ends at the brace, as a missing quote', () => {
  const text = "${aws:username, 'x}/rest";
  const parsed = parsePolicyVariables(text);
  assert.deepEqual(parsed.problems.map((problem) => [problem.kind, slice(text, problem)]), [['missingQuote', "${aws:username, 'x}"]]);
});
