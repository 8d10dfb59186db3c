/**
 * Test helpers for host trees: the plain JSON value of a host node (holes replaced by their
 * samples), and the host text at a range.
 */
import { sampleText, type HostNode, type HostRange } from '../../../server/src/iam/sources/hostTree';

/** The JSON value a host node stands for, each hole replaced by its sample. */
export function flatten(node: HostNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'map':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, flatten(entry.value)]));
    case 'seq':
      return node.items.map(flatten);
    case 'scalar':
      return node.value;
    case 'text':
      return sampleText(node);
  }
}

/** The host text at a range. */
export function at(text: string, range: HostRange): string {
  return text.slice(range.start, range.end);
}

/**
 * What is wrong with a host tree's ranges and offsets: every range inside the text and ordered,
 * every string's offsets one per character plus one, non-decreasing, inside the node's range.
 */
export function rangeProblems(node: HostNode | undefined, textLength: number, path = ''): string[] {
  if (!node) return [];
  const problems: string[] = [];
  const inside = (range: HostRange, what: string): void => {
    if (!(range.start >= 0 && range.start <= range.end && range.end <= textLength)) problems.push(`${path} ${what}: range ${range.start}-${range.end} outside 0-${textLength}`);
  };
  const offsetsOk = (value: string, offsets: readonly number[] | undefined, range: HostRange, what: string): void => {
    if (!offsets) return;
    if (offsets.length !== value.length + 1) problems.push(`${path} ${what}: ${offsets.length} offsets for ${value.length} characters`);
    for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) problems.push(`${path} ${what}: offsets decrease at ${i}`);
    if (offsets.length > 0 && (offsets[0]! < range.start || offsets[offsets.length - 1]! > range.end)) problems.push(`${path} ${what}: offsets outside the range`);
  };
  inside(node.range, node.kind);
  switch (node.kind) {
    case 'map':
      for (const entry of node.entries) {
        inside(entry.keyRange, `key ${entry.key}`);
        offsetsOk(entry.key, entry.keyOffsets, entry.keyRange, `key ${entry.key}`);
        problems.push(...rangeProblems(entry.value, textLength, `${path}/${entry.key}`));
      }
      break;
    case 'seq':
      node.items.forEach((item, index) => problems.push(...rangeProblems(item, textLength, `${path}/${index}`)));
      break;
    case 'scalar':
      if (typeof node.value === 'string') offsetsOk(node.value, node.offsets, node.range, 'string');
      break;
    case 'text':
      for (const part of node.parts) {
        inside(part.range, part.kind);
        if (part.kind === 'literal') offsetsOk(part.value, part.offsets, part.range, 'literal');
      }
      break;
  }
  return problems;
}
