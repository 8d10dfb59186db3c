/**
 * Check family `condition`: condition operators, condition keys, condition values and policy
 * variables. The shape of the Condition element (object, empty blocks, exact duplicate keys) is the
 * grammar family's; this family checks what the operators, keys and values mean.
 *
 * Sources, cited per check below: IAM User Guide, "IAM JSON policy elements: Condition operators",
 * "Single-valued vs. multivalued context keys", "AWS global condition context keys", "IAM policy
 * elements: Variables and tags", and the Access Analyzer "policy check reference" (awsdocs
 * iam-user-guide, access-analyzer-reference-policy-checks.md) whose codes and messages these are.
 */
import type { ConditionKeyEntry, ConditionOperatorEntry, ScalarValue, Statement } from '../../../document/model';
import { spanOf } from '../../../document/model';
import { counterpartIn, familiesForKeyType, likeCounterpart, parseOperatorName, type ParsedOperatorName } from '../../../conditions/operators';
import { formatNetwork, hasHostBits, isPrivateRange, parseCidr } from '../../../conditions/ipAddress';
import { parsePolicyVariables } from '../../../conditions/policyVariables';
import { isBase64Value, isBooleanValue, isEpochValue, isIsoDateValue, isNumericValue, isVpcId, isVpceId } from '../../../conditions/valueFormats';
import type { CheckContext, CheckFamily } from '../../engine/checkContext';
import { isMultivaluedKey, resolveConditionKey, type KeyResolution } from './conditionKeyLookup';
import { actionListsKey, actionsOfPattern, patternHasActionListingKey, servicesNotListingKey } from './conditionActionSupport';
import { hasWildcard } from '../../../arn/wildcard';
import { removePropertyFix } from '../grammar/grammarChecks';
import { replaceFix } from '../statementFacts';
import { dataInfo } from '../../../catalog/catalog';

function catalogDate(): string {
  return `IAM data of ${dataInfo().dataDate}`;
}

/** Writes an operator name back from its parts. */
function operatorText(qualifier: string | undefined, base: string, ifExists: boolean): string {
  return `${qualifier ? `${qualifier}:` : ''}${base}${ifExists ? 'IfExists' : ''}`;
}

function valueText(value: ScalarValue): string | undefined {
  return value.value === null ? undefined : String(value.value);
}

