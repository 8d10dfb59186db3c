/**
 * Every condition operator, looked up by its documented name, plus the parsing of the
 * `ForAllValues:` / `ForAnyValue:` qualifiers and the `IfExists` suffix (IAM User Guide,
 * "Condition operators" and "Single-valued vs. multivalued context keys").
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

/** All base operators, keyed by documented name. */
export const CONDITION_OPERATORS: ReadonlyMap<string, ConditionOperator> = new Map(
  [
    StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
    NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals,
    DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals,
    Bool, BinaryEquals, IpAddress, NotIpAddress, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Null,
  ].map((op) => [op.name, op] as const),
);

/** A set qualifier for multivalued keys. */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/** A condition operator as written in a policy, taken apart. */
export interface ParsedOperator {
  readonly operator: ConditionOperator;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
}

/** Parses `ForAnyValue:StringLikeIfExists` and friends; returns an error message for unknown names. */
export function parseOperatorName(name: string): ParsedOperator | { error: string } {
  let rest = name;
  let qualifier: SetQualifier | undefined;
  for (const prefix of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(prefix + ':')) {
      qualifier = prefix;
      rest = rest.slice(prefix.length + 1);
    }
  }
  let ifExists = false;
  let operator = CONDITION_OPERATORS.get(rest);
  if (!operator && rest.endsWith('IfExists')) {
    operator = CONDITION_OPERATORS.get(rest.slice(0, -'IfExists'.length));
    ifExists = operator !== undefined;
    if (operator?.name === 'Null') return { error: `\`${name}\`: \`IfExists\` cannot be added to \`Null\`` };
  }
  if (!operator) {
    const lower = rest.toLowerCase();
    const near = [...CONDITION_OPERATORS.keys()].find((k) => k.toLowerCase() === lower || `${k}IfExists`.toLowerCase() === lower);
    return { error: `\`${name}\` is not a condition operator${near ? ` (did you mean \`${near}\`?)` : ''}` };
  }
  return { operator, qualifier, ifExists };
}
