/**
 * HCL expressions as host-tree nodes: literals become scalars, tuples sequences, objects maps, and
 * string templates texts whose interpolations are holes. Every node keeps its range in the `.tf`
 * text and every string character its offset, escapes decoded.
 */
import { sampleText, type HostMap, type HostNode, type HostRange, type HostText, type Hole, type HostEntry, type TextPart } from '../hostTree';
import type { HclNode } from './hclTree';
import { computedHole, referenceHole, type Traversal } from './references';

/** The range of a tree-sitter node. */
export function hclRange(node: HclNode): HostRange {
  return { start: node.startIndex, end: node.endIndex };
}

/** The named children of a node of the given type. */
export function childrenOfType(node: HclNode, type: string): HclNode[] {
  const found: HclNode[] = [];
  for (const child of node.namedChildren) if (child && child.type === type) found.push(child);
  return found;
}

export function firstChildOfType(node: HclNode, type: string): HclNode | undefined {
  for (const child of node.namedChildren) if (child && child.type === type) return child;
  return undefined;
}

/**
 * Steps through the `expression` wrappers the grammar puts around every value, down to the node
 * that says what the value is. A traversal (`a.b[0].c`) stays an `expression`, since its parts are
 * siblings there.
 */
export function unwrapExpression(node: HclNode): HclNode {
  let current = node;
  for (;;) {
    if (current.type !== 'expression' || current.namedChildCount !== 1) return current;
    const only = current.namedChild(0);
    if (!only) return current;
    current = only;
  }
}

/** The traversal of a reference expression (`var.x`, `aws_s3_bucket.b[0].arn`), or undefined. */
export function traversalOf(node: HclNode): Traversal | undefined {
  const expression = node.type === 'variable_expr' ? node.parent : node;
  if (!expression || expression.type !== 'expression') return undefined;
  const parts = expression.namedChildren.filter((child): child is HclNode => child !== null);
  const head = parts[0];
  if (!head || head.type !== 'variable_expr') return undefined;
  const names: string[] = [];
  for (const part of parts.slice(1)) {
    if (part.type === 'get_attr') {
      const name = firstChildOfType(part, 'identifier');
      if (!name) return undefined;
      names.push(name.text);
    } else if (part.type === 'index' || part.type === 'splat') {
      continue;
    } else {
      return undefined;
    }
  }
  return { root: head.text, names };
}

/** `data.aws_iam_policy_document.NAME.json` (or `minified_json`): the document's name. */
export function policyDocumentReference(node: HclNode): string | undefined {
  const target = unwrapExpression(node);
  const traversal = traversalOf(target);
  if (traversal && traversal.root === 'data' && traversal.names[0] === 'aws_iam_policy_document' && traversal.names.length === 3 && /^(minified_)?json$/.test(traversal.names[2]!)) {
    return traversal.names[1];
  }
  // `"${data.aws_iam_policy_document.x.json}"`, the Terraform 0.11 spelling of the same reference.
  const single = singleInterpolation(target);
  return single ? policyDocumentReference(single) : undefined;
}

/** The expression of a string template that is one interpolation and nothing else (`"${x}"`). */
export function singleInterpolation(node: HclNode): HclNode | undefined {
  const template = node.type === 'template_expr' ? node.namedChild(0) : node;
  if (!template || template.type !== 'quoted_template') return undefined;
  const inner = template.namedChildren.filter((child): child is HclNode => child !== null && child.type !== 'quoted_template_start' && child.type !== 'quoted_template_end');
  if (inner.length !== 1 || inner[0]!.type !== 'template_interpolation') return undefined;
  return firstChildOfType(inner[0]!, 'expression');
}

/** The hole for an expression node used as a whole value or interpolated (`interpolation` node). */
export function holeFor(node: HclNode, interpolation?: HclNode): Hole {
  const source = (interpolation ?? node).text;
  const target = unwrapExpression(node);
  const expression = node.text.trim();
  const traversal = traversalOf(target);
  if (traversal) return referenceHole(traversal, source, expression);
  if (target.type === 'function_call') return computedHole(source, expression, firstChildOfType(target, 'identifier')?.text ?? 'value');
  return computedHole(source, expression, 'value');
}

/** A text that is one hole: how a whole-value reference enters the host tree. */
export function holeText(node: HclNode, hole: Hole, range: HostRange = hclRange(node)): HostText {
  return { kind: 'text', range, parts: [{ kind: 'hole', hole, range }], style: 'hcl', template: 'hcl' };
}

/**
 * A decoded string: its characters with the host range of each (an escape spans several host
 * characters), and the holes that stand between them.
 */
export interface DecodedString {
  /** Literal characters; a hole takes one character, `HOLE_CHAR`, at its place. */
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Text index of a hole character → the hole and its host range. */
  readonly holes: ReadonlyMap<number, { readonly hole: Hole; readonly range: HostRange }>;
  /** Where the content starts and ends in the host (between the quotes or heredoc markers). */
  readonly range: HostRange;
}

/** The character that stands for a hole in a decoded string (a private-use character). */
export const HOLE_CHAR = '\uE000';

