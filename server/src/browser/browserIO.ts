/**
 * The server's I/O edge in the browser (serverIO.ts): every file is read by the client with
 * `vscode.workspace.fs`; the IAM catalog and the AWS managed policies come from the client too (it
 * reads dist/catalogData.jsonl and dist/managedPoliciesData.json from the extension's folder and sends
 * their text in `initializationOptions.catalogData` and `.managedPoliciesData`, since a worker
 * started from a blob URL cannot load a file beside itself); there are no worker threads (large documents are validated in the worker
 * itself), no git and no Terraform parser (see browser/server.ts).
 */
import { readFileThroughClient, type ServerIOFactory } from '../lsp/serverIO';
import { provideManagedPoliciesJson } from '../iam/catalog/managedPolicies';
import { provideCatalogText } from '../iam/catalog/catalog';

export const browserServerIO: ServerIOFactory = (connection) => ({
  readFile: (uri) => readFileThroughClient(connection, uri),
  initialize: (options) => {
    const catalog = options.catalogData;
    if (typeof catalog === 'string') provideCatalogText(catalog);
    // Lookups then fail with this reason instead of answering that no service exists.
    else connection.console.error('The client sent no IAM catalog (`initializationOptions.catalogData`): actions, resources and condition keys cannot be checked.');
    const data = options.managedPoliciesData;
    if (typeof data === 'string') provideManagedPoliciesJson(data);
    // Lookups then fail with this reason instead of answering that no managed policy exists.
    else connection.console.error('The client sent no AWS managed policies (`initializationOptions.managedPoliciesData`): scenarios and templates that name one cannot be evaluated.');
  },
});
