/**
 * The one table of IAM condition operators: each operator's family, whether it negates, how it
 * treats a missing key, which qualifiers it accepts, what its values look like, and the one parser
 * of operator names. Validation, completion, hover and the evaluator read it; the evaluator adds only
 * how each operator compares values (`evaluate/conditions/operatorComparisons.ts`).
 *
 * Source: IAM User Guide, "IAM JSON policy elements: Condition operators" (string, numeric, date,
 * Boolean, binary, IP address, ARN, ...IfExists and Null condition operators) and "Single-valued vs.
 * multivalued context keys" (the ForAllValues / ForAnyValue set operators).
 */
import { editDistance } from '../spelling/nearestName';

/** Operator families as the IAM User Guide groups them. */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** The set qualifiers for multivalued keys. */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/** What a policy value of an operator must look like. */
export type OperatorValueType = 'string' | 'number' | 'date' | 'boolean' | 'base64' | 'cidr' | 'arn';

/** One base condition operator (without qualifier or `IfExists`). */
export interface OperatorInfo {
  /** The documented name, e.g. `StringNotLike`. Operator names are case-sensitive. */
  readonly name: string;
  readonly family: OperatorFamily;
  /**
   * True for negated matching operators (`StringNotEquals`, `NotIpAddress`, ...): several values
   * combine as NOR, and a missing key makes the condition true.
   */
  readonly negated: boolean;
  /** Whether `IfExists` may be appended (every operator except `Null`). */
  readonly acceptsIfExists: boolean;
  /** Whether `ForAllValues:` / `ForAnyValue:` may be prefixed (every operator; `Null` only pointlessly). */
  readonly acceptsQualifier: boolean;
  /** Whether `*` and `?` in values are wildcards (the Like operators and the ARN operators). */
  readonly wildcards: boolean;
  /**
   * Whether policy variables are resolved in values: String, ARN and Boolean operators. The IAM User
   * Guide disagrees with itself on Boolean: "Condition operators" says "You can use a policy variable
   * with the `Boolean` condition operator" (and "You can not use" one with Numeric, Date, Binary, IP
   * address and Null), while "Variables and tags" lists Boolean among the operators that cannot take
   * one. The per-operator page is followed here; Access Analyzer's INVALID_VARIABLE_FOR_OPERATOR,
   * which allows only String and ARN operators, is reproduced as such by the condition family.
   */
  readonly variables: boolean;
  /** Whether comparison ignores case. */
  readonly ignoreCase: boolean;
  readonly valueType: OperatorValueType;
  /** One line for hover and completion. */
  readonly description: string;
  /** How the operator treats a key that is absent from the request context. */
  readonly missingKey: string;
}

const MISSING_POSITIVE = 'A missing key makes the condition false (use the IfExists form to make it true).';
const MISSING_NEGATED = 'A missing key makes the condition true: the negated operators match when the key is absent.';

function op(
  name: string,
  family: OperatorFamily,
  negated: boolean,
  valueType: OperatorValueType,
  description: string,
  extra: Partial<Pick<OperatorInfo, 'wildcards' | 'ignoreCase'>> = {},
): OperatorInfo {
  const isNull = family === 'Null';
  return Object.freeze({
    name,
    family,
    negated,
    acceptsIfExists: !isNull,
    acceptsQualifier: true,
    wildcards: extra.wildcards ?? false,
    variables: family === 'String' || family === 'Arn' || family === 'Bool',
    ignoreCase: extra.ignoreCase ?? false,
    valueType,
    description,
    missingKey: isNull ? 'Tests presence: `true` matches when the key is absent, `false` when it is present.' : negated ? MISSING_NEGATED : MISSING_POSITIVE,
  });
}

