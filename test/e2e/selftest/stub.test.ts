/**
 * Proves the harness itself with the stub extension: a diagnostic from an extension reaches the
 * vscode API, a command answers, and a failing condition wait really fails.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { iamDiagnostics, openInEditor, waitFor } from '../suite/helpers';

describe('harness self-test (stub extension)', () => {
  it('sees the stub diagnostic on a policy', async () => {
    const editor = await openInEditor('e2e/broken-effect.json');
    const diagnostics = await waitFor(() => {
      const found = iamDiagnostics(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'a diagnostic with source `iam`');
    assert.strictEqual(diagnostics[0].code, 'STUB_FINDING');
    assert.strictEqual(editor.document.getText(diagnostics[0].range), '"Statement"');
  });

  it('runs a command contributed by the extension', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('iamE2eStub.ping'), 'pong');
  });

  it('fails a condition wait that never holds', async () => {
    await assert.rejects(waitFor(() => false, 'never', 300), /timed out after 300 ms waiting for: never/);
  });
});
