/**
 * The interface between the validation runner and the check families. A family is one folder under
 * `families/` with one `check` function; it reports findings by code, and the runner fills in each
 * code's category from the rule registry.
 */
import type { PolicyDocument, Span } from '../../document/model';
import type { PolicyKind } from '../../document/policyKind';
import type { Fix, ValidationOptions } from './findings';
import type { FamilyName } from './registry';

/** What a check family sees and how it reports. */
export interface CheckContext {
  readonly document: PolicyDocument;
  readonly kind: PolicyKind;
  readonly options: ValidationOptions;
  /** The document text, for fixes that need to look at the surroundings of a span. */
  readonly text: string;
  /**
   * Reports a finding. `code` must be a registry entry whose `implementedBy` names the reporting
   * family (engine/registry.ts); the message is one line with user text in backticks.
   */
  report(code: string, span: Span, message: string, fixes?: readonly Fix[]): void;
}

/** One family of checks: one folder, one function. The codes it may report are those whose registry entry names it. */
export interface CheckFamily {
  /** The family's name, as the registry's `implementedBy` spells it. */
  readonly name: FamilyName;
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