/** Every base operator in the order of the IAM User Guide. */
export const CONDITION_OPERATORS: readonly OperatorInfo[] = Object.freeze([
  op('StringEquals', 'String', false, 'string', 'Exact, case-sensitive string match.'),
  op('StringNotEquals', 'String', true, 'string', 'Negated exact, case-sensitive string match.'),
  op('StringEqualsIgnoreCase', 'String', false, 'string', 'Exact string match ignoring case.', { ignoreCase: true }),
  op('StringNotEqualsIgnoreCase', 'String', true, 'string', 'Negated exact string match ignoring case.', { ignoreCase: true }),
  op('StringLike', 'String', false, 'string', 'Case-sensitive match with `*` and `?` wildcards.', { wildcards: true }),
  op('StringNotLike', 'String', true, 'string', 'Negated case-sensitive match with `*` and `?` wildcards.', { wildcards: true }),
  op('NumericEquals', 'Numeric', false, 'number', 'Number equal to the value.'),
  op('NumericNotEquals', 'Numeric', true, 'number', 'Number not equal to any of the values.'),
  op('NumericLessThan', 'Numeric', false, 'number', 'Number less than the value.'),
  op('NumericLessThanEquals', 'Numeric', false, 'number', 'Number less than or equal to the value.'),
  op('NumericGreaterThan', 'Numeric', false, 'number', 'Number greater than the value.'),
  op('NumericGreaterThanEquals', 'Numeric', false, 'number', 'Number greater than or equal to the value.'),
  op('DateEquals', 'Date', false, 'date', 'Date equal to the value (ISO 8601 or epoch seconds).'),
  op('DateNotEquals', 'Date', true, 'date', 'Date not equal to any of the values.'),
  op('DateLessThan', 'Date', false, 'date', 'Date before the value.'),
  op('DateLessThanEquals', 'Date', false, 'date', 'Date at or before the value.'),
  op('DateGreaterThan', 'Date', false, 'date', 'Date after the value.'),
  op('DateGreaterThanEquals', 'Date', false, 'date', 'Date at or after the value.'),
  op('Bool', 'Bool', false, 'boolean', 'Boolean match against `true` or `false`.'),
  op('BinaryEquals', 'Binary', false, 'base64', 'Byte-for-byte match against a base64-encoded value.'),
  op('IpAddress', 'IpAddress', false, 'cidr', 'IP address in one of the IPv4 or IPv6 CIDR ranges.'),
  op('NotIpAddress', 'IpAddress', true, 'cidr', 'IP address in none of the CIDR ranges.'),
  op('ArnEquals', 'Arn', false, 'arn', 'Case-sensitive ARN match, each of the six ARN parts compared separately; wildcards allowed.', { wildcards: true }),
  op('ArnLike', 'Arn', false, 'arn', 'Case-sensitive ARN match, each of the six ARN parts compared separately; wildcards allowed.', { wildcards: true }),
  op('ArnNotEquals', 'Arn', true, 'arn', 'Negated ARN match; wildcards allowed.', { wildcards: true }),
  op('ArnNotLike', 'Arn', true, 'arn', 'Negated ARN match; wildcards allowed.', { wildcards: true }),
  op('Null', 'Null', false, 'boolean', 'Whether the key is absent (`true`) or present (`false`) in the request context.'),
]);

const BY_NAME = new Map(CONDITION_OPERATORS.map((info) => [info.name, info] as const));
const BY_LOWER = new Map(CONDITION_OPERATORS.map((info) => [info.name.toLowerCase(), info] as const));

/** The base operator with this exact name. */
export function operatorInfo(name: string): OperatorInfo | undefined {
  return BY_NAME.get(name);
}

/** Every operator name as it may be written without a qualifier: the bases and their IfExists forms. */
export const OPERATOR_NAMES: readonly string[] = Object.freeze(
  CONDITION_OPERATORS.flatMap((info) => (info.acceptsIfExists ? [info.name, `${info.name}IfExists`] : [info.name])),
);

/** A problem found while taking an operator name apart. */
export type OperatorNameProblem =
  /** The part before `:` is not `ForAllValues` or `ForAnyValue` as written (`suggestion` has the right one). */
  | { readonly kind: 'qualifier'; readonly text: string; readonly suggestion?: SetQualifier }
  /** The base name is unknown; `suggestion` is the intended full name when one is near. */
  | { readonly kind: 'operator'; readonly text: string; readonly suggestion?: string }
  /** `NullIfExists`. */
  | { readonly kind: 'nullIfExists' };

/** An operator name as written, taken apart. Offsets are relative to the start of the name. */
export interface ParsedOperatorName {
  readonly written: string;
  readonly qualifier?: SetQualifier;
  /** Where the qualifier text (before the `:`) ends, or 0. */
  readonly qualifierLength: number;
  readonly ifExists: boolean;
  /** The base operator, when known. */
  readonly info?: OperatorInfo;
  readonly problem?: OperatorNameProblem;
}

const parseCache = new Map<string, ParsedOperatorName>();

/**
 * Takes apart `ForAnyValue:StringLikeIfExists` and friends. Operator names and qualifiers are
 * case-sensitive; a wrong case is a problem with the right spelling as suggestion.
 */
export function parseOperatorName(written: string): ParsedOperatorName {
  let cached = parseCache.get(written);
  if (!cached) {
    cached = Object.freeze(parseUncached(written));
    if (parseCache.size > 2000) parseCache.clear();
    parseCache.set(written, cached);
  }
  return cached;
}

function parseUncached(written: string): ParsedOperatorName {
  let rest = written;
  let qualifier: SetQualifier | undefined;
  let qualifierLength = 0;
  let problem: OperatorNameProblem | undefined;
  const colon = written.indexOf(':');
  if (colon >= 0) {
    const prefix = written.slice(0, colon);
    qualifierLength = colon;
    rest = written.slice(colon + 1);
    if (prefix === 'ForAllValues' || prefix === 'ForAnyValue') {
      qualifier = prefix;
    } else {
      problem = { kind: 'qualifier', text: prefix, suggestion: nearestQualifier(prefix) };
      qualifier = problem.suggestion;
    }
  }
  let ifExists = false;
  let info = BY_NAME.get(rest);
  if (!info && rest.endsWith('IfExists')) {
    info = BY_NAME.get(rest.slice(0, -'IfExists'.length));
    ifExists = info !== undefined;
  }
  if (info && ifExists && !info.acceptsIfExists) {
    return { written, qualifier, qualifierLength, ifExists, info, problem: problem ?? { kind: 'nullIfExists' } };
  }
  if (!info) {
    return { written, qualifier, qualifierLength, ifExists: false, problem: problem ?? { kind: 'operator', text: rest, suggestion: nearestOperator(rest) } };
  }
  return { written, qualifier, qualifierLength, ifExists, info, problem };
}

