/**
 * Prints an embedded policy (a host tree) as JSON policy text — the *virtual policy* — for the
 * unchanged parser, validators, completion, hover and evaluator, and keeps the map between the two
 * texts: every node, key and string character of the virtual text knows where it came from in the
 * host text. Holes (values the host computes at deploy time) are printed as their samples and
 * remembered, so that findings caused by an unknown value can be told apart.
 */
import type { CharOffsets, Hole, HostNode, HostRange, ScalarStyle } from './hostTree';

/** One printed node (or key) with its virtual span and its host range. */
export interface MappedNode {
  /** Virtual span, half-open. For strings it includes the quotes. */
  readonly vStart: number;
  readonly vEnd: number;
  readonly host: HostRange;
  readonly kind: 'map' | 'seq' | 'scalar' | 'text' | 'key';
  /** For strings and keys: the host offset of each content character, plus the end (see CharOffsets). */
  readonly offsets?: CharOffsets;
  /** For texts: the virtual start of each part, with the part. */
  readonly parts?: readonly MappedPart[];
  /** The host node, for rendering edits. */
  readonly node?: HostNode;
  /** For keys: the key text. */
  readonly key?: string;
  /** How the host wrote the value or key. */
  readonly style?: ScalarStyle;
  /** For keys: the key stands for several host keys (see HostEntry.keyShared), so it takes no edit. */
  readonly shared?: boolean;
  /** Depth in the tree: deeper nodes win when several contain an offset. */
  readonly depth: number;
}

/** A part of a printed text: literal characters or a hole, with virtual offsets of its content. */
export interface MappedPart {
  readonly vStart: number;
  readonly vEnd: number;
  readonly host: HostRange;
  readonly offsets?: CharOffsets;
  readonly hole?: Hole;
}

/** A hole in the virtual text, with the string literal that holds it. */
export interface VirtualHole {
  readonly vStart: number;
  readonly vEnd: number;
  /** The virtual span of the whole string literal (quotes included) that holds the hole. */
  readonly literalStart: number;
  readonly literalEnd: number;
  readonly hole: Hole;
  readonly host: HostRange;
}

/** The virtual policy text and its map to the host. */
export interface VirtualPolicy {
  readonly text: string;
  /** Every printed node and key, in printing order (parents before children). */
  readonly nodes: readonly MappedNode[];
  readonly holes: readonly VirtualHole[];
}

