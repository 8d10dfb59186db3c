/**
 * Numeric operators (IAM User Guide, "Condition operators" > "Numeric condition operators"): integer
 * or decimal values; policy variables are not supported.
 */
import { readNumber } from '../../conditions/valueFormats';
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

function numericOperator(name: string, verb: string, compare: (a: number, b: number) => boolean): ConditionOperator {
  return {
    name,
    test(requestValue, policyValue) {
      const left = readNumber(requestValue);
      const right = readNumber(policyValue.text);
      if (right === undefined) {
        return { matched: false, explanation: `policy value ${q(policyValue.text)} is not a number`, problem: `${name}: policy value \`${policyValue.text}\` is not a number` };
      }
      if (left === undefined) {
        return { matched: false, explanation: `request value ${q(requestValue)} is not a number`, problem: `${name}: request value \`${requestValue}\` is not a number` };
      }
      const matched = compare(left, right);
      return { matched, explanation: `${q(requestValue)} ${matched ? 'is' : 'is not'} ${verb} ${q(policyValue.text)}` };
    },
  };
}

export const NumericEquals = numericOperator('NumericEquals', 'equal to', (a, b) => a === b);
export const NumericNotEquals = numericOperator('NumericNotEquals', 'equal to', (a, b) => a === b);
export const NumericLessThan = numericOperator('NumericLessThan', 'less than', (a, b) => a < b);
export const NumericLessThanEquals = numericOperator('NumericLessThanEquals', 'less than or equal to', (a, b) => a <= b);
export const NumericGreaterThan = numericOperator('NumericGreaterThan', 'greater than', (a, b) => a > b);
export const NumericGreaterThanEquals = numericOperator('NumericGreaterThanEquals', 'greater than or equal to', (a, b) => a >= b);
