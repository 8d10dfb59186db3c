/**
 * Completion of `Resource` / `NotResource` values: the ARN templates of the resource types that the
 * statement's actions accept, as snippets with placeholders; the resource types of a service named in
 * the typed ARN; `*`; and policy variables inside an ARN.
 */
import { resourceTypesOf, service, services } from '../catalog/catalog';
import type { ResourceTypeInfo } from '../catalog/types';
import { matchRank, type RankedCandidate } from './candidate';
import type { CompletionContext } from './completionContext';
import { couldStartTemplate, templateLabel, templateSnippet, type ArnDefaults } from './arnTemplates';
import { statementActions } from './statementActions';
import { openVariableStart, variableCandidates } from './variableCompletion';

/** How many of a resource type's actions a candidate names. */
const ACTIONS_SHOWN = 5;

function templateCandidates(
  context: CompletionContext,
  info: ResourceTypeInfo,
  actions: readonly string[],
  actionCount: number,
  defaults: ArnDefaults,
  priority: number,
): RankedCandidate[] {
  const typed = context.partial;
  const typedLower = typed.toLowerCase();
  const result: RankedCandidate[] = [];
  for (const template of info.arnTemplates) {
    const label = templateLabel(template, defaults);
    let tier = matchRank(label.toLowerCase(), typedLower);
    if (tier !== 0 && typed.startsWith('arn:') && couldStartTemplate(typed, template)) tier = 2;
    if (tier < 0) continue;
    result.push({
      label,
      info: { kind: 'arnTemplate', service: info.service, resourceType: info.name, template, actions: actions.slice(0, ACTIONS_SHOWN), actionCount },
      body: templateSnippet(template, defaults),
      snippet: true,
      tier,
      priority,
    });
  }
  return result;
}

/** The service named by a typed ARN (`arn:aws:s3:...`), if it is known. */
function typedService(partial: string): string | undefined {
  if (!partial.startsWith('arn:')) return undefined;
  const parts = partial.split(':');
  if (parts.length < 4) return undefined;
  return service(parts[2]!)?.prefix;
}

/** Candidates for a Resource / NotResource value. */
export function resourceCandidates(context: CompletionContext, defaults: ArnDefaults): RankedCandidate[] {
  if (openVariableStart(context.partial) >= 0) return variableCandidates(context);
  const result: RankedCandidate[] = [];
  const partialLower = context.partial.toLowerCase();
  if (matchRank('*', partialLower) === 0) {
    result.push({ label: '*', info: { kind: 'value', element: 'Resource', value: '*' }, body: '*', snippet: false, tier: 0, priority: 900 });
  }

  const accepted = statementActions(context.statement);
  const offered = new Set<string>();
  accepted.resourceTypes.forEach((entry, index) => {
    offered.add(`${entry.info.service}:${entry.info.name}`);
    const names = entry.actions.map((a) => a.fullName);
    // A resource type that an action is named after (`ListBucket` → `bucket`) is the likely one.
    const typeName = entry.info.name.toLowerCase();
    const named = entry.actions.some((a) => a.name.toLowerCase().includes(typeName));
    result.push(...templateCandidates(context, entry.info, names, names.length, defaults, index - (named ? 1000 : 0)));
  });

  // The service the ARN being typed names, if the statement's actions did not already cover it.
  const named = typedService(context.partial);
  if (named) {
    resourceTypesOf(named).forEach((info, index) => {
      if (!offered.has(`${info.service}:${info.name}`)) result.push(...templateCandidates(context, info, [], 0, defaults, 300 + index));
    });
  } else if (accepted.resourceTypes.length === 0 && (context.partial.length === 0 || context.partial.startsWith('arn:') || 'arn:'.startsWith(partialLower))) {
    // Nothing narrows the ARN down: a generic template, then `arn:<partition>:<service>:` to pick a service.
    result.push({
      label: `arn:${defaults.partition}:service:region:account:resource`,
      info: { kind: 'template', name: 'genericArn' },
      body: `arn:\${1:${defaults.partition}}:\${2:service}:\${3:${defaults.region ?? 'region'}}:\${4:${defaults.account}}:\${5:resource}`,
      snippet: true,
      tier: 0,
      priority: 400,
      filter: `arn:${defaults.partition}:`,
    });
    const prefix = `arn:${defaults.partition}:`;
    for (const info of services()) {
      const label = `${prefix}${info.prefix}:`;
      const tier = matchRank(label, partialLower);
      if (tier !== 0 || context.partial.length < prefix.length) continue;
      result.push({ label, info: { kind: 'service', service: info, actionCount: -1 }, body: `${label}$0`, snippet: true, tier, priority: 500, retrigger: true });
    }
  }
  return result;
}
