/**
 * Risk analysis of identity policies: which methods of `riskMethods.ts` the policy gives, decided by
 * the evaluator. For each step of a method, a probe request (the step's action on a resource the
 * policy does not name, or on the caller's own user; the method's context keys; the other condition
 * keys set to satisfy the statement that names the action) must be allowed. So a `Deny`, a
 * `NotResource`, a `Resource` that names specific resources, or a condition the method's request
 * cannot meet (an `iam:PassedToService` for another service, an `iam:PolicyARN` that is not
 * AdministratorAccess) rules the method out.
 */
import type { JsonNode, PolicyDocument } from '../document/model';
import type { PolicyKind } from '../document/policyKind';
import { evaluateDecision, statementMayApply, type ContextValue, type EvaluationRequest, type PolicyInput } from '../evaluate';
import { hasWildcard, lowerAscii, matchWildcard } from '../arn/wildcard';
import { ActionSpace, servicesOf } from './actionSpace';
import { satisfyingContext } from './conditions';
import { resourcesForAction } from './examples';
import { RISK_METHODS, type RiskMethod, type RiskStep } from './riskMethods';
import { readPolicyDocument, type AccessPolicy, type AccessStatement } from './statements';
import { isAccountId } from '../principals/principalParse';

/** One method the policy gives. */
export interface RiskResult {
  readonly method: RiskMethod;
  /** Indexes of the statements that allow the method's actions. */
  readonly statements: readonly number[];
  /** The probe request of each step that the evaluator allowed. */
  readonly requests: readonly { readonly action: string; readonly resource: string; readonly context: Readonly<Record<string, ContextValue>> }[];
}

const SELF = 'escalation-probe-self';