/** What one statement contributes to the checks of its condition keys. */
interface StatementFacts {
  readonly statement: Statement;
  readonly effect?: 'Allow' | 'Deny';
  /** The `Action` entries (strings), empty when the statement uses `NotAction`. */
  readonly actions: readonly string[];
  /** Every key written anywhere in the statement's Condition, lower-cased. */
  readonly allKeys: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------------
// Operators

/**
 * INVALID_CONDITION_OPERATOR, NULL_WITH_IF_EXISTS, NULL_WITH_QUALIFIER (IAM User Guide, "Condition
 * operators": `...IfExists` can be added to any operator except Null; Access Analyzer "Null with
 * qualifier": Null with ForAllValues is always true, with ForAnyValue always false).
 */
function checkOperator(context: CheckContext, entry: ConditionOperatorEntry, parsed: ParsedOperatorName): void {
  const problem = parsed.problem;
  const span = entry.operatorSpan;
  if (problem?.kind === 'qualifier') {
    const fixed = problem.suggestion && parsed.info ? operatorText(problem.suggestion, parsed.info.name, parsed.ifExists) : undefined;
    context.report(
      'INVALID_CONDITION_OPERATOR',
      span,
      `Invalid condition operator \`${entry.operator}\`: \`${problem.text}\` is not a set qualifier; use \`ForAllValues\` or \`ForAnyValue\`${fixed ? ` (did you mean \`${fixed}\`?)` : ''}.`,
      fixed ? [replaceFix(`Change to \`${fixed}\``, span, JSON.stringify(fixed))] : undefined,
    );
    return;
  }
  if (problem?.kind === 'operator') {
    const fixed = problem.suggestion ? `${parsed.qualifier ? `${parsed.qualifier}:` : ''}${problem.suggestion}` : undefined;
    context.report(
      'INVALID_CONDITION_OPERATOR',
      span,
      `Invalid condition operator \`${entry.operator}\`${fixed ? `: did you mean \`${fixed}\`?` : ': use an operator such as `StringEquals`, `ArnLike` or `NumericLessThan`.'}`,
      fixed ? [replaceFix(`Change to \`${fixed}\``, span, JSON.stringify(fixed))] : undefined,
    );
    return;
  }
  if (problem?.kind === 'nullIfExists') {
    const fixed = operatorText(parsed.qualifier, 'Null', false);
    context.report('NULL_WITH_IF_EXISTS', span, `The \`Null\` condition operator cannot be used with the \`IfExists\` suffix: use \`${fixed}\`.`, [replaceFix(`Change to \`${fixed}\``, span, JSON.stringify(fixed))]);
    return;
  }
  if (parsed.info?.family === 'Null' && parsed.qualifier) {
    context.report(
      'NULL_WITH_QUALIFIER',
      span,
      `Avoid \`Null\` with \`${parsed.qualifier}\`: it always returns ${parsed.qualifier === 'ForAllValues' ? 'true' : 'false'}. Use plain \`Null\`.`,
      [replaceFix('Change to `Null`', span, '"Null"')],
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Keys

/**
 * INVALID_CONDITION_KEY_FORMAT, MISSING_TAG_KEY_IN_CONDITION, UNSUPPORTED_GLOBAL_CONDITION_KEY,
 * INVALID_GLOBAL_CONDITION_KEY, INVALID_SERVICE_CONDITION_KEY, INVALID_SERVICE. Returns whether the
 * key is usable for the deeper checks.
 */
function checkKeyName(context: CheckContext, key: ConditionKeyEntry, resolution: KeyResolution): boolean {
  const span = key.keySpan;
  switch (resolution.kind) {
    case 'known':
    case 'unlisted':
      return true;
    case 'badFormat':
      context.report('INVALID_CONDITION_KEY_FORMAT', span, `Invalid condition key format \`${key.key}\`: use the format \`service:keyname\`, e.g. \`aws:SourceVpc\`.`);
      return false;
    case 'missingTagKey': {
      const isTag = /tag\/$/i.test(resolution.stem);
      context.report(
        'MISSING_TAG_KEY_IN_CONDITION',
        span,
        isTag
          ? `The condition key \`${key.key}\` must include a tag key: use the format \`${resolution.stem}tag-key\`, e.g. \`${resolution.stem}owner\`.`
          : `The condition key \`${key.key}\` must include a name after \`${resolution.stem}\`.`,
      );
      return false;
    }
    case 'unsupportedGlobal':
      context.report('UNSUPPORTED_GLOBAL_CONDITION_KEY', span, `The condition key \`${key.key}\` is not supported: use \`aws:PrincipalArn\` or \`aws:SourceArn\` instead.`, [
        replaceFix('Change to `aws:PrincipalArn`', span, '"aws:PrincipalArn"'),
        replaceFix('Change to `aws:SourceArn`', span, '"aws:SourceArn"', false),
      ]);
      return false;
    case 'unknownGlobal':
      context.report(
        'INVALID_GLOBAL_CONDITION_KEY',
        span,
        `The global condition key \`${key.key}\` does not exist${resolution.suggestion ? `: did you mean \`${resolution.suggestion}\`?` : '.'}`,
        resolution.suggestion ? [replaceFix(`Change to \`${resolution.suggestion}\``, span, JSON.stringify(resolution.suggestion))] : undefined,
      );
      return false;
    case 'unknownServiceKey':
      // An error only when a near key exists (a typo); otherwise the catalog may just be older than the key.
      if (resolution.suggestion) {
        context.report(
          'INVALID_SERVICE_CONDITION_KEY',
          span,
          `The condition key \`${key.key}\` does not exist in the service \`${resolution.service}\`: did you mean \`${resolution.suggestion}\`?`,
          [replaceFix(`Change to \`${resolution.suggestion}\``, span, JSON.stringify(resolution.suggestion))],
        );
      } else {
        context.report('UNKNOWN_CONDITION_KEY', span, `The condition key \`${key.key}\` is not in the service \`${resolution.service}\`'s list of condition keys (${catalogDate()}): check the spelling.`);
      }
      return false;
    case 'unknownService':
      if (resolution.suggestion) {
        context.report(
          'INVALID_SERVICE',
          span,
          `The service \`${resolution.prefix}\` in condition key \`${key.key}\` does not exist: did you mean \`${resolution.suggestion}\`?`,
          [replaceFix(`Change to \`${resolution.suggestion}\``, span, JSON.stringify(resolution.suggestion))],
        );
      } else {
        context.report('UNKNOWN_CONDITION_KEY', span, `The service prefix of condition key \`${key.key}\` is not a known service (${catalogDate()}): check the spelling.`);
      }
      return false;
  }
}

