/**
 * The decision: combines the outcomes of every applicable policy into Allow, ExplicitDeny or
 * ImplicitDeny, following the IAM User Guide pages "Policy evaluation logic" (section "Determining
 * whether a request is allowed or denied within an account"), "Cross-account policy evaluation
 * logic", "Permissions boundaries for IAM entities" ("Evaluating effective permissions with
 * boundaries"), and the AWS Organizations pages on SCP and RCP evaluation.
 *
 * The order is the documented one: any applicable Deny anywhere wins; then RCPs (deny-only here,
 * because the undetachable RCPFullAWSAccess allows everything else); then SCPs, where every level
 * from the root down must allow; then resource-based, identity-based, boundary and session policies
 * combined as the same-account or cross-account rules say.
 */
import type { PolicyOutcome, StatementOutcome } from './policyEvaluation';
import { isAccountPrincipal, type PrincipalInfo } from './principal';
import type { RequestAccounts } from './accounts';
import { RESOURCE_POLICY_NAMES, type ResourcePolicyKind } from './resourceKinds';
import type { Decision, Reason } from './types';

/** The policies that apply to the request, already evaluated. */
export interface ApplicablePolicies {
  readonly identity: readonly PolicyOutcome[];
  readonly resource?: PolicyOutcome;
  readonly boundary?: PolicyOutcome;
  readonly session?: PolicyOutcome;
  /** One entry per SCP level, root first; empty when SCPs do not apply. */
  readonly scpLevels: ReadonlyArray<readonly PolicyOutcome[]>;
  readonly rcpLevels: ReadonlyArray<readonly PolicyOutcome[]>;
}

/** The decision with its deciding statements and the sentences that explain it. */
export interface DecisionResult {
  readonly decision: Decision;
  readonly reasons: readonly Reason[];
  /** Sentences for the explanation, in order. */
  readonly lines: readonly string[];
  readonly warnings: readonly string[];
}

function allPolicies(p: ApplicablePolicies): PolicyOutcome[] {
  const out: PolicyOutcome[] = [];
  for (const level of p.rcpLevels) for (const outcome of level) out.push(outcome);
  for (const level of p.scpLevels) for (const outcome of level) out.push(outcome);
  if (p.resource) out.push(p.resource);
  for (const outcome of p.identity) out.push(outcome);
  if (p.boundary) out.push(p.boundary);
  if (p.session) out.push(p.session);
  return out;
}

/** The statements of `policies` that apply and have `effect`, in order (a loop: this runs several times per request). */
function applying(policies: readonly PolicyOutcome[], effect: 'Allow' | 'Deny'): StatementOutcome[] {
  const out: StatementOutcome[] = [];
  for (const p of policies) for (const s of p.statements) if (s.trace.applies && s.trace.effect === effect) out.push(s);
  return out;
}

/** Turns a statement into a reason. */
function toReason(s: StatementOutcome): Reason {
  const t = s.trace;
  // The key order is the printed order: `sid` between `statementIndex` and `effect`, when there is one.
  return t.sid !== undefined
    ? { policyId: t.policyId, policyRole: t.policyRole, statementIndex: t.statementIndex, sid: t.sid, effect: t.effect }
    : { policyId: t.policyId, policyRole: t.policyRole, statementIndex: t.statementIndex, effect: t.effect };
}

/** Names a statement the way explanations do: "statement `S3Full` (index 0) of `identityPolicies[0]`". */
function describeStatement(r: Reason): string {
  const name = r.sid ? `statement \`${r.sid}\` (index ${r.statementIndex})` : `statement ${r.statementIndex}`;
  return `${name} of \`${r.policyId}\``;
}

const ROLE_LABELS: Record<Reason['policyRole'], string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  scp: 'SCP',
  rcp: 'RCP',
  session: 'session policy',
};

function listReasons(reasons: readonly Reason[]): string {
  return reasons.map((r) => `${describeStatement(r)} (${ROLE_LABELS[r.policyRole]})`).join('; ');
}

/** Principals that have no identity-based policies: only a resource-based policy can allow them. */
function isResourceOnlyPrincipal(p: PrincipalInfo): boolean {
  return !isAccountPrincipal(p);
}

