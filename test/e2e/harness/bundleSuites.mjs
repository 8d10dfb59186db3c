// Bundles the in-host suites (TypeScript) with esbuild into dist-test/<suite>/: one index.js that
// exports run() and one <name>.test.js per test file, which the index adds to mocha. `vscode` is
// provided by the extension host; mocha is loaded from the repository's node_modules, which
// dist-test/ sits beside.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './codeServer.mjs';

/**
 * @param {string} suite Folder name under test/e2e (`suite` or `selftest`).
 * @returns {Promise<string>} Absolute path of the bundled index.js.
 */
export async function bundleSuite(suite) {
  const sourceDir = path.join(repoRoot, 'test/e2e', suite);
  const outdir = path.join(repoRoot, 'dist-test', suite);
  const entryPoints = readdirSync(sourceDir)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(sourceDir, name));
  // A stale bundle of a deleted test file would otherwise still be added to mocha.
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outdir, 'index.js');
}
