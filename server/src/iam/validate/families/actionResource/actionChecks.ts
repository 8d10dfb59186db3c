/**
 * Checks of `Action` and `NotAction` values against the catalog (IAM User Guide, "IAM JSON policy
 * elements: Action"; Access Analyzer policy check reference: "Error – Invalid action", "Error – Invalid
 * service in action", "Suggestion – Empty array action", "Suggestion – Redundant action", "Suggestion –
 * Wildcard in service name", "Error – Unsupported action in policy").
 *
 * Service prefixes and action names are case-insensitive in IAM, so `S3:getobject` is valid. The
 * expensive part, expanding a wildcard pattern over the catalog, is cached per lower-cased pattern.
 */
import type { StringListElement, StringValue } from '../../../document/model';
import { spanOf } from '../../../document/model';
import { isTrustAction, TRUST_POLICY_ACTIONS } from '../../../document/policyKind';
import { action as catalogAction, dataInfo, expandActionPattern, service as catalogService, suggestActions, suggestServices } from '../../../catalog/catalog';
import type { ActionInfo } from '../../../catalog/types';
import { hasWildcard, lowerAscii, matchWildcard, patternCovers } from '../../../arn/wildcard';
import { runTracked, type CheckContext } from '../../engine/checkContext';
import type { Fix } from '../../engine/findings';
import { contentSpan, removeEntryFix, replaceValueFix } from './actionResourceEdits';

/** What an action value stands for, as far as the catalog knows. */
export type ActionAnalysis =
  /** `*`: every action. */
  | { readonly kind: 'all' }
  /** A pattern whose service part has a wildcard; `actions` is its expansion. */
  | { readonly kind: 'wildService'; readonly actions: readonly ActionInfo[] }
  /** A known service; `actions` is the one action or the wildcard's expansion (possibly empty). */
  | { readonly kind: 'service'; readonly service: string; readonly actions: readonly ActionInfo[]; readonly wildcard: boolean }
  /** Not decidable or invalid: unknown service, bad format. */
  | { readonly kind: 'unknown' };

const expansionCache = new Map<string, readonly ActionInfo[]>();

/** The catalog actions a lower-cased pattern matches, cached. */
function expandCached(lowerPattern: string): readonly ActionInfo[] {
  let hit = expansionCache.get(lowerPattern);
  if (!hit) {
    hit = expandActionPattern(lowerPattern);
    if (expansionCache.size > 5000) expansionCache.clear();
    expansionCache.set(lowerPattern, hit);
  }
  return hit;
}

const analysisCache = new Map<string, ActionAnalysis>();

/** Analyses a well-formed action string without reporting anything; cached per text. */
export function analyseAction(text: string): ActionAnalysis {
  let hit = analysisCache.get(text);
  if (!hit) {
    hit = analyseUncached(text);
    if (analysisCache.size > 20000) analysisCache.clear();
    analysisCache.set(text, hit);
  }
  return hit;
}

function analyseUncached(text: string): ActionAnalysis {
  if (text === '*') return { kind: 'all' };
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1 || /\s/.test(text)) return { kind: 'unknown' };
  const servicePart = text.slice(0, colon);
  const lower = text.toLowerCase();
  if (hasWildcard(servicePart)) return { kind: 'wildService', actions: expandCached(lower) };
  const info = catalogService(servicePart);
  if (!info) return { kind: 'unknown' };
  const wildcard = hasWildcard(text.slice(colon + 1));
  if (!wildcard) {
    const one = catalogAction(text);
    return { kind: 'service', service: info.prefix, actions: one ? [one] : [], wildcard };
  }
  return { kind: 'service', service: info.prefix, actions: expandCached(lower), wildcard };
}

const suggestionCache = new Map<string, readonly ActionInfo[]>();

/**
 * The nearest catalog actions to an unknown one, cached per text: the edit-distance search is the
 * most expensive part of checking an invalid action, and validation repeats it on every keystroke.
 */
function suggestActionsCached(text: string): readonly ActionInfo[] {
  let hit = suggestionCache.get(text);
  if (!hit) {
    hit = suggestActions(text, 3);
    if (suggestionCache.size > 2000) suggestionCache.clear();
    suggestionCache.set(text, hit);
  }
  return hit;
}

/** Whether an action value is accepted through `iamPolicy.extraActions`. */
function isExtraAction(context: CheckContext, text: string): boolean {
  const extras = context.options.extraActions;
  if (!extras || extras.length === 0) return false;
  return extras.some((extra) => matchWildcard(text, extra, true) || extra.toLowerCase() === text.toLowerCase());
}

