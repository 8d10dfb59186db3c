/**
 * Matches the statements of one policy against the request: `Effect`, `Action`/`NotAction`,
 * `Resource`/`NotResource`, `Principal`/`NotPrincipal` and `Condition`. A statement that cannot be
 * read is recorded as an error and does not apply; nothing here throws.
 *
 * Rules, from the IAM User Guide:
 * - "IAM JSON policy elements: Action": action names are case-insensitive and may use `*` and `?`.
 * - "IAM JSON policy elements: NotAction" / "NotResource": the statement matches every action or
 *   resource except those listed.
 * - "IAM JSON policy elements: Resource": ARNs match segment by segment, case-sensitively; a policy
 *   variable without a value makes that entry match no resource ("Variables and tags").
 * - "AWS JSON policy elements: Principal" / "NotPrincipal": only resource-based policies (and RCPs)
 *   name principals; `NotPrincipal` matches every principal it does not name.
 * - "Conditions with multiple context keys or values": several operators and several keys are AND.
 */
import { evaluateCondition } from './conditions/conditionEvaluation';
import type { ConditionTrace, ContextValue, PolicyInput, PolicyRole, StatementTrace } from './types';
import { matchPrincipalElement, type PrincipalInfo, type PrincipalMatchKind } from './principal';
import { resolveValue } from './policyVariables';
import { RequestContext } from './requestContext';
import type { ResourcePolicyKind } from './resourceKinds';
import { matchArnCodes, matchWildcard, type PatternCodes } from './wildcardMatch';
import type { StatementMemo } from './statementMemo';

/** What the statements of all policies need to know about the request. */
export interface MatchInput {
  readonly principal: PrincipalInfo;
  readonly action: string;
  readonly resource: string;
  readonly context: RequestContext;
  /** Which kind of resource-based policy the request is governed by (trust policies refuse `NotPrincipal`). */
  readonly resourceKind?: ResourcePolicyKind;
  /** True when a permissions boundary applies to the caller (a `Deny` with `NotPrincipal` then always applies). */
  readonly hasPermissionsBoundary?: boolean;
  /**
   * True when only the decision and its reasons are wanted (`evaluateDecision`): the parts of a
   * statement after one that does not match are not evaluated, since the statement cannot apply;
   * its trace, warnings and errors are then incomplete.
   */
  readonly decisionOnly?: boolean;
  /** Remembers statement outcomes across requests that carry the same statement objects (see statementMemo.ts). */
  readonly memo?: StatementMemo;
}

/** One statement's outcome, with what the decision logic needs beyond the trace. */
export interface StatementOutcome {
  readonly trace: StatementTrace;
  /** How the `Principal` element named the caller, for resource-based policies. */
  readonly principalMatch?: PrincipalMatchKind;
  /** Absent keys that conditions of this statement referred to. */
  readonly missingKeys: readonly string[];
}

