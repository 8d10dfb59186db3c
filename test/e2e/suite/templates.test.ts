/**
 * Policies inside a YAML CloudFormation template, in the real editor: a squiggle under a misspelt
 * action inside `!Sub`, a quick fix that keeps the YAML valid, completion of actions in a YAML
 * `Action` list, Lambda permissions read as policies, a public function URL that lacks a permission
 * and the fix that adds it, and a summary lens on the embedded policy.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, completionLabels, hoverText, openInEditor, positionOf, waitFor, waitForDiagnostics } from './helpers';

const TEMPLATE = 'e2e/template.yaml';

describe('CloudFormation templates (YAML)', () => {
  afterEach(closeAllEditors);

  it('puts a squiggle under the misspelt action inside !Sub and fixes it in YAML', async () => {
    const { document } = await openInEditor(TEMPLATE);
    const found = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'INVALID_ACTION' && /GetObjectAcll/.test(d.message)), 'INVALID_ACTION on s3:GetObjectAcll');
    const invalid = found.find((d) => codeOf(d) === 'INVALID_ACTION' && /GetObjectAcll/.test(d.message))!;
    assert.strictEqual(document.getText(invalid.range), "'s3:GetObjectAcll'");
    const fixes = await waitFor(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, invalid.range, vscode.CodeActionKind.QuickFix.value);
      const list = (actions ?? []).filter((action) => action.edit);
      return list.length > 0 ? list : undefined;
    }, 'a quick fix for the misspelt action');
    const fix = fixes.find((action) => /s3:GetObjectAcl`/.test(action.title)) ?? fixes[0]!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), `the edit of "${fix.title}" applies`);
    assert.match(document.getText(), /Action: !Sub 's3:GetObjectAcl'\n/);
    await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === 'INVALID_ACTION' && /GetObjectAcl/.test(d.message)), 'the finding to go away');
  });

  it('completes actions in a YAML Action list', async () => {
    const { document } = await openInEditor(TEMPLATE);
    const line = document.getText().split('\n').findIndex((text) => text.trim() === '- s3:Li');
    const position = new vscode.Position(line, document.lineAt(line).text.length);
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const found = completionLabels(list);
      return found.includes('s3:ListBucket') ? found : undefined;
    }, 'completion to list s3:ListBucket');
    assert.ok(labels.includes('s3:ListAllMyBuckets'));
  });

  it('reads a Lambda permission as the statement Lambda writes: PUBLIC_ACCESS on it, no policy edit, the statement on hover', async () => {
    const { document } = await openInEditor('e2e/lambda-permission.yaml');
    const found = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'PUBLIC_ACCESS'), 'PUBLIC_ACCESS on the permission with Principal *', 30_000);
    const publicAccess = found.filter((d) => codeOf(d) === 'PUBLIC_ACCESS');
    assert.strictEqual(publicAccess.length, 1, 'only the permission without conditions is public');
    const start = document.offsetAt(publicAccess[0]!.range.start);
    assert.ok(start > document.getText().indexOf('AnyoneMayInvoke:') && start < document.getText().indexOf('UploadsMayInvoke:'), 'on AnyoneMayInvoke');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, publicAccess[0]!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    assert.deepStrictEqual(actions.filter((action) => action.edit).map((action) => action.title), [], 'no edit writes policy syntax into the permission');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, "Principal: '*'"));
    assert.match(hoverText(hovers ?? []), /AnyoneMayInvoke function permission[\s\S]*"Principal": "\*"/);
  });

  it('reports a public function URL that lacks the InvokeFunction permission, and its quick fix adds the permission', async () => {
    const { document } = await openInEditor('e2e/function-url.yaml');
    const found = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'), 'FUNCTION_URL_WITHOUT_INVOKE_PERMISSION on AuthType', 30_000);
    const missing = found.find((d) => codeOf(d) === 'FUNCTION_URL_WITHOUT_INVOKE_PERMISSION')!;
    assert.strictEqual(document.getText(missing.range), 'NONE');
    assert.strictEqual(missing.range.start.line, positionOf(document, 'AuthType: NONE').line);
    const fix = await waitFor(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, missing.range, vscode.CodeActionKind.QuickFix.value);
      return (actions ?? []).find((action) => action.edit && action.title === 'Add the `lambda:InvokeFunction` permission for calls through the URL');
    }, 'the quick fix that adds the permission');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
    assert.match(document.getText(), /      AuthType: NONE\n  WorkerUrlInvokePermission:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !GetAtt Worker\.Arn\n      Principal: '\*'\n      InvokedViaFunctionUrl: true\n  WorkerUrlPublic:/);
    await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === 'FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'), 'the finding to go away');
  });

  it('shows the summary lens on the embedded policy', async () => {
    const { document } = await openInEditor(TEMPLATE);
    const title = await waitFor(async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100)) ?? [];
      return lenses.map((lens) => lens.command?.title ?? '').find((text) => text.startsWith('Reader managed policy: '));
    }, 'the summary lens of the Reader policy');
    assert.match(title, /S3/);
  });
});
