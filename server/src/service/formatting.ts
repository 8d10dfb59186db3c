/**
 * Document formatting and the "Shrink policy" code action for standalone policy documents, over the
 * checked formatter and shrinker of `iam/format/`. Templates (CloudFormation, Terraform) and scenario
 * files are not formatted here: their policies live in another syntax, which this formatter does not
 * write.
 */
import { format as formatJson } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type FormattingOptions, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatPolicy, formatPolicyRange, isNearQuota, shrinkPolicy } from '../iam/format';
import { limitNesting } from '../iam/document/jsonNesting';
import type { DocumentAnalysis } from './documentAnalysis';

/**
 * Above this size a document is neither formatted nor shrunk in the editor: the access comparison of
 * a multi-megabyte policy would hold the server for seconds (`iam-policy fmt` has no such limit).
 */
const MAX_EDITOR_FORMAT_CHARS = 1_000_000;

/**
 * Above this size the shrink action is not computed: it runs on every code-action request of a new
 * version, the largest quota is 10,240 characters, and a policy ten times over it cannot be shrunk
 * under it anyway (shrinking the 91,000-character `ReadOnlyAccess` takes about 2 s).
 */
const MAX_SHRINK_CHARS = 100_000;

/** The edits that format a policy document: one edit of the whole text, or none when it is formatted already, is not a policy, or could not be formatted safely. */
export function formatDocumentEdits(document: TextDocument, analysis: DocumentAnalysis, options: FormattingOptions): TextEdit[] {
  const text = document.getText();
  if (text.length > MAX_EDITOR_FORMAT_CHARS) return [];
  if (analysis.role !== 'policy' || !analysis.kind) return plainJsonEdits(document, options);
  const result = formatPolicy(text, { indent: { tabSize: options.tabSize, insertSpaces: options.insertSpaces }, kind: analysis.kind.kind });
  if (!result.ok || !result.changed) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, newText: result.text }];
}

/**
 * The edits that format the statements a range touches (Format Selection, format on paste): one edit
 * of the text that changed, or none. Other JSON documents get `jsonc-parser`'s layout of the range.
 */
export function formatRangeEdits(document: TextDocument, analysis: DocumentAnalysis, range: Range, options: FormattingOptions): TextEdit[] {
  const text = document.getText();
  if (text.length > MAX_EDITOR_FORMAT_CHARS) return [];
  const offset = document.offsetAt(range.start);
  const length = document.offsetAt(range.end) - offset;
  if (analysis.role !== 'policy' || !analysis.kind) return plainJsonEdits(document, options, { offset, length });
  const result = formatPolicyRange(text, { offset, length }, { indent: { tabSize: options.tabSize, insertSpaces: options.insertSpaces }, kind: analysis.kind.kind });
  if (!result.ok || !result.changed) return [];
  // One edit of the part that differs: the text before and after it stays as the user wrote it.
  let prefix = 0;
  while (prefix < text.length && prefix < result.text.length && text[prefix] === result.text[prefix]) prefix++;
  let suffix = 0;
  while (suffix < text.length - prefix && suffix < result.text.length - prefix && text[text.length - 1 - suffix] === result.text[result.text.length - 1 - suffix]) suffix++;
  return [{ range: { start: document.positionAt(prefix), end: document.positionAt(text.length - suffix) }, newText: result.text.slice(prefix, result.text.length - suffix) }];
}

/**
 * Other JSON documents (package.json, scenario files, JSON templates) get the whitespace-only layout
 * of `jsonc-parser`'s formatter, the one VS Code's JSON support uses, so that choosing this extension
 * as the JSON formatter leaves them formatted as before. YAML and Terraform are not formatted.
 */
function plainJsonEdits(document: TextDocument, options: FormattingOptions, range?: { offset: number; length: number }): TextEdit[] {
  if (document.languageId !== 'json' && document.languageId !== 'jsonc') return [];
  const text = document.getText();
  // Each line of the layout is indented by its depth, so a document nested thousands of levels deep
  // would become gigabytes of spaces (a 120 KB template nested 20,000 levels: ~800 million
  // characters, and the server held until it ran out of memory). Such a document is not formatted.
  if (limitNesting(text).tooDeep.length > 0) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return formatJson(text, range, { tabSize: options.tabSize, insertSpaces: options.insertSpaces, eol }).map((edit) => ({
    range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) },
    newText: edit.content,
  }));
}

/** The title of the shrink action, with the size before and after as the quota counts it. */
function shrinkTitle(before: number, after: number): string {
  return `Shrink policy (${before.toLocaleString('en-US')} → ${after.toLocaleString('en-US')} characters)`;
}

/**
 * "Shrink policy (N → M characters)" for a policy at 90 % of its kind's quota or over it, offered only
 * when the shrunk policy has provably the same access (`iam/format/shrinkPolicy.ts`).
 */
export function shrinkCodeActions(document: TextDocument, analysis: DocumentAnalysis): CodeAction[] {
  if (analysis.role !== 'policy' || !analysis.kind) return [];
  const text = document.getText();
  const kind = analysis.kind.kind;
  if (text.length > MAX_SHRINK_CHARS || !isNearQuota(text, kind)) return [];
  const result = shrinkPolicy(text, kind);
  if (!result.ok) return [];
  const edit: TextEdit = { range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, newText: result.text };
  return [{ title: shrinkTitle(result.before, result.after), kind: CodeActionKind.RefactorRewrite, edit: { changes: { [document.uri]: [edit] } } }];
}
