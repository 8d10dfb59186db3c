/**
 * The interface between the validation runner and the check families. A family is one file with one
 * `check` function; it reports findings by code, and the runner fills in each code's category from
 * the rule table.
 */
import type { PolicyDocument, Span } from '../../document/model';
import type { PolicyKind } from '../../document/policyKind';
import type { Fix, ValidationOptions } from './findings';

/** What a check family sees and how it reports. */
export interface CheckContext {
  readonly document: PolicyDocument;
  readonly kind: PolicyKind;
  readonly options: ValidationOptions;
  /** The document text, for fixes that need to look at the surroundings of a span. */
  readonly text: string;
  /**
   * Reports a finding. `code` must be in the rule table (rules.ts); the message is one line with
   * user text in backticks.
   */
  report(code: string, span: Span, message: string, fixes?: readonly Fix[]): void;
}

/** A code this product adds (Access Analyzer has no such check): [code, category, title]. */
export type OwnRule = readonly [code: string, category: 'ERROR' | 'SECURITY_WARNING' | 'GENERAL_WARNING' | 'SUGGESTION', title: string];

/** One family of checks: one file, one function. */
export interface CheckFamily {
  /** A short name for logs and tests, e.g. `grammar`, `actions`. */
  readonly name: string;
  /**
   * Every code the family can report. The runner refuses other codes, and docs/checks.md is built
   * from these lists, so a code counts as implemented exactly when a family declares it.
   */
  readonly codes: readonly string[];
  /** Codes of our own that the family adds to the rule table. */
  readonly ownRules?: readonly OwnRule[];
  check(context: CheckContext): void;
}

/**
 * Runs `check` with a context that notes whether it reported anything, for caches that remember
 * the values that produced no finding.
 */
export function runTracked<T>(context: CheckContext, check: (tracking: CheckContext) => T): { result: T; reported: boolean } {
  let reported = false;
  const tracking: CheckContext = {
    ...context,
    report(code, span, message, fixes) {
      reported = true;
      context.report(code, span, message, fixes);
    },
  };
  const result = check(tracking);
  return { result, reported };
}
