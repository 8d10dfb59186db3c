/**
 * `explainDenial(message, request)`: simulates the request an AccessDenied message describes against
 * the policies the caller supplies, says which kind of policy denies it, and proposes the smallest
 * edit that allows exactly that request — checked twice: the edited request is simulated again and
 * must be allowed, and the access comparison of `iam/access` must find no new access in the edited
 * policy beyond that one action on that one resource.
 *
 * When an SCP, an RCP, a permissions boundary, a session policy, a VPC endpoint policy or an explicit
 * Deny denies, no Allow is proposed: adding one to an identity policy would not help (IAM User Guide,
 * "Policy evaluation logic": an explicit deny overrides any allow, and an allow in an identity policy
 * does not lift an implicit deny of a guardrail), and widening the guardrail is a decision for its
 * owner.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit } from 'jsonc-parser';
import { diffAccess } from '../access/accessDiff';
import { parsePolicy } from '../document/parse';
import type { PolicyKind } from '../document/policyKind';
import { evaluate } from '../evaluate/evaluator';
import { RESOURCE_POLICY_NAMES, resourcePolicyKind, type ResourcePolicyKind } from '../evaluate/resourceKinds';
import type { Decision, EvaluationAnswer, EvaluationRequest, PolicyInput, PolicyRole, Reason } from '../evaluate/types';
import { identityArnOf, type AccessDeniedMessage, type DeniedPolicyType } from './accessDenied';
import { action as catalogAction, resourceType } from '../catalog/catalog';

/** A policy (or policy level) that keeps the request from being allowed. */
export interface DenyingPolicy {
  readonly policyType: DeniedPolicyType;
  /** True for a Deny statement that applies; false when no statement of this kind allows. */
  readonly explicit: boolean;
  readonly policy?: string;
  readonly statementIndex?: number;
  readonly sid?: string;
  /** One sentence. */
  readonly why: string;
}

/** The smallest edit found. */
export interface ProposedFix {
  /** `add-action` to an Allow statement on exactly this resource, `add-resource` to one with exactly this action, `add-statement`, or `new-policy`. */
  readonly kind: 'add-action' | 'add-resource' | 'add-statement' | 'new-policy';
  readonly policyType: 'identity' | 'resource';
  /** The evaluator id of the edited policy (a path for files), or `new-policy`. */
  readonly policy: string;
  readonly statementIndex: number;
  /** The statement after the edit. */
  readonly statement: Record<string, unknown>;
  /** The whole policy after the edit. */
  readonly document: unknown;
  /** One sentence saying what to change. */
  readonly description: string;
}

/** How the proposed edits were checked. */
export interface FixVerification {
  /** The decision for the same request with every proposed edit applied. */
  readonly decision: Decision;
  /** The access each edited policy grants that it did not before (from the access comparison). */
  readonly newAccess: ReadonlyArray<{ readonly policy: string; readonly actions: readonly string[]; readonly resources: readonly string[] }>;
  /** True when the new access is exactly the request's action on its resource. */
  readonly exact: boolean;
}

/** What `explainDenial` found. */
export interface DenialExplanation {
  /** `fix` (an edit allows it), `explicit-deny`, `guardrail` (an SCP, RCP, boundary, session or endpoint policy), `not-reproduced` (the given policies allow it), `no-fix`. */
  readonly status: 'fix' | 'explicit-deny' | 'guardrail' | 'not-reproduced' | 'no-fix';
  readonly request: { readonly principal: string; readonly action: string; readonly resource: string };
  readonly simulated: EvaluationAnswer;
  readonly deniedBy: readonly DenyingPolicy[];
  /** Whether the simulation blames the policy type the message names; null when the message names none. */
  readonly agreesWithMessage: boolean | null;
  readonly fixes: readonly ProposedFix[];
  readonly verification?: FixVerification;
  /** Sentences for the reader: what the message says, why no fix was offered, what was assumed. */
  readonly notes: readonly string[];
}

export interface ExplainOptions {
  readonly isKnownAction?: (action: string) => boolean;
  /** Ids of policies that cannot be edited (AWS managed policies named by a scenario or a template). */
  readonly fixedPolicies?: ReadonlySet<string>;
}

