/**
 * The shape every condition operator's comparison shares. Each operator is one row of the operator
 * table (`iam/conditions/operators.ts`: family, negation, variables, wildcards, case) plus one small
 * object here that compares one request value with one policy value in the positive sense and says
 * why (docs/ARCHITECTURE.md, invariant 6); negation, several values, set qualifiers and
 * `...IfExists` are applied once, in `conditionEvaluation.ts`, the same way for every operator.
 */
import type { ResolvedValue } from '../policyVariables';

/** The outcome of comparing one request value with one policy value. */
export interface OperatorTest {
  /** True when the values match in the positive sense (equal, like, less than, in range...). */
  readonly matched: boolean;
  /** One short clause saying why, e.g. "`abc` is like `a*`". */
  readonly explanation: string;
  /** Set when a value could not be read (not a number, not a date...): the pair then does not match. */
  readonly problem?: string;
}

/** The comparison of one base condition operator (without set qualifier or `IfExists`). */
export interface ConditionOperator {
  /** The operator's documented name, e.g. `StringNotLike`, as in the operator table. */
  readonly name: string;
  /** Compares one request value with one resolved policy value in the positive sense. */
  test(requestValue: string, policyValue: ResolvedValue): OperatorTest;
}

/** Quotes user text for explanations. */
export function q(text: string): string {
  return '`' + text + '`';
}
