#!/usr/bin/env node
/**
 * Bundles the client, the server and the CLI into dist/ with esbuild. `--watch` rebuilds on change;
 * `--dev` keeps the output readable with source maps.
 *
 * The IAM catalog (server/src/iam/catalog/generated/catalogData.js, 3.1 MB) and the AWS managed
 * policies (generated/managedPoliciesData.js, 1.5 MB) stay out of every bundle: they are written once
 * next to them as dist/catalogData.jsonl and dist/managedPoliciesData.json, which the Node server and
 * CLI require when they first need the data (iam/catalog/catalog.ts, managedPolicies.ts), and which the
 * browser client hands to the browser server (scripts/external-data.mjs).
 *
 * The WebAssembly files of the Terraform parser are copied beside the bundles too: the server and the
 * CLI load them from their own directory.
 *
 * The MCP SDK and zod (server/src/mcp/mcpSdk.ts) are bundled apart, as dist/mcp-sdk.js, which the CLI
 * bundle requires only when `iam-policy mcp` starts: every other command would otherwise read and
 * compile them (0.75 MB) at start-up.
 *
 * The browser build (package.json `browser`, for vscode.dev and github.dev) is dist/browser/client.js
 * and dist/browser/server.js (run in a web worker), bundled with `platform: 'browser'` and no Node
 * shims: the server's Node APIs sit behind its I/O edge (server/src/lsp/serverIO.ts), and
 * test/unit/browserBundles.test.ts checks that neither bundle requires a Node module. The browser
 * server bundle holds neither the catalog nor the managed policies: a worker started from a blob URL
 * cannot load a file beside itself, so the browser client reads dist/catalogData.jsonl and
 * dist/managedPoliciesData.json and sends their text in `initializationOptions`; the server parses
 * them when it first needs them.
 */
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { catalogFromClient, catalogOutside, copyCatalog, copyManagedPolicies, managedPoliciesFromClient, managedPoliciesOutside } from './external-data.mjs';
import { writeBundledPackages } from './bundled-packages.mjs';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  logLevel: 'info',
  legalComments: 'none',
  // The inputs list which packages are bundled (dist/bundled-packages.json, for the licence notices).
  metafile: true,
  // jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  plugins: [catalogOutside, managedPoliciesOutside],
  // web-tree-sitter's ES module build finds itself through `import.meta.url`, which a CommonJS
  // bundle does not have; its CommonJS build bundles cleanly.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
};

/** The Terraform parser's WebAssembly files: the tree-sitter runtime and the Terraform grammar. */
const WASM_FILES = {
  'tree-sitter.wasm': 'node_modules/web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-terraform.wasm': 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
};

/** The esbuild plugin that turns the CLI's imports of the MCP SDK module into a runtime `require` of dist/mcp-sdk.js. */
const mcpSdkOutside = {
  name: 'mcp-sdk-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/mcpSdk$/ }, () => ({ path: './mcp-sdk.js', external: true }));
  },
};

/** The browser bundles' options: no Node platform, and the packages' browser builds. */
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  logLevel: 'info',
  legalComments: 'none',
  metafile: true,
  mainFields: ['browser', 'module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/node/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  // The CLI bundle, and the executable that starts it through a V8 code cache (server/src/cli/launcher.ts).
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [...common.plugins, mcpSdkOutside] },
  { ...common, entryPoints: ['server/src/mcp/mcpSdk.ts'], outfile: 'dist/mcp-sdk.js' },
  { ...common, entryPoints: ['server/src/cli/launcher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...browser, entryPoints: ['client/src/browser/extension.ts'], outfile: 'dist/browser/client.js', format: 'cjs', external: ['vscode'] },
  { ...browser, entryPoints: ['server/src/browser/server.ts'], outfile: 'dist/browser/server.js', format: 'iife', plugins: [catalogFromClient, managedPoliciesFromClient] },
];

if (!watch) rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
copyCatalog('.', 'dist');
copyManagedPolicies('.', 'dist');
for (const [name, source] of Object.entries(WASM_FILES)) copyFileSync(source, `dist/${name}`);
if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  writeBundledPackages(await Promise.all(builds.map((options) => esbuild.build(options))), 'dist/bundled-packages.json');
  chmodSync('dist/cli.js', 0o755);
}
