/**
 * The interface between the validation runner and the check families. A family is one file with one
 * `check` function; it reports findings by code, and the runner fills in each code's category from
 * the rule table.
 */
import type { PolicyDocument, Span } from '../document/model';
import type { PolicyKind } from '../document/policyKind';
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

/** One family of checks: one file, one function. */
export interface CheckFamily {
  /** A short name for logs and tests, e.g. `grammar`, `actions`. */
  readonly name: string;
  check(context: CheckContext): void;
}