/** An AWS managed policy's ARN (`arn:aws:iam::aws:policy/...`): AWS owns it, so it cannot take an edit. */
const AWS_MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\//;

const TYPE_LABELS: Readonly<Record<DeniedPolicyType, string>> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  scp: 'service control policy (SCP)',
  rcp: 'resource control policy (RCP)',
  session: 'session policy',
  vpce: 'VPC endpoint policy',
};

/** How messages name a statement: `` `Sid` (index 2) ``, or its index when it has no Sid. */
function statementInMessage(sid: unknown, index: number): string {
  return sid ? `\`${String(sid)}\` (index ${index})` : String(index);
}

/** A readable name of a policy type with its article: `an identity-based policy`, `a service control policy (SCP)`. */
export function aPolicyOf(type: DeniedPolicyType): string {
  return `${type === 'identity' ? 'an' : 'a'} ${policyTypeLabel(type)}`;
}

/**
 * The Deny statements (of the message's policy type, when it names one) that match the request's
 * action, resource and principal and miss only by their conditions, each with the conditions that
 * did not hold: a deny the message reports and the simulation does not reproduce is most often one of
 * them, met by request context the message does not show (IAM User Guide, "Troubleshoot access denied
 * error messages"; "Policy evaluation logic": a Deny applies when all its conditions hold).
 */
function conditionalDenies(answer: EvaluationAnswer, type: DeniedPolicyType | undefined): string[] {
  const quoted = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(', ');
  return answer.statements
    .filter((s) => s.effect === 'Deny' && !s.applies && s.actionMatched && s.resourceMatched && s.principalMatched !== false && (type === undefined || s.policyRole === type) && s.conditions.some((c) => !c.matched))
    .slice(0, 3)
    .map((s) => {
      const unmet = s.conditions.filter((c) => !c.matched).map((c) => `\`${c.operator}\` \`${c.key}\` ${quoted(c.policyValues)} holds (simulated with ${c.requestValues ? quoted(c.requestValues) : 'no value'})`);
      return `Statement ${statementInMessage(s.sid, s.statementIndex)} of \`${s.policyId}\` denies this request when ${unmet.join(' and ')}: the request AWS saw may have had that context.`;
    });
}

/** A readable name of a policy type. */
export function policyTypeLabel(type: DeniedPolicyType): string {
  return TYPE_LABELS[type];
}

function run(request: EvaluationRequest, options: ExplainOptions): EvaluationAnswer {
  return evaluate(request, options.isKnownAction ? { isKnownAction: options.isKnownAction } : {});
}

function allows(answer: EvaluationAnswer, role: PolicyRole, policyId?: string): boolean {
  return answer.statements.some((s) => s.policyRole === role && s.effect === 'Allow' && s.applies && (policyId === undefined || s.policyId === policyId));
}

function fromReason(r: Reason): DenyingPolicy {
  return {
    policyType: r.policyRole,
    explicit: true,
    policy: r.policyId,
    statementIndex: r.statementIndex,
    ...(r.sid ? { sid: r.sid } : {}),
    why: `statement ${statementInMessage(r.sid, r.statementIndex)} of \`${r.policyId}\` denies it`,
  };
}

function isServicePrincipal(principal: string): boolean {
  return /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(principal);
}