/** One policy's outcome. */
export interface PolicyOutcome {
  readonly policy: PolicyInput;
  readonly role: PolicyRole;
  readonly statements: readonly StatementOutcome[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

const VARIABLE_VERSION = '2012-10-17';
const KNOWN_VERSIONS = new Set([VARIABLE_VERSION, '2008-10-17']);

/** Policy roles whose statements may (and must) name principals. */
function namesPrincipals(role: PolicyRole): boolean {
  return role === 'resource' || role === 'rcp';
}

const ROLE_NAMES: Record<PolicyRole, string> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  boundary: 'a permissions boundary',
  scp: 'an SCP',
  rcp: 'an RCP',
  session: 'a session policy',
};

function readStringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

const NO_CONTEXT = new RequestContext(undefined);

/**
 * The pattern codes of a `Resource` entry without variables, as `evaluateStatement` compiles it,
 * kept per text: the same entries are compared with the same probe resources for many questions,
 * and `matchArnCodes` keeps the split of codes it has seen.
 */
const literalPatterns = new Map<string, PatternCodes>();

function literalCodes(pattern: string): PatternCodes {
  let codes = literalPatterns.get(pattern);
  if (codes === undefined) {
    // Without a variable the context is not read, and `variables` does not change the result.
    codes = resolveValue(pattern, NO_CONTEXT, { variables: false, wildcards: true, ignoreCase: false }).codes;
    if (literalPatterns.size > 20_000) literalPatterns.clear();
    literalPatterns.set(pattern, codes);
  }
  return codes;
}

/**
 * False only when `statement` cannot apply to a request for `resource` whose context has the `fixed`
 * values, whatever else the context holds: its `Resource` has no entry with a policy variable and
 * none matches, or a condition on a fixed key, with no variable in its values, does not hold for the
 * fixed value. Both are decided as `evaluateStatement` decides them. Anything else answers true. For
 * callers that ask the evaluator many questions and may skip those whose answer this settles (the
 * risk analysis).
 */
export function statementMayApply(statement: Readonly<Record<string, unknown>>, resource: string, fixed: Readonly<Record<string, ContextValue>>): boolean {
  if ('Resource' in statement && !('NotResource' in statement)) {
    const patterns = readStringList(statement['Resource']);
    const mayMatch = (pattern: string) => pattern === '*' || pattern.includes('${') || matchArnCodes(literalCodes(pattern), resource);
    if (patterns && !patterns.some(mayMatch)) return false;
  }
  const block = statement['Condition'];
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return true;
  const fixedKeys = new Set(Object.keys(fixed).map((key) => key.toLowerCase()));
  let context: RequestContext | undefined;
  for (const [operatorName, keys] of Object.entries(block as Record<string, unknown>)) {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) continue;
    for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
      // A clause reads only its own key, and variables in its values; the fixed key has its fixed value.
      if (!fixedKeys.has(key.toLowerCase()) || JSON.stringify(values).includes('${')) continue;
      const outcome = evaluateCondition(operatorName, key, values, (context ??= new RequestContext(fixed)), false);
      if (!('error' in outcome) && !outcome.trace.matched) return false;
    }
  }
  return true;
}

/** Evaluates every statement of one policy. */
export function evaluatePolicy(policy: PolicyInput, role: PolicyRole, input: MatchInput): PolicyOutcome {
  const errors: string[] = [];
  const warnings: string[] = [];
  const statements: StatementOutcome[] = [];
  const where = `\`${policy.id}\``;
  const doc = policy.document;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    errors.push(`${where}: the policy must be a JSON object`);
    return { policy, role, statements, errors, warnings };
  }
  const record = doc as Record<string, unknown>;
  const version = record['Version'];
  if (version !== undefined && (typeof version !== 'string' || !KNOWN_VERSIONS.has(version))) {
    warnings.push(`${where}: \`Version\` should be \`2012-10-17\`; policy variables are read literally`);
  }
  // Variables are only resolved under Version 2012-10-17 ("Variables and tags", Introduction).
  const variables = version === VARIABLE_VERSION;
  const rawStatements = record['Statement'];
  const list = Array.isArray(rawStatements) ? rawStatements : rawStatements === undefined ? undefined : [rawStatements];
  if (!list) {
    errors.push(`${where}: the policy has no \`Statement\``);
    return { policy, role, statements, errors, warnings };
  }
  const memo = input.memo;
  list.forEach((statement, index) => {
    const outcome =
      memo && typeof statement === 'object' && statement !== null
        ? memo.outcome(statement, index, policy.id, role, variables, input, errors, warnings, evaluateStatement)
        : evaluateStatement(statement, index, policy.id, role, variables, input, errors, warnings);
    if (outcome) statements.push(outcome);
  });
  return { policy, role, statements, errors, warnings };
}

/** Evaluates one statement, pushing its errors and warnings: what the statement memo (statementMemo.ts) calls on a miss. */
export type StatementEvaluation = typeof evaluateStatement;

