/** Code lenses of the cross-account scenario file show each test's result. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openInEditor, waitFor } from './helpers';

const SCENARIO = 'cross-account/cross-account.iamtest.json';

/** The number of tests a scenario file declares, wherever its format keeps them. */
function declaredTests(text: string): number {
  const scenario = JSON.parse(text) as Record<string, unknown>;
  const tests = scenario.tests ?? scenario.Tests ?? scenario.cases;
  return Array.isArray(tests) ? tests.length : 1;
}

describe('scenario code lenses', () => {
  after(closeAllEditors);

  it('shows a passing result on every test of the cross-account scenario', async () => {
    const { document } = await openInEditor(SCENARIO);
    const expected = declaredTests(document.getText());
    const titles = await waitFor(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
      const found = (lenses ?? []).map((lens) => lens.command?.title ?? '').filter((title) => title.length > 0);
      return found.length >= expected ? found : undefined;
    }, `at least ${expected} titled code lenses on ${SCENARIO}`);
    const results = titles.filter((title) => /pass|fail|✓|✗|✔|✘|allow|deny/i.test(title));
    assert.ok(results.length >= expected, `every test shows a result; lenses: ${JSON.stringify(titles)}`);
    const failing = results.filter((title) => /fail|✗|✘|mismatch|error/i.test(title));
    assert.deepStrictEqual(failing, [], `the example scenario passes; lenses: ${JSON.stringify(titles)}`);
  });
});
