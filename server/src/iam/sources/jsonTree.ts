/**
 * JSON text → host tree, with ranges and per-character offsets of strings. Used for CloudFormation
 * JSON templates and for JSON written inside a host string (a policy given as a JSON string, a
 * Terraform heredoc): `translate` maps offsets of the parsed text to host offsets.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { limitNesting } from '../document/jsonNesting';
import { strictJsonTree } from '../document/strictJsonTree';
import type { CharOffsets, HostEntry, HostNode, HostRange, ScalarStyle } from './hostTree';

export interface JsonTreeResult {
  readonly root: HostNode | undefined;
  readonly errors: readonly ParseError[];
  /**
   * True when the text is strict JSON (no comments, trailing commas or errors; values nested past the
   * parse bound aside), as IAM and CloudFormation read it. False says only that it may not be:
   * `parsePolicy` finds its problems.
   */
  readonly strict: boolean;
  /** True when values nested deeper than the JSON parse bound were left out. */
  readonly truncated: boolean;
  /**
   * The containers nested deeper than the JSON parse bound (iam/document/jsonNesting.ts), in host
   * offsets: parsed as empty, for the POLICY_TOO_DEEP finding of the policy that holds one.
   */
  readonly tooDeep: readonly HostRange[];
}

/**
 * The offset of each character of a JSON string literal's value in `text` (plus its end), with
 * escapes decoded: `\"` is one character at the backslash. Undefined when the literal is malformed.
 */
function jsonStringOffsets(text: string, literalStart: number, literalLength: number): number[] | undefined {
  const end = literalStart + literalLength - 1;
  if (text[literalStart] !== '"' || text[end] !== '"' || literalLength < 2) return undefined;
  const offsets: number[] = [];
  let i = literalStart + 1;
  while (i < end) {
    offsets.push(i);
    if (text[i] === '\\') i += text[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  offsets.push(end);
  return offsets;
}

/**
 * Parses JSON (comments and trailing commas tolerated) into a host tree. Never throws. Strict JSON,
 * nearly every template and policy string, takes the fast path to jsonc-parser's own tree.
 */
export function readJsonTree(text: string, translate?: (offset: number) => number, style: ScalarStyle = 'json'): JsonTreeResult {
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  const at = translate ?? ((offset: number) => offset);
  // jsonc-parser recurses per level: what nests deeper than the bound is parsed as empty (same offsets).
  const limited = limitNesting(text);
  const tooDeep = limited.tooDeep.map((span) => ({ start: at(span.offset), end: at(span.offset + span.length) }));
  let strict = false;
  try {
    root = strictJsonTree(limited.text);
    strict = root !== undefined;
    root ??= parseTree(limited.text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch {
    return { root: undefined, errors, strict: false, truncated: true, tooDeep };
  }
  const truncated = tooDeep.length > 0;
  const range = (node: { offset: number; length: number }): HostRange => ({ start: at(node.offset), end: at(node.offset + node.length) });
  const offsetsOf = (node: JsonNode): CharOffsets | undefined => {
    const local = jsonStringOffsets(text, node.offset, node.length);
    if (!local || (typeof node.value === 'string' && local.length !== node.value.length + 1)) return undefined;
    return translate ? local.map(translate) : local;
  };
  // Recursion is bounded: limitNesting left nothing nested deeper than MAX_NESTING_DEPTH + 1.
  const convert = (node: JsonNode): HostNode | undefined => {
    switch (node.type) {
      case 'object': {
        const entries: HostEntry[] = [];
        for (const property of node.children ?? []) {
          const [keyNode, valueNode] = property.children ?? [];
          if (!keyNode || typeof keyNode.value !== 'string') continue;
          entries.push({
            key: keyNode.value,
            keyRange: range(keyNode),
            keyOffsets: offsetsOf(keyNode),
            value: valueNode ? convert(valueNode) : undefined,
            range: range(property),
          });
        }
        return { kind: 'map', range: range(node), entries };
      }
      case 'array': {
        const items: HostNode[] = [];
        for (const child of node.children ?? []) {
          const item = convert(child);
          if (item) items.push(item);
        }
        return { kind: 'seq', range: range(node), items };
      }
      case 'string':
        return { kind: 'scalar', range: range(node), value: String(node.value), style, offsets: offsetsOf(node) };
      case 'number':
      case 'boolean':
      case 'null':
        return { kind: 'scalar', range: range(node), value: node.value as number | boolean | null, style };
      default:
        return undefined;
    }
  };
  return { root: root ? convert(root) : undefined, errors, strict, truncated, tooDeep };
}
