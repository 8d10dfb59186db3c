/**
 * The command *IAM Policy: Compare access with…*: asks what to compare the active policy with (git
 * HEAD, another file, the clipboard), asks the server for the access diff and shows the report as a
 * Markdown preview beside the editor. The code lens "compared with HEAD: ..." runs it with HEAD.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { baseName } from './uriNames';
import { AccessDiffRequest, CompareAccessCommand, type AccessDiffParams, type AccessDiffResult } from '../../server/src/protocol';

const SCHEME = 'iam-access-diff';

export function registerAccessDiff(context: vscode.ExtensionContext, client: LanguageClient): void {
  // The views' requests, by id in the view's URI, so that a refresh asks the server again.
  const views = new Map<string, AccessDiffParams>();
  let next = 0;
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      provideTextDocumentContent: async (uri) => {
        const params = views.get(uri.query);
        if (!params) return '# Access diff\n\nThis view has expired; run *IAM Policy: Compare access with…* again.\n';
        const result = await client.sendRequest<AccessDiffResult>(AccessDiffRequest, params);
        return result.markdown;
      },
    }),
    vscode.commands.registerCommand(CompareAccessCommand, async (uriArgument?: string | vscode.Uri, againstArgument?: string) => {
      const target = typeof uriArgument === 'string' ? uriArgument : (uriArgument ?? vscode.window.activeTextEditor?.document.uri)?.toString();
      if (!target) return;
      let against: AccessDiffParams['against'] | undefined = againstArgument ? { git: againstArgument } : undefined;
      if (!against) {
        const picked = await vscode.window.showQuickPick(
          [
            { label: 'Git HEAD', description: 'the committed version of this file', value: 'head' },
            { label: 'Another file…', description: 'an older or alternative policy', value: 'file' },
            { label: 'The clipboard', description: 'a policy copied from the console or a ticket', value: 'clipboard' },
          ],
          { placeHolder: 'Compare the access of this policy with…' },
        );
        if (!picked) return;
        if (picked.value === 'head') against = { git: 'HEAD' };
        else if (picked.value === 'clipboard') against = { text: await vscode.env.clipboard.readText(), label: 'clipboard' };
        else {
          const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'IAM policy': ['json', 'jsonc'] }, openLabel: 'Compare with' });
          if (!files || files.length === 0) return;
          const bytes = await vscode.workspace.fs.readFile(files[0]!);
          against = { text: new TextDecoder().decode(bytes), label: baseName(files[0]!.path) };
        }
      }
      const id = String(next++);
      views.set(id, { uri: target, against });
      const name = baseName(vscode.Uri.parse(target).path);
      const viewUri = vscode.Uri.from({ scheme: SCHEME, path: `/${name} access diff.md`, query: id });
      const document = await vscode.workspace.openTextDocument(viewUri);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri).then(undefined, () => vscode.window.showTextDocument(document, vscode.ViewColumn.Beside));
    }),
  );
}
