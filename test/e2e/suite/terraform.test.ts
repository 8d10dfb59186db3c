/**
 * Policies in Terraform, in the real editor: a squiggle under a misspelt action in a
 * `data "aws_iam_policy_document"` block, a quick fix that applies in HCL, and action completion.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, completionLabels, openInEditor, waitFor, waitForDiagnostics } from './helpers';

const FILE = 'e2e/policies.tf';

describe('Terraform', () => {
  afterEach(closeAllEditors);

  it('puts a squiggle under the misspelt action and fixes it in HCL', async () => {
    const { document } = await openInEditor(FILE);
    const found = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'INVALID_ACTION' && /GetObjekt/.test(d.message)), 'INVALID_ACTION on s3:GetObjekt', 30_000);
    const invalid = found.find((d) => codeOf(d) === 'INVALID_ACTION' && /GetObjekt/.test(d.message))!;
    assert.strictEqual(document.getText(invalid.range), '"s3:GetObjekt"');
    const fixes = await waitFor(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, invalid.range, vscode.CodeActionKind.QuickFix.value);
      const list = (actions ?? []).filter((action) => action.edit);
      return list.length > 0 ? list : undefined;
    }, 'a quick fix for the misspelt action');
    const fix = fixes.find((action) => /s3:GetObject`/.test(action.title)) ?? fixes[0]!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), `the edit of "${fix.title}" applies`);
    assert.match(document.getText(), /actions {3}= \["s3:GetObject", "s3:Li"\]/);
  });

  it('completes actions in an actions list', async () => {
    const { document } = await openInEditor(FILE);
    const line = document.getText().split('\n').findIndex((text) => text.includes('"s3:Li"'));
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('"s3:Li"') + '"s3:Li'.length);
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const found = completionLabels(list);
      return found.includes('s3:ListBucket') ? found : undefined;
    }, 'completion to list s3:ListBucket', 30_000);
    assert.ok(labels.includes('s3:ListAllMyBuckets'));
  });
});
