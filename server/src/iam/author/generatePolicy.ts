/**
 * `generatePolicy(requests)`: a least-privilege identity-based policy from the requests a workload
 * makes (an action, optionally the resource it was called on). Statements are grouped by service and
 * by the resources they apply to; each action gets ARNs of a resource type the Service Authorization
 * Reference lists for it, and actions without resource-level permissions get `*` in a statement of
 * their own (IAM User Guide, "Grant least privilege"; Service Authorization Reference, "Resource
 * types" column: an action with no resource type supports only `"Resource": "*"`).
 *
 * No wildcard in actions unless `compact` is set: then a `Prefix*` pattern replaces listed actions
 * only where, in the bundled data, it matches exactly actions of the list — and the result says which
 * (actions AWS adds later may also match it).
 */
import { arnMatchesTemplate, matchArnTemplates, parseArn, splitArnFields, type ArnTemplate } from '../arn/arnParse';
import { patternCovers } from '../arn/wildcard';
import { action as catalogAction, expandActionPattern, resourceType } from '../catalog/catalog';
import type { ActionInfo } from '../catalog/types';

/** One request a workload makes. */
export interface GenerateRequest {
  readonly action: string;
  /** The resource ARN, when known; otherwise an ARN pattern of the action's resource type is used. */
  readonly resource?: string;
  /** Where the request came from, for notes (`line 3`, `Records[2]`). */
  readonly source?: string;
}

export interface GenerateOptions {
  /** Allow action wildcards that match exactly listed actions in the bundled data. */
  readonly compact?: boolean;
  /** Partition for ARNs built from templates (default `aws`). */
  readonly partition?: string;
  /** Region for ARNs built from templates (default `*`). */
  readonly region?: string;
  /** Account for ARNs built from templates (default `*`). */
  readonly account?: string;
}

/** One generated statement with what it was made from. */
export interface GeneratedStatement {
  readonly sid: string;
  readonly service: string;
  /** The actions, documented case, sorted (wildcards with `compact`). */
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Resource type names the resources are of; empty for `*`. */
  readonly resourceTypes: readonly string[];
}

/** A wildcard `compact` used and the actions it matches in the bundled data. */
export interface CompactWildcard {
  readonly pattern: string;
  readonly covers: readonly string[];
}

/** The result of `generatePolicy`. */
export interface GeneratedPolicy {
  readonly policy: { readonly Version: '2012-10-17'; readonly Statement: ReadonlyArray<Record<string, unknown>> };
  readonly statements: readonly GeneratedStatement[];
  readonly wildcards: readonly CompactWildcard[];
  /** Requests left out: unknown actions, wildcard actions. */
  readonly skipped: ReadonlyArray<{ readonly action: string; readonly source?: string; readonly reason: string }>;
  /** Sentences: resources not of the action's type, ARNs with placeholders to narrow, ... */
  readonly notes: readonly string[];
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

function placeholders(template: string): number {
  return (template.match(/\$\{/g) ?? []).length;
}

/** An ARN from a documented template: partition, Region and account from the options, every name `*`. */
function arnFromTemplate(template: string, options: GenerateOptions, service: string, notes: string[]): string {
  // A few formats leave the service field to a placeholder; a wildcard there would match other
  // services (Access Analyzer's WILDCARD_IN_SERVICE_NAME), so the action's own service is used.
  const fields = splitArnFields(template);
  if (fields.length >= 6 && fields[2]!.text.includes('${')) notes.push(`The ARN format \`${template}\` leaves the service to a placeholder; \`${service}\` was used: give the resource's ARN.`);
  if (fields.length >= 6 && fields[2]!.text.includes('${')) template = [fields[0]!.text, fields[1]!.text, service, ...fields.slice(3).map((f) => f.text)].join(':');
  return template.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name: string) => {
    if (name === 'Partition') return options.partition ?? 'aws';
    if (name === 'Region') return options.region ?? '*';
    if (name === 'Account') return options.account ?? '*';
    return '*';
  });
}