/** Decides. `request` carries what the sentences mention. */
export function decide(
  policies: ApplicablePolicies,
  principal: PrincipalInfo,
  accounts: RequestAccounts,
  kind: ResourcePolicyKind,
  request: { action: string; resource: string },
): DecisionResult {
  const lines: string[] = [];
  const warnings: string[] = [];
  const subject = `\`${request.action}\` on \`${request.resource}\``;

  // 1. Deny evaluation: an applicable Deny in any policy is final.
  const denies = applying(allPolicies(policies), 'Deny');
  if (denies.length > 0) {
    const reasons = denies.map(toReason);
    lines.push(`Explicitly denied by ${listReasons(reasons)}.`);
    lines.push('An explicit deny in any policy overrides every allow (Policy evaluation logic: "Deny evaluation").');
    return { decision: 'ExplicitDeny', reasons, lines, warnings };
  }

  // 2. RCPs contain only Deny statements besides the AWS-managed RCPFullAWSAccess, which cannot be
  //    detached, so once no Deny applies every RCP level allows.
  for (const level of policies.rcpLevels) {
    for (const outcome of level) {
      for (const s of outcome.statements) {
        if (s.trace.effect === 'Allow' && !isFullAccess(outcome, s.trace.statementIndex)) {
          warnings.push(`\`${outcome.policy.id}\` statement ${s.trace.statementIndex}: RCPs support only \`Deny\` statements besides RCPFullAWSAccess; this \`Allow\` was ignored`);
        }
      }
    }
  }

  // 3. SCPs: each level, root first, must have an applicable Allow.
  for (let i = 0; i < policies.scpLevels.length; i++) {
    const level = policies.scpLevels[i]!;
    if (level.length === 0) {
      warnings.push(`\`scps[${i}]\` is empty; AWS Organizations requires at least one SCP per level, so the level was treated as FullAWSAccess`);
      continue;
    }
    if (applying(level, 'Allow').length === 0) {
      lines.push(`Implicitly denied: no SCP at organization level ${i} (\`scps[${i}]\`, root first) allows ${subject}.`);
      lines.push('Every SCP level between the root and the account must allow the request (AWS Organizations, "SCP evaluation").');
      return { decision: 'ImplicitDeny', reasons: [], lines, warnings };
    }
  }

  const resourceAllows = policies.resource ? applying([policies.resource], 'Allow') : [];
  const resourceName = RESOURCE_POLICY_NAMES[kind];

  // Principals without identity policies (services, identity providers, anonymous callers).
  if (isResourceOnlyPrincipal(principal)) {
    if (resourceAllows.length > 0) {
      const reasons = resourceAllows.map(toReason);
      lines.push(`Allowed by ${listReasons(reasons)}.`);
      lines.push(`The caller \`${principal.text}\` has no identity-based policies, so ${resourceName} alone decides.`);
      return { decision: 'Allow', reasons, lines, warnings };
    }
    lines.push(`Implicitly denied: the caller \`${principal.text}\` has no identity-based policies and ${policies.resource ? `no statement of ${resourceName} allows` : `no ${resourceName.replace(/^the /, '')} was given that allows`} ${subject}.`);
    return { decision: 'ImplicitDeny', reasons: [], lines, warnings };
  }

  // The identity side: identity-based policies, the permissions boundary and the session policy.
  const identityAllows = applying(policies.identity, 'Allow');
  const rootUser = principal.kind === 'root';
  const identityAllowed = rootUser || identityAllows.length > 0;
  const boundaryAllows = policies.boundary ? applying([policies.boundary], 'Allow') : [];
  const boundaryOk = !policies.boundary || boundaryAllows.length > 0;
  const sessionAllows = policies.session ? applying([policies.session], 'Allow') : [];
  const sessionPolicyOk = !policies.session || sessionAllows.length > 0;
  // "If there is no session policy, the code checks whether the principal is a role session. If the
  // principal is a role session, then the request is Allowed. Otherwise, the request is implicitly
  // denied": a federated user session without a session policy gets nothing from identity policies.
  const sessionRuleOk = principal.kind === 'federatedUser' && !policies.session ? false : sessionPolicyOk;
  const identitySide = identityAllowed && boundaryOk && sessionRuleOk;
  const identityReasons = [
    ...identityAllows.map(toReason),
    ...boundaryAllows.map(toReason),
    ...sessionAllows.map(toReason),
  ];

  const identityProblems = (): string[] => {
    const out: string[] = [];
    if (!identityAllowed) out.push(`no identity-based policy allows ${subject}`);
    if (!boundaryOk) out.push(`the permissions boundary \`${policies.boundary!.policy.id}\` does not allow it`);
    if (!sessionPolicyOk) out.push(`the session policy \`${policies.session!.policy.id}\` does not allow it`);
    else if (!sessionRuleOk) out.push('a federated user session without a session policy is implicitly denied');
    return out;
  };
  const rootNote = rootUser ? ' (the account root user has full access in its own account)' : '';

  // Cross-account: both accounts must allow (Cross-account policy evaluation logic).
  if (accounts.crossAccount) {
    if (identitySide && resourceAllows.length > 0) {
      const reasons = [...identityReasons, ...resourceAllows.map(toReason)];
      lines.push(`Allowed by ${listReasons(reasons)}${rootNote}.`);
      lines.push(`Cross-account request (principal account ${accounts.principalAccount}, resource account ${accounts.resourceAccount}): the identity side and ${resourceName} both allow.`);
      return { decision: 'Allow', reasons, lines, warnings };
    }
    const missing = identitySide ? [] : identityProblems();
    if (resourceAllows.length === 0) missing.push(policies.resource ? `no statement of ${resourceName} allows the caller` : `no ${resourceName.replace(/^the /, '')} was given`);
    lines.push(`Implicitly denied: ${missing.join('; ')}.`);
    lines.push(`Cross-account request (principal account ${accounts.principalAccount}, resource account ${accounts.resourceAccount}): both the identity side and ${resourceName} must allow (Cross-account policy evaluation logic).`);
    return { decision: 'ImplicitDeny', reasons: [], lines, warnings };
  }

  // Same account. A resource-based Allow counts according to how it named the caller
  // ("Determining whether a request is allowed or denied within an account", Resource-based policies):
  // - the caller's own user, role-session or federated-user ARN, or `*`: granted directly, not
  //   limited by implicit denies in identity policies, boundaries or session policies;
  // - the role ARN for a role session: limited by an implicit deny in the boundary or session policy;
  // - the account: delegation, so the identity side must allow.
  const grants = resourceAllows.filter((s) => {
    switch (s.principalMatch) {
      case 'direct':
      case 'wildcard':
        return true;
      case 'role':
        return boundaryOk && sessionPolicyOk;
      case 'account':
        return identitySide;
      default:
        return false;
    }
  });

  if (kind !== 'ordinary') {
    // Trust and key policies must allow the principal themselves.
    if (grants.length > 0) {
      const delegated = grants.every((s) => s.principalMatch === 'account');
      const reasons = delegated ? [...grants.map(toReason), ...identityReasons] : grants.map(toReason);
      lines.push(`Allowed by ${listReasons(reasons)}${rootNote}.`);
      lines.push(
        delegated
          ? `${capitalize(resourceName)} allows the account, which delegates to the account's IAM policies; they allow too.`
          : `${capitalize(resourceName)} names the caller, which suffices within the account.`,
      );
      return { decision: 'Allow', reasons, lines, warnings };
    }
    const why: string[] = [];
    if (!policies.resource) why.push(`no ${resourceName.replace(/^the /, '')} was given, and it must allow the caller`);
    else if (resourceAllows.length === 0) why.push(`no statement of ${resourceName} allows the caller`);
    else {
      for (const s of resourceAllows) {
        if (s.principalMatch === 'account') why.push(`${describeStatement(toReason(s))} delegates to the account, but ${identityProblems().join(' and ') || 'the identity side does not allow it'}`);
        if (s.principalMatch === 'role') why.push(`${describeStatement(toReason(s))} names the role, which is limited by the boundary and session policy: ${identityProblems().filter((m) => !m.startsWith('no identity')).join(' and ')}`);
      }
    }
    lines.push(`Implicitly denied: ${why.join('; ')}.`);
    lines.push(`${capitalize(resourceName)} must explicitly allow the request (Policy evaluation logic: role trust policies and KMS key policies are exceptions).`);
    return { decision: 'ImplicitDeny', reasons: [], lines, warnings };
  }

  if (identitySide) {
    const reasons = [...identityReasons, ...grants.filter((s) => s.principalMatch !== 'account').map(toReason)];
    lines.push(`Allowed by ${reasons.length > 0 ? listReasons(reasons) : 'the account root user\'s full access'}${reasons.length > 0 ? rootNote : ''}.`);
    lines.push('Same-account request: an identity-based or a resource-based Allow suffices when no limit denies.');
    return { decision: 'Allow', reasons, lines, warnings };
  }
  const direct = grants.filter((s) => s.principalMatch !== 'account');
  if (direct.length > 0) {
    const reasons = direct.map(toReason);
    lines.push(`Allowed by ${listReasons(reasons)}.`);
    const limited = direct.some((s) => s.principalMatch === 'role');
    lines.push(
      limited
        ? 'Same-account request: the resource-based policy names the role, which is limited only by implicit denies in the permissions boundary and session policy; both allow or are absent.'
        : 'Same-account request: the resource-based policy grants the caller directly, so implicit denies in identity-based policies, boundaries and session policies do not limit it.',
    );
    return { decision: 'Allow', reasons, lines, warnings };
  }
  const why = identityProblems();
  if (resourceAllows.some((s) => s.principalMatch === 'role')) {
    why.push('the resource-based policy names the role ARN, and such grants are limited by an implicit deny in the permissions boundary or session policy');
  } else if (!policies.resource) {
    why.push('no resource-based policy was given');
  } else if (resourceAllows.length === 0) {
    why.push('no statement of the resource-based policy allows the caller');
  }
  lines.push(`Implicitly denied: ${why.join('; ')}.`);
  return { decision: 'ImplicitDeny', reasons: [], lines, warnings };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether an RCP statement is the RCPFullAWSAccess shape (Allow `*` on `*` for `*`). */
function isFullAccess(outcome: PolicyOutcome, index: number): boolean {
  const doc = outcome.policy.document as { Statement?: unknown };
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const s = list[index] as Record<string, unknown> | undefined;
  return !!s && s['Action'] === '*' && s['Resource'] === '*' && s['Condition'] === undefined;
}
