#!/usr/bin/env node
// The playground (`npm start`): a real VS Code in the browser on examples/, with the extension
// under development loaded from this repository.
//   1. builds the extension (npm run build), or keeps rebuilding it with --watch;
//   2. runs scripts/e2e-setup.sh (a fast no-op once code-server and Node 24 are installed);
//   3. starts code-server bound to 127.0.0.1 only, and prints the URL to open;
//   4. on Ctrl+C (SIGINT) or SIGTERM stops code-server with its extension host and language
//      server (one process group), and the watcher, leaving no process behind.
// Reload the browser tab (or run "Developer: Restart Extension Host") to pick up a rebuild.
//
// Usage: node scripts/playground.mjs [--port N] [--folder DIR] [--watch] [--no-build] [--web]
//   --web  runs the browser build (package.json `browser`) in the web worker extension host, as
//          vscode.dev and github.dev do, instead of the Node build.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeSandbox, removeSandbox, repoRoot, startCodeServer, stopProcessGroup, workbenchUrl } from '../test/e2e/harness/codeServer.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string' },
    folder: { type: 'string' },
    watch: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
  },
});

function log(text) {
  console.log(`[playground] ${text}`);
}

/** True when 127.0.0.1:port can be bound right now. */
function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function runOrExit(command, args, what) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[playground] ${what} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

const folder = path.resolve(repoRoot, options.folder ?? 'examples');
let watcher;
if (!options['no-build']) {
  if (options.watch) {
    log('building and watching (scripts/build.mjs --watch)');
    watcher = spawn(process.execPath, ['scripts/build.mjs', '--watch'], { cwd: repoRoot, stdio: 'inherit', detached: true });
  } else {
    log('building the extension (npm run build)');
    runOrExit('npm', ['run', '--silent', 'build'], 'npm run build');
  }
}
runOrExit('bash', ['scripts/e2e-setup.sh'], 'scripts/e2e-setup.sh');

const requested = options.port !== undefined ? Number(options.port) : 8080;
const port = options.port !== undefined || (await portFree(requested)) ? requested : 0;
// code-server runs a package's `main` in its Node host; this user setting makes it run the `browser`
// entry in the web worker extension host instead.
const sandbox = makeSandbox('iamp-', options.web ? { 'remote.extensionKind': { 'iam-policy-workbench.iam-policy-workbench': ['web'] } } : {});
let server;
let stopping = false;

async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping code-server${watcher ? ' and the watcher' : ''}`);
  await Promise.all([server ? server.stop() : undefined, watcher ? stopProcessGroup(watcher.pid, 3000) : undefined]);
  removeSandbox(sandbox);
  log('stopped; no process left behind');
  process.exit(signal === 'error' ? 1 : 0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));

try {
  server = await startCodeServer({ sandbox, port, smokeTestDriver: true });
} catch (error) {
  console.error(`[playground] code-server did not start: ${error?.message ?? error}`);
  await shutdown('error');
}
server.child.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`[playground] code-server exited (${signal ?? code}); its log: ${sandbox.log}`);
    void shutdown('error');
  }
});

// The payload loads the extension from the repository (extensionDevelopmentPath); it is honoured
// because code-server runs with the smoke-test driver option.
const url = workbenchUrl(server.url, folder, { extensionDevelopmentPath: repoRoot });
log(`code-server ${server.url} (pid ${server.pid}), bound to 127.0.0.1 only; log: ${sandbox.log}`);
log(`open this URL (it loads the extension from ${repoRoot}):`);
console.log(url);
log('press Ctrl+C to stop');
