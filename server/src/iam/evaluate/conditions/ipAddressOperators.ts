/**
 * `IpAddress` and `NotIpAddress` (IAM User Guide, "Condition operators" > "IP address condition
 * operators"): the policy value is an IPv4 or IPv6 address or CIDR range; an address without a
 * prefix length is a single address (/32 or /128). IPv4 and IPv6 never match each other. Policy
 * variables are not supported.
 */
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

/** An address as a number plus its width in bits. */
interface Address {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  // An embedded IPv4 tail (::ffff:192.0.2.1) supplies the last 32 bits.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon !== -1) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon) + ':0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] === '' ? [] : halves[0]!.split(':');
  const right = halves.length === 2 ? (halves[1] === '' ? [] : halves[1]!.split(':')) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/** Reads an IPv4 or IPv6 address. */
export function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  const v4 = parseIpv4(trimmed);
  if (v4 !== undefined) return { bits: 32, value: v4 };
  if (trimmed.includes(':')) {
    const v6 = parseIpv6(trimmed);
    if (v6 !== undefined) return { bits: 128, value: v6 };
  }
  return undefined;
}

/** Reads an address or CIDR range as a network address plus prefix length. */
export function parseCidr(text: string): { address: Address; prefix: number } | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) return undefined;
  if (slash === -1) return { address, prefix: address.bits };
  const prefixText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix > address.bits ? undefined : { address, prefix };
}

/** Whether an address lies in a CIDR range of the same family. */
export function inRange(address: Address, range: { address: Address; prefix: number }): boolean {
  if (address.bits !== range.address.bits) return false;
  const shift = BigInt(address.bits - range.prefix);
  return address.value >> shift === range.address.value >> shift;
}

function ipOperator(name: string, negated: boolean): ConditionOperator {
  return {
    name,
    family: 'IpAddress',
    negated,
    variables: false,
    wildcards: false,
    ignoreCase: false,
    test(requestValue, policyValue) {
      const range = parseCidr(policyValue.text);
      if (!range) {
        return { matched: false, explanation: `policy value ${q(policyValue.text)} is not an IP address or CIDR range`, problem: `${name}: policy value \`${policyValue.text}\` is not an IP address or CIDR range` };
      }
      // A request value may itself be written with a prefix; its address part is what is tested.
      const request = parseCidr(requestValue);
      if (!request) {
        return { matched: false, explanation: `request value ${q(requestValue)} is not an IP address`, problem: `${name}: request value \`${requestValue}\` is not an IP address` };
      }
      const matched = inRange(request.address, range);
      return { matched, explanation: `${q(requestValue)} ${matched ? 'is' : 'is not'} in ${q(policyValue.text)}` };
    },
  };
}

export const IpAddress = ipOperator('IpAddress', false);
export const NotIpAddress = ipOperator('NotIpAddress', true);