function dataDate(): string {
  return dataInfo().dataDate;
}

/** Tries to read `s3GetObject` as `s3:GetObject`: a known service prefix followed by one of its actions. */
function insertColon(text: string): string | undefined {
  for (let i = 1; i < text.length; i++) {
    const candidate = `${text.slice(0, i)}:${text.slice(i)}`;
    const found = catalogAction(candidate);
    if (found) return found.fullName;
  }
  return undefined;
}

/**
 * Action texts known to be valid from the catalog alone. Validation runs on every keystroke over the
 * same values, so the common case (a valid action) costs one set lookup.
 */
const validActions = new Set<string>();

/** Checks one action entry and reports what is wrong with it; returns true when it reported. */
function checkActionValue(context: CheckContext, value: StringValue): boolean {
  const text = value.value;
  if (validActions.has(text)) return false;
  // A catalog action as written (`action` matches names exactly, apart from case) has nothing to report.
  if (catalogAction(text)) {
    if (validActions.size > 20000) validActions.clear();
    validActions.add(text);
    return false;
  }
  const { result: viaExtra, reported } = runTracked(context, (tracking) => checkActionText(tracking, value));
  if (!reported && !viaExtra) {
    if (validActions.size > 20000) validActions.clear();
    validActions.add(text);
  }
  return reported;
}

/** The checks of `checkActionValue`; returns true when the value was accepted through `extraActions`. */
function checkActionText(context: CheckContext, value: StringValue): boolean {
  const text = value.value;
  if (text === '*') return false;
  const trimmed = text.trim();
  if (trimmed !== text) {
    // Spaces around the service prefix make it an unknown service; spaces at the end an unknown action.
    const code = /^\s/.test(text) ? 'INVALID_SERVICE_IN_ACTION' : 'INVALID_ACTION';
    context.report(code, value.span, `Action \`${text}\` has surrounding spaces, so it matches no action: remove them.`, [replaceValueFix(value, trimmed, `Change to \`${trimmed}\``)]);
    return false;
  }
  const colon = text.indexOf(':');
  if (colon < 0) {
    const fixed = insertColon(text);
    context.report(
      'INVALID_ACTION',
      value.span,
      `Action \`${text}\` has no service prefix: write actions as \`service:action\`${fixed ? `, e.g. \`${fixed}\`` : ''}.`,
      fixed ? [replaceValueFix(value, fixed)] : undefined,
    );
    return false;
  }
  const servicePart = text.slice(0, colon);
  const namePart = text.slice(colon + 1);
  if (servicePart === '') {
    context.report('INVALID_SERVICE_IN_ACTION', value.span, `Action \`${text}\` has no service prefix before the colon: write actions as \`service:action\`.`);
    return false;
  }
  if (/\s/.test(servicePart)) {
    const fixed = servicePart.replace(/\s+/g, '');
    context.report('INVALID_SERVICE_IN_ACTION', contentSpan(context, value, 0, colon), `The service \`${servicePart}\` in action \`${text}\` contains spaces: service prefixes have none.`, [
      replaceValueFix(value, `${fixed}:${namePart}`),
    ]);
    return false;
  }
  if (namePart === '') {
    context.report('INVALID_ACTION', value.span, `Action \`${text}\` has no action name after the colon: add one, or \`*\` for all actions of \`${servicePart}\`.`);
    return false;
  }
  if (/\s/.test(namePart)) {
    const fixed = `${servicePart}:${namePart.replace(/\s+/g, '')}`;
    context.report('INVALID_ACTION', value.span, `Action \`${text}\` contains spaces: action names have none.`, [replaceValueFix(value, fixed)]);
    return false;
  }
  if (hasWildcard(servicePart)) {
    // Access Analyzer, "Suggestion – Wildcard in service name": future services with similar names match too.
    context.report(
      'WILDCARD_IN_SERVICE_NAME',
      contentSpan(context, value, 0, colon),
      `Avoid wildcards in the service name of \`${text}\`: it may grant access to other services with similar names, now or in future. List the services explicitly.`,
    );
    if (expandCached(text.toLowerCase()).length === 0 && !isExtraAction(context, text)) {
      context.report('INVALID_ACTION', value.span, `Action pattern \`${text}\` matches no action in the IAM data of ${dataDate()}: check the spelling.`);
    }
    return false;
  }
  const info = catalogService(servicePart);
  if (!info) {
    if (isExtraAction(context, text)) return true;
    // Access Analyzer, "Error – Invalid service in action".
    const actionSuggestions = hasWildcard(namePart) ? [] : suggestActionsCached(text);
    const serviceSuggestions = suggestServices(servicePart, 3);
    const fixes: Fix[] = [];
    for (const suggestion of actionSuggestions) fixes.push(replaceValueFix(value, suggestion.fullName, undefined, fixes.length === 0));
    if (fixes.length === 0) {
      for (const suggestion of serviceSuggestions) {
        const candidate = `${suggestion.prefix}:${namePart}`;
        if (expandCached(candidate.toLowerCase()).length > 0) fixes.push(replaceValueFix(value, candidate, undefined, fixes.length === 0));
      }
    }
    const hint = fixes.length > 0 ? ` Did you mean \`${fixes[0]!.title.slice('Change to `'.length, -1)}\`?` : serviceSuggestions.length > 0 ? ` Did you mean \`${serviceSuggestions[0]!.prefix}\`?` : '';
    context.report(
      'INVALID_SERVICE_IN_ACTION',
      contentSpan(context, value, 0, colon),
      `The service \`${servicePart}\` in action \`${text}\` does not exist in the IAM data of ${dataDate()}.${hint}`,
      fixes.length > 0 ? fixes : undefined,
    );
    return false;
  }
  if (hasWildcard(namePart)) {
    if (expandCached(text.toLowerCase()).length === 0) {
      if (isExtraAction(context, text)) return true;
      context.report('INVALID_ACTION', value.span, `Action pattern \`${text}\` matches no action of \`${info.prefix}\` in the IAM data of ${dataDate()}: check the spelling.`);
    }
    return false;
  }
  if (catalogAction(text)) return false;
  if (isExtraAction(context, text)) return true;
  // Access Analyzer, "Error – Invalid action": suggest the nearest actions and point to the setting for new ones.
  const suggestions = suggestActionsCached(text);
  const fixes = suggestions.map((suggestion, index) => replaceValueFix(value, suggestion.fullName, undefined, index === 0));
  context.report(
    'INVALID_ACTION',
    value.span,
    `The action \`${text}\` is not in the IAM data of ${dataDate()}${suggestions.length > 0 ? `: did you mean \`${suggestions[0]!.fullName}\`?` : '.'} If it is new, add it to \`iamPolicy.extraActions\`.`,
    fixes.length > 0 ? fixes : undefined,
  );
  return false;
}

