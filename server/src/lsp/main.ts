/**
 * Entry point of the bundled server (dist/server.js). Started by the VS Code client over node IPC,
 * or by any editor with `node dist/server.js --stdio`.
 */
import { startServer } from './server';

// The server must outlive any bug: an error that escapes a handler is logged to stderr (the client's
// output channel) instead of ending the process.
process.on('uncaughtException', (error) => {
  process.stderr.write(`[iam-policy-server] uncaught exception: ${error.stack ?? error.message}\n`);
});
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`[iam-policy-server] unhandled rejection: ${String(reason instanceof Error ? reason.stack : reason)}\n`);
});

startServer();
