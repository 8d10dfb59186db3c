/**
 * The client's answer to the server's `iam/readFile`: the text of a workspace file, read with
 * `vscode.workspace.fs`, so that scenario files can run their tests where the server cannot read the
 * disk (the browser build in vscode.dev and github.dev, and files of a virtual file system on Node).
 * The server asks only for files inside the workspace of a trusted workspace; the client checks both
 * again, since it answers for the editor.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ReadFileRequest, type ReadFileParams, type ReadFileResult } from '../../server/src/protocol';

async function readWorkspaceFile(params: ReadFileParams): Promise<ReadFileResult> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(params.uri, true);
  } catch {
    return { missing: 'unreadable', reason: 'not a valid URI' };
  }
  if (!vscode.workspace.isTrusted) return { missing: 'unreadable', reason: 'the workspace is not trusted' };
  if (!vscode.workspace.getWorkspaceFolder(uri)) return { missing: 'unreadable', reason: 'the file is outside the workspace' };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) return { missing: 'notFile' };
    return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { missing: 'notFound' };
    if (error instanceof vscode.FileSystemError && error.code === 'FileIsADirectory') return { missing: 'notFile' };
    return { missing: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Answers the server's file reads. */
export function registerWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(ReadFileRequest, (params: ReadFileParams) => readWorkspaceFile(params));
}
