/**
 * Folding ranges: every object and array that spans several lines, and block comments.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { JsonNode } from '../iam/document/model';
import type { DocumentAnalysis } from './documentAnalysis';

/** Folding ranges of a parsed JSON document (policies and scenario files alike). */
export function getFoldingRanges(document: TextDocument, analysis: DocumentAnalysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const text = document.getText();
  // Iterative, children in document order: the tree's depth is bounded by the parser, but a walk
  // need not rely on that.
  const stack: JsonNode[] = [];
  const root = analysis.parse.document.root;
  if (root) stack.push(root);
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'object' || node.type === 'array') {
      const start = document.positionAt(node.offset).line;
      let end = document.positionAt(node.offset + node.length).line;
      // Keep the closing bracket visible when it is on its own line.
      const close = node.offset + node.length - 1;
      if (text[close] === '}' || text[close] === ']') {
        const closeLine = document.positionAt(close).line;
        if (closeLine > start) end = closeLine - 1;
      }
      if (end > start) ranges.push({ startLine: start, endLine: end });
    }
    const children = node.children ?? [];
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  for (const comment of analysis.parse.document.comments) {
    const start = document.positionAt(comment.offset).line;
    const end = document.positionAt(comment.offset + comment.length).line;
    if (end > start) ranges.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Comment });
  }
  return ranges;
}
