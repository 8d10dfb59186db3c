/**
 * Policy kinds and their detection from content. What a policy is decides which elements it needs
 * and which checks apply, so detection is deliberately conservative: the content only tells a
 * principal-less policy (identity) from one with a principal (resource or trust); SCPs, RCPs,
 * boundaries and session policies look like identity or resource policies and are told apart by the
 * per-file override (glob settings or the status-bar picker) that the host passes in.
 */
import type { PolicyDocument, Statement } from './model';

/** The kinds of policy the product understands. */
export const POLICY_KINDS = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'] as const;

export type PolicyKind = (typeof POLICY_KINDS)[number];

/** Display names, used in the status bar and messages. */
export const POLICY_KIND_LABELS: Readonly<Record<PolicyKind, string>> = {
  identity: 'Identity policy',
  resource: 'Resource policy',
  trust: 'Role trust policy',
  scp: 'Service control policy (SCP)',
  rcp: 'Resource control policy (RCP)',
  boundary: 'Permissions boundary',
  session: 'Session policy',
};

export function isPolicyKind(value: unknown): value is PolicyKind {
  return typeof value === 'string' && (POLICY_KINDS as readonly string[]).includes(value);
}

/**
 * The actions that belong in a role trust policy (IAM User Guide, "Roles terms and concepts":
 * trust policy; and the sts actions that a trust policy may allow).
 */
export const TRUST_POLICY_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

const TRUST_ACTIONS_LOWER = new Set(TRUST_POLICY_ACTIONS.map((action) => action.toLowerCase()));

/** True when an action string is (or is a wildcard over) the trust-policy actions. */
export function isTrustAction(action: string): boolean {
  const lower = action.toLowerCase();
  return TRUST_ACTIONS_LOWER.has(lower) || lower === 'sts:assumerole*' || lower === 'sts:assume*';
}

/** How a kind was decided, shown to the user next to the kind. */
export type KindSource = 'content' | 'setting' | 'override' | 'template';

export interface DetectedKind {
  readonly kind: PolicyKind;
  readonly source: KindSource;
}

function hasPrincipal(statement: Statement): boolean {
  return statement.principal !== undefined || statement.notPrincipal !== undefined;
}

/**
 * Detects the kind from the content:
 * 1. no statement has a Principal or NotPrincipal: an identity policy (IAM User Guide, "IAM JSON
 *    policy elements: Principal": identity-based policies have no Principal element);
 * 2. some statement has a Resource or NotResource: a resource policy, never a trust policy (a role
 *    trust policy cannot name resources, the role is its resource: Access Analyzer's
 *    `ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE`; an RCP, in contrast, must have `Resource`: AWS
 *    Organizations User Guide, "RCP syntax"), which keeps AWS's RCP examples that deny `sts:` actions
 *    to `"Principal": "*"` on `"Resource": "*"` out of the trust checks;
 * 3. only `sts:AssumeRole*`-family actions in the statements with a principal: a role trust policy;
 * 4. otherwise a resource policy.
 */
export function detectPolicyKind(document: PolicyDocument): PolicyKind {
  const withPrincipal = document.statements.filter(hasPrincipal);
  if (withPrincipal.length === 0) return 'identity';
  if (document.statements.some((statement) => statement.resource !== undefined || statement.notResource !== undefined)) return 'resource';
  const actions = withPrincipal.flatMap((statement) => statement.action?.values ?? []);
  if (actions.length > 0 && actions.every((action) => isTrustAction(action.value))) return 'trust';
  return 'resource';
}

/** The kind to use: an explicit override wins, then a glob setting, then the content. */
export function resolvePolicyKind(document: PolicyDocument, override?: PolicyKind, fromSetting?: PolicyKind): DetectedKind {
  if (override) return { kind: override, source: 'override' };
  if (fromSetting) return { kind: fromSetting, source: 'setting' };
  return { kind: detectPolicyKind(document), source: 'content' };
}

/**
 * Whether a parsed JSON document is an IAM policy at all: a top-level object with a `Statement`
 * element (any case, so that a misspelt `statement` is still reported rather than ignored).
 */
export function looksLikePolicy(document: PolicyDocument): boolean {
  return document.properties.some((property) => property.key.toLowerCase() === 'statement');
}
