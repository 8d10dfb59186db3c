/**
 * JSON text → host tree, with ranges and per-character offsets of strings. Used for CloudFormation
 * JSON templates and for JSON written inside a host string (a policy given as a JSON string, a
 * Terraform heredoc): `translate` maps offsets of the parsed text to host offsets.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { CharOffsets, HostEntry, HostNode, HostRange, ScalarStyle } from './hostTree';

/** The deepest nesting read into the host tree; deeper values are left out with a problem. */
export const MAX_HOST_DEPTH = 256;

export interface JsonTreeResult {
  readonly root: HostNode | undefined;
  readonly errors: readonly ParseError[];
  /** True when values nested deeper than MAX_HOST_DEPTH were left out. */
  readonly truncated: boolean;
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

/** Parses JSON (comments and trailing commas tolerated) into a host tree. Never throws. */
export function readJsonTree(text: string, translate?: (offset: number) => number, style: ScalarStyle = 'json'): JsonTreeResult {
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch {
    return { root: undefined, errors, truncated: true };
  }
  let truncated = false;
  const at = translate ?? ((offset: number) => offset);
  const range = (node: { offset: number; length: number }): HostRange => ({ start: at(node.offset), end: at(node.offset + node.length) });
  const offsetsOf = (node: JsonNode): CharOffsets | undefined => {
    const local = jsonStringOffsets(text, node.offset, node.length);
    if (!local || (typeof node.value === 'string' && local.length !== node.value.length + 1)) return undefined;
    return translate ? local.map(translate) : local;
  };
  const convert = (node: JsonNode, depth: number): HostNode | undefined => {
    if (depth > MAX_HOST_DEPTH) {
      truncated = true;
      return undefined;
    }
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
            value: valueNode ? convert(valueNode, depth + 1) : undefined,
            range: range(property),
          });
        }
        return { kind: 'map', range: range(node), entries };
      }
      case 'array': {
        const items: HostNode[] = [];
        for (const child of node.children ?? []) {
          const item = convert(child, depth + 1);
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
  return { root: root ? convert(root, 0) : undefined, errors, truncated };
}
