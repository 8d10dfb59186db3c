// Starts and stops code-server (VS Code server + web workbench) for the editor tests and the
// playground. Everything it writes goes into one short temporary folder: code-server otherwise
// writes a password file under ~/.config and sockets under /tmp, and socket paths are limited to
// 107 bytes. See docs/e2e.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './waitFor.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Paths written by scripts/e2e-setup.sh. Missing means setup has not run.
 * @returns {{ node24: string, codeServerEntry: string, codeServerVersion: string, chromium: string }}
 */
export function readToolPaths() {
  const file = path.join(process.env.E2E_DIR ?? path.join(repoRoot, '.e2e'), 'paths.json');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`bash scripts/e2e-setup.sh\` first`);
  }
  const paths = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of ['node24', 'codeServerEntry', 'chromium']) {
    if (!existsSync(paths[key])) throw new Error(`${paths[key]} is missing: run \`bash scripts/e2e-setup.sh\` again`);
  }
  return paths;
}

/** User settings that keep the workbench quiet and deterministic under test. */
const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 100,
  'editor.codeLens': true,
  'window.restoreWindows': 'none',
  'workbench.editor.restoreViewState': false,
  'npm.autoDetect': 'off',
  'typescript.tsc.autoDetect': 'off',
  'json.schemaDownload.enable': false,
};

/**
 * Makes a fresh, short temporary home for one code-server: user data, extensions, config, HOME,
 * XDG folders and TMPDIR all live under it.
 * @param {string} [prefix]
 * @param {Record<string, unknown>} [userSettings] Settings added to the quiet ones (the web suite
 *   sets `remote.extensionKind` so that the extension's browser entry runs in the web worker host).
 */
export function makeSandbox(prefix = 'iamx-', userSettings = {}) {
  const dir = mkdtempSync(path.join('/tmp', prefix));
  const sandbox = {
    dir,
    userDataDir: path.join(dir, 'u'),
    extensionsDir: path.join(dir, 'e'),
    home: path.join(dir, 'h'),
    tmp: path.join(dir, 't'),
    config: path.join(dir, 'config.yaml'),
    log: path.join(dir, 'code-server.log'),
  };
  for (const d of [sandbox.userDataDir, sandbox.extensionsDir, sandbox.home, sandbox.tmp, path.join(sandbox.userDataDir, 'User')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(sandbox.config, 'auth: none\ncert: false\n');
  writeFileSync(path.join(sandbox.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_USER_SETTINGS, ...userSettings }, null, 2));
  return sandbox;
}

/** @param {ReturnType<typeof makeSandbox>} sandbox */
function sandboxEnv(sandbox) {
  const env = { ...process.env };
  // The repository's own npm/node settings must not leak into the editor's processes.
  for (const key of Object.keys(env)) {
    if (key.startsWith('npm_') || key === 'NODE_OPTIONS' || key === 'VSCODE_IPC_HOOK_CLI' || key.startsWith('VSCODE_')) delete env[key];
  }
  return {
    ...env,
    EXTENSIONS_GALLERY: '{}',
    HOME: sandbox.home,
    XDG_CONFIG_HOME: path.join(sandbox.home, '.config'),
    XDG_DATA_HOME: path.join(sandbox.home, '.local/share'),
    XDG_CACHE_HOME: path.join(sandbox.home, '.cache'),
    TMPDIR: sandbox.tmp,
  };
}

function commonArgs(sandbox) {
  return ['--user-data-dir', sandbox.userDataDir, '--extensions-dir', sandbox.extensionsDir, '--config', sandbox.config];
}

/**
 * Installs a .vsix into the sandbox's (fresh) extensions folder with code-server's own CLI.
 * @param {ReturnType<typeof makeSandbox>} sandbox
 * @param {string} vsix
 */
export function installExtension(sandbox, vsix) {
  const tools = readToolPaths();
  const result = spawnSync(tools.node24, [tools.codeServerEntry, ...commonArgs(sandbox), '--force', '--install-extension', vsix], {
    env: sandboxEnv(sandbox),
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || /failed|error/i.test(output)) {
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${output}`);
  }
  return output.trim();
}

/**
 * Starts code-server in its own process group (so that stopping it also ends the extension host
 * and the language server it spawned) and waits until /healthz answers.
 * @param {object} options
 * @param {ReturnType<typeof makeSandbox>} options.sandbox
 * @param {number} [options.port] 0 (default) lets the system choose a free port.
 * @param {boolean} [options.smokeTestDriver] Needed for the extensionDevelopmentPath payload.
 * @param {string} [options.folder] Folder to open when the URL names none.
 * @param {boolean} [options.inheritOutput] Show code-server's output instead of logging it.
 */
export async function startCodeServer({ sandbox, port = 0, smokeTestDriver = true, folder, inheritOutput = false }) {
  const tools = readToolPaths();
  const args = [
    tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...commonArgs(sandbox),
  ];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (folder) args.push(folder);
  const log = createWriteStream(sandbox.log, { flags: 'a' });
  const child = spawn(tools.node24, args, {
    env: sandboxEnv(sandbox),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    output += text;
    log.write(text);
    if (inheritOutput) process.stderr.write(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const server = {
    pid: child.pid,
    child,
    url: '',
    port: 0,
    logFile: sandbox.log,
    output: () => output,
    /** Stops the whole process group: TERM, then KILL after a grace period. */
    stop: async (graceMs = 5000) => {
      await stopProcessGroup(child.pid, graceMs);
      log.end();
    },
  };

  try {
    const match = await waitFor(
      () => {
        if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${output}`);
        return /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      },
      { timeout: 30_000, message: () => `code-server did not report its address:\n${output}` },
    );
    server.url = `${match[1]}/`;
    server.port = Number(match[2]);
    await waitFor(async () => {
      try {
        const res = await fetch(`${server.url}healthz`);
        return res.ok;
      } catch {
        return false;
      }
    }, { timeout: 15_000, message: 'code-server /healthz did not answer' });
  } catch (error) {
    await server.stop(1000);
    throw error;
  }
  return server;
}

/** True while any process of the group is alive. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Ends a process group that we started: SIGTERM, a condition wait, then SIGKILL.
 * @param {number | undefined} pgid
 * @param {number} graceMs
 */
export async function stopProcessGroup(pgid, graceMs = 5000) {
  if (!pgid || !groupAlive(pgid)) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
  try {
    await waitFor(() => !groupAlive(pgid), { timeout: graceMs, interval: 50, message: 'still running' });
  } catch {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
    await waitFor(() => !groupAlive(pgid), { timeout: 5000, interval: 50, message: `process group ${pgid} survived SIGKILL` });
  }
}

/** Removes a sandbox folder; kept when E2E_KEEP is set, for debugging. */
export function removeSandbox(sandbox) {
  if (process.env.E2E_KEEP) return;
  rmSync(sandbox.dir, { recursive: true, force: true });
}

/**
 * The URL that opens a folder and, optionally, runs an extension under development with a test
 * suite in its extension host (the same contract as @vscode/test-electron).
 * @param {string} baseUrl
 * @param {string} folder
 * @param {{ extensionDevelopmentPath?: string, extensionTestsPath?: string }} [dev]
 */
export function workbenchUrl(baseUrl, folder, dev = {}) {
  const url = new URL(baseUrl);
  url.searchParams.set('folder', folder);
  const host = url.host;
  const payload = [];
  if (dev.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${host}${dev.extensionDevelopmentPath}`]);
  if (dev.extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${host}${dev.extensionTestsPath}`]);
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}
