/**
 * Requests whose resource-based policy must allow them, whatever identity-based policies say
 * (IAM User Guide, "Policy evaluation logic" > "Determining whether a request is allowed or denied
 * within an account": "IAM role trust policies and KMS key policies are exceptions to this logic,
 * because they must explicitly allow access for principals").
 */
import { matchWildcard } from './wildcardMatch';

/** Which special resource-based policy, if any, the request is governed by. */
export type ResourcePolicyKind = 'trust' | 'keyPolicy' | 'ordinary';

/** STS actions that a role's trust policy authorizes (IAM User Guide, "Role trust policies"). */
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** Classifies the request by its action and resource. */
export function resourcePolicyKind(action: string, resource: string): ResourcePolicyKind {
  const lower = action.toLowerCase();
  if (TRUST_ACTIONS.has(lower) && matchWildcard('arn:*:iam::*:role/*', resource, false)) return 'trust';
  if (lower.startsWith('kms:') && matchWildcard('arn:*:kms:*:*:key/*', resource, false)) return 'keyPolicy';
  return 'ordinary';
}

/** What the explanation calls the resource policy of each kind. */
export const RESOURCE_POLICY_NAMES: Record<ResourcePolicyKind, string> = {
  trust: "the role's trust policy",
  keyPolicy: 'the key policy',
  ordinary: 'the resource-based policy',
};
