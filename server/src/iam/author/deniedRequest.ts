/**
 * From a parsed AccessDenied message to the request to simulate: the action in its documented case,
 * the resource as an ARN, and (with a scenario) the caller's policies, boundary, SCPs and the
 * resource's policy as the scenario defines them. Shared by `iam-policy explain-denied` and the
 * editor's *Explain access denied…* command, so both simulate the same request.
 */
import { action as catalogAction } from '../catalog/catalog';
import { managedPolicyReference } from '../catalog/managedPolicies';
import type { EvaluationRequest, PolicyInput } from '../evaluate/types';
import { isTemplateReference, resolvePrincipal, runTest, scenarioWithTemplates, splitTemplateReference, type PolicyRef, type PolicySet, type Scenario, type ScenarioTest } from '../scenario/index';
import type { AccessDeniedMessage } from './accessDenied';
import { arnForNamedResource } from './explainDenied';
import { newInlinePolicyPointer } from './templateFixEdits';
import { deploymentOf, readScenarioTemplate } from '../scenario/scenarioTemplates';
import type { TemplateDeployment } from '../scenario/scenarioModel';

/** The message with the action's documented case, the resource to simulate on, and notes on what was assumed. */
export function normalizeDenied(message: AccessDeniedMessage): { message: AccessDeniedMessage; resource: string; notes: string[] } {
  const notes: string[] = [];
  let parsed = message;
  // The documented case of the action (messages of some services print it in lower case).
  const canonical = catalogAction(parsed.action)?.fullName;
  if (!canonical) notes.push(`\`${parsed.action}\` is not an action of the bundled IAM data.`);
  else parsed = { ...parsed, action: canonical };
  let resource = parsed.resource ?? '*';
  if (resource !== '*' && !resource.startsWith('arn:')) {
    const arn = arnForNamedResource(parsed.action, resource, parsed.principal);
    notes.push(arn ? `The message names the resource \`${resource}\`, not its ARN; it was simulated as \`${arn}\`.` : `The message names the resource \`${resource}\`, not its ARN; replace it with the ARN in the fix.`);
    if (arn) resource = arn;
  }
  return { message: parsed, resource, notes };
}

/** The role ARN a role session acts as (`assumed-role/Role/session` → `role/Role`), or the principal itself. */
function callerOf(principal: string): { arn: string; session: boolean } {
  const sessionOf = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  return sessionOf ? { arn: `arn:${sessionOf[1]}:iam::${sessionOf[2]}:role/${sessionOf[3]}`, session: true } : { arn: principal, session: false };
}

/** Whether a scenario defines the message's caller as one of its users or roles (a session by its role). */
export function scenarioDefinesCaller(scenario: Scenario, principal: string): boolean {
  const resolved = resolvePrincipal(scenario, callerOf(principal).arn);
  return 'kind' in resolved && resolved.kind !== 'external';
}

const ZERO = { offset: 0, length: 0 };

/**
 * The scenario without the policies it cannot read that the user did not name: AWS managed policies
 * (by ARN) that the bundled data does not have (AWS adds them after the data was taken), and what a
 * template attaches that is not there (a `!Ref` to a resource it does not define); each with a note.
 * A policy test fails on such a reference; an explanation goes on without it and says so.
 */
function withoutUnreadable(scenario: Scenario, policies: PolicySet, notes: string[]): Scenario {
  const strip = <T extends { readonly policies: readonly PolicyRef[]; readonly template?: { readonly span: unknown } }>(principal: T): T => {
    const kept = principal.policies.filter((ref) => {
      if (ref.kind !== 'file') return true;
      const managed = managedPolicyReference(ref.path)?.isArn === true;
      const fromTemplate = principal.template !== undefined && ref.span === principal.template.span;
      if (!managed && !fromTemplate) return true;
      const error = policies.resolve(ref).error;
      if (!error) return true;
      notes.push(managed ? `\`${ref.path}\` is not an AWS managed policy of the bundled IAM data: it was simulated without it, so what it allows is not seen.` : `The template attaches \`${ref.path}\`, which cannot be read (${error}): it was simulated without it.`);
      return false;
    });
    return kept.length === principal.policies.length ? principal : { ...principal, policies: kept };
  };
  return { ...scenario, roles: scenario.roles.map(strip), users: scenario.users.map(strip), groups: scenario.groups.map(strip) };
}

/** The pointers of a template's SAM policy templates (`- S3ReadPolicy: {...}`), read once per text. */
function samPolicyTemplates(file: string, text: string, read: Map<string, ReadonlySet<string>>): ReadonlySet<string> {
  if (/\.tf$/i.test(file)) return new Set();
  let pointers = read.get(text);
  if (!pointers) read.set(text, (pointers = new Set((readScenarioTemplate(text)?.references ?? []).filter((reference) => reference.type === 'sam-template').map((reference) => reference.pointer))));
  return pointers;
}