function evaluateStatement(
  statement: unknown,
  index: number,
  policyId: string,
  role: PolicyRole,
  variables: boolean,
  input: MatchInput,
  errors: string[],
  warnings: string[],
): StatementOutcome | undefined {
  const where = `\`${policyId}\` statement ${index}`;
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) {
    errors.push(`${where}: a statement must be a JSON object`);
    return undefined;
  }
  const s = statement as Record<string, unknown>;
  const sid = typeof s['Sid'] === 'string' ? (s['Sid'] as string) : undefined;
  const label = sid ? `${where} (\`${sid}\`)` : where;
  const effect = s['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    errors.push(`${label}: \`Effect\` must be \`Allow\` or \`Deny\``);
    return undefined;
  }
  let broken = false;
  const fail = (message: string) => {
    errors.push(`${label}: ${message}`);
    broken = true;
  };

  // Action / NotAction: exactly one, case-insensitive wildcard match over the whole name.
  let actionMatched = false;
  const hasAction = 'Action' in s;
  const hasNotAction = 'NotAction' in s;
  if (hasAction === hasNotAction) fail('a statement needs exactly one of `Action` and `NotAction`');
  else {
    const actions = readStringList(hasAction ? s['Action'] : s['NotAction']);
    if (!actions) fail(`\`${hasAction ? 'Action' : 'NotAction'}\` must be a string or an array of strings`);
    else {
      const any = actions.some((pattern) => matchWildcard(pattern, input.action, true));
      actionMatched = hasAction ? any : !any;
    }
  }
  if (input.decisionOnly && !actionMatched) {
    const trace: StatementTrace = { policyId, policyRole: role, statementIndex: index, ...(sid !== undefined ? { sid } : {}), effect, actionMatched, resourceMatched: false, conditions: [], applies: false };
    return { trace, missingKeys: [] };
  }

  // Resource / NotResource.
  let resourceMatched = false;
  const missingKeys: string[] = [];
  const hasResource = 'Resource' in s;
  const hasNotResource = 'NotResource' in s;
  if (hasResource && hasNotResource) fail('a statement cannot have both `Resource` and `NotResource`');
  else if (!hasResource && !hasNotResource) {
    if (role === 'resource') {
      // Role trust policies have no Resource element: the policy applies to the resource it is attached to.
      resourceMatched = true;
    } else fail('a statement needs `Resource` or `NotResource`');
  } else {
    const resources = readStringList(hasResource ? s['Resource'] : s['NotResource']);
    if (!resources) fail(`\`${hasResource ? 'Resource' : 'NotResource'}\` must be a string or an array of strings`);
    else {
      let any = false;
      for (const pattern of resources) {
        const resolved = resolveValue(pattern, input.context, { variables, wildcards: true, ignoreCase: false });
        missingKeys.push(...resolved.missingKeys);
        for (const p of resolved.problems) warnings.push(`${label}: ${p}`);
        if (!resolved.unresolved && matchArnCodes(resolved.codes, input.resource)) any = true;
      }
      resourceMatched = hasResource ? any : !any;
    }
  }

  // Principal / NotPrincipal.
  let principalMatched: boolean | undefined;
  let principalMatch: PrincipalMatchKind | undefined;
  const hasPrincipal = 'Principal' in s;
  const hasNotPrincipal = 'NotPrincipal' in s;
  if (namesPrincipals(role)) {
    if (hasPrincipal === hasNotPrincipal) fail('a statement of a resource-based policy needs exactly one of `Principal` and `NotPrincipal`');
    // "SCPs and RCPs don't support the NotPrincipal element"; "You cannot use the NotPrincipal element
    // in ... an IAM role trust policy"; "NotPrincipal must be used with "Effect":"Deny". Using it with
    // "Effect":"Allow" is not supported." (IAM User Guide, "AWS JSON policy elements: NotPrincipal").
    else if (hasNotPrincipal && role === 'rcp') fail('`NotPrincipal` is not supported in RCPs');
    else if (hasNotPrincipal && input.resourceKind === 'trust') fail('`NotPrincipal` cannot be used in a role trust policy');
    else if (hasNotPrincipal && effect !== 'Deny') fail('`NotPrincipal` must be used with `"Effect": "Deny"`; with `Allow` it is not supported');
    else {
      const result = matchPrincipalElement(hasPrincipal ? s['Principal'] : s['NotPrincipal'], input.principal);
      for (const p of result.problems) warnings.push(`${label}: ${p}`);
      if (result.error) fail(`\`${hasPrincipal ? 'Principal' : 'NotPrincipal'}\`: ${result.error}`);
      else if (hasPrincipal) {
        principalMatched = result.kind !== undefined;
        principalMatch = result.kind;
      } else {
        // NotPrincipal applies to every principal it does not name ("NotPrincipal"). It names the
        // caller only by the caller's own ARN (or `*`): the page's example, a `Deny` whose
        // `NotPrincipal` lists `arn:aws:iam::444455556666:user/Bob` and `arn:aws:iam::444455556666:root`,
        // "denies access to all principals except the user named Bob", so an account entry spares the
        // account principal itself, not every principal of the account, and a role ARN spares the
        // role, not its sessions (a session is spared by its assumed-role session ARN).
        const spared = result.kind === 'direct' || result.kind === 'wildcard' || (result.kind === 'account' && input.principal.kind === 'root');
        principalMatched = !spared;
        principalMatch = principalMatched ? 'wildcard' : undefined;
        if (!principalMatched && input.hasPermissionsBoundary) {
          // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
          // permissions boundary policy attached, regardless of the values specified in the
          // NotPrincipal element." (NotPrincipal, Key points; Permissions boundaries, Important.)
          principalMatched = true;
          warnings.push(`${label}: a \`Deny\` with \`NotPrincipal\` always applies to a principal that has a permissions boundary, even one it names`);
        } else if (!principalMatched && result.kind === 'direct' && input.principal.account) {
          warnings.push(`${label}: \`NotPrincipal\` names the caller but AWS may also evaluate its account or role; the documentation recommends listing \`arn:aws:iam::${input.principal.account}:root\` (and the role ARN) too`);
        }
      }
    }
  } else if (hasPrincipal || hasNotPrincipal) {
    fail(`\`${hasPrincipal ? 'Principal' : 'NotPrincipal'}\` is not allowed in ${ROLE_NAMES[role]}`);
  }

  // Condition: every operator and every key must hold (AND).
  const conditions: ConditionTrace[] = [];
  let conditionsHold = true;
  const conditionMissing: string[] = [];
  const conditionsMatter = !input.decisionOnly || (actionMatched && resourceMatched && principalMatched !== false && !broken);
  if (conditionsMatter && 'Condition' in s) {
    const block = s['Condition'];
    if (typeof block !== 'object' || block === null || Array.isArray(block)) fail('`Condition` must be an object');
    else {
      for (const [operatorName, keys] of Object.entries(block as Record<string, unknown>)) {
        if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
          fail(`\`${operatorName}\` must map condition keys to values`);
          continue;
        }
        for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
          const outcome = evaluateCondition(operatorName, key, values, input.context, variables);
          if ('error' in outcome) {
            fail(outcome.error);
            continue;
          }
          conditions.push(outcome.trace);
          conditionMissing.push(...outcome.missingKeys);
          for (const p of outcome.problems) warnings.push(`${label}: ${p}`);
          if (!outcome.trace.matched) conditionsHold = false;
        }
      }
    }
  }

  const otherwiseMatched = actionMatched && resourceMatched && principalMatched !== false;
  const applies = !broken && otherwiseMatched && conditionsHold;
  const trace: StatementTrace = {
    policyId,
    policyRole: role,
    statementIndex: index,
    ...(sid !== undefined ? { sid } : {}),
    effect,
    actionMatched,
    resourceMatched,
    ...(principalMatched !== undefined ? { principalMatched } : {}),
    conditions,
    applies,
  };
  // Absent keys matter only for statements that matched the request apart from their conditions.
  const principalOk = actionMatched && principalMatched !== false && !broken;
  const relevantMissing = principalOk ? [...missingKeys, ...(resourceMatched ? conditionMissing : [])] : [];
  return { trace, principalMatch: applies ? principalMatch : undefined, missingKeys: relevantMissing };
}
