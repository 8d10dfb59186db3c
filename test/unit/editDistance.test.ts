/**
 * `editDistance` (iam/spelling/nearestName.ts), the one edit distance of "did you mean" suggestions:
 * Levenshtein distance (insertions, deletions and substitutions of one UTF-16 unit each), bounded:
 * `limit + 1` whenever the distance exceeds `limit` (only the table's band within `limit` of the
 * diagonal is computed). Checked on fixed cases and against a plain full-table implementation on
 * seeded random strings, with the shared row buffer growing in between.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { editDistance, nearestName } from '../../server/src/iam/spelling/nearestName';

/** The textbook full table, unbounded. */
function reference(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) table[i]![j] = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return table[a.length]![b.length]!;
}

const cases: Array<[string, string, number | undefined, number]> = [
  ['', '', undefined, 0],
  ['', 'abc', undefined, 3],
  ['abc', '', undefined, 3],
  ['getobject', 'getobject', undefined, 0],
  ['getobjet', 'getobject', undefined, 1],
  ['kitten', 'sitting', undefined, 3],
  ['kitten', 'sitting', 2, 3],
  ['kitten', 'sitting', 3, 3],
  ['s3', 'ssm', 1, 2],
  ['ec2', 'ecr', 1, 1],
  ['abcdefgh', 'a', 3, 4],
  ['flaw', 'lawn', undefined, 2],
];

test('editDistance: fixed cases, within and beyond the limit', () => {
  for (const [a, b, limit, expected] of cases) assert.equal(editDistance(a, b, limit), expected, `${a} / ${b} / ${limit}`);
});

test('editDistance: equals the full table within the limit, and limit + 1 beyond it, on random strings', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const word = () => Array.from({ length: Math.floor(random() * (random() < 0.1 ? 150 : 12)) }, () => 'abcAB:*'[Math.floor(random() * 7)]).join('');
  for (let n = 0; n < 5000; n++) {
    const a = word();
    const b = word();
    const exact = reference(a, b);
    const limit = Math.floor(random() * (random() < 0.2 ? 40 : 6));
    assert.equal(editDistance(a, b), exact, `${a} / ${b}`);
    assert.equal(editDistance(a, b, limit), exact <= limit ? exact : limit + 1, `${a} / ${b} / ${limit}`);
  }
});

test('nearestName: a case-insensitive match first, then the nearest within a third of the length', () => {
  assert.equal(nearestName('effect', ['Sid', 'Effect', 'Action']), 'Effect');
  assert.equal(nearestName('Actoin', ['Sid', 'Effect', 'Action']), 'Action');
  assert.equal(nearestName('Xyz', ['Sid', 'Effect', 'Action']), undefined);
});
