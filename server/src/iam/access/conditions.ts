/**
 * Conditions as the access analyses need them: whether one statement's conditions imply another's
 * (so that the second applies whenever the first does), and a request context that satisfies a
 * statement's conditions, for example requests. Implication is decided only where the IAM User
 * Guide's rules make it certain ("Condition operators"; "Conditions with multiple context keys or
 * values": operators and keys are AND, the values of one key are OR, NOR for negated operators);
 * anything else is "cannot tell", never "yes".
 */
import type { ContextValue } from '../evaluate';
import { parseOperatorName, type OperatorInfo, type SetQualifier } from '../conditions/operators';
import { patternWithin } from './patterns';
import type { ConditionClause } from './statements';

interface Parsed {
  readonly base: string;
  readonly family: string;
  readonly negated: boolean;
  readonly qualifier?: string;
  readonly ifExists: boolean;
}

function parse(operator: string): Parsed | undefined {
  const parsed = evaluatedOperator(operator);
  if ('error' in parsed) return undefined;
  return { base: parsed.operator.name, family: parsed.operator.family, negated: parsed.operator.negated, qualifier: parsed.qualifier, ifExists: parsed.ifExists };
}

function subset(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.every((v) => set.has(v));
}

/** The case-sensitive string and ARN operators, whose values can be compared as patterns. */
const PATTERN_OPERATORS: Readonly<Record<string, { like: boolean; negated: boolean; family: string }>> = {
  StringEquals: { like: false, negated: false, family: 'String' },
  StringLike: { like: true, negated: false, family: 'String' },
  StringNotEquals: { like: false, negated: true, family: 'String' },
  StringNotLike: { like: true, negated: true, family: 'String' },
  // ArnEquals and ArnLike behave the same ("Condition operators": ARN condition operators).
  ArnEquals: { like: true, negated: false, family: 'Arn' },
  ArnLike: { like: true, negated: false, family: 'Arn' },
  ArnNotEquals: { like: true, negated: true, family: 'Arn' },
  ArnNotLike: { like: true, negated: true, family: 'Arn' },
};

/**
 * Whether every text value `inner` (a pattern when `innerLike`) matches is matched by `outer`. An
 * exact operator's value is literal text: it contains only itself.
 */
function valueWithin(inner: string, innerLike: boolean, outer: string, outerLike: boolean): boolean {
  if (!outerLike) return inner === outer && (!innerLike || !/[*?]/.test(inner));
  return patternWithin(inner, outer);
}

/**
 * `StringEquals`/`StringLike` (and the ARN operators) compared across operators: positive clauses
 * imply when each of the strong values lies within a weak one (values are OR); negated ones when
 * each weak value lies within a strong one (values are NOR).
 */
function patternClauseImplies(strong: ConditionClause, weak: ConditionClause, s: Parsed, w: Parsed): boolean | undefined {
  const so = PATTERN_OPERATORS[s.base];
  const wo = PATTERN_OPERATORS[w.base];
  if (!so || !wo || so.family !== wo.family || so.negated !== wo.negated || s.qualifier !== w.qualifier) return undefined;
  if (s.ifExists && !w.ifExists) return false;
  if (!so.negated) return strong.values.every((v) => weak.values.some((u) => valueWithin(v, so.like, u, wo.like)));
  return weak.values.every((u) => strong.values.some((v) => valueWithin(u, wo.like, v, so.like)));
}

/** Whether condition `strong` holds only when condition `weak` holds (same key). */
function clauseImplies(strong: ConditionClause, weak: ConditionClause): boolean {
  if (strong.key.toLowerCase() !== weak.key.toLowerCase()) return false;
  const s = parse(strong.operator);
  const w = parse(weak.operator);
  if (!s || !w) return false;
  const byPattern = patternClauseImplies(strong, weak, s, w);
  if (byPattern !== undefined && (byPattern || s.base !== w.base)) return byPattern;
  if (s.base !== w.base || s.qualifier !== w.qualifier) return false;
  // `...IfExists` also holds when the key is missing, so it is the weaker form.
  if (s.ifExists && !w.ifExists) return false;
  if (s.family === 'Bool' || s.family === 'Null' || s.family === 'Numeric' || s.family === 'Date' || s.family === 'Binary') {
    return subset(strong.values, weak.values) && subset(weak.values, strong.values);
  }
  // Several values are OR (NOR when negated): fewer values are stricter, or more when negated.
  return s.negated ? subset(weak.values, strong.values) : subset(strong.values, weak.values);
}

/**
 * True when every request that satisfies `strong` satisfies `weak`: each clause of `weak` is implied
 * by a clause of `strong`.
 */
export function conditionsImply(strong: readonly ConditionClause[], weak: readonly ConditionClause[]): boolean {
  return weak.every((w) => strong.some((s) => clauseImplies(s, w)));
}

/** A readable form of conditions: `{"StringEquals": {"aws:SourceVpc": ["vpc-1"]}}`. */
export function conditionsJson(conditions: readonly ConditionClause[]): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const c of conditions) (out[c.operator] ??= {})[c.key] = [...c.values];
  return out;
}

