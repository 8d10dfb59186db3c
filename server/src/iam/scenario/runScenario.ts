/**
 * Running scenario tests: turns each test into evaluator requests (one `sts:AssumeRole` request per
 * hop of the assume-role chain, then the request itself as the last role session) and compares the
 * decision with the expectation.
 *
 * The core does no I/O: policy files are read through a `PolicyFileReader` that the caller supplies
 * (the CLI reads relative to the scenario file; the server also checks the workspace and trust).
 */
import { parseTree, getNodeValue, type ParseError } from 'jsonc-parser';
import { limitNesting, MAX_NESTING_DEPTH } from '../document/jsonNesting';
import { contextAdder, deriveContext } from '../evaluate/deriveContext';
import { evaluate } from '../evaluate/evaluator';
import { matchWildcard } from '../arn/wildcard';
import { managedPolicy, managedPolicyReference, nearestManagedPolicyName } from '../catalog/managedPolicies';
import type { ContextValue, Decision, EvaluationAnswer, EvaluationRequest, PolicyInput, Reason } from '../evaluate/types';
import { policyFileRefs, resolvePrincipal, resolveRole, statementSpansOf } from './parseScenario';
import type { PolicyRef, Scenario, ScenarioProblem, ScenarioRole, ScenarioTest, Span, TemplateDeployment } from './scenarioModel';
import { deploymentKey, expandScenarioTemplates, readScenarioTemplate, splitTemplateReference } from './scenarioTemplates';
import { printVirtualPolicy, virtualToHost, type VirtualPolicy } from '../sources/virtualPolicy';
import { extractTerraformPolicies, terraformReady } from '../sources/terraform/terraformPolicies';
import type { EmbeddedPolicy } from '../sources/hostTree';
import { functionResourcePolicy } from '../sources/cloudformation/lambdaPermission';
import type { CloudFormationTemplate } from '../sources/cloudformation/template';
import { terraformFunctionPolicy } from '../sources/terraform/terraformPermission';
import { terraformNamedResources } from '../sources/terraform/terraformPrincipals';
import type { HostSyntax } from '../sources/embeddedAnalysis';

/** A Terraform file's policies, in the shape a template reference needs (undefined before the parser loads). */
function terraformTemplate(text: string, deployment: TemplateDeployment | undefined): { syntax: 'hcl'; policies: readonly EmbeddedPolicy[] } | undefined {
  if (!terraformReady()) return undefined;
  try {
    return { syntax: 'hcl', policies: extractTerraformPolicies(text, { ...(deployment?.account ? { account: deployment.account } : {}), ...(deployment?.region ? { region: deployment.region } : {}), ...(deployment?.suffixes ? { suffixes: deployment.suffixes } : {}) }).policies };
  } catch {
    return undefined;
  }
}

/** Whether a policy reference points into a template (`file#/JSON/Pointer`, `main.tf#address`). */
export function isTemplateReference(path: string): boolean {
  return /#\/|\.tf#/i.test(path);
}

/** A policy of a template, as a scenario reads it: its place, the host's syntax and its virtual JSON text. */
export interface TemplatePolicy {
  readonly syntax: HostSyntax;
  readonly policy: EmbeddedPolicy;
  readonly virtual: VirtualPolicy;
}

/**
 * The policy at `pointer` of a template's text (a Terraform file when `file` ends in `.tf`), with the
 * values `deployment` gives (its account as `AWS::AccountId`); a string says why there is none.
 */
