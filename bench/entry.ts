/**
 * The surface the benchmarks call, bundled by bench/run.mjs with the same esbuild options as the
 * shipped bundles (minified, node20, catalog inlined), so that the numbers are those of built code.
 */
export { parsePolicy } from '../server/src/iam/document/parse';
export { validatePolicy } from '../server/src/iam/validate/engine/runner';
export { analyzeDocument } from '../server/src/service/documentAnalysis';
export { getCompletions } from '../server/src/service/completion';
export { getHover } from '../server/src/service/hover';
export { complete } from '../server/src/iam/completion/complete';
export { hoverTarget } from '../server/src/iam/completion/hoverTarget';
export { evaluate } from '../server/src/iam/evaluate';
export { matchWildcard } from '../server/src/iam/arn/wildcard';
export { DEFAULT_SETTINGS } from '../server/src/settings';
export { TextDocument } from 'vscode-languageserver-textdocument';
export { parseTree, visit } from 'jsonc-parser';
export { CHECK_FAMILIES } from '../server/src/iam/validate/engine/families';
export { analyzeHostDocument } from '../server/src/iam/sources/hostDocument';
export { completionsAt } from '../server/src/service/templateFeatures';
export { clearHclCache, initTerraform, extractTerraformPolicies } from '../server/src/iam/sources/terraform/terraformPolicies';
export { diffAccess, accessFindings, analyzeRisks, analyzeExternalAccess } from '../server/src/iam/access';
export { formatPolicy, shrinkPolicy } from '../server/src/iam/format';
