/**
 * Completion of the policy grammar itself: element keys at the top and statement levels (keys already
 * present are not offered again), `Version` and `Effect` values, and whole-structure snippets (a new
 * policy, a new statement, Allow and Deny statement skeletons).
 */
import { matchRank, type RankedCandidate, type TemplateName } from './candidate';
import type { CompletionContext } from './completionContext';

/** Top-level elements in the order they are usually written. */
const TOP_LEVEL_ELEMENTS = ['Version', 'Id', 'Statement'] as const;

/** Statement elements in the order they are usually written. */
const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'] as const;

/** Elements that exclude each other: offering one when the other is present would be an error. */
const EXCLUSIVE: Readonly<Record<string, string>> = {
  Action: 'NotAction',
  NotAction: 'Action',
  Resource: 'NotResource',
  NotResource: 'Resource',
  Principal: 'NotPrincipal',
  NotPrincipal: 'Principal',
};

/** `Version` values: the current one first. */
const VERSION_VALUES = ['2012-10-17', '2008-10-17'] as const;

/** The value snippet written after a key when no value follows yet. */
function valueSnippet(element: string, context: CompletionContext): string {
  const account = '${2:ACCOUNT}';
  switch (element) {
    case 'Version':
      return '"${1:2012-10-17}"';
    case 'Id':
    case 'Sid':
      return '"$1"';
    case 'Statement':
      return '[\n\t{\n\t\t"Effect": "${1|Allow,Deny|}",\n\t\t"Action": "$2",\n\t\t"Resource": "$3"\n\t}\n]';
    case 'Effect':
      return '"${1|Allow,Deny|}"';
    case 'Action':
    case 'NotAction':
    case 'Resource':
    case 'NotResource':
      return '["$1"]';
    case 'Principal':
    case 'NotPrincipal':
      return context.statement?.action?.values.some((v) => v.value.toLowerCase().startsWith('sts:assumerolewith'))
        ? '{\n\t"${1|Federated,AWS,Service|}": "$2"\n}'
        : `{\n\t"\${1|AWS,Service,Federated|}": "${account}"\n}`;
    case 'Condition':
      return '{\n\t"${1:StringEquals}": {\n\t\t"$2": "$3"\n\t}\n}';
    default:
      return '"$1"';
  }
}

function keyCandidates(context: CompletionContext, names: readonly string[], level: 'top' | 'statement'): RankedCandidate[] {
  const present = new Set(context.existingKeys);
  const partial = context.partial.toLowerCase();
  const result: RankedCandidate[] = [];
  names.forEach((name, priority) => {
    if (present.has(name)) return;
    const excluded = EXCLUSIVE[name];
    if (excluded && present.has(excluded)) return;
    const tier = matchRank(name.toLowerCase(), partial);
    if (tier < 0) return;
    const body = context.hasColonAfter ? `"${name}"` : `"${name}": ${valueSnippet(name, context)}`;
    result.push({ label: name, info: { kind: 'element', name, level }, body, snippet: !context.hasColonAfter, raw: true, tier, priority, retrigger: !context.hasColonAfter && (name === 'Action' || name === 'NotAction' || name === 'Resource' || name === 'NotResource') });
  });
  return result;
}

const STATEMENT_BODY = (effect: string) =>
  `"Sid": "\${1:${effect}Statement}",\n"Effect": "${effect}",\n"Action": [\n\t"$2"\n],\n"Resource": [\n\t"\${3:*}"\n]`;

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `\t${line}`)
    .join('\n');
}

const TEMPLATES: Readonly<Record<'policy' | 'allowStatement' | 'denyStatement', string>> = {
  policy: `{\n\t"Version": "2012-10-17",\n\t"Statement": [\n\t\t{\n${indent(indent(indent(STATEMENT_BODY('Allow'))))}\n\t\t}\n\t]\n}`,
  allowStatement: `{\n${indent(STATEMENT_BODY('Allow'))}\n}`,
  denyStatement: `{\n${indent(STATEMENT_BODY('Deny'))}\n}`,
};

function template(name: TemplateName, label: string, body: string, priority: number): RankedCandidate {
  return { label, info: { kind: 'template', name }, body, snippet: true, raw: true, tier: 0, priority, filter: label };
}

/** Candidates for the grammar slots; empty for other slots. */
export function elementCandidates(context: CompletionContext): RankedCandidate[] {
  switch (context.slot) {
    case 'document':
      return [template('policy', 'New policy', TEMPLATES.policy, 0)];
    case 'topKey': {
      const result = keyCandidates(context, TOP_LEVEL_ELEMENTS, 'top');
      return result;
    }
    case 'statement':
      if (context.quoted) return [];
      return [
        template('allowStatement', 'New Allow statement', TEMPLATES.allowStatement, 0),
        template('denyStatement', 'New Deny statement', TEMPLATES.denyStatement, 1),
      ];
    case 'statementKey': {
      const result = keyCandidates(context, STATEMENT_ELEMENTS, 'statement');
      if (context.existingKeys.length === 0 && !context.quoted) {
        result.push({ ...template('statementBody', 'Allow statement skeleton', STATEMENT_BODY('Allow'), 50), tier: 0 });
        result.push({ ...template('statementBody', 'Deny statement skeleton', STATEMENT_BODY('Deny'), 51), tier: 0 });
      }
      return result;
    }
    case 'version':
      return valueCandidates(context, 'Version', VERSION_VALUES);
    case 'effect':
      return valueCandidates(context, 'Effect', ['Allow', 'Deny']);
    default:
      return [];
  }
}

function valueCandidates(context: CompletionContext, element: string, values: readonly string[]): RankedCandidate[] {
  const partial = context.partial.toLowerCase();
  const result: RankedCandidate[] = [];
  values.forEach((value, priority) => {
    const tier = matchRank(value.toLowerCase(), partial);
    if (tier >= 0) result.push({ label: value, info: { kind: 'value', element, value }, body: value, snippet: false, tier, priority });
  });
  return result;
}
