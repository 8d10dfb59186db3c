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
import { diffMarkdown, templateDiffMarkdown } from './accessReport';
import { diffTemplates, type TemplateAccessDiff } from './templateAccessDiff';
import type { DocumentAnalysis } from './documentAnalysis';

/** The diff of an analysed policy document against another policy text, or why there is none. */
function diffAgainst(analysis: DocumentAnalysis, otherText: string): AccessDiff | string {
  if (analysis.role !== 'policy' || !analysis.kind) return 'This document is not an IAM policy.';
  const other = parsePolicy(otherText);
  if (!other.document.root || other.document.root.type !== 'object' || other.problems.some((p) => p.kind === 'syntax')) return 'The other version is not a JSON policy object.';
  return diffAccess(other.document, analysis.parse.document, analysis.kind.kind);
}

/** A template's diff against another version of its text (templateAccessDiff.ts). */
function templateDiff(analysis: DocumentAnalysis, otherText: string, currentText: string): TemplateAccessDiff | undefined {
  if (analysis.role !== 'template' || !analysis.host) return undefined;
  // The path only tells the format: Terraform, or a CloudFormation/SAM template.
  return diffTemplates(otherText, currentText, analysis.host.format === 'terraform' ? 'template.tf' : 'template.yaml', analysis.host);
}

/** The report for the access diff view. */
export function accessDiffReport(analysis: DocumentAnalysis, otherText: string, otherLabel: string, label: string): AccessDiffResult {
  const templates = templateDiff(analysis, otherText, analysis.parse.document.text);
  if (templates) return { markdown: templateDiffMarkdown(templates, otherLabel, label), verdict: templates.verdict };
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

/**
 * The lens at the top of a policy whose text differs from `otherText` (the file at `against`); in a
 * template, at the top of each embedded policy that differs from the one at its place there.
 */
export function accessDiffCodeLenses(document: TextDocument, analysis: DocumentAnalysis, otherText: string | undefined, against: string): CodeLens[] {
  if (otherText === undefined || otherText === document.getText()) return [];
  if (analysis.role === 'template') {
    const templates = templateDiff(analysis, otherText, document.getText());
    const lenses: CodeLens[] = [];
    for (const policy of templates?.policies ?? []) {
      const embedded = analysis.host?.policies.find((candidate) => candidate.policy.pointer === policy.pointer);
      if (!embedded) continue; // removed: no place in this version
      const start = document.positionAt(embedded.policy.range.start);
      lenses.push({ range: { start, end: start }, command: { title: accessLensTitle(policy, against), command: CompareAccessCommand, arguments: [document.uri, against] } });
    }
    return lenses;
  }
  if (analysis.role !== 'policy') return [];
  const diff = diffAgainst(analysis, otherText);
  if (typeof diff === 'string') return [];
  const start = document.positionAt(analysis.parse.document.root?.offset ?? 0);
  return [{ range: { start, end: start }, command: { title: accessLensTitle(diff, against), command: CompareAccessCommand, arguments: [document.uri, against] } }];
}
