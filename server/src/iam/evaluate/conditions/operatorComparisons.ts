/**
 * The comparison of every base condition operator, by its documented name. What each operator is
 * (family, negation, variables, wildcards, case) is in the one operator table,
 * `iam/conditions/operators.ts`, which also takes operator names apart; this map only adds how
 * each compares values (IAM User Guide, "Condition operators").
 */
import { ArnEquals, ArnLike, ArnNotEquals, ArnNotLike } from './arnOperators';
import { BinaryEquals } from './binaryOperator';
import { Bool } from './boolOperator';
import type { ConditionOperator } from './conditionOperator';
import { DateEquals, DateGreaterThan, DateGreaterThanEquals, DateLessThan, DateLessThanEquals, DateNotEquals } from './dateOperators';
import { IpAddress, NotIpAddress } from './ipAddressOperators';
import { Null } from './nullOperator';
import { NumericEquals, NumericGreaterThan, NumericGreaterThanEquals, NumericLessThan, NumericLessThanEquals, NumericNotEquals } from './numericOperators';
import { StringEquals, StringEqualsIgnoreCase, StringLike, StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike } from './stringOperators';

/** The comparison of each base operator, keyed by documented name. */
export const OPERATOR_COMPARISONS: ReadonlyMap<string, ConditionOperator> = new Map(
  [
    StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
    NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals,
    DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals,
    Bool, BinaryEquals, IpAddress, NotIpAddress, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Null,
  ].map((op) => [op.name, op] as const),
);
