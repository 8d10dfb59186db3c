/**
 * String operators (IAM User Guide, "Condition operators" > "String condition operators"):
 * `StringEquals` is exact and case-sensitive, `...IgnoreCase` ignores case, `StringLike` allows `*`
 * and `?` anywhere. Policy variables are supported.
 */
import { matchCodes } from '../wildcardMatch';
import { operatorInfo } from '../../conditions/operators';
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

function equalsOperator(name: string): ConditionOperator {
  // Whether case is ignored is a fact of the operator table, read once.
  const ignoreCase = operatorInfo(name)!.ignoreCase;
  return {
    name,
    test(requestValue, policyValue) {
      const left = ignoreCase ? requestValue.toLowerCase() : requestValue;
      const matched = !policyValue.unresolved && matchCodes(policyValue.codes, left, ignoreCase);
      const how = ignoreCase ? ' ignoring case' : '';
      return { matched, explanation: `${q(requestValue)} ${matched ? 'equals' : 'does not equal'} ${q(policyValue.text)}${how}` };
    },
  };
}

function likeOperator(name: string): ConditionOperator {
  return {
    name,
    test(requestValue, policyValue) {
      const matched = !policyValue.unresolved && matchCodes(policyValue.codes, requestValue, false);
      return { matched, explanation: `${q(requestValue)} ${matched ? 'is like' : 'is not like'} ${q(policyValue.text)}` };
    },
  };
}

export const StringEquals = equalsOperator('StringEquals');
export const StringNotEquals = equalsOperator('StringNotEquals');
export const StringEqualsIgnoreCase = equalsOperator('StringEqualsIgnoreCase');
export const StringNotEqualsIgnoreCase = equalsOperator('StringNotEqualsIgnoreCase');
export const StringLike = likeOperator('StringLike');
export const StringNotLike = likeOperator('StringNotLike');