export function templatePolicyAt(file: string, text: string, pointer: string, deployment?: TemplateDeployment): TemplatePolicy | string {
  const template = /\.tf$/i.test(file) ? terraformTemplate(text, deployment) : readScenarioTemplate(text, deployment);
  if (!template) return `\`${file}\` is not a CloudFormation or SAM template`;
  // A function's pointer stands for its resource-based policy: the statements of its permissions.
  const policy = template.policies.find((candidate) => candidate.pointer === pointer) ?? functionPolicyAt(text, template, pointer);
  if (!policy) {
    const known = template.policies.slice(0, 5).map((candidate) => `\`${candidate.pointer}\``).join(', ');
    return `\`${file}\` has no policy at \`${pointer}\`${known ? `; its policies are at ${known}${template.policies.length > 5 ? ', ...' : ''}` : ''}`;
  }
  return { syntax: template.syntax, policy, virtual: printVirtualPolicy(policy.root) };
}

/** The resource-based policy of the function at `pointer` (`/Resources/<Id>`, `aws_lambda_function.<label>`): its permissions' statements. */
function functionPolicyAt(text: string, template: NonNullable<ReturnType<typeof terraformTemplate>> | CloudFormationTemplate, pointer: string): EmbeddedPolicy | undefined {
  if (template.syntax === 'hcl') {
    if (!/^aws_lambda_function\.[\w-]+$/.test(pointer)) return undefined;
    return terraformFunctionPolicy(text, template.policies, pointer, terraformNamedResources(text).find((resource) => resource.address === pointer)?.name);
  }
  const id = /^\/Resources\/([^/]+)$/.exec(pointer)?.[1];
  return id === undefined ? undefined : functionResourcePolicy(template.root, template.policies, id, template.context.physicalNames?.get(id));
}

/** Reads a policy file given by its path as written in the scenario (relative to the scenario file). */
export type PolicyFileReader = (relativePath: string) => { readonly text: string } | { readonly error: string };

/** A policy ready for the evaluator, with what is needed to point at its statements. */
export interface ResolvedPolicy {
  /** The id the evaluator uses in reasons: the path as written, or where the inline policy is. */
  readonly id: string;
  /** A short name for messages: the file's base name, or `inline policy at …`. */
  readonly label: string;
  readonly ref: PolicyRef;
  readonly document?: unknown;
  /** The file text (file policies only): statement spans are offsets into it. */
  readonly text?: string;
  /** Statement spans: in `text` for files, in the scenario text for inline policies. */
  readonly statementSpans: readonly Span[];
  /** Why the policy cannot be used (unreadable file, invalid JSON, unknown AWS managed policy). */
  readonly error?: string;
  /** Set when the reference names an AWS managed policy instead of a file. */
  readonly named?: NamedPolicy;
}

/**
 * The AWS Organizations managed policies a scenario may name instead of a file: the ones
 * Organizations attaches by default, which deny-list SCPs and RCPs sit beside. They are not IAM
 * policies, so they are not among the AWS managed policies of `iam/catalog/managedPolicies`.
 */
const BUILT_IN_POLICIES: Readonly<Record<string, unknown>> = {
  FullAWSAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  RCPFullAWSAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
};

/** A policy a scenario names instead of giving a file: an AWS managed IAM policy or Organizations policy. */
export interface NamedPolicy {
  /** The name, e.g. `ReadOnlyAccess` or `FullAWSAccess`. */
  readonly name: string;
  /** The IAM ARN (AWS managed IAM policies only). */
  readonly arn?: string;
  readonly document: unknown;
  /** `iam` for an AWS managed IAM policy, `organizations` for FullAWSAccess and RCPFullAWSAccess. */
  readonly source: 'iam' | 'organizations';
}

/**
 * The AWS managed policy a scenario's policy reference names, or undefined: `FullAWSAccess` and
 * `RCPFullAWSAccess`, or any AWS managed IAM policy by name (`ReadOnlyAccess`), path and name
 * (`service-role/AWSLambdaBasicExecutionRole`) or ARN (`arn:aws:iam::aws:policy/ReadOnlyAccess`).
 * References ending in `.json` are files (no AWS managed policy name has a dot), so they never load
 * the managed-policy data.
 */
