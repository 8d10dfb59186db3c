/**
 * Check family `trust`, for role trust policies only: which actions it may name, whether each
 * assume-role action fits its principals, the actions IAM Roles Anywhere needs, OIDC conditions
 * (GitHub Actions included) and redundant role-session principals.
 *
 * Sources: IAM Access Analyzer policy check reference (sections named after each code), IAM User
 * Guide "Creating a role for web identity or OpenID Connect federation", "Configuring a role for
 * GitHub OIDC identity provider", "Creating a role for SAML 2.0 federation", and IAM Roles Anywhere
 * User Guide "Trust model" (the trust policy must allow sts:AssumeRole, sts:SetSourceIdentity and
 * sts:TagSession).
 */
import type { Statement } from '../../../document/model';
import { TRUST_POLICY_ACTIONS } from '../../../document/policyKind';
import { hasWildcard, matchWildcard } from '../../../arn/wildcard';
import { GITHUB_OIDC_HOST, isOidcPrincipal, isSessionOfRole } from '../../../principals/principalParse';
import type { CheckContext, CheckFamily } from '../../engine/checkContext';
import type { Fix } from '../../engine/findings';
import { nearestName } from '../../../spelling/nearestName';
import {
  actionValues,
  conditionUses,
  effectOf,
  principalValues,
  removeArrayElementFix,
  replaceFix,
  replaceListFix,
  type PrincipalValue,
} from '../statementFacts';

const ROLES_ANYWHERE = 'rolesanywhere.amazonaws.com';
const ROLES_ANYWHERE_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'];

/**
 * A role trust policy is a resource policy on the role whose only actions are the STS actions that
 * assume it or set session data (IAM User Guide, "Roles terms and concepts: trust policy"; IAM
 * rejects other actions with MalformedPolicyDocument). Access Analyzer's code for an action that
 * the resource type does not support is UNSUPPORTED_ACTION_IN_POLICY. A wildcard is accepted when
 * it covers at least one trust action (`sts:AssumeRole*`, `sts:*`, `*`).
 */
function checkTrustActions(context: CheckContext, statement: Statement): void {
  for (const action of actionValues(statement)) {
    const text = action.value;
    const supported = hasWildcard(text)
      ? TRUST_POLICY_ACTIONS.some((candidate) => matchWildcard(text, candidate, true))
      : TRUST_POLICY_ACTIONS.some((candidate) => candidate.toLowerCase() === text.toLowerCase());
    if (supported) continue;
    const suggestion = hasWildcard(text) ? undefined : nearestName(text, TRUST_POLICY_ACTIONS);
    context.report(
      'UNSUPPORTED_ACTION_IN_POLICY',
      action.span,
      `The action \`${text}\` is not supported in a role trust policy: use ${suggestion ? `\`${suggestion}\`` : 'one of `sts:AssumeRole`, `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`, `sts:TagSession`, `sts:SetSourceIdentity`, `sts:SetContext`'}, and grant other permissions in the role's permissions policies.`,
      suggestion ? [replaceFix(`Change to \`${suggestion}\``, action.span, JSON.stringify(suggestion))] : undefined,
    );
  }
}

type AssumeAction = 'sts:AssumeRole' | 'sts:AssumeRoleWithSAML' | 'sts:AssumeRoleWithWebIdentity';

/** The assume action each principal needs: AWS and service principals AssumeRole, SAML and OIDC their own. */
function actionFor(principal: PrincipalValue): AssumeAction | undefined {
  switch (principal.parsed.kind) {
    case 'samlProvider':
      return 'sts:AssumeRoleWithSAML';
    case 'oidcProvider':
    case 'webIdentityDomain':
      return 'sts:AssumeRoleWithWebIdentity';
    case 'invalid':
    case 'wildcard':
      return principal.type === 'AWS' || principal.type === 'Service' ? 'sts:AssumeRole' : undefined;
    default:
      return 'sts:AssumeRole';
  }
}

/**
 * MISMATCHED_ACTION_FOR_PRINCIPAL: "Use a SAML provider principal with the sts:AssumeRoleWithSAML
 * action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the
 * provider is Federated if you use either of the two options." Each literal assume action is checked
 * against the principals it cannot serve; wildcard actions are left alone.
 */