/** A wildcard entry of `findRedundantEntries` with its comparison key and folded text. */
interface Wild {
  readonly value: StringValue;
  readonly key: string;
  readonly folded: string;
}

/**
 * Reports entries of an Action/NotAction (or Resource/NotResource) list that another entry of the same
 * list already covers (Access Analyzer, "Suggestion – Redundant action" / "Redundant resource"). Only
 * wildcard entries can cover others, so each entry is compared with the wildcard entries only, and
 * exact duplicates are found with a map. When two entries cover each other the later one is reported.
 */
export function findRedundantEntries(values: readonly StringValue[], ignoreCase: boolean, groupOf: (text: string) => string | undefined): { value: StringValue; coveredBy: StringValue }[] {
  const result: { value: StringValue; coveredBy: StringValue }[] = [];
  const firstByText = new Map<string, StringValue>();
  // Wildcard entries by group (the service prefix for actions); undefined group = may cover anything.
  // Most lists have no wildcard entry: then nothing but duplicates can be redundant, and neither the
  // map nor the group of any entry is needed (the group costs a slice and a lower-casing per entry).
  // Each wildcard entry keeps its comparison key and its ASCII-folded text, computed once: it is
  // compared with every entry of its group.
  let wildByGroup: Map<string | undefined, Wild[]> | undefined;
  for (const value of values) {
    if (!hasWildcard(value.value)) continue;
    const group = groupOf(value.value);
    wildByGroup ??= new Map();
    const wild: Wild = { value, key: ignoreCase ? value.value.toLowerCase() : value.value, folded: ignoreCase ? lowerAscii(value.value) : value.value };
    const list = wildByGroup.get(group);
    if (list) list.push(wild);
    else wildByGroup.set(group, [wild]);
  }
  const none: Wild[] = [];
  const global = wildByGroup?.get(undefined) ?? none;
  // Whether some wildcard entry belongs to a group; if not, `own` below is empty for every entry.
  const grouped = wildByGroup !== undefined && wildByGroup.size > (global.length > 0 ? 1 : 0);
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    const key = ignoreCase ? value.value.toLowerCase() : value.value;
    const earlier = firstByText.get(key);
    if (earlier) {
      result.push({ value, coveredBy: earlier });
      continue;
    }
    firstByText.set(key, value);
    if (wildByGroup === undefined) continue;
    const group = grouped ? groupOf(value.value) : undefined;
    const own = group === undefined ? none : (wildByGroup.get(group) ?? none);
    if (own.length + global.length === 0) continue;
    // `patternCovers` with `ignoreCase` folds both texts on every call; fold this entry once instead.
    const folded = ignoreCase ? lowerAscii(value.value) : value.value;
    for (let c = 0; c < own.length + global.length; c++) {
      const other = c < own.length ? own[c]! : global[c - own.length]!;
      if (other.value === value || other.key === key) continue;
      if (!patternCovers(other.folded, folded, false)) continue;
      // Equivalent patterns: report only the later one.
      if (patternCovers(folded, other.folded, false) && values.indexOf(other.value) > index) continue;
      result.push({ value, coveredBy: other.value });
      break;
    }
  }
  return result;
}

