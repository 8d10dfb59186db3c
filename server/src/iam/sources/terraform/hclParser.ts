/**
 * The HCL parser: tree-sitter's WebAssembly runtime (`web-tree-sitter`, MIT) with the Terraform
 * dialect of the `tree-sitter-hcl` grammar (`@tree-sitter-grammars/tree-sitter-hcl`, Apache-2.0).
 * Tree-sitter recovers from syntax errors, so a half-typed block still gives a tree whose complete
 * parts can be read.
 *
 * The WebAssembly files are loaded once, asynchronously, by `initTerraform`; parsing afterwards is
 * synchronous, as the analysis pipeline is. This module does no I/O: the caller supplies the bytes.
 */
import { Language, Parser, type Tree } from 'web-tree-sitter';

/** The WebAssembly files that `initTerraform` asks its loader for, by these names. */
export const TERRAFORM_WASM_FILES = {
  /** The tree-sitter runtime, from `web-tree-sitter`. */
  runtime: 'tree-sitter.wasm',
  /** The Terraform dialect of the HCL grammar, from `@tree-sitter-grammars/tree-sitter-hcl`. */
  grammar: 'tree-sitter-terraform.wasm',
} as const;

/** Reads one of `TERRAFORM_WASM_FILES` by name. */
export type WasmLoader = (name: string) => Promise<Uint8Array> | Uint8Array;

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the tree-sitter runtime and the Terraform grammar. Safe to call several times: the files are
 * loaded once and later calls wait for the same load. A failed load may be retried.
 */
export function initTerraform(loadFile: WasmLoader): Promise<void> {
  if (parser) return Promise.resolve();
  loading ??= (async () => {
    const runtime = await loadFile(TERRAFORM_WASM_FILES.runtime);
    // Emscripten takes the runtime's bytes directly, so it never looks for the file itself.
    await Parser.init({ wasmBinary: runtime } as unknown as Parameters<typeof Parser.init>[0]);
    const language = await Language.load(await loadFile(TERRAFORM_WASM_FILES.grammar));
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Whether `initTerraform` has completed, so that `parseHcl` can be called. */
export function terraformReady(): boolean {
  return parser !== undefined;
}

/**
 * Parses HCL text. Throws only when `initTerraform` has not completed (a programming error); any
 * text, however broken, gives a tree. The caller must `delete()` the tree when done with it.
 */
export function parseHcl(text: string): Tree {
  if (!parser) throw new Error('The Terraform parser is not initialised: await `initTerraform` first.');
  const tree = parser.parse(text);
  if (!tree) throw new Error('The Terraform parser returned no tree.');
  return tree;
}

export type { Tree as HclTree };
