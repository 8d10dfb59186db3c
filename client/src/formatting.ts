/**
 * Formatting in VS Code. The language server formats policies (canonical order, sorted actions, the
 * access checked unchanged), but VS Code asks the user to choose when two extensions format the same
 * language, and JSON already has VS Code's own formatter (YAML and Terraform usually have theirs). So
 * the server's formatting capability is not registered for every JSON file: the command
 * *IAM Policy: Format Policy* formats the active policy on demand, and the setting
 * `iamPolicy.format.enable` registers this extension as a JSON formatter (Format Document, Format
 * Selection, format on save) for users who choose it; other JSON is then formatted as VS Code's JSON
 * formatter does.
 */
import * as vscode from 'vscode';
import { DocumentFormattingRequest, DocumentRangeFormattingRequest, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';

const FORMAT_SELECTOR: vscode.DocumentSelector = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'].flatMap((scheme) => [
  { scheme, language: 'json' },
  { scheme, language: 'jsonc' },
]);

/** The server's formatting edits for a document, with the editor's indentation. */
async function formattingEdits(client: LanguageClient, document: vscode.TextDocument, options: vscode.FormattingOptions, token?: vscode.CancellationToken): Promise<vscode.TextEdit[]> {
  const params = {
    textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(document),
    options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces },
  };
  const edits = await client.sendRequest(DocumentFormattingRequest.type, params, token);
  return (await client.protocol2CodeConverter.asTextEdits(edits, token)) ?? [];
}

/** The server's edits that format the statements a range touches (Format Selection). */
async function rangeFormattingEdits(client: LanguageClient, document: vscode.TextDocument, range: vscode.Range, options: vscode.FormattingOptions, token?: vscode.CancellationToken): Promise<vscode.TextEdit[]> {
  const params = {
    textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(document),
    range: client.code2ProtocolConverter.asRange(range),
    options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces },
  };
  const edits = await client.sendRequest(DocumentRangeFormattingRequest.type, params, token);
  return (await client.protocol2CodeConverter.asTextEdits(edits, token)) ?? [];
}

function editorOptions(editor: vscode.TextEditor | undefined): vscode.FormattingOptions {
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 2;
  const insertSpaces = typeof editor?.options.insertSpaces === 'boolean' ? editor.options.insertSpaces : true;
  return { tabSize, insertSpaces };
}

/** Registers the Format Policy command and, while `iamPolicy.format.enable` is on, the JSON formatter. */
export function registerFormatting(context: vscode.ExtensionContext, client: LanguageClient): void {
  let provider: vscode.Disposable | undefined;
  const update = () => {
    const enabled = vscode.workspace.getConfiguration('iamPolicy').get<boolean>('format.enable', false);
    if (enabled && !provider) {
      provider = vscode.Disposable.from(
        vscode.languages.registerDocumentFormattingEditProvider(FORMAT_SELECTOR, {
          provideDocumentFormattingEdits: (document, options, token) => formattingEdits(client, document, options, token),
        }),
        // Format Selection (and format on paste): the statements the selection touches.
        vscode.languages.registerDocumentRangeFormattingEditProvider(FORMAT_SELECTOR, {
          provideDocumentRangeFormattingEdits: (document, range, options, token) => rangeFormattingEdits(client, document, range, options, token),
        }),
      );
    } else if (!enabled && provider) {
      provider.dispose();
      provider = undefined;
    }
  };
  update();
  context.subscriptions.push(
    { dispose: () => provider?.dispose() },
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('iamPolicy.format.enable')) update();
    }),
    // Returns whether the document changed, so that tests and other extensions can call it.
    vscode.commands.registerCommand('iamPolicy.formatPolicy', async (uri?: vscode.Uri): Promise<boolean> => {
      const editor = uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) : vscode.window.activeTextEditor;
      const document = editor?.document ?? (uri ? await vscode.workspace.openTextDocument(uri) : undefined);
      if (!document) {
        void vscode.window.showInformationMessage('IAM Policy: open a policy document to format it.');
        return false;
      }
      const edits = await formattingEdits(client, document, editorOptions(editor));
      if (edits.length === 0) {
        void vscode.window.showInformationMessage('IAM Policy: nothing to format — the policy is formatted already, has syntax errors, or is not a standalone policy.');
        return false;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.set(document.uri, edits);
      return vscode.workspace.applyEdit(edit);
    }),
  );
}
