/** The name of the one copy of the AWS managed policies beside the bundles (`managedPoliciesData.json`). */
export const MANAGED_POLICIES_FILE: string;
/** Writes the AWS managed policies as JSON next to bundles written to `outDir` (`root` is the repository root). */
export function copyManagedPolicies(root: string, outDir: string): void;
/** The IAM catalog as the build writes it, JSON Lines (`root` is the repository root). */
export function catalogLinesText(root: string): string;
/** Writes the IAM catalog as JSON Lines next to bundles written to `outDir` (`root` is the repository root). */
export function copyCatalog(root: string, outDir: string): void;
