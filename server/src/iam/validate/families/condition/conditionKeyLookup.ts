/**
 * Resolves condition keys as written in a policy to what the catalog knows about them, with the
 * did-you-mean suggestions that validation offers. Results are cached per key text, so linting on
 * every keystroke never repeats a template scan for the same key.
 *
 * Sources: IAM User Guide, "AWS global condition context keys" (the `aws:` keys and the tag-key
 * forms `aws:RequestTag/tag-key`, `aws:ResourceTag/tag-key`, `aws:PrincipalTag/tag-key`);
 * "Available keys for AWS OIDC federation" and "Available keys for SAML-based AWS STS federation"
 * (identity provider keys such as `accounts.google.com:aud` and `saml:aud`); the Service
 * Authorization Reference for service keys.
 */
import { conditionKey, globalConditionKeys, service, serviceConditionKeys, suggestServices } from '../../../catalog/catalog';
import type { ConditionKeyInfo } from '../../../catalog/types';
import { nearestName } from '../../../spelling/nearestName';

/** What a written condition key is. */
export type KeyResolution =
  | { readonly kind: 'known'; readonly info: ConditionKeyInfo }
  /**
   * A key the catalog does not list but that IAM accepts: an OIDC or SAML identity provider key (any
   * claim of a provider host), a service's own legacy tag key (`secretsmanager:ResourceTag/x`), or a
   * legacy global key still used by AWS managed policies.
   */
  | { readonly kind: 'unlisted' }
  /** Not `prefix:name`. */
  | { readonly kind: 'badFormat' }
  /** A tag key form without its tag key, e.g. `aws:ResourceTag` or `s3:ExistingObjectTag/`. */
  | { readonly kind: 'missingTagKey'; readonly stem: string }
  /** `aws:ARN`, which AWS does not support. */
  | { readonly kind: 'unsupportedGlobal' }
  | { readonly kind: 'unknownGlobal'; readonly suggestion?: string }
  /** A key of a known service that the catalog does not list; an error only when a near key exists. */
  | { readonly kind: 'unknownServiceKey'; readonly service: string; readonly suggestion?: string }
  | { readonly kind: 'unknownService'; readonly prefix: string; readonly suggestion?: string };

const cache = new Map<string, KeyResolution>();

/** Template stems, e.g. `aws:resourcetag/` → `aws:ResourceTag/`, per service prefix (lower case). */
const stemCache = new Map<string, Map<string, string>>();

function stemOf(template: string): string | undefined {
  const dollar = template.indexOf('${');
  const angle = template.indexOf('<');
  const at = dollar >= 0 && (angle < 0 || dollar < angle) ? dollar : angle;
  return at > 0 ? template.slice(0, at) : undefined;
}

function keysOfPrefix(prefix: string): readonly ConditionKeyInfo[] {
  return prefix === 'aws' ? globalConditionKeys().filter((info) => info.key.toLowerCase().startsWith('aws:')) : serviceConditionKeys(prefix);
}

function stemsOf(prefix: string): Map<string, string> {
  let stems = stemCache.get(prefix);
  if (!stems) {
    stems = new Map();
    for (const info of keysOfPrefix(prefix)) {
      const stem = stemOf(info.key);
      if (stem) stems.set(stem.toLowerCase(), stem);
    }
    stemCache.set(prefix, stems);
  }
  return stems;
}

/**
 * OIDC provider keys are `host[/path]:claim`, e.g. `token.actions.githubusercontent.com:sub` or
 * `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud`; the catalog lists only the well-known ones.
 */
function looksLikeProviderHost(prefix: string): boolean {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[A-Za-z0-9._~-]+)*$/i.test(prefix);
}

/** Suggests a global key for a misspelt one, keeping a tag key suffix (`aws:ResourceTags/x` → `aws:ResourceTag/x`). */
function suggestGlobal(key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash > 0) {
    const stems = [...stemsOf('aws').values()].map((stem) => stem.slice(0, -1));
    const near = nearestName(key.slice(0, slash), stems);
    return near ? `${near}${key.slice(slash)}` : undefined;
  }
  const names = keysOfPrefix('aws').map((info) => info.key).filter((name) => !name.includes('${'));
  return nearestName(key, names);
}

