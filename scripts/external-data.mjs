/**
 * The esbuild side of the data kept out of the bundles: the IAM catalog
 * (server/src/iam/catalog/generated/catalogData.js, 3.1 MB) and the AWS managed policies
 * (generated/managedPoliciesData.js, 1.5 MB). Each ships once, as dist/catalogData.jsonl and
 * dist/managedPoliciesData.json, and the sources keep importing the generated modules (tsx runs them
 * as they are); only the bundles swap them.
 *
 * The IAM catalog:
 * - the Node bundles (the server, the CLI) read `catalogData.jsonl` beside themselves when
 *   iam/catalog/catalog.ts first needs the data (`catalogOutside`); the file holds each piece the
 *   generated module parses on demand (the index, each service's actions and descriptions) as one
 *   JSON line, so that reading it parses nothing and each piece is parsed on first use;
 * - the browser server bundle holds none of it (`catalogFromClient`): its client reads the JSON and
 *   hands the text to the server in `initializationOptions.catalogData`.
 * Both keep the data's version and date inline (`iam-policy --version` does not read the data).
 *
 * The AWS managed policies:
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
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = join('server', 'src', 'iam', 'catalog', 'generated', 'managedPoliciesData.js');
const CATALOG_SOURCE = join('server', 'src', 'iam', 'catalog', 'generated', 'catalogData.js');
/** The one copy of the IAM catalog beside the bundles. */
const CATALOG_FILE = 'catalogData.jsonl';
const CATALOG_IMPORT = /[\\/]catalogData\.js$/;
const CATALOG_NAMESPACE = 'catalog';
/** The repository root (this script's parent folder), whatever the working directory. */
const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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

/** The generated catalog module (its version and date are inlined into the bundles' stand-in modules). */
function catalogModule(root) {
  return createRequire(import.meta.url)(resolve(root, CATALOG_SOURCE));
}

/** The stand-in module's constants: the data's version and date, which need no data. */
function catalogConstants() {
  const { packageVersion, dataDate } = catalogModule(REPOSITORY_ROOT);
  return `exports.packageVersion = ${JSON.stringify(packageVersion)};\nexports.dataDate = ${JSON.stringify(dataDate)};\n`;
}

/**
 * The esbuild plugin of the Node bundles: the catalog import becomes a small module whose
 * `catalogText()` reads the JSON Lines beside the bundle (iam/catalog/catalog.ts calls it once, when
 * it first needs the data).
 */
export const catalogOutside = {
  name: 'catalog-outside',
  setup(build) {
    build.onResolve({ filter: CATALOG_IMPORT }, () => ({ path: 'node', namespace: CATALOG_NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: CATALOG_NAMESPACE }, () => ({ contents: `${catalogConstants()}exports.catalogText = () => require('node:fs').readFileSync(require('node:path').join(__dirname, '${CATALOG_FILE}'), 'utf8');`, loader: 'js' }));
  },
};

/**
 * The esbuild plugin of the browser server bundle: the catalog import becomes a module without data;
 * the server gets the JSON text from its client instead (browser/browserIO.ts), and catalog.ts
 * reports a lookup without it as an error.
 */
export const catalogFromClient = {
  name: 'catalog-from-client',
  setup(build) {
    build.onResolve({ filter: CATALOG_IMPORT }, () => ({ path: 'browser', namespace: CATALOG_NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: CATALOG_NAMESPACE }, () => ({ contents: catalogConstants(), loader: 'js' }));
  },
};

/**
 * The catalog's JSON Lines form (the layout `readCatalogLines` in iam/catalog/catalog.ts reads): a
 * header with the generated module's constants and the number of services, the index, then each
 * service's action rows and each service's action descriptions, one JSON value per line.
 */
export function catalogLinesText(root) {
  const data = catalogModule(root);
  const line = (read) => JSON.stringify(read());
  const header = { packageVersion: data.packageVersion, dataDate: data.dataDate, accessLevels: data.accessLevels, services: data.actions.length };
  return `${[JSON.stringify(header), line(data.index), ...data.actions.map(line), ...data.descriptions.map(line)].join('\n')}\n`;
}

/** Writes the IAM catalog as JSON Lines next to bundles written to `outDir` (`root` is the repository root). */
export function copyCatalog(root, outDir) {
  writeFileSync(join(outDir, CATALOG_FILE), catalogLinesText(root));
}
