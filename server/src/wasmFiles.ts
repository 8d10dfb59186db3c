/**
 * Where the server and the CLI find the Terraform parser's WebAssembly files: beside the bundle
 * (dist/, as the build copies them and the .vsix ships them), or in node_modules when run from the
 * sources. Only these two known files are ever read.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as TreeSitter from 'web-tree-sitter';
import { initTerraform, TERRAFORM_WASM_FILES } from './iam/sources/terraform/terraformPolicies';

const PACKAGE_PATHS: Readonly<Record<string, string>> = {
  [TERRAFORM_WASM_FILES.runtime]: 'web-tree-sitter/tree-sitter.wasm',
  [TERRAFORM_WASM_FILES.grammar]: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
};

/** Reads one of the parser's files. */
function loadWasm(name: string): Uint8Array {
  const beside = path.join(__dirname, name);
  if (existsSync(beside)) return readFileSync(beside);
  const packagePath = PACKAGE_PATHS[name];
  if (!packagePath) throw new Error(`unknown WebAssembly file \`${name}\``);
  return readFileSync(require.resolve(packagePath));
}

/** Loads the Terraform parser once; later calls share the first. */
export function initTerraformFromDisk(): Promise<void> {
  return initTerraform(loadWasm, TreeSitter);
}