function suggestServiceKey(prefix: string, key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash > 0) {
    const stems = [...stemsOf(prefix).values()].map((stem) => stem.slice(0, -1));
    const near = nearestName(key.slice(0, slash), stems);
    if (near) return `${near}${key.slice(slash)}`;
  }
  const names = serviceConditionKeys(prefix).map((info) => info.key).filter((name) => !name.includes('${') && !name.includes('<'));
  return nearestName(key, names);
}

/**
 * Global keys that the current IAM User Guide no longer lists but that AWS managed policies still
 * use (AWSSSOServiceRolePolicy uses `aws:PrincipalOrgMasterAccountId`), so IAM accepts them.
 */
const LEGACY_GLOBAL_KEYS = new Set(['aws:principalorgmasteraccountid']);

/** Service-prefixed tag keys, the older form of `aws:ResourceTag/` that many services still accept. */
const SERVICE_TAG_KEY = /^[a-z0-9-]+:(resourcetag|requesttag)\/.+$/;

function resolveUncached(key: string): KeyResolution {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return { kind: 'badFormat' };
  const prefix = key.slice(0, colon).toLowerCase();
  const lower = key.toLowerCase();
  if (lower === 'aws:arn') return { kind: 'unsupportedGlobal' };
  const info = conditionKey(key);
  if (info) return { kind: 'known', info };
  const knownService = prefix !== 'aws' && service(prefix) !== undefined;
  const stems = prefix === 'aws' || knownService ? stemsOf(prefix) : undefined;
  const stem = stems?.get(lower.endsWith('/') ? lower : `${lower}/`);
  if (stem) return { kind: 'missingTagKey', stem };
  if (prefix === 'aws') return LEGACY_GLOBAL_KEYS.has(lower) ? { kind: 'unlisted' } : { kind: 'unknownGlobal', suggestion: suggestGlobal(key) };
  if (prefix === 'saml' || looksLikeProviderHost(key.slice(0, colon))) return { kind: 'unlisted' };
  if (knownService) {
    if (SERVICE_TAG_KEY.test(lower)) return { kind: 'unlisted' };
    return { kind: 'unknownServiceKey', service: prefix, suggestion: suggestServiceKey(prefix, key) };
  }
  const near = suggestServices(prefix, 1)[0]?.prefix;
  return { kind: 'unknownService', prefix: key.slice(0, colon), suggestion: near ? `${near}${key.slice(colon)}` : undefined };
}

/** Resolves a written condition key (any case, as IAM compares keys case-insensitively). */
export function resolveConditionKey(key: string): KeyResolution {
  let resolution = cache.get(key);
  if (!resolution) {
    resolution = resolveUncached(key);
    if (cache.size > 5000) cache.clear();
    cache.set(key, resolution);
  }
  return resolution;
}

/**
 * Keys the catalog types as single-valued although the service fills them with several values;
 * the IAM User Guide's own examples use them with `ForAnyValue:` (e.g. the Amazon Cognito `amr`
 * claim in "Available keys for AWS OIDC federation").
 */
const MULTIVALUED_DESPITE_TYPE = new Set(['cognito-identity.amazonaws.com:amr']);

/**
 * Keys the catalog types `ArrayOf...` although each request carries one value: the Amazon
 * EventBridge user guide's own examples compare `events:detail-type` with plain `StringEquals`, and
 * so do AWS managed policies.
 */
const SINGLE_VALUED_DESPITE_TYPE = new Set(['events:detail-type']);

/** Whether a resolved key is multivalued; undefined when unknown. */
export function isMultivaluedKey(key: string, resolution: KeyResolution): boolean | undefined {
  const lower = key.toLowerCase();
  if (MULTIVALUED_DESPITE_TYPE.has(lower)) return true;
  if (SINGLE_VALUED_DESPITE_TYPE.has(lower)) return false;
  return resolution.kind === 'known' ? resolution.info.multiValued : undefined;
}