function probeAccount(policy: AccessPolicy): string {
  const counts = new Map<string, number>();
  for (const s of policy.statements) for (const r of s.resources?.patterns ?? []) {
    const account = r.split(':')[4];
    if (account && isAccountId(account)) counts.set(account, (counts.get(account) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '111122223333';
}

/** The example resources of an action, per action and account: the same few steps are probed for every policy. */
const anyResources = new Map<string, readonly string[]>();

function probeResources(step: RiskStep, account: string): readonly string[] {
  switch (step.target) {
    case 'self-user':
      return [`arn:aws:iam::${account}:user/${SELF}`, `arn:aws:iam::${account}:user/escalation-probe-other`];
    case 'other-user':
      return [`arn:aws:iam::${account}:user/escalation-probe-other`];
    case 'group':
      return [`arn:aws:iam::${account}:group/escalation-probe-group`];
    case 'role':
      return [`arn:aws:iam::${account}:role/escalation-probe-role`];
    case 'policy':
      return [`arn:aws:iam::${account}:policy/escalation-probe-policy`];
    case 'any': {
      const key = `${step.action}\u0000${account}`;
      let resources = anyResources.get(key);
      if (resources === undefined) {
        resources = resourcesForAction(step.action, account).map((arn) => arn.replace(/example/g, 'escalation-probe'));
        if (anyResources.size > 10_000) anyResources.clear();
        anyResources.set(key, resources);
      }
      return resources;
    }
  }
}

/** The service prefix of an action, lower case: `iam` for `iam:PassRole`. */
function serviceOf(action: string): string {
  return action.slice(0, action.indexOf(':')).toLowerCase();
}

/** Each step's cache key, computed once: the same steps are tried for every policy. */
const stepKeys = new Map<RiskStep, string>();
function stepKey(step: RiskStep): string {
  let key = stepKeys.get(step);
  if (key === undefined) {
    key = `${step.action}\u0000${step.target}\u0000${JSON.stringify(step.context ?? {})}`;
    stepKeys.set(step, key);
  }
  return key;
}

/** The actions method steps need, lower case, per service. */
const STEP_ACTIONS: ReadonlyMap<string, readonly string[]> = (() => {
  const byService = new Map<string, string[]>();
  for (const method of RISK_METHODS) {
    for (const step of method.steps) {
      const action = step.action.toLowerCase();
      const list = byService.get(serviceOf(action)) ?? [];
      if (!list.includes(action)) list.push(action);
      byService.set(serviceOf(action), list);
    }
  }
  return byService;
})();

/** Every step action, lower case. */
const ALL_STEP_ACTIONS: readonly string[] = [...STEP_ACTIONS.values()].flat();

const NO_ACTIONS: readonly string[] = [];

/**
 * The step actions (lower case) an action pattern matches, compared as the evaluator compares them
 * ("IAM JSON policy elements: Action": names are case-insensitive, `*` and `?` are the only
 * wildcards). A pattern whose service prefix has no wildcard can match only actions of that service.
 * Cached per pattern: policies repeat the same action texts.
 */
function stepActionsOf(pattern: string): readonly string[] {
  let hit = stepActionMatches.get(pattern);
  if (hit === undefined) {
    const colon = pattern.indexOf(':');
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    const actions = service.includes('*') || service.includes('?') ? ALL_STEP_ACTIONS : (STEP_ACTIONS.get(service.toLowerCase()) ?? NO_ACTIONS);
    if (hasWildcard(pattern)) hit = actions.filter((action) => matchWildcard(pattern, action, true));
    else {
      // Without a wildcard the match is ASCII case-insensitive equality (step actions are lower case).
      const at = actions.indexOf(lowerAscii(pattern));
      hit = at < 0 ? NO_ACTIONS : [actions[at]!];
    }
    if (hit.length === 0) hit = NO_ACTIONS;
    if (stepActionMatches.size > 20_000) stepActionMatches.clear();
    stepActionMatches.set(pattern, hit);
  }
  return hit;
}

const stepActionMatches = new Map<string, readonly string[]>();

/**
 * Whether an action may start like some step action: one of the steps' services, or a wildcard before
 * the colon. Most actions of most policies fail this test, which costs no map lookup. (Service
 * prefixes are letters, digits and hyphens, which need no escaping in a pattern.)
 */
const STEP_SERVICE_START = new RegExp(`^(?:(?:${[...STEP_ACTIONS.keys()].join('|')}):|[^:]*[*?])`, 'i');

/** Each method's step actions, lower case, for the pre-check of `mayGiveAnyMethod`. */
const METHOD_STEP_ACTIONS: readonly (readonly string[])[] = RISK_METHODS.map((method) => [...new Set(method.steps.map((step) => step.action.toLowerCase()))]);

/**
 * False when no method can be given by the parsed JSON: some step of every method has an action that
 * no statement's `Action` matches (a method needs each of its steps allowed by some `Allow`; the
 * effect is not looked at here, so this only over-approximates). Decided on the JSON tree before the
 * policy is read for the evaluator: most identity policies name no step action, and most of the others
 * name only some steps of each method (an `iam:PassRole` without the action that passes the role).
 * Anything unusual answers true, and the full reading decides: a `NotAction`, an action element that
 * is not a string or a list of strings. Statements that are not objects are refused by the evaluator,
 * so they give nothing.
 */
function mayGiveAnyMethod(root: JsonNode | undefined): boolean {
  if (!root || root.type !== 'object') return true;
  let named: Set<string> | undefined;
  // Indexed loops over the tree, not `for...of` or destructuring: this runs over every statement of
  // every policy linted, mostly before it is optimised, where those go through the iterator
  // protocol; and the optimising compiler's graph of a nest of `for...of` loops is several times larger.
  const properties = root.children ?? NO_NODES;
  for (let p = 0; p < properties.length; p++) {
    const pair = properties[p]!.children;
    const value = pair?.[1];
    if (pair?.[0]?.value !== 'Statement' || !value) continue;
    const statements = value.type === 'array' ? (value.children ?? NO_NODES) : [value];
    for (let s = 0; s < statements.length; s++) {
      const statement = statements[s]!;
      if (statement.type !== 'object') continue;
      const elements = statement.children ?? NO_NODES;
      for (let e = 0; e < elements.length; e++) {
        const element = elements[e]!.children;
        const name = element?.[0]?.value;
        const actions = element?.[1];
        if (name === 'NotAction') return true;
        if (name !== 'Action' || !actions) continue;
        if (actions.type === 'string') {
          named = addStepActions(actions.value as string, named);
          continue;
        }
        if (actions.type !== 'array') return true;
        const list = actions.children ?? NO_NODES;
        for (let a = 0; a < list.length; a++) {
          const action = list[a]!;
          if (action.type !== 'string') return true;
          named = addStepActions(action.value as string, named);
        }
      }
    }
  }
  if (named === undefined) return false;
  const given = named;
  return METHOD_STEP_ACTIONS.some((actions) => actions.every((action) => given.has(action)));
}

const NO_NODES: readonly JsonNode[] = [];

/** Adds the step actions a pattern matches to `named` (created on first use); most actions of most policies fail the service test, which costs no map lookup. */
function addStepActions(pattern: string, named: Set<string> | undefined): Set<string> | undefined {
  if (!STEP_SERVICE_START.test(pattern)) return named;
  const matched = stepActionsOf(pattern);
  if (matched.length === 0) return named;
  const set = named ?? new Set<string>();
  for (let i = 0; i < matched.length; i++) set.add(matched[i]!);
  return set;
}

const NO_STATEMENTS: readonly AccessStatement[] = [];

/**
 * The step actions (lower case) a statement's action patterns match, or undefined when none does.
 * Patterns that cannot start like a step action are passed over without a map lookup.
 */
function stepActionsOfList(patterns: readonly string[]): ReadonlySet<string> | undefined {
  let result: Set<string> | undefined;
  for (let i = 0; i < patterns.length; i++) result = addStepActions(patterns[i]!, result);
  return result;
}

/** Each step's action in lower case, computed once: the same steps are tried for every policy. */
const lowerStepActions = new Map<RiskStep, string>();
function lowerStepAction(step: RiskStep): string {
  let lower = lowerStepActions.get(step);
  if (lower === undefined) {
    lower = step.action.toLowerCase();
    lowerStepActions.set(step, lower);
  }
  return lower;
}

/** Options of the risk analysis. */
export interface RiskOptions {
  /** Limit the analysis to some families. */
  readonly families?: readonly RiskMethod['family'][];
}

/** The methods an identity policy gives. Other kinds grant nothing by themselves and give none. */
export function analyzeRisks(document: PolicyDocument, kind: PolicyKind, options: RiskOptions = {}): RiskResult[] {
  if (kind !== 'identity' || !mayGiveAnyMethod(document.root)) return [];
  const policy = readPolicyDocument(document, kind);
  // Only Allow statements that can match some step's action can give a method; most policies have none.
  // Each one with the step actions its `Action` matches (a `NotAction` is matched per step instead).
  const allows: Array<{ statement: AccessStatement; stepActions: ReadonlySet<string> | undefined }> = [];
  // The step actions some Allow statement's `Action` names, and whether some Allow has a `NotAction`:
  // a step outside both has no candidate statement, which is decided without a look at each statement.
  const named = new Set<string>();
  let anyNotAction = false;
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    if (statement.actions.not) {
      allows.push({ statement, stepActions: undefined });
      anyNotAction = true;
      continue;
    }
    const stepActions = stepActionsOfList(statement.actions.patterns);
    if (stepActions === undefined) continue;
    allows.push({ statement, stepActions });
    for (const action of stepActions) named.add(action);
  }
  if (allows.length === 0) return [];
  const account = probeAccount(policy);
  const principal = `arn:aws:iam::${account}:user/${SELF}`;
  // The resource side leaves the decision to the account's own policies, as most resources do.
  const delegate: PolicyInput = { id: 'delegate', document: { Statement: [{ Effect: 'Allow', Principal: { AWS: account }, Action: '*', Resource: '*' }] } };
  // The question about a step's action is asked of the statements that can match its service (and
  // of the unreadable ones, which the evaluator refuses itself): a statement whose action cannot
  // match does not apply, so the decision is the same, and large policies are evaluated much faster.
  const raw = policy.json?.['Statement'];
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const inputs = new Map<string, { input: PolicyInput; indexes: number[] }>();
  // The services each readable statement's actions may name, by index, computed when a step first needs a policy.
  let servicesByIndex: Map<number, ReadonlySet<string> | 'all'> | undefined;
  const inputFor = (service: string) => {
    let entry = inputs.get(service);
    if (entry === undefined) {
      if (servicesByIndex === undefined) {
        servicesByIndex = new Map();
        for (const statement of policy.statements) servicesByIndex.set(statement.index, servicesOf(statement.actions));
      }
      const indexes: number[] = [];
      for (let index = 0; index < list.length; index++) {
        // Unreadable statements have no entry and stay in, like statements that may match any service.
        const services = servicesByIndex.get(index);
        if (services === undefined || services === 'all' || services.has(service)) indexes.push(index);
      }
      entry = { input: { id: 'policy', document: policy.json ? { ...policy.json, Statement: indexes.map((index) => list[index]) } : policy.json }, indexes };
      inputs.set(service, entry);
    }
    return entry;
  };
  const stepCache = new Map<string, { statements: number[]; request: RiskResult['requests'][number] } | null>();

  /** The Allow statements whose action may match a step's action, per action. */
  const candidateCache = new Map<string, readonly AccessStatement[]>();
  const candidatesOf = (step: RiskStep): readonly AccessStatement[] => {
    let candidates = candidateCache.get(step.action);
    if (candidates === undefined) {
      const action = lowerStepAction(step);
      candidates = NO_STATEMENTS;
      if (anyNotAction || named.has(action)) {
        const found: AccessStatement[] = [];
        for (let i = 0; i < allows.length; i++) {
          const s = allows[i]!;
          if (s.stepActions ? s.stepActions.has(action) : ActionSpace.matches(s.statement.actions, step.action)) found.push(s.statement);
        }
        if (found.length > 0) candidates = found;
      }
      candidateCache.set(step.action, candidates);
    }
    return candidates;
  };

  const tryStep = (step: RiskStep) => {
    const key = stepKey(step);
    const cached = stepCache.get(key);
    if (cached !== undefined) return cached;
    const candidates = candidatesOf(step);
    // The policy of the service is built only when some statement may allow the step.
    const found = candidates.length > 0 ? firstAllowed(step, candidates, inputFor(serviceOf(step.action))) : null;
    stepCache.set(key, found);
    return found;
  };

  /** The first probe request of a step that the evaluator allows, trying the candidate statements in order. */
  const firstAllowed = (step: RiskStep, candidates: readonly AccessStatement[], { input, indexes }: { input: PolicyInput; indexes: number[] }) => {
    // The evaluator allows a probe only through an identity-policy `Allow` that matches its action,
    // its resource and its context (the delegating resource policy grants nothing by itself). When
    // each statement could be read, the candidates are every such statement, and each probe's
    // context has the step's fixed keys: a probe resource that no candidate may apply to
    // (`statementMayApply`) is denied whatever the rest of the context, so it is not asked about.
    const fixed: Record<string, ContextValue> = { 'aws:username': SELF, ...(step.context ?? {}) };
    const resources = probeResources(step, account).filter((resource) => policy.unreadable.length > 0 || candidates.some((statement) => statementMayApply(statement.json, resource, fixed)));
    if (resources.length === 0) return null;
    for (const statement of candidates) {
      const context = satisfyingContext(statement.conditions, fixed, (raw) => (raw.split(',')[0]!.trim().toLowerCase() === 'aws:username' ? SELF : 'example'));
      if (!context) continue;
      for (const resource of resources) {
        const request: EvaluationRequest = { principal, action: step.action, resource, context, identityPolicies: [input], resourceAccount: account, principalAccount: account, resourcePolicy: delegate };
        const answer = evaluateDecision(request);
        if (answer.decision === 'Allow') {
          return { statements: answer.reasons.filter((r) => r.policyRole === 'identity').map((r) => indexes[r.statementIndex]!), request: { action: step.action, resource, context } };
        }
      }
    }
    return null;
  };

  const results: RiskResult[] = [];
  for (const method of RISK_METHODS) {
    if (options.families && !options.families.includes(method.family)) continue;
    const statements = new Set<number>();
    const requests: RiskResult['requests'][number][] = [];
    // A step that no Allow statement names cannot be allowed: then the evaluator is not asked about the method's other steps.
    if (method.steps.some((step) => candidatesOf(step).length === 0)) continue;
    let given = true;
    for (const step of method.steps) {
      const found = tryStep(step);
      if (!found) {
        given = false;
        break;
      }
      for (const s of found.statements) statements.add(s);
      requests.push(found.request);
    }
    if (given) results.push({ method, statements: [...statements].sort((a, b) => a - b), requests });
  }
  return results;
}
