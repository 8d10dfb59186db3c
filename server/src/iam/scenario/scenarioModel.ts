/**
 * The model of a scenario (policy test) file, `*.iamtest.json`: a small AWS world (accounts,
 * users, groups, roles, resources and the policies attached to them) plus tests that ask "can this
 * principal do this action on this resource?". Every node keeps the span of the text it came from,
 * so that problems and code lenses land on the exact text (ARCHITECTURE invariant 1).
 */
import type { Span } from '../document/model';
import type { ContextValue } from '../evaluate/types';

export type { Span };

/** A value with the span of its literal (quotes included for strings). */
export interface Spanned<T> {
  readonly value: T;
  readonly span: Span;
}

/** A policy given by a path relative to the scenario file. */
export interface PolicyFileRef {
  readonly kind: 'file';
  /** The path as written, relative to the scenario file. */
  readonly path: string;
  readonly span: Span;
  /** Where the reference is, for ids and messages, e.g. `roles[CrossAccountS3Access].policies[0]`. */
  readonly where: string;
  /**
   * For a policy inside a template taken for a principal of the scenario: what the deployment fills
   * in (the principal's account as `AWS::AccountId`, and what an AccessDenied message showed).
   */
  readonly templateDeployment?: TemplateDeployment;
}

/**
 * What one deployment of a template gives the values it computes: `AWS::AccountId`, `AWS::Region`,
 * and the names CloudFormation generated for resources without a name property, by logical id.
 */
export interface TemplateDeployment {
  readonly account?: string;
  readonly region?: string;
  readonly names?: Readonly<Record<string, string>>;
  /** The six random characters Secrets Manager added to the ARNs of secrets, by logical id. */
  readonly suffixes?: Readonly<Record<string, string>>;
}

/** A policy written inline in the scenario file. */
export interface InlinePolicyRef {
  readonly kind: 'inline';
  /** The policy document as parsed JSON. */
  readonly document: unknown;
  readonly span: Span;
  /** Spans of the statements in the scenario text, by statement index. */
  readonly statementSpans: readonly Span[];
  readonly where: string;
}

export type PolicyRef = PolicyFileRef | InlinePolicyRef;

/** One level of an organization, root first: its SCPs and RCPs. */
export interface OrganizationLevel {
  readonly name?: string;
  readonly scps: readonly PolicyRef[];
  readonly rcps: readonly PolicyRef[];
}

export interface ScenarioAccount {
  readonly id: string;
  readonly name?: string;
  /** The organization's management account: SCPs and RCPs do not affect it. */
  readonly managementAccount: boolean;
  /** Organization levels from the root down to the account's OU; empty when not in an organization. */
  readonly organization: readonly OrganizationLevel[];
  readonly span: Span;
}

/** What users and roles share. */
export interface ScenarioPrincipalBase {
  readonly name: string;
  /** The account id (resolved from an account name when one was given). */
  readonly account: string;
  readonly arn: string;
  readonly policies: readonly PolicyRef[];
  readonly boundary?: PolicyRef;
  /** Principal tags: become `aws:PrincipalTag/KEY` context keys when context is derived. */
  readonly tags: Readonly<Record<string, string>>;
  readonly span: Span;
  /** The span of the `name` (or `arn`) value: where "defined here" points. */
  readonly nameSpan: Span;
  /** `file#LogicalId` of the template resource the principal's policies come from. */
  readonly template?: Spanned<string>;
}

export interface ScenarioUser extends ScenarioPrincipalBase {
  readonly groups: readonly Spanned<string>[];
}

export interface ScenarioRole extends ScenarioPrincipalBase {
  readonly trustPolicy?: PolicyRef;
}

export interface ScenarioGroup {
  readonly name: string;
  readonly account?: string;
  readonly policies: readonly PolicyRef[];
  /** `file#LogicalId` of the template group the policies come from. */
  readonly template?: Spanned<string>;
  readonly span: Span;
}

export interface ScenarioResource {
  /** The resource ARN; may end in a wildcard, and covers child resources (`bucket` covers `bucket/key`). */
  readonly arn: string;
  readonly account?: string;
  readonly policy?: PolicyRef;
  readonly span: Span;
}

/** What a test expects. `Deny` accepts either denial. */
export type Expectation = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'Deny';

/** One hop of an assume-role chain. */
export interface AssumeStep {
  /** A role name or role ARN, as written. */
  readonly role: Spanned<string>;
  readonly sessionName?: string;
  readonly sessionPolicy?: PolicyRef;
}

export interface ScenarioTest {
  readonly index: number;
  readonly name: string;
  /** A user or role name, an ARN, a service principal or `*`. */
  readonly principal: Spanned<string>;
  readonly action: Spanned<string>;
  readonly resource: Spanned<string>;
  readonly context: Readonly<Record<string, ContextValue>>;
  /** Whether to derive aws:PrincipalArn and friends from the principal (default true). */
  readonly deriveContext: boolean;
  readonly assumeRole: readonly AssumeStep[];
  readonly expect: Spanned<Expectation>;
  /** The whole test object. */
  readonly span: Span;
  /** True when the test has problems that stop it from running. */
  readonly broken: boolean;
}

/** The whole scenario. Parsing never fails: what could not be read is left out and reported. */
export interface Scenario {
  readonly description?: string;
  readonly accounts: readonly ScenarioAccount[];
  readonly users: readonly ScenarioUser[];
  readonly groups: readonly ScenarioGroup[];
  readonly roles: readonly ScenarioRole[];
  readonly resources: readonly ScenarioResource[];
  readonly tests: readonly ScenarioTest[];
  /** The span of the `tests` array, for inserting new tests. */
  readonly testsSpan?: Span;
  /**
   * Per template file, the Region and generated names of its deployment (the account comes from each
   * principal). Set by an explanation from what its AccessDenied message shows; not read from files.
   */
  readonly templateDeployments?: Readonly<Record<string, TemplateDeployment>>;
}

export type ScenarioProblemCode =
  | 'SCENARIO_JSON_SYNTAX'
  | 'SCENARIO_TOO_DEEP'
  | 'SCENARIO_UNKNOWN_FIELD'
  | 'SCENARIO_INVALID_VALUE'
  | 'SCENARIO_MISSING_FIELD'
  | 'SCENARIO_DUPLICATE_NAME'
  | 'SCENARIO_UNKNOWN_ACCOUNT'
  | 'SCENARIO_UNKNOWN_PRINCIPAL'
  | 'SCENARIO_AMBIGUOUS_PRINCIPAL'
  | 'SCENARIO_UNKNOWN_ROLE'
  | 'SCENARIO_UNKNOWN_GROUP'
  | 'SCENARIO_POLICY_FILE'
  | 'SCENARIO_POLICY_INVALID';

/** Whether a problem means the file could not be read at all (not JSON, or nested past the parse bound), so no test runs. */
export function isUnreadableScenarioProblem(problem: { readonly code: string }): boolean {
  return problem.code === 'SCENARIO_JSON_SYNTAX' || problem.code === 'SCENARIO_TOO_DEEP';
}

/** A problem with a scenario file, with the span it is about. */
export interface ScenarioProblem {
  readonly code: ScenarioProblemCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly span: Span;
  /** Set when the problem stops one test from running. */
  readonly testIndex?: number;
}
