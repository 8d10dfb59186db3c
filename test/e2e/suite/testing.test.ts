/**
 * Policy tests in the Test Explorer: the controller lists the workspace's scenario files and their
 * tests (with ranges, so the gutter shows run buttons), the Run profile runs them through the
 * language server and a failing test carries a message with the expected and actual decision at
 * its line, the Coverage profile adds statement coverage per policy file, and a continuous run re-runs
 * a scenario when a policy it reads changes. The fixture scenario is `e2e/testing/app.iamtest.json`.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, openInEditor, waitFor } from './helpers';

interface RecordedRun {
  readonly coverage: boolean;
  readonly continuous: boolean;
  readonly outcomes: Map<string, { state: string; messages: Array<{ text: string; expected?: string; actual?: string; uri?: string; line?: number }> }>;
  readonly files: Map<string, { covered: number; total: number; statements: Array<{ line: number; executed: number; label: string }> }>;
  readonly fileCoverage: vscode.FileCoverage[];
}

interface TestingApi {
  readonly controller: vscode.TestController;
  readonly runProfile: vscode.TestRunProfile;
  readonly coverageProfile: vscode.TestRunProfile;
  refresh(): Promise<void>;
  readonly runs: RecordedRun[];
}

async function testingApi(): Promise<TestingApi> {
  const extension = vscode.extensions.getExtension<{ testing: TestingApi }>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} must be loaded`);
  const api = await extension.activate();
  assert.ok(api.testing, 'the extension API exposes its test controller');
  return api.testing;
}

function fileItem(api: TestingApi, suffix: string): vscode.TestItem | undefined {
  let found: vscode.TestItem | undefined;
  api.controller.items.forEach((item) => {
    if (item.id.endsWith(suffix)) found = item;
  });
  return found;
}

function children(item: vscode.TestItem): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  item.children.forEach((child) => out.push(child));
  return out;
}

describe('testing: policy tests in the Test Explorer', () => {
  after(closeAllEditors);

  it('uses the test-runner APIs of this VS Code (tests.createTestController, coverage)', () => {
    assert.strictEqual(typeof vscode.tests.createTestController, 'function');
    assert.strictEqual(typeof vscode.FileCoverage, 'function');
    assert.strictEqual(typeof vscode.StatementCoverage, 'function');
    assert.strictEqual(vscode.TestRunProfileKind.Coverage, 3);
  });

  it('finds the scenario files of the workspace and their tests, each at its line', async () => {
    const api = await testingApi();
    await api.refresh();
    const file = await waitFor(() => fileItem(api, '/e2e/testing/app.iamtest.json'), 'the fixture scenario as a test item');
    const tests = children(file);
    assert.deepStrictEqual(tests.map((t) => t.label), ['app reads objects', 'app cannot delete objects', 'app writes objects']);
    assert.deepStrictEqual(tests.map((t) => t.range?.start.line), [8, 15, 22]);
    // The examples' scenario files are found too.
    assert.ok(fileItem(api, '/cross-account/cross-account.iamtest.json'), 'the cross-account example scenario');
  });

  it('runs the tests: passes pass, and a failing test shows expected and actual at its line', async () => {
    const api = await testingApi();
    const file = await waitFor(() => fileItem(api, '/e2e/testing/app.iamtest.json'), 'the fixture scenario');
    const source = new vscode.CancellationTokenSource();
    await api.runProfile.runHandler(new vscode.TestRunRequest([file], undefined, api.runProfile), source.token);
    const run = api.runs[api.runs.length - 1]!;
    const states = children(file).map((t) => run.outcomes.get(t.id)?.state);
    assert.deepStrictEqual(states, ['passed', 'passed', 'failed']);
    const failed = run.outcomes.get(children(file)[2]!.id)!;
    const message = failed.messages[0]!;
    assert.strictEqual(message.expected, 'Allow');
    assert.strictEqual(message.actual, 'ImplicitDeny');
    assert.ok(message.uri?.endsWith('/e2e/testing/app.iamtest.json'), message.uri);
    assert.strictEqual(message.line, 22);
    assert.match(message.text, /expected Allow, got ImplicitDeny: nothing allows `s3:PutObject`/);
    assert.match(message.text, /## Request/, 'the explanation follows the one-line result');
  });

  it('runs every scenario of the workspace: only the fixture\'s failing test fails', async () => {
    const api = await testingApi();
    const source = new vscode.CancellationTokenSource();
    await api.runProfile.runHandler(new vscode.TestRunRequest(undefined, undefined, api.runProfile), source.token);
    const run = api.runs[api.runs.length - 1]!;
    const files: string[] = [];
    api.controller.items.forEach((item) => files.push(item.id));
    assert.ok(files.length >= 5, `scenario files: ${files.join(', ')}`);
    const notPassed = [...run.outcomes.entries()].filter(([, o]) => o.state !== 'passed').map(([id, o]) => `${id} ${o.state} ${o.messages[0]?.text.split('\n')[0] ?? ''}`);
    assert.deepStrictEqual(notPassed.map((line) => line.replace(/^.*\/e2e\//, 'e2e/').split(' ')[0]), ['e2e/testing/app.iamtest.json#2'], notPassed.join('\n'));
    assert.ok(run.outcomes.size >= 20, `tests run: ${run.outcomes.size}`);
  });

  it('a coverage run adds statement coverage per policy file', async () => {
    const api = await testingApi();
    const file = await waitFor(() => fileItem(api, '/e2e/testing/app.iamtest.json'), 'the fixture scenario');
    const source = new vscode.CancellationTokenSource();
    await api.coverageProfile.runHandler(new vscode.TestRunRequest([file], undefined, api.coverageProfile), source.token);
    const run = api.runs[api.runs.length - 1]!;
    assert.ok(run.coverage);
    const policy = [...run.files.entries()].find(([uri]) => uri.endsWith('/e2e/testing/app-policy.json'));
    assert.ok(policy, `coverage for app-policy.json; files: ${[...run.files.keys()].join(', ')}`);
    const [, coverage] = policy;
    assert.strictEqual(coverage.total, 3);
    assert.strictEqual(coverage.covered, 2);
    assert.deepStrictEqual(coverage.statements.map((s) => [s.line, s.executed]), [[3, 1], [9, 1], [15, 0]]);
    const reporter = [...run.files.entries()].find(([uri]) => uri.endsWith('/e2e/testing/reporter-policy.json'));
    assert.deepStrictEqual(reporter && [reporter[1].covered, reporter[1].total], [0, 1]);
    // The details VS Code loads when the file is opened in the coverage view.
    const fileCoverage = run.fileCoverage.find((f) => f.uri.toString().endsWith('/e2e/testing/app-policy.json'))!;
    assert.deepStrictEqual([fileCoverage.statementCoverage.covered, fileCoverage.statementCoverage.total], [2, 3]);
    const details = await api.coverageProfile.loadDetailedCoverage!({} as vscode.TestRun, fileCoverage, source.token);
    assert.deepStrictEqual(details.map((d) => [(d.location as vscode.Range).start.line, d.executed]), [[3, 1], [9, 1], [15, 0]]);
  });

  it('a continuous run re-runs the scenario when a policy it reads changes', async () => {
    const api = await testingApi();
    const file = await waitFor(() => fileItem(api, '/e2e/testing/app.iamtest.json'), 'the fixture scenario');
    const source = new vscode.CancellationTokenSource();
    try {
      const before = api.runs.length;
      await api.runProfile.runHandler(new vscode.TestRunRequest([file], undefined, api.runProfile, true), source.token);
      assert.strictEqual(api.runs.length, before + 1);
      // Allow s3:PutObject in the policy (unsaved): the failing test passes on the automatic re-run.
      const editor = await openInEditor('e2e/testing/app-policy.json');
      const text = editor.document.getText();
      const at = text.indexOf('"s3:GetObject"');
      await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + '"s3:GetObject"'.length)), '["s3:GetObject", "s3:PutObject"]'));
      const rerun = await waitFor(() => api.runs.slice(before + 1).find((r) => r.continuous && r.outcomes.size > 0), 'a continuous re-run after the policy changed');
      const last = children(file)[2]!;
      await waitFor(() => api.runs[api.runs.length - 1]!.outcomes.get(last.id)?.state === 'passed', 'the edited policy to make `app writes objects` pass');
      assert.ok(rerun.continuous);
    } finally {
      source.cancel();
      await closeAllEditors();
    }
  });
});
