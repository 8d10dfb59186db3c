/**
 * `Null` (IAM User Guide, "Condition operators" > "Condition operator to check existence of
 * condition keys"): `true` means the key is absent, `false` that it is present. Its request value is
 * the key's presence, which `conditionEvaluation.ts` passes as "true" (absent) or "false" (present).
 * Policy variables are not supported, and `IfExists` cannot be added to it.
 */
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

export const Null: ConditionOperator = {
  name: 'Null',
  test(keyIsNull, policyValue) {
    const wanted = policyValue.text.trim().toLowerCase();
    if (wanted !== 'true' && wanted !== 'false') {
      return { matched: false, explanation: `policy value ${q(policyValue.text)} is not true or false`, problem: `Null: policy value \`${policyValue.text}\` is not \`true\` or \`false\`` };
    }
    const matched = wanted === keyIsNull;
    const state = keyIsNull === 'true' ? 'absent' : 'present';
    return { matched, explanation: `the key is ${state}, ${matched ? 'as' : 'not as'} ${q(policyValue.text)} requires` };
  },
};
