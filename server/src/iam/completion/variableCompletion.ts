/**
 * Completion of policy variables (`${aws:username}`) inside Resource values and condition values:
 * the single-valued global keys (multivalued keys cannot be variables), the web-identity and SAML keys
 * that federated policies use, and the escapes `${*}`, `${?}`, `${$}`.
 */
import { conditionKey, globalConditionKeys } from '../catalog/catalog';
import { escapeJson, escapeSnippet, matchRank, type RankedCandidate } from './candidate';

const escapeJsonSnippet = (text: string) => escapeSnippet(escapeJson(text));
import type { CompletionContext } from './completionContext';

/** Variables worth offering first, most used first. */
const COMMON_VARIABLES = ['aws:username', 'aws:userid', 'aws:PrincipalTag/${TagKey}', 'aws:PrincipalAccount', 'aws:SourceIdentity', 'aws:PrincipalArn'];

/** Keys of identity providers that are often used as variables. */
const FEDERATION_VARIABLES = [
  'saml:sub',
  'saml:aud',
  'cognito-identity.amazonaws.com:sub',
  'cognito-identity.amazonaws.com:aud',
  'www.amazon.com:user_id',
  'graph.facebook.com:id',
  'accounts.google.com:sub',
  'token.actions.githubusercontent.com:sub',
];

const ESCAPES = ['*', '?', '$'];

let variableNames: readonly string[] | undefined;

/** The names that can be used as variables, common ones first. */
function policyVariableNames(): readonly string[] {
  if (!variableNames) {
    const names = new Set<string>(COMMON_VARIABLES);
    for (const key of globalConditionKeys()) if (!key.multiValued && key.key.startsWith('aws:')) names.add(key.key);
    for (const name of FEDERATION_VARIABLES) names.add(name);
    variableNames = [...names];
  }
  return variableNames;
}

/** Where an unfinished `${` starts in the typed text, or -1. */
export function openVariableStart(partial: string): number {
  const open = partial.lastIndexOf('${');
  if (open < 0) return -1;
  return partial.indexOf('}', open) < 0 ? open : -1;
}

/**
 * Variable candidates when the typed text has an unfinished `${`: each inserts the whole value with
 * the variable completed, so the token can be replaced as one.
 */
export function variableCandidates(context: CompletionContext): RankedCandidate[] {
  const open = openVariableStart(context.partial);
  if (open < 0) return [];
  const before = context.partial.slice(0, open);
  const typed = context.partial.slice(open + 2).toLowerCase();
  // What follows the cursor stays, except the rest of the variable being typed.
  const close = context.suffix.indexOf('}');
  const after = close >= 0 && !context.suffix.slice(0, close).includes('${') ? context.suffix.slice(close + 1) : context.suffix;
  const escape = (text: string) => escapeJsonSnippet(text);
  const result: RankedCandidate[] = [];
  const add = (name: string, priority: number) => {
    const tier = matchRank(name.toLowerCase(), typed);
    if (tier < 0) return;
    const template = name.indexOf('${');
    // A template key such as `aws:PrincipalTag/${TagKey}` becomes `${aws:PrincipalTag/TagKey}` with the tag key selected.
    const label = template >= 0 ? `\${${name.slice(0, template)}${name.slice(template + 2, -1)}}` : `\${${name}}`;
    const escapedBefore = escape(before);
    const escapedAfter = escape(after);
    const body =
      template >= 0
        ? `${escapedBefore}\\\${${name.slice(0, template)}\${1:${name.slice(template + 2, -1)}}\\}$0${escapedAfter}`
        : `${escapedBefore}\\\${${escapeSnippet(name)}\\}$0${escapedAfter}`;
    result.push({
      label,
      info: { kind: 'variable', name: label.slice(2, -1), key: conditionKey(name) },
      body,
      snippet: true,
      tier,
      priority,
      filter: `${before}${label}`,
    });
  };
  policyVariableNames().forEach((name, index) => add(name, index));
  ESCAPES.forEach((name, index) => add(name, 1000 + index));
  return result;
}
