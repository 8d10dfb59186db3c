/**
 * Entry point of the bundled Node server (dist/server.js). Started by the VS Code client over node
 * IPC, or by any editor with `node dist/server.js --stdio`. The browser build's entry is
 * server/src/browser/server.ts.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { nodeServerIO } from './nodeIO';
import { isAnalysisWorker, runAnalysisWorker } from './offThreadAnalysis';
import { initTerraformFromDisk } from '../wasmFiles';

// The server must outlive any bug: an error that escapes a handler is logged to stderr (the client's
// output channel) instead of ending the process.
process.on('uncaughtException', (error) => {
  process.stderr.write(`[iam-policy-server] uncaught exception: ${error.stack ?? error.message}\n`);
});
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`[iam-policy-server] unhandled rejection: ${String(reason instanceof Error ? reason.stack : reason)}\n`);
});

if (isAnalysisWorker()) {
  runAnalysisWorker({ loadTerraform: initTerraformFromDisk });
} else {
  // Worker threads run this same bundle; under a TypeScript runner there is no bundle to run.
  startServer({ connection: createConnection(ProposedFeatures.all), io: nodeServerIO(__filename.endsWith('.js') ? __filename : undefined) });
}
