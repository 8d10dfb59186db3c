/**
 * Whether a statement's resources fit the resource types of its actions (Service Authorization
 * Reference, "Actions defined by ..." → "Resource types" column, and "Resource types defined by ..."
 * → ARN formats). `s3:GetObject` on `arn:aws:s3:::bucket` grants nothing: GetObject acts on objects,
 * `arn:aws:s3:::bucket/*`. Access Analyzer has no check for this in identity policies (its
 * UNSUPPORTED_RESOURCE_ARN_IN_POLICY is about the resource a resource policy is attached to), so the
 * finding is our own RESOURCE_TYPE_MISMATCH, a general warning.
 *
 * A resource is only reported when no action of the statement accepts it, because statements often mix
 * bucket and object actions; `*` fits everything, and a statement with `*`, an action the catalog does
 * not know, or only actions without resource types is not judged at all.
 */
import type { Statement, StringValue } from '../../../document/model';
import type { ActionInfo } from '../../../catalog/types';
import { resourceType as catalogResourceType } from '../../../catalog/catalog';
import { arnMatchesTemplate, splitArnFields, type ArnTemplate, type ParsedArn } from '../../../arn/arnParse';
import type { CheckContext } from '../../engine/checkContext';
import type { Fix } from '../../engine/findings';
import { analyseAction } from './actionChecks';
import type { ResourceAnalysis } from './resourceArnChecks';
import { replaceValueFix } from './actionResourceEdits';

/**
 * Accepted formats per action (single-action values) or per wildcard expansion (the array shared by
 * `expandCached`). Keyed by identity: no lower-casing per value, and unlike the former cache by
 * lower-cased text (5,000 entries, cleared when full) it does not thrash on the ~16,500 distinct
 * action texts of the managed policies. Entries live as long as the catalog objects or the cached
 * expansion they describe.
 */
const acceptedCache = new WeakMap<object, ReadonlySet<string>>();

/**
 * The ARN formats that a set of actions accepts (union). Formats, not type names, are compared,
 * because services share types under their own names: `ssm:StartSession` names an ECS task `task` in
 * the `ssm` table, with the same format as `ecs:task`.
 */
function acceptedTypes(actions: readonly ActionInfo[]): ReadonlySet<string> {
  const key: object = actions.length === 1 ? actions[0]! : actions;
  let hit = acceptedCache.get(key);
  if (!hit) {
    const set = new Set<string>();
    for (const info of actions) {
      for (const rt of info.resourceTypes) for (const template of catalogResourceType(info.service, rt.name)?.arnTemplates ?? []) set.add(template);
    }
    hit = set;
    acceptedCache.set(key, hit);
  }
  return hit;
}

/** The templates of resource types the statement's actions accept, for messages and fixes. */
function acceptedTemplates(actions: readonly ActionInfo[]): { action: ActionInfo; templates: ArnTemplate[] }[] {
  const out: { action: ActionInfo; templates: ArnTemplate[] }[] = [];
  for (const info of actions) {
    const templates: ArnTemplate[] = [];
    for (const rt of info.resourceTypes) {
      const type = catalogResourceType(info.service, rt.name);
      for (const template of type?.arnTemplates ?? []) {
        const f = splitArnFields(template);
        if (f.length < 6) continue;
        templates.push({ service: info.service, resourceType: rt.name, template, arnService: f[2]!.text.toLowerCase(), region: f[3]!.text, account: f[4]!.text, resource: f[5]!.text });
      }
    }
    out.push({ action: info, templates });
  }
  return out;
}

/** Up to three resource types the actions take, those of the resource's service first. */
function takes(details: readonly { action: ActionInfo; templates: ArnTemplate[] }[], service: string): string {
  const all = details.flatMap((d) => d.templates);
  const ordered = [...all.filter((t) => t.arnService === service), ...all.filter((t) => t.arnService !== service)];
  const names = [...new Set(ordered.map((t) => `\`${t.service}:${t.resourceType}\``))];
  return names.length > 3 ? `${names.slice(0, 3).join(', ')}, ...` : names.join(', ');
}

function fits(sets: readonly ReadonlySet<string>[], key: string): boolean {
  for (const set of sets) if (set.has(key)) return true;
  return false;
}

function withResource(arn: ParsedArn, resource: string): ParsedArn {
  return { ...arn, resource: { text: resource, offset: arn.resource.offset } };
}

