// Bundles the in-host suites (TypeScript) with esbuild into dist-test/<suite>/: one index.js that
// exports run() and one <name>.test.js per test file, which the index adds to mocha. `vscode` is
// provided by the extension host; mocha is loaded from the repository's node_modules, which
// dist-test/ sits beside.
// The web suite (test/e2e/web) runs in the web worker extension host, which has no Node and no
// module loader: it is one browser bundle, its index with the tests and mocha's browser build in it.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './codeServer.mjs';

/**
 * @param {string} suite Folder name under test/e2e (`suite`, `selftest` or `web`).
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
  if (suite === 'web') {
    await esbuild.build({
      entryPoints: [path.join(sourceDir, 'index.ts')],
      outfile: path.join(outdir, 'index.js'),
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'inline',
      external: ['vscode'],
      logLevel: 'warning',
    });
    return path.join(outdir, 'index.js');
  }
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
