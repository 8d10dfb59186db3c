/**
 * `formatPolicy`: the formatter's layout (`formatPolicy.ts`) checked before it is offered. A result is
 * returned only when
 * 1. the formatted text parses, and its structure equals the original's up to what the formatter may
 *    change (the order of object keys, repeated keys keeping their relative order, and the order,
 *    case-insensitive duplicates and spelling case of `Action`/`NotAction` entries); and
 * 2. the evaluator-based access comparison (`access/accessDiff.ts`) finds no access that one text
 *    grants and the other does not, in either direction.
 * Otherwise the reason is returned and nothing is formatted.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { diffAccess } from '../access/accessDiff';
import { parsePolicy } from '../document/parse';
import { looksLikePolicy, resolvePolicyKind, type PolicyKind } from '../document/policyKind';
import { actionLists, DEFAULT_INDENT, keyOf, layoutPolicy, parseJsonc, statementNodes, type IndentOptions } from './formatPolicy';

/** What `formatPolicy` and `shrinkPolicy` say about a policy text. */
export type FormatResult =
  | {
      readonly ok: true;
      /** The new text (equal to the input when it was already formatted). */
      readonly text: string;
      readonly changed: boolean;
      /** `equal` when the access comparison proved equal access; `structural` when it could not decide and the structural check is the proof. */
      readonly proof: 'equal' | 'structural';
    }
  | { readonly ok: false; readonly reason: string };

/** Options of `formatPolicy`. */
export interface FormatOptions {
  readonly indent?: IndentOptions;
  /** The kind the access comparison reads the policy as; detected from the content when absent. */
  readonly kind?: PolicyKind;
}

/** A canonical, order-insensitive-where-IAM-is form of a parsed JSON value, for comparing structures. */
function canonicalTree(node: JsonNode, actionArrays: ReadonlySet<JsonNode>): unknown {
  switch (node.type) {
    case 'object': {
      const entries = (node.children ?? []).map((property, index) => ({ key: keyOf(property), index, value: property.children?.[1] }));
      entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
      return entries.map((entry) => [entry.key, entry.value ? canonicalTree(entry.value, actionArrays) : null]);
    }
    case 'array':
      if (actionArrays.has(node)) return ['actions', [...new Set((node.children ?? []).map((item) => String(item.value).toLowerCase()))].sort()];
      return ['array', (node.children ?? []).map((item) => canonicalTree(item, actionArrays))];
    default:
      return [node.type, node.value];
  }
}

/** The canonical form of a policy tree (see `canonicalTree`). */
export function structureOf(root: JsonNode): string {
  return JSON.stringify(canonicalTree(root, actionLists(statementNodes(root))));
}

/**
 * Whether the access of two policy texts is the same by the evaluator-based comparison: `equal`,
 * `undecided` (nothing different found, something not provable), or the difference found.
 */
export function compareAccess(before: string, after: string, kind: PolicyKind): { verdict: 'equal' | 'undecided' | 'different'; detail?: string } {
  const diff = diffAccess(parsePolicy(before).document, parsePolicy(after).document, kind);
  if (diff.newAccess.length > 0 || diff.removedAccess.length > 0) {
    const group = diff.newAccess[0] ?? diff.removedAccess[0]!;
    return { verdict: 'different', detail: `${diff.newAccess.length > 0 ? 'it would grant' : 'it would remove'} \`${group.actions.slice(0, 3).join('`, `')}\`` };
  }
  if (diff.undecided.length > 0 || diff.unreadable.old.length > 0 || diff.unreadable.new.length > 0) return { verdict: 'undecided', detail: diff.undecided[0]?.reason ?? 'a statement cannot be evaluated' };
  return { verdict: 'equal' };
}

/** The policy kind to compare access as. */
function kindForComparison(text: string, kind: PolicyKind | undefined): PolicyKind {
  return kind ?? resolvePolicyKind(parsePolicy(text).document).kind;
}

