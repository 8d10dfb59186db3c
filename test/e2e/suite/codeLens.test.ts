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

/** Titles of the scenario's code lenses, resolved, once at least `minimum` have a title. */
function lensTitles(uri: vscode.Uri, minimum: number, what: string, accept: (titles: string[]) => boolean = () => true): Promise<string[]> {
  let last: string[] = [];
  return waitFor(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    last = (lenses ?? []).map((lens) => lens.command?.title ?? '').filter((title) => title.length > 0);
    return last.length >= minimum && accept(last) ? last : undefined;
  }, `${what} (last lenses: ${JSON.stringify(last)})`);
}

const FAILING = /fail|✗|✘|mismatch|error/i;

describe('scenario code lenses', () => {
  afterEach(closeAllEditors);

  it('shows a passing result on every test of the cross-account scenario', async () => {
    const { document } = await openInEditor(SCENARIO);
    const expected = declaredTests(document.getText());
    const titles = await lensTitles(document.uri, expected, `at least ${expected} titled code lenses on ${SCENARIO}`);
    const results = titles.filter((title) => /pass|fail|✓|✗|✔|✘|allow|deny/i.test(title));
    assert.ok(results.length >= expected, `every test shows a result; lenses: ${JSON.stringify(titles)}`);
    const failing = results.filter((title) => FAILING.test(title));
    assert.deepStrictEqual(failing, [], `the example scenario passes; lenses: ${JSON.stringify(titles)}`);
  });

  it('shows a failing result once an expectation is made wrong (unsaved edit)', async () => {
    const editor = await openInEditor(SCENARIO);
    const { document } = editor;
    const expected = declaredTests(document.getText());
    await lensTitles(document.uri, expected, 'the lenses of the unchanged scenario');
    const match = /"expect"\s*:\s*"(Allow|ExplicitDeny|ImplicitDeny|Deny)"/.exec(document.getText());
    assert.ok(match, `${SCENARIO} has an "expect" to flip`);
    const flipped = match[1] === 'Allow' ? 'ExplicitDeny' : 'Allow';
    const start = document.positionAt(match.index + match[0].length - match[1].length - 1);
    const end = document.positionAt(match.index + match[0].length - 1);
    assert.ok(await editor.edit((builder) => builder.replace(new vscode.Range(start, end), flipped)));
    const titles = await lensTitles(document.uri, 1, 'a failing lens after the edit', (found) => found.some((title) => FAILING.test(title)));
    assert.ok(titles.some((title) => FAILING.test(title)));
  });
});