/** The resource types of an action that `arn` is of. */
function typesOf(info: ActionInfo, arn: string): string[] {
  const parsed = parseArn(arn);
  if (!parsed) return [];
  const fits = (template: ArnTemplate) => arnMatchesTemplate(parsed, template);
  const out: string[] = [];
  for (const type of info.resourceTypes) {
    const templates = matchArnTemplates(parsed.service.text, parsed.resource.text).filter((t) => t.service === info.service && t.resourceType === type.name);
    if (templates.some(fits)) out.push(type.name);
  }
  return out;
}

/** Whether `arn` is of a resource type the action takes (by the documented ARN formats). */
export function resourceFitsAction(actionName: string, arn: string): boolean {
  const info = catalogAction(actionName);
  return info !== undefined && typesOf(info, arn).length > 0;
}

interface Placed {
  readonly info: ActionInfo;
  readonly resources: string[];
  readonly types: string[];
}

/** Where one request's action goes: its resources and their types. */
function place(info: ActionInfo, request: GenerateRequest, options: GenerateOptions, notes: string[]): Placed {
  if (info.resourceTypes.length === 0) {
    if (request.resource !== undefined && request.resource !== '*') notes.push(`\`${info.fullName}\` supports no resource-level permissions, so it is on \`*\` (not \`${request.resource}\`).`);
    return { info, resources: ['*'], types: [] };
  }
  if (request.resource !== undefined && request.resource !== '*') {
    const types = typesOf(info, request.resource);
    if (types.length > 0) return { info, resources: [request.resource], types };
    notes.push(`\`${request.resource}\` is of no resource type \`${info.fullName}\` takes; an ARN pattern of its resource type is used instead.`);
  }
  // Every required resource type needs an ARN (ec2:RunInstances needs an image, an instance, ...);
  // with none required, the type with the simplest ARN is used.
  const required = info.resourceTypes.filter((t) => t.required);
  const chosen = required.length > 0 ? required : [...info.resourceTypes].sort((a, b) => simplest(info, a.name) - simplest(info, b.name)).slice(0, 1);
  const resources: string[] = [];
  const types: string[] = [];
  for (const type of chosen) {
    const templates = resourceType(info.service, type.name)?.arnTemplates ?? [];
    if (templates.length === 0) continue;
    resources.push(arnFromTemplate(templates[0]!, options, info.service, notes));
    types.push(type.name);
  }
  if (resources.length === 0) return { info, resources: ['*'], types: [] };
  notes.push(`\`${info.fullName}\`: no resource of its type was given, so ${resources.map((r) => `\`${r}\``).join(', ')} ${resources.length === 1 ? 'stands' : 'stand'} for ${types.map((t) => `\`${t}\``).join(', ')}: replace each \`*\` with the names it may use.`);
  return { info, resources, types };
}

/** The resources that no other resource of the list covers (a pattern ending in a star covers its longer forms): the same access, no redundancy. */
function withoutCovered(resources: readonly string[]): string[] {
  const unique = [...new Set(resources)];
  return unique.filter((r) => !unique.some((other) => other !== r && patternCovers(other, r, false)));
}

function simplest(info: ActionInfo, type: string): number {
  const templates = resourceType(info.service, type)?.arnTemplates ?? [];
  return templates.length === 0 ? 99 : placeholders(templates[0]!);
}

/**
 * Exact-cover wildcards for one service's actions: `Prefix*` patterns matching only listed actions
 * (`names` in the catalog's spelling); also used by the policy shrinker (`iam/format/shrinkPolicy.ts`).
 */
export function compactActions(service: string, names: readonly string[], wildcards: CompactWildcard[]): string[] {
  const remaining = new Set(names.map((n) => n.toLowerCase()));
  const listed = new Set(remaining);
  const out: string[] = [];
  // Prefixes at word starts (CamelCase), longest coverage first.
  const prefixes = new Set<string>();
  for (const name of names) {
    for (let i = 1; i <= name.length; i++) if (i === name.length || /[A-Z]/.test(name[i]!)) prefixes.add(name.slice(0, i));
  }
  const options = [...prefixes]
    .map((prefix) => ({ prefix, matched: expandActionPattern(`${service}:${prefix}*`).map((a) => a.name) }))
    .filter((o) => o.matched.length >= 2 && o.matched.every((n) => listed.has(n.toLowerCase())))
    .sort((a, b) => b.matched.length - a.matched.length || a.prefix.length - b.prefix.length);
  for (const option of options) {
    if (!option.matched.every((n) => remaining.has(n.toLowerCase()))) continue;
    for (const n of option.matched) remaining.delete(n.toLowerCase());
    out.push(`${service}:${option.prefix}*`);
    wildcards.push({ pattern: `${service}:${option.prefix}*`, covers: option.matched.map((n) => `${service}:${n}`) });
  }
  for (const name of names) if (remaining.has(name.toLowerCase())) out.push(`${service}:${name}`);
  return out.sort();
}

