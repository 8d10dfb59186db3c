/**
 * The calling principal and how `Principal` / `NotPrincipal` elements match it.
 *
 * Rules, from the IAM User Guide page "AWS JSON policy elements: Principal":
 * - An account id or `arn:aws:iam::ACCOUNT:root` "delegates authority to the account"; it does not
 *   mean only the root user, so it matches every principal of that account.
 * - A role ARN matches the role's sessions (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`); the
 *   session ARN carries no path, so the role is compared by account and name.
 * - User, role-session and federated-user ARNs match exactly; "You cannot use a wildcard to match
 *   part of a principal name or ARN".
 * - `"*"` and `{"AWS": "*"}` match every principal, anonymous included.
 * - `Service` names a service principal, `Federated` an identity provider; `CanonicalUser` ids are
 *   not derivable from a principal ARN, so they match only a request whose principal is that id.
 */
import { classifyPrincipal, isWebIdentityDomain, parsePrincipalValue } from '../principals/principalParse';

/** The kinds of calling principal the evaluator understands. */
export type PrincipalKind =
  | 'user'
  | 'root'
  | 'role'
  | 'assumedRole'
  | 'federatedUser'
  | 'service'
  | 'identityProvider'
  | 'canonicalUser'
  | 'anonymous';

/** The calling principal, parsed from the request's `principal` string. */
export interface PrincipalInfo {
  readonly kind: PrincipalKind;
  /** The principal as the request wrote it. */
  readonly text: string;
  readonly partition?: string;
  readonly account?: string;
  /** User name, role name or federated user name. */
  readonly name?: string;
  /** The session name of a role session. */
  readonly sessionName?: string;
}

/** How a `Principal` element matched the caller; the decision logic depends on it. */
export type PrincipalMatchKind =
  /** `*`, `{"AWS": "*"}` or a `NotPrincipal` that does not name the caller. */
  | 'wildcard'
  /** An account id or account root ARN: delegation to the account's IAM policies. */
  | 'account'
  /** A role ARN that matched one of the role's sessions. */
  | 'role'
  /** The caller's own ARN, service name or provider. */
  | 'direct';

/**
 * Parses a request principal, or returns an error message naming it. The shapes are those of
 * `principals/principalParse.ts` (the one principal parser; docs/ARCHITECTURE.md, invariant 8): a
 * request names its caller as a policy's `Principal` would, except that the domain of a built-in web
 * identity provider names that provider (a web identity caller), and a unique id (`AROA...`), which
 * only IAM's rewrite of a deleted principal produces, names no caller.
 */
export function parsePrincipal(text: string): PrincipalInfo | { error: string } {
  let parsed = parsedPrincipals.get(text);
  if (parsed === undefined) {
    // Batches and the access analyses ask about the same few callers over and over.
    if (parsedPrincipals.size >= 1000) parsedPrincipals.clear();
    parsed = parsePrincipalUncached(text);
    parsedPrincipals.set(text, parsed);
  }
  return parsed;
}

const parsedPrincipals = new Map<string, PrincipalInfo | { error: string }>();

function parsePrincipalUncached(text: string): PrincipalInfo | { error: string } {
  const parsed = isWebIdentityDomain(text) ? parsePrincipalValue('Federated', text) : classifyPrincipal(text);
  const { partition, account, name } = parsed;
  switch (parsed.kind) {
    case 'wildcard':
      return { kind: 'anonymous', text };
    // A bare account id carries no partition, so it matches the account in any partition.
    case 'accountId':
    case 'accountRoot':
      return { kind: 'root', text, partition, account };
    case 'iamUser':
      return { kind: 'user', text, partition, account, name };
    case 'iamRole':
      return { kind: 'role', text, partition, account, name };
    case 'assumedRole':
      return { kind: 'assumedRole', text, partition, account, name, sessionName: parsed.sessionName };
    case 'federatedUser':
      return { kind: 'federatedUser', text, partition, account, name };
    case 'service':
      return { kind: 'service', text };
    case 'samlProvider':
    case 'oidcProvider':
    case 'webIdentityDomain':
      return { kind: 'identityProvider', text, partition, account };
    case 'canonicalUser':
      return { kind: 'canonicalUser', text };
    case 'roleUniqueId':
    case 'userUniqueId':
      return { error: `\`${text}\` is a unique id, not a principal a request can name: use the principal's ARN` };
    case 'invalid':
      return { error: parsed.problem ?? `\`${text}\` is not a principal: expected an ARN, an account id, a service principal or \`*\`` };
  }
}

/** True for principals that belong to an AWS account and so have identity-based policies. */
export function isAccountPrincipal(p: PrincipalInfo): boolean {
  return p.kind === 'user' || p.kind === 'root' || p.kind === 'role' || p.kind === 'assumedRole' || p.kind === 'federatedUser';
}