/**
 * The qualifier against the key's cardinality (IAM User Guide, "Single-valued vs. multivalued
 * context keys": "Multivalued context keys require a condition set operator. Do not use condition
 * set operators ForAllValues or ForAnyValue with single-valued context keys").
 */
function checkQualifier(context: CheckContext, entry: ConditionOperatorEntry, parsed: ParsedOperatorName, key: ConditionKeyEntry, multivalued: boolean | undefined): void {
  const info = parsed.info!;
  if (info.family === 'Null' || multivalued === undefined) return;
  const singleKey = entry.keys.length === 1;
  const span = entry.operatorSpan;
  if (!parsed.qualifier && multivalued) {
    const fixes = singleKey
      ? [
          replaceFix('Add `ForAnyValue:`', span, JSON.stringify(operatorText('ForAnyValue', info.name, parsed.ifExists))),
          replaceFix('Add `ForAllValues:`', span, JSON.stringify(operatorText('ForAllValues', info.name, parsed.ifExists)), false),
        ]
      : undefined;
    context.report('MISSING_QUALIFIER', key.keySpan, `The request context key \`${key.key}\` has multiple values: use the \`ForAllValues\` or \`ForAnyValue\` qualifier with \`${entry.operator}\`.`, fixes);
    return;
  }
  if (parsed.qualifier && !multivalued) {
    const plain = operatorText(undefined, info.name, parsed.ifExists);
    const fixes = singleKey ? [replaceFix(`Remove \`${parsed.qualifier}:\``, span, JSON.stringify(plain))] : undefined;
    if (parsed.qualifier === 'ForAllValues') {
      context.report('FORALLVALUES_WITH_SINGLE_VALUED_KEY', key.keySpan, `Using \`ForAllValues\` with the single-valued key \`${key.key}\` can be overly permissive: it is also true when the key is absent. Remove \`ForAllValues:\`.`, fixes);
    } else {
      context.report('FORANYVALUE_WITH_SINGLE_VALUED_KEY', key.keySpan, `\`ForAnyValue\` has no use with the single-valued key \`${key.key}\`: remove \`ForAnyValue:\`.`, fixes);
    }
  }
}

/** TYPE_MISMATCH: the operator family against the key's type (Access Analyzer "Type mismatch"). */
function checkOperatorType(context: CheckContext, entry: ConditionOperatorEntry, parsed: ParsedOperatorName, key: ConditionKeyEntry, resolution: KeyResolution): void {
  const info = parsed.info!;
  if (info.family === 'Null' || resolution.kind !== 'known') return;
  const families = familiesForKeyType(resolution.info.type);
  if (!families || families.includes(info.family)) return;
  // Many String-typed keys hold ARNs (kms:EncryptionContext:aws:s3:arn, tags holding ARNs); ARN
  // operators on them are fine when every value is written as an ARN.
  if (info.family === 'Arn' && families.includes('String') && key.values.length > 0 && key.values.every((value) => typeof value.value === 'string' && (value.value.startsWith('arn:') || value.value.startsWith('${')))) return;
  // IAM User Guide, aws:EpochTime: "use this key with date condition operators or numeric operators".
  if (info.family === 'Numeric' && resolution.info.key.toLowerCase() === 'aws:epochtime') return;
  const wanted = families[0]!;
  const replacement = counterpartIn(info, wanted);
  const fixes = replacement && entry.keys.length === 1 ? [replaceFix(`Change to \`${operatorText(parsed.qualifier, replacement, parsed.ifExists)}\``, entry.operatorSpan, JSON.stringify(operatorText(parsed.qualifier, replacement, parsed.ifExists)))] : undefined;
  context.report(
    'TYPE_MISMATCH',
    key.keySpan,
    `Use ${/^[AEIOU]/.test(wanted) ? 'an' : 'a'} ${wanted === 'Bool' ? 'Boolean' : wanted} operator${replacement ? ` such as \`${replacement}\`` : ''} instead of \`${entry.operator}\` for the condition key \`${key.key}\` (type ${resolution.info.type}).`,
    fixes,
  );
}

