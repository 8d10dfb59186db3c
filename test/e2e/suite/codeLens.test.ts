/**
 * Code lenses of the cross-account scenario file show each test's live result: `✓ Allow: …` when
 * the evaluator agrees with the test's `expect`, `✗ expected …, got …` when it does not.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openInEditor, waitFor } from './helpers';

const SCENARIO = 'cross-account/cross-account.iamtest.json';

/** A result lens title starts with ✓ (passed), ✗ (failed) or ⚠ (could not run). */
const RESULT = /^[✓✗⚠] /u;

/** The `expect` of every test in the scenario, in file order. */
function expectations(text: string): string[] {
  const scenario = JSON.parse(text) as { tests?: Array<{ expect?: string }> };
  assert.ok(Array.isArray(scenario.tests) && scenario.tests.length > 0, `${SCENARIO} declares tests`);
  return scenario.tests.map((test) => String(test.expect));
}

/** The result-lens titles of a document in position order, once `accept` holds for them. */
async function resultTitles(uri: vscode.Uri, what: string, accept: (titles: string[]) => boolean): Promise<string[]> {
  let last: string[] = [];
  return waitFor(async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
    last = [...lenses]
      .sort((a, b) => a.range.start.compareTo(b.range.start))
      .map((lens) => lens.command?.title ?? '')
      .filter((title) => RESULT.test(title));
    return accept(last) ? last : undefined;
  }, `${what} (last result lenses: ${JSON.stringify(last)})`);
}

/** True when a passing title reports the decision the test expects (`Deny` accepts either denial). */
function reports(title: string, expected: string): boolean {
  const decision = /^✓ (\w+):/u.exec(title)?.[1];
  return expected === 'Deny' ? decision === 'ExplicitDeny' || decision === 'ImplicitDeny' : decision === expected;
}

describe('scenario code lenses', () => {
  afterEach(closeAllEditors);

  it('shows a passing result with the expected decision on every test of the cross-account scenario', async () => {
    const { document } = await openInEditor(SCENARIO);
    const expected = expectations(document.getText());
    const titles = await resultTitles(document.uri, `${expected.length} result lenses`, (found) => found.length >= expected.length);
    assert.strictEqual(titles.length, expected.length, `one result lens per test: ${JSON.stringify(titles)}`);
    titles.forEach((title, index) => {
      assert.ok(reports(title, expected[index]!), `test ${index + 1} expects ${expected[index]}, its lens says: ${title}`);
    });
  });

  it('turns a lens to a failure when an expectation is made wrong (unsaved edit)', async () => {
    const editor = await openInEditor(SCENARIO);
    const { document } = editor;
    const expected = expectations(document.getText());
    await resultTitles(document.uri, 'the lenses of the unchanged scenario', (found) => found.length >= expected.length);
    const match = /"expect"\s*:\s*"(Allow|ExplicitDeny|ImplicitDeny)"/.exec(document.getText());
    assert.ok(match, `${SCENARIO} has an "expect" to flip`);
    const original = match[1]!;
    const flipped = original === 'Allow' ? 'ExplicitDeny' : 'Allow';
    const valueEnd = match.index + match[0].length - 1;
    const range = new vscode.Range(document.positionAt(valueEnd - original.length), document.positionAt(valueEnd));
    assert.ok(await editor.edit((builder) => builder.replace(range, flipped)));
    const titles = await resultTitles(document.uri, `a ✗ lens for the flipped test`, (found) => found.some((title) => title.startsWith('✗')));
    assert.ok(
      titles.some((title) => title.startsWith(`✗ expected ${flipped}, got ${original}`)),
      `the failing lens names both decisions: ${JSON.stringify(titles)}`,
    );
    assert.strictEqual(titles.filter((title) => title.startsWith('✗')).length, 1, 'only the edited test fails');
  });
});