/**
 * True for a service-linked role or one of its sessions: the role lives under the path
 * `/aws-service-role/` and its name starts with `AWSServiceRoleFor` (IAM User Guide, "Using
 * service-linked roles"). A session ARN carries no path, so sessions are recognised by the name.
 * SCPs and RCPs do not restrict them (AWS Organizations User Guide, "Service control policies",
 * "Resource control policies": tasks and entities not restricted).
 */
export function isServiceLinkedRole(p: PrincipalInfo): boolean {
  if (p.kind !== 'role' && p.kind !== 'assumedRole') return false;
  if (p.kind === 'role' && p.text.includes(':role/aws-service-role/')) return true;
  return (p.name ?? '').startsWith('AWSServiceRoleFor');
}

/** True for session principals (IAM User Guide, "Session policies"). */
export function isSessionPrincipal(p: PrincipalInfo): boolean {
  return p.kind === 'assumedRole' || p.kind === 'federatedUser' || p.kind === 'role';
}

/** The outcome of matching one `Principal` or `NotPrincipal` element. */
export interface PrincipalElementMatch {
  /** How the element named the caller, or undefined when it did not. */
  readonly kind?: PrincipalMatchKind;
  /** The element entry that matched, for the trace. */
  readonly entry?: string;
  /** Problems worth a warning, such as a partial wildcard. */
  readonly problems: readonly string[];
  /** Set when the element is malformed. */
  readonly error?: string;
}

const ORDER: Record<PrincipalMatchKind, number> = { direct: 0, role: 1, account: 2, wildcard: 3 };

/** Matches a `Principal` element value against the caller, returning the most specific match. */
export function matchPrincipalElement(element: unknown, caller: PrincipalInfo): PrincipalElementMatch {
  if (element === '*') return { kind: 'wildcard', entry: '*', problems: [] };
  if (typeof element !== 'object' || element === null || Array.isArray(element)) {
    return { problems: [], error: 'expected `"*"` or an object with `AWS`, `Service`, `Federated` or `CanonicalUser`' };
  }
  const problems: string[] = [];
  let best: { kind: PrincipalMatchKind; entry: string } | undefined;
  const consider = (kind: PrincipalMatchKind | undefined, entry: string) => {
    if (kind && (!best || ORDER[kind] < ORDER[best.kind])) best = { kind, entry };
  };
  for (const [type, raw] of Object.entries(element as Record<string, unknown>)) {
    const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : undefined;
    if (!values || values.some((v) => typeof v !== 'string')) {
      return { problems, error: `\`${type}\` must be a string or an array of strings` };
    }
    for (const value of values as string[]) {
      switch (type) {
        case 'AWS':
          consider(matchAwsEntry(value, caller, problems), value);
          break;
        case 'Service':
          if (value === '*') consider('wildcard', value);
          else if (caller.kind === 'service' && value.toLowerCase() === caller.text.toLowerCase()) consider('direct', value);
          break;
        case 'Federated':
          if (caller.kind === 'identityProvider' && value.toLowerCase() === caller.text.toLowerCase()) consider('direct', value);
          break;
        case 'CanonicalUser':
          if (caller.kind === 'canonicalUser' && value.toLowerCase() === caller.text.toLowerCase()) consider('direct', value);
          break;
        default:
          return { problems, error: `\`${type}\` is not a principal type (expected AWS, Service, Federated or CanonicalUser)` };
      }
    }
  }
  return best ? { kind: best.kind, entry: best.entry, problems } : { problems };
}

function matchAwsEntry(value: string, caller: PrincipalInfo, problems: string[]): PrincipalMatchKind | undefined {
  if (value === '*') return 'wildcard';
  if (value.includes('*') || value.includes('?')) {
    problems.push(`principal \`${value}\` contains a wildcard, which IAM does not expand inside principal ARNs`);
    return undefined;
  }
  const named = parsePrincipalValue('AWS', value);
  if (named.kind === 'invalid' || !isAccountPrincipal(caller)) return undefined;
  if (named.kind === 'accountId' || named.kind === 'accountRoot') {
    return named.account === caller.account && samePartition(named, caller) ? 'account' : undefined;
  }
  if (named.kind === 'iamRole') {
    if (caller.kind === 'role') return named.text === caller.text ? 'direct' : undefined;
    if (caller.kind === 'assumedRole' && named.account === caller.account && named.name === caller.name && samePartition(named, caller)) {
      return 'role';
    }
    return undefined;
  }
  return named.text === caller.text ? 'direct' : undefined;
}

function samePartition(a: { readonly partition?: string }, b: { readonly partition?: string }): boolean {
  return a.partition === undefined || b.partition === undefined || a.partition === b.partition;
}