// ---------------------------------------------------------------------------------------------------
// Values

/** The value with its variables and escapes removed, for wildcard detection. */
function withoutVariables(text: string): string {
  const parsed = parsePolicyVariables(text);
  if (parsed.variables.length === 0) return text;
  let out = '';
  let at = 0;
  for (const variable of parsed.variables) {
    out += text.slice(at, variable.offset);
    at = variable.offset + variable.length;
  }
  return out + text.slice(at);
}

/**
 * Per-value checks by operator family (Access Analyzer "Type mismatch Boolean/date/number/string/IP
 * range", "Invalid date value", "Wildcard without like operator", "Improve IP range",
 * "Invalid variable for operator") and by key (VPC and VPC endpoint IDs).
 */
function checkValues(context: CheckContext, entry: ConditionOperatorEntry, parsed: ParsedOperatorName, key: ConditionKeyEntry): void {
  const info = parsed.info!;
  const keyLower = key.key.toLowerCase();
  const jsonTypes = new Set<string>();
  for (const value of key.values) {
    jsonTypes.add(value.type);
    const text = valueText(value);
    if (text === undefined) continue;
    const hasVariable = text.includes('${');
    if (hasVariable && info.family !== 'String' && info.family !== 'Arn') {
      // Access Analyzer "Invalid variable for operator": "Policy variables can only be used with
      // String and ARN operators". Stricter than IAM itself, which also resolves them in Bool values
      // (the operator table's `variables`); the check reproduces Access Analyzer's.
      context.report('INVALID_VARIABLE_FOR_OPERATOR', value.span, `Policy variables can only be used with String and ARN operators, not \`${entry.operator}\`.`);
      continue;
    }
    if (hasVariable) continue;
    switch (info.family) {
      case 'Bool':
      case 'Null':
        if (!isBooleanValue(text)) context.report('TYPE_MISMATCH_BOOLEAN', value.span, `\`${entry.operator}\` needs a Boolean value (\`true\` or \`false\`), not \`${text}\`.`);
        break;
      case 'Numeric':
        if (!isNumericValue(text)) context.report('TYPE_MISMATCH_NUMBER', value.span, `\`${entry.operator}\` needs a numeric value, not \`${text}\`.`);
        break;
      case 'Date':
        if (isEpochValue(text)) {
          // aws:EpochTime carries epoch seconds, so epoch values are the natural way to compare it.
          if (keyLower !== 'aws:epochtime') context.report('INVALID_DATE_VALUE', value.span, `The epoch date \`${text}\` might not resolve as expected: use the format YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.`);
        } else if (!isIsoDateValue(text)) {
          context.report('TYPE_MISMATCH_DATE', value.span, `\`${entry.operator}\` needs a date such as \`2025-01-31\` or \`2025-01-31T12:00:00Z\` (ISO 8601), not \`${text}\`.`);
        }
        break;
      case 'Binary':
        if (!isBase64Value(text)) context.report('TYPE_MISMATCH_STRING', value.span, `\`${entry.operator}\` needs a base64-encoded value, not \`${text}\`.`);
        break;
      case 'IpAddress': {
        const range = parseCidr(text);
        if (!range) {
          context.report('TYPE_MISMATCH_IP_RANGE', value.span, `\`${text}\` is not a valid IP address or range: use CIDR format such as \`203.0.113.0/24\` or \`2001:db8::/32\`.`);
        } else if (hasHostBits(range)) {
          const better = formatNetwork(range);
          context.report('IMPROVE_IP_RANGE', value.span, `The bits of \`${text}\` after the /${range.prefix} mask are ignored: replace it with \`${better}\`.`, [replaceFix(`Change to \`${better}\``, value.span, JSON.stringify(better))]);
        }
        break;
      }
      case 'String': {
        const like = likeCounterpart(info.name);
        if ((!info.wildcards && /[*?]/.test(withoutVariables(text)))) {
          const fixed = like ? operatorText(parsed.qualifier, like, parsed.ifExists) : undefined;
          context.report(
            'WILDCARD_WITHOUT_LIKE_OPERATOR',
            value.span,
            `The value \`${text}\` has a \`*\` or \`?\` that \`${entry.operator}\` compares literally: ${fixed ? `use \`${fixed}\` if you meant a wildcard.` : 'use a `Like` operator if you meant a wildcard.'}`,
            fixed ? [replaceFix(`Change the operator to \`${fixed}\``, entry.operatorSpan, JSON.stringify(fixed))] : undefined,
          );
        }
        if (!/[*?]/.test(text)) checkIdFormat(context, keyLower, key, value, text);
        break;
      }
      default:
        break;
    }
  }
  // Access Analyzer "Invalid condition data type": "Use condition values of the same JSON data type".
  if (jsonTypes.size > 1) {
    context.report('INVALID_CONDITION_DATA_TYPE', key.keySpan, `The values of \`${key.key}\` mix JSON types (${[...jsonTypes].join(', ')}): use values of one JSON type, e.g. all strings.`);
  }
}

