/**
 * A plain JavaScript copy of the named nodes of a tree-sitter tree. Reading a tree-sitter tree node
 * by node through `web-tree-sitter` crosses into WebAssembly and allocates a wrapper at every step;
 * one walk with a tree cursor that copies what the extraction reads (type, range, field, named
 * children) is several times faster, and the copy needs no `delete()`.
 */
import type { HclTree } from './hclParser';

/** A named node of the HCL syntax tree (the subset of tree-sitter's `Node` that extraction reads). */
export class HclNode {
  readonly namedChildren: HclNode[] = [];
  parent: HclNode | null = null;

  constructor(
    private readonly host: string,
    /** The grammar's node type, e.g. `block`, `attribute`, `template_interpolation`, `ERROR`. */
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field of an `object_elem` this node fills (`key`, `val`); null elsewhere. */
    readonly fieldName: string | null,
    /** True for a closing quote that error recovery inserted (read for `quoted_template_end` only). */
    readonly isMissing: boolean,
  ) {}

  get text(): string {
    return this.host.slice(this.startIndex, this.endIndex);
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  namedChild(index: number): HclNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(field: string): HclNode | null {
    return this.namedChildren.find((child) => child.fieldName === field) ?? null;
  }
}

/**
 * Copies the named nodes of a parsed tree (anonymous tokens such as `{` and `=` are left out).
 * `skip` may leave out the subtree of a node (the node itself is kept, without children).
 */
export function copyTree(tree: HclTree, host: string, skip?: (node: HclNode) => boolean): HclNode {
  const cursor = tree.walk();
  try {
    const root = new HclNode(host, cursor.nodeType, cursor.startIndex, cursor.endIndex, null, cursor.nodeIsMissing);
    // Each stack entry is the copied ancestor that named descendants attach to.
    const stack: HclNode[] = [root];
    let parent = root;
    if (!cursor.gotoFirstChild()) return root;
    // Every cursor property is a call into WebAssembly: only what extraction reads is asked for.
    // Anonymous nodes (`{`, `=`, `,`) are tokens without children in this grammar: not entered.
    for (;;) {
      if (cursor.nodeIsNamed) {
        const type = cursor.nodeType;
        const node = new HclNode(
          host,
          type,
          cursor.startIndex,
          cursor.endIndex,
          parent.type === 'object_elem' ? cursor.currentFieldName : null,
          type === 'quoted_template_end' ? cursor.nodeIsMissing : false,
        );
        node.parent = parent;
        parent.namedChildren.push(node);
        if (!skip?.(node) && cursor.gotoFirstChild()) {
          stack.push(node);
          parent = node;
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return root;
        stack.pop();
        if (stack.length === 0) return root;
        parent = stack[stack.length - 1]!;
      }
    }
  } finally {
    cursor.delete();
  }
}
