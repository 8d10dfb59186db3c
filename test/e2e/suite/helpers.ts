/**
 * Helpers for tests that run inside the extension host. Every wait is a condition wait with a
 * timeout: language-server results arrive asynchronously, and a fixed sleep would either be slow
 * or flaky.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

/** The extension's id as the marketplace would know it: `publisher.name` from package.json. */
export const EXTENSION_ID = 'iam-policy-workbench.iam-policy-workbench';

/** The `source` of every diagnostic the language server publishes. */
export const SOURCE = 'iam';

/**
 * Polls `condition` until it returns a value other than undefined, null or false, and returns it.
 * @param what Says what was awaited when the wait times out.
 */
export async function waitFor<T>(
  condition: () => T | undefined | null | false | PromiseLike<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      // A provider may not be registered yet; remember the error for the timeout message.
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError ? ` (last error: ${String(lastError)})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The root of the (temporary) workspace the runner opened. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner must open a workspace folder');
  return folder.uri;
}

/** A URI inside the workspace, from a slash-separated relative path. */
function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Opens a workspace file in an editor and makes it the active one. */
export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Our diagnostics only: the built-in JSON support also reports on .json files. */
export function iamDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** A diagnostic's code as a string, whether it was published plain or as `{ value, target }`. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Waits until our diagnostics on `uri` satisfy `predicate`, and returns them. */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const diagnostics = iamDiagnostics(uri);
    return predicate(diagnostics) ? diagnostics : undefined;
  }, `${what}; last seen: ${JSON.stringify(iamDiagnostics(uri).map(codeOf))}`, timeoutMs);
}

/** The position just after the first occurrence of `needle` (plus `delta` characters). */
export function positionAfter(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `\`${needle}\` must occur in ${document.uri.path}`);
  return document.positionAt(offset + needle.length + delta);
}

/** The position of the first occurrence of `needle` (plus `delta` characters). */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `\`${needle}\` must occur in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}

/** Plain text of a hover's contents, whatever kind of content each part is. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Labels of completion items as strings. */
export function completionLabels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

/**
 * Puts every edited workspace file back to its content on disk and closes all editors, so that
 * each test starts from the files as the runner laid them out. Documents outside the workspace
 * (the workbench's own settings, for one) are left alone. No UI is involved: the text is replaced
 * with the disk's and saved, because reverting through an editor races with other editors opening.
 */
export async function closeAllEditors(): Promise<void> {
  const root = workspaceRoot().toString();
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || !document.uri.toString().startsWith(`${root}/`)) continue;
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), onDisk);
    await vscode.workspace.applyEdit(edit);
    await document.save();
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
