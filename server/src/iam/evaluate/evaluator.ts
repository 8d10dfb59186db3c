/**
 * `evaluate(request)`: decides one request against the policies it carries. Never throws: malformed
 * input becomes `errors`, and the decision is then ImplicitDeny unless an applicable Deny or Allow
 * still decides it. The evaluator never invents request context (ARCHITECTURE invariant 3); see
 * `deriveContext` for the separate, visible step that does.
 */
import { resolveAccounts } from './accounts';
import { decide, type ApplicablePolicies } from './decisionLogic';
import { evaluatePolicy, type MatchInput, type PolicyOutcome } from './policyEvaluation';
import { isAccountPrincipal, isServiceLinkedRole, isSessionPrincipal, parsePrincipal, type PrincipalInfo } from './principal';
import { RequestContext } from './requestContext';
import { resourcePolicyKind } from './resourceKinds';
import type { StatementMemo } from './statementMemo';
import type { EvaluationAnswer, EvaluationRequest, PolicyInput, PolicyRole, StatementTrace } from './types';

/** Optional hooks; the core stays free of catalog imports so it can be tested alone. */
export interface EvaluateOptions {
  /** Returns false for an action the catalog does not know, which becomes a warning. */
  readonly isKnownAction?: (action: string) => boolean;
  /**
   * Remembers statement outcomes across calls that carry the same statement objects (see
   * statementMemo.ts); the caller must not change those objects, or the answers, while it is in use.
   */
  readonly memo?: StatementMemo;
}

function failed(errors: string[], warnings: string[] = []): EvaluationAnswer {
  return {
    decision: 'ImplicitDeny',
    reasons: [],
    explanation: `Decision: ImplicitDeny\nThe request could not be evaluated:\n${errors.map((e) => `  - ${e}`).join('\n')}`,
    statements: [],
    missingContextKeys: [],
    warnings,
    errors,
  };
}