/** Characters that JSON.stringify escapes: when a string has none, its characters map one to one. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;

/** Prints a host tree as JSON text with its map. Never throws; depth is bounded by the host tree. */
export function printVirtualPolicy(root: HostNode): VirtualPolicy {
  const out: string[] = [];
  let length = 0;
  const nodes: MappedNode[] = [];
  const holes: VirtualHole[] = [];
  const write = (text: string) => {
    out.push(text);
    length += text.length;
  };

  const writeString = (value: string): { start: number; exact: boolean } => {
    const start = length;
    const exact = !NEEDS_ESCAPE.test(value);
    write(exact ? `"${value}"` : JSON.stringify(value));
    return { start, exact };
  };

  // An explicit stack instead of recursion: host trees come from user text of any depth.
  type Task =
    | { node: HostNode; depth: number; indent: string }
    | { write: string }
    | { close: number }
    | { key: string; range: HostRange; offsets?: CharOffsets; depth: number; shared?: boolean };
  const stack: Task[] = [{ node: root, depth: 0, indent: '' }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('write' in task) {
      write(task.write);
      continue;
    }
    if ('close' in task) {
      nodes[task.close] = { ...nodes[task.close]!, vEnd: length };
      continue;
    }
    if ('key' in task) {
      const start = length;
      const { exact } = writeString(task.key);
      nodes.push({ vStart: start, vEnd: length, host: task.range, kind: 'key', key: task.key, offsets: exact ? task.offsets : undefined, depth: task.depth, ...(task.shared ? { shared: true } : {}) });
      continue;
    }
    const { node, depth, indent } = task;
    switch (node.kind) {
      case 'scalar': {
        const start = length;
        if (typeof node.value === 'string') {
          const { exact } = writeString(node.value);
          nodes.push({ vStart: start, vEnd: length, host: node.range, kind: 'scalar', offsets: exact ? node.offsets : undefined, node, style: node.style, depth });
        } else {
          write(node.value === null ? 'null' : typeof node.value === 'number' && !Number.isFinite(node.value) ? 'null' : String(node.value));
          nodes.push({ vStart: start, vEnd: length, host: node.range, kind: 'scalar', node, style: node.style, depth });
        }
        break;
      }
      case 'text': {
        const start = length;
        write('"');
        const parts: MappedPart[] = [];
        const literalHoles: Array<Omit<VirtualHole, 'literalStart' | 'literalEnd'>> = [];
        for (const part of node.parts) {
          const text = part.kind === 'literal' ? part.value : part.hole.sample;
          const partStart = length;
          const exact = !NEEDS_ESCAPE.test(text);
          write(exact ? text : JSON.stringify(text).slice(1, -1));
          if (part.kind === 'literal') parts.push({ vStart: partStart, vEnd: length, host: part.range, offsets: exact ? part.offsets : undefined });
          else {
            parts.push({ vStart: partStart, vEnd: length, host: part.range, hole: part.hole });
            literalHoles.push({ vStart: partStart, vEnd: length, hole: part.hole, host: part.range });
          }
        }
        write('"');
        for (const hole of literalHoles) holes.push({ ...hole, literalStart: start, literalEnd: length });
        nodes.push({ vStart: start, vEnd: length, host: node.range, kind: 'text', parts, node, style: node.style, depth });
        break;
      }
      case 'map': {
        const index = nodes.length;
        nodes.push({ vStart: length, vEnd: length, host: node.range, kind: 'map', node, depth });
        if (node.entries.length === 0) {
          write('{}');
            nodes[index] = { ...nodes[index]!, vEnd: length };
          break;
        }
        write('{');
        const inner = indent + '  ';
        const tasks: Task[] = [];
        node.entries.forEach((entry, i) => {
          tasks.push({ write: `${i === 0 ? '' : ','}\n${inner}` });
          tasks.push({ key: entry.key, range: entry.keyRange, offsets: entry.keyOffsets, depth: depth + 1, ...(entry.keyShared ? { shared: true } : {}) });
          tasks.push({ write: ': ' });
          // A key without a value (being typed) is printed with an empty string, mapped to the end of
          // the entry, so that completion after `Action:` works as it does inside `"Action": ""`.
          tasks.push(entry.value ? { node: entry.value, depth: depth + 1, indent: inner } : { node: { kind: 'scalar', range: { start: entry.range.end, end: entry.range.end }, value: '', style: 'other', offsets: [entry.range.end] }, depth: depth + 1, indent: inner });
        });
        tasks.push({ write: `\n${indent}}` });
        tasks.push({ close: index });
        for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i]!);
        break;
      }
      case 'seq': {
        const index = nodes.length;
        nodes.push({ vStart: length, vEnd: length, host: node.range, kind: 'seq', node, depth });
        if (node.items.length === 0) {
          write('[]');
          nodes[index] = { ...nodes[index]!, vEnd: length };
          break;
        }
        write('[');
        const inner = indent + '  ';
        const tasks: Task[] = [];
        node.items.forEach((item, i) => {
          tasks.push({ write: `${i === 0 ? '' : ','}\n${inner}` });
          tasks.push({ node: item, depth: depth + 1, indent: inner });
        });
        tasks.push({ write: `\n${indent}]` });
        tasks.push({ close: index });
        for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i]!);
        break;
      }
    }
  }
  return { text: out.join(''), nodes, holes };
}

