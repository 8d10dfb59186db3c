/** Completion of actions and hovers on actions, from the bundled Service Authorization data. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, completionLabels, hoverText, openInEditor, positionAfter, positionOf, waitFor } from './helpers';

describe('completion and hover', () => {
  after(closeAllEditors);

  it('completes `s3:GetObject` in an Action array', async () => {
    const { document } = await openInEditor('e2e/completion.json');
    const position = positionAfter(document, '"s3:GetO');
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const found = completionLabels(list).map((label) => label.replace(/^"|"$/g, ''));
      return found.includes('s3:GetObject') ? found : undefined;
    }, 'completion to list s3:GetObject');
  });

  it('shows the access level of an action on hover', async () => {
    const { document } = await openInEditor('e2e/broken-effect.json');
    const position = positionOf(document, 's3:GetObject', 4);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      const found = hoverText(hovers ?? []);
      return /GetObject/.test(found) ? found : undefined;
    }, 'a hover on s3:GetObject');
    assert.match(text, /\bRead\b/, `the hover names the access level Read:\n${text}`);
  });
});
