/**
 * Selection ranges (expand selection): the inside of a string, the string, the property, the object
 * or array around it, and so on up to the whole document.
 */
import { findNodeAtOffset } from 'jsonc-parser';
import type { Position, Range, SelectionRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from './documentAnalysis';

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Selection ranges for each requested position. */
export function getSelectionRanges(document: TextDocument, analysis: DocumentAnalysis, positions: readonly Position[]): SelectionRange[] {
  const root = analysis.parse.document.root;
  const text = document.getText();
  return positions.map((position) => {
    const offset = document.offsetAt(position);
    const ranges: Range[] = [];
    let node = root ? findNodeAtOffset(root, offset, true) : undefined;
    while (node) {
      const range = { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
      if (node.type === 'string' && node.length >= 2 && text[node.offset] === '"' && text[node.offset + node.length - 1] === '"') {
        ranges.push({ start: document.positionAt(node.offset + 1), end: document.positionAt(node.offset + node.length - 1) });
      }
      ranges.push(range);
      node = node.parent;
    }
    let result: SelectionRange | undefined;
    for (let i = ranges.length - 1; i >= 0; i--) {
      const range = ranges[i]!;
      if (result && sameRange(result.range, range)) continue;
      result = { range, parent: result };
    }
    return result ?? { range: { start: position, end: position } };
  });
}