/** INVALID_VPC_FORMAT and INVALID_VPCE_FORMAT (Amazon VPC IDs: `vpc-`/`vpce-` and 8 or 17 hex digits). */
function checkIdFormat(context: CheckContext, keyLower: string, key: ConditionKeyEntry, value: ScalarValue, text: string): void {
  if (keyLower === 'aws:sourcevpc' && !isVpcId(text)) {
    context.report('INVALID_VPC_FORMAT', value.span, `\`${text}\` is not a VPC ID for \`${key.key}\`: use \`vpc-\` followed by 8 or 17 hexadecimal characters.`);
  } else if (keyLower === 'aws:sourcevpce' && !isVpceId(text)) {
    context.report('INVALID_VPCE_FORMAT', value.span, `\`${text}\` is not a VPC endpoint ID for \`${key.key}\`: use \`vpce-\` followed by 8 or 17 hexadecimal characters.`);
  }
}

/** Empty value arrays (Access Analyzer "Empty array condition", "... ForAllValues", "... ForAnyValue", "... IfExists"). */
function checkEmptyArray(context: CheckContext, parsed: ParsedOperatorName, key: ConditionKeyEntry): boolean {
  if (!key.isArray || key.values.length > 0 || key.invalid.length > 0) return false;
  const span = key.property.value ? spanOf(key.property.value) : key.keySpan;
  const remove = [removePropertyFix(context, key.property)];
  if (parsed.qualifier === 'ForAllValues') {
    context.report('EMPTY_ARRAY_CONDITION_FORALLVALUES', span, `\`ForAllValues\` with no values for \`${key.key}\` matches only when the key is missing: use \`Null\` with \`true\` to test for that.`);
  } else if (parsed.qualifier === 'ForAnyValue') {
    context.report('EMPTY_ARRAY_CONDITION_FORANYVALUE', span, `\`ForAnyValue\` with no values for \`${key.key}\` never matches: specify values.`, remove);
  } else if (parsed.ifExists) {
    context.report('EMPTY_ARRAY_CONDITION_IFEXISTS', span, `\`IfExists\` with no values for \`${key.key}\` matches only when the key is missing: use \`Null\` with \`true\` to test for that.`);
  } else {
    context.report('EMPTY_ARRAY_CONDITION', span, `There are no values for the condition key \`${key.key}\`: specify values or remove the key.`, remove);
  }
  return true;
}

/** INVALID_CONDITION_MULTIPLE_BOOLEAN: a single-valued Boolean key with several values. */
function checkMultipleBoolean(context: CheckContext, parsed: ParsedOperatorName, key: ConditionKeyEntry, multivalued: boolean | undefined): void {
  if (parsed.info?.family !== 'Bool' || parsed.qualifier || multivalued || key.values.length < 2) return;
  context.report('INVALID_CONDITION_MULTIPLE_BOOLEAN', key.keySpan, `The condition key \`${key.key}\` does not support multiple Boolean values: use a single value.`);
}

