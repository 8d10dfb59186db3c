/** The simulate command answers with the evaluator's decision (no prompts with `quiet`). */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openInEditor, waitFor } from './helpers';

interface SimulateResult {
  readonly decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'Error';
  readonly summary: string;
  readonly explanation: string;
}

const PRINCIPAL = 'arn:aws:iam::111122223333:user/alice';

async function simulate(uri: vscode.Uri, action: string, resource: string): Promise<SimulateResult> {
  return waitFor(
    () =>
      vscode.commands.executeCommand<SimulateResult | undefined>('iamPolicy.simulate', {
        uri: uri.toString(),
        principal: PRINCIPAL,
        action,
        resource,
        context: {},
        quiet: true,
      }),
    `iamPolicy.simulate to answer for ${action}`,
  );
}

describe('simulate command', () => {
  after(closeAllEditors);

  it('allows what a statement allows, and says which statement', async () => {
    const { document } = await openInEditor('e2e/simulate-policy.json');
    const result = await simulate(document.uri, 's3:GetObject', 'arn:aws:s3:::example-reports/2026/q4.csv');
    assert.strictEqual(result.decision, 'Allow', result.summary);
    assert.ok(result.summary.length > 0, 'a one-line summary');
    assert.match(result.explanation, /ReadReports|statement/i);
  });

  it('denies explicitly what a Deny statement names', async () => {
    const { document } = await openInEditor('e2e/simulate-policy.json');
    const result = await simulate(document.uri, 's3:DeleteObject', 'arn:aws:s3:::example-reports/2026/q4.csv');
    assert.strictEqual(result.decision, 'ExplicitDeny', result.summary);
  });

  it('denies implicitly what nothing allows', async () => {
    const { document } = await openInEditor('e2e/simulate-policy.json');
    const result = await simulate(document.uri, 's3:PutObject', 'arn:aws:s3:::example-reports/2026/q4.csv');
    assert.strictEqual(result.decision, 'ImplicitDeny', result.summary);
  });

  it('opens the policy summary', async () => {
    const { document } = await openInEditor('e2e/simulate-policy.json');
    await vscode.commands.executeCommand('iamPolicy.showSummary', document.uri);
    const summary = await waitFor(
      () => vscode.workspace.textDocuments.find((candidate) => candidate.uri.scheme === 'iam-policy-summary' && candidate.getText().length > 0),
      'a policy summary document',
    );
    assert.match(summary.getText(), /s3/i);
  });
});
