/**
 * The evaluator's request and answer. The request mirrors the JSON that `iam-policy simulate`
 * reads (see README): policies are plain JSON values, not positioned models, because the evaluator
 * knows nothing of positions (ARCHITECTURE invariant 2).
 */

/** A context value: a single string (numbers and booleans are written as strings too) or a list. */
export type ContextValue = string | number | boolean | ReadonlyArray<string | number | boolean>;

/** A policy as given to the evaluator: parsed JSON plus an id that reasons refer to. */
export interface PolicyInput {
  /** Stable id used in reasons, e.g. a file path, `identityPolicies[0]` or a managed-policy name. */
  readonly id: string;
  /** The policy document, as parsed JSON (may be malformed: the evaluator reports errors). */
  readonly document: unknown;
}

/** One evaluation request. */
export interface EvaluationRequest {
  /** The calling principal's ARN, a service principal (`ec2.amazonaws.com`) or `*` for anonymous. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The request context. Authoritative: an absent key is missing; nothing is invented. */
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** Defaults to the account in the principal ARN. */
  readonly principalAccount?: string;
  /** Defaults to the account in the resource ARN (or the principal's account when the ARN has none). */
  readonly resourceAccount?: string;
  readonly identityPolicies?: readonly PolicyInput[];
  readonly resourcePolicy?: PolicyInput;
  readonly permissionBoundary?: PolicyInput;
  /** One array of policies per level of the organization, root first. */
  readonly scps?: ReadonlyArray<readonly PolicyInput[]>;
  /** One array of policies per level, root first. */
  readonly rcps?: ReadonlyArray<readonly PolicyInput[]>;
  readonly sessionPolicy?: PolicyInput;
  /**
   * True when the principal belongs to the organization's management account: SCPs do not affect
   * it (AWS Organizations User Guide, "Service control policies (SCPs)").
   */
  readonly principalIsManagementAccount?: boolean;
  /**
   * True when the resource belongs to the organization's management account: RCPs do not affect it
   * (AWS Organizations User Guide, "Resource control policies (RCPs)").
   */
  readonly resourceIsManagementAccount?: boolean;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** Which kind of policy a reason or trace entry belongs to. */
export type PolicyRole = 'identity' | 'resource' | 'boundary' | 'scp' | 'rcp' | 'session';

/** A statement that decided the answer. */
export interface Reason {
  readonly policyId: string;
  readonly policyRole: PolicyRole;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
}

/** How one condition (operator + key) of a statement matched. */
export interface ConditionTrace {
  readonly operator: string;
  readonly key: string;
  /** The policy's values after policy variables were resolved. */
  readonly policyValues: readonly string[];
  /** The request's value(s) for the key, or undefined when the key was missing. */
  readonly requestValues?: readonly string[];
  readonly matched: boolean;
  /** One sentence that says why. */
  readonly explanation: string;
}

/** How one statement of one policy matched the request. */
export interface StatementTrace {
  readonly policyId: string;
  readonly policyRole: PolicyRole;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actionMatched: boolean;
  readonly resourceMatched: boolean;
  /** Undefined for policies that have no Principal element (identity, boundary, session, SCP). */
  readonly principalMatched?: boolean;
  readonly conditions: readonly ConditionTrace[];
  /** True when every part matched, so the statement applies to the request. */
  readonly applies: boolean;
}

/** The evaluator's answer. */
export interface EvaluationAnswer {
  readonly decision: Decision;
  /** The statements that decided: the denying ones for ExplicitDeny, the allowing ones for Allow. */
  readonly reasons: readonly Reason[];
  /** A readable, multi-line explanation of the decision. */
  readonly explanation: string;
  /** Every statement that was looked at, in evaluation order. */
  readonly statements: readonly StatementTrace[];
  /** Context keys that conditions referred to, that were absent, and that would have mattered. */
  readonly missingContextKeys: readonly string[];
  /** Problems that did not stop evaluation: unknown action, a key of the wrong type, ... */
  readonly warnings: readonly string[];
  /** Statements or policies that could not be evaluated (recorded, never thrown). */
  readonly errors: readonly string[];
}
