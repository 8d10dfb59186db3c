/**
 * JSON written inside a Terraform string (a heredoc or a quoted string): parsed with jsonc-parser,
 * every node's range mapped back through the string's decoding into the `.tf` text, and the
 * interpolations (`${...}`) it contains turned into holes. An interpolation inside a JSON string
 * (`"arn:aws:s3:::${var.b}/*"`) is a hole in that string; one that stands for a whole JSON value
 * (`"Resource": ${jsonencode(var.arns)}`) is a value that is one hole.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parsePolicy } from '../../document/parse';
import { strictJsonTree } from '../../document/strictJsonTree';
import { limitNesting } from '../../document/jsonNesting';
import { sampleText, type HostEntry, type HostNode, type HostRange } from '../hostTree';
import { HOLE_CHAR, decodedToNode, type DecodedString } from './hclValues';

/** A JSON syntax error inside the string, at its host range. */
export interface JsonInStringProblem {
  readonly message: string;
  readonly range: HostRange;
  /** Set for a comment or a trailing comma whose characters are the host's own, so that deleting `range` fixes it. */
  readonly removable?: 'comment' | 'trailingComma';
}

/** The result of reading JSON in a string: the value (when there is one) and the syntax errors. */
export interface JsonInString {
  readonly root: HostNode | undefined;
  /** JSON syntax errors (IAM rejects the policy), at their host ranges. */
  readonly problems: readonly JsonInStringProblem[];
  /** Containers nested deeper than the JSON parse bound, parsed as empty, at their host ranges. */
  readonly tooDeep: readonly HostRange[];
}

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses the JSON in a decoded string. `style` is how a fix should write a JSON string there:
 * `json` inside a heredoc; `other` inside a quoted HCL string, where JSON's quotes are escaped again.
 */
