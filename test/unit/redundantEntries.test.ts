/**
 * Redundant entries of one list (REDUNDANT_ACTION, REDUNDANT_RESOURCE) against their definition, on
 * generated lists. Access Analyzer policy check reference, "Suggestion – Redundant action" /
 * "Redundant resource": an entry is redundant when another entry of the same list already covers it.
 * Action names are case-insensitive (IAM User Guide, "IAM JSON policy elements: Action"), ARNs are
 * not. This test compares `findRedundantEntries` with a scan written from the rule: a repeated entry
 * (as `toLowerCase` compares actions) names the first entry equal to it, and a wildcard entry covers
 * what it matches.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findRedundantEntries } from '../../server/src/iam/validate/families/actionResource/actionChecks';
import { patternCovers } from '../../server/src/iam/arn/wildcard';
import type { StringValue } from '../../server/src/iam/document/model';

/** Texts with case variants, non-ASCII letters (U+0130 lower-cases to two code units) and wildcards. */
const TEXTS = ['s3:GetObject', 'S3:GETOBJECT', 's3:getobject', 's3:PutObject', 's3:GetObjectAcl', 'sqs:SendMessage', 'SQS:sendmessage', 'iam:PassRole', 'iam:İtem', 'iam:i\u0307tem', 'iam:ITEM', 'iam:Ä', 'iam:ä', 'iam:@', 'iam:`', 'iam:[', 'iam:{', 'ec2:RunInstances', 's3:Get*', 's3:*', 'arn:aws:s3:::b/k', 'arn:aws:s3:::B/k'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function valuesOf(texts: readonly string[]): StringValue[] {
  return texts.map((value, index) => ({ value, span: { offset: index, length: 1 }, node: undefined as never }));
}

/** The rule for a list without wildcards, scanned pairwise: each entry that repeats an earlier one, with the first entry equal to it. */
function reference(texts: readonly string[], ignoreCase: boolean): Array<[number, number]> {
  const key = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const result: Array<[number, number]> = [];
  for (let index = 0; index < texts.length; index++) {
    const same = texts.findIndex((other, at) => at < index && key(other) === key(texts[index]!));
    if (same >= 0) result.push([index, same]);
  }
  return result;
}

test('duplicates in lists without wildcards, short and long, agree with the rule', () => {
  const next = random(7);
  for (let round = 0; round < 4000; round++) {
    const length = 2 + Math.floor(next() * 30);
    // The first 18 texts have no wildcard.
    const texts = Array.from({ length }, () => TEXTS[Math.floor(next() * 18)]!);
    for (const ignoreCase of [true, false]) {
      const values = valuesOf(texts);
      const found = findRedundantEntries(values, ignoreCase, () => undefined).map(({ value, coveredBy }) => [values.indexOf(value), values.indexOf(coveredBy)]);
      assert.deepEqual(found, reference(texts, ignoreCase), `${JSON.stringify(texts)} ignoreCase=${ignoreCase}`);
    }
  }
});

test('a wildcard entry covers what it matches, in short and long lists', () => {
  for (const length of [3, 20]) {
    const texts = ['s3:Get*', ...Array.from({ length: length - 2 }, (_, i) => `ec2:Action${i}`), 'S3:GETOBJECT'];
    const values = valuesOf(texts);
    const found = findRedundantEntries(values, true, (text) => text.slice(0, text.indexOf(':')).toLowerCase());
    assert.deepEqual(
      found.map(({ value, coveredBy }) => [value.value, coveredBy.value]),
      [['S3:GETOBJECT', 's3:Get*']],
    );
    assert.ok(patternCovers('s3:get*', 's3:getobject', false));
  }
});
