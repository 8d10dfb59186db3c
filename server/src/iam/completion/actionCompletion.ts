/**
 * Completion of `Action` / `NotAction` values: service prefixes (with the service name) until a colon
 * is typed, then that service's actions and useful wildcards (`s3:Get*` with how many actions it
 * covers, `s3:*`). Matching is case-insensitive, as IAM compares action names. Only the typed
 * service's actions are examined, never all 22,000, and per-service wildcard groups are cached.
 */
import { actionsOf, service, services } from '../catalog/catalog';
import type { AccessLevel, ActionInfo, ServiceInfo } from '../catalog/types';
import { TRUST_POLICY_ACTIONS, type PolicyKind } from '../document/policyKind';
import { matchRank, type RankedCandidate } from './candidate';
import type { CompletionContext } from './completionContext';

/** Services most policies use, offered first before anything is typed. */
const COMMON_SERVICES = [
  's3', 'ec2', 'iam', 'sts', 'lambda', 'dynamodb', 'kms', 'logs', 'cloudwatch', 'sqs', 'sns', 'secretsmanager',
  'ssm', 'ecr', 'ecs', 'eks', 'cloudformation', 'events', 'states', 'apigateway', 'rds', 'glue', 'athena',
];
const COMMON_RANK = new Map(COMMON_SERVICES.map((prefix, index) => [prefix, index]));

/** A wildcard over actions that share a leading verb, e.g. `Get*`. */
interface VerbGroup {
  /** The verb in documented case, e.g. `Get`. */
  readonly verb: string;
  readonly actions: readonly ActionInfo[];
}

const verbCache = new Map<string, readonly VerbGroup[]>();

/** The leading verb of an action name: its first capitalised word (`GetObject` → `Get`). */
function verbOf(name: string): string {
  let end = 1;
  while (end < name.length) {
    const c = name.charCodeAt(end);
    if (c >= 65 && c <= 90) break;
    end++;
  }
  return name.slice(0, end);
}

/** The verb groups of a service with at least two actions each, cached per service. */
function verbGroups(prefix: string): readonly VerbGroup[] {
  const key = prefix.toLowerCase();
  let groups = verbCache.get(key);
  if (!groups) {
    const byVerb = new Map<string, ActionInfo[]>();
    for (const a of actionsOf(prefix)) {
      const verb = verbOf(a.name);
      let list = byVerb.get(verb);
      if (!list) byVerb.set(verb, (list = []));
      list.push(a);
    }
    groups = [...byVerb.entries()].filter(([, list]) => list.length >= 2).map(([verb, actions]) => ({ verb, actions }));
    verbCache.set(key, groups);
  }
  return groups;
}

/** Counts actions by access level. */
export function countByLevel(actions: readonly ActionInfo[]): Partial<Record<AccessLevel, number>> {
  const result: Partial<Record<AccessLevel, number>> = {};
  for (const a of actions) result[a.accessLevel] = (result[a.accessLevel] ?? 0) + 1;
  return result;
}

function serviceCandidate(info: ServiceInfo, tier: number, priority: number): RankedCandidate {
  return {
    label: info.prefix,
    info: { kind: 'service', service: info, actionCount: actionsOf(info.prefix).length },
    body: `${info.prefix}:$0`,
    snippet: true,
    tier,
    priority,
    filter: `${info.prefix}:`,
    retrigger: true,
  };
}

function actionCandidate(a: ActionInfo, tier: number, priority: number): RankedCandidate {
  return { label: a.fullName, info: { kind: 'action', action: a }, body: a.fullName, snippet: false, tier, priority };
}

function wildcardCandidate(pattern: string, actions: readonly ActionInfo[], info: ServiceInfo | undefined, tier: number, priority: number): RankedCandidate {
  return {
    label: pattern,
    info: { kind: 'actionWildcard', pattern, count: actions.length, byLevel: countByLevel(actions), service: info },
    body: pattern,
    snippet: false,
    tier,
    priority,
  };
}

