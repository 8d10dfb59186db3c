/**
 * The thin VS Code client: starts the language server, shows the policy kind in the status bar,
 * and registers the commands. It holds no IAM logic; everything it shows comes from the server.
 * It is shared by the two entry points, which differ only in how the server runs:
 * client/src/node/extension.ts (`main`: a Node process over IPC) and client/src/browser/extension.ts
 * (`browser`: a web worker, for vscode.dev and github.dev). Nothing here may use a Node API.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  DocumentKindNotification,
  PolicySummaryRequest,
  WorkspaceTrustedNotification,
  SetPolicyKindRequest,
  POLICY_KINDS,
  POLICY_KIND_LABELS,
  type DocumentKindParams,
  type PolicyKind,
  type PolicySummaryResult,
} from '../../server/src/protocol';
import { registerSimulation } from './simulation';
import { registerScenario } from './scenario';
import { registerAccessDiff } from './accessDiff';
import { registerTesting, type TestingApi } from './testing';
import { registerExplainDenied } from './explainDenied';
import { registerGeneratePolicy } from './generatePolicy';
import { registerFormatting } from './formatting';
import { registerWorkspaceFiles } from './workspaceFiles';
import { baseName } from './uriNames';

let client: LanguageClient | undefined;

const SUMMARY_SCHEME = 'iam-policy-summary';

/** Creates the platform's language client (a Node server process, or a server in a web worker). */
export type ClientFactory = (context: vscode.ExtensionContext, clientOptions: LanguageClientOptions) => LanguageClient | Promise<LanguageClient>;

