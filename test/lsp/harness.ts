/**
 * Runs the real language server in-process over a pair of streams and gives tests a client
 * connection to it: initialize, open documents, wait for notifications.
 */
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { startServer, type StartOptions } from '../../server/src/lsp/server';
import { nodeServerIO } from '../../server/src/lsp/nodeIO';

export interface Harness {
  readonly client: ProtocolConnection;
  readonly logs: string[];
  /** Resolves with the next diagnostics published for `uri` that satisfy `predicate`. */
  diagnostics(uri: string, predicate?: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** The capabilities of the server's initialize result. */
  readonly capabilities: Record<string, unknown>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  dispose(): void;
}

/**
 * Starts the server with the Node I/O edge, or with `io` (a test of the browser's edge passes one
 * that reads files only through the client).
 */
export async function startHarness(options: { settings?: unknown; extraFeatures?: StartOptions['extraFeatures']; configuration?: boolean; io?: StartOptions['io']; initializationOptions?: Record<string, unknown> } = {}): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer({ connection: serverConnection, io: options.io ?? nodeServerIO(), extraFeatures: options.extraFeatures });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const logs: string[] = [];
  const waiters: Array<{ uri: string; predicate: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void }> = [];
  client.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push(params.message);
  });
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings ?? {}));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  const initialized = (await client.sendRequest('initialize', {
    // No processId: the server would otherwise poll for this process and keep the test alive.
    processId: null,
    rootUri: 'file:///workspace',
    workspaceFolders: [{ uri: 'file:///workspace', name: 'workspace' }],
    capabilities: { workspace: { configuration: options.configuration ?? true } },
    initializationOptions: options.configuration === false || options.initializationOptions ? { ...(options.configuration === false ? { settings: options.settings } : {}), ...options.initializationOptions } : undefined,
  })) as { capabilities: Record<string, unknown> };
  await client.sendNotification('initialized', {});
  return {
    client,
    capabilities: initialized.capabilities,
    logs,
    diagnostics(uri, predicate = () => true) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within 10 s`)), 10_000);
        waiters.push({ uri, predicate, resolve: (params) => (clearTimeout(timer), resolve(params)) });
      });
    },
    open(uri, text, version = 1) {
      void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text } });
    },
    change(uri, text, version) {
      void client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    dispose() {
      client.dispose();
      serverConnection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}