/** Generates the policy. Pure; never throws. */
export function generatePolicy(requests: readonly GenerateRequest[], options: GenerateOptions = {}): GeneratedPolicy {
  const notes: string[] = [];
  const skipped: { action: string; source?: string; reason: string }[] = [];
  const placed: Placed[] = [];
  for (const request of requests) {
    if (/[*?]/.test(request.action)) {
      skipped.push({ action: request.action, ...(request.source ? { source: request.source } : {}), reason: 'a wildcard is not a request; list the actions' });
      continue;
    }
    const info = catalogAction(request.action);
    if (!info) {
      skipped.push({ action: request.action, ...(request.source ? { source: request.source } : {}), reason: 'unknown action: not in the bundled IAM data' });
      continue;
    }
    placed.push(place(info, request, options, notes));
  }

  // Per service, an action's resources are gathered; actions with the same resource set share a statement.
  const byService = new Map<string, Map<string, { info: ActionInfo; resources: Set<string>; types: Set<string> }>>();
  for (const p of placed) {
    const actions = byService.get(p.info.service) ?? new Map();
    byService.set(p.info.service, actions);
    const entry = actions.get(p.info.fullName) ?? { info: p.info, resources: new Set<string>(), types: new Set<string>() };
    p.resources.forEach((r) => entry.resources.add(r));
    p.types.forEach((t) => entry.types.add(t));
    actions.set(p.info.fullName, entry);
  }
  const statements: GeneratedStatement[] = [];
  const wildcards: CompactWildcard[] = [];
  const sids = new Set<string>();
  for (const service of [...byService.keys()].sort()) {
    const groups = new Map<string, { actions: string[]; resources: string[]; types: Set<string> }>();
    for (const entry of byService.get(service)!.values()) {
      // `*` never shares a statement with ARNs: an action on `*` would otherwise widen the others.
      const resources = entry.resources.has('*') ? ['*'] : withoutCovered([...entry.resources]).sort();
      const key = resources.join('\n');
      const group = groups.get(key) ?? { actions: [], resources, types: new Set<string>() };
      group.actions.push(entry.info.name);
      entry.types.forEach((t) => group.types.add(t));
      groups.set(key, group);
    }
    const ordered = [...groups.values()].sort((a, b) => (a.resources[0] === '*' ? 1 : 0) - (b.resources[0] === '*' ? 1 : 0) || a.resources.join().localeCompare(b.resources.join()));
    for (const group of ordered) {
      const names = group.actions.sort();
      const actions = options.compact ? compactActions(service, names, wildcards) : names.map((n) => `${service}:${n}`);
      const types = [...group.types].sort();
      let sid = pascal(service) + (group.resources[0] === '*' ? 'NoResourceLevel' : pascal(types.join(' ')) || 'Resources');
      if (sids.has(sid)) for (let i = 2; ; i++) if (!sids.has(`${sid}${i}`)) { sid = `${sid}${i}`; break; }
      sids.add(sid);
      statements.push({ sid, service, actions, resources: group.resources, resourceTypes: types });
    }
  }
  if (wildcards.length > 0) notes.push(`--compact used ${wildcards.length} wildcard${wildcards.length === 1 ? '' : 's'}, each matching exactly listed actions in the bundled IAM data; actions AWS adds later may match them too.`);
  return {
    policy: {
      Version: '2012-10-17',
      Statement: statements.map((s) => ({ Sid: s.sid, Effect: 'Allow', Action: s.actions.length === 1 ? s.actions[0] : s.actions, Resource: s.resources.length === 1 ? s.resources[0] : s.resources })),
    },
    statements,
    wildcards,
    skipped,
    notes: [...new Set(notes)],
  };
}