export function namedPolicy(reference: string): NamedPolicy | undefined {
  const organizations = Object.prototype.hasOwnProperty.call(BUILT_IN_POLICIES, reference) ? BUILT_IN_POLICIES[reference] : undefined;
  if (organizations) return { name: reference, document: organizations, source: 'organizations' };
  if (/\.json$/i.test(reference)) return undefined;
  const managed = managedPolicy(reference);
  return managed ? { name: managed.name, arn: managed.arn, document: managed.document, source: 'iam' } : undefined;
}

/** Resolves policy references once per reader (a scenario run or one validation pass). */
export class PolicySet {
  private readonly files = new Map<string, ResolvedPolicy>();
  constructor(private readonly reader: PolicyFileReader) {}

  resolve(ref: PolicyRef): ResolvedPolicy {
    if (ref.kind === 'inline') {
      return { id: ref.where, label: `inline policy \`${ref.where}\``, ref, document: ref.document, statementSpans: ref.statementSpans };
    }
    const cached = this.files.get(`${ref.path}${deploymentKey(ref.templateDeployment)}`);
    if (cached) return cached;
    const named = namedPolicy(ref.path);
    if (named) {
      const resolved: ResolvedPolicy = { id: ref.path, label: `\`${named.name}\` (AWS managed)`, ref, document: named.document, statementSpans: [], named };
      this.files.set(ref.path, resolved);
      return resolved;
    }
    const inTemplate = isTemplateReference(ref.path) ? this.resolveInTemplate(ref) : undefined;
    if (inTemplate) {
      this.files.set(inTemplate.id, inTemplate);
      return inTemplate;
    }
    const label = ref.path.split(/[\\/]/).pop() || ref.path;
    let resolved: ResolvedPolicy;
    const managedArn = managedPolicyReference(ref.path)?.isArn === true;
    const read = managedArn ? undefined : this.reader(ref.path);
    if (!read || 'error' in read) {
      resolved = { id: ref.path, label, ref, statementSpans: [], error: unresolvedMessage(ref.path, read?.error) };
    } else {
      const errors: ParseError[] = [];
      // The parser and getNodeValue recurse once per level, so depth is checked first.
      const limited = limitNesting(read.text);
      const root = limited.tooDeep.length > 0 ? undefined : parseTree(read.text, errors, { allowTrailingComma: true });
      if (limited.tooDeep.length > 0) resolved = { id: ref.path, label, ref, text: read.text, statementSpans: [], error: `Policy file \`${ref.path}\` nests JSON more than ${MAX_NESTING_DEPTH} levels deep` };
      else if (!root || errors.length > 0) resolved = { id: ref.path, label, ref, text: read.text, statementSpans: [], error: `Policy file \`${ref.path}\` is not valid JSON` };
      else if (root.type !== 'object') resolved = { id: ref.path, label, ref, text: read.text, statementSpans: [], error: `Policy file \`${ref.path}\` is not a JSON object` };
      else resolved = { id: ref.path, label, ref, text: read.text, document: getNodeValue(root), statementSpans: statementSpansOf(root) };
    }
    this.files.set(ref.path, resolved);
    return resolved;
  }

  /** Reads a file the scenario names (templates of template principals). */
  readFile(path: string): { readonly text: string } | { readonly error: string } {
    return this.reader(path);
  }

  /**
   * A policy inside a template (`file#/JSON/Pointer`): its document as the template deploys it, with
   * values computed at deploy time filled with their samples, and its statements' spans in the
   * template text.
   */
  private resolveInTemplate(ref: PolicyRef & { kind: 'file' }): ResolvedPolicy | undefined {
    const reference = splitTemplateReference(ref.path);
    if (!reference) return undefined;
    const id = `${ref.path}${deploymentKey(ref.templateDeployment)}`;
    const label = `${reference.file.split(/[\\/]/).pop() || reference.file}#${reference.rest}`;
    const read = this.reader(reference.file);
    if ('error' in read) return { id, label, ref, statementSpans: [], error: read.error };
    const found = templatePolicyAt(reference.file, read.text, reference.rest, ref.templateDeployment);
    if (typeof found === 'string') return { id, label, ref, text: read.text, statementSpans: [], error: found };
    const { policy, virtual } = found;
    const errors: ParseError[] = [];
    const root = parseTree(virtual.text, errors, { allowTrailingComma: true });
    if (!root || root.type !== 'object') return { id, label, ref, text: read.text, statementSpans: [], error: `The policy at \`${ref.path}\` is not a JSON object` };
    const statementSpans = statementSpansOf(root).map((span) => {
      const host = virtualToHost(virtual, span.offset, span.offset + span.length);
      return { offset: host.start, length: host.end - host.start };
    });
    return { id, label: `${policy.label} (${label})`, ref, text: read.text, document: getNodeValue(root), statementSpans };
  }

