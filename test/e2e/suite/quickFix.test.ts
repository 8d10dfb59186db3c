/** Quick fixes offered on diagnostics change the text as their titles say. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, openInEditor, waitFor, waitForDiagnostics } from './helpers';

/** The quick fixes the editor offers on a diagnostic (as the light bulb would list them). */
async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((action): action is vscode.CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
}

/** Applies a code action the way the editor does: its edit first, then its command. */
async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" applies`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

describe('quick fixes', () => {
  afterEach(closeAllEditors);

  it('changes an invalid Effect to the nearest valid one', async () => {
    const { document } = await openInEditor('e2e/quickfix-effect.json');
    const [effect] = await waitForDiagnostics(document.uri, (found) => found.some((d) => codeOf(d) === 'INVALID_EFFECT'), 'INVALID_EFFECT').then((found) =>
      found.filter((d) => codeOf(d) === 'INVALID_EFFECT'),
    );
    const fixes = await waitFor(async () => {
      const found = await quickFixesFor(document.uri, effect);
      return found.length > 0 ? found : undefined;
    }, 'a quick fix for INVALID_EFFECT');
    const fix = fixes.find((action) => /Allow/.test(action.title));
    assert.ok(fix, `a fix to \`Allow\`; offered: ${fixes.map((action) => action.title).join(' | ')}`);
    await apply(fix);
    assert.match(document.getText(), /"Effect": "Allow",/);
    assert.doesNotMatch(document.getText(), /Allw/);
    await waitForDiagnostics(document.uri, (found) => !found.some((d) => codeOf(d) === 'INVALID_EFFECT'), 'INVALID_EFFECT to go away');
  });

  it('adds the missing Version, keeping the document valid JSON', async () => {
    const { document } = await openInEditor('e2e/quickfix-effect.json');
    const [version] = await waitForDiagnostics(document.uri, (found) => found.some((d) => codeOf(d) === 'MISSING_VERSION'), 'MISSING_VERSION').then((found) =>
      found.filter((d) => codeOf(d) === 'MISSING_VERSION'),
    );
    const fixes = await waitFor(async () => {
      const found = await quickFixesFor(document.uri, version);
      return found.length > 0 ? found : undefined;
    }, 'a quick fix for MISSING_VERSION');
    const fix = fixes.find((action) => /Version/.test(action.title));
    assert.ok(fix, `a fix adding the Version; offered: ${fixes.map((action) => action.title).join(' | ')}`);
    await apply(fix);
    const parsed = JSON.parse(document.getText()) as { Version?: string; Statement?: unknown };
    assert.strictEqual(parsed.Version, '2012-10-17');
    assert.ok(Array.isArray(parsed.Statement), 'the statements are kept');
    await waitForDiagnostics(document.uri, (found) => !found.some((d) => codeOf(d) === 'MISSING_VERSION'), 'MISSING_VERSION to go away');
  });
});
