/**
 * Which actions a condition key applies to, per the Service Authorization Reference: a key applies
 * to an action when the action's row or one of its resource types lists it. Unlike
 * `actionSupportsConditionKey` in the catalog, global keys are not taken as supported everywhere,
 * because the tag keys (`aws:ResourceTag/${TagKey}`) are listed per action and resource type.
 *
 * Every answer is cached: patterns to their expansion, and (action, key template) to support, so
 * a policy with `"Action": "*"` costs one scan of the catalog per key, once per process.
 */
import { actionKeySetsOf, actionsOf, expandActionPattern, resourceType, services } from '../../../catalog/catalog';
import type { ActionInfo } from '../../../catalog/types';
import { hasWildcard, matchWildcard } from '../../../arn/wildcard';

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

function listed(keys: readonly string[], key: string, lowerKey: string): boolean {
  for (const documented of keys) {
    if (documented.length === key.length && documented.toLowerCase() === lowerKey) return true;
    if ((documented.includes('${') || documented.includes('<')) && matchWildcard(cachedPattern(documented), key, true)) return true;
  }
  return false;
}

const supportCache = new Map<string, boolean>();

/** `actionListsKey` without its cache; `lowerKey` is `key` lower-cased. */
function listsKey(action: ActionInfo, key: string, lowerKey: string): boolean {
  if (listed(action.conditionKeys, key, lowerKey)) return true;
  for (const rt of action.resourceTypes) {
    if (listed(rt.conditionKeys, key, lowerKey) || listed(resourceType(action.service, rt.name)?.conditionKeys ?? [], key, lowerKey)) return true;
  }
  return false;
}

/** Whether the reference lists `key` (a concrete key such as `aws:ResourceTag/team`) for `action`. */
export function actionListsKey(action: ActionInfo, key: string): boolean {
  const lowerKey = key.toLowerCase();
  const cacheKey = `${action.fullName}\n${lowerKey}`;
  let result = supportCache.get(cacheKey);
  if (result === undefined) {
    result = listsKey(action, key, lowerKey);
    if (supportCache.size > 200_000) supportCache.clear();
    supportCache.set(cacheKey, result);
  }
  return result;
}

const anySupportCache = new Map<string, boolean>();

/**
 * The actions of the key's own service (`s3` for `s3:prefix`) that a pattern with a wildcard in its
 * service part names, matched as `expandActionPattern` matches such patterns (the full name, any
 * case), so they are a subset of its expansion. Empty for other patterns, whose expansion reads one
 * service anyway.
 */
function ownServiceActions(pattern: string, key: string): readonly ActionInfo[] {
  const colon = pattern.indexOf(':');
  if (colon >= 0 && !hasWildcard(pattern.slice(0, colon))) return [];
  const keyColon = key.indexOf(':');
  if (keyColon <= 0) return [];
  return actionsOf(key.slice(0, keyColon)).filter((action) => pattern === '*' || matchWildcard(pattern, action.fullName, true));
}

/**
 * Whether at least one action named by `pattern` lists `key`; cached per pattern and key. A service's
 * keys are listed by its own actions above all, so those are asked first: for `"Action": "*"` with
 * `s3:prefix` the answer is then found without expanding the pattern over the whole catalog.
 */
export function patternHasActionListingKey(pattern: string, key: string): boolean {
  const cacheKey = `${pattern.toLowerCase()}\n${key.toLowerCase()}`;
  let result = anySupportCache.get(cacheKey);
  if (result === undefined) {
    const lists = (action: ActionInfo) => actionListsKey(action, key);
    result = ownServiceActions(pattern, key).some(lists) || actionsOfPattern(pattern).some(lists);
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
    // Its answer is cached as a whole, so the actions are asked without the per-action cache, which for
    // `*` would take one entry per action of the catalog.
    const lowerKey = key.toLowerCase();
    const prefixes = pattern === '*' ? servicesWithSetNotListing(key, lowerKey) : undefined;
    if (prefixes) result = prefixes;
    else {
      const found = new Set<string>();
      for (const action of actionsOfPattern(pattern)) if (!found.has(action.service) && !listsKey(action, key, lowerKey)) found.add(action.service);
      result = [...found].sort();
    }
    if (unsupportedServicesCache.size > 20_000) unsupportedServicesCache.clear();
    unsupportedServicesCache.set(cacheKey, result);
  }
  return result;
}

/**
 * `servicesNotListingKey` for `"Action": "*"`, from each service's distinct key sets in the catalog's
 * index (`actionKeySetsOf`): a service has an action that does not list the key when one of its sets
 * does not. Decoding every action of the catalog instead took an SCP with an `aws:ResourceTag/...`
 * condition from ~100 to ~180 ms whole process. Undefined when the data has no sets.
 */
function servicesWithSetNotListing(key: string, lowerKey: string): readonly string[] | undefined {
  const found: string[] = [];
  for (const info of services()) {
    const sets = actionKeySetsOf(info.prefix);
    if (sets === undefined) return undefined;
    if (sets.some((set) => !listed(set, key, lowerKey))) found.push(info.prefix);
  }
  return found.sort();
}
