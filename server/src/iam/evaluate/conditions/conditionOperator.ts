/**
 * The shape every condition operator shares. Each operator is one small object (ARCHITECTURE
 * invariant 6) that compares one request value with one policy value in the positive sense and says
 * why; negation, several values, set qualifiers and `...IfExists` are applied once, in
 * `conditionEvaluation.ts`, the same way for every operator.
 */
import type { ResolvedValue } from '../policyVariables';

/** Operator families as the IAM User Guide page "Condition operators" groups them. */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** The outcome of comparing one request value with one policy value. */
export interface OperatorTest {
  /** True when the values match in the positive sense (equal, like, less than, in range...). */
  readonly matched: boolean;
  /** One short clause saying why, e.g. "`abc` is like `a*`". */
  readonly explanation: string;
  /** Set when a value could not be read (not a number, not a date...): the pair then does not match. */
  readonly problem?: string;
}

/** One condition operator, without set qualifier or `IfExists`. */
export interface ConditionOperator {
  /** The operator's documented name, e.g. `StringNotLike`. */
  readonly name: string;
  readonly family: OperatorFamily;
  /**
   * True for negated matching operators (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`...). Their
   * several policy values combine as NOR, and a missing key makes them true (IAM User Guide,
   * "Condition operators", Important note; "Conditions with multiple context keys or values").
   */
  readonly negated: boolean;
  /** Whether the documentation says policy variables can be used with this operator. */
  readonly variables: boolean;
  /** Whether `*` and `?` in policy values are wildcards. */
  readonly wildcards: boolean;
  /** Whether comparison ignores case (values are lower-cased before comparing). */
  readonly ignoreCase: boolean;
  /** Compares one request value with one resolved policy value in the positive sense. */
  test(requestValue: string, policyValue: ResolvedValue): OperatorTest;
}

/** Quotes user text for explanations. */
export function q(text: string): string {
  return '`' + text + '`';
}