/** The service group of an action for redundancy checks: its lower-cased prefix, or undefined for wildcards. */
function actionGroup(text: string): string | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return text === '*' ? undefined : `\u0000${text}`;
  const service = text.slice(0, colon);
  return hasWildcard(service) ? undefined : service.toLowerCase();
}

/** Checks an Action or NotAction element: empty arrays, each value, redundant entries. */
export function checkActionElement(context: CheckContext, element: StringListElement, name: 'Action' | 'NotAction'): void {
  const value = element.property.value;
  if (element.isArray && element.values.length === 0 && element.invalid.length === 0 && value) {
    // Access Analyzer, "Suggestion – Empty array action".
    context.report(
      'EMPTY_ARRAY_ACTION',
      spanOf(value),
      name === 'Action'
        ? 'The `Action` array is empty, so the statement matches no action and has no effect: list the actions.'
        : 'The `NotAction` array is empty, so the statement applies to every action: list the actions to exclude.',
    );
  }
  // An entry that is itself wrong (unknown action, bad format) gets that finding only: calling it
  // redundant as well would suggest deleting what the user most likely meant to correct.
  let invalid: Set<StringValue> | undefined;
  const values = element.values;
  for (let i = 0; i < values.length; i++) {
    const entry = values[i]!;
    // Most values are known valid texts (never one with a variable): one set lookup.
    if (validActions.has(entry.value)) continue;
    // A policy variable in an action is VARIABLE_UNSUPPORTED_IN_ELEMENT (variable checks); calling
    // the action unknown as well would only repeat it.
    if (entry.value.includes('${') || checkActionValue(context, entry)) (invalid ??= new Set()).add(entry);
  }
  if (element.values.length > 1) {
    for (const { value: redundant, coveredBy } of findRedundantEntries(element.values, true, actionGroup)) {
      if (invalid?.has(redundant)) continue;
      const fix = removeEntryFix(context, element, redundant, `Remove \`${redundant.value}\``);
      context.report(
        'REDUNDANT_ACTION',
        redundant.span,
        redundant.value.toLowerCase() === coveredBy.value.toLowerCase()
          ? `\`${redundant.value}\` is listed twice in \`${name}\`: remove the duplicate.`
          : `\`${redundant.value}\` is redundant: \`${coveredBy.value}\` in the same \`${name}\` already covers it. Remove it.`,
        fix ? [fix] : undefined,
      );
    }
  }
}

/**
 * A role trust policy is the resource policy of an IAM role (`AWS::IAM::AssumeRolePolicyDocument`);
 * only the `sts` actions that assume a role or act on its session apply there (IAM User Guide, "Role
 * trust policy"; Access Analyzer, "Error – Unsupported action in policy").
 */
export function checkTrustPolicyAction(context: CheckContext, value: StringValue): void {
  const analysis = analyseAction(value.value);
  if (analysis.kind === 'all' || analysis.kind === 'unknown') return;
  if (analysis.actions.length === 0) return;
  if (analysis.actions.some((info) => isTrustAction(info.fullName))) return;
  context.report(
    'UNSUPPORTED_ACTION_IN_POLICY',
    value.span,
    `The action \`${value.value}\` is not supported in a role trust policy (resource type \`AWS::IAM::AssumeRolePolicyDocument\`): use ${TRUST_POLICY_ACTIONS.slice(0, 3)
      .map((a) => `\`${a}\``)
      .join(', ')} or the session actions \`sts:TagSession\`, \`sts:SetSourceIdentity\`, \`sts:SetContext\`.`,
  );
}
