/**
 * The esbuild side of the AWS managed policies (server/src/iam/catalog/generated/managedPoliciesData.js,
 * 1.5 MB): bundles leave them out and `require('./managedPoliciesData.js')` a copy beside themselves,
 * which iam/catalog/managedPolicies.ts does on its first lookup, so that start-up never parses them.
 * Used by scripts/build.mjs (dist/) and bench/build.mjs (.bench/).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = join('server', 'src', 'iam', 'catalog', 'generated', 'managedPoliciesData.js');

/** The esbuild plugin that turns the data import into a runtime `require` of the copy. */
export const managedPoliciesOutside = {
  name: 'managed-policies-outside',
  setup(build) {
    build.onResolve({ filter: /[\\/]managedPoliciesData\.js$/ }, () => ({ path: './managedPoliciesData.js', external: true }));
  },
};

/** Copies the data next to bundles written to `outDir` (`root` is the repository root). */
export function copyManagedPolicies(root, outDir) {
  copyFileSync(join(root, SOURCE), join(outDir, 'managedPoliciesData.js'));
}
