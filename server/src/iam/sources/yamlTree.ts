/**
 * YAML text → host tree through the `yaml` package's document model (which keeps ranges and custom
 * tags). A tagged node such as CloudFormation's `!Sub 'arn:...'` becomes a one-entry map
 * `{ "Fn::Sub": ... }` whose key range is the tag, so that templates in YAML and JSON look the same
 * to the template reader.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { CharOffsets, HostEntry, HostNode, HostRange, ScalarStyle } from './hostTree';
import { MAX_NESTING_DEPTH } from '../document/jsonNesting';

export interface YamlTreeResult {
  readonly root: HostNode | undefined;
  /** Syntax errors with their ranges (YAML the host cannot read). */
  readonly errors: ReadonlyArray<{ readonly message: string; readonly range: HostRange }>;
  readonly truncated: boolean;
  /**
   * Where the YAML nests too deep to read: values past MAX_NESTING_DEPTH, and the place where the YAML
   * parser itself ran out of stack (it recurses per flow level), for POLICY_TOO_DEEP.
   */
  readonly tooDeep: readonly HostRange[];
}

/** The long form of a CloudFormation short-form tag (`!Sub` → `Fn::Sub`, `!Ref` → `Ref`). */
function longFormOfTag(tag: string): string {
  const name = tag.startsWith('!') ? tag.slice(1) : tag;
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** The host offsets of a YAML scalar's characters, verified against its value; undefined if unsure. */
function scalarOffsets(text: string, type: string | undefined, value: string, start: number, end: number): CharOffsets | undefined {
  const offsets: number[] = [];
  if (type === 'PLAIN') {
    if (text.slice(start, start + value.length) !== value) return undefined;
    for (let i = 0; i <= value.length; i++) offsets.push(start + i);
    return offsets;
  }
  if (type === 'QUOTE_SINGLE') {
    let i = start + 1;
    for (let k = 0; k < value.length; k++) {
      if (text[i] === '\n' || text[i] === '\r') return undefined;
      if (text[i] === "'" && text[i + 1] === "'") {
        offsets.push(i);
        i += 2;
        continue;
      }
      if (text[i] !== value[k]) return undefined;
      offsets.push(i);
      i++;
    }
    offsets.push(i);
    return offsets;
  }
  if (type === 'QUOTE_DOUBLE') {
    let i = start + 1;
    for (let k = 0; k < value.length; k++) {
      if (text[i] === '\n' || text[i] === '\r') return undefined;
      offsets.push(i);
      if (text[i] === '\\') {
        const next = text[i + 1];
        const width = next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
        // An 8-digit escape may stand for two UTF-16 code units.
        if (next === 'U' && value.charCodeAt(k) >= 0xd800 && value.charCodeAt(k) <= 0xdbff) {
          k++;
          offsets.push(i);
        }
        i += width;
      } else {
        if (text[i] !== value[k]) return undefined;
        i++;
      }
    }
    offsets.push(i);
    return offsets;
  }
  if (type === 'BLOCK_LITERAL') {
    // Content starts on the line after the header (`|`, `|-`, `|2`...); each line loses the block's
    // indentation, which is the indentation of its first non-empty line.
    const headerEnd = text.indexOf('\n', start);
    if (headerEnd < 0 || headerEnd >= end) return value.length === 0 ? [start] : undefined;
    let indent = -1;
    let lineStart = headerEnd + 1;
    while (lineStart < end) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const line = text.slice(lineStart, lineEnd);
      if (indent < 0 && line.trim() !== '') indent = line.length - line.trimStart().length;
      const from = indent < 0 ? line.length : Math.min(indent, line.length);
      for (let i = lineStart + from; i < lineEnd; i++) offsets.push(i);
      offsets.push(lineEnd);
      lineStart = lineEnd + 1;
    }
    if (offsets.length < value.length) return undefined;
    const result = offsets.slice(0, value.length);
    for (let k = 0; k < value.length; k++) {
      const ch = text[result[k]!];
      if (ch !== value[k] && !(value[k] === '\n' && (ch === undefined || ch === '\r' || ch === '\n'))) return undefined;
    }
    result.push(value.length === 0 ? start : (result[value.length - 1] ?? start) + 1);
    return result;
  }
  return undefined;
}

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'yaml-plain',
  QUOTE_SINGLE: 'yaml-single',
  QUOTE_DOUBLE: 'yaml-double',
  BLOCK_LITERAL: 'yaml-block',
  BLOCK_FOLDED: 'yaml-block',
};

