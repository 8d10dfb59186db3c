/**
 * ARN operators (IAM User Guide, "Condition operators" > "Amazon Resource Name (ARN) condition
 * operators"): case-sensitive; "each of the six colon-delimited components of the ARN is checked
 * separately and each can include" `*` and `?`. `ArnEquals` and `ArnLike` behave identically, as do
 * `ArnNotEquals` and `ArnNotLike`. Policy variables are supported.
 */
import { matchArnCodes } from '../wildcardMatch';
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

function arnOperator(name: string): ConditionOperator {
  return {
    name,
    test(requestValue, policyValue) {
      const matched = !policyValue.unresolved && matchArnCodes(policyValue.codes, requestValue);
      return { matched, explanation: `${q(requestValue)} ${matched ? 'matches' : 'does not match'} ${q(policyValue.text)} segment by segment` };
    },
  };
}

export const ArnEquals = arnOperator('ArnEquals');
export const ArnLike = arnOperator('ArnLike');
export const ArnNotEquals = arnOperator('ArnNotEquals');
export const ArnNotLike = arnOperator('ArnNotLike');