function accountOf(arn: string): string | undefined {
  return /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** The layers that keep an implicitly denied request from being allowed, guardrails first. */
function implicitBlockers(request: EvaluationRequest, answer: EvaluationAnswer): DenyingPolicy[] {
  const out: DenyingPolicy[] = [];
  if (!request.principalIsManagementAccount) {
    (request.scps ?? []).forEach((level, i) => {
      if (level.length > 0 && !level.some((p) => allows(answer, 'scp', p.id)) && !answer.statements.some((s) => s.policyRole === 'scp' && s.applies && s.effect === 'Allow' && level.some((p) => p.id === s.policyId))) {
        out.push({ policyType: 'scp', explicit: false, why: `no SCP at organization level ${i} (root first: ${level.map((p) => `\`${p.id}\``).join(', ')}) allows it` });
      }
    });
  }
  if (request.permissionBoundary && !allows(answer, 'boundary')) out.push({ policyType: 'boundary', explicit: false, policy: request.permissionBoundary.id, why: `the permissions boundary \`${request.permissionBoundary.id}\` does not allow it` });
  if (request.sessionPolicy && !allows(answer, 'session')) out.push({ policyType: 'session', explicit: false, policy: request.sessionPolicy.id, why: `the session policy \`${request.sessionPolicy.id}\` does not allow it` });
  const identityAllows = allows(answer, 'identity');
  const resourceAllows = allows(answer, 'resource');
  // Anonymous callers and AWS services have no identity-based policies: only a resource-based policy
  // can allow them (IAM User Guide, "Policy evaluation logic", resource-based policies).
  if (request.principal === '*' || isServicePrincipal(request.principal)) {
    if (!resourceAllows) out.push({ policyType: 'resource', explicit: false, ...(request.resourcePolicy ? { policy: request.resourcePolicy.id } : {}), why: `\`${request.principal}\` has no identity-based policies and no resource-based policy allows it` });
    return out;
  }
  const principalAccount = request.principalAccount ?? accountOf(request.principal);
  const resourceAccount = request.resourceAccount ?? accountOf(request.resource) ?? principalAccount;
  const crossAccount = principalAccount !== undefined && resourceAccount !== undefined && principalAccount !== resourceAccount;
  const special = resourcePolicyKind(request.action, request.resource);
  if (crossAccount) {
    if (!identityAllows) out.push({ policyType: 'identity', explicit: false, why: `no identity-based policy of the caller allows it` });
    if (!resourceAllows) out.push({ policyType: 'resource', explicit: false, ...(request.resourcePolicy ? { policy: request.resourcePolicy.id } : {}), why: `the request crosses accounts (${principalAccount} → ${resourceAccount}) and no resource-based policy allows it` });
  } else if (special !== 'ordinary' && !resourceAllows) {
    // A role trust policy or a KMS key policy must allow the caller even within its account (IAM User
    // Guide, "Policy evaluation logic": they are exceptions); naming the caller there suffices.
    out.push({ policyType: 'resource', explicit: false, ...(request.resourcePolicy ? { policy: request.resourcePolicy.id } : {}), why: `${RESOURCE_POLICY_NAMES[special]} must allow the caller even within its account, and ${request.resourcePolicy ? 'none of its statements does' : 'none was given'}` });
  } else if (!identityAllows && !resourceAllows) {
    out.push({ policyType: 'identity', explicit: false, why: 'no identity-based policy (and no resource-based policy) allows it' });
  } else if (!identityAllows && out.length === 0) {
    // Within one account a resource-based policy that names the caller allows on its own; one that
    // names the account delegates to the caller's identity-based policies (IAM User Guide, "Policy
    // evaluation logic": a role trust policy or key policy that names the account), so an implicit
    // deny with nothing else in the way is the identity side's.
    out.push({ policyType: 'identity', explicit: false, why: `${RESOURCE_POLICY_NAMES[special]} allows the account, which leaves it to the identity-based policies, and none of them allows it` });
  }
  return out;
}

function asArray(value: unknown): unknown[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value;
  return undefined;
}

function statementsOf(document: unknown): Record<string, unknown>[] | undefined {
  if (!document || typeof document !== 'object' || Array.isArray(document)) return undefined;
  const statement = (document as Record<string, unknown>).Statement;
  if (Array.isArray(statement)) return statement.every((s) => s && typeof s === 'object' && !Array.isArray(s)) ? (statement as Record<string, unknown>[]) : undefined;
  if (statement && typeof statement === 'object') return [statement as Record<string, unknown>];
  return statement === undefined ? [] : undefined;
}

function withStatements(document: unknown, statements: Record<string, unknown>[]): unknown {
  const base = document && typeof document === 'object' && !Array.isArray(document) ? (document as Record<string, unknown>) : {};
  return { ...(base.Version === undefined ? { Version: '2012-10-17' } : {}), ...base, Statement: statements };
}

function addValue(value: unknown, added: string): unknown {
  const list = asArray(value) ?? [];
  return [...list, added];
}

/** A Sid not yet used in the policy: `AllowS3GetObject`, then `AllowS3GetObject2`... */
function freshSid(statements: readonly Record<string, unknown>[], action: string): string {
  const base = `Allow${action.split(':').map((p) => p.charAt(0).toUpperCase() + p.slice(1).replace(/[^A-Za-z0-9]/g, '')).join('')}`;
  const used = new Set(statements.map((s) => s.Sid));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

/** Candidate edits of one policy, smallest first. */
function candidateEdits(policy: PolicyInput, role: 'identity' | 'resource', action: string, resource: string, principalArn: string | undefined, special: ResourcePolicyKind = 'ordinary'): ProposedFix[] {
  const trust = special === 'trust';
  const statements = statementsOf(policy.document);
  if (!statements) return [];
  const out: ProposedFix[] = [];
  const same = (a: unknown, b: string, ignoreCase: boolean) => typeof a === 'string' && (ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  statements.forEach((s, index) => {
    if (s.Effect !== 'Allow' || s.NotAction !== undefined || s.NotResource !== undefined || s.NotPrincipal !== undefined) return;
    const actions = asArray(s.Action);
    const resources = asArray(s.Resource);
    if (!actions || !resources) return;
    // Only a statement whose other element is exactly the request's keeps the edit exact: adding an
    // action to a statement on several resources would grant it on all of them.
    if (resources.length === 1 && same(resources[0], resource, false) && !actions.some((a) => same(a, action, true))) {
      const statement = { ...s, Action: addValue(s.Action, action) };
      out.push({ kind: 'add-action', policyType: role, policy: policy.id, statementIndex: index, statement, document: withStatements(policy.document, statements.map((x, i) => (i === index ? statement : x))), description: `add \`${action}\` to the Action of statement ${statementInMessage(s.Sid, index)} of \`${policy.id}\`` });
    }
    if (actions.length === 1 && same(actions[0], action, true) && !resources.some((r) => same(r, resource, false))) {
      const statement = { ...s, Resource: addValue(s.Resource, resource) };
      out.push({ kind: 'add-resource', policyType: role, policy: policy.id, statementIndex: index, statement, document: withStatements(policy.document, statements.map((x, i) => (i === index ? statement : x))), description: `add \`${resource}\` to the Resource of statement ${statementInMessage(s.Sid, index)} of \`${policy.id}\`` });
    }
  });
  const statement: Record<string, unknown> = {
    Sid: freshSid(statements, action),
    Effect: 'Allow',
    ...(role === 'resource' && principalArn ? { Principal: isServicePrincipal(principalArn) ? { Service: principalArn } : { AWS: principalArn } } : {}),
    Action: action,
    // A role trust policy has no Resource: the role is the resource (IAM User Guide, "IAM JSON policy
    // elements: Resource"; Access Analyzer's ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE). In a key policy
    // `*` is the key itself (AWS KMS Developer Guide, "Key policies": "Resource": "*" means this key).
    ...(trust ? {} : { Resource: special === 'keyPolicy' ? '*' : resource }),
  };
  out.push({ kind: 'add-statement', policyType: role, policy: policy.id, statementIndex: statements.length, statement, document: withStatements(policy.document, [...statements, statement]), description: `add a statement to \`${policy.id}\` that allows \`${action}\` on \`${resource}\`${trust && principalArn ? ` to \`${principalArn}\`` : ''}` });
  return out;
}

function replacePolicy(request: EvaluationRequest, fix: ProposedFix): EvaluationRequest {
  if (fix.policyType === 'resource') return { ...request, resourcePolicy: { id: fix.policy, document: fix.document } };
  const identity = request.identityPolicies ?? [];
  const exists = identity.some((p) => p.id === fix.policy);
  return { ...request, identityPolicies: exists ? identity.map((p) => (p.id === fix.policy ? { ...p, document: fix.document } : p)) : [...identity, { id: fix.policy, document: fix.document }] };
}

/** The access the edit adds, from the evaluator-backed access comparison of `iam/access`. */
function addedAccess(before: unknown, fix: ProposedFix, trust: boolean): { actions: string[]; resources: string[] }[] | undefined {
  const kind: PolicyKind = fix.policyType === 'resource' ? (trust ? 'trust' : 'resource') : 'identity';
  try {
    const diff = diffAccess(parsePolicy(JSON.stringify(before ?? { Version: '2012-10-17', Statement: [] })).document, parsePolicy(JSON.stringify(fix.document)).document, kind);
    if (diff.undecided.some((u) => u.direction === 'new')) return undefined;
    return diff.newAccess.map((g) => ({ actions: [...g.actions], resources: [...g.resources] }));
  } catch {
    return undefined;
  }
}

/**
 * Whether the access is exactly the request's action on its resource; in a role trust policy (whose
 * statements name no resource) or a key policy, `*` is the role or the key the policy belongs to.
 */
function exactly(access: readonly { actions: readonly string[]; resources: readonly string[] }[], action: string, resource: string, own = false): boolean {
  return access.every((g) => g.actions.every((a) => a.toLowerCase() === action.toLowerCase()) && g.resources.every((r) => r === resource || (own && r === '*')));
}

/**
 * Explains an AccessDenied message against a request built from the caller's policies. `request` must
 * carry the message's principal, action and resource (the resource `*` when the message names none).
 */
export function explainDenial(message: AccessDeniedMessage, request: EvaluationRequest, options: ExplainOptions = {}): DenialExplanation {
  const notes: string[] = [];
  const answer = run(request, options);
  const subject = { principal: request.principal, action: request.action, resource: request.resource };
  const claimed = message.policyType;
  const agrees = (deniedBy: readonly DenyingPolicy[]) => (claimed === undefined ? null : deniedBy.some((d) => d.policyType === claimed));
  if (message.format === 'message' && message.resource === undefined) notes.push(`The message names no resource${message.resourceDescription ? ` (\`${message.resourceDescription}\`)` : ''}; the request was simulated on \`${request.resource}\`.`);

  if (answer.decision === 'Allow') {
    notes.push('The given policies allow this request: the deployed policies differ from these, or a condition depends on request context the message does not show.');
    if (claimed) notes.push(`AWS said ${aPolicyOf(claimed)} ${message.denial === 'explicit' ? 'explicitly denies' : 'does not allow'} it; check that policy${claimed === 'scp' || claimed === 'rcp' ? ' (it is not among the simulated policies: add it to them)' : ''}.`);
    if (message.denial === 'explicit') notes.push(...conditionalDenies(answer, claimed));
    return { status: 'not-reproduced', request: subject, simulated: answer, deniedBy: [], agreesWithMessage: claimed === undefined ? null : false, fixes: [], notes };
  }

  if (answer.decision === 'ExplicitDeny') {
    const deniedBy = answer.reasons.map(fromReason);
    notes.push('An explicit Deny overrides every Allow, so no Allow is proposed: change or remove the Deny statement, or meet its condition.');
    return { status: 'explicit-deny', request: subject, simulated: answer, deniedBy, agreesWithMessage: agrees(deniedBy), fixes: [], notes };
  }

  const deniedBy = implicitBlockers(request, answer);
  const guardrails = deniedBy.filter((d) => d.policyType !== 'identity' && d.policyType !== 'resource');
  // What the message says wins over a simulation that cannot see the deny (a guardrail the caller did
  // not give); a simulation that finds the guardrail the message names explains it itself.
  const reproduced = claimed !== undefined && message.denial !== 'explicit' && deniedBy.some((d) => d.policyType === claimed);
  if (!reproduced && (message.denial === 'explicit' || (claimed !== undefined && claimed !== 'identity' && claimed !== 'resource'))) {
    const blamed: DenyingPolicy = { policyType: claimed ?? 'identity', explicit: message.denial === 'explicit', ...(message.policyArn ? { policy: message.policyArn } : {}), why: message.denial === 'explicit' ? `AWS reports an explicit deny in ${claimed ? aPolicyOf(claimed) : 'a policy'}` : `AWS reports that no ${claimed ? policyTypeLabel(claimed) : 'policy'} allows it` };
    notes.push(`The message blames ${claimed ? aPolicyOf(claimed) : 'an explicit deny'}, which the given policies do not reproduce${claimed === 'scp' || claimed === 'rcp' || claimed === 'boundary' || claimed === 'session' ? ' (add it to the simulated policies)' : ''}; no Allow is proposed, since an Allow elsewhere would not lift it.`);
    if (message.denial === 'explicit') notes.push(...conditionalDenies(answer, claimed));
    return { status: message.denial === 'explicit' ? 'explicit-deny' : 'guardrail', request: subject, simulated: answer, deniedBy: [blamed, ...deniedBy], agreesWithMessage: false, fixes: [], notes };
  }
  if (guardrails.length > 0) {
    notes.push(`No Allow is proposed: ${guardrails.map((g) => g.why).join('; ')}. An allow in an identity-based policy does not lift an implicit deny of an SCP, a permissions boundary or a session policy; widening those is for their owners.`);
    return { status: 'guardrail', request: subject, simulated: answer, deniedBy, agreesWithMessage: agrees(deniedBy), fixes: [], notes };
  }

  // Identity or resource side: find, per missing side, the smallest edit that the re-simulation and the access comparison accept.
  const fixes: ProposedFix[] = [];
  let current = request;
  const newAccess: { policy: string; actions: string[]; resources: string[] }[] = [];
  for (const side of deniedBy) {
    const role = side.policyType as 'identity' | 'resource';
    if (role === 'resource' && request.principal === '*') {
      notes.push('The caller is anonymous: only a resource-based policy that lets anyone in could allow it, and no public grant is proposed.');
      continue;
    }
    const principalArn = identityArnOf(request.principal);
    const special = role === 'resource' ? resourcePolicyKind(request.action, request.resource) : 'ordinary';
    const trust = special === 'trust';
    const own = special !== 'ordinary';
    // AWS managed policies are AWS's to change: a fix goes to the caller's own policies, or a new one.
    const editable = (p: PolicyInput) => !AWS_MANAGED_ARN.test(p.id) && !options.fixedPolicies?.has(p.id);
    const policies: PolicyInput[] = (role === 'identity' ? [...(current.identityPolicies ?? [])] : current.resourcePolicy ? [current.resourcePolicy] : []).filter(editable);
    const options_: ProposedFix[] = policies.flatMap((p) => candidateEdits(p, role, request.action, request.resource, principalArn, special));
    // Edits of statements come before new statements, whatever the policy.
    options_.sort((a, b) => rank(a) - rank(b));
    if (options_.length === 0) {
      const id = role === 'identity' ? 'new-policy' : 'new-resource-policy';
      const fresh = candidateEdits({ id, document: { Version: '2012-10-17', Statement: [] } }, role, request.action, request.resource, principalArn, special).map((f) => ({ ...f, kind: 'new-policy' as const, description: role === 'identity' ? `attach a new identity-based policy that allows \`${request.action}\` on \`${request.resource}\`` : `give the resource a resource-based policy that allows \`${principalArn}\` \`${request.action}\` on \`${request.resource}\`` }));
      options_.push(...fresh);
    }
    let chosen: ProposedFix | undefined;
    for (const option of options_) {
      const before = policies.find((p) => p.id === option.policy)?.document;
      // The edited side must allow the request (a condition of the statement may still stop it)...
      if (!allows(run(replacePolicy(current, option), options), role)) continue;
      // ...and grant nothing else.
      const added = addedAccess(before, option, trust);
      if (!added || !exactly(added, request.action, request.resource, own)) continue;
      chosen = option;
      // A trust policy's statements name no resource, a key policy's `*`: the access is on the role or key.
      newAccess.push(...added.map((g) => ({ policy: option.policy, ...g, resources: own ? g.resources.map((r) => (r === '*' ? request.resource : r)) : g.resources })));
      break;
    }
    if (!chosen) {
      notes.push(`No edit of the ${policyTypeLabel(role)} could be shown to allow exactly this request.`);
      continue;
    }
    fixes.push(chosen);
    current = replacePolicy(current, chosen);
  }
  const after = run(current, options);
  if (fixes.length === 0 || after.decision !== 'Allow') {
    if (fixes.length > 0) notes.push(`With the edit the request is still ${after.decision === 'ExplicitDeny' ? 'explicitly denied' : 'denied'}: ${after.explanation.split('\n')[0]}`);
    return { status: 'no-fix', request: subject, simulated: answer, deniedBy, agreesWithMessage: agrees(deniedBy), fixes: [], notes };
  }
  return {
    status: 'fix',
    request: subject,
    simulated: answer,
    deniedBy,
    agreesWithMessage: agrees(deniedBy),
    fixes,
    verification: { decision: after.decision, newAccess, exact: exactly(newAccess, request.action, request.resource) },
    notes,
  };
}

/**
 * The ARN of a resource a message names by name only (Secrets Manager prints the secret's name):
 * the documented ARN format of the action's resource type with the name as its last part, the
 * caller's partition and account, and `*` for the Region. Secrets Manager appends a hyphen and six
 * random characters to a secret's name in its ARN (Secrets Manager User Guide, "Secret ARN"), so the
 * name is followed by `-??????` there. Undefined when the action has no single resource type.
 */
export function arnForNamedResource(actionName: string, name: string, principal: string): string | undefined {
  const info = catalogAction(actionName);
  if (!info) return undefined;
  const required = info.resourceTypes.filter((t) => t.required);
  const types = required.length === 1 ? required : info.resourceTypes.length === 1 ? info.resourceTypes : [];
  const template = types[0] ? resourceType(info.service, types[0].name)?.arnTemplates[0] : undefined;
  if (!template) return undefined;
  const partition = /^arn:([^:]+):/.exec(principal)?.[1] ?? 'aws';
  const account = accountOf(principal) ?? '*';
  const placeholders = [...template.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]!);
  const last = placeholders.filter((p) => p !== 'Partition' && p !== 'Region' && p !== 'Account').pop();
  if (!last) return undefined;
  const value = info.service === 'secretsmanager' ? `${name}-??????` : name;
  return template.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, p: string) => (p === 'Partition' ? partition : p === 'Account' ? account : p === last ? value : '*'));
}

/** A replacement of `length` characters at `offset` with `newText`. */
export interface FixEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

/**
 * The text edits that make a policy file's text say what `fix.document` says, keeping the rest of the
 * text (comments, order, indentation) as it is; undefined when the text does not hold the statement
 * the fix edits. Applying the edits and parsing gives `fix.document`.
 */
export function fixEdits(text: string, fix: ProposedFix): FixEdit[] | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root || root.type !== 'object') return undefined;
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const statement = findNodeAtLocation(root, ['Statement']);
  let edits: Edit[];
  if (fix.kind === 'add-statement' || fix.kind === 'new-policy') {
    edits = statement?.type === 'array' ? modify(text, ['Statement', -1], fix.statement, { formattingOptions, isArrayInsertion: true }) : modify(text, ['Statement'], (fix.document as { Statement: unknown }).Statement, { formattingOptions });
  } else {
    const element = fix.kind === 'add-action' ? 'Action' : 'Resource';
    const path = statement?.type === 'array' ? ['Statement', fix.statementIndex, element] : ['Statement', element];
    if (!findNodeAtLocation(root, path)) return undefined;
    edits = modify(text, path, fix.statement[element], { formattingOptions });
  }
  return edits.map((e) => ({ offset: e.offset, length: e.length, newText: e.content }));
}

/** The text with the edits applied. */
export function applyFixEdits(text: string, edits: readonly FixEdit[]): string {
  return applyEdits(text, edits.map((e) => ({ offset: e.offset, length: e.length, content: e.newText })));
}

function rank(fix: ProposedFix): number {
  return fix.kind === 'add-action' || fix.kind === 'add-resource' ? 0 : 1;
}
