/**
 * Policy size the way each quota counts it, and the quota of each policy kind.
 *
 * - IAM (identity, boundary, trust, session): IAM User Guide, "IAM and AWS STS quotas": "IAM doesn't
 *   count white space when calculating the size of a policy against these quotas", so white space is
 *   left out of the count. Access Analyzer's identity and trust messages say "excluding whitespace".
 * - AWS Organizations (SCP, RCP): Organizations User Guide, "SCP syntax" and "RCP syntax": "All
 *   characters in your SCP [RCP] count against its maximum size ... you can delete any white space,
 *   such as space characters and line breaks that are outside quotation marks." Every character counts.
 */
import type { PolicyKind } from './policyKind';

/**
 * Character quotas per kind:
 * - identity and boundary: 6,144 characters, the customer managed policy size (IAM quotas,
 *   "Managed policy size"); a boundary is a managed policy. Inline policies have aggregate quotas per
 *   user (2,048), group (5,120) and role (10,240) that one document cannot decide.
 * - trust: 2,048 characters, the default "Role trust policy length" (adjustable with Service Quotas,
 *   so Access Analyzer only warns).
 * - session: 2,048 characters, the plaintext limit of inline and managed session policies (IAM
 *   quotas, "Role session policies"; STS AssumeRole `Policy` parameter).
 * - scp and rcp: 5,120 characters (Organizations quotas, "Maximum size of a policy document").
 * Resource policies differ per service and resource type, so they have no quota here.
 */
export const SIZE_QUOTAS: Readonly<Partial<Record<PolicyKind, number>>> = {
  identity: 6144,
  boundary: 6144,
  session: 2048,
  trust: 2048,
  scp: 5120,
  rcp: 5120,
};

/** Whether a kind's quota counts white space. */
export function countsWhiteSpace(kind: PolicyKind): boolean {
  return kind === 'scp' || kind === 'rcp';
}

/** The size of a policy text as its kind's quota counts it, with the quota when there is one. */
export function policySize(text: string, kind: PolicyKind): { characters: number; quota?: number } {
  if (countsWhiteSpace(kind)) return { characters: text.length, quota: SIZE_QUOTAS[kind] };
  // Space, tab, line feed, carriage return and the other JSON-insignificant white space. A regular
  // expression runs as native code from the first call, where a loop over characters in a cold
  // process runs interpreted for a long time (a tenth of a second over the larger managed policies).
  const characters = text.replace(/[ \t\n\r\v\f]+/g, '').length;
  return { characters, quota: SIZE_QUOTAS[kind] };
}
