/**
 * Loads the Terraform parser's WebAssembly files from node_modules for tests, the way the server
 * and the CLI load them from dist/.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as TreeSitter from 'web-tree-sitter';
import { initTerraform } from '../../../server/src/iam/sources/terraform/terraformPolicies';

const require_ = createRequire(__filename);
const PATHS: Readonly<Record<string, string>> = {
  'tree-sitter.wasm': require_.resolve('web-tree-sitter/tree-sitter.wasm'),
  'tree-sitter-terraform.wasm': require_.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
};

/** Initialises the Terraform parser once. */
export function initTerraformForTests(): Promise<void> {
  return initTerraform((name) => {
    const file = PATHS[name];
    if (!file) throw new Error(`unknown WebAssembly file \`${name}\``);
    return readFileSync(file);
  }, TreeSitter);
}
