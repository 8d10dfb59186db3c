/**
 * Test helper for validation: runs the real validator and returns each finding as its code, its
 * category and the exact text it lands on, so cases read as data.
 */
import { validatePolicy } from '../../../server/src/iam/validate/engine/runner';
import type { PolicyKind } from '../../../server/src/iam/document/policyKind';
import type { ValidationOptions } from '../../../server/src/iam/validate/engine/findings';
import { analyzeHostDocument } from '../../../server/src/iam/sources/hostDocument';
import { expandSamTemplateNode } from '../../../server/src/iam/sources/cloudformation/samExpansion';

export interface FoundFinding {
  readonly code: string;
  readonly category: string;
  /** The document text under the finding's span. */
  readonly text: string;
  readonly message: string;
  readonly fixes: readonly string[];
}

/**
 * Validates `policy` (an object is serialised with 2-space indentation) as `kind`; with `host` (a
 * template's file name, e.g. `template.yaml`), reads the text as that template instead and returns
 * the findings of all its policies and of the template itself.
 */
export function findingsOf(policy: string | object, kind: PolicyKind = 'identity', options: Partial<ValidationOptions> = {}, host?: string): FoundFinding[] {
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
  const result = host === undefined ? validatePolicy(text, { kind, ...options }) : analyzeHostDocument(text, { expandSamTemplate: expandSamTemplateNode }, host);
  if (!result) throw new Error(`\`${host}\` is not read as a template`);
  if (result.errors.length > 0) throw new Error(`validation errors: ${result.errors.join('; ')}`);
  return result.findings.map((finding) => ({
    code: finding.code,
    category: finding.category,
    text: text.slice(finding.span.offset, finding.span.offset + finding.span.length),
    message: finding.message,
    fixes: (finding.fixes ?? []).map((fix) => fix.title),
  }));
}

/** Applies the first fix of the first finding with `code` and returns the new text. */
export function applyFirstFix(policy: string, code: string, kind: PolicyKind = 'identity'): string {
  return applyFix(policy, code, kind);
}

/**
 * Applies the first fix of the first finding with `code` (and, when given, exactly `text` under
 * it) and returns the new text; with `host`, of the text read as that template.
 */
export function applyFix(policy: string, code: string, kind: PolicyKind = 'identity', text?: string, host?: string): string {
  const result = host === undefined ? validatePolicy(policy, { kind }) : analyzeHostDocument(policy, { expandSamTemplate: expandSamTemplateNode }, host);
  if (!result) throw new Error(`\`${host}\` is not read as a template`);
  const finding = result.findings.find((candidate) => candidate.code === code && (text === undefined || policy.slice(candidate.span.offset, candidate.span.offset + candidate.span.length) === text));
  const fix = finding?.fixes?.[0];
  if (!fix) throw new Error(`no fix for ${code}`);
  const edits = [...fix.edits].sort((a, b) => b.offset - a.offset);
  let out = policy;
  for (const edit of edits) out = out.slice(0, edit.offset) + edit.newText + out.slice(edit.offset + edit.length);
  return out;
}
