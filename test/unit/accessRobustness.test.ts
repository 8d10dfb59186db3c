/**
 * The access analyses never throw, whatever the document holds (the server survives any document):
 * random JSON values where policy elements are expected, for every policy kind, through
 * `accessFindings`, `analyzeExternalAccess`, `diffAccess` and the checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePolicy } from '../../server/src/iam/document/parse';
import { accessFindings, analyzeExternalAccess, checkNoPublicAccess, checkNotGranted, diffAccess } from '../../server/src/iam/access';
import { POLICY_KINDS } from '../../server/src/iam/document/policyKind';

const scalar = fc.oneof(fc.constantFrom('*', 's3:*', 'iam:Pass*', 'arn:aws:s3:::b/*', '${aws:username}', '111122223333', 'arn:aws:iam::444455556666:root', '', ':', '?*?'), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'StringEquals', 'Bool', 'aws:SourceIp', 'x'), fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(fc.constantFrom('aws:PrincipalOrgID', 'aws:SourceArn', 'k'), fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })))), { maxKeys: 3 }));
const statement = fc.tuple(fc.constantFrom('Allow', 'Allow', 'Deny'), fc.dictionary(fc.constantFrom('Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Sid'), value, { maxKeys: 6 })).map(([Effect, s]) => ({ Effect, ...s }));
const policy = fc.oneof(fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', 1), Statement: fc.oneof(fc.array(statement, { maxLength: 4 }), statement, scalar) }), value);

test('access analyses never throw on arbitrary documents', () => {
  fc.assert(
    fc.property(policy, policy, fc.constantFrom(...POLICY_KINDS), (a, b, kind) => {
      const docA = parsePolicy(JSON.stringify(a) ?? '').document;
      const docB = parsePolicy(JSON.stringify(b) ?? '').document;
      assert.doesNotThrow(() => accessFindings(docA, kind));
      assert.doesNotThrow(() => analyzeExternalAccess(docA, kind));
      assert.doesNotThrow(() => diffAccess(docA, docB, kind));
      assert.doesNotThrow(() => checkNotGranted(docA, kind, ['s3:GetObject', 'iam:*']));
      assert.doesNotThrow(() => checkNoPublicAccess(docA, kind));
    }),
    { numRuns: 300, seed: 3 },
  );
});
