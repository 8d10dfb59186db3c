/**
 * How the server reads the policy files a scenario references: open documents win over disk,
 * files outside the workspace and files in an untrusted workspace are not read (with a message
 * that says so), and saved files are re-read when their mtime changes.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ScenarioFiles, scenarioDocumentDiagnostics } from '../../server/src/lsp/features/scenarioFeature';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-scenario-files-'));
const workspace = path.join(root, 'ws');
fs.mkdirSync(workspace);
fs.writeFileSync(path.join(workspace, 'p.json'), '{"Statement": []}');
fs.writeFileSync(path.join(root, 'outside.json'), '{"Statement": []}');
const scenarioUri = pathToFileURL(path.join(workspace, 's.iamtest.json')).toString();

function files(trusted: boolean, open: TextDocument[] = []): ScenarioFiles {
  const documents = new TextDocuments(TextDocument);
  // TextDocuments keeps its documents private; tests only need `all()` and `get()`.
  (documents as unknown as { all(): TextDocument[] }).all = () => open;
  return new ScenarioFiles({
    documents,
    trusted: () => trusted,
    settingsPath: (uri) => {
      const relative = path.relative(workspace, new URL(uri).pathname);
      return relative.startsWith('..') ? new URL(uri).pathname : relative;
    },
  });
}

test('files inside a trusted workspace are read; outside ones are not', () => {
  const read = files(true).readerFor(scenarioUri);
  assert.deepEqual(read('p.json'), { text: '{"Statement": []}' });
  assert.deepEqual(read('../outside.json'), { error: 'Policy file `../outside.json` is outside the workspace, so it is not read' });
  assert.deepEqual(read('nope.json'), { error: 'Policy file `nope.json` not found' });
  assert.deepEqual(read('/etc/passwd'), { error: 'Policy path `/etc/passwd` must be relative to the scenario file' });
});

test('an untrusted workspace reads nothing from disk and says so in a diagnostic', () => {
  const f = files(false);
  assert.deepEqual(f.readerFor(scenarioUri)('p.json'), { error: 'Policy file `p.json` is not read: the workspace is not trusted (trust it to run the tests)' });
  const text = '{"users": [{"name": "a", "account": "111122223333", "policies": ["p.json"]}], "tests": []}';
  const diagnostics = scenarioDocumentDiagnostics(TextDocument.create(scenarioUri, 'json', 1, text), f);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['SCENARIO_POLICY_FILE', 'Policy file `p.json` is not read: the workspace is not trusted (trust it to run the tests)']]);
});

test('open documents win over disk, even in an untrusted workspace', () => {
  const open = TextDocument.create(pathToFileURL(path.join(workspace, 'p.json')).toString(), 'json', 3, '{"Statement": [{"unsaved": true}]}');
  const f = files(false, [open]);
  assert.deepEqual(f.readerFor(scenarioUri)('p.json'), { text: '{"Statement": [{"unsaved": true}]}' });
  assert.equal(f.uriFor(scenarioUri, 'p.json'), open.uri);
});

test('saved files are re-read when their mtime or size changes', () => {
  const file = path.join(workspace, 'm.json');
  fs.writeFileSync(file, '{"Statement": []}');
  fs.utimesSync(file, 1_000, 1_000);
  const read = files(true).readerFor(scenarioUri);
  assert.deepEqual(read('m.json'), { text: '{"Statement": []}' });
  fs.writeFileSync(file, '{"Statement": [{}]}');
  fs.utimesSync(file, 2_000, 2_000);
  assert.deepEqual(read('m.json'), { text: '{"Statement": [{}]}' });
});
