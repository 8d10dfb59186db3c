/**
 * schemas/iam-policy.schema.json (for editors without our server) accepts every example policy and
 * is itself valid JSON with the documented top-level shape.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('the policy schema names the grammar elements', () => {
  const schema = JSON.parse(readFileSync('schemas/iam-policy.schema.json', 'utf8'));
  assert.deepEqual(Object.keys(schema.properties), ['Version', 'Id', 'Statement']);
  assert.deepEqual(Object.keys(schema.definitions.statement.properties), ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
  assert.deepEqual(schema.properties.Version.enum, ['2012-10-17', '2008-10-17']);
});
