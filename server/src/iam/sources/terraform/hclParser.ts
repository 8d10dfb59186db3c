/**
 * The HCL parser: tree-sitter's WebAssembly runtime (`web-tree-sitter`, MIT) with the Terraform
 * dialect of the `tree-sitter-hcl` grammar (`@tree-sitter-grammars/tree-sitter-hcl`, Apache-2.0).
 * Tree-sitter recovers from syntax errors, so a half-typed block still gives a tree whose complete
 * parts can be read.
 *
 * The WebAssembly files are loaded once, asynchronously, by `initTerraform`; parsing afterwards is
 * synchronous, as the analysis pipeline is. This module does no I/O: the caller supplies the bytes,
 * and the `web-tree-sitter` module itself (its build holds Node-only branches that import `fs` and
 * `path`, so the browser server, which has no Terraform support yet, must not bundle it).
 */
import type { Language, Parser, Tree } from 'web-tree-sitter';

/** The WebAssembly files that `initTerraform` asks its loader for, by these names. */
export const TERRAFORM_WASM_FILES = {
  /** The tree-sitter runtime, from `web-tree-sitter`. */
  runtime: 'tree-sitter.wasm',
  /** The Terraform dialect of the HCL grammar, from `@tree-sitter-grammars/tree-sitter-hcl`. */
  grammar: 'tree-sitter-terraform.wasm',
} as const;

/** Reads one of `TERRAFORM_WASM_FILES` by name. */
export type WasmLoader = (name: string) => Promise<Uint8Array> | Uint8Array;

/** The parts of the `web-tree-sitter` module that `initTerraform` uses (pass the module itself). */
export interface TreeSitterModule {
  readonly Parser: typeof Parser;
  readonly Language: typeof Language;
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the tree-sitter runtime and the Terraform grammar. Safe to call several times: the files are
 * loaded once and later calls wait for the same load. A failed load may be retried.
 */
export function initTerraform(loadFile: WasmLoader, treeSitter: TreeSitterModule): Promise<void> {
  if (parser) return Promise.resolve();
  loading ??= (async () => {
    const runtime = await loadFile(TERRAFORM_WASM_FILES.runtime);
    // Emscripten takes the runtime's bytes directly, so it never looks for the file itself.
    await treeSitter.Parser.init({ wasmBinary: runtime } as unknown as Parameters<typeof Parser.init>[0]);
    const language = await treeSitter.Language.load(await loadFile(TERRAFORM_WASM_FILES.grammar));
    const created = new treeSitter.Parser();
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
 * The last few texts parsed and their trees. Analysis runs again on every edit of a document: the
 * new text is parsed incrementally from the tree of the most similar recent text (tree-sitter
 * re-reads only around the edit), and an unchanged text reuses its tree. A handful of entries
 * covers several open documents; evicted trees are freed.
 */
const CACHE_SIZE = 4;
const cache: { text: string; tree: Tree }[] = [];

/** The single edit that turns `before` into `after`: the differing middle, in UTF-16 units. */
function diff(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < limit - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

/** The row and column (UTF-16 units) of an offset, as tree-sitter's web binding counts them. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * Parses HCL text. Throws only when `initTerraform` has not completed (a programming error); any
 * text, however broken, gives a tree. The tree belongs to the parser's cache: read it at once and
 * do not `delete()` it (a later call may free it).
 */
export function parseHcl(text: string): Tree {
  if (!parser) throw new Error('The Terraform parser is not initialised: await `initTerraform` first.');
  const same = cache.findIndex((entry) => entry.text === text);
  if (same >= 0) {
    const [entry] = cache.splice(same, 1);
    cache.unshift(entry!);
    return entry!.tree;
  }
  // The most similar recent text, if the edit leaves most of it in place.
  let base: { text: string; tree: Tree } | undefined;
  let bestKept = text.length / 2;
  for (const entry of cache) {
    const { start, oldEnd } = diff(entry.text, text);
    const kept = start + (entry.text.length - oldEnd);
    if (kept > bestKept) {
      bestKept = kept;
      base = entry;
    }
  }
  let tree: Tree | null;
  if (base) {
    const { start, oldEnd, newEnd } = diff(base.text, text);
    // Editing the cached tree would make it wrong for its own text: edit a copy.
    const old = base.tree.copy();
    old.edit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition: pointAt(text, start), oldEndPosition: pointAt(base.text, oldEnd), newEndPosition: pointAt(text, newEnd) });
    tree = parser.parse(text, old);
    old.delete();
  } else {
    tree = parser.parse(text);
  }
  if (!tree) throw new Error('The Terraform parser returned no tree.');
  cache.unshift({ text, tree });
  while (cache.length > CACHE_SIZE) cache.pop()!.tree.delete();
  return tree;
}

/** Frees the cached trees (for benchmarks that measure parsing from scratch, and for tests). */
export function clearHclCache(): void {
  while (cache.length > 0) cache.pop()!.tree.delete();
}

export type { Tree as HclTree };
