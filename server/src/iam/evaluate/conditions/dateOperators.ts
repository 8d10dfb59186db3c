/**
 * Date operators (IAM User Guide, "Condition operators" > "Date condition operators"): values are
 * ISO 8601 dates or times (as `aws:CurrentTime` carries) or epoch seconds (as `aws:EpochTime`
 * carries); wildcards and policy variables are not supported.
 */
import { readDate } from '../../conditions/valueFormats';
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

function dateOperator(name: string, verb: string, compare: (a: number, b: number) => boolean): ConditionOperator {
  return {
    name,
    test(requestValue, policyValue) {
      const left = readDate(requestValue);
      const right = readDate(policyValue.text);
      if (right === undefined) {
        return { matched: false, explanation: `policy value ${q(policyValue.text)} is not a date`, problem: `${name}: policy value \`${policyValue.text}\` is not an ISO 8601 date or epoch seconds` };
      }
      if (left === undefined) {
        return { matched: false, explanation: `request value ${q(requestValue)} is not a date`, problem: `${name}: request value \`${requestValue}\` is not an ISO 8601 date or epoch seconds` };
      }
      const matched = compare(left, right);
      return { matched, explanation: `${q(requestValue)} ${matched ? 'is' : 'is not'} ${verb} ${q(policyValue.text)}` };
    },
  };
}

export const DateEquals = dateOperator('DateEquals', 'the same time as', (a, b) => a === b);
export const DateNotEquals = dateOperator('DateNotEquals', 'the same time as', (a, b) => a === b);
export const DateLessThan = dateOperator('DateLessThan', 'before', (a, b) => a < b);
export const DateLessThanEquals = dateOperator('DateLessThanEquals', 'at or before', (a, b) => a <= b);
export const DateGreaterThan = dateOperator('DateGreaterThan', 'after', (a, b) => a > b);
export const DateGreaterThanEquals = dateOperator('DateGreaterThanEquals', 'at or after', (a, b) => a >= b);
