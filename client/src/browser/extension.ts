/**
 * The extension's browser entry point (`browser`, dist/browser/client.js), for vscode.dev,
 * github.dev and any web worker extension host: the language server (dist/browser/server.js) runs
 * in a web worker. Everything else is shared with the Node entry (client/src/extension.ts), except that
 * this client hands the server the IAM catalog and the AWS managed policies (see `readDataFile`).
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

/**
 * The text of a data file in dist/: catalogData.jsonl (the IAM catalog) or managedPoliciesData.json (the
 * AWS managed policies), the one copy of each in the package. The Node server requires them from
 * beside itself; the worker cannot (it may run from a blob URL), so the client reads them and sends
 * them in `initializationOptions.catalogData` and `.managedPoliciesData`, and the server parses them
 * when it first needs them. Fetched like the server script: the host's `fetch` maps
 * `vscode-remote://`, and vscode.dev and github.dev serve the extension over https. Undefined when it
 * cannot be read: the server then reports lookups as failing rather than the names as unknown.
 */
async function readDataFile(context: vscode.ExtensionContext, file: string, what: string, output: vscode.OutputChannel | undefined): Promise<string | undefined> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'dist', file);
  try {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.text();
  } catch (error) {
    output?.appendLine(`Cannot read ${what} \`${uri.toString(true)}\`: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export function activate(context: vscode.ExtensionContext): ReturnType<typeof activateClient> {
  return activateClient(context, async (extensionContext, clientOptions) => {
    // The data is read while the worker's script loads: the three requests overlap.
    const output = clientOptions.outputChannel;
    const [worker, catalogData, managedPoliciesData] = await Promise.all([
      createServerWorker(extensionContext),
      readDataFile(extensionContext, 'catalogData.jsonl', 'the IAM catalog', output),
      readDataFile(extensionContext, 'managedPoliciesData.json', 'the AWS managed policies', output),
    ]);
    const initializationOptions = { ...(clientOptions.initializationOptions as Record<string, unknown> | undefined), catalogData, managedPoliciesData };
    // vscode-languageclient 11 (browser) takes the Worker itself: the host's Worker is a wrapper, so the
    // function form of the server options would mistake it for a reader and writer pair.
    return new LanguageClient('iamPolicy', 'IAM Policy Workbench', worker, { ...clientOptions, initializationOptions });
  });
}