  /** Every policy resolved so far, by evaluator id. */
  byId(id: string): ResolvedPolicy | undefined {
    return this.files.get(id);
  }
}

/**
 * Why a reference resolves to nothing: an ARN of an AWS managed policy that does not exist, or a file
 * that cannot be read, with the AWS managed policy it was probably meant to name when there is one.
 */
function unresolvedMessage(reference: string, readError: string | undefined): string {
  const parts = managedPolicyReference(reference);
  if (readError === undefined) {
    // The name exists under another path: IAM requires the path in the ARN.
    const byName = parts ? managedPolicy(parts.name) : undefined;
    if (byName) return `Unknown AWS managed policy \`${reference}\`: \`${byName.name}\` is on the path \`${byName.path}\`, so its ARN is \`arn:${parts?.partition ?? 'aws'}:iam::aws:policy${byName.path}${byName.name}\``;
    const near = parts ? nearestManagedPolicyName(parts.name) : undefined;
    return `Unknown AWS managed policy \`${reference}\`${near ? `: did you mean \`${near}\`?` : ''}`;
  }
  // A reference without an extension that is not a file was probably meant as a managed policy name.
  if (parts && !reference.includes('.') && /(?: not found|: no such file)$/.test(readError)) {
    const near = nearestManagedPolicyName(parts.name);
    if (near) return `${readError}, and it is not an AWS managed policy: did you mean \`${near}\`?`;
  }
  return readError;
}

/** Problems with the policy files a scenario references: missing, unreadable, invalid JSON. */
export function checkPolicyFiles(scenario: Scenario, policies: PolicySet): ScenarioProblem[] {
  const expanded = withTemplates(scenario, policies);
  const problems: ScenarioProblem[] = [...expanded.problems];
  for (const ref of policyFileRefs(expanded.scenario)) {
    const resolved = policies.resolve(ref);
    if (resolved.error) problems.push({ code: resolved.text === undefined ? 'SCENARIO_POLICY_FILE' : 'SCENARIO_POLICY_INVALID', severity: 'error', message: resolved.error, span: ref.span });
  }
  return problems;
}

/** One evaluator request of a test and its answer. */
export interface TestStep {
  /** `assume` for an `sts:AssumeRole` hop, `request` for the tested request. */
  readonly kind: 'assume' | 'request';
  /** E.g. "alice assumes `CrossAccountS3Access`". */
  readonly label: string;
  readonly request: EvaluationRequest;
  readonly answer: EvaluationAnswer;
  /** Context keys derived from the principal, one readable line each. */
  readonly derived: readonly string[];
}

/** A deciding statement with the policy it belongs to. */
export interface DecidingStatement {
  readonly reason: Reason;
  readonly policy?: ResolvedPolicy;
  /** The statement's span: in the policy file's text, or in the scenario text for inline policies. */
  readonly span?: Span;
}

/** The outcome of one test. */
export interface TestResult {
  readonly test: ScenarioTest;
  /** `Error` when the test could not run (see `error`). */
  readonly decision: Decision | 'Error';
  readonly passed: boolean;
  readonly steps: readonly TestStep[];
  /** Index into `steps` of the assume-role hop that was denied, when one was. */
  readonly failedStep?: number;
  /** The statements that decided the step that decided the test. */
  readonly deciding: readonly DecidingStatement[];
  readonly error?: string;
}