export function parseJsonInString(decoded: DecodedString, style: 'json' | 'other'): JsonInString {
  // The virtual text: the decoded characters, with a hole outside any JSON string written as a JSON
  // string of one hole character, so that jsonc-parser sees a value there.
  let virtual = '';
  const map: number[] = []; // virtual index → decoded index
  let inString = false;
  let escaped = false;
  for (let i = 0; i < decoded.text.length; i++) {
    const c = decoded.text[i]!;
    if (decoded.holes.has(i)) {
      if (inString) {
        virtual += HOLE_CHAR;
        map.push(i);
      } else {
        virtual += `"${HOLE_CHAR}"`;
        map.push(i, i, i);
      }
      escaped = false;
      continue;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    }
    virtual += c;
    map.push(i);
  }
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  const hostRange = (offset: number, length: number): HostRange => {
    if (virtual.length === 0) return decoded.range;
    const first = map[Math.min(offset, map.length - 1)]!;
    const last = map[Math.min(Math.max(offset + length - 1, offset), map.length - 1)]!;
    return { start: decoded.starts[first] ?? decoded.range.start, end: length === 0 ? decoded.starts[first] ?? decoded.range.start : decoded.ends[last] ?? decoded.range.end };
  };
  // jsonc-parser recurses once per nesting level: what nests deeper than the bound is parsed as empty.
  const limited = limitNesting(virtual);
  const tooDeep = limited.tooDeep.map((span) => hostRange(span.offset, span.length));
  try {
    tree = parseTree(limited.text, errors, { allowTrailingComma: false, disallowComments: false });
  } catch {
    return { root: undefined, problems: [{ message: 'The JSON in this string could not be read.', range: decoded.range }], tooDeep };
  }
  // IAM reads the policy as strict JSON: its problems as a policy file's (syntax errors, comments,
  // trailing commas, with the same messages; depth is reported apart). Strict JSON has none.
  // A comment or trailing comma can be deleted from the host where each of its characters is one
  // character there: no interpolation and no escape inside it.
  const verbatim = (offset: number, length: number): boolean => {
    for (let v = offset; v < offset + length; v++) {
      const d = map[v];
      if (d === undefined || decoded.holes.has(d) || decoded.ends[d]! - decoded.starts[d]! !== 1) return false;
      if (v > offset && decoded.starts[d]! !== decoded.ends[map[v - 1]!]!) return false;
    }
    return length > 0;
  };
  const problems: JsonInStringProblem[] =
    errors.length === 0 && strictJsonTree(limited.text) !== undefined
      ? []
      : parsePolicy(virtual)
          .problems.filter((problem) => problem.kind !== 'depth')
          .map((problem) => {
            const removable = (problem.kind === 'comment' || problem.kind === 'trailingComma') && verbatim(problem.span.offset, problem.span.length) ? problem.kind : undefined;
            return { message: problem.message, range: hostRange(problem.span.offset, Math.max(problem.span.length, 1)), ...(removable ? { removable } : {}) };
          });

  const stringNode = (node: JsonNode): HostNode => {
    const range = hostRange(node.offset, node.length);
    // The decoded indices of the string's characters, escapes decoded, in a decoded string of its own.
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    const holes = new Map<number, { hole: NonNullable<ReturnType<DecodedString['holes']['get']>>['hole']; range: HostRange }>();
    const contentEnd = node.offset + node.length - (virtual[node.offset + node.length - 1] === '"' && node.length > 1 ? 1 : 0);
    let v = node.offset + 1;
    while (v < contentEnd) {
      const c = virtual[v]!;
      const d = map[v]!;
      const hole = decoded.holes.get(d);
      if (hole && c === HOLE_CHAR) {
        holes.set(text.length, hole);
        text += HOLE_CHAR;
        starts.push(hole.range.start);
        ends.push(hole.range.end);
        v += 1;
        // A whole-value hole was written as `"<hole>"`: its closing quote is the string's own.
        continue;
      }
      if (c === '\\' && v + 1 < contentEnd) {
        const next = virtual[v + 1]!;
        const simple = JSON_ESCAPES[next];
        if (simple !== undefined) {
          text += simple;
          starts.push(decoded.starts[d]!);
          ends.push(decoded.ends[map[v + 1]!]!);
          v += 2;
          continue;
        }
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(virtual.slice(v + 2, v + 6))) {
          text += String.fromCharCode(parseInt(virtual.slice(v + 2, v + 6), 16));
          starts.push(decoded.starts[d]!);
          ends.push(decoded.ends[map[v + 5]!]!);
          v += 6;
          continue;
        }
      }
      text += c;
      starts.push(decoded.starts[d]!);
      ends.push(decoded.ends[d]!);
      v += 1;
    }
    const inner: DecodedString = { text, starts, ends, holes, range };
    return decodedToNode(inner, 0, text.length, range, style);
  };

  const convert = (node: JsonNode, depth: number): HostNode | undefined => {
    const range = hostRange(node.offset, node.length);
    // Deeper than any policy: left out, so that no input can exhaust the stack.
    if (depth > 64) return undefined;
    switch (node.type) {
      case 'object': {
        const entries: HostEntry[] = [];
        for (const property of node.children ?? []) {
          const keyNode = property.children?.[0];
          if (!keyNode) continue;
          const key = stringNode(keyNode);
          const keyText = sampleText(key) ?? '';
          const valueNode = property.children?.[1];
          entries.push({
            key: keyText,
            keyRange: key.range,
            ...(key.kind === 'scalar' && key.offsets ? { keyOffsets: key.offsets } : {}),
            value: valueNode ? convert(valueNode, depth + 1) : undefined,
            range: hostRange(property.offset, property.length),
          });
        }
        return { kind: 'map', range, entries };
      }
      case 'array':
        return { kind: 'seq', range, items: (node.children ?? []).map((child) => convert(child, depth + 1)).filter((item): item is HostNode => item !== undefined) };
      case 'string':
        return stringNode(node);
      case 'number':
      case 'boolean':
      case 'null':
        return { kind: 'scalar', range, value: node.value as number | boolean | null, style: 'json' };
      default:
        return undefined;
    }
  };
  return { root: tree ? convert(tree, 0) : undefined, problems, tooDeep };
}