/** Evaluates one request. */
export function evaluate(request: EvaluationRequest, options: EvaluateOptions = {}): EvaluationAnswer {
  try {
    return evaluateUnsafe(request, options, false);
  } catch (error) {
    // A bug must not take the caller down; it is reported like any other evaluation error.
    return failed([`internal error while evaluating: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

/** The decision and its deciding statements, which is all that `evaluateDecision` answers. */
type DecisionAnswer = Pick<EvaluationAnswer, 'decision' | 'reasons'>;

/**
 * Decides one request like `evaluate`, with the same decision and reasons, for callers that ask many
 * questions and read only those (the access analyses): statements are evaluated only as far as they
 * can still apply, and no trace, explanation, warnings or missing keys are built.
 */
export function evaluateDecision(request: EvaluationRequest): DecisionAnswer {
  try {
    const answer = evaluateUnsafe(request, {}, true);
    return { decision: answer.decision, reasons: answer.reasons };
  } catch {
    return { decision: 'ImplicitDeny', reasons: [] };
  }
}

/**
 * Evaluates one request; may throw on a bug. With `decisionOnly`, only `decision` and `reasons` are
 * filled in (see `evaluateDecision`): the other fields are left empty.
 */
function evaluateUnsafe(request: EvaluationRequest, options: EvaluateOptions, decisionOnly: boolean): EvaluationAnswer {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (typeof request !== 'object' || request === null) return failed(['the request must be an object']);
  if (typeof request.principal !== 'string') errors.push('`principal` must be a string');
  if (typeof request.action !== 'string' || !/^[^:\s]+:[^:\s]+$/.test(request.action)) errors.push('`action` must be a `service:Action` string');
  if (typeof request.resource !== 'string' || request.resource === '') errors.push('`resource` must be a non-empty string');
  if (errors.length > 0) return failed(errors);
  const parsed = parsePrincipal(request.principal);
  if ('error' in parsed) return failed([`\`principal\`: ${parsed.error}`]);
  const principal: PrincipalInfo = parsed;
  if (options.isKnownAction && !options.isKnownAction(request.action)) {
    warnings.push(`\`${request.action}\` is not an action in the service catalog`);
  }
  if (principal.kind === 'role') {
    warnings.push(`\`${request.principal}\` is a role ARN; requests are made by its sessions (\`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION\`), so it was evaluated as a role session`);
  }

  const context = new RequestContext(request.context);
  const accounts = resolveAccounts(principal, request.resource, request.principalAccount, request.resourceAccount);
  const kind = resourcePolicyKind(request.action, request.resource);
  const accountPrincipal = isAccountPrincipal(principal);
  const boundaryApplies = request.permissionBoundary !== undefined && accountPrincipal && principal.kind !== 'root';
  const input: MatchInput = { principal, action: request.action, resource: request.resource, context, resourceKind: kind, hasPermissionsBoundary: boundaryApplies, decisionOnly, memo: options.memo };
  const notes: string[] = [];
  const run = (policy: PolicyInput, role: PolicyRole): PolicyOutcome => evaluatePolicy(policy, role, input);

  const serviceLinked = isServiceLinkedRole(principal);
  const identity = (request.identityPolicies ?? []).map((p) => run(p, 'identity'));
  let identityApplied = identity;
  if (identity.length > 0 && (!accountPrincipal || principal.kind === 'root')) {
    warnings.push(`identity-based policies do not apply to \`${principal.text}\` and were ignored`);
    identityApplied = [];
  }
  let boundary = request.permissionBoundary ? run(request.permissionBoundary, 'boundary') : undefined;
  if (boundary && (!accountPrincipal || principal.kind === 'root')) {
    warnings.push(`a permissions boundary does not apply to \`${principal.text}\` and was ignored`);
    boundary = undefined;
  }
  let session = request.sessionPolicy ? run(request.sessionPolicy, 'session') : undefined;
  if (session && !isSessionPrincipal(principal)) {
    // "If the principal is not a session principal, the enforcement code returns a final decision of Allow" at that step.
    warnings.push(`a session policy applies only to role sessions and federated user sessions; it was ignored for \`${principal.text}\``);
    session = undefined;
  }
  const resource = request.resourcePolicy ? run(request.resourcePolicy, 'resource') : undefined;

  let scpLevels: PolicyOutcome[][] = [];
  if (request.scps && request.scps.length > 0) {
    if (!accountPrincipal) notes.push(`SCPs were not applied: they affect only principals of member accounts, not \`${principal.text}\`.`);
    else if (request.principalIsManagementAccount) notes.push("SCPs were not applied: they do not affect principals in the organization's management account.");
    else if (serviceLinked) notes.push(`SCPs were not applied: they do not affect service-linked roles such as \`${principal.name ?? principal.text}\`.`);
    else scpLevels = request.scps.map((level) => level.map((p) => run(p, 'scp')));
  }
  let rcpLevels: PolicyOutcome[][] = [];
  if (request.rcps && request.rcps.length > 0) {
    if (request.resourceIsManagementAccount) notes.push("RCPs were not applied: they do not affect resources in the organization's management account.");
    else if (serviceLinked) notes.push(`RCPs were not applied: they do not restrict service-linked roles such as \`${principal.name ?? principal.text}\`.`);
    else rcpLevels = request.rcps.map((level) => level.map((p) => run(p, 'rcp')));
  }

  const applicable: { -readonly [K in keyof ApplicablePolicies]: ApplicablePolicies[K] } = { identity: identityApplied, scpLevels, rcpLevels };
  if (resource) applicable.resource = resource;
  if (boundary) applicable.boundary = boundary;
  if (session) applicable.session = session;
  // Every evaluated policy in evaluation order: RCPs, SCPs, resource, identity, boundary, session.
  // Loops rather than spreads of flattened copies: this runs once per request of a batch.
  const evaluated: PolicyOutcome[] = [];
  for (const level of rcpLevels) for (const outcome of level) evaluated.push(outcome);
  for (const level of scpLevels) for (const outcome of level) evaluated.push(outcome);
  if (resource) evaluated.push(resource);
  for (const outcome of identityApplied) evaluated.push(outcome);
  if (boundary) evaluated.push(boundary);
  if (session) evaluated.push(session);
  for (const outcome of evaluated) {
    for (const error of outcome.errors) errors.push(error);
    for (const warning of outcome.warnings) warnings.push(warning);
  }

  const result = decide(applicable, principal, accounts, kind, { action: request.action, resource: request.resource });
  if (decisionOnly) return { decision: result.decision, reasons: result.reasons, explanation: '', statements: [], missingContextKeys: [], warnings: [], errors: [] };
  warnings.push(...result.warnings);

  const missing = new Map<string, string>();
  for (const outcome of evaluated) {
    for (const s of outcome.statements) {
      for (const key of s.missingKeys) {
        const lower = key.toLowerCase();
        if (!missing.has(lower)) missing.set(lower, key);
      }
    }
  }
  const missingContextKeys = [...missing.values()];

  const lines = [`Decision: ${result.decision}`, ...result.lines, ...notes];
  if (missingContextKeys.length > 0) {
    lines.push(`Context keys that conditions or variables referred to but the request lacks: ${missingContextKeys.map((k) => `\`${k}\``).join(', ')}.`);
  }
  if (errors.length > 0) lines.push(`${errors.length} statement(s) could not be evaluated; see errors.`);

  const statements: StatementTrace[] = [];
  for (const outcome of evaluated) for (const s of outcome.statements) statements.push(s.trace);
  return {
    decision: result.decision,
    reasons: result.reasons,
    explanation: lines.join('\n'),
    statements,
    missingContextKeys,
    warnings: dedupe(warnings),
    errors: dedupe(errors),
  };
}

/** The items without repeats, each where it first occurs. Short lists (the usual case) skip the Set. */
function dedupe(items: string[]): string[] {
  if (items.length > 16) return [...new Set(items)];
  const out: string[] = [];
  for (const item of items) if (!out.includes(item)) out.push(item);
  return out;
}
