/**
 * Which actions a condition key applies to, per the Service Authorization Reference: a key applies
 * to an action when the action's row or one of its resource types lists it. Unlike
 * `actionSupportsConditionKey` in the catalog, global keys are not taken as supported everywhere,
 * because the tag keys (`aws:ResourceTag/${TagKey}`) are listed per action and resource type.
 *
 * Every answer is cached: patterns to their expansion, and (action, key template) to support, so
 * a policy with `"Action": "*"` costs one scan of the catalog per key, once per process.
 */
import { expandActionPattern, resourceType } from '../../../catalog/catalog';
import type { ActionInfo } from '../../../catalog/types';
import { matchWildcard } from '../../../arn/wildcard';

const expansionCache = new Map<string, readonly ActionInfo[]>();

/** The actions an `Action` entry names (wildcards expanded, case-insensitive). */
export function actionsOfPattern(pattern: string): readonly ActionInfo[] {
  const lower = pattern.toLowerCase();
  let actions = expansionCache.get(lower);
  if (!actions) {
    actions = expandActionPattern(pattern);
    if (expansionCache.size > 5000) expansionCache.clear();
    expansionCache.set(lower, actions);
  }
  return actions;
}

/** Turns a documented key (template or not) into a case-insensitive wildcard pattern. */
function patternOf(documented: string): string {
  return documented.replace(/\$\{[^}]*\}|<[^>]*>/g, '?*');
}

const patternCache = new Map<string, string>();
function cachedPattern(documented: string): string {
  let pattern = patternCache.get(documented);
  if (pattern === undefined) {
    pattern = patternOf(documented);
    patternCache.set(documented, pattern);
  }
  return pattern;
}

function listed(keys: readonly string[], key: string): boolean {
  for (const documented of keys) {
    if (documented.length === key.length && documented.toLowerCase() === key.toLowerCase()) return true;
    if ((documented.includes('${') || documented.includes('<')) && matchWildcard(cachedPattern(documented), key, true)) return true;
  }
  return false;
}

const supportCache = new Map<string, boolean>();

/** Whether the reference lists `key` (a concrete key such as `aws:ResourceTag/team`) for `action`. */
export function actionListsKey(action: ActionInfo, key: string): boolean {
  const cacheKey = `${action.fullName}\n${key.toLowerCase()}`;
  let result = supportCache.get(cacheKey);
  if (result === undefined) {
    result = listed(action.conditionKeys, key);
    for (const rt of action.resourceTypes) {
      if (result) break;
      result = listed(rt.conditionKeys, key) || listed(resourceType(action.service, rt.name)?.conditionKeys ?? [], key);
    }
    if (supportCache.size > 200_000) supportCache.clear();
    supportCache.set(cacheKey, result);
  }
  return result;
}

const anySupportCache = new Map<string, boolean>();

/** Whether at least one action named by `pattern` lists `key`; cached per pattern and key. */
export function patternHasActionListingKey(pattern: string, key: string): boolean {
  const cacheKey = `${pattern.toLowerCase()}\n${key.toLowerCase()}`;
  let result = anySupportCache.get(cacheKey);
  if (result === undefined) {
    result = actionsOfPattern(pattern).some((action) => actionListsKey(action, key));
    if (anySupportCache.size > 20_000) anySupportCache.clear();
    anySupportCache.set(cacheKey, result);
  }
  return result;
}

const unsupportedServicesCache = new Map<string, readonly string[]>();

/** The service prefixes with at least one action named by `pattern` that does not list `key`. */
export function servicesNotListingKey(pattern: string, key: string): readonly string[] {
  const cacheKey = `${pattern.toLowerCase()}\n${key.toLowerCase()}`;
  let result = unsupportedServicesCache.get(cacheKey);
  if (!result) {
    const prefixes = new Set<string>();
    for (const action of actionsOfPattern(pattern)) if (!prefixes.has(action.service) && !actionListsKey(action, key)) prefixes.add(action.service);
    result = [...prefixes].sort();
    if (unsupportedServicesCache.size > 20_000) unsupportedServicesCache.clear();
    unsupportedServicesCache.set(cacheKey, result);
  }
  return result;
}

