/**
 * How one policy of a given kind is put in front of the evaluator so that the evaluator's answer is
 * "does this policy allow the request": every other policy the request needs allows everything.
 *
 * - identity: the policy is the caller's identity-based policy (same-account request);
 * - boundary / session / SCP / RCP: the caller's identity-based policy allows everything and the
 *   policy is its permissions boundary, session policy, the one SCP level or the one RCP level;
 * - resource / trust: the caller's identity-based policy allows everything and the resource belongs
 *   to an account the policy does not name, so the resource-based policy alone decides ("Cross-account
 *   policy evaluation logic").
 */
import type { PolicyKind } from '../document/policyKind';
import { evaluate, type ContextValue, type EvaluationAnswer, type EvaluationRequest } from '../evaluate';
import { isAccountId } from '../principals/principalParse';

/** The account of the caller in identity-side requests. */
export const CALLER_ACCOUNT = '111122223333';
/** The caller of identity-side requests: a role session, to which every identity-side policy kind applies. */
const CALLER = `arn:aws:sts::${CALLER_ACCOUNT}:assumed-role/example-role/example-session`;

const ALLOW_ALL = { id: 'allow-all', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

/**
 * The identity-side caller for a resource: a role session of the resource's account when its ARN
 * names one (so the example is a same-account request as it stands, replayable with `iam-policy
 * simulate`), else of `CALLER_ACCOUNT`.
 */
export function identityCaller(resource: string): string {
  const account = resource.startsWith('arn:') ? resource.split(':')[4] : undefined;
  return account && isAccountId(account) ? `arn:aws:sts::${account}:assumed-role/example-role/example-session` : CALLER;
}

/** One example request, as reports show it. */
export interface ExampleRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, ContextValue>>;
  /** The caller: for identity-side policies always `CALLER`, a role session of `CALLER_ACCOUNT`. */
  readonly principal?: string;
  /** For resource-based policies: the account the resource belongs to (one the policies do not name). */
  readonly resourceAccount?: string;
}

/** True for the kinds whose policy is the resource side. */
export function isResourceSide(kind: PolicyKind): boolean {
  return kind === 'resource' || kind === 'trust';
}

/** An account id that none of the texts mention, for the resource owner in resource-side requests. */
export function unnamedAccount(texts: readonly string[], start = 999999999999): string {
  for (let n = start; n > start - 1000; n--) {
    const id = String(n);
    if (!texts.some((t) => t.includes(id))) return id;
  }
  return String(start);
}

/** The evaluator request that asks whether `policy` (JSON) allows `example`. */
function harnessRequest(kind: PolicyKind, policy: unknown, example: ExampleRequest, owner: string): EvaluationRequest {
  const input = { id: 'policy', document: policy };
  if (isResourceSide(kind)) {
    return {
      principal: example.principal ?? '*',
      action: example.action,
      resource: example.resource,
      context: example.context,
      resourceAccount: example.resourceAccount ?? owner,
      identityPolicies: [ALLOW_ALL],
      resourcePolicy: input,
    };
  }
  // Role trust policies and key policies must allow the caller themselves; a key policy that
  // delegates to the caller's account lets the identity side decide.
  const caller = identityCaller(example.resource);
  const account = caller.split(':')[4]!;
  const delegate = { id: 'delegating-resource-policy', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: account }, Action: '*', Resource: '*' }] } };
  const base = { principal: caller, action: example.action, resource: example.resource, context: example.context, resourceAccount: account, principalAccount: account, resourcePolicy: delegate };
  switch (kind) {
    case 'identity':
      return { ...base, identityPolicies: [input] };
    case 'boundary':
      return { ...base, identityPolicies: [ALLOW_ALL], permissionBoundary: input };
    case 'session':
      return { ...base, identityPolicies: [ALLOW_ALL], sessionPolicy: input };
    case 'scp':
      return { ...base, identityPolicies: [ALLOW_ALL], scps: [[input]] };
    case 'rcp':
      return { ...base, identityPolicies: [ALLOW_ALL], rcps: [[input]] };
    default:
      return { ...base, identityPolicies: [input] };
  }
}

/** Evaluates `example` against one policy of a kind. */
export function judge(kind: PolicyKind, policy: unknown, example: ExampleRequest, owner: string): EvaluationAnswer {
  return evaluate(harnessRequest(kind, policy, example, owner));
}