/** Formats a standalone policy text, checked as described above. Never throws for any text. */
export function formatPolicy(text: string, options: FormatOptions = {}): FormatResult {
  const parsed = parseJsonc(text);
  if ('error' in parsed) return { ok: false, reason: `not formatted: ${parsed.error}` };
  if (parsed.root.type !== 'object' || !looksLikePolicy(parsePolicy(text).document)) return { ok: false, reason: 'not formatted: the document is not an IAM policy (no `Statement`)' };
  return checkedResult(text, parsed, layoutPolicy(text, parsed, options.indent ?? DEFAULT_INDENT), options);
}

/** The leading whitespace of the line that holds `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/**
 * Formats the statements of a policy that a range touches (Format Selection), leaving the rest of the
 * text as it is: each such statement becomes its formatted text from `formatPolicy`, indented from its
 * own line. The result is checked as `formatPolicy`'s is. A range that touches no statement formats
 * nothing; one that holds the whole policy formats the whole text. Never throws for any text.
 */
export function formatPolicyRange(text: string, range: { readonly offset: number; readonly length: number }, options: FormatOptions = {}): FormatResult {
  const whole = formatPolicy(text, options);
  if (!whole.ok || !whole.changed) return whole;
  const before = parseJsonc(text);
  const after = parseJsonc(whole.text);
  if ('error' in before || 'error' in after) return { ok: false, reason: 'not formatted: the policy could not be read again' };
  const start = range.offset;
  const end = range.offset + range.length;
  if (start <= before.root.offset && end >= before.root.offset + before.root.length) return whole;
  // The formatter keeps the statements in their order, so the i-th statement of one text is the i-th of the other.
  const oldStatements = [...statementNodes(before.root)];
  const newStatements = [...statementNodes(after.root)];
  if (oldStatements.length !== newStatements.length) return { ok: false, reason: 'not formatted: the statements of the formatted policy do not line up with the original' };
  let result = text;
  for (let index = oldStatements.length - 1; index >= 0; index--) {
    const old = oldStatements[index]!;
    if (old.offset > end || old.offset + old.length < start) continue;
    const formatted = newStatements[index]!;
    const fromIndent = lineIndent(whole.text, formatted.offset);
    const toIndent = lineIndent(text, old.offset);
    const lines = whole.text.slice(formatted.offset, formatted.offset + formatted.length).split('\n');
    const reindented = lines.map((line, at) => (at > 0 && line.startsWith(fromIndent) ? toIndent + line.slice(fromIndent.length) : line)).join('\n');
    result = result.slice(0, old.offset) + reindented + result.slice(old.offset + old.length);
  }
  return checkedResult(text, before, result, options);
}

/** A formatted text, checked against its original as described at the top of this file. */
function checkedResult(text: string, parsed: { readonly root: JsonNode; readonly comments: readonly { readonly text: string }[] }, formatted: string, options: FormatOptions): FormatResult {
  if (formatted === text) return { ok: true, text, changed: false, proof: 'structural' };
  const reparsed = parseJsonc(formatted);
  if ('error' in reparsed) return { ok: false, reason: `not formatted: the formatted text would not parse (${reparsed.error})` };
  if (structureOf(parsed.root) !== structureOf(reparsed.root)) return { ok: false, reason: 'not formatted: the formatted policy would differ in more than layout and order' };
  const comments = (t: readonly { text: string }[]): string => t.map((c) => c.text).sort().join('\u0000');
  if (comments(parsed.comments) !== comments(reparsed.comments)) return { ok: false, reason: 'not formatted: a comment would be lost' };
  const access = compareAccess(text, formatted, kindForComparison(text, options.kind));
  if (access.verdict === 'different') return { ok: false, reason: `not formatted: the access comparison says ${access.detail}` };
  return { ok: true, text: formatted, changed: true, proof: access.verdict === 'equal' ? 'equal' : 'structural' };
}
