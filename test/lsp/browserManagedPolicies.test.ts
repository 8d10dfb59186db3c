/**
 * The AWS managed policies in the browser build: the package holds them once
 * (dist/managedPoliciesData.json), the browser server bundle holds none, and the browser client sends
 * the JSON text in `initializationOptions.managedPoliciesData`. Here the real server runs in-process
 * with the browser's I/O edge and is handed the JSON that the build writes: a scenario whose
 * principals use AWS managed policies by name, path and ARN gets the decisions the example expects
 * (examples/managed-policies, the same tests `iam-policy test` runs on the CLI), and the data it used
 * is the data it was handed (a copy without one policy makes that policy unknown). A text that is not
 * the data makes lookups fail with a clear error instead of answering that no managed policy exists.
 *
 * AWS managed policies and their ARNs (`arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess`): IAM User
 * Guide, "Managed policies and inline policies" → "AWS managed policies" and "IAM identifiers" → "IAM ARNs".
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startHarness, type Harness } from './harness';
import { browserServerIO } from '../../server/src/browser/browserIO';
import { managedPolicy, provideManagedPoliciesJson } from '../../server/src/iam/catalog/managedPolicies';
import { copyManagedPolicies, MANAGED_POLICIES_FILE } from '../../scripts/external-data.mjs';

const ROOT = path.join(__dirname, '..', '..');
const SCENARIO = fs.readFileSync(path.join(ROOT, 'examples', 'managed-policies', 'managed-policies.iamtest.json'), 'utf8');
const SCENARIO_URI = 'file:///workspace/managed-policies/managed-policies.iamtest.json';

/** The JSON text the build writes beside the bundles (what the browser client reads and sends). */
function builtJson(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-managed-'));
  try {
    copyManagedPolicies(ROOT, dir);
    return fs.readFileSync(path.join(dir, MANAGED_POLICIES_FILE), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Lens {
  command?: { title: string };
}

async function openScenario(harness: Harness): Promise<{ diagnostics: Array<{ message: unknown }>; titles: string[] }> {
  const waiting = harness.diagnostics(SCENARIO_URI);
  harness.open(SCENARIO_URI, SCENARIO);
  const { diagnostics } = await waiting;
  const lenses = (await harness.client.sendRequest('textDocument/codeLens', { textDocument: { uri: SCENARIO_URI } })) as Lens[];
  return { diagnostics, titles: lenses.map((lens) => lens.command?.title ?? '').filter((title) => /^[✓✗⚠] /u.test(title)) };
}

test('the browser server, handed the built JSON, decides a scenario of AWS managed policies (by name, path and ARN)', async () => {
  const harness = await startHarness({ io: browserServerIO, initializationOptions: { managedPoliciesData: builtJson() } });
  try {
    const { diagnostics, titles } = await openScenario(harness);
    assert.deepEqual(diagnostics, []);
    const expected = (JSON.parse(SCENARIO) as { tests: unknown[] }).tests.length;
    assert.equal(titles.length, expected, titles.join('\n'));
    assert.ok(titles.every((title) => title.startsWith('✓ ')), titles.join('\n'));
    // The principal `reader` has `arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess`: its s3:ListBucket is allowed by that policy.
    assert.match(titles[4]!, /^✓ Allow: .*AmazonS3ReadOnlyAccess/, titles.join('\n'));
    assert.ok(!harness.logs.some((line) => /managed policies/i.test(line)), harness.logs.join('\n'));
  } finally {
    harness.dispose();
  }
});

test('the browser server uses the data it is handed: a copy without AmazonS3ReadOnlyAccess makes that ARN unknown', async () => {
  const data = JSON.parse(builtJson()) as { policies: Array<[string, ...unknown[]]> };
  data.policies = data.policies.filter((row) => row[0] !== 'AmazonS3ReadOnlyAccess');
  const harness = await startHarness({ io: browserServerIO, initializationOptions: { managedPoliciesData: JSON.stringify(data) } });
  try {
    const { diagnostics } = await openScenario(harness);
    assert.ok(
      diagnostics.some((diagnostic) => String(diagnostic.message).startsWith('Unknown AWS managed policy `arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess`')),
      JSON.stringify(diagnostics.map((diagnostic) => diagnostic.message)),
    );
  } finally {
    harness.dispose();
  }
});

test('the browser server without the data says so in its log', async () => {
  const harness = await startHarness({ io: browserServerIO, initializationOptions: {} });
  try {
    assert.ok(harness.logs.some((line) => /sent no AWS managed policies/.test(line)), harness.logs.join('\n'));
  } finally {
    harness.dispose();
  }
});

test('a handed-in text that is not the data fails every lookup with one clear error; handing in the data recovers', () => {
  for (const text of ['not JSON', '{"policies":1}', 'null']) {
    provideManagedPoliciesJson(text);
    const first = (() => {
      try {
        managedPolicy('ReadOnlyAccess');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    assert.ok(first instanceof Error, `\`${text}\` gave no error`);
    assert.throws(() => managedPolicy('ReadOnlyAccess'), (error) => error === first, 'a later lookup fails with the same error, without parsing again');
  }
  provideManagedPoliciesJson(builtJson());
  assert.equal(managedPolicy('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')?.name, 'AmazonS3ReadOnlyAccess');
});
