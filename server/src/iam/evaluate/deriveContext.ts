/**
 * `deriveContext(request)`: the separate, visible step that fills the context keys that follow from
 * the principal and resource alone (ARCHITECTURE invariant 3: the evaluator never invents context).
 * Keys the request already has, in any spelling, are never overwritten, and a key is derived only
 * when its value is knowable from the request.
 *
 * Values, from the IAM User Guide pages "AWS global condition context keys" and "IAM policy
 * elements: Variables and tags" (table "Principal key values"):
 * - aws:PrincipalArn: the user, root or federated-user ARN; for a role session the role ARN
 *   (derived without a path, which the session ARN does not carry).
 * - aws:PrincipalAccount: the principal's account.
 * - aws:username: IAM users only.
 * - aws:userid: the account id for the root user, `account:name` for a federated user,
 *   `anonymous` for anonymous callers; user and role ids are unique ids that an ARN does not reveal.
 * - aws:PrincipalType: Account, User, FederatedUser, AssumedRole or Anonymous.
 * - aws:PrincipalIsAWSService: true for service principals, false for IAM principals.
 * - aws:PrincipalServiceName: the service principal's name.
 * - aws:ResourceAccount: the resource's account.
 */
import { resolveAccounts } from './accounts';
import { parsePrincipal } from './principal';
import type { ContextValue, EvaluationRequest } from './types';

/** The derived context plus a readable line for every key that was added. */
export interface DerivedContext {
  readonly context: Record<string, ContextValue>;
  readonly derived: string[];
}

/**
 * Adds a key to `context` unless it has the key in any spelling, with a readable line in `derived`:
 * the one way a derived key is added, here and for what a scenario knows (its principals' tags).
 */
export function contextAdder(context: Record<string, ContextValue>, derived: string[]): (key: string, value: ContextValue, why: string) => void {
  const present = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  return (key, value, why) => {
    if (present.has(key.toLowerCase())) return;
    context[key] = value;
    present.add(key.toLowerCase());
    derived.push(`${key} = ${JSON.stringify(value)} (${why})`);
  };
}

/** Fills the derivable keys into a copy of the request's context. */
export function deriveContext(request: EvaluationRequest): DerivedContext {
  const context: Record<string, ContextValue> = { ...(request.context ?? {}) };
  const derived: string[] = [];
  const add = contextAdder(context, derived);
  if (typeof request?.principal !== 'string') return { context, derived };
  const principal = parsePrincipal(request.principal);
  if ('error' in principal) return { context, derived };
  const resource = typeof request.resource === 'string' ? request.resource : '';
  const accounts = resolveAccounts(principal, resource, request.principalAccount, request.resourceAccount);
  const partition = principal.partition ?? 'aws';

  switch (principal.kind) {
    case 'user':
      add('aws:PrincipalArn', principal.text, 'the IAM user ARN');
      add('aws:username', principal.name!, 'IAM users only');
      add('aws:PrincipalType', 'User', 'IAM user');
      break;
    case 'root':
      add('aws:PrincipalArn', `arn:${partition}:iam::${principal.account}:root`, 'the account root user');
      add('aws:userid', principal.account!, 'the account id, for the root user');
      add('aws:PrincipalType', 'Account', 'account root user');
      break;
    case 'assumedRole':
    case 'role':
      add('aws:PrincipalArn', `arn:${partition}:iam::${principal.account}:role/${principal.name}`, 'the role ARN for a role session, assuming the role has no path');
      add('aws:PrincipalType', 'AssumedRole', 'role session');
      break;
    case 'federatedUser':
      add('aws:PrincipalArn', principal.text, 'the federated user ARN');
      add('aws:userid', `${principal.account}:${principal.name}`, 'account:caller-specified-name, for a federated user');
      add('aws:PrincipalType', 'FederatedUser', 'federated user session');
      break;
    case 'anonymous':
      add('aws:userid', 'anonymous', 'anonymous caller');
      add('aws:PrincipalType', 'Anonymous', 'anonymous caller');
      break;
    case 'service':
      add('aws:PrincipalIsAWSService', true, 'a service principal');
      add('aws:PrincipalServiceName', principal.text, 'the service principal');
      break;
    default:
      break;
  }
  if (isIamPrincipal(principal.kind)) {
    add('aws:PrincipalIsAWSService', false, 'an IAM principal, not a service');
    if (accounts.principalAccount) add('aws:PrincipalAccount', accounts.principalAccount, "the principal's account");
  }
  if (accounts.resourceAccount && principal.kind !== 'service' && principal.kind !== 'anonymous') {
    add('aws:ResourceAccount', accounts.resourceAccount, resourceAccountWhy(request, resource));
  } else if (request.resourceAccount) {
    add('aws:ResourceAccount', request.resourceAccount, 'the request\'s resourceAccount');
  }
  return { context, derived };
}

function isIamPrincipal(kind: string): boolean {
  return kind === 'user' || kind === 'root' || kind === 'assumedRole' || kind === 'role' || kind === 'federatedUser';
}

function resourceAccountWhy(request: EvaluationRequest, resource: string): string {
  if (request.resourceAccount) return "the request's resourceAccount";
  return /^arn:[^:]*:[^:]*:[^:]*:\d{12}:/.test(resource) ? 'the account in the resource ARN' : "the principal's account, since the resource ARN has none";
}
