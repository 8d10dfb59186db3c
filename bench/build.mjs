#!/usr/bin/env node
/**
 * Bundles the benchmark entry points with the options of scripts/build.mjs (minified, node20, the
 * catalog and managed policies beside the bundles) into .bench/, so that benchmarks measure built code, not tsx-transpiled sources.
 */
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, BENCH_DIR } from './common.mjs';
import { catalogOutside, copyCatalog, copyManagedPolicies, managedPoliciesOutside } from '../scripts/external-data.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !process.argv.includes('--dev'),
  sourcemap: process.argv.includes('--dev') ? 'inline' : false,
  logLevel: 'warning',
  legalComments: 'none',
  mainFields: ['module', 'main'],
  // As in scripts/build.mjs: web-tree-sitter's CommonJS build, since a CommonJS bundle has no `import.meta.url`.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  absWorkingDir: ROOT,
  // As in the shipped bundles, the IAM catalog and the AWS managed policies stay outside and load when first needed.
  plugins: [catalogOutside, managedPoliciesOutside],
};

mkdirSync(BENCH_DIR, { recursive: true });
copyCatalog(ROOT, BENCH_DIR);
copyManagedPolicies(ROOT, BENCH_DIR);
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['bench/entry.ts'], outfile: join(BENCH_DIR, 'lib.cjs') }),
  esbuild.build({ ...common, entryPoints: ['test/lsp/harness.ts'], outfile: join(BENCH_DIR, 'harness.cjs') }),
]);
