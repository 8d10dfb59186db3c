/**
 * Policy size the way the quotas count it. IAM does not count white space against its quotas
 * (IAM User Guide, "IAM and AWS STS quotas": "IAM doesn't count white space when calculating the size
 * of a policy"), so every white-space character is left out of the count.
 */
import type { PolicyKind } from './policyKind';

/**
 * Character quotas per kind (IAM and AWS STS quotas; AWS Organizations quotas). Identity policies
 * use the customer managed policy quota; inline policies have their own aggregate quotas per user,
 * group and role that a single document cannot decide. Resource policies differ per service and have
 * no single quota here.
 */
export const SIZE_QUOTAS: Readonly<Partial<Record<PolicyKind, number>>> = {
  identity: 6144,
  boundary: 6144,
  session: 2048,
  trust: 2048,
  scp: 5120,
  rcp: 5120,
};

/** The size of a policy text as quotas count it, with the quota of its kind when there is one. */
export function policySize(text: string, kind: PolicyKind): { characters: number; quota?: number } {
  let characters = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Space, tab, line feed, carriage return and the other JSON-insignificant white space.
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12) continue;
    characters++;
  }
  return { characters, quota: SIZE_QUOTAS[kind] };
}
