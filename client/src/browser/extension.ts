/**
 * The extension's browser entry point (`browser`, dist/browser/client.js), for vscode.dev,
 * github.dev and any web worker extension host: the language server (dist/browser/server.js) runs
 * in a web worker. Everything else is shared with the Node entry (client/src/extension.ts).
 */
import * as vscode from 'vscode';
import { LanguageClient, type ServerOptions } from 'vscode-languageclient/browser';
import { activateClient } from '../extension';

export { deactivate } from '../extension';

/** The worker constructor and blob URLs of the extension host's global scope (no DOM library here). */
interface WorkerGlobals {
  readonly Worker: new (url: string) => ServerOptions;
  readonly URL: { createObjectURL(blob: unknown): string };
  readonly Blob: new (parts: string[], options: { type: string }) => unknown;
}

/**
 * Starts the server's worker. A host that serves the extension from a remote authority (code-server:
 * `vscode-remote://`) refuses `new Worker()` on the extension's URI, but its `fetch` maps that scheme,
 * so the script is loaded as a blob there; vscode.dev and github.dev serve it over https.
 */
async function createServerWorker(context: vscode.ExtensionContext): Promise<ServerOptions> {
  const globals = globalThis as unknown as WorkerGlobals;
  const uri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  if (uri.scheme !== 'vscode-remote') return new globals.Worker(uri.toString(true));
  const response = await fetch(uri.toString(true));
  if (!response.ok) throw new Error(`cannot load \`${uri.toString(true)}\`: HTTP ${response.status}`);
  return new globals.Worker(globals.URL.createObjectURL(new globals.Blob([await response.text()], { type: 'application/javascript' })));
}

export function activate(context: vscode.ExtensionContext): ReturnType<typeof activateClient> {
  // vscode-languageclient 11 (browser) takes the Worker itself: the host's Worker is a wrapper, so the
  // function form of the server options would mistake it for a reader and writer pair.
  return activateClient(context, async (extensionContext, clientOptions) => new LanguageClient('iamPolicy', 'IAM Policy Workbench', await createServerWorker(extensionContext), clientOptions));
}
