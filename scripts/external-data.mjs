/**
 * The esbuild side of the AWS managed policies (server/src/iam/catalog/generated/managedPoliciesData.js,
 * 1.5 MB). The data ships once, as dist/managedPoliciesData.json, for every build:
 * - the Node bundles (the server, the CLI) leave it out and `require('./managedPoliciesData.json')`
 *   beside themselves, which iam/catalog/managedPolicies.ts does on its first lookup, so that start-up
 *   never parses it (`managedPoliciesOutside`);
 * - the browser server bundle leaves it out too (`managedPoliciesFromClient`): a worker started from a
 *   blob URL cannot load a file beside itself, so the browser client reads the JSON from the
 *   extension's folder and hands its text to the server in `initializationOptions`.
 * Used by scripts/build.mjs (dist/) and bench/build.mjs (.bench/).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const SOURCE = join('server', 'src', 'iam', 'catalog', 'generated', 'managedPoliciesData.js');
/** The one copy of the data beside the bundles. */
export const MANAGED_POLICIES_FILE = 'managedPoliciesData.json';

const DATA_IMPORT = /[\\/]managedPoliciesData\.js$/;
const NAMESPACE = 'managed-policies';

/**
 * The esbuild plugin of the Node bundles: the data import becomes a small module that `require`s the
 * JSON beside the bundle when it is first required (the import is itself a lazy `require`).
 */
export const managedPoliciesOutside = {
  name: 'managed-policies-outside',
  setup(build) {
    build.onResolve({ filter: DATA_IMPORT }, () => ({ path: 'node', namespace: NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: `exports.managedPoliciesData = require('./${MANAGED_POLICIES_FILE}');`, loader: 'js' }));
    build.onResolve({ filter: /\.json$/, namespace: NAMESPACE }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * The esbuild plugin of the browser server bundle: the data import becomes a module without data, so
 * that the bundle holds none; the server gets the JSON text from its client instead
 * (browser/browserIO.ts), and managedPolicies.ts reports a lookup without it as an error.
 */
export const managedPoliciesFromClient = {
  name: 'managed-policies-from-client',
  setup(build) {
    build.onResolve({ filter: DATA_IMPORT }, () => ({ path: 'browser', namespace: NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: 'exports.managedPoliciesData = undefined;', loader: 'js' }));
  },
};

/**
 * Writes the data as JSON next to bundles written to `outDir` (`root` is the repository root): the
 * generated module's object, which is exactly the JSON text of its `JSON.parse` literal.
 */
export function copyManagedPolicies(root, outDir) {
  const require = createRequire(import.meta.url);
  const { managedPoliciesData } = require(resolve(root, SOURCE));
  writeFileSync(join(outDir, MANAGED_POLICIES_FILE), JSON.stringify(managedPoliciesData));
}
