/**
 * The validation runner: parse problems first, then every check family. A family that throws is
 * recorded in `errors` and the others still run, so one faulty check never hides the rest.
 */
import { parsePolicy } from '../../document/parse';
import type { ParseResult, Span } from '../../document/model';
import type { CheckContext, CheckFamily } from './checkContext';
import { removalFix, type Finding, type Fix, type ValidationOptions } from './findings';
import { codesOfFamily, compareCodes, ruleFor } from './registry';
import { CHECK_FAMILIES } from './families';

/** The result of validating one document. */
export interface ValidationResult {
  readonly parse: ParseResult;
  readonly findings: readonly Finding[];
  /** Internal failures of check families: never shown as findings, logged by the host. */
  readonly errors: readonly string[];
}

/**
 * Characters a message must not carry as they are: C0 controls and DEL, lone surrogates (which print
 * as U+FFFD), and the bidirectional controls that can make quoted text read differently from what it
 * is ("Trojan Source"). A value quoted in a message shows them as `\uXXXX`, so that `s3:Get\u0000Object`
 * does not print as `s3:GetObject`.
 */
const INVISIBLE = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A message with its invisible characters written as `\uXXXX`. */
function visibleMessage(message: string): string {
  INVISIBLE.lastIndex = 0;
  if (!INVISIBLE.test(message)) return message;
  return message.replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Validates policy text, or an existing parse of it. Never throws. */
export function validatePolicy(input: string | ParseResult, options: ValidationOptions, families: readonly CheckFamily[] = CHECK_FAMILIES): ValidationResult {
  const parse = typeof input === 'string' ? parsePolicy(input) : input;
  const findings: Finding[] = [];
  const errors: string[] = [];
  // Two families may judge the same text under the same code (a role trust policy's actions are
  // checked by the action and the trust families): one finding each, the one offering a fix kept.
  const reported = new Map<string, number>();
  const report = (code: string, span: Span, message: string, fixes?: readonly Fix[]) => {
    const rule = ruleFor(code);
    if (!rule) {
      errors.push(`check reported unknown code ${code}`);
      return;
    }
    const key = `${code}\u0000${span.offset}\u0000${span.length}`;
    const earlier = reported.get(key);
    const finding: Finding = { code, category: rule.category, message: visibleMessage(message), span, fixes };
    if (earlier === undefined) {
      reported.set(key, findings.length);
      findings.push(finding);
    } else if ((fixes?.length ?? 0) > (findings[earlier]!.fixes?.length ?? 0)) {
      findings[earlier] = finding;
    }
  };
  for (const problem of parse.problems) {
    // Comments and trailing commas have an obvious fix: delete them.
    const fixes = problem.kind === 'comment' || problem.kind === 'trailingComma' ? [removalFix(problem.kind, problem.span)] : undefined;
    report(problem.code, problem.span, problem.message, fixes);
  }
  const document = parse.document;
  if (document.root) {
    for (const family of families) {
      const declared = codesOfFamily(family.name);
      const familyReport = (code: string, span: Span, message: string, fixes?: readonly Fix[]) => {
        if (!declared.has(code)) errors.push(`check family ${family.name} reported undeclared code ${code}`);
        report(code, span, message, fixes);
      };
      const context: CheckContext = { document, kind: options.kind, options, text: document.text, report: familyReport };
      try {
        family.check(context);
      } catch (error) {
        errors.push(`check family ${family.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }
  findings.sort((a, b) => a.span.offset - b.span.offset || compareCodes(a.code, b.code));
  return { parse, findings, errors };
}