function checkMismatchedActions(context: CheckContext, statement: Statement, principals: readonly PrincipalValue[]): void {
  const typed = principals.filter((principal) => actionFor(principal) !== undefined);
  if (typed.length === 0) return;
  const needed = new Set(typed.map((principal) => actionFor(principal)!));
  for (const action of actionValues(statement)) {
    const written = (['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'] as const).find((name) => name.toLowerCase() === action.value.toLowerCase());
    if (!written) continue;
    const mismatched = typed.filter((principal) => actionFor(principal) !== written);
    if (mismatched.length === 0) continue;
    // Only report when no principal of the statement can use the action: a statement that mixes
    // principal types is unusual, and the action is then valid for some of them.
    if (mismatched.length !== typed.length) continue;
    const names = mismatched.map((principal) => `\`${principal.value.value}\``).join(', ');
    const fixes: Fix[] = [];
    if (needed.size === 1) {
      const right = [...needed][0]!;
      const alreadyListed = actionValues(statement).some((other) => other.value.toLowerCase() === right.toLowerCase());
      if (!alreadyListed) fixes.push(replaceFix(`Change to \`${right}\``, action.span, JSON.stringify(right)));
    }
    context.report(
      'MISMATCHED_ACTION_FOR_PRINCIPAL',
      action.span,
      `The \`${written}\` action is invalid with ${names}: use \`sts:AssumeRoleWithSAML\` with a SAML provider, \`sts:AssumeRoleWithWebIdentity\` with an OIDC provider, and \`sts:AssumeRole\` with AWS and service principals.`,
      fixes,
    );
  }
}

/** True when some `Action` value (wildcards included) covers `action`. */
function actionCovered(statement: Statement, action: string): boolean {
  return actionValues(statement).some((value) => matchWildcard(value.value, action, true));
}

/** MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY, with a fix that adds the missing actions. */
function checkRolesAnywhere(context: CheckContext, statement: Statement, principals: readonly PrincipalValue[]): void {
  const principal = principals.find((candidate) => candidate.type === 'Service' && candidate.value.value === ROLES_ANYWHERE);
  if (!principal || !statement.action) return;
  const missing = ROLES_ANYWHERE_ACTIONS.filter((action) => !actionCovered(statement, action));
  if (missing.length === 0) return;
  const valueNode = statement.action.property.value;
  const all = [...statement.action.values.map((value) => value.value), ...missing];
  context.report(
    'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
    principal.value.span,
    `The \`${ROLES_ANYWHERE}\` service principal needs \`sts:AssumeRole\`, \`sts:SetSourceIdentity\` and \`sts:TagSession\` to assume the role: add ${missing.map((action) => `\`${action}\``).join(', ')}.`,
    valueNode ? [replaceListFix(`Add ${missing.map((action) => `\`${action}\``).join(', ')}`, valueNode, all)] : undefined,
  );
}

/** Condition operators that negate their comparison do not restrict who may assume the role. */
function isNegated(operator: string): boolean {
  return /not/i.test(operator.replace(/^(ForAllValues|ForAnyValue):/i, ''));
}

/**
 * OIDC trust: MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL ("Add condition keys with a prefix that
 * matches your federated OIDC principals"), and for GitHub MISSING_GITHUB_REPO_CONDITION_KEY (no
 * `token.actions.githubusercontent.com:sub`) and SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED (a
 * wildcard in the `:sub` value). For GitHub the repository check replaces the generic one.
 */
function checkOidcConditions(context: CheckContext, statement: Statement, principals: readonly PrincipalValue[]): void {
  const uses = conditionUses(statement);
  for (const principal of principals) {
    if (principal.type !== 'Federated' || !isOidcPrincipal(principal.parsed) || principal.parsed.partialWildcard) continue;
    const prefix = `${principal.parsed.provider!.toLowerCase()}:`;
    const own = uses.filter((use) => use.lowerKey.startsWith(prefix) && !isNegated(use.operator.operator));
    if (principal.parsed.provider!.toLowerCase() === GITHUB_OIDC_HOST) {
      const sub = own.filter((use) => use.lowerKey === `${GITHUB_OIDC_HOST}:sub`);
      if (sub.length === 0) {
        context.report(
          'MISSING_GITHUB_REPO_CONDITION_KEY',
          principal.value.span,
          `Any GitHub repository's workflows can assume this role: add a \`${GITHUB_OIDC_HOST}:sub\` condition naming the repository and branch, e.g. \`repo:ORG/REPO:ref:refs/heads/main\`.`,
        );
        continue;
      }
      for (const use of sub) {
        for (const value of use.key.values) {
          if (value.type === 'string' && hasWildcard(value.value as string)) {
            context.report(
              'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
              value.span,
              `The wildcard in \`${value.value as string}\` lets more workflows assume the role than intended: name the repository and branch, e.g. \`repo:ORG/REPO:ref:refs/heads/main\`.`,
            );
          }
        }
      }
      continue;
    }
    if (own.length === 0) {
      context.report(
        'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
        principal.value.span,
        `Anyone with a token from \`${principal.parsed.provider!}\` can assume this role: add a condition on \`${principal.parsed.provider!}:aud\` (or \`:sub\`) so that only the intended application or identities can.`,
      );
    }
  }
}

