/**
 * Any nesting depth gives a clear problem on the too-deep value and never "Maximum call stack size
 * exceeded": the blanking scanner itself (iam/document/jsonNesting.ts), the policy parser and every
 * walk over its tree (validation, summary, completion context, hover, symbols, folding, selection
 * ranges, simulation), scenario files and the policy files they reference, and adding a test to a
 * scenario. Depths are 20,000, far past what jsonc-parser's recursive parser survives.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { limitNesting, MAX_NESTING_DEPTH } from '../../server/src/iam/document/jsonNesting.ts';
import { parsePolicy } from '../../server/src/iam/document/parse.ts';
import { validatePolicy } from '../../server/src/iam/validate/index.ts';
import { summarizePolicy } from '../../server/src/iam/summary/policySummary.ts';
import { completionContext } from '../../server/src/iam/completion/completionContext.ts';
import { analyzeDocument } from '../../server/src/service/documentAnalysis.ts';
import { getCompletions } from '../../server/src/service/completion.ts';
import { getHover } from '../../server/src/service/hover.ts';
import { getDocumentSymbols } from '../../server/src/service/symbols.ts';
import { getFoldingRanges } from '../../server/src/service/folding.ts';
import { getSelectionRanges } from '../../server/src/service/selectionRanges.ts';
import { simulateDocument } from '../../server/src/service/simulation.ts';
import { scenarioAddTestEdit } from '../../server/src/service/scenarioEdit.ts';
import { parseScenario } from '../../server/src/iam/scenario/parseScenario.ts';
import { PolicySet, runScenario } from '../../server/src/iam/scenario/runScenario.ts';
import { DEFAULT_SETTINGS } from '../../server/src/settings.ts';

const DEPTH = 20_000;
const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Deep values in every place a policy can hold one, plus broken and hostile variants. */
const DEEP_POLICIES: ReadonlyArray<readonly [name: string, text: string]> = [
  ['arrays in a condition value', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/a":${arrays(DEPTH)}}}}]}`],
  ['objects as the Statement', `{"Version":"2012-10-17","Statement":${objects(DEPTH)}}`],
  ['arrays as the whole document', arrays(DEPTH)],
  ['arrays in Action, over several lines', `{\n"Statement":[{"Effect":"Allow","Action":${'[\n'.repeat(DEPTH)}${']\n'.repeat(DEPTH)},"Resource":"*"}]}`],
  ['unclosed arrays at the end', `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":${'['.repeat(DEPTH)}`],
  ['mismatched closers (`[}`, repeated)', `{"Statement":[${'[},'.repeat(DEPTH)}]}`],
  ['objects separated by comments', `{"Statement":${'{"a":/* c */'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`],
  ['a principal map nested', `{"Statement":[{"Effect":"Allow","Principal":{"AWS":${arrays(DEPTH)}},"Action":"sts:AssumeRole"}]}`],
];

const cases: ReadonlyArray<{ name: string; text: string; depth: number; tooDeep: number }> = [
  { name: 'exactly the limit is kept', text: arrays(MAX_NESTING_DEPTH), depth: MAX_NESTING_DEPTH, tooDeep: 0 },
  { name: 'one past the limit is blanked', text: arrays(MAX_NESTING_DEPTH + 1), depth: MAX_NESTING_DEPTH + 1, tooDeep: 1 },
  { name: 'brackets inside strings do not count', text: `["${'['.repeat(500)}"]`, depth: 1, tooDeep: 0 },
  { name: 'escaped quotes do not end strings', text: `["\\"${'['.repeat(500)}"]`, depth: 1, tooDeep: 0 },
  { name: 'brackets in comments do not count', text: `[// ${'['.repeat(500)}\n/* ${'{'.repeat(500)} */]`, depth: 1, tooDeep: 0 },
  { name: 'a string ends at a line break, as in jsonc-parser', text: `["abc\n${arrays(MAX_NESTING_DEPTH + 1)}]`, depth: MAX_NESTING_DEPTH + 2, tooDeep: 1 },
  { name: 'two separate deep values are two problems', text: `[${arrays(MAX_NESTING_DEPTH + 5)},${arrays(MAX_NESTING_DEPTH + 5)}]`, depth: 0, tooDeep: 2 },
];

for (const c of cases) {
  test(`limitNesting: ${c.name}`, () => {
    const limited = limitNesting(c.text);
    assert.equal(limited.tooDeep.length, c.tooDeep);
    assert.equal(limited.text.length, c.text.length, 'offsets are kept');
    assert.deepEqual(limited.text.match(/\n/g)?.length, c.text.match(/\n/g)?.length, 'line breaks are kept');
    if (c.tooDeep === 0) assert.equal(limited.text, c.text);
    for (const span of limited.tooDeep) {
      const blanked = limited.text.slice(span.offset, span.offset + span.length);
      assert.match(blanked, /^[[{]\s*[\]}]?$/, 'a too-deep container keeps its brackets and loses its content');
    }
  });
}

for (const [name, text] of DEEP_POLICIES) {
  test(`a policy nested ${DEPTH} levels deep (${name}): one clear problem, every feature answers`, () => {
    const parse = parsePolicy(text);
    const depthProblems = parse.problems.filter((problem) => problem.kind === 'depth');
    assert.ok(depthProblems.length >= 1, 'the depth is reported');
    for (const problem of depthProblems) {
      assert.equal(problem.code, 'POLICY_TOO_DEEP');
      assert.match(problem.message, new RegExp(`nested more than ${MAX_NESTING_DEPTH} levels deep`));
      assert.ok(problem.span.offset >= 0 && problem.span.offset + problem.span.length <= text.length);
    }
    const validation = validatePolicy(parse, { kind: 'identity' });
    assert.deepEqual(validation.errors, [], 'no check family failed');
    assert.ok(validation.findings.some((finding) => finding.code === 'POLICY_TOO_DEEP' && finding.message.includes('levels deep')));
    summarizePolicy(parse.document);

    const document = TextDocument.create('file:///w/deep.json', 'json', 1, text);
    const analysis = analyzeDocument({ text, path: 'deep.json', settings: DEFAULT_SETTINGS, override: 'identity' });
    const inside = depthProblems[0]!.span.offset + 1;
    const positions = [0, inside, Math.floor(text.length / 2), text.length].map((offset) => document.positionAt(offset));
    for (const position of positions) {
      completionContext(parse.document, document.offsetAt(position));
      getCompletions(document, analysis, position, DEFAULT_SETTINGS);
      getHover(document, analysis, position);
    }
    getDocumentSymbols(document, analysis);
    getFoldingRanges(document, analysis);
    getSelectionRanges(document, analysis, positions);
    const simulated = simulateDocument(document, analysis, { uri: document.uri, principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' });
    assert.equal(simulated.decision, 'Error');
    assert.match(simulated.summary, /levels deep/);
  });
}

const USER = '{"name":"a","account":"111122223333","policies":["p.json"]}';
const TEST = (extra: string) => `{"name":"t","principal":"a","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"${extra},"expect":"Allow"}`;
const scenario = (extra: string) => `{"accounts":[{"id":"111122223333"}],"users":[${USER}],"tests":[${TEST(extra)}]}`;
const ALLOW = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

test('a scenario file with a value nested 20,000 levels deep: a SCENARIO_TOO_DEEP problem and no test runs', () => {
  for (const text of [scenario(`,"context":{"aws:x":${arrays(DEPTH)}}`), `{"tests":${objects(DEPTH)}}`]) {
    const parsed = parseScenario(text);
    const deep = parsed.problems.filter((problem) => problem.code === 'SCENARIO_TOO_DEEP');
    assert.equal(deep.length, 1);
    assert.equal(deep[0]!.severity, 'error');
    assert.equal(parsed.scenario.tests.length, 0);
    const edit = scenarioAddTestEdit(text, { kind: 'identity', policyPath: 'p.json', simulation: { uri: 'file:///w/p.json', principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: '*', decision: 'Allow' } });
    assert.match('error' in edit ? edit.error : '', /levels deep/);
  }
});

test('a policy file nested 20,000 levels deep referenced by a scenario: the test cannot run, with the reason', () => {
  const parsed = parseScenario(scenario(''));
  assert.deepEqual(parsed.problems, []);
  const policies = new PolicySet(() => ({ text: `{"Statement":${arrays(DEPTH)}}` }));
  const [result] = runScenario(parsed.scenario, policies);
  assert.equal(result?.decision, 'Error');
  assert.match(result?.error ?? '', /nests JSON more than 100 levels deep/);
  const fine = runScenario(parsed.scenario, new PolicySet(() => ({ text: ALLOW })));
  assert.equal(fine[0]?.decision, 'Allow');
});
