/**
 * REDUNDANT_STATEMENT against its definition, on generated policies. Access Analyzer policy check
 * reference, "Suggestion – Redundant statement": a statement can be removed when another one grants
 * (or denies) everything it does. The check compares a statement only with the statements its index
 * names as candidates (docs/performance.md); this test compares its answers with a plain scan over
 * every pair, written from the rule: the same effect and principal, the other statement's conditions
 * the same or none, every action (case-insensitive) and resource (case-sensitive) covered by a pattern
 * of the other statement, `NotAction` (case-insensitive) and `NotResource` only by the same list, and of two statements
 * that cover each other only the later one reported, naming the first covering statement in document
 * order.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf } from './helpers/findings';
import { patternCovers } from '../../server/src/iam/arn/wildcard';

interface Generated {
  readonly effect: string;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly condition?: string;
}

const ACTIONS = ['s3:GetObject', 'S3:getobject', 's3:Get*', 's3:*', 's3:Get?bject', 's3:*Object', 's3:GetObject*', '*', 's*', 's3*:GetObject', 'sqs:SendMessage', 'sqs:*', 'ec2:*', 'iam:PassRole', 'iam:Pass*', 'ia?:PassRole'];
const RESOURCES = ['*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/k', 'arn:aws:s3:::B/k', 'arn:aws:s3:::b*', 'arn:aws:s3:::b/k?', 'arn:aws:s3:::*/k', 'arn:aws:s3:::b/', 'arn:aws:sqs:*', 'arn:aws:sqs:us-east-1:111122223333:q'];
const CONDITIONS = ['{"Bool":{"aws:SecureTransport":"true"}}', '{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function generate(next: () => number): Generated[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[]): T[] => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(list));
  return Array.from({ length: 2 + Math.floor(next() * 6) }, () => ({
    effect: next() < 0.85 ? 'Allow' : 'Deny',
    ...(next() < 0.15 ? { notAction: some(['s3:*', 'iam:*', 'ec2:*']) } : { action: some(ACTIONS) }),
    ...(next() < 0.1 ? { notResource: some(['arn:aws:s3:::b/*', 'arn:aws:s3:::B/*']) } : { resource: some(RESOURCES) }),
    ...(next() < 0.3 ? { condition: pick(CONDITIONS) } : {}),
  }));
}

const listCovered = (outer: readonly string[], inner: readonly string[], ignoreCase: boolean) => inner.every((value) => outer.some((pattern) => patternCovers(pattern, value, ignoreCase)));
/** The same values in any order and case (the check compares such lists as written, repeats included). */
const sameList = (a: readonly string[], b: readonly string[]) => a.map((value) => value.toLowerCase()).sort().join() === b.map((value) => value.toLowerCase()).sort().join();

function coversByRule(outer: Generated, inner: Generated): boolean {
  if (outer.effect !== inner.effect) return false;
  if (outer.condition !== undefined && outer.condition !== inner.condition) return false;
  if (outer.resource && inner.resource) {
    if (!listCovered(outer.resource, inner.resource, false)) return false;
  } else if (!outer.notResource || !inner.notResource || [...outer.notResource].sort().join() !== [...inner.notResource].sort().join()) {
    return false;
  }
  if (outer.action && inner.action) return listCovered(outer.action, inner.action, true);
  return outer.notAction !== undefined && inner.notAction !== undefined && sameList(outer.notAction, inner.notAction);
}

/** Per statement, the statement that makes it redundant by the rule, or undefined. */
function expected(statements: readonly Generated[]): Array<number | undefined> {
  return statements.map((inner, i) => statements.findIndex((outer, j) => j !== i && coversByRule(outer, inner) && !(j > i && coversByRule(inner, outer)))).map((j) => (j < 0 ? undefined : j));
}

function text(statements: readonly Generated[]): string {
  const body = statements.map((statement) => {
    const parts = [`"Effect":"${statement.effect}"`];
    if (statement.action) parts.push(`"Action":${JSON.stringify(statement.action)}`);
    if (statement.notAction) parts.push(`"NotAction":${JSON.stringify(statement.notAction)}`);
    if (statement.resource) parts.push(`"Resource":${JSON.stringify(statement.resource)}`);
    if (statement.notResource) parts.push(`"NotResource":${JSON.stringify(statement.notResource)}`);
    if (statement.condition) parts.push(`"Condition":${statement.condition}`);
    return `{${parts.join(',')}}`;
  });
  return `{"Version":"2012-10-17","Statement":[${body.join(',')}]}`;
}

test('REDUNDANT_STATEMENT names, for each statement, the first statement that covers it by the rule (2,000 generated policies)', () => {
  const next = random(20261206);
  let redundant = 0;
  for (let round = 0; round < 2000; round++) {
    const statements = generate(next);
    const policy = text(statements);
    const found = findingsOf(policy, 'identity').filter((finding) => finding.code === 'REDUNDANT_STATEMENT');
    const actual: Array<number | undefined> = statements.map(() => undefined);
    for (const finding of found) {
      const inner = Number(/^Remove statement (\d+)$/.exec(finding.fixes[0] ?? '')?.[1]);
      const outer = Number(/statement (\d+) already/.exec(finding.message)?.[1]);
      actual[inner] = outer;
    }
    assert.deepEqual(actual, expected(statements), policy);
    redundant += found.length;
  }
  // The generated policies exercise both answers.
  assert.ok(redundant > 500, `${redundant} redundant statements`);
});
