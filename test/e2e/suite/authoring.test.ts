/**
 * The authoring commands with an argument (no prompts): *Explain access denied…* explains a message
 * against the workspace's scenario that defines the caller, applies the verified fix to the policy
 * file and simulates again; an explicit Deny gets no Allow; *Generate policy…* opens a new document
 * with a least-privilege policy. Run without an argument, it asks which scenario to use when several
 * define the caller (its prompts answered by the test). Fixtures: `e2e/testing/`.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, waitFor, workspaceRoot } from './helpers';

interface ExplainDeniedResult {
  readonly status: string;
  readonly markdown: string;
  readonly deniedBy: readonly string[];
  readonly scenarioUri?: string;
  readonly verifiedDecision?: string;
  readonly edits?: ReadonlyArray<{ uri: string; description: string }>;
}

interface ExplainDeniedOutcome {
  readonly result: ExplainDeniedResult;
  readonly applied?: { readonly ok: boolean; readonly after?: ExplainDeniedResult };
}

const REPORTER_DENIED = 'User: arn:aws:iam::111122223333:user/reporter is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv because no identity-based policy allows the s3:GetObject action';

describe('authoring commands: explain access denied, generate policy', () => {
  after(closeAllEditors);

  it('registers the commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['iamPolicy.explainDenied', 'iamPolicy.generatePolicy']) assert.ok(commands.includes(command), command);
  });

  it('explains a denial with the scenario that defines the caller, applies the fix and simulates again', async () => {
    const outcome = await waitFor(() => vscode.commands.executeCommand<ExplainDeniedOutcome>('iamPolicy.explainDenied', REPORTER_DENIED, { apply: true }), 'iamPolicy.explainDenied to answer');
    const { result, applied } = outcome;
    assert.strictEqual(result.status, 'fix', result.markdown);
    assert.ok(result.scenarioUri?.endsWith('/e2e/testing/app.iamtest.json'), result.scenarioUri);
    assert.deepStrictEqual(result.deniedBy, ['identity']);
    assert.strictEqual(result.verifiedDecision, 'Allow');
    assert.strictEqual(result.edits?.length, 1);
    assert.ok(result.edits![0]!.uri.endsWith('/e2e/testing/reporter-policy.json'));
    assert.match(result.markdown, /identity-based policy/);
    assert.ok(applied?.ok, 'the fix was applied');
    assert.strictEqual(applied.after?.status, 'not-reproduced', applied.after?.markdown);
    const edited = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.edits![0]!.uri);
    assert.ok(edited?.isDirty, 'the policy holds the unsaved fix');
    const policy = JSON.parse(edited.getText()) as { Statement: Array<{ Action: unknown; Resource: unknown }> };
    assert.deepStrictEqual(policy.Statement[1], { Sid: 'AllowS3GetObject', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::e2e-reports/q4.csv' });
    await closeAllEditors();
  });

  it('asks which scenario to use when several define the caller, explains against the chosen one, and stops when the choice is cancelled', async () => {
    // A second scenario file that defines the caller too, written for this test (without tests of its
    // own, so that the Test Explorer has nothing to run from it while it exists).
    const second = vscode.Uri.joinPath(workspaceRoot(), 'e2e/testing/second-view.iamtest.json');
    const scenario = { description: 'Editor tests: a second scenario that defines the reporter.', accounts: [{ id: '111122223333', name: 'Main' }], users: [{ name: 'reporter', account: 'Main', policies: ['app-policy.json'] }], tests: [] };
    await vscode.workspace.fs.writeFile(second, new TextEncoder().encode(JSON.stringify(scenario, null, 2)));
    // The command's prompts, answered here: the extension and this suite share the `vscode` API object.
    type Item = { label: string; description?: string; uri: string };
    const prompts = vscode.window as unknown as Record<'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage', unknown>;
    const saved = { showInputBox: prompts.showInputBox, showQuickPick: prompts.showQuickPick, showInformationMessage: prompts.showInformationMessage, showWarningMessage: prompts.showWarningMessage };
    const offered: Item[][] = [];
    let choose: (items: Item[]) => Item | undefined = (items) => items.find((item) => item.description === undefined);
    try {
      prompts.showInputBox = async () => REPORTER_DENIED;
      prompts.showInformationMessage = async () => undefined;
      prompts.showWarningMessage = async () => undefined;
      prompts.showQuickPick = async (items: Item[] | Thenable<Item[]>) => {
        const list = await items;
        offered.push(list);
        return choose(list);
      };
      const outcome = await vscode.commands.executeCommand<ExplainDeniedOutcome | undefined>('iamPolicy.explainDenied');
      assert.strictEqual(offered.length, 1, 'one scenario picker');
      const items = offered[0]!;
      assert.deepStrictEqual(items.map((item) => item.label).sort(), ['e2e/testing/app.iamtest.json', 'e2e/testing/second-view.iamtest.json']);
      // The first file is the default; the other one was chosen.
      assert.strictEqual(items[0]!.label, 'e2e/testing/app.iamtest.json');
      assert.strictEqual(items[0]!.description, 'used by default');
      assert.strictEqual(items[1]!.description, undefined);
      assert.ok(outcome, 'the command answered');
      assert.strictEqual(outcome.result.scenarioUri, second.toString(), outcome.result.markdown);

      // Cancelling the picker ends the command: no report, no answer.
      choose = () => undefined;
      const cancelled = await vscode.commands.executeCommand<ExplainDeniedOutcome | undefined>('iamPolicy.explainDenied');
      assert.strictEqual(offered.length, 2, 'asked again');
      assert.strictEqual(cancelled, undefined);
    } finally {
      Object.assign(prompts, saved);
      await vscode.workspace.fs.delete(second);
      await closeAllEditors();
    }
  });

  it('explains against the active template that defines the caller and applies the fix to the template', async () => {
    // The role CloudFormation names `stack-LogicalId-RANDOM` (no RoleName), with its inline policy.
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'e2e/testing/denied-stack.yaml');
    const template = [
      'Resources:',
      '  Reader:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: lambda.amazonaws.com }',
      '            Action: sts:AssumeRole',
      '      Policies:',
      '        - PolicyName: reports',
      '          PolicyDocument:',
      "            Version: '2012-10-17'",
      '            Statement:',
      '              - Effect: Allow',
      '                Action:',
      '                  - s3:GetObjectTagging',
      '                Resource: arn:aws:s3:::e2e-reports/q4.csv',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(template));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const message = 'User: arn:aws:sts::111122223333:assumed-role/stack-Reader-0A1B2C3D4E5F/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::e2e-reports/q4.csv because no identity-based policy allows the s3:GetObject action';
      const { result, applied } = await waitFor(() => vscode.commands.executeCommand<ExplainDeniedOutcome>('iamPolicy.explainDenied', message, { apply: true }), 'iamPolicy.explainDenied to answer');
      assert.strictEqual(result.status, 'fix', result.markdown);
      assert.match(result.markdown, /the role `Reader` of the template `denied-stack\.yaml`/);
      assert.strictEqual(result.edits?.[0]?.uri, uri.toString());
      assert.ok(applied?.ok, 'the fix was applied');
      assert.strictEqual(applied.after?.status, 'not-reproduced', applied.after?.markdown);
      assert.strictEqual(document.getText(), template.replace('- s3:GetObjectTagging\n', '- s3:GetObjectTagging\n                  - s3:GetObject\n'));
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('proposes no Allow when an explicit Deny denies', async () => {
    const message = 'User: arn:aws:iam::111122223333:user/app is not authorized to perform: s3:DeleteObject on resource: arn:aws:s3:::e2e-bucket/data.csv with an explicit deny in an identity-based policy';
    const { result } = await vscode.commands.executeCommand<ExplainDeniedOutcome>('iamPolicy.explainDenied', message);
    assert.strictEqual(result.status, 'explicit-deny', result.markdown);
    assert.strictEqual(result.edits, undefined);
    assert.match(result.markdown, /NeverDelete/);
  });

  it('says when the text is not an AccessDenied message', async () => {
    const { result } = await vscode.commands.executeCommand<ExplainDeniedOutcome>('iamPolicy.explainDenied', 'hello world');
    assert.strictEqual(result.status, 'unreadable');
  });

  it('generates a policy from actions into a new untitled JSON document', async () => {
    const outcome = await vscode.commands.executeCommand<{ uri?: string; policy?: string; notes: string[] }>('iamPolicy.generatePolicy', 's3:GetObject arn:aws:s3:::e2e-bucket/data.csv\nsqs:ListQueues', { compact: false });
    assert.ok(outcome.uri?.startsWith('untitled:'), outcome.uri);
    const document = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === outcome.uri), 'the generated document');
    assert.strictEqual(document.languageId, 'json');
    const policy = JSON.parse(document.getText()) as { Statement: Array<{ Action: unknown; Resource: unknown }> };
    const statements = policy.Statement.map((s) => [s.Action, s.Resource]);
    assert.deepStrictEqual(statements, [
      ['s3:GetObject', 'arn:aws:s3:::e2e-bucket/data.csv'],
      ['sqs:ListQueues', '*'],
    ]);
    // An untitled document would make closing the editors ask whether to save it.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
