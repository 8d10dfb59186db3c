/**
 * Completion inside `Condition`: operators (with `IfExists` and the `ForAllValues:` / `ForAnyValue:`
 * qualifiers), the condition keys that the statement's actions support (global, service and
 * resource-type keys; tag-key templates as snippets), and values where they are known.
 */
import { conditionKey, globalConditionKeys, service, serviceConditionKeys } from '../catalog/catalog';
import type { ConditionKeyInfo } from '../catalog/types';
import { regionsOf } from '../catalog/regions';
import { CONDITION_OPERATORS, parseOperatorName } from '../conditions/operators';
import { escapeSnippet, matchRank, type RankedCandidate } from './candidate';
import type { CompletionContext } from './completionContext';
import type { ArnDefaults } from './arnTemplates';
import { statementActions } from './statementActions';
import { servicePrincipals } from './principalCompletion';
import { openVariableStart, variableCandidates } from './variableCompletion';

/** The operator families that fit a key type, for ranking keys under an operator and vice versa. */
function familyOfType(type: string): string {
  const base = type.replace(/^ArrayOf/, '');
  switch (base) {
    case 'String':
      return 'String';
    case 'ARN':
    case 'Arn':
      return 'Arn';
    case 'Numeric':
    case 'Long':
    case 'Integer':
      return 'Numeric';
    case 'Date':
      return 'Date';
    case 'Bool':
    case 'Boolean':
      return 'Bool';
    case 'IPAddress':
    case 'IpAddress':
      return 'IpAddress';
    case 'Binary':
      return 'Binary';
    default:
      return 'String';
  }
}

/** The family of an operator as written (`ForAnyValue:StringLikeIfExists` → `String`). */
function operatorFamily(written: string): string | undefined {
  return parseOperatorName(written).info?.family;
}

interface OperatorName {
  readonly name: string;
  readonly base: string;
  readonly family: string;
  readonly qualifier?: string;
  readonly ifExists: boolean;
  /** Lower ranks first: plain operators, then IfExists, then qualified forms. */
  readonly rank: number;
}

let operatorNames: readonly OperatorName[] | undefined;

/** Every operator name a policy may use, in the order they are offered. */
function allOperatorNames(): readonly OperatorName[] {
  if (!operatorNames) {
    const names: OperatorName[] = [];
    const bases = CONDITION_OPERATORS;
    bases.forEach((op, index) => names.push({ name: op.name, base: op.name, family: op.family, ifExists: false, rank: index }));
    bases.forEach((op, index) => {
      if (op.name !== 'Null') names.push({ name: `${op.name}IfExists`, base: op.name, family: op.family, ifExists: true, rank: 100 + index });
    });
    for (const qualifier of ['ForAnyValue', 'ForAllValues']) {
      bases.forEach((op, index) => {
        if (op.name === 'Null') return;
        names.push({ name: `${qualifier}:${op.name}`, base: op.name, family: op.family, qualifier, ifExists: false, rank: 200 + index });
        names.push({ name: `${qualifier}:${op.name}IfExists`, base: op.name, family: op.family, qualifier, ifExists: true, rank: 300 + index });
      });
    }
    operatorNames = names;
  }
  return operatorNames;
}

/** Operator keys of a Condition object. */
export function operatorCandidates(context: CompletionContext): RankedCandidate[] {
  const partial = context.partial.toLowerCase();
  const present = new Set(context.existingKeys);
  const result: RankedCandidate[] = [];
  for (const op of allOperatorNames()) {
    if (present.has(op.name)) continue;
    const tier = matchRank(op.name.toLowerCase(), partial);
    if (tier < 0) continue;
    // Qualified forms only show once the user types `For`, so the plain list stays readable.
    if (op.qualifier && !partial.startsWith('f')) continue;
    const body = context.hasColonAfter ? `"${op.name}"` : `"${op.name}": {\n\t"$1": ${op.qualifier ? '["$2"]' : '"$2"'}\n}`;
    result.push({
      label: op.name,
      info: { kind: 'operator', name: op.name, base: op.base, family: op.family, qualifier: op.qualifier, ifExists: op.ifExists },
      body,
      snippet: !context.hasColonAfter,
      raw: true,
      tier,
      priority: op.rank,
      retrigger: !context.hasColonAfter,
    });
  }
  return result;
}

/** The snippet for a documented key: a template's placeholder becomes a tab stop. */
function keySnippet(key: string): { label: string; body: string; isTemplate: boolean } {
  const match = /\$\{([^}]+)\}|<([^>]+)>/.exec(key);
  if (!match) return { label: key, body: escapeSnippet(key), isTemplate: false };
  const name = match[1] ?? match[2]!;
  return {
    label: key,
    body: `${escapeSnippet(key.slice(0, match.index))}\${1:${name}}${escapeSnippet(key.slice(match.index + match[0].length))}`,
    isTemplate: true,
  };
}

