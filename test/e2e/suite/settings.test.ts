/** Changing iamPolicy.severity re-validates the documents already open. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, openInEditor, waitForDiagnostics } from './helpers';

function missingVersion(found: vscode.Diagnostic[]): vscode.Diagnostic | undefined {
  return found.find((d) => codeOf(d) === 'MISSING_VERSION');
}

describe('severity setting', () => {
  const configuration = () => vscode.workspace.getConfiguration('iamPolicy');

  after(async () => {
    await configuration().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('raises, silences and restores a code on an open document', async () => {
    const { document } = await openInEditor('e2e/severity-setting.json');
    await waitForDiagnostics(document.uri, (found) => missingVersion(found)?.severity === vscode.DiagnosticSeverity.Warning, 'MISSING_VERSION as a warning');

    await configuration().update('severity', { MISSING_VERSION: 'error' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, (found) => missingVersion(found)?.severity === vscode.DiagnosticSeverity.Error, 'MISSING_VERSION raised to an error');

    await configuration().update('severity', { MISSING_VERSION: 'off' }, vscode.ConfigurationTarget.Workspace);
    const silenced = await waitForDiagnostics(document.uri, (found) => !missingVersion(found) && found.length > 0, 'MISSING_VERSION switched off');
    assert.ok(silenced.some((d) => codeOf(d) === 'INVALID_EFFECT'), 'other codes are still reported');

    await configuration().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, (found) => missingVersion(found)?.severity === vscode.DiagnosticSeverity.Warning, 'MISSING_VERSION back to a warning');
  });
});