/**
 * REDUNDANT_CONDITION_VALUE_NUM: several values for a numeric less-than or greater-than comparison
 * are ORed, so only the greatest (less-than) or least (greater-than) value counts.
 */
function checkRedundantNumbers(context: CheckContext, entry: ConditionOperatorEntry, parsed: ParsedOperatorName, key: ConditionKeyEntry): void {
  const name = parsed.info?.name;
  const less = name === 'NumericLessThan' || name === 'NumericLessThanEquals';
  const greater = name === 'NumericGreaterThan' || name === 'NumericGreaterThanEquals';
  if ((!less && !greater) || key.values.length < 2) return;
  let best: ScalarValue | undefined;
  for (const value of key.values) {
    const text = valueText(value);
    if (text === undefined || !isNumericValue(text)) return;
    if (!best || (less ? Number(text) > Number(best.value) : Number(text) < Number(best.value))) best = value;
  }
  const keep = context.text.slice(best!.span.offset, best!.span.offset + best!.span.length);
  const fixes = key.property.value ? [replaceFix(`Keep only ${keep}`, spanOf(key.property.value), keep)] : undefined;
  context.report('REDUNDANT_CONDITION_VALUE_NUM', key.keySpan, `The values of \`${key.key}\` for \`${entry.operator}\` are redundant: only the ${less ? 'greatest' : 'least'} value, ${keep}, matters.`, fixes);
}

/**
 * PRIVATE_IP_ADDRESS, PRIVATE_NOT_IP_ADDRESS and their _SUBSET suggestions: `aws:SourceIp` only
 * carries public addresses (IAM User Guide, aws:SourceIp; Access Analyzer "Private IP address").
 */
function checkSourceIpPrivate(context: CheckContext, parsed: ParsedOperatorName, key: ConditionKeyEntry): void {
  if (parsed.info?.family !== 'IpAddress' || key.key.toLowerCase() !== 'aws:sourceip' || key.values.length === 0) return;
  const negated = parsed.info.negated;
  const privateValues: ScalarValue[] = [];
  for (const value of key.values) {
    const text = valueText(value);
    const range = text === undefined ? undefined : parseCidr(text);
    if (!range) return;
    if (isPrivateRange(range)) privateValues.push(value);
  }
  if (privateValues.length === 0) return;
  if (privateValues.length === key.values.length) {
    if (negated) {
      context.report('PRIVATE_NOT_IP_ADDRESS', key.keySpan, `The values for \`${key.key}\` are only private IP addresses, so \`NotIpAddress\` always matches: \`aws:SourceIp\` works only for public ranges. Use public ranges, or \`aws:VpcSourceIp\` for private ones.`);
    } else {
      context.report('PRIVATE_IP_ADDRESS', key.keySpan, `The values for \`${key.key}\` are only private IP addresses, so the condition never matches: \`aws:SourceIp\` works only for public ranges. Use public ranges, or \`aws:VpcSourceIp\` for private ones.`);
    }
    return;
  }
  for (const value of privateValues) {
    context.report(
      negated ? 'PRIVATE_NOT_IP_ADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET',
      value.span,
      `The private range \`${String(value.value)}\` ${negated ? 'has no effect' : 'never matches'} for \`aws:SourceIp\`, which works only for public ranges: use \`aws:VpcSourceIp\` for private ranges.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Keys against the statement's actions

/**
 * The tag-key checks of Access Analyzer ("Deny/Allow [NotAction] with unsupported tag condition key
 * for service"): `aws:ResourceTag/...` only reaches the actions whose resource types or rows list it;
 * for other actions the key is absent and the condition is false.
 */
function checkTagKeySupport(context: CheckContext, facts: StatementFacts, key: ConditionKeyEntry): void {
  const { statement, effect } = facts;
  if (!effect) return;
  if (statement.notAction) {
    const code = effect === 'Deny' ? 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE' : 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE';
    context.report(
      code,
      key.keySpan,
      effect === 'Deny'
        ? `\`Deny\` with \`NotAction\` and \`${key.key}\` can be overly permissive: actions that do not support the key are not denied. Use \`Action\` instead of \`NotAction\`.`
        : `\`Allow\` with \`NotAction\` and \`${key.key}\` allows only actions that support the key. Use \`Action\` instead of \`NotAction\`.`,
    );
    return;
  }
  const prefixes = new Set<string>();
  for (const pattern of facts.actions) for (const prefix of servicesNotListingKey(pattern, key.key)) prefixes.add(prefix);
  if (prefixes.size === 0) return;
  const list = [...prefixes].sort();
  const shown = list.slice(0, 8).map((prefix) => `\`${prefix}\``).join(', ') + (list.length > 8 ? ` and ${list.length - 8} more` : '');
  if (effect === 'Deny') {
    context.report('DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', key.keySpan, `\`Deny\` with \`${key.key}\` can be overly permissive: actions of ${shown} do not support the key and are not denied. Move them to a statement without this condition.`);
  } else {
    context.report('ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', key.keySpan, `\`${key.key}\` is not supported by actions of ${shown}, so this statement never allows them. Move them to a statement without this condition.`);
  }
}