/** Checks that each resource of an Action + Resource statement fits some action's resource types. */
export function checkResourceTypeFit(context: CheckContext, statement: Statement, resources: readonly ResourceAnalysis[]): void {
  if (!statement.action || !statement.resource || resources.length === 0) return;
  // Only resources that parsed into known ARN formats are judged (`*` and unknown formats are not):
  // without one, the actions need not be looked at.
  if (!resources.some((resource) => resource.templates.length > 0)) return;
  const sets: ReadonlySet<string>[] = [];
  const analyses: (readonly ActionInfo[])[] = [];
  for (const value of statement.action.values) {
    const analysis = analyseAction(value.value);
    // Only judge statements whose every action is known and bound to one service.
    if (analysis.kind !== 'service' || analysis.actions.length === 0) return;
    analyses.push(analysis.actions);
    sets.push(acceptedTypes(analysis.actions));
  }
  // Actions without resource types in the reference take only `*`; the data for such actions is often
  // incomplete (newer actions gain resource types later), so a statement of only those is not judged.
  if (sets.every((set) => set.size === 0)) return;
  let details: { action: ActionInfo; templates: ArnTemplate[] }[] | undefined;
  let actions: ActionInfo[] | undefined;
  for (const resource of resources) {
    if (resource.templates.length === 0) continue;
    if (resource.templates.some((t) => fits(sets, t.template))) continue;
    actions ??= analyses.flat();
    details ??= acceptedTemplates(actions.length > 50 ? actions.slice(0, 50) : actions);
    // Accept qualified names (`function:f:1` for a function) before reporting.
    if (details.some((d) => d.templates.some((t) => arnMatchesTemplate(resource.arn, t, true)))) continue;
    report(context, resource, actions, details);
  }
}

function report(context: CheckContext, resource: ResourceAnalysis, actions: readonly ActionInfo[], details: readonly { action: ActionInfo; templates: ArnTemplate[] }[]): void {
  const value: StringValue = resource.value;
  const types = [...new Set(resource.templates.map((t) => `${t.service}:${t.resourceType}`))];
  const withTypes = details.filter((d) => d.templates.length > 0);
  const fixes: Fix[] = [];
  if (withTypes.length === 0) {
    // Every action supports only `*` (the reference lists no resource type for them).
    const names = actions.slice(0, 3).map((a) => `\`${a.fullName}\``).join(', ');
    context.report(
      'RESOURCE_TYPE_MISMATCH',
      value.span,
      `${names}${actions.length > 3 ? ', ...' : ''} ${actions.length === 1 ? 'supports' : 'support'} only \`"Resource": "*"\`, so \`${value.value}\` grants nothing: use \`*\`.`,
      [replaceValueFix(value, '*', 'Change to `*`', false)],
    );
    return;
  }
  // Candidate rewrites: descend into the resource (`bucket` → `bucket/*`) or go up to its parent (`bucket/*` → `bucket`).
  const text = value.value;
  const resourcePart = resource.arn.resource.text;
  // Children are written after the resource's own separator: `table/T/*` (a DynamoDB stream),
  // `log-group:G:*` (a log stream), `function:F:*` (a version or alias); `bucket/*` when it has none.
  // (`log-group:G/*` would match other log groups, whose names may hold `/`.)
  const colon = resourcePart.indexOf(':');
  const slashAt = resourcePart.indexOf('/');
  const colonFirst = colon >= 0 && (slashAt < 0 || colon < slashAt);
  const candidates: string[] = colonFirst ? [`${resourcePart}:*`, `${resourcePart}/*`] : [`${resourcePart}/*`];
  const slash = resourcePart.indexOf('/');
  if (slash > 0) candidates.push(resourcePart.slice(0, slash));
  let fitting: { action: ActionInfo; template: ArnTemplate } | undefined;
  for (const candidate of candidates) {
    const arn = withResource(resource.arn, candidate);
    for (const d of withTypes) {
      const template = d.templates.find((t) => arnMatchesTemplate(arn, t));
      if (!template) continue;
      fitting ??= { action: d.action, template };
      const newText = text.slice(0, resource.arn.resource.offset) + candidate;
      fixes.push(replaceValueFix(value, newText, undefined, fixes.length === 0));
      break;
    }
  }
  // Name the resource type the fix leads to, else one of the same service as the resource.
  const service = resource.arn.service.text.toLowerCase();
  const sameService = withTypes.find((d) => d.templates.some((t) => t.arnService === service));
  const first = fitting?.action ?? (sameService ?? withTypes[0]!).action;
  const wanted = fitting?.template ?? (sameService ?? withTypes[0]!).templates.find((t) => t.arnService === service) ?? withTypes[0]!.templates[0]!;
  context.report(
    'RESOURCE_TYPE_MISMATCH',
    value.span,
    `\`${text}\` is ${types.length === 1 ? `a \`${types[0]}\`` : `one of ${types.slice(0, 3).map((t) => `\`${t}\``).join(', ')}`}, which no action of the statement applies to: ${fitting ? `\`${first.fullName}\` needs \`${wanted.resourceType}\` (\`${wanted.template}\`)` : `they take ${takes(withTypes, service)}`}${fixes.length > 0 ? `; did you mean \`${fixes[0]!.title.slice('Change to `'.length, -1)}\`?` : '.'}`,
    fixes.length > 0 ? fixes : undefined,
  );
}
