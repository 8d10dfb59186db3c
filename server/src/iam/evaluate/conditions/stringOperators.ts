/**
 * String operators (IAM User Guide, "Condition operators" > "String condition operators"):
 * `StringEquals` is exact and case-sensitive, `...IgnoreCase` ignores case, `StringLike` allows `*`
 * and `?` anywhere. Policy variables are supported.
 */
import { matchCodes } from '../wildcardMatch';
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

function equalsOperator(name: string, negated: boolean, ignoreCase: boolean): ConditionOperator {
  return {
    name,
    family: 'String',
    negated,
    variables: true,
    wildcards: false,
    ignoreCase,
    test(requestValue, policyValue) {
      const left = ignoreCase ? requestValue.toLowerCase() : requestValue;
      const matched = !policyValue.unresolved && matchCodes(policyValue.codes, left, ignoreCase);
      const how = ignoreCase ? ' ignoring case' : '';
      return { matched, explanation: `${q(requestValue)} ${matched ? 'equals' : 'does not equal'} ${q(policyValue.text)}${how}` };
    },
  };
}

function likeOperator(name: string, negated: boolean): ConditionOperator {
  return {
    name,
    family: 'String',
    negated,
    variables: true,
    wildcards: true,
    ignoreCase: false,
    test(requestValue, policyValue) {
      const matched = !policyValue.unresolved && matchCodes(policyValue.codes, requestValue, false);
      return { matched, explanation: `${q(requestValue)} ${matched ? 'is like' : 'is not like'} ${q(policyValue.text)}` };
    },
  };
}

export const StringEquals = equalsOperator('StringEquals', false, false);
export const StringNotEquals = equalsOperator('StringNotEquals', true, false);
export const StringEqualsIgnoreCase = equalsOperator('StringEqualsIgnoreCase', false, true);
export const StringNotEqualsIgnoreCase = equalsOperator('StringNotEqualsIgnoreCase', true, true);
export const StringLike = likeOperator('StringLike', false);
export const StringNotLike = likeOperator('StringNotLike', true);