const HCL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Decodes a quoted string or heredoc node (`string_lit`, `template_expr`, `quoted_template`,
 * `heredoc_template`). Quoted strings decode HCL's escapes (`\n`, `\"`, `\uNNNN`, ...); both decode
 * `$${` and `%%{` to `${` and `%{`. Interpolations and directives become holes. A `<<-` heredoc
 * keeps its indentation: the policies read from heredocs are JSON, where it is insignificant.
 */
export function decodeString(node: HclNode, host: string): DecodedString | undefined {
  const template = node.type === 'template_expr' ? node.namedChild(0) : node;
  if (!template) return undefined;
  const quoted = template.type === 'quoted_template' || template.type === 'string_lit';
  if (!quoted && template.type !== 'heredoc_template') return undefined;
  let contentStart: number;
  let contentEnd: number;
  const holeNodes: HclNode[] = [];
  if (quoted) {
    const open = firstChildOfType(template, 'quoted_template_start');
    const close = firstChildOfType(template, 'quoted_template_end');
    contentStart = open ? open.endIndex : template.startIndex;
    contentEnd = close && !close.isMissing ? close.startIndex : template.endIndex;
  } else {
    const identifiers = childrenOfType(template, 'heredoc_identifier');
    const opening = identifiers[0];
    const afterOpening = opening ? host.indexOf('\n', opening.endIndex) : -1;
    contentStart = afterOpening < 0 ? template.endIndex : afterOpening + 1;
    const closing = identifiers.length > 1 ? identifiers[identifiers.length - 1]! : undefined;
    contentEnd = closing ? host.lastIndexOf('\n', closing.startIndex) + 1 : template.endIndex;
    if (contentEnd < contentStart) contentEnd = contentStart;
  }
  for (const child of template.namedChildren) {
    if (child && (child.type === 'template_interpolation' || child.type === 'template_directive')) holeNodes.push(child);
  }
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const holes = new Map<number, { hole: Hole; range: HostRange }>();
  const push = (chars: string, start: number, end: number): void => {
    for (const ch of chars) {
      // A character outside the basic plane is two UTF-16 units; both map to the escape or character.
      for (let unit = 0; unit < ch.length; unit++) {
        text += ch[unit];
        starts.push(start);
        ends.push(end);
      }
    }
  };
  const literal = (from: number, to: number): void => {
    let i = from;
    while (i < to) {
      const c = host[i]!;
      if (c === '$' && host.startsWith('$${', i) && i + 3 <= to) {
        push('${', i, i + 3);
        i += 3;
      } else if (c === '%' && host.startsWith('%%{', i) && i + 3 <= to) {
        push('%{', i, i + 3);
        i += 3;
      } else if (quoted && c === '\\' && i + 1 < to) {
        const next = host[i + 1]!;
        const simple = HCL_ESCAPES[next];
        if (simple !== undefined) {
          push(simple, i, i + 2);
          i += 2;
        } else if ((next === 'u' || next === 'U') && /^[0-9a-fA-F]+$/.test(host.slice(i + 2, i + (next === 'u' ? 6 : 10)))) {
          const width = next === 'u' ? 4 : 8;
          const code = parseInt(host.slice(i + 2, i + 2 + width), 16);
          push(code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD', i, i + 2 + width);
          i += 2 + width;
        } else {
          push(c, i, i + 1);
          i += 1;
        }
      } else {
        push(c, i, i + 1);
        i += 1;
      }
    }
  };
  let cursor = contentStart;
  for (const holeNode of holeNodes) {
    if (holeNode.startIndex < cursor || holeNode.endIndex > contentEnd) continue;
    literal(cursor, holeNode.startIndex);
    const expression = holeNode.type === 'template_interpolation' ? firstChildOfType(holeNode, 'expression') : undefined;
    const hole = expression ? holeFor(expression, holeNode) : computedHole(holeNode.text, undefined, 'value');
    holes.set(text.length, { hole, range: hclRange(holeNode) });
    text += HOLE_CHAR;
    starts.push(holeNode.startIndex);
    ends.push(holeNode.endIndex);
    cursor = holeNode.endIndex;
  }
  literal(cursor, contentEnd);
  return { text, starts, ends, holes, range: { start: contentStart, end: contentEnd } };
}

/** The host node of a decoded string range `[from, to)`: a scalar, or a text when it has holes. */
export function decodedToNode(decoded: DecodedString, from: number, to: number, range: HostRange, style: 'hcl' | 'json' | 'other'): HostNode {
  const parts: TextPart[] = [];
  let value = '';
  let offsets: number[] = [];
  let literalStart = -1;
  const flush = (endIndex: number): void => {
    if (literalStart < 0) return;
    offsets.push(decoded.ends[endIndex - 1]!);
    parts.push({ kind: 'literal', value, offsets, range: { start: decoded.starts[literalStart]!, end: decoded.ends[endIndex - 1]! } });
    value = '';
    offsets = [];
    literalStart = -1;
  };
  for (let i = from; i < to; i++) {
    const hole = decoded.holes.get(i);
    if (hole) {
      flush(i);
      parts.push({ kind: 'hole', hole: hole.hole, range: hole.range });
      continue;
    }
    if (literalStart < 0) literalStart = i;
    value += decoded.text[i];
    offsets.push(decoded.starts[i]!);
  }
  flush(to);
  if (parts.length === 0) return { kind: 'scalar', range, value: '', style, offsets: [range.start === range.end ? range.start : decoded.range.start] };
  if (parts.length === 1 && parts[0]!.kind === 'literal') return { kind: 'scalar', range, value: parts[0]!.value, style, offsets: parts[0]!.offsets };
  return { kind: 'text', range, parts, style, template: 'hcl' };
}


/** How deep values nest before the rest is a hole (policies nest four levels). */
const MAX_DEPTH = 64;

/** Functions whose result is the concatenation of their list arguments, as far as a policy is concerned. */
const LIST_FUNCTIONS = new Set(['tolist', 'toset', 'concat', 'flatten', 'distinct', 'compact', 'sort']);

/**
 * An HCL expression as a host node: what `jsonencode` encodes and what the arguments of
 * `aws_iam_policy_document` hold. Whatever Terraform computes (references, function calls,
 * conditionals, `for` expressions) is a hole.
 */
export function expressionToNode(node: HclNode, host: string, depth = 0): HostNode {
  const target = unwrapExpression(node);
  // Deeper than any policy: a hole, so that no input can exhaust the stack.
  if (depth > MAX_DEPTH) return holeText(node, holeFor(node));
  switch (target.type) {
    case 'literal_value': {
      const literal = target.namedChild(0);
      if (literal?.type === 'string_lit') {
        const decoded = decodeString(literal, host);
        if (decoded) return decodedToNode(decoded, 0, decoded.text.length, hclRange(literal), 'hcl');
      }
      if (literal?.type === 'numeric_lit') return { kind: 'scalar', range: hclRange(literal), value: Number(literal.text), style: 'hcl' };
      if (literal?.type === 'bool_lit') return { kind: 'scalar', range: hclRange(literal), value: literal.text === 'true', style: 'hcl' };
      if (literal?.type === 'null_lit') return { kind: 'scalar', range: hclRange(literal), value: null, style: 'hcl' };
      break;
    }
    case 'template_expr':
    case 'quoted_template':
    case 'heredoc_template':
    case 'string_lit': {
      const decoded = decodeString(target, host);
      if (decoded) return decodedToNode(decoded, 0, decoded.text.length, hclRange(target), 'hcl');
      break;
    }
    case 'collection_value': {
      const collection = target.namedChild(0);
      if (collection?.type === 'tuple') {
        const items = childrenOfType(collection, 'expression').map((item) => expressionToNode(item, host, depth + 1));
        return { kind: 'seq', range: hclRange(collection), items };
      }
      if (collection?.type === 'object') return objectToNode(collection, host, depth + 1);
      break;
    }
    case 'function_call': {
      const name = firstChildOfType(target, 'identifier')?.text ?? '';
      const args = firstChildOfType(target, 'function_arguments');
      if (LIST_FUNCTIONS.has(name) && args) {
        const items: HostNode[] = [];
        for (const argument of childrenOfType(args, 'expression')) {
          const value = expressionToNode(argument, host, depth + 1);
          if (value.kind === 'seq') items.push(...value.items);
          else items.push(value);
        }
        return { kind: 'seq', range: hclRange(target), items };
      }
      break;
    }
    default:
      break;
  }
  return holeText(node, holeFor(node));
}

/** An HCL object (`{ Effect = "Allow", "Action" : [...] }`) as a host map. */
export function objectToNode(object: HclNode, host: string, depth = 0): HostMap {
  const entries: HostEntry[] = [];
  for (const element of childrenOfType(object, 'object_elem')) {
    const keyNode = element.childForFieldName('key');
    const valueNode = element.childForFieldName('val');
    if (!keyNode) continue;
    const key = objectKey(keyNode, host);
    if (!key) continue;
    entries.push({ key: key.key, keyRange: key.range, ...(key.offsets ? { keyOffsets: key.offsets } : {}), value: valueNode ? expressionToNode(valueNode, host, depth + 1) : undefined, range: hclRange(element) });
  }
  return { kind: 'map', range: hclRange(object), entries };
}

/** The key of an object element: a bare identifier, a string, or a computed key (its sample). */
function objectKey(node: HclNode, host: string): { key: string; range: HostRange; offsets?: number[] } | undefined {
  const target = unwrapExpression(node);
  if (target.type === 'variable_expr') {
    const start = target.startIndex;
    return { key: target.text, range: hclRange(target), offsets: Array.from({ length: target.text.length + 1 }, (_, i) => start + i) };
  }
  const value = expressionToNode(node, host);
  if (value.kind === 'scalar' && typeof value.value === 'string') return { key: value.value, range: hclRange(target), ...(value.offsets ? { offsets: [...value.offsets] } : {}) };
  const text = sampleText(value);
  return text === undefined ? undefined : { key: text, range: hclRange(target) };
}
