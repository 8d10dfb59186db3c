/**
 * Test helpers for host trees: the plain JSON value of a host node (holes replaced by their
 * samples), and the host text at a range.
 */
import type { HostNode, HostRange } from '../../../server/src/iam/sources/hostTree';

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
      return node.parts.map((part) => (part.kind === 'literal' ? part.value : part.hole.sample)).join('');
  }
}

/** The host text at a range. */
export function at(text: string, range: HostRange): string {
  return text.slice(range.start, range.end);
}
