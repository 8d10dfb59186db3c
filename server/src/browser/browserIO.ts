/**
 * The server's I/O edge in the browser (serverIO.ts): every file is read by the client with
 * `vscode.workspace.fs`; there are no worker threads (large documents are validated in the worker
 * itself), no git and no Terraform parser (see browser/server.ts).
 */
import { readFileThroughClient, type ServerIOFactory } from '../lsp/serverIO';

export const browserServerIO: ServerIOFactory = (connection) => ({ readFile: (uri) => readFileThroughClient(connection, uri) });
