/**
 * `statementMayApply`: the evaluator's answer to "can this statement apply to a request for this
 * resource whose context has these fixed values?", which lets the risk analysis skip questions. A
 * false answer must be right for every context that has the fixed values ("IAM JSON policy elements:
 * Resource": ARNs match segment by segment, and an entry with a policy variable depends on the
 * context; "IAM JSON policy elements: Condition": every clause must hold). A true answer may be
 * wrong (it only means "ask the evaluator"), so the table checks where it must be false, and the
 * property test checks every false answer against `evaluate` over many contexts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, statementMayApply } from '../../server/src/iam/evaluate/index';
import type { ContextValue } from '../../server/src/iam/evaluate/types';

const USER = 'arn:aws:iam::111122223333:user/alice';
const ROLE = 'arn:aws:iam::111122223333:role/app';

interface Row {
  readonly name: string;
  readonly statement: Record<string, unknown>;
  readonly resource: string;
  readonly fixed: Record<string, ContextValue>;
  readonly expected: boolean;
}

const allow = (extra: Record<string, unknown>): Record<string, unknown> => ({ Effect: 'Allow', Action: 'iam:PassRole', ...extra });

/** A row about `Resource: "*"` with a condition, for a role passed to Lambda (`iam:PassedToService` fixed). */
const passedTo = (name: string, condition: Record<string, unknown>, expected: boolean): Row => ({
  name,
  statement: allow({ Resource: '*', Condition: condition }),
  resource: ROLE,
  fixed: { 'iam:PassedToService': 'lambda.amazonaws.com' },
  expected,
});

const ROWS: readonly Row[] = [
  { name: 'Resource `*` matches', statement: allow({ Resource: '*' }), resource: ROLE, fixed: {}, expected: true },
  { name: 'a Resource naming another role cannot match', statement: allow({ Resource: 'arn:aws:iam::111122223333:role/other' }), resource: ROLE, fixed: {}, expected: false },
  { name: 'a Resource wildcard in the resource part matches', statement: allow({ Resource: ['arn:aws:s3:::b/*', 'arn:aws:iam::*:role/a*'] }), resource: ROLE, fixed: {}, expected: true },
  { name: 'Resource compares case-sensitively', statement: allow({ Resource: 'arn:aws:iam::111122223333:role/APP' }), resource: ROLE, fixed: {}, expected: false },
  { name: 'a policy variable may match (its value comes from the context)', statement: allow({ Resource: 'arn:aws:iam::111122223333:role/${aws:username}' }), resource: ROLE, fixed: {}, expected: true },
  { name: 'NotResource is left to the evaluator', statement: allow({ NotResource: ROLE }), resource: ROLE, fixed: {}, expected: true },
  passedTo('a condition on a fixed key that does not hold', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }, false),
  passedTo('condition keys compare case-insensitively', { StringLike: { 'IAM:passedtoservice': 'ec2.*' } }, false),
  passedTo('a condition on a fixed key that holds', { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } }, true),
  passedTo('a condition on a key that is not fixed is left to the evaluator', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }, true),
  passedTo('a condition value with a variable is left to the evaluator', { StringEquals: { 'iam:PassedToService': '${aws:PrincipalTag/svc}' } }, true),
  passedTo('a negated operator on a fixed key that the value makes false', { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, false),
];

for (const row of ROWS) {
  test(`statementMayApply: ${row.name}`, () => {
    assert.equal(statementMayApply(row.statement, row.resource, row.fixed), row.expected);
  });
}

/** A small deterministic generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESOURCES = [ROLE, 'arn:aws:iam::111122223333:role/app-admin', 'arn:aws:iam::444455556666:role/app', USER, 'arn:aws:s3:::bucket/key'];
const PATTERNS = ['*', ROLE, 'arn:aws:iam::*:role/app*', 'arn:aws:iam::111122223333:role/?pp', 'arn:aws:iam::111122223333:user/${aws:username}', 'arn:aws:s3:::bucket/*', 'arn:aws:iam::111122223333:*', 'arn:*:iam::*:role/*'];
const KEYS = ['iam:PassedToService', 'aws:username', 'iam:PermissionsBoundary', 'aws:RequestedRegion'];
const VALUES = ['lambda.amazonaws.com', 'ec2.amazonaws.com', '*.amazonaws.com', 'alice', 'al*', 'us-east-1', 'arn:aws:iam::111122223333:policy/b', '${aws:username}', 'true'];
const OPERATORS = ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike', 'StringEqualsIfExists', 'StringNotEqualsIgnoreCase', 'ArnLike', 'Null', 'ForAnyValue:StringEquals', 'ForAllValues:StringLike', 'Bool'];

test('statementMayApply: a false answer holds for every context with the fixed values (property test against evaluate)', () => {
  const next = random(20261205);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  let falseAnswers = 0;
  for (let round = 0; round < 3000; round++) {
    const statement: Record<string, unknown> = { Effect: 'Allow', Action: 'iam:PassRole' };
    const resourceCount = 1 + Math.floor(next() * 2);
    statement[next() < 0.1 ? 'NotResource' : 'Resource'] = resourceCount === 1 ? pick(PATTERNS) : [pick(PATTERNS), pick(PATTERNS)];
    if (next() < 0.8) {
      const condition: Record<string, Record<string, unknown>> = {};
      for (let c = 0; c < 1 + Math.floor(next() * 2); c++) {
        const operator = pick(OPERATORS);
        (condition[operator] ??= {})[pick(KEYS)] = next() < 0.7 ? pick(VALUES) : [pick(VALUES), pick(VALUES)];
      }
      statement['Condition'] = condition;
    }
    const fixed: Record<string, ContextValue> = {};
    for (const key of KEYS) if (next() < 0.4) fixed[key] = pick(VALUES);
    const resource = pick(RESOURCES);
    if (statementMayApply(statement, resource, fixed)) continue;
    falseAnswers++;
    // Any context that has the fixed values: the other keys absent, or set to values from the pool.
    for (let variant = 0; variant < 12; variant++) {
      const context: Record<string, ContextValue> = {};
      for (const key of KEYS) if (!(key in fixed) && next() < 0.5) context[key] = next() < 0.8 ? pick(VALUES) : [pick(VALUES), pick(VALUES)];
      Object.assign(context, fixed);
      const answer = evaluate({ principal: USER, action: 'iam:PassRole', resource, context, identityPolicies: [{ id: 'p', document: { Version: '2012-10-17', Statement: [statement] } }] });
      assert.notEqual(answer.decision, 'Allow', `statementMayApply said false, but ${JSON.stringify(statement)} allows ${resource} with ${JSON.stringify(context)}`);
    }
  }
  // The property is only worth something if false answers were checked.
  assert.ok(falseAnswers > 300, `only ${falseAnswers} false answers were generated`);
});
