/**
 * The policy summary model: what a policy grants and denies, per service and access level, in the
 * spirit of the IAM console's policy summary. Allow and Deny are kept apart; `*` and `NotAction` make
 * an "all services (except ...)" entry, and the services a `NotAction` names get "all except N".
 * Pure: no wording beyond data; the service layer renders it.
 */
import { actionsOf, expandActionPattern, service } from '../catalog/catalog';
import type { AccessLevel, ActionInfo } from '../catalog/types';
import type { PolicyDocument, Statement } from '../document/model';

/** Access levels in the order the reference lists them. */
export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** How much of one access level of a service is covered. */
export interface LevelAccess {
  readonly level: AccessLevel;
  /** Actions of this level covered by the policy. */
  readonly granted: number;
  /** Actions of this level that the service has. */
  readonly total: number;
}

/** One condition as written: `StringEquals aws:SourceVpc: vpc-1, vpc-2`. */
export interface ConditionText {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** The access of one effect to one service. */
export interface ServiceAccess {
  readonly prefix: string;
  /** The service's display name, or the prefix for unknown services. */
  readonly name: string;
  /** Actions covered (for "all except" entries: the service's actions minus the excluded ones). */
  readonly actionCount: number;
  /** Actions the service has. */
  readonly totalActions: number;
  /** True when every action of the service is covered. */
  readonly full: boolean;
  /** Per access level, only the levels with at least one covered action. */
  readonly levels: readonly LevelAccess[];
  /** When the access comes from `NotAction`: the excluded patterns of this service, as written. */
  readonly except?: readonly string[];
  /** Resources of the contributing statements as written; `NotResource` entries are prefixed `not `. */
  readonly resources: readonly string[];
  readonly conditions: readonly ConditionText[];
  /** Indexes of the contributing statements. */
  readonly statements: readonly number[];
}

/** Access to every service: from `"Action": "*"` or a `NotAction` statement. */
export interface AllServicesAccess {
  /** Excluded action patterns (empty for `*`). */
  readonly except: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: readonly ConditionText[];
  readonly statements: readonly number[];
}

/** What one effect covers. */
export interface EffectSummary {
  readonly services: readonly ServiceAccess[];
  readonly allServices?: AllServicesAccess;
}

/** The whole summary. */
export interface PolicySummary {
  readonly statementCount: number;
  readonly allow: EffectSummary;
  readonly deny: EffectSummary;
  /** Action entries that match no known action (typos, services newer than the catalog). */
  readonly unknownActions: readonly string[];
}

interface ServiceBuilder {
  actions: Map<string, ActionInfo>;
  except?: Set<string>;
  exceptPatterns?: Set<string>;
  resources: Set<string>;
  conditions: ConditionText[];
  conditionKeys: Set<string>;
  statements: Set<number>;
}

interface EffectBuilder {
  services: Map<string, ServiceBuilder>;
  all?: { except: Set<string>; resources: Set<string>; conditions: ConditionText[]; conditionKeys: Set<string>; statements: Set<number> };
}

function conditionsOf(statement: Statement): ConditionText[] {
  const result: ConditionText[] = [];
  for (const op of statement.condition?.operators ?? []) {
    for (const key of op.keys) result.push({ operator: op.operator, key: key.key, values: key.values.map((v) => String(v.value)) });
  }
  return result;
}

function resourcesOf(statement: Statement): string[] {
  const result: string[] = [];
  for (const v of statement.resource?.values ?? []) result.push(v.value);
  for (const v of statement.notResource?.values ?? []) result.push(`not ${v.value}`);
  return result;
}

function addConditions(target: { conditions: ConditionText[]; conditionKeys: Set<string> }, conditions: readonly ConditionText[]): void {
  for (const c of conditions) {
    const key = `${c.operator}\u0000${c.key}\u0000${c.values.join('\u0000')}`;
    if (target.conditionKeys.has(key)) continue;
    target.conditionKeys.add(key);
    target.conditions.push(c);
  }
}

function builderFor(effect: EffectBuilder, prefix: string): ServiceBuilder {
  const key = prefix.toLowerCase();
  let b = effect.services.get(key);
  if (!b) effect.services.set(key, (b = { actions: new Map(), resources: new Set(), conditions: [], conditionKeys: new Set(), statements: new Set() }));
  return b;
}

function levelsOf(prefix: string, covered: (a: ActionInfo) => boolean): { levels: LevelAccess[]; count: number; total: number } {
  const all = actionsOf(prefix);
  const totals = new Map<AccessLevel, number>();
  const granted = new Map<AccessLevel, number>();
  let count = 0;
  for (const a of all) {
    totals.set(a.accessLevel, (totals.get(a.accessLevel) ?? 0) + 1);
    if (covered(a)) {
      granted.set(a.accessLevel, (granted.get(a.accessLevel) ?? 0) + 1);
      count++;
    }
  }
  const levels = ACCESS_LEVELS.filter((l) => (granted.get(l) ?? 0) > 0).map((level) => ({ level, granted: granted.get(level)!, total: totals.get(level)! }));
  return { levels, count, total: all.length };
}

function finishEffect(effect: EffectBuilder): EffectSummary {
  const services: ServiceAccess[] = [];
  for (const [prefix, b] of effect.services) {
    const info = service(prefix);
    const except = b.except;
    const covered = (a: ActionInfo) => b.actions.has(a.fullName) || (except !== undefined && !except.has(a.fullName));
    const { levels, count, total } = levelsOf(prefix, covered);
    // A service that a NotAction excludes entirely is not covered at all.
    if (count === 0 && except) continue;
    services.push({
      prefix: info?.prefix ?? prefix,
      name: info?.name ?? prefix,
      actionCount: count,
      totalActions: total,
      full: total > 0 && count === total,
      levels,
      except: b.exceptPatterns ? [...b.exceptPatterns] : undefined,
      resources: [...b.resources],
      conditions: b.conditions,
      statements: [...b.statements].sort((x, y) => x - y),
    });
  }
  services.sort((a, b) => Number(b.full) - Number(a.full) || b.actionCount - a.actionCount || a.prefix.localeCompare(b.prefix));
  const all = effect.all
    ? { except: [...effect.all.except], resources: [...effect.all.resources], conditions: effect.all.conditions, statements: [...effect.all.statements].sort((x, y) => x - y) }
    : undefined;
  return { services, allServices: all };
}

/** Summarises a parsed policy. Never throws. */
export function summarizePolicy(document: PolicyDocument): PolicySummary {
  const allow: EffectBuilder = { services: new Map() };
  const deny: EffectBuilder = { services: new Map() };
  const unknown = new Set<string>();
  for (const statement of document.statements) {
    const effectValue = statement.effect?.value?.value;
    const effect = effectValue === 'Allow' ? allow : effectValue === 'Deny' ? deny : undefined;
    if (!effect) continue;
    const resources = resourcesOf(statement);
    const conditions = conditionsOf(statement);
    const touch = (b: { resources: Set<string>; conditions: ConditionText[]; conditionKeys: Set<string>; statements: Set<number> }) => {
      for (const r of resources) b.resources.add(r);
      addConditions(b, conditions);
      b.statements.add(statement.index);
    };

    if (statement.notAction) {
      const patterns = statement.notAction.values.map((v) => v.value);
      effect.all ??= { except: new Set(), resources: new Set(), conditions: [], conditionKeys: new Set(), statements: new Set() };
      for (const p of patterns) effect.all.except.add(p);
      touch(effect.all);
      // The services the NotAction names are covered "all except" their excluded actions.
      for (const p of patterns) {
        const matched = expandActionPattern(p);
        if (matched.length === 0 && p !== '*') unknown.add(p);
        for (const a of matched) {
          const b = builderFor(effect, a.service);
          b.except ??= new Set();
          b.except.add(a.fullName);
          b.exceptPatterns ??= new Set();
          b.exceptPatterns.add(p);
          touch(b);
        }
      }
      continue;
    }
    for (const v of statement.action?.values ?? []) {
      const pattern = v.value;
      if (pattern === '*') {
        effect.all ??= { except: new Set(), resources: new Set(), conditions: [], conditionKeys: new Set(), statements: new Set() };
        touch(effect.all);
        continue;
      }
      const matched = expandActionPattern(pattern);
      if (matched.length === 0) {
        unknown.add(pattern);
        continue;
      }
      for (const a of matched) {
        const b = builderFor(effect, a.service);
        b.actions.set(a.fullName, a);
        touch(b);
      }
    }
  }
  return { statementCount: document.statements.length, allow: finishEffect(allow), deny: finishEffect(deny), unknownActions: [...unknown] };
}
