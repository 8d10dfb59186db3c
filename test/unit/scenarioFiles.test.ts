/**
 * How the server reads the policy files a scenario references: open documents win over the saved
 * file, files outside the workspace and files in an untrusted workspace are not read (with a message
 * that says so), saved files are re-read when their mtime changes, and files that are not on a local
 * disk (vscode.dev, github.dev) are read through the client (`iam/readFile`).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ScenarioFiles, scenarioDocumentDiagnostics } from '../../server/src/lsp/features/scenarioFeature';
import { workspaceRelativePath } from '../../server/src/lsp/documentUris';
import { nodeServerIO } from '../../server/src/lsp/nodeIO';
import type { ServerIO } from '../../server/src/lsp/serverIO';
import type { ReadFileResult } from '../../server/src/protocol';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-scenario-files-'));
const workspace = path.join(root, 'ws');
fs.mkdirSync(workspace);
fs.mkdirSync(path.join(workspace, 'dir'));
fs.writeFileSync(path.join(workspace, 'p.json'), '{"Statement": []}');
fs.writeFileSync(path.join(root, 'outside.json'), '{"Statement": []}');
const workspaceUri = pathToFileURL(workspace).toString();
const scenarioUri = pathToFileURL(path.join(workspace, 's.iamtest.json')).toString();

/** The client's side of `iam/readFile`, for the URIs the Node edge does not read from disk. */
const clientFiles = new Map<string, ReadFileResult>([['vscode-vfs://github/o/r/policies/p.json', { text: '{"Statement": [{"remote": true}]}' }]]);
const fakeClient = { sendRequest: (method: string, params: { uri: string }) => Promise.resolve(method === 'iam/readFile' ? (clientFiles.get(params.uri) ?? { missing: 'notFound' }) : undefined) } as unknown as Connection;

function files(trusted: boolean, open: TextDocument[] = [], folders = [workspaceUri], io: Pick<ServerIO, 'readFile'> = nodeServerIO()(fakeClient)): ScenarioFiles {
  const documents = new TextDocuments(TextDocument);
  // TextDocuments keeps its documents private; tests only need `all()` and `get()`.
  (documents as unknown as { all(): TextDocument[] }).all = () => open;
  return new ScenarioFiles({ documents, trusted: () => trusted, workspacePath: (uri) => workspaceRelativePath(uri, folders), io });
}

function read(f: ScenarioFiles, relative: string, scenario = scenarioUri) {
  return f.withReader(scenario, (reader) => reader(relative));
}

test('files inside a trusted workspace are read; outside ones are not', async () => {
  const f = files(true);
  assert.deepEqual(await read(f, 'p.json'), { text: '{"Statement": []}' });
  assert.deepEqual(await read(f, './sub/../p.json'), { text: '{"Statement": []}' });
  assert.deepEqual(await read(f, '../outside.json'), { error: 'Policy file `../outside.json` is outside the workspace, so it is not read' });
  assert.deepEqual(await read(f, 'nope.json'), { error: 'Policy file `nope.json` not found' });
  assert.deepEqual(await read(f, 'dir'), { error: 'Policy file `dir` is not a file' });
  assert.deepEqual(await read(f, '/etc/passwd'), { error: 'Policy path `/etc/passwd` must be relative to the scenario file' });
  assert.deepEqual(await read(f, 'C:\\x.json'), { error: 'Policy path `C:\\x.json` must be relative to the scenario file' });
});

test('an untrusted workspace reads nothing and says so in a diagnostic', async () => {
  const f = files(false);
  assert.deepEqual(await read(f, 'p.json'), { error: 'Policy file `p.json` is not read: the workspace is not trusted (trust it to run the tests)' });
  const text = '{"users": [{"name": "a", "account": "111122223333", "policies": ["p.json"]}], "tests": []}';
  const diagnostics = await scenarioDocumentDiagnostics(TextDocument.create(scenarioUri, 'json', 1, text), f);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['SCENARIO_POLICY_FILE', 'Policy file `p.json` is not read: the workspace is not trusted (trust it to run the tests)']]);
});

test('open documents win over the saved file, even in an untrusted workspace', async () => {
  const open = TextDocument.create(pathToFileURL(path.join(workspace, 'p.json')).toString(), 'json', 3, '{"Statement": [{"unsaved": true}]}');
  const f = files(false, [open]);
  assert.deepEqual(await read(f, 'p.json'), { text: '{"Statement": [{"unsaved": true}]}' });
  assert.equal(f.uriFor(scenarioUri, 'p.json'), open.uri);
});

test('saved files are re-read when their mtime or size changes', async () => {
  const file = path.join(workspace, 'm.json');
  fs.writeFileSync(file, '{"Statement": []}');
  fs.utimesSync(file, 1_000, 1_000);
  const f = files(true);
  assert.deepEqual(await read(f, 'm.json'), { text: '{"Statement": []}' });
  fs.writeFileSync(file, '{"Statement": [{}]}');
  fs.utimesSync(file, 2_000, 2_000);
  assert.deepEqual(await read(f, 'm.json'), { text: '{"Statement": [{}]}' });
});

test('files not on a local disk are read through the client, with the same rules', async () => {
  const folder = 'vscode-vfs://github/o/r';
  const scenario = `${folder}/tests/s.iamtest.json`;
  const f = files(true, [], [folder]);
  assert.deepEqual(await read(f, '../policies/p.json', scenario), { text: '{"Statement": [{"remote": true}]}' });
  assert.deepEqual(await read(f, '../policies/none.json', scenario), { error: 'Policy file `../policies/none.json` not found' });
  assert.deepEqual(await read(f, '../../elsewhere/p.json', scenario), { error: 'Policy file `../../elsewhere/p.json` is outside the workspace, so it is not read' });
  assert.deepEqual(await read(files(false, [], [folder]), '../policies/p.json', scenario), { error: 'Policy file `../policies/p.json` is not read: the workspace is not trusted (trust it to run the tests)' });
  const text = '{"users": [{"name": "a", "account": "111122223333", "policies": ["../policies/p.json", "../policies/none.json"]}], "tests": []}';
  const diagnostics = await scenarioDocumentDiagnostics(TextDocument.create(scenario, 'json', 1, text), f);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['SCENARIO_POLICY_FILE', 'Policy file `../policies/none.json` not found']]);
});

test('a client that cannot read files gives a clear reason, never a crash', async () => {
  const failing = { sendRequest: () => Promise.reject(new Error('Unhandled method iam/readFile')) } as unknown as Connection;
  const folder = 'vscode-vfs://github/o/r';
  const f = files(true, [], [folder], nodeServerIO()(failing));
  assert.deepEqual(await read(f, 'p.json', `${folder}/s.iamtest.json`), { error: 'Cannot read policy file `p.json`: Unhandled method iam/readFile' });
});
