/**
 * Which actions a condition key applies to (validate/families/condition/conditionActionSupport.ts):
 * for `"Action": "*"`, the services with an action that does not list a key are found from each
 * service's key sets in the catalog's index, and must be exactly those that asking every action of
 * the catalog finds (Service Authorization Reference: a key applies to an action when its row or one
 * of its resource types lists it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandActionPattern } from '../../server/src/iam/catalog/catalog.ts';
import { actionListsKey, servicesNotListingKey } from '../../server/src/iam/validate/families/condition/conditionActionSupport.ts';

/** The services of `*` with some action that does not list `key`, asking every action. */
function byEveryAction(key: string): string[] {
  const found = new Set<string>();
  for (const action of expandActionPattern('*')) if (!actionListsKey(action, key)) found.add(action.service);
  return [...found].sort();
}

const KEYS = ['aws:ResourceTag/team', 'AWS:resourcetag/Team', 'aws:RequestTag/cost-center', 'aws:TagKeys', 's3:prefix', 'ec2:Region', 's3:ExistingObjectTag/env', 'iam:PassedToService', 'aws:SourceIp', 'no-such:key'];

test('servicesNotListingKey("*"): the key sets of the index give what asking every action gives', () => {
  for (const key of KEYS) {
    const expected = byEveryAction(key);
    assert.deepEqual(servicesNotListingKey('*', key), expected, key);
  }
  // The tag keys are listed by some actions of most services, and by every action of none of them.
  assert.ok(servicesNotListingKey('*', 'aws:ResourceTag/team').length > 300);
  assert.ok(!servicesNotListingKey('*', 's3:prefix').includes('no-such-service'));
});

test('servicesNotListingKey of a narrower pattern asks its actions', () => {
  assert.deepEqual(servicesNotListingKey('s3:GetObject', 's3:ExistingObjectTag/env'), []);
  assert.deepEqual(servicesNotListingKey('s3:ListAllMyBuckets', 's3:ExistingObjectTag/env'), ['s3']);
  assert.deepEqual(servicesNotListingKey('s3:*', 'aws:ResourceTag/team'), byEveryActionOf('s3:*', 'aws:ResourceTag/team'));
});

function byEveryActionOf(pattern: string, key: string): string[] {
  const found = new Set<string>();
  for (const action of expandActionPattern(pattern)) if (!actionListsKey(action, key)) found.add(action.service);
  return [...found].sort();
}
