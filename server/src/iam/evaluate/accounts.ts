/**
 * Account resolution for a request: which account the principal and the resource belong to, which
 * decides between same-account and cross-account evaluation (IAM User Guide, "Cross-account policy
 * evaluation logic").
 */
import type { PrincipalInfo } from './principal';
import { isAccountId } from '../principals/principalParse';

/** The account in an ARN's fifth field, or undefined when it has none (S3 bucket ARNs, `*`). */
function accountOfArn(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  // The text between the fourth and fifth colons (or the end), found without splitting the whole ARN.
  let start = 0;
  for (let colons = 0; colons < 4; colons++) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return undefined;
  }
  const end = arn.indexOf(':', start);
  const account = end < 0 ? arn.slice(start) : arn.slice(start, end);
  return account && isAccountId(account) ? account : undefined;
}

/** The accounts a request is evaluated in. */
export interface RequestAccounts {
  readonly principalAccount?: string;
  readonly resourceAccount?: string;
  /** True when both are known and differ. */
  readonly crossAccount: boolean;
}

/**
 * Defaults as the simulate request format documents: the principal's account comes from its ARN,
 * the resource's from its ARN, and a resource ARN without an account (S3) is taken to be in the
 * principal's account.
 */
export function resolveAccounts(principal: PrincipalInfo, resource: string, principalAccount?: string, resourceAccount?: string): RequestAccounts {
  const p = principalAccount ?? principal.account;
  const r = resourceAccount ?? accountOfArn(resource) ?? p;
  return { principalAccount: p, resourceAccount: r, crossAccount: p !== undefined && r !== undefined && p !== r };
}