/** The host offset of a virtual offset inside a string's content, when its characters map one to one. */
function contentOffset(vStart: number, offsets: CharOffsets | undefined, virtualOffset: number): number | undefined {
  if (!offsets) return undefined;
  const index = virtualOffset - vStart;
  if (index < 0 || index >= offsets.length) return undefined;
  return offsets[index];
}

/** The deepest mapped node whose virtual span contains `[start, end)`. */
export function nodeAtVirtual(policy: VirtualPolicy, start: number, end: number = start): MappedNode | undefined {
  let best: MappedNode | undefined;
  for (const node of policy.nodes) {
    if (node.vStart <= start && end <= node.vEnd) {
      if (!best || node.vEnd - node.vStart < best.vEnd - best.vStart || (node.vEnd - node.vStart === best.vEnd - best.vStart && node.depth >= best.depth)) best = node;
    }
  }
  return best;
}

/** Maps a virtual span to a host range: exactly where characters map, else the enclosing node. */
export function virtualToHost(policy: VirtualPolicy, start: number, end: number): HostRange {
  const node = nodeAtVirtual(policy, start, end);
  if (!node) {
    const first = policy.nodes[0];
    return first ? first.host : { start: 0, end: 0 };
  }
  if (start === node.vStart && end === node.vEnd) return node.host;
  if (node.kind === 'scalar' || node.kind === 'key') {
    const from = contentOffset(node.vStart + 1, node.offsets, start);
    const to = contentOffset(node.vStart + 1, node.offsets, end);
    if (from !== undefined && to !== undefined && to >= from) return { start: from, end: to };
    return node.host;
  }
  if (node.kind === 'text' && node.parts) {
    let from: number | undefined;
    let to: number | undefined;
    for (const part of node.parts) {
      if (from === undefined && start >= part.vStart && start <= part.vEnd) from = part.hole ? part.host.start : (contentOffset(part.vStart, part.offsets, start) ?? part.host.start);
      if (end >= part.vStart && end <= part.vEnd && (to === undefined || end > part.vStart)) to = part.hole ? part.host.end : (contentOffset(part.vStart, part.offsets, end) ?? part.host.end);
    }
    if (from !== undefined && to !== undefined && to >= from) return { start: from, end: to };
    return node.host;
  }
  return node.host;
}

/**
 * Maps a host offset to a virtual offset, for completion and hover: inside a string, to the same
 * character of its content; elsewhere to the start of the deepest node whose host range holds it.
 */
export function hostToVirtual(policy: VirtualPolicy, hostOffset: number): number | undefined {
  let best: MappedNode | undefined;
  for (const node of policy.nodes) {
    if (node.host.start <= hostOffset && hostOffset <= node.host.end) {
      if (!best || node.host.end - node.host.start < best.host.end - best.host.start || (node.host.end - node.host.start === best.host.end - best.host.start && node.depth > best.depth)) best = node;
    }
  }
  if (!best) return undefined;
  if ((best.kind === 'scalar' || best.kind === 'key') && best.offsets) {
    const index = best.offsets.indexOf(hostOffset);
    if (index >= 0) return best.vStart + 1 + index;
    // Between mapped characters (an escape sequence): the nearest character before.
    for (let i = best.offsets.length - 1; i >= 0; i--) if (best.offsets[i]! <= hostOffset) return best.vStart + 1 + i;
  }
  if (best.kind === 'text' && best.parts) {
    for (const part of best.parts) {
      if (hostOffset < part.host.start || hostOffset > part.host.end) continue;
      if (part.hole) return part.vStart;
      if (part.offsets) {
        const index = part.offsets.indexOf(hostOffset);
        if (index >= 0) return part.vStart + index;
      }
      return part.vStart;
    }
  }
  if (best.kind === 'scalar' && typeof (best.node as { value?: unknown } | undefined)?.value === 'string') return best.vStart + 1;
  return best.vStart;
}
