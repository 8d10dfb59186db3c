/** The extension activates on a policy and registers its commands and settings. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, openInEditor, waitFor } from './helpers';

describe('activation', () => {
  after(closeAllEditors);

  it('activates when a JSON policy is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} must be loaded`);
    await openInEditor('e2e/broken-effect.json');
    await waitFor(() => extension.isActive, 'the extension to activate on a policy');
  });

  it('registers the simulate, summary and policy-type commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['iamPolicy.simulate', 'iamPolicy.showSummary', 'iamPolicy.setPolicyType']) {
      assert.ok(commands.includes(command), `command ${command} must be registered`);
    }
  });

  it('declares the iamPolicy.severity setting', () => {
    const inspected = vscode.workspace.getConfiguration('iamPolicy').inspect('severity');
    assert.ok(inspected, 'iamPolicy.severity must be a declared setting');
    assert.deepStrictEqual(inspected.defaultValue ?? {}, {});
  });
});
