/**
 * The IAM catalog in the browser build: the package holds it once (dist/catalogData.jsonl), the
 * browser server bundle holds none of it (test/unit/browserBundles.test.ts), and the browser client
 * sends its text in `initializationOptions.catalogData`. Here the real server runs in-process
 * with the browser's I/O edge and is handed the file that the build writes: a policy with a misspelt
 * action gets the diagnostic and suggestion the catalog gives, the data it used is the data it was
 * handed (a copy without one action makes that action unknown), and a text that is not the data
 * makes lookups fail with one clear error instead of answering that no service exists.
 *
 * Actions and their names: Service Authorization Reference, "Actions, resources, and condition keys
 * for Amazon S3" (`s3:GetObject`, `s3:GetObjectAcl`).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness';
import { browserServerIO } from '../../server/src/browser/browserIO';
import { action, provideCatalogText } from '../../server/src/iam/catalog/catalog';
import type { CatalogIndexData } from '../../server/src/iam/catalog/generated/catalogData.js';
import { catalogLinesText } from '../../scripts/external-data.mjs';

const ROOT = `${__dirname}/../..`;
const POLICY_URI = 'file:///workspace/policy.json';

/** A policy with one action per case; its diagnostics' codes and messages. */
async function lint(harness: Harness, actions: string[]): Promise<string[]> {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
  const waiting = harness.diagnostics(POLICY_URI);
  harness.open(POLICY_URI, text);
  const { diagnostics } = await waiting;
  return diagnostics.map((diagnostic) => `${String((diagnostic as { code?: unknown }).code)} ${String(diagnostic.message)}`);
}

test('the browser server, handed the built catalog, checks actions against it', async () => {
  const harness = await startHarness({ io: browserServerIO, initializationOptions: { catalogData: catalogLinesText(ROOT) } });
  try {
    const messages = await lint(harness, ['s3:GetObject', 's3:GetObjectz']);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0]!, /^INVALID_ACTION .*`s3:GetObjectz`.*did you mean `s3:GetObject`/);
    assert.ok(!harness.logs.some((line) => /IAM catalog/.test(line)), harness.logs.join('\n'));
  } finally {
    harness.dispose();
  }
});

test('the browser server uses the catalog it is handed: a copy without s3:GetObjectAcl makes that action unknown', async () => {
  // The lines: header, index, then each service's actions, then each service's descriptions.
  const lines = catalogLinesText(ROOT).split('\n');
  const count = (JSON.parse(lines[0]!) as { services: number }).services;
  const s3 = (JSON.parse(lines[1]!) as CatalogIndexData).services.findIndex((row) => row[0] === 's3');
  const rows = JSON.parse(lines[2 + s3]!) as Array<[string, ...unknown[]]>;
  const descriptions = JSON.parse(lines[2 + count + s3]!) as string[];
  const position = rows.findIndex((row) => row[0] === 'GetObjectAcl');
  assert.ok(position >= 0, 'the built catalog has s3:GetObjectAcl');
  rows.splice(position, 1);
  descriptions.splice(position, 1);
  lines[2 + s3] = JSON.stringify(rows);
  lines[2 + count + s3] = JSON.stringify(descriptions);
  const harness = await startHarness({ io: browserServerIO, initializationOptions: { catalogData: lines.join('\n') } });
  try {
    const messages = await lint(harness, ['s3:GetObjectAcl', 's3:PutObject']);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0]!, /^INVALID_ACTION .*`s3:GetObjectAcl`/);
  } finally {
    harness.dispose();
    provideCatalogText(catalogLinesText(ROOT));
  }
});

test('the browser server without the catalog says so in its log', async () => {
  const harness = await startHarness({ io: browserServerIO, initializationOptions: {} });
  try {
    assert.ok(harness.logs.some((line) => /sent no IAM catalog/.test(line)), harness.logs.join('\n'));
  } finally {
    harness.dispose();
  }
});

test('a handed-in text that is not the catalog fails every lookup with one clear error; handing in the catalog recovers', () => {
  const lines = catalogLinesText(ROOT).split('\n');
  // Not JSON; JSON but not the catalog; the old single-JSON form; a header without its lines; a line missing.
  for (const text of ['not JSON', '{"index":1}', 'null', '{"accessLevels":[],"index":"{}","actions":["[]"],"descriptions":[]}', `${lines[0]}\n`, `${lines.slice(0, -2).join('\n')}\n`]) {
    provideCatalogText(text);
    const first = (() => {
      try {
        action('s3:GetObject');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    assert.ok(first instanceof Error, `\`${text}\` gave no error`);
    assert.throws(() => action('s3:GetObject'), (error) => error === first, 'a later lookup fails with the same error, without parsing again');
  }
  provideCatalogText(catalogLinesText(ROOT));
  assert.equal(action('s3:getobject')?.fullName, 's3:GetObject');
  assert.ok(action('s3:GetObject')!.description.length > 0, 'descriptions are read from the handed-in catalog');
});