/**
 * Audience claims: FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE (a security warning: with ForAnyValue a
 * token meant for several audiences matches as soon as one of them is yours) and
 * CONFIRM_AUDIENCE_CLAIM_TYPE (ForAllValues is only right for a multivalued `aud` claim, and it is
 * also true when the claim is missing). Access Analyzer: "If the claim is multivalued, use a
 * ForAllValues or ForAnyValue qualifier. If the claim is single-valued, do not use a qualifier."
 */
function checkAudienceQualifiers(context: CheckContext, statement: Statement, principals: readonly PrincipalValue[]): void {
  const providers = new Set(principals.filter((principal) => principal.type === 'Federated' && isOidcPrincipal(principal.parsed)).map((principal) => principal.parsed.provider!.toLowerCase()));
  if (providers.size === 0) return;
  const operators = new Set((statement.condition?.operators ?? []).map((operator) => operator.operator));
  for (const use of conditionUses(statement)) {
    if (!use.lowerKey.endsWith(':aud') || !providers.has(use.lowerKey.slice(0, -4))) continue;
    const match = /^(ForAnyValue|ForAllValues):(.+)$/i.exec(use.operator.operator);
    if (!match) continue;
    const plain = match[2]!;
    const fix = operators.has(plain) ? undefined : [replaceFix(`Change to \`${plain}\``, use.operator.operatorSpan, JSON.stringify(plain))];
    if (match[1]!.toLowerCase() === 'foranyvalue') {
      context.report(
        'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE',
        use.operator.operatorSpan,
        `\`${use.operator.operator}\` on \`${use.key.key}\` matches a token meant for several audiences as soon as one is yours: use \`${plain}\` for a single-valued audience claim.`,
        fix,
      );
    } else {
      context.report(
        'CONFIRM_AUDIENCE_CLAIM_TYPE',
        use.operator.operatorSpan,
        `Confirm that the \`aud\` claim of \`${use.key.key.slice(0, -4)}\` is multivalued: \`ForAllValues\` is also true when the claim is missing; for a single-valued claim use \`${plain}\`.`,
        fix,
      );
    }
  }
}

/**
 * REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY: "If you specify both an assumed-role principal and its
 * parent role in the Principal element of a policy, it does not allow or deny any different
 * permissions."
 */
function checkRedundantSessions(context: CheckContext, principals: readonly PrincipalValue[]): void {
  const roles = principals.filter((principal) => principal.type === 'AWS' && principal.parsed.kind === 'iamRole');
  for (const principal of principals) {
    if (principal.type !== 'AWS' || principal.parsed.kind !== 'assumedRole') continue;
    const parent = roles.find((role) => isSessionOfRole(principal.parsed, role.parsed));
    if (!parent) continue;
    const fix = removeArrayElementFix(`Remove \`${principal.value.value}\``, principal.value.node);
    context.report(
      'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
      principal.value.span,
      `The role session \`${principal.value.value}\` is redundant with its role \`${parent.value.value}\`: remove the session principal.`,
      fix ? [fix] : undefined,
    );
  }
}

/** All trust-policy checks of one statement. */
function checkTrustStatement(context: CheckContext, statement: Statement): void {
  checkTrustActions(context, statement);
  const principals = principalValues(statement);
  checkRedundantSessions(context, principals);
  if (effectOf(statement) !== 'Allow') return;
  checkMismatchedActions(context, statement, principals);
  checkRolesAnywhere(context, statement, principals);
  checkOidcConditions(context, statement, principals);
  checkAudienceQualifiers(context, statement, principals);
}

/** The trust family: runs on role trust policies only. */
export const trustChecks: CheckFamily = {
  name: 'trust',
  check(context) {
    if (context.kind !== 'trust') return;
    for (const statement of context.document.statements) checkTrustStatement(context, statement);
  },
};
