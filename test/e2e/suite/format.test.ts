/** Format Document on a policy gives the checked layout of `iam-policy fmt`, with the editor's indentation. */
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

describe('format document', () => {
  // VS Code's own JSON support formats JSON too: the workspace names this extension the JSON formatter, as a user would.
  const editorSettings = () => vscode.workspace.getConfiguration('editor', { languageId: 'json' });

  before(async () => {
    await editorSettings().update('defaultFormatter', EXTENSION_ID, vscode.ConfigurationTarget.Workspace, true);
  });

  after(async () => {
    await editorSettings().update('defaultFormatter', undefined, vscode.ConfigurationTarget.Workspace, true);
    await closeAllEditors();
  });

  it('orders the elements, sorts and de-duplicates the actions, and indents as the editor says', async () => {
    const editor = await openInEditor('e2e/format-me.json');
    const { document } = editor;
    // The language server may still be starting: Format Document is retried until its answer arrives.
    editor.options = { tabSize: 2, insertSpaces: true };
    await waitFor(async () => {
      await vscode.commands.executeCommand('editor.action.formatDocument');
      return document.getText() === FORMATTED;
    }, 'the formatted policy');
    assert.strictEqual(document.getText(), FORMATTED);
  });
});