function nearestQualifier(text: string): SetQualifier | undefined {
  const lower = text.toLowerCase().replace(/[^a-z]/g, '');
  if (lower.startsWith('forall')) return 'ForAllValues';
  if (lower.startsWith('forany')) return 'ForAnyValue';
  return undefined;
}

/**
 * The operator name (possibly with `IfExists`) nearest to `text`: a case-insensitive match first,
 * then the smallest edit distance within a quarter of the length (at most 4).
 */
export function nearestOperator(text: string): string | undefined {
  const lower = text.toLowerCase();
  const exact = BY_LOWER.get(lower);
  if (exact) return exact.name;
  if (lower.endsWith('ifexists')) {
    const base = BY_LOWER.get(lower.slice(0, -'ifexists'.length));
    if (base?.acceptsIfExists) return `${base.name}IfExists`;
  }
  const limit = Math.max(1, Math.min(4, Math.floor(text.length / 4)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of OPERATOR_NAMES) {
    const d = editDistance(lower, name.toLowerCase(), limit);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** The Like counterpart of an exact-match String operator (for values with wildcards). */
export function likeCounterpart(name: string): string | undefined {
  switch (name) {
    case 'StringEquals':
      return 'StringLike';
    case 'StringNotEquals':
      return 'StringNotLike';
    default:
      return undefined;
  }
}

/**
 * The operator of `family` that corresponds to `info` (same sense and strictness), for fixing a
 * family that does not fit the key's type: `StringEquals` → `Bool`, `StringNotEquals` →
 * `NumericNotEquals`, `StringLike` → `ArnLike`.
 */
export function counterpartIn(info: OperatorInfo, family: OperatorFamily): string | undefined {
  const positive = !info.negated;
  switch (family) {
    case 'Bool':
      return positive ? 'Bool' : undefined;
    case 'Binary':
      return positive ? 'BinaryEquals' : undefined;
    case 'IpAddress':
      return positive ? 'IpAddress' : 'NotIpAddress';
    case 'Numeric':
    case 'Date': {
      const suffix = info.name.replace(/^(String|Numeric|Date|Arn)/, '');
      const map: Record<string, string> = { Equals: 'Equals', NotEquals: 'NotEquals', EqualsIgnoreCase: 'Equals', NotEqualsIgnoreCase: 'NotEquals' };
      const wanted = info.family === 'Numeric' || info.family === 'Date' ? suffix : map[suffix];
      return wanted && BY_NAME.has(`${family}${wanted}`) ? `${family}${wanted}` : undefined;
    }
    case 'Arn': {
      const map: Record<string, string> = { StringEquals: 'ArnEquals', StringNotEquals: 'ArnNotEquals', StringLike: 'ArnLike', StringNotLike: 'ArnNotLike' };
      return map[info.name];
    }
    case 'String': {
      const map: Record<string, string> = { ArnEquals: 'StringEquals', ArnNotEquals: 'StringNotEquals', ArnLike: 'StringLike', ArnNotLike: 'StringNotLike', NumericEquals: 'StringEquals', NumericNotEquals: 'StringNotEquals', DateEquals: 'StringEquals', DateNotEquals: 'StringNotEquals', Bool: 'StringEquals' };
      return map[info.name];
    }
    default:
      return undefined;
  }
}

/**
 * The operator families that fit a condition key type of the Service Authorization Reference
 * (`String`, `ArrayOfARN`, `Numeric`, ...). ARN keys also accept String operators (the IAM User Guide
 * allows them, Access Analyzer only warns about StringLike on ARN keys). Unknown types accept all.
 */
export function familiesForKeyType(type: string): readonly OperatorFamily[] | undefined {
  const base = type.startsWith('ArrayOf') ? type.slice('ArrayOf'.length) : type;
  switch (base) {
    case 'String':
      return ['String'];
    case 'ARN':
    case 'Arn':
      return ['Arn', 'String'];
    case 'Numeric':
    case 'Long':
    case 'Integer':
      return ['Numeric'];
    case 'Date':
      return ['Date'];
    case 'Bool':
    case 'Boolean':
      return ['Bool'];
    case 'IPAddress':
    case 'IpAddress':
      return ['IpAddress'];
    case 'Binary':
      return ['Binary'];
    default:
      return undefined;
  }
}
