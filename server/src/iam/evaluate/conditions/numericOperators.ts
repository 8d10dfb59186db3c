/**
 * Numeric operators (IAM User Guide, "Condition operators" > "Numeric condition operators"): integer
 * or decimal values; policy variables are not supported.
 */
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a decimal number, or undefined when the text is not one. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

function numericOperator(name: string, verb: string, compare: (a: number, b: number) => boolean): ConditionOperator {
  return {
    name,
    test(requestValue, policyValue) {
      const left = parseNumber(requestValue);
      const right = parseNumber(policyValue.text);
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