export interface RunOptions {
  /** Lets the evaluator warn about unknown actions (the caller passes the catalog lookup). */
  readonly isKnownAction?: (action: string) => boolean;
}

const FULL_AWS_ACCESS: PolicyInput = {
  id: 'FullAWSAccess',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/** Whether a decision meets an expectation (`Deny` accepts either denial). */
function meetsExpectation(expect: ScenarioTest['expect']['value'], decision: Decision | 'Error'): boolean {
  if (decision === 'Error') return false;
  return expect === 'Deny' ? decision !== 'Allow' : expect === decision;
}

/** The caller of one step: its ARN and the policies that come with it. */
interface Caller {
  readonly arn: string;
  readonly display: string;
  readonly account?: string;
  readonly identity: readonly PolicyRef[];
  readonly boundary?: PolicyRef;
  readonly session?: PolicyRef;
  readonly tags: Readonly<Record<string, string>>;
}

class TestError extends Error {}

/** Runs one test. Never throws: problems become an `Error` result. */
export function runTest(scenario: Scenario, test: ScenarioTest, policies: PolicySet, options: RunOptions = {}): TestResult {
  if (test.broken) return { test, decision: 'Error', passed: false, steps: [], deciding: [], error: 'The test has problems; see the diagnostics on it' };
  try {
    return runResolvedTest(scenario, test, policies, options);
  } catch (error) {
    if (error instanceof TestError) return { test, decision: 'Error', passed: false, steps: [], deciding: [], error: error.message };
    throw error;
  }
}

/** Runs every test of a scenario. */
export function runScenario(scenario: Scenario, policies: PolicySet, options: RunOptions = {}): TestResult[] {
  const expanded = scenarioWithTemplates(scenario, policies);
  return expanded.tests.map((test) => runTest(expanded, test, policies, options));
}

/** The scenario with what its template principals' templates attach to them: what `runTest` needs. */
export function scenarioWithTemplates(scenario: Scenario, policies: PolicySet): Scenario {
  return withTemplates(scenario, policies).scenario;
}

const expansions = new WeakMap<Scenario, WeakMap<PolicySet, ReturnType<typeof expandScenarioTemplates>>>();

/** The scenario with its template principals' policies read, once per scenario and policy set. */
function withTemplates(scenario: Scenario, policies: PolicySet): ReturnType<typeof expandScenarioTemplates> {
  let bySet = expansions.get(scenario);
  if (!bySet) expansions.set(scenario, (bySet = new WeakMap()));
  let expanded = bySet.get(policies);
  if (!expanded) bySet.set(policies, (expanded = expandScenarioTemplates(scenario, (path) => policies.readFile(path))));
  return expanded;
}

function input(policies: PolicySet, ref: PolicyRef): PolicyInput {
  const resolved = policies.resolve(ref);
  if (resolved.error) throw new TestError(resolved.error);
  return { id: resolved.id, document: resolved.document };
}

function sessionArn(role: ScenarioRole, sessionName: string): string {
  const partition = /^arn:([^:]+):/.exec(role.arn)?.[1] ?? 'aws';
  return `arn:${partition}:sts::${role.account}:assumed-role/${role.name}/${sessionName}`;
}

function runResolvedTest(scenario: Scenario, test: ScenarioTest, policies: PolicySet, options: RunOptions): TestResult {
  const principal = resolvePrincipal(scenario, test.principal.value);
  if ('error' in principal) throw new TestError(principal.error);

  let caller: Caller;
  if (principal.kind === 'user') {
    const u = principal.user;
    const groupPolicies = u.groups.flatMap((g) => scenario.groups.find((group) => group.name === g.value)?.policies ?? []);
    caller = { arn: u.arn, display: `\`${u.name}\``, account: u.account, identity: [...u.policies, ...groupPolicies], ...(u.boundary ? { boundary: u.boundary } : {}), tags: u.tags };
  } else if (principal.kind === 'role') {
    // A role named as the principal acts as one of its sessions, without an assume step.
    const r = principal.role;
    caller = { arn: sessionArn(r, 'test-session'), display: `a session of \`${r.name}\``, account: r.account, identity: r.policies, ...(r.boundary ? { boundary: r.boundary } : {}), tags: r.tags };
  } else {
    caller = { arn: principal.arn, display: `\`${principal.arn}\``, identity: [], tags: {} };
  }
  const baseSessionName = principal.kind === 'user' ? principal.user.name : 'test-session';

  const steps: TestStep[] = [];
  for (const [i, hop] of test.assumeRole.entries()) {
    const found = resolveRole(scenario, hop.role.value);
    if ('error' in found) throw new TestError(found.error);
    const role = found.role;
    const sessionName = hop.sessionName ?? baseSessionName;
    const request = buildRequest(scenario, policies, caller, 'sts:AssumeRole', role.arn, test, role.trustPolicy ? input(policies, role.trustPolicy) : undefined, role.account);
    const step = evaluateStep(request, test, caller, options, `step ${i + 1}: ${caller.display} calls \`sts:AssumeRole\` on \`${role.name}\``, 'assume', { 'sts:RoleSessionName': sessionName });
    steps.push(step);
    if (step.answer.decision !== 'Allow') {
      return finishTest(test, steps, policies, i);
    }
    caller = {
      arn: sessionArn(role, sessionName),
      display: `the session \`${role.name}/${sessionName}\``,
      account: role.account,
      identity: role.policies,
      ...(role.boundary ? { boundary: role.boundary } : {}),
      ...(hop.sessionPolicy ? { session: hop.sessionPolicy } : {}),
      tags: role.tags,
    };
  }

  const target = findResourcePolicy(scenario, policies, test.action.value, test.resource.value);
  const request = buildRequest(scenario, policies, caller, test.action.value, test.resource.value, test, target.policy, target.account);
  const label = `${test.assumeRole.length > 0 ? `step ${test.assumeRole.length + 1}: ` : ''}${caller.display} calls \`${test.action.value}\` on \`${test.resource.value}\``;
  steps.push(evaluateStep(request, test, caller, options, label, 'request', {}));
  return finishTest(test, steps, policies, undefined);
}

function finishTest(test: ScenarioTest, steps: TestStep[], policies: PolicySet, failedStep: number | undefined): TestResult {
  const deciding = steps[steps.length - 1]!;
  const decision = deciding.answer.decision;
  return {
    test,
    decision,
    passed: meetsExpectation(test.expect.value, decision),
    steps,
    ...(failedStep !== undefined ? { failedStep } : {}),
    deciding: deciding.answer.reasons.map((reason) => locateDecidingStatement(reason, policies, deciding.request)),
  };
}

/** Finds the policy and statement span of a reason. */
function locateDecidingStatement(reason: Reason, policies: PolicySet, request: EvaluationRequest): DecidingStatement {
  const all = [...(request.identityPolicies ?? []), request.resourcePolicy, request.permissionBoundary, request.sessionPolicy, ...(request.scps ?? []).flat(), ...(request.rcps ?? []).flat()];
  const byFile = policies.byId(reason.policyId);
  if (byFile) return { reason, policy: byFile, ...(byFile.statementSpans[reason.statementIndex] ? { span: byFile.statementSpans[reason.statementIndex] } : {}) };
  // Inline policies are not cached by id: find the ref through the request's inputs.
  const inline = all.find((p) => p?.id === reason.policyId) as (PolicyInput & { ref?: PolicyRef }) | undefined;
  if (inline?.ref) {
    const resolved = policies.resolve(inline.ref);
    return { reason, policy: resolved, ...(resolved.statementSpans[reason.statementIndex] ? { span: resolved.statementSpans[reason.statementIndex] } : {}) };
  }
  return { reason };
}

/** The resource-based policy that governs a request, and the resource's account. */
function findResourcePolicy(scenario: Scenario, policies: PolicySet, action: string, resource: string): { policy?: PolicyInput; account?: string } {
  if (action.toLowerCase().startsWith('sts:')) {
    const role = resolveRole(scenario, resource);
    if ('role' in role) return { ...(role.role.trustPolicy ? { policy: withRef(policies, role.role.trustPolicy) } : {}), account: role.role.account };
  }
  const entry = scenario.resources.find((r) => r.arn === resource || resource.startsWith(`${r.arn}/`) || matchWildcard(r.arn, resource, false));
  if (!entry) return {};
  return { ...(entry.policy ? { policy: withRef(policies, entry.policy) } : {}), ...(entry.account ? { account: entry.account } : {}) };
}

/** A policy input that remembers its reference, so that reasons can be located. */
function withRef(policies: PolicySet, ref: PolicyRef): PolicyInput {
  return { ...input(policies, ref), ref } as PolicyInput;
}

function buildRequest(
  scenario: Scenario,
  policies: PolicySet,
  caller: Caller,
  action: string,
  resource: string,
  test: ScenarioTest,
  resourcePolicy: PolicyInput | undefined,
  resourceAccount: string | undefined,
): EvaluationRequest {
  const principalAccount = scenario.accounts.find((a) => a.id === caller.account);
  const resourceAccountId = resourceAccount ?? /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(resource)?.[1] ?? caller.account;
  const owner = scenario.accounts.find((a) => a.id === resourceAccountId);
  const scpLevels = principalAccount?.organization ?? [];
  const hasScps = scpLevels.some((l) => l.scps.length > 0);
  const rcpLevels = (owner?.organization ?? []).filter((l) => l.rcps.length > 0);
  return {
    principal: caller.arn,
    action,
    resource,
    context: { ...test.context },
    ...(caller.account ? { principalAccount: caller.account } : {}),
    ...(resourceAccount ? { resourceAccount } : {}),
    identityPolicies: caller.identity.map((ref) => withRef(policies, ref)),
    ...(resourcePolicy ? { resourcePolicy } : {}),
    ...(caller.boundary ? { permissionBoundary: withRef(policies, caller.boundary) } : {}),
    ...(caller.session ? { sessionPolicy: withRef(policies, caller.session) } : {}),
    ...(hasScps ? { scps: scpLevels.map((l) => (l.scps.length > 0 ? l.scps.map((ref) => withRef(policies, ref)) : [FULL_AWS_ACCESS])) } : {}),
    ...(rcpLevels.length > 0 ? { rcps: rcpLevels.map((l) => l.rcps.map((ref) => withRef(policies, ref))) } : {}),
    ...(principalAccount?.managementAccount ? { principalIsManagementAccount: true } : {}),
    ...(owner?.managementAccount ? { resourceIsManagementAccount: true } : {}),
  };
}

function evaluateStep(
  request: EvaluationRequest,
  test: ScenarioTest,
  caller: Caller,
  options: RunOptions,
  label: string,
  kind: TestStep['kind'],
  extra: Record<string, ContextValue>,
): TestStep {
  let derived: string[] = [];
  let effective = request;
  if (test.deriveContext) {
    const result = deriveContext(request);
    const context = result.context;
    derived = [...result.derived];
    const add = contextAdder(context, derived);
    for (const [key, value] of Object.entries(caller.tags)) add(`aws:PrincipalTag/${key}`, value, "a tag of the principal in the scenario");
    for (const [key, value] of Object.entries(extra)) add(key, value, 'the role session name');
    effective = { ...request, context };
  }
  const answer = evaluate(effective, options.isKnownAction ? { isKnownAction: options.isKnownAction } : {});
  return { kind, label, request: effective, answer, derived };
}