/**
 * CONDITION_KEY_UNSUPPORTED_BY_ACTIONS: a service condition key that none of the statement's actions
 * supports (Service Authorization Reference), so the key is never in the request context and the
 * condition never matches as written. Our own warning: Access Analyzer's MISSING_ACTION_FOR_CONDITION_KEY
 * and UNSUPPORTED_ACTION_FOR_CONDITION_KEY are undocumented, and as errors this reading flags 30 AWS
 * managed policies whose keys the reference data has not caught up with.
 */
function checkServiceKeySupport(context: CheckContext, facts: StatementFacts, key: ConditionKeyEntry, resolution: KeyResolution): void {
  if (resolution.kind !== 'known' || resolution.info.global || !resolution.info.service || facts.actions.length === 0) return;
  const writtenPrefix = key.key.slice(0, key.key.indexOf(':')).toLowerCase();
  // Keys of identity providers (saml:, accounts.google.com:) are listed under sts but written otherwise.
  if (writtenPrefix !== resolution.info.service.toLowerCase()) return;
  // Whether some action lists the key is asked first: for `*` it is usually answered from the key's
  // own service, without expanding the pattern over the whole catalog.
  if (facts.actions.some((pattern) => patternHasActionListingKey(pattern, key.key))) return;
  if (!facts.actions.some((pattern) => actionsOfPattern(pattern).length > 0)) return;
  const explicit = facts.actions.filter((pattern) => !hasWildcard(pattern));
  context.report(
    'CONDITION_KEY_UNSUPPORTED_BY_ACTIONS',
    key.keySpan,
    `None of the statement's actions supports the condition key \`${key.key}\`, so the condition never matches: add an action that supports it${explicit.length > 0 ? ` or remove the key` : ''}.`,
  );
}

/** CONDITION_KEY_UNSUPPORTED_BY_SOME_ACTIONS: explicitly listed actions that do not support a service key which others in the statement do. */
function checkUnsupportedActions(context: CheckContext, facts: StatementFacts, key: ConditionKeyEntry, resolution: KeyResolution): void {
  if (resolution.kind !== 'known' || resolution.info.global || !resolution.info.service || facts.actions.length < 2) return;
  const writtenPrefix = key.key.slice(0, key.key.indexOf(':')).toLowerCase();
  if (writtenPrefix !== resolution.info.service.toLowerCase()) return;
  if (facts.actions.some((pattern) => hasWildcard(pattern))) return;
  const unsupported: string[] = [];
  let supported = 0;
  for (const pattern of facts.actions) {
    const action = actionsOfPattern(pattern)[0];
    if (!action) return;
    if (actionListsKey(action, key.key)) supported++;
    else unsupported.push(pattern);
  }
  if (supported === 0 || unsupported.length === 0) return;
  context.report(
    'CONDITION_KEY_UNSUPPORTED_BY_SOME_ACTIONS',
    key.keySpan,
    `The condition key \`${key.key}\` does not apply to ${unsupported.map((action) => `\`${action}\``).join(', ')}: move ${unsupported.length === 1 ? 'it' : 'them'} to a statement without this condition.`,
  );
}

/**
 * MISSING_PAIRED_CONDITION_KEYS: Access Analyzer's documented pair, `aws:VpcSourceIp` with
 * `aws:SourceVpc` ("checks whether the request comes from the VPC that you specify ... and the IP
 * address that you specify").
 */
function checkPairedKeys(context: CheckContext, facts: StatementFacts, key: ConditionKeyEntry): void {
  if (key.key.toLowerCase() !== 'aws:vpcsourceip') return;
  if (facts.allKeys.has('aws:sourcevpc') || facts.allKeys.has('aws:sourcevpcarn')) return;
  context.report('MISSING_PAIRED_CONDITION_KEYS', key.keySpan, `\`${key.key}\` can be overly permissive without \`aws:SourceVpc\`: add \`aws:SourceVpc\` to the same condition block.`);
}

