/**
 * The command *IAM Policy: Explain access denied…* (`iamPolicy.explainDenied`): takes an AccessDenied
 * message (an argument, or an input box prefilled from the clipboard when it holds one), asks the
 * server to explain it against the workspace's scenario files (or the active policy, or the active
 * template when it defines the caller's role or user), shows the report
 * beside the editor and offers the verified fix: *Apply fix* edits the policy file, then the request is
 * simulated again and the result shown. When an SCP, a boundary or an explicit Deny denies, it says
 * so and offers no Allow.
 *
 * When several scenario files define the caller, it asks which one to use (the first is the default).
 *
 * Called with a message argument (tests, other extensions), it asks nothing and shows nothing: it
 * returns the result, and with `{apply: true}` applies the fix and returns the re-simulation too;
 * `{scenarioUri}` explains against that scenario file only.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { ExplainDeniedRequest, type ExplainDeniedParams, type ExplainDeniedResult } from '../../server/src/protocol';
import { scenarioTexts } from './testing';

const SCHEME = 'iam-explain-denied';
const LOOKS_DENIED = /is not authorized to perform|AccessDenied|explicit deny|UnauthorizedOperation/i;

/** What the command returns when called with a message. */
export interface ExplainDeniedOutcome {
  readonly result: ExplainDeniedResult;
  /** Set when the fix was applied: whether the edit was applied and the explanation after it. */
  readonly applied?: { readonly ok: boolean; readonly after?: ExplainDeniedResult };
}

export function registerExplainDenied(context: vscode.ExtensionContext, client: LanguageClient): void {
  // The reports, by id in the view's URI.
  const reports = new Map<string, string>();
  let next = 0;
  const showReport = async (markdown: string) => {
    const id = String(next++);
    reports.set(id, markdown);
    const uri = vscode.Uri.from({ scheme: SCHEME, path: '/Access denied.md', query: id });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri).then(undefined, () => vscode.window.showTextDocument(document, vscode.ViewColumn.Beside));
  };

  /** Explains a message; with `scenarioUri`, against that scenario file only (the one the user chose). */
  const explain = async (message: string, scenarioUri?: string): Promise<ExplainDeniedResult> => {
    const active = vscode.window.activeTextEditor?.document;
    // The active policy, or the template that may define the caller (the server decides which it is).
    const readable = active && (['json', 'jsonc', 'yaml', 'terraform'].includes(active.languageId) || /\.(json|ya?ml|template|tf)$/i.test(active.uri.path));
    const policyUri = active && readable && !active.uri.path.toLowerCase().endsWith('.iamtest.json') ? active.uri.toString() : undefined;
    const scenarios = (await scenarioTexts()).filter((file) => scenarioUri === undefined || file.uri === scenarioUri);
    const params: ExplainDeniedParams = { message, scenarios, ...(policyUri ? { policyUri } : {}) };
    return client.sendRequest<ExplainDeniedResult>(ExplainDeniedRequest, params);
  };

  /** When several scenario files define the caller, the user picks one (the first is the default); undefined when cancelled. */
  const chooseScenario = async (result: ExplainDeniedResult): Promise<string | undefined> => {
    const uris = result.callerScenarioUris ?? [];
    const items = uris.map((uri) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), description: uri === result.scenarioUri ? 'used by default' : undefined, uri }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Explain access denied', placeHolder: 'Several scenario files define the caller: which one models the account that denied?' });
    return picked?.uri;
  };

  const applyFix = async (message: string, result: ExplainDeniedResult, scenarioUri?: string): Promise<{ ok: boolean; after?: ExplainDeniedResult }> => {
    const edit = new vscode.WorkspaceEdit();
    for (const fix of result.edits ?? []) {
      const converted = await client.protocol2CodeConverter.asWorkspaceEdit(fix.edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
      if (!converted) return { ok: false };
      for (const [uri, edits] of converted.entries()) edit.set(uri, edits);
    }
    if (!(await vscode.workspace.applyEdit(edit))) return { ok: false };
    // The edited documents are open now, with the fix unsaved: the server simulates their text.
    return { ok: true, after: await explain(message, scenarioUri) };
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      provideTextDocumentContent: (uri) => reports.get(uri.query) ?? '# Access denied\n\nThis report has expired; run *IAM Policy: Explain access denied…* again.\n',
    }),
    vscode.commands.registerCommand('iamPolicy.explainDenied', async (messageArgument?: unknown, options?: { apply?: boolean; scenarioUri?: string }): Promise<ExplainDeniedOutcome | undefined> => {
      if (typeof messageArgument === 'string') {
        const result = await explain(messageArgument, options?.scenarioUri);
        if (!options?.apply || !result.edits) return { result };
        return { result, applied: await applyFix(messageArgument, result, options?.scenarioUri) };
      }
      const clipboard = await vscode.env.clipboard.readText().then(
        (text) => text,
        () => '',
      );
      const message = await vscode.window.showInputBox({
        title: 'Explain access denied',
        prompt: 'An AccessDenied message, e.g. `User: arn:aws:sts::111122223333:assumed-role/App/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key`',
        value: LOOKS_DENIED.test(clipboard) ? clipboard.trim() : '',
        ignoreFocusOut: true,
      });
      if (!message?.trim()) return undefined;
      let result = await explain(message);
      let scenarioUri = result.scenarioUri;
      if ((result.callerScenarioUris?.length ?? 0) > 1) {
        const chosen = await chooseScenario(result);
        if (chosen === undefined) return undefined;
        if (chosen !== result.scenarioUri) {
          result = await explain(message, chosen);
          scenarioUri = chosen;
        }
      }
      await showReport(result.markdown);
      if (result.status === 'unreadable') {
        void vscode.window.showWarningMessage('This is not an AccessDenied message that can be explained; see the report.');
      } else if (result.status === 'explicit-deny' || result.status === 'guardrail') {
        void vscode.window.showWarningMessage(`Denied by ${result.deniedBy.join(', ') || 'a guardrail'}${result.status === 'explicit-deny' ? ' (an explicit Deny)' : ''}: no Allow is proposed, since an Allow cannot lift it.`);
      } else if (result.status === 'fix' && result.edits && result.edits.length > 0) {
        const choice = await vscode.window.showInformationMessage(`Fix: ${result.edits.map((e) => e.description).join('; ')} (checked: ${result.verifiedDecision ?? 'Allow'} with the edit).`, 'Apply fix');
        if (choice === 'Apply fix') {
          const applied = await applyFix(message, result, scenarioUri);
          if (!applied.ok) void vscode.window.showErrorMessage('The fix could not be applied.');
          else {
            const decision = applied.after?.status === 'not-reproduced' ? 'allowed' : `still not allowed (${applied.after?.status ?? 'unknown'})`;
            void vscode.window.showInformationMessage(`Fix applied (unsaved). Simulated again with the edited policy: the request is ${decision}.`);
            if (applied.after) await showReport(applied.after.markdown);
          }
          return { result, applied };
        }
      } else if (result.status === 'fix' && result.newPolicy) {
        const choice = await vscode.window.showInformationMessage('No policy of the caller to edit: the fix is a new identity-based policy.', 'Open new policy');
        if (choice === 'Open new policy') await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content: result.newPolicy }));
      }
      return { result };
    }),
  );
}