/** Where a tag written before a node starts: the tag text ends before the node's own range. */
function tagRange(text: string, tag: string, nodeStart: number): HostRange {
  const short = tag.startsWith('tag:') ? undefined : tag;
  if (!short) return { start: nodeStart, end: nodeStart };
  const at = text.lastIndexOf(short, nodeStart);
  return at >= 0 && nodeStart - at < 200 ? { start: at, end: at + short.length } : { start: nodeStart, end: nodeStart };
}

/** The most nodes that aliases may add to one document's tree (far more than any template repeats). */
const MAX_ALIAS_NODES = 10_000;

/**
 * Where a quoted scalar that spans lines has a continuation line indented no more than the key (or
 * `-`) that holds it: the offsets of those lines' starts, with the spaces each needs. YAML 1.2 wants
 * such lines indented more than their block (section 7.3, "Flow Scalar Styles", `s-flow-line-prefix`),
 * but lenient parsers such as PyYAML read them, and published AWS sample templates rely on it: a
 * policy written as `PolicyDocument: !Sub '{` whose closing `}'` sits at the key's indentation.
 */
function underIndentedQuotedLines(text: string): Array<{ at: number; spaces: number }> {
  const out: Array<{ at: number; spaces: number }> = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    offset += line.length + 1;
    // A key or sequence item whose value opens a quoted scalar: `Key: !Tag '...`, `- "...`.
    const opening = /^( *)((?:- +)*)(?:[^\s#'"][^#'"]*?: +)?(?:![A-Za-z0-9:]+ +)?(['"])/.exec(line);
    if (!opening) continue;
    const quote = opening[3]!;
    const closes = (content: string, from: number): number => {
      for (let i = from; i < content.length; i++) {
        if (quote === "'" && content[i] === "'") {
          if (content[i + 1] === "'") {
            i++;
            continue;
          }
          return i;
        }
        if (quote === '"' && content[i] === '\\') {
          i++;
          continue;
        }
        if (quote === '"' && content[i] === '"') return i;
      }
      return -1;
    };
    if (closes(line, opening[0].length) >= 0) continue;
    const required = opening[1]!.length + opening[2]!.length + 1;
    let next = index + 1;
    let nextStart = offset;
    for (; next < lines.length; next++) {
      const continuation = lines[next]!;
      const indent = continuation.length - continuation.trimStart().length;
      if (continuation.trim() !== '' && indent < required) out.push({ at: nextStart, spaces: required - indent });
      const closed = closes(continuation, 0) >= 0;
      nextStart += continuation.length + 1;
      if (closed) break;
    }
    index = next;
    offset = nextStart;
  }
  return out;
}

/** Moves every range and character offset of a host tree through `map`. */
function mapTree(node: HostNode, map: (offset: number) => number): HostNode {
  const range = (r: HostRange): HostRange => ({ start: map(r.start), end: map(r.end) });
  switch (node.kind) {
    case 'map':
      return { ...node, range: range(node.range), entries: node.entries.map((entry) => ({ ...entry, keyRange: range(entry.keyRange), range: range(entry.range), ...(entry.keyOffsets ? { keyOffsets: entry.keyOffsets.map(map) } : {}), value: entry.value ? mapTree(entry.value, map) : undefined })) };
    case 'seq':
      return { ...node, range: range(node.range), items: node.items.map((item) => mapTree(item, map)) };
    case 'scalar':
      return { ...node, range: range(node.range), ...(node.offsets ? { offsets: node.offsets.map(map) } : {}) };
    case 'text':
      return { ...node, range: range(node.range), parts: node.parts.map((part) => ({ ...part, range: range(part.range), ...(part.kind === 'literal' && part.offsets ? { offsets: part.offsets.map(map) } : {}) })) };
  }
}

/**
 * Parses one YAML document into a host tree. Never throws. A quoted scalar whose continuation lines
 * are indented no more than its key (see `underIndentedQuotedLines`) is read as lenient parsers read it:
 * the text is read again with those lines indented one column more, and every range is mapped back.
 */
export function readYamlTree(text: string): YamlTreeResult & { document?: Document } {
  const result = readYamlText(text);
  if (!result.errors.some((error) => /^Missing closing ["']quote/.test(error.message))) return result;
  const insertions = underIndentedQuotedLines(text);
  if (insertions.length === 0) return result;
  let fixed = '';
  let from = 0;
  for (const { at, spaces } of insertions) {
    fixed += text.slice(from, at) + ' '.repeat(spaces);
    from = at;
  }
  fixed += text.slice(from);
  const again = readYamlText(fixed);
  if (again.errors.length >= result.errors.length) return result;
  // An offset of the indented text → the same place in `text` (inside added spaces: the line's start).
  const back = (offset: number): number => {
    let added = 0;
    for (const { at, spaces } of insertions) {
      if (at + added > offset) break;
      if (offset < at + added + spaces) return at;
      added += spaces;
    }
    return offset - added;
  };
  return {
    root: again.root ? mapTree(again.root, back) : undefined,
    errors: again.errors.map((error) => ({ message: error.message, range: { start: back(error.range.start), end: back(error.range.end) } })),
    truncated: again.truncated,
    tooDeep: again.tooDeep.map((r) => ({ start: back(r.start), end: back(r.end) })),
  };
}

/** Parses one YAML document into a host tree, as written. */
function readYamlText(text: string): YamlTreeResult & { document?: Document } {
  let document: Document;
  try {
    document = parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false, version: '1.2', logLevel: 'silent' });
  } catch {
    return { root: undefined, errors: [], truncated: true, tooDeep: [] };
  }
  const errors = document.errors.map((error) => ({ message: error.message.split('\n')[0] ?? error.message, range: { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) } }));
  let truncated = false;
  const tooDeep: HostRange[] = [];
  // Nodes read through aliases so far: an alias of an alias of ... repeats its anchor's nodes, so a
  // few lines can stand for billions of them ("billion laughs"). Past the budget an alias reads as an
  // unknown value (a hole: nothing is reported on it), and the outermost alias being read is reported.
  let aliasNodes = 0;
  let aliasDepth = 0;
  let outerAlias: HostRange | undefined;
  let aliasOverflow: HostRange | undefined;
  const rangeOf = (node: YamlNode): HostRange => {
    const r = node.range;
    return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
  };
  const convert = (node: YamlNode | null | undefined, depth: number, fallback: HostRange): HostNode | undefined => {
    // Past the bound of JSON policies (iam/document/jsonNesting.ts): `depth` containers hold this node.
    if (depth >= MAX_NESTING_DEPTH) {
      truncated = true;
      tooDeep.push(node ? rangeOf(node as YamlNode) : fallback);
      return undefined;
    }
    if (node === null || node === undefined) return { kind: 'scalar', range: fallback, value: null, style: 'yaml-plain' };
    if (aliasDepth > 0 && ++aliasNodes > MAX_ALIAS_NODES) {
      truncated = true;
      aliasOverflow ??= outerAlias;
      return { kind: 'text', range: fallback, parts: [{ kind: 'hole', hole: { sample: 'value', shaped: false, source: 'a YAML alias', description: `a value that YAML aliases repeat past ${MAX_ALIAS_NODES.toLocaleString('en-US')} nodes, which is not read` }, range: fallback }], style: 'other' };
    }
    if (isAlias(node)) {
      // Aliases are rare in templates; the anchor's value is read in their place, within the budget.
      const target = node.resolve(document);
      if (!target) return { kind: 'scalar', range: rangeOf(node), value: null, style: 'other' };
      if (aliasDepth === 0) outerAlias = rangeOf(node);
      aliasDepth++;
      try {
        return convert(target as YamlNode, depth + 1, rangeOf(node));
      } finally {
        aliasDepth--;
      }
    }
    const tag = (node as { tag?: string }).tag;
    const inner = convertUntagged(node, depth);
    if (tag && tag.startsWith('!') && !tag.startsWith('!!') && inner) {
      const range = rangeOf(node);
      const keyRange = tagRange(text, tag, range.start);
      return { kind: 'map', range: { start: keyRange.start, end: range.end }, entries: [{ key: longFormOfTag(tag), keyRange, value: inner, range: { start: keyRange.start, end: range.end } }] };
    }
    return inner;
  };
  const convertUntagged = (node: YamlNode, depth: number): HostNode | undefined => {
    if (isScalar(node)) {
      const range = rangeOf(node);
      const value = node.value;
      const type = node.type;
      if (typeof value === 'string') {
        return { kind: 'scalar', range, value, style: STYLES[type ?? ''] ?? 'other', offsets: scalarOffsets(text, type, value, range.start, range.end) };
      }
      // `Key:` or `- ` with nothing after it while typing: an empty string at that place, so that
      // completion there works as it does inside `""` in JSON.
      if (value === null && range.start === range.end) return { kind: 'scalar', range, value: '', style: 'yaml-plain', offsets: [range.start] };
      if (typeof value === 'number' || typeof value === 'boolean' || value === null) return { kind: 'scalar', range, value, style: STYLES[type ?? ''] ?? 'other' };
      // Dates and other resolved types are kept as the source text.
      return { kind: 'scalar', range, value: text.slice(range.start, range.end), style: 'other' };
    }
    if (isMap(node)) {
      const entries: HostEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        if (!keyNode || !isScalar(keyNode)) continue;
        const keyRange = rangeOf(keyNode);
        const key = String(keyNode.value ?? '');
        const valueNode = pair.value as YamlNode | null;
        const valueRange = valueNode ? rangeOf(valueNode) : { start: keyRange.end + 1, end: keyRange.end + 1 };
        // `Key:` with nothing after it: the value is null, positioned after the colon.
        const colon = text.indexOf(':', keyRange.end);
        const emptyAt = colon >= 0 && colon - keyRange.end < 10 ? colon + 1 : keyRange.end;
        const value = valueNode ? convert(valueNode, depth + 1, valueRange) : { kind: 'scalar' as const, range: { start: emptyAt, end: emptyAt }, value: null, style: 'yaml-plain' as const };
        entries.push({
          key,
          keyRange,
          keyOffsets: typeof keyNode.value === 'string' ? scalarOffsets(text, keyNode.type, keyNode.value, keyRange.start, keyRange.end) : undefined,
          value,
          range: { start: keyRange.start, end: value ? Math.max(value.range.end, keyRange.end) : keyRange.end },
        });
      }
      return { kind: 'map', range: rangeOf(node), entries };
    }
    if (isSeq(node)) {
      const items: HostNode[] = [];
      for (const item of node.items) {
        const converted = convert(item as YamlNode | null, depth + 1, rangeOf(node));
        if (converted) items.push(converted);
      }
      return { kind: 'seq', range: rangeOf(node), items };
    }
    return undefined;
  };
  const root = document.contents ? convert(document.contents as YamlNode, 0, { start: 0, end: 0 }) : undefined;
  // Where the parser ran out of stack (deeper still), unless a too-deep value read above holds it.
  for (const error of errors) {
    if (/Maximum call stack/i.test(error.message) && !tooDeep.some((range) => range.start <= error.range.start && error.range.start < range.end)) tooDeep.push(error.range);
  }
  if (aliasOverflow) errors.push({ message: `Aliases here repeat more than ${MAX_ALIAS_NODES.toLocaleString('en-US')} nodes (a "billion laughs" document), so what they repeat is not read`, range: aliasOverflow });
  return { root, errors, truncated, tooDeep, document };
}
