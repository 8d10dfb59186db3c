/**
 * The access diff in the editor: the report of what a policy document grants or removes compared
 * with another version (git HEAD, another file, the clipboard), and the code lens "compared with
 * HEAD: grants 2 more actions, removes 1" on a policy whose file differs from HEAD. Pure: the other
 * text comes in as a string.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diffAccess, type AccessDiff } from '../iam/access';
import { parsePolicy } from '../iam/document/parse';
import { CompareAccessCommand, type AccessDiffResult } from '../protocol';
import { diffMarkdown } from './accessReport';
import type { DocumentAnalysis } from './documentAnalysis';

/** The diff of an analysed policy document against another policy text, or why there is none. */
function diffAgainst(analysis: DocumentAnalysis, otherText: string): AccessDiff | string {
  if (analysis.role !== 'policy' || !analysis.kind) return 'This document is not an IAM policy.';
  const other = parsePolicy(otherText);
  if (!other.document.root || other.document.root.type !== 'object' || other.problems.some((p) => p.kind === 'syntax')) return 'The other version is not a JSON policy object.';
  return diffAccess(other.document, analysis.parse.document, analysis.kind.kind);
}

/** The report for the access diff view. */
export function accessDiffReport(analysis: DocumentAnalysis, otherText: string, otherLabel: string, label: string): AccessDiffResult {
  const diff = diffAgainst(analysis, otherText);
  if (typeof diff === 'string') return { markdown: `# Access diff\n\n${diff}\n` };
  return { markdown: diffMarkdown(diff, otherLabel, label), verdict: diff.verdict };
}

function countActions(groups: AccessDiff['newAccess']): number {
  return new Set(groups.flatMap((g) => g.actions)).size;
}

/** "compared with HEAD: grants 2 more actions, removes 1" (actions as the report lists them). */
function accessLensTitle(diff: AccessDiff, against: string): string {
  const parts: string[] = [];
  const added = countActions(diff.newAccess);
  const removed = countActions(diff.removedAccess);
  if (added > 0) parts.push(`grants ${added} more action${added === 1 ? '' : 's'}`);
  if (removed > 0) parts.push(`removes ${removed}`);
  if (diff.undecided.length > 0) parts.push(`${diff.undecided.length} undecided`);
  if (parts.length === 0) parts.push('same access');
  return `compared with ${against}: ${parts.join(', ')}`;
}

/** The lens at the top of a policy whose text differs from `otherText` (the file at `against`). */
export function accessDiffCodeLenses(document: TextDocument, analysis: DocumentAnalysis, otherText: string | undefined, against: string): CodeLens[] {
  if (otherText === undefined || otherText === document.getText() || analysis.role !== 'policy') return [];
  const diff = diffAgainst(analysis, otherText);
  if (typeof diff === 'string') return [];
  const start = document.positionAt(analysis.parse.document.root?.offset ?? 0);
  return [{ range: { start, end: start }, command: { title: accessLensTitle(diff, against), command: CompareAccessCommand, arguments: [document.uri, against] } }];
}
