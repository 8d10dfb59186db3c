/**
 * Runs the editor suite in desktop VS Code through @vscode/test-electron, for machines that can
 * download VS Code (`npm run test:e2e:desktop`). It is the same suite, with the same contract
 * (extensionDevelopmentPath + extensionTestsPath), that scripts/e2e-run.mjs runs in code-server;
 * on machines without a route to the VS Code download service, use that runner instead.
 *
 * Options: `--selftest` runs the harness self-test against the stub extension;
 * VSCODE_VERSION picks the VS Code version (default: stable).
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from './harness/bundleSuites.mjs';
import { makeWorkspace, removeWorkspace } from './harness/workspace.mjs';

const repoRoot = path.resolve(__dirname, '../..');

async function main(): Promise<number> {
  const selftest = process.argv.includes('--selftest');
  const extensionDevelopmentPath = selftest ? path.join(repoRoot, 'test/e2e/fixtures/stub-extension') : repoRoot;
  const extensionTestsPath = await bundleSuite(selftest ? 'selftest' : 'suite');
  const workspace = makeWorkspace();
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      // Inside the gitignored .e2e/ folder rather than the default .vscode-test/ beside package.json.
      cachePath: path.join(repoRoot, '.e2e/vscode-test'),
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    removeWorkspace(workspace);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`The desktop editor tests did not run: ${String(error)}`);
    process.exitCode = 1;
  },
);