/** Condition keys under an operator. */
export function conditionKeyCandidates(context: CompletionContext): RankedCandidate[] {
  const partial = context.partial.toLowerCase();
  const family = context.operator ? operatorFamily(context.operator) : undefined;
  const multi = context.operator?.startsWith('For') ?? false;
  const present = new Set(context.existingKeys.map((k) => k.toLowerCase()));
  const accepted = statementActions(context.statement);
  const result: RankedCandidate[] = [];
  const seen = new Set<string>();

  const add = (info: ConditionKeyInfo, supportedBy: number, basePriority: number) => {
    const lower = info.key.toLowerCase();
    if (seen.has(lower) || present.has(lower)) return;
    seen.add(lower);
    const tier = matchRank(lower, partial);
    if (tier < 0) return;
    const snippet = keySnippet(info.key);
    const valueSnippet = info.multiValued || multi ? '["$0"]' : '"$0"';
    const valueStop = snippet.isTemplate ? valueSnippet.replace('$0', '$2') : valueSnippet;
    const body = context.hasColonAfter ? `"${snippet.body}"` : `"${snippet.body}": ${valueStop}`;
    // Keys whose type fits the operator rank first; keys the actions support before unrelated ones.
    const fits = family === undefined || family === 'Null' || familyOfType(info.type) === family;
    result.push({
      label: info.key,
      info: { kind: 'conditionKey', key: info, supportedBy, actionCount: accepted.actions.length },
      body,
      snippet: true,
      raw: true,
      tier,
      priority: basePriority + (fits ? 0 : 10_000),
      retrigger: !context.hasColonAfter,
    });
  };

  // Keys of the statement's actions (service and resource-type keys) first, most widely supported first.
  const actionKeys = [...accepted.conditionKeys.entries()].sort((a, b) => b[1] - a[1]);
  actionKeys.forEach(([key, count], index) => {
    const info = conditionKey(key);
    if (info && !info.key.toLowerCase().startsWith('aws:')) add(info, count, index);
    else if (info) add(info, count, 1000 + index);
  });
  globalConditionKeys().forEach((info, index) => add(info, accepted.actions.length, 2000 + index));
  // A typed service prefix (`s3:`) brings that service's keys even when the actions do not name it.
  const colon = partial.indexOf(':');
  if (colon > 0) {
    const named = service(partial.slice(0, colon));
    if (named) serviceConditionKeys(named.prefix).forEach((info, index) => add(info, 0, 5000 + index));
  } else if (accepted.unbounded) {
    for (const prefix of accepted.services) serviceConditionKeys(prefix).forEach((info, index) => add(info, 0, 5000 + index));
  }
  return result;
}

/** Known values of some keys (IAM User Guide and the services' documentation). */
const KNOWN_VALUES: Readonly<Record<string, readonly string[]>> = {
  'aws:principaltype': ['Account', 'User', 'FederatedUser', 'AssumedRole', 'Anonymous'],
  's3:x-amz-acl': ['private', 'public-read', 'public-read-write', 'aws-exec-read', 'authenticated-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write'],
  's3:x-amz-server-side-encryption': ['AES256', 'aws:kms', 'aws:kms:dsse'],
  's3:signatureversion': ['AWS', 'AWS4-HMAC-SHA256'],
  's3:authtype': ['REST-HEADER', 'REST-QUERY-STRING', 'POST'],
  's3:x-amz-object-ownership': ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'],
  'ec2:metadatahttptokens': ['required', 'optional'],
  'kms:keyspec': ['SYMMETRIC_DEFAULT', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2'],
  'kms:keyusage': ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'],
  'kms:keyorigin': ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'],
};

/** Keys whose values are service principal names. */
const SERVICE_PRINCIPAL_KEYS = new Set(['aws:principalservicename', 'aws:principalservicenameslist', 'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast', 'iam:passedtoservice', 'kms:viaservice']);
/** Keys whose values are account ids. */
const ACCOUNT_KEYS = new Set(['aws:sourceaccount', 'aws:principalaccount', 'aws:resourceaccount', 'aws:vpceaccount', 'kms:calleraccount']);

/** Values of a condition key. */
export function conditionValueCandidates(context: CompletionContext, defaults: ArnDefaults): RankedCandidate[] {
  if (openVariableStart(context.partial) >= 0) return variableCandidates(context);
  const keyWritten = context.conditionKey ?? '';
  const keyLower = keyWritten.toLowerCase();
  const info = conditionKey(keyWritten);
  const family = context.operator ? operatorFamily(context.operator) : undefined;
  const partial = context.partial.toLowerCase();
  const values: { value: string; note?: string }[] = [];

  if (family === 'Null') {
    values.push({ value: 'true', note: 'the key is absent' }, { value: 'false', note: 'the key is present' });
  } else if (info && familyOfType(info.type) === 'Bool') {
    values.push({ value: 'true' }, { value: 'false' });
  } else if (keyLower === 'aws:requestedregion' || keyLower.endsWith(':region') || keyLower === 'ec2:region') {
    for (const region of regionsOf(defaults.partition)) values.push({ value: region.code, note: region.name });
  } else if (KNOWN_VALUES[keyLower]) {
    for (const value of KNOWN_VALUES[keyLower]!) values.push({ value });
  } else if (SERVICE_PRINCIPAL_KEYS.has(keyLower)) {
    for (const principal of servicePrincipals()) values.push({ value: principal });
  } else if (ACCOUNT_KEYS.has(keyLower)) {
    values.push({ value: defaults.account, note: 'account' });
  } else if (keyLower === 'aws:sourceip' || keyLower === 'aws:vpcsourceip') {
    values.push({ value: '203.0.113.0/24', note: 'CIDR block' });
  } else if (info && familyOfType(info.type) === 'Date') {
    values.push({ value: '2026-01-01T00:00:00Z', note: 'ISO 8601 date' });
  }

  const result: RankedCandidate[] = [];
  values.forEach(({ value, note }, priority) => {
    const tier = matchRank(value.toLowerCase(), partial);
    if (tier < 0) return;
    result.push({ label: value, info: { kind: 'value', element: keyWritten, value, note }, body: value, snippet: false, tier, priority });
  });
  // Variables fit string and ARN comparisons; offer the opener so the list of variables follows.
  if ((family === 'String' || family === 'Arn') && '${'.startsWith(partial.slice(0, 2)) && partial.length <= 2) {
    result.push({
      label: '${...}',
      info: { kind: 'variable', name: '' },
      body: '\\${$0}',
      snippet: true,
      tier: 0,
      priority: 900,
      filter: '${',
      retrigger: true,
    });
  }
  return result;
}