/** Activates the extension with the client that `createClient` makes (see the entry points). */
export async function activateClient(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<{ client: LanguageClient; testing: TestingApi }> {
  const output = vscode.window.createOutputChannel('IAM Policy Workbench', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'untitled', language: 'jsonc' },
      { scheme: 'vscode-remote', language: 'json' },
      { scheme: 'vscode-remote', language: 'jsonc' },
      // CloudFormation and SAM templates; the server answers only for documents that are templates.
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'vscode-remote', language: 'yaml' },
      // Terraform, with or without an extension that contributes the `terraform` language.
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.tf' },
      { scheme: 'vscode-remote', language: 'terraform' },
      // vscode.dev and github.dev: files of a repository, and any other virtual file system.
      { scheme: 'vscode-vfs', language: 'json' },
      { scheme: 'vscode-vfs', language: 'jsonc' },
      { scheme: 'vscode-vfs', language: 'yaml' },
    ],
    outputChannel: output,
    // Formatting is registered by the client (client/src/formatting.ts), only where the user asks for it.
    initializationOptions: { trusted: vscode.workspace.isTrusted, formatting: false },
    synchronize: { configurationSection: 'iamPolicy' },
  };
  client = await createClient(context, clientOptions);

  const kinds = new Map<string, DocumentKindParams>();
  const status = vscode.window.createStatusBarItem('iamPolicy.kind', vscode.StatusBarAlignment.Right, 100);
  status.name = 'IAM policy type';
  status.command = 'iamPolicy.setPolicyType';
  context.subscriptions.push(status, output);

  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const documentInfo = editor ? kinds.get(editor.document.uri.toString()) : undefined;
    if (!documentInfo || documentInfo.role === 'other') {
      status.hide();
      return;
    }
    let info: DocumentKindParams = documentInfo;
    if (documentInfo.role === 'template') {
      // The policy under the cursor: its kind and size.
      const cursor = editor!.selection.active;
      const policy = documentInfo.policies?.find((candidate) => new vscode.Range(candidate.range.start.line, candidate.range.start.character, candidate.range.end.line, candidate.range.end.character).contains(cursor));
      if (!policy) {
        const count = documentInfo.policies?.length ?? 0;
        status.text = `$(shield) ${count} IAM ${count === 1 ? 'policy' : 'policies'}`;
        status.tooltip = `This template holds ${count} IAM ${count === 1 ? 'policy' : 'policies'}; put the cursor in one to see its type and size.`;
        status.command = undefined;
        status.show();
        return;
      }
      info = { ...documentInfo, role: 'policy', kind: policy.kind, source: 'template', size: policy.size };
    }
    if (info.role === 'scenario') {
      status.text = '$(beaker) IAM policy tests';
      status.tooltip = 'IAM Policy Workbench scenario file';
      status.command = undefined;
    } else {
      const label = info.kind ? POLICY_KIND_LABELS[info.kind] : 'IAM policy';
      const size = info.size ? ` ${info.size.characters.toLocaleString('en-US')}${info.size.quota ? `/${info.size.quota.toLocaleString('en-US')}` : ''}` : '';
      status.text = `$(shield) ${label}${size}`;
      const how = info.source === 'content' ? 'detected from the content' : info.source === 'setting' ? 'from the iamPolicy.policyTypes setting' : info.source === 'template' ? 'from where the template uses it' : 'chosen by you';
      status.tooltip = `IAM policy type: ${label} (${how}).${info.size ? ` Size ${info.size.characters} characters as the quota counts them${info.size.quota ? ` (quota ${info.size.quota})` : ''}.` : ''}${info.dataDate ? ` IAM data of ${info.dataDate}.` : ''} Click to change.`;
      status.command = documentInfo.role === 'template' ? undefined : 'iamPolicy.setPolicyType';
    }
    status.show();
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (kinds.get(event.textEditor.document.uri.toString())?.role === 'template') updateStatus();
    }),
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const target = decodeURIComponent(uri.query);
        const result = await client!.sendRequest<PolicySummaryResult>(PolicySummaryRequest, { uri: target });
        return result.markdown;
      },
    }),
    vscode.commands.registerCommand('iamPolicy.setPolicyType', async (uri?: vscode.Uri) => {
      const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) return;
      const items: Array<vscode.QuickPickItem & { policyKind: PolicyKind | null }> = [
        { label: 'Detect from content', description: 'Clear the choice for this file', policyKind: null },
        ...POLICY_KINDS.map((kind) => ({ label: POLICY_KIND_LABELS[kind], description: kind, policyKind: kind })),
      ];
      const picked = await vscode.window.showQuickPick(items, { placeHolder: `Policy type of ${baseName(document.uri.path)}` });
      if (!picked) return;
      await setPolicyKind(document.uri, picked.policyKind);
    }),
    vscode.commands.registerCommand('iamPolicy.showSummary', async (uriArgument?: string | vscode.Uri) => {
      const target = typeof uriArgument === 'string' ? uriArgument : (uriArgument ?? vscode.window.activeTextEditor?.document.uri)?.toString();
      if (!target) return;
      const summaryUri = vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/${baseName(vscode.Uri.parse(target).path)} summary.md`, query: encodeURIComponent(target) });
      const document = await vscode.workspace.openTextDocument(summaryUri);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri).then(undefined, () => vscode.window.showTextDocument(document, vscode.ViewColumn.Beside));
    }),
    vscode.commands.registerCommand('iamPolicy.showOutput', () => output.show()),
  );

  /**
   * Saves the choice in the workspace's `iamPolicy.policyTypes` (keyed by the file's relative path)
   * so that it survives restarts and is shared with the CLI's teammates; files outside a workspace get
   * an in-memory choice on the server.
   */
  async function setPolicyKind(uri: vscode.Uri, kind: PolicyKind | null): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder && vscode.workspace.isTrusted) {
      const configuration = vscode.workspace.getConfiguration('iamPolicy', folder.uri);
      const relative = vscode.workspace.asRelativePath(uri, false);
      const current = { ...(configuration.get<Record<string, string>>('policyTypes') ?? {}) };
      if (kind === null) delete current[relative];
      else current[relative] = kind;
      await configuration.update('policyTypes', current, vscode.ConfigurationTarget.WorkspaceFolder);
    } else {
      await client!.sendRequest(SetPolicyKindRequest, { uri: uri.toString(), kind });
    }
  }

  client.onNotification(DocumentKindNotification, (params: DocumentKindParams) => {
    kinds.set(params.uri, params);
    updateStatus();
  });

  registerSimulation(context, client);
  registerScenario(context, client);
  registerAccessDiff(context, client);
  const testing = registerTesting(context, client);
  registerExplainDenied(context, client);
  registerGeneratePolicy(context, client);
  registerFormatting(context, client);
  registerWorkspaceFiles(client);
  await client.start();
  // Scenario files get their test items (and gutter buttons) without waiting for the Testing view.
  void testing.refresh();
  // The server started with the trust the workspace had; tell it when the user grants trust.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(WorkspaceTrustedNotification)));
  updateStatus();
  return { client, testing };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
