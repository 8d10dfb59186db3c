/**
 * The parser never fails and keeps exact spans (ARCHITECTURE invariant 1). Cases cover the forms the
 * IAM grammar allows (IAM User Guide, "Grammar of the IAM JSON policy language": Statement as object
 * or array, elements as string or array, Principal forms, Condition blocks) and broken input.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePolicy } from '../../server/src/iam/document/parse';

function slice(text: string, span: { offset: number; length: number }): string {
  return text.slice(span.offset, span.offset + span.length);
}

test('statement as an array keeps every element with exact spans', () => {
  const text = '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}';
  const { document, problems } = parsePolicy(text);
  assert.deepEqual(problems, []);
  assert.equal(document.statementShape, 'array');
  const statement = document.statements[0]!;
  assert.equal(slice(text, statement.sid!.keySpan), '"Sid"');
  assert.equal(statement.action!.isArray, true);
  assert.deepEqual(statement.action!.values.map((value) => slice(text, value.span)), ['"s3:GetObject"', '"s3:PutObject"']);
  assert.equal(statement.resource!.isArray, false);
  assert.equal(statement.resource!.values[0]!.value, '*');
});

test('statement as a single object', () => {
  const { document } = parsePolicy('{"Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:iam::*:role/x"}}');
  assert.equal(document.statementShape, 'object');
  assert.equal(document.statements.length, 1);
  assert.equal(document.statements[0]!.notAction!.values[0]!.value, 'iam:*');
  assert.equal(document.statements[0]!.notResource!.values[0]!.value, 'arn:aws:iam::*:role/x');
});

const principalCases: Array<[string, string, number, string | undefined]> = [
  ['wildcard string', '"*"', 0, '*'],
  ['AWS account string', '{"AWS":"123456789012"}', 1, undefined],
  ['several types', '{"AWS":["arn:aws:iam::123456789012:root"],"Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com"}', 3, undefined],
  ['canonical user', '{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}', 1, undefined],
];
for (const [name, principal, entries, wildcard] of principalCases) {
  test(`principal: ${name}`, () => {
    const { document } = parsePolicy(`{"Statement":[{"Effect":"Allow","Principal":${principal},"Action":"s3:*","Resource":"*"}]}`);
    const element = document.statements[0]!.principal!;
    assert.equal(element.entries.length, entries);
    assert.equal(element.wildcard?.value, wildcard);
  });
}

test('condition blocks keep operators, keys and scalar values of any type', () => {
  const text = '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"s3:max-keys":[10,"20"]}}}]}';
  const condition = parsePolicy(text).document.statements[0]!.condition!;
  assert.deepEqual(condition.operators.map((operator) => operator.operator), ['Bool', 'NumericLessThan']);
  assert.equal(condition.operators[0]!.keys[0]!.values[0]!.type, 'boolean');
  assert.deepEqual(condition.operators[1]!.keys[0]!.values.map((value) => value.value), [10, '20']);
  assert.equal(slice(text, condition.operators[1]!.keys[0]!.keySpan), '"s3:max-keys"');
});

// Comments and trailing commas are JSON syntax errors to IAM (Access Analyzer reports JSON_SYNTAX_ERROR);
// the problem's `kind` says which.
const brokenCases: Array<[string, string, string[]]> = [
  ['unterminated object', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"', ['syntax']],
  ['missing comma', '{"Version":"2012-10-17" "Statement":[]}', ['syntax']],
  ['comment', '{\n// note\n"Statement":[]}', ['comment']],
  ['block comment', '{/* a */"Statement":[]}', ['comment']],
  ['trailing comma in object', '{"Statement":[],}', ['trailingComma']],
  ['trailing comma in array', '{"Statement":[{"Effect":"Allow"},]}', ['trailingComma']],
  ['empty document', '', ['syntax']],
  ['unterminated string', '{"Statement":[{"Effect":"Allo', ['syntax']],
];
for (const [name, text, codes] of brokenCases) {
  test(`broken input yields a model and problems: ${name}`, () => {
    const { document, problems } = parsePolicy(text);
    assert.ok(document);
    for (const kind of codes) assert.ok(problems.some((problem) => problem.code === 'JSON_SYNTAX_ERROR' && problem.kind === kind), `expected ${kind}, got ${problems.map((p) => p.kind).join(',')}`);
    for (const problem of problems) {
      assert.ok(problem.span.offset >= 0 && problem.span.offset + problem.span.length <= Math.max(text.length, 1), 'span within the text');
    }
  });
}

test('half-typed documents still yield the statements that are there', () => {
  const { document } = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get');
  assert.equal(document.statements.length, 1);
  assert.equal(document.statements[0]!.effect!.value?.value, 'Allow');
});

test('comment spans are exact', () => {
  const text = '{\n  // why\n  "Statement": []\n}';
  const problem = parsePolicy(text).problems.find((p) => p.kind === 'comment')!;
  assert.equal(slice(text, problem.span), '// why');
});

test('trailing comma span is the comma', () => {
  const text = '{"Statement": [1, 2,  ]}';
  const problem = parsePolicy(text).problems.find((p) => p.kind === 'trailingComma')!;
  assert.equal(slice(text, problem.span), ',');
  assert.equal(problem.span.offset, text.indexOf(',  ]'));
});

test('duplicate keys are all kept in properties, the last one wins', () => {
  const { document } = parsePolicy('{"Statement":[{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}]}');
  const statement = document.statements[0]!;
  assert.equal(statement.properties.filter((property) => property.key === 'Effect').length, 2);
  assert.equal(statement.effect!.value?.value, 'Deny');
});

test('parsing never throws on arbitrary text (property)', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      const result = parsePolicy(text);
      return result.document !== undefined;
    }),
    { numRuns: 2000 },
  );
});

test('parsing never throws on mutated policies (property)', () => {
  const base = '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:GetObject"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"x"}}}]}';
  fc.assert(
    fc.property(fc.nat(base.length), fc.nat(base.length), fc.string({ maxLength: 5 }), (start, length, insert) => {
      const text = base.slice(0, start) + insert + base.slice(Math.min(base.length, start + length));
      return parsePolicy(text).document !== undefined;
    }),
    { numRuns: 2000 },
  );
});
