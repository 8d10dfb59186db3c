/**
 * Tests of the linear-time IAM wildcard matcher: a table of ordinary cases, pathological patterns that
 * would make a backtracking matcher explode (results only; no timing assertions), and a property test
 * against a RegExp oracle built from escaped generated text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasWildcard, lowerAscii, matchWildcard } from '../../server/src/iam/arn/wildcard.ts';

const cases: readonly (readonly [pattern: string, text: string, ignoreCase: boolean, expected: boolean])[] = [
  ['', '', false, true],
  ['', 'a', false, false],
  ['*', '', false, true],
  ['*', 'anything:at/all', false, true],
  ['**', 'x', false, true],
  ['?', '', false, false],
  ['?', 'a', false, true],
  ['?', 'ab', false, false],
  ['??', 'ab', false, true],
  ['s3:Get*', 's3:GetObject', false, true],
  ['s3:Get*', 's3:getobject', false, false],
  ['s3:Get*', 's3:getobject', true, true],
  ['S3:GET*', 's3:GetObject', true, true],
  ['s3:*Object?', 's3:GetObjects', false, true],
  ['s3:*Object?', 's3:GetObject', false, false],
  ['s3:*Object', 's3:GetObject', false, true],
  ['s3:*Object', 's3:GetObjectAcl', false, false],
  ['*Object*', 's3:GetObjectAcl', false, true],
  ['a*b*c', 'abc', false, true],
  ['a*b*c', 'aXbYc', false, true],
  ['a*b*c', 'aXbYcZ', false, false],
  ['a*b*c*', 'aXbYcZ', false, true],
  ['*a', 'bbbba', false, true],
  ['*a', 'bbbbab', false, false],
  ['a?c', 'abc', false, true],
  ['a?c', 'ac', false, false],
  ['*?', '', false, false],
  ['*?', 'x', false, true],
  ['?*?', 'x', false, false],
  ['?*?', 'xy', false, true],
  ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/key/with/slashes', false, true],
  ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::Bucket/key', false, false],
  ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false, false],
  // Characters that are special in regular expressions are literal here.
  ['a.c', 'abc', false, false],
  ['a.c', 'a.c', false, true],
  ['(x)+[y]$^', '(x)+[y]$^', false, true],
  ['\\*', '\\anything', false, true],
  // Case folding covers ASCII letters only, and never turns other characters into letters.
  ['@', '`', true, false],
  ['[', '{', true, false],
  ['Ä', 'ä', true, false],
];

test('matchWildcard: table', () => {
  for (const [pattern, text, ignoreCase, expected] of cases) {
    assert.equal(matchWildcard(pattern, text, ignoreCase), expected, `${pattern} ~ ${text} (ignoreCase ${ignoreCase})`);
  }
});

test('matchWildcard: pathological patterns finish with the right answer', () => {
  const as = 'a'.repeat(100_000);
  const rows: readonly (readonly [string, string, boolean])[] = [
    ['*a*a*a*a*a*a*a*a*b', as, false],
    ['*a*a*a*a*a*a*a*a*', as, true],
    ['*a*a*a*a*a*a*a*a*a', as, true],
    ['a*a*a*a*a*a*a*a*ab', `${as}b`, true],
    ['*?*?*?*?*?*?*?*?*b', as, false],
    [`${'*a'.repeat(50)}b`, as, false],
    // A long literal after the last star is the matcher's worst case, pattern length × text length,
    // which is bounded and polynomial (here 10^7 steps), never exponential.
    [`*${'a'.repeat(100)}b`, as, false],
    [`*${'a'.repeat(100)}`, as, true],
  ];
  for (const [pattern, text, expected] of rows) {
    assert.equal(matchWildcard(pattern, text, false), expected, pattern.slice(0, 40));
    assert.equal(matchWildcard(pattern.toUpperCase(), text, true), expected, `${pattern.slice(0, 40)} (ignoreCase)`);
  }
});

test('hasWildcard', () => {
  const rows: readonly (readonly [string, boolean])[] = [
    ['s3:GetObject', false],
    ['s3:Get*', true],
    ['s3:GetObjec?', true],
    ['', false],
  ];
  for (const [text, expected] of rows) assert.equal(hasWildcard(text), expected, text);
});

/** A RegExp oracle for the property test; the pattern text is escaped, so only `*` and `?` are special. */
function oracle(pattern: string, text: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(text);
}

test('matchWildcard agrees with a RegExp oracle on random inputs', () => {
  const alphabet = fc.constantFrom('a', 'b', 'A', '*', '?', ':', '.');
  const textAlphabet = fc.constantFrom('a', 'b', 'A', 'B', ':', '.');
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 10 }).map((cs) => cs.join('')),
      fc.array(textAlphabet, { maxLength: 12 }).map((cs) => cs.join('')),
      fc.boolean(),
      (pattern, text, ignoreCase) => {
        const lower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
        const expected = ignoreCase ? oracle(lower(pattern), lower(text)) : oracle(pattern, text);
        assert.equal(matchWildcard(pattern, text, ignoreCase), expected, `${pattern} ~ ${text} ${ignoreCase}`);
      },
    ),
    { numRuns: 3000, seed: 20261129 },
  );
});

test('lowerAscii lowers ASCII capitals only, and returns the text itself when it has none', () => {
  const table: Array<[string, string]> = [
    ['', ''],
    ['s3:getobject', 's3:getobject'],
    ['s3:GetObject', 's3:getobject'],
    ['EC2:Describe*', 'ec2:describe*'],
    ['ÄWS:GetObject', 'Äws:getobject'],
    ['s3:GetÖbject', 's3:getÖbject'],
    ['İAM:Pass', 'İam:pass'],
    ['ΣS3:X', 'Σs3:x'],
  ];
  for (const [text, lowered] of table) assert.equal(lowerAscii(text), lowered, text);
  const plain = 'iam:passrole';
  assert.equal(lowerAscii(plain), plain);
  fc.assert(fc.property(fc.string({ maxLength: 30 }), (text) => lowerAscii(text) === text.replace(/[A-Z]/g, (c) => c.toLowerCase())));
});
