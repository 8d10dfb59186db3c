/**
 * `IpAddress` and `NotIpAddress` (IAM User Guide, "Condition operators" > "IP address condition
 * operators"): the policy value is an IPv4 or IPv6 address or CIDR range; an address without a
 * prefix length is a single address (/32 or /128). IPv4 and IPv6 never match each other. Policy
 * variables are not supported.
 */
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';
import { parseCidr, type CidrRange } from '../../conditions/ipAddress';

/** Whether an address lies in a CIDR range of the same family (IPv4 never matches IPv6). */
function inRange(address: CidrRange, range: CidrRange): boolean {
  if (address.version !== range.version) return false;
  const shift = BigInt((range.version === 4 ? 32 : 128) - range.prefix);
  return address.address >> shift === range.address >> shift;
}

function ipOperator(name: string): ConditionOperator {
  return {
    name,
    test(requestValue, policyValue) {
      const range = parseCidr(policyValue.text.trim());
      if (!range) {
        return { matched: false, explanation: `policy value ${q(policyValue.text)} is not an IP address or CIDR range`, problem: `${name}: policy value \`${policyValue.text}\` is not an IP address or CIDR range` };
      }
      // A request value may itself be written with a prefix; its address part is what is tested.
      const request = parseCidr(requestValue.trim());
      if (!request) {
        return { matched: false, explanation: `request value ${q(requestValue)} is not an IP address`, problem: `${name}: request value \`${requestValue}\` is not an IP address` };
      }
      const matched = inRange(request, range);
      return { matched, explanation: `${q(requestValue)} ${matched ? 'is' : 'is not'} in ${q(policyValue.text)}` };
    },
  };
}

export const IpAddress = ipOperator('IpAddress');
export const NotIpAddress = ipOperator('NotIpAddress');
