/**
 * Formatting a policy in the editor: *IAM Policy: Format Policy* gives the checked layout of
 * `iam-policy fmt` with the editor's indentation; with `iamPolicy.format.enable` the extension is also
 * a JSON formatter for Format Document and Format Selection (the statements the selection touches),
 * and other JSON then keeps VS Code's own JSON layout.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, openInEditor, waitFor } from './helpers';

const FORMATTED = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Reports",
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:PutObject"
      ],
      "Resource": "arn:aws:s3:::example-reports/*"
    }
  ]
}
`;

describe('format a policy', () => {
  const editorSettings = () => vscode.workspace.getConfiguration('editor', { languageId: 'json' });

  afterEach(closeAllEditors);

  after(async () => {
    await editorSettings().update('defaultFormatter', undefined, vscode.ConfigurationTarget.Workspace, true);
    await vscode.workspace.getConfiguration('iamPolicy').update('format.enable', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('IAM Policy: Format Policy orders the elements, sorts and de-duplicates the actions, and indents as the editor says', async () => {
    const editor = await openInEditor('e2e/format-me.json');
    const { document } = editor;
    editor.options = { tabSize: 2, insertSpaces: true };
    // The language server may still be starting: the command is retried until its answer arrives.
    await waitFor(async () => {
      await vscode.commands.executeCommand('iamPolicy.formatPolicy', document.uri);
      return document.getText() === FORMATTED;
    }, 'the formatted policy');
    assert.strictEqual(document.getText(), FORMATTED);
  });

  it('with iamPolicy.format.enable, Format Document formats a policy as the command does, with the editor\'s indentation', async () => {
    await vscode.workspace.getConfiguration('iamPolicy').update('format.enable', true, vscode.ConfigurationTarget.Workspace);
    // VS Code's own JSON support formats JSON too: the workspace names this extension the JSON formatter, as a user would.
    await editorSettings().update('defaultFormatter', EXTENSION_ID, vscode.ConfigurationTarget.Workspace, true);
    const editor = await openInEditor('e2e/format-me.json');
    const { document } = editor;
    // Format Document takes the indentation of the editor's model, whatever it detected or was given.
    const expected = () => {
      const tabSize = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4;
      const unit = editor.options.insertSpaces === false ? '\t' : ' '.repeat(tabSize);
      return FORMATTED.replace(/^( +)/gm, (spaces) => unit.repeat(spaces.length / 2));
    };
    await waitFor(async () => {
      await vscode.commands.executeCommand('editor.action.formatDocument');
      return document.getText() === expected();
    }, 'the formatted policy');
    assert.strictEqual(document.getText(), expected());
  });

  it('with iamPolicy.format.enable, Format Selection formats the statement under the cursor only', async () => {
    // The settings of the previous test are still in place (they are reset after all tests).
    await vscode.workspace.getConfiguration('iamPolicy').update('format.enable', true, vscode.ConfigurationTarget.Workspace);
    await editorSettings().update('defaultFormatter', EXTENSION_ID, vscode.ConfigurationTarget.Workspace, true);
    const editor = await openInEditor('e2e/format-selection.json');
    const { document } = editor;
    const original = document.getText();
    const line = 4; // the second statement
    editor.selection = new vscode.Selection(line, 10, line, 10);
    const expected = () => {
      const tabSize = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4;
      const unit = editor.options.insertSpaces === false ? '\t' : ' '.repeat(tabSize);
      const base = '    ';
      const block = ['{', `${unit}"Sid": "Write",`, `${unit}"Effect": "Allow",`, `${unit}"Action": [`, `${unit}${unit}"s3:DeleteObject",`, `${unit}${unit}"s3:PutObject"`, `${unit}],`, `${unit}"Resource": "*"`, '}'];
      const lines = original.split('\n');
      lines[line] = base + block.map((text, index) => (index === 0 ? text : base + text)).join('\n');
      return lines.join('\n');
    };
    await waitFor(async () => {
      await vscode.commands.executeCommand('editor.action.formatSelection');
      return document.getText() === expected();
    }, 'the statement under the cursor formatted');
    // The first statement, which the cursor is not in, keeps its one-line layout.
    assert.ok(document.getText().includes('{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},'));
  });
});
