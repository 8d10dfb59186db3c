/**
 * Entry point of the browser build of the language server (dist/browser/server.js), run in a web
 * worker that the browser client starts (vscode.dev, github.dev, the web worker extension host of
 * code-server). It is the same server as on Node (lsp/server.ts) with the browser's I/O edge:
 * - files (the policies a scenario references, a scenario file a simulation is saved to) are read by
 *   the client with `vscode.workspace.fs` (`iam/readFile`);
 * - large documents are validated in the worker itself (there are no worker threads to hand them to);
 * - no git (the access-diff lens against HEAD is absent) and no Terraform parser: `web-tree-sitter`'s
 *   build holds Node-only branches (`require("fs")`), which a browser bundle cannot take without shims.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';
import { browserServerIO } from './browserIO';

/** The worker's global scope, typed only as far as the server uses it (the project compiles without the DOM and WebWorker libraries); `globalThis` is the worker's `self`. */
interface WorkerScope {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { error?: unknown; reason?: unknown; message?: string }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const port = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];

// The server must outlive any bug: an error that escapes a handler is logged to the console.
scope.addEventListener('error', (event) => console.error(`[iam-policy-server] uncaught error: ${describeError(event.error ?? event.message)}`));
scope.addEventListener('unhandledrejection', (event) => console.error(`[iam-policy-server] unhandled rejection: ${describeError(event.reason)}`));

function describeError(value: unknown): string {
  return value instanceof Error ? (value.stack ?? value.message) : String(value);
}

startServer({ connection: createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port)), io: browserServerIO });