/** Candidates for an `Action` / `NotAction` value. */
export function actionCandidates(context: CompletionContext, kind: PolicyKind | undefined): RankedCandidate[] {
  const partial = context.partial.toLowerCase();
  const result: RankedCandidate[] = [];
  const present = new Set<string>();
  const list = context.element === 'NotAction' ? context.statement?.notAction : context.statement?.action;
  for (const v of list?.values ?? []) if (v.span.offset !== context.token.offset) present.add(v.value.toLowerCase());

  // In a role trust policy the assume-role actions are what belongs there: offer them first.
  if (kind === 'trust') {
    TRUST_POLICY_ACTIONS.forEach((fullName, index) => {
      const lower = fullName.toLowerCase();
      if (present.has(lower)) return;
      const rank = matchRank(lower, partial) >= 0 ? matchRank(lower, partial) : matchRank(lower.slice(4), partial);
      if (rank < 0) return;
      result.push({ label: fullName, info: actionInfoOrValue(fullName), body: fullName, snippet: false, tier: 0, priority: -100 + index });
    });
  }

  const colon = partial.indexOf(':');
  if (colon < 0) {
    if (matchRank('*', partial) === 0 && !present.has('*')) {
      result.push({ label: '*', info: { kind: 'actionWildcard', pattern: '*', count: -1, byLevel: {} }, body: '*', snippet: false, tier: 0, priority: -5 });
    }
    for (const info of services()) {
      const prefix = info.prefix.toLowerCase();
      let tier = matchRank(prefix, partial);
      if (tier < 0 && partial.length >= 2 && info.name.toLowerCase().includes(partial)) tier = 1;
      if (tier < 0) continue;
      const common = COMMON_RANK.get(prefix);
      const priority = prefix === partial ? -50 : common !== undefined && partial.length === 0 ? common - 40 : 0;
      result.push(serviceCandidate(info, tier, priority));
    }
    return result;
  }

  const servicePart = partial.slice(0, colon);
  const namePart = partial.slice(colon + 1);
  const info = service(servicePart);
  if (!info) {
    // An unknown service: offer the services whose prefix starts like it.
    for (const s of services()) {
      if (s.prefix.startsWith(servicePart) && servicePart.length > 0) result.push({ ...serviceCandidate(s, 2, 0) });
    }
    return result;
  }
  const actions = actionsOf(info.prefix);
  const serviceWildcard = `${info.prefix}:*`;
  if (!present.has(serviceWildcard) && (namePart.length === 0 || namePart === '*')) {
    result.push(wildcardCandidate(serviceWildcard, actions, info, 0, -20));
  }
  for (const group of verbGroups(info.prefix)) {
    const pattern = `${info.prefix}:${group.verb}*`;
    if (present.has(pattern.toLowerCase())) continue;
    const verbLower = group.verb.toLowerCase();
    if (namePart.length > 0 && !verbLower.startsWith(namePart) && !(namePart.startsWith(verbLower) && namePart.length === verbLower.length + 1 && namePart.endsWith('*'))) continue;
    result.push(wildcardCandidate(pattern, group.actions, info, 0, verbLower === namePart || `${verbLower}*` === namePart ? -15 : 500));
  }
  let prefixMatches = 0;
  let firstPrefixMatch: ActionInfo | undefined;
  for (const a of actions) {
    const lower = a.name.toLowerCase();
    if (present.has(`${info.prefix}:${lower}`)) continue;
    let tier: number;
    if (lower.startsWith(namePart)) {
      tier = 0;
      prefixMatches++;
      firstPrefixMatch ??= a;
    } else if (namePart.length > 0 && lower.includes(namePart)) tier = 1;
    else continue;
    result.push(actionCandidate(a, tier, 0));
  }
  // A wildcard over exactly what was typed, when it covers several actions and is not a verb group.
  if (firstPrefixMatch && prefixMatches >= 2 && namePart.length > 0 && !namePart.includes('*')) {
    const stem = firstPrefixMatch.name.slice(0, namePart.length);
    if (verbOf(firstPrefixMatch.name).toLowerCase() !== namePart) {
      const pattern = `${info.prefix}:${stem}*`;
      const covered = actions.filter((a) => a.name.toLowerCase().startsWith(namePart));
      if (!present.has(pattern.toLowerCase())) result.push(wildcardCandidate(pattern, covered, info, 0, -10));
    }
  }
  return result;
}

function actionInfoOrValue(fullName: string): RankedCandidate['info'] {
  const colon = fullName.indexOf(':');
  const a = actionsOf(fullName.slice(0, colon)).find((x) => x.fullName.toLowerCase() === fullName.toLowerCase());
  return a ? { kind: 'action', action: a } : { kind: 'value', element: 'Action', value: fullName };
}
