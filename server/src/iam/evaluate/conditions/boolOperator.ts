/**
 * `Bool` (IAM User Guide, "Condition operators" > "Boolean condition operators"): compares a key with
 * "true" or "false". Policy variables are supported. The words are compared without regard to case,
 * as JSON `true`/`false` and the strings "true"/"false" are used interchangeably in policies.
 */
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

function readBool(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

export const Bool: ConditionOperator = {
  name: 'Bool',
  test(requestValue, policyValue) {
    if (policyValue.unresolved) return { matched: false, explanation: `${q(policyValue.text)} has no value` };
    const right = readBool(policyValue.text);
    if (right === undefined) {
      return { matched: false, explanation: `policy value ${q(policyValue.text)} is not true or false`, problem: `Bool: policy value \`${policyValue.text}\` is not \`true\` or \`false\`` };
    }
    const left = readBool(requestValue);
    const matched = left === right;
    return { matched, explanation: `${q(requestValue)} ${matched ? 'is' : 'is not'} ${q(policyValue.text)}` };
  },
};
