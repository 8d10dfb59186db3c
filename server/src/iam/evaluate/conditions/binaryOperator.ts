/**
 * `BinaryEquals` (IAM User Guide, "Condition operators" > "Binary condition operators"): compares
 * the key's bytes with the base64-encoded policy value, byte for byte. The request value is read as
 * base64 too, since a JSON request can carry bytes only that way.
 */
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes base64 to bytes as a binary string, or undefined when the text is not base64. */
function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  try {
    return atob(compact);
  } catch {
    return undefined;
  }
}

export const BinaryEquals: ConditionOperator = {
  name: 'BinaryEquals',
  test(requestValue, policyValue) {
    const right = decodeBase64(policyValue.text);
    if (right === undefined) {
      return { matched: false, explanation: `policy value ${q(policyValue.text)} is not base64`, problem: `BinaryEquals: policy value \`${policyValue.text}\` is not base64` };
    }
    const left = decodeBase64(requestValue);
    if (left === undefined) {
      return { matched: false, explanation: `request value ${q(requestValue)} is not base64`, problem: `BinaryEquals: request value \`${requestValue}\` is not base64` };
    }
    const matched = left === right;
    return { matched, explanation: `the bytes of ${q(requestValue)} ${matched ? 'equal' : 'differ from'} those of ${q(policyValue.text)}` };
  },
};