/** A policy that a fix may edit: the text of its file and, for a policy in a template, where it is there. */
export interface FixTarget {
  readonly text: string;
  /**
   * Where the policy is in a template; for the target of a new policy (`new-policy`), where the new
   * inline policy of `owner` (the caller's role or user, by logical id or Terraform address) goes.
   */
  readonly template?: { readonly file: string; readonly pointer: string; readonly deployment?: TemplateDeployment; readonly owner?: string };
}

/**
 * The request of the message with the policies of a scenario, built by running it as a test, and
 * the policy files and template policies (not inline policies) that can take text edits, by
 * evaluator id. A string says why the scenario cannot simulate it. `from` says, in notes, whether
 * the scenario was written or taken from a template (`templateCallerScenario`).
 */
export function scenarioDenialRequest(scenario: Scenario, policies: PolicySet, message: AccessDeniedMessage, resource: string, notes: string[], from: 'scenario' | 'template' = 'scenario'): { request: EvaluationRequest; texts: Map<string, FixTarget>; fixedPolicies: Set<string> } | string {
  // A role session acts as its role: the scenario knows the role, not the session.
  const caller = callerOf(message.principal);
  const known = scenarioDefinesCaller(scenario, message.principal);
  if (!known) notes.push(`The ${from} defines no user or role \`${caller.arn}\`: the caller was simulated without identity-based policies.`);
  const test: ScenarioTest = {
    index: scenario.tests.length,
    name: 'access denied',
    principal: { value: known ? caller.arn : message.principal, span: ZERO },
    action: { value: message.action, span: ZERO },
    resource: { value: resource, span: ZERO },
    context: message.context ?? {},
    deriveContext: true,
    assumeRole: [],
    expect: { value: 'Allow', span: ZERO },
    span: ZERO,
    broken: false,
  };
  // A role taken from a template has the policies the template attaches to it.
  const result = runTest(withoutUnreadable(scenarioWithTemplates(scenario, policies), policies, notes), test, policies, { isKnownAction: (name) => catalogAction(name) !== undefined });
  const step = result.steps[result.steps.length - 1];
  if (!step) return `the scenario cannot simulate the request: ${result.error ?? 'unknown error'}`;
  const texts = new Map<string, FixTarget>();
  const fixedPolicies = new Set<string>();
  const samTemplates = new Map<string, ReadonlySet<string>>();
  for (const input of [...(step.request.identityPolicies ?? []), step.request.resourcePolicy].filter((p): p is PolicyInput => p !== undefined)) {
    const resolved = policies.byId(input.id);
    if (resolved?.named) fixedPolicies.add(input.id);
    if (resolved?.text === undefined || resolved.ref.kind !== 'file' || resolved.error) continue;
    const reference = isTemplateReference(resolved.ref.path) ? splitTemplateReference(resolved.ref.path) : undefined;
    // A SAM policy template is SAM's to define: like an AWS managed policy, a fix does not edit it.
    if (reference && samPolicyTemplates(reference.file, resolved.text, samTemplates).has(reference.rest)) fixedPolicies.add(input.id);
    else if (reference) texts.set(input.id, { text: resolved.text, template: { file: reference.file, pointer: reference.rest, ...(resolved.ref.templateDeployment ? { deployment: resolved.ref.templateDeployment } : {}) } });
    else if (!input.id.includes('#')) texts.set(input.id, { text: resolved.text });
  }
  // A caller taken from a template: a new policy can be its new inline policy there.
  const expanded = scenarioWithTemplates(scenario, policies);
  const principal = known ? resolvePrincipal(expanded, caller.arn) : undefined;
  const owner = principal && 'kind' in principal ? (principal.kind === 'role' ? principal.role.template : principal.kind === 'user' ? principal.user.template : undefined) : undefined;
  const place = owner ? splitTemplateReference(owner.value) : undefined;
  if (place) {
    const read = policies.readFile(place.file);
    const pointer = 'text' in read ? newInlinePolicyPointer(place.file, read.text, place.rest) : undefined;
    const account = principal && 'kind' in principal ? (principal.kind === 'role' ? principal.role.account : principal.kind === 'user' ? principal.user.account : undefined) : undefined;
    const deployment = deploymentOf(scenario, place.file, account);
    if ('text' in read && pointer) texts.set('new-policy', { text: read.text, template: { file: place.file, pointer, owner: place.rest, ...(deployment ? { deployment } : {}) } });
  }
  // The message's own session ARN is the caller, so that policies naming the session match it.
  return { request: { ...step.request, principal: caller.session ? message.principal : step.request.principal }, texts, fixedPolicies };
}