// ---------------------------------------------------------------------------------------------------
// The family

function statementFacts(statement: Statement): StatementFacts {
  const effectValue = statement.effect?.value;
  const effect = effectValue?.type === 'string' && (effectValue.value === 'Allow' || effectValue.value === 'Deny') ? effectValue.value : undefined;
  const allKeys = new Set<string>();
  for (const operator of statement.condition?.operators ?? []) for (const key of operator.keys) allKeys.add(key.key.toLowerCase());
  return { statement, effect, actions: statement.notAction ? [] : (statement.action?.values ?? []).map((value) => value.value), allKeys };
}

function checkStatementCondition(context: CheckContext, statement: Statement): void {
  const condition = statement.condition;
  if (!condition?.isObject) return;
  const facts = statementFacts(statement);
  let tagKeyReported = false;
  for (const entry of condition.operators) {
    const parsed = parseOperatorName(entry.operator);
    checkOperator(context, entry, parsed);
    if (!entry.isObject) continue;
    const seenLower = new Map<string, string>();
    for (const key of entry.keys) {
      // Access Analyzer "Duplicate keys with different case": key names are not case-sensitive.
      const lower = key.key.toLowerCase();
      const first = seenLower.get(lower);
      if (first !== undefined && first !== key.key) {
        context.report('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', key.keySpan, `The condition key \`${key.key}\` appears more than once with different capitalization (\`${first}\`) in the same block: key names are case-insensitive. Merge them.`);
      }
      if (first === undefined) seenLower.set(lower, key.key);
      const resolution = resolveConditionKey(key.key);
      const usable = checkKeyName(context, key, resolution);
      // Access Analyzer "Irrelevant condition key in policy": its one documented example is
      // s3:ResourceAccount in a bucket or access point policy, where the resource is the policy's own.
      if (context.kind === 'resource' && lower === 's3:resourceaccount') {
        context.report('IRRELEVANT_CONDITION_KEY_IN_POLICY', key.keySpan, `\`${key.key}\` has no use in a resource policy, whose resource is always in its own account: use it in identity policies.`);
      }
      if (!parsed.info || (parsed.problem && parsed.problem.kind !== 'nullIfExists')) continue;
      if (checkEmptyArray(context, parsed, key)) continue;
      checkValues(context, entry, parsed, key);
      if (!usable) continue;
      const multivalued = isMultivaluedKey(key.key, resolution);
      checkQualifier(context, entry, parsed, key, multivalued);
      checkOperatorType(context, entry, parsed, key, resolution);
      checkMultipleBoolean(context, parsed, key, multivalued);
      checkRedundantNumbers(context, entry, parsed, key);
      checkSourceIpPrivate(context, parsed, key);
      checkPairedKeys(context, facts, key);
      if (parsed.info.family !== 'Null') {
        if (!tagKeyReported && lower.startsWith('aws:resourcetag/')) {
          checkTagKeySupport(context, facts, key);
          tagKeyReported = true;
        }
        checkServiceKeySupport(context, facts, key, resolution);
        checkUnsupportedActions(context, facts, key, resolution);
      }
    }
  }
}

/** The condition family. */
export const conditionChecks: CheckFamily = {
  name: 'condition',
  check(context) {
    for (const statement of context.document.statements) checkStatementCondition(context, statement);
  },
};
