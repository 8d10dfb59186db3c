/**
 * What a statement's actions accept: the resource types and condition keys of the actions it names,
 * wildcards expanded through the catalog. Results are cached by the action list, so typing in a
 * Resource or Condition of a 500-statement document does not expand the same patterns again.
 */
import { expandActionPattern, resourceType } from '../catalog/catalog';
import type { ActionInfo, ResourceTypeInfo } from '../catalog/types';
import type { Statement } from '../document/model';

/** A resource type with the statement's actions that accept it. */
export interface AcceptedResourceType {
  readonly info: ResourceTypeInfo;
  readonly actions: readonly ActionInfo[];
  /** How many of those actions require this resource type (marked `*` in the reference). */
  readonly required: number;
}

/** What the statement's `Action` element covers. */
export interface StatementActions {
  /** The actions named (wildcards expanded); empty when there is no Action element or it is `*`. */
  readonly actions: readonly ActionInfo[];
  /** True when the actions are all actions (`*`) or too many to narrow anything down. */
  readonly unbounded: boolean;
  /** Service prefixes named by the actions (lower case). */
  readonly services: readonly string[];
  readonly resourceTypes: readonly AcceptedResourceType[];
  /** Condition keys (as documented, templates included) → how many of the actions support them. */
  readonly conditionKeys: ReadonlyMap<string, number>;
}

/** Beyond this many actions, the statement does not narrow suggestions by action any more. */
const MAX_ACTIONS = 3000;
const CACHE_LIMIT = 64;
const cache = new Map<string, StatementActions>();

const EMPTY: StatementActions = { actions: [], unbounded: true, services: [], resourceTypes: [], conditionKeys: new Map() };

/** The actions of a statement and what they accept. `NotAction` statements are unbounded. */
export function statementActions(statement: Statement | undefined): StatementActions {
  const patterns = statement?.action?.values.map((v) => v.value).filter((v) => v.length > 0) ?? [];
  if (patterns.length === 0) return EMPTY;
  const cacheKey = patterns.join('\n').toLowerCase();
  const hit = cache.get(cacheKey);
  if (hit) return hit;

  const actions = new Map<string, ActionInfo>();
  let unbounded = false;
  for (const pattern of patterns) {
    if (pattern === '*' || !pattern.includes(':') || pattern.indexOf(':') === 0) {
      unbounded = pattern === '*' || unbounded;
      continue;
    }
    for (const a of expandActionPattern(pattern)) {
      actions.set(a.fullName, a);
      if (actions.size > MAX_ACTIONS) break;
    }
    if (actions.size > MAX_ACTIONS) {
      unbounded = true;
      break;
    }
  }
  const list = [...actions.values()];
  const services = [...new Set(list.map((a) => a.service.toLowerCase()))];
  const byType = new Map<string, { info: ResourceTypeInfo; actions: ActionInfo[]; required: number }>();
  const keys = new Map<string, number>();
  for (const a of list) {
    const own = new Set<string>(a.conditionKeys);
    for (const rt of a.resourceTypes) {
      const info = resourceType(a.service, rt.name);
      for (const k of rt.conditionKeys) own.add(k);
      if (!info) continue;
      for (const k of info.conditionKeys) own.add(k);
      const key = `${a.service}:${info.name}`;
      let entry = byType.get(key);
      if (!entry) byType.set(key, (entry = { info, actions: [], required: 0 }));
      entry.actions.push(a);
      if (rt.required) entry.required++;
    }
    for (const k of own) keys.set(k, (keys.get(k) ?? 0) + 1);
  }
  const result: StatementActions = {
    actions: list,
    unbounded: unbounded || list.length === 0,
    services,
    resourceTypes: [...byType.values()].sort((x, y) => y.required - x.required || y.actions.length - x.actions.length),
    conditionKeys: keys,
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, result);
  return result;
}