function fillWildcards(value: string): string {
  return value.replace(/\*/g, 'example').replace(/\?/g, 'x');
}

function shiftNumber(value: string, by: number): string | undefined {
  const n = Number(value);
  return Number.isFinite(n) ? String(n + by) : undefined;
}

function shiftDate(value: string, days: number): string | undefined {
  if (/^\d+$/.test(value)) return String(Number(value) + days * 86400);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t + days * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function firstAddressText(cidr: string): string {
  return cidr.split('/')[0]!;
}

/**
 * A context that satisfies the given conditions, where one can be read off them: each positive
 * clause gets its first value (its `variant`-th value) (wildcards filled), each negated clause leaves its key out (a missing
 * key makes a negated operator true; "Condition operators", Important note). `fixed` keys are set
 * by the caller and win. Returns undefined when the conditions use a form this cannot satisfy.
 */
export function satisfyingContext(conditions: readonly ConditionClause[], fixed: Readonly<Record<string, ContextValue>> = {}, resolveVariable?: (key: string) => string, variant = 0): Record<string, ContextValue> | undefined {
  const context: Record<string, ContextValue> = { ...fixed };
  const fixedKeys = new Set(Object.keys(fixed).map((k) => k.toLowerCase()));
  const setKeys = new Set<string>();
  const resolve = (value: string) => (resolveVariable ? value.replace(/\$\{([^}]*)\}/g, (_, key: string) => resolveVariable(key)) : value);
  for (const clause of conditions) {
    const lower = clause.key.toLowerCase();
    if (fixedKeys.has(lower)) continue;
    const p = parse(clause.operator);
    if (!p) return undefined;
    // Variant n takes the n-th value of each clause (the last when there are fewer).
    const first = clause.values[Math.min(variant, clause.values.length - 1)];
    let value: string | undefined;
    if (p.base === 'Null') {
      if (first === 'true') continue;
      value = 'example';
    } else if (p.negated) {
      // ForAnyValue needs at least one value, which must differ from every listed one.
      if (p.qualifier === 'ForAnyValue') value = p.family === 'Arn' ? 'arn:aws:iam::999999999999:user/example-other' : 'example-other';
      else continue;
    } else if (first === undefined) {
      return undefined;
    } else {
      switch (p.family) {
        case 'Numeric':
          value = p.base === 'NumericLessThan' ? shiftNumber(first, -1) : p.base === 'NumericGreaterThan' ? shiftNumber(first, 1) : first;
          break;
        case 'Date':
          value = p.base === 'DateLessThan' ? shiftDate(first, -1) : p.base === 'DateGreaterThan' ? shiftDate(first, 1) : first;
          break;
        case 'IpAddress':
          value = firstAddressText(first);
          break;
        case 'String':
        case 'Arn':
          value = p.base === 'StringLike' || p.base === 'ArnLike' ? fillWildcards(resolve(first)) : resolve(first);
          break;
        default:
          value = first;
      }
      if (value === undefined) return undefined;
    }
    if (setKeys.has(lower)) continue;
    setKeys.add(lower);
    context[clause.key] = p.qualifier ? [value] : value;
  }
  return context;
}

/**
 * A context entry that makes one condition false, where one can be read off it: a negated clause
 * gets a value like its first one, a positive string clause a value unlike all of them, `Bool` the
 * opposite value, `Null true` a value. Examples use it to look for requests that one policy's
 * statement allows and the other's (with this condition) does not.
 */
export function violatingContext(clause: ConditionClause): Record<string, ContextValue> | undefined {
  const p = parse(clause.operator);
  const first = clause.values[0];
  if (!p || first === undefined) return undefined;
  let value: string | undefined;
  if (p.base === 'Null') value = first === 'true' ? 'example' : undefined;
  else if (p.negated) value = p.family === 'IpAddress' ? firstAddressText(first) : p.family === 'String' || p.family === 'Arn' ? fillWildcards(first) : first;
  else if (p.family === 'Bool') value = first.toLowerCase() === 'true' ? 'false' : 'true';
  else if (p.family === 'String') value = 'example-other';
  else if (p.family === 'Arn') value = 'arn:aws:iam::999999999999:user/example-other';
  if (value === undefined) return undefined;
  return { [clause.key]: p.qualifier ? [value] : value };
}

/**
 * A condition operator read the way the evaluator reads it (conditions/operators.ts, the one
 * operator table): its base operator, qualifier and `IfExists`, or why it is not one.
 */
export function evaluatedOperator(name: string): { operator: OperatorInfo; qualifier?: SetQualifier; ifExists: boolean } | { error: string } {
  const parsed = parseOperatorName(name);
  if (parsed.problem || !parsed.info) return { error: `\`${name}\` is not a condition operator` };
  return { operator: parsed.info, ...(parsed.qualifier ? { qualifier: parsed.qualifier } : {}), ifExists: parsed.ifExists };
}
