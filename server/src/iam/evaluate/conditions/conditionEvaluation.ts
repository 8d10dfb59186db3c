/**
 * Evaluates one condition (operator + key + values) against the request context. This is the one
 * place where the rules shared by every operator live:
 *
 * - "If the key that you specify in a policy condition is not present in the request context, the
 *   values do not match and the condition is false. If the policy condition requires that the key is
 *   not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the
 *   condition is true." (IAM User Guide, "Condition operators", Important note.)
 * - `...IfExists`: a missing key makes the condition true ("...IfExists condition operators").
 * - Several values for one key are OR; for a negated operator they are NOR ("Conditions with
 *   multiple context keys or values").
 * - `ForAllValues`: true when every request value matches at least one policy value, and also when
 *   the key is missing or its value set is empty; `ForAnyValue`: true when at least one request value
 *   matches, false when the key is missing or empty ("Single-valued vs. multivalued context keys").
 *   With a negated operator, the negation applies per request value: `ForAllValues:StringNotLike`
 *   holds when no request value is like any policy value ("Multivalued context key examples").
 * - Policy variables are resolved only for operators that support them and only in policies whose
 *   Version is 2012-10-17 ("IAM policy elements: Variables and tags").
 */
import type { ConditionTrace } from '../types';
import type { RequestContext } from '../requestContext';
import { resolveValue, type ResolvedValue } from '../policyVariables';
import type { OperatorTest } from './conditionOperator';
import { q } from './conditionOperator';
import { parseOperatorName, type OperatorInfo, type SetQualifier } from '../../conditions/operators';
import type { ConditionOperator } from './conditionOperator';
import { OPERATOR_COMPARISONS } from './operatorComparisons';

/** Everything one condition produced. */
export interface ConditionOutcome {
  readonly trace: ConditionTrace;
  /** Keys the condition (or its variables) needed and the request lacked. */
  readonly missingKeys: readonly string[];
  /** Warnings: unreadable values, a multivalued key without a set qualifier... */
  readonly problems: readonly string[];
}

/** An operator name taken apart by the operator table, with the comparison of its base operator. */
interface ResolvedOperator {
  readonly info: OperatorInfo;
  readonly operator: ConditionOperator;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
}

/**
 * Resolves `ForAnyValue:StringLikeIfExists` and friends with the operator table's parser, the same
 * one validation uses; a name validation reports as wrong is an error here (IAM rejects the policy).
 */
function resolveOperator(name: string): ResolvedOperator | { error: string } {
  const parsed = parseOperatorName(name);
  if (parsed.problem?.kind === 'nullIfExists') return { error: `\`${name}\`: \`IfExists\` cannot be added to \`Null\`` };
  if (parsed.problem || !parsed.info) {
    const near = parsed.problem?.kind === 'qualifier' ? (parsed.problem.suggestion && parsed.info ? `${parsed.problem.suggestion}:${name.slice(parsed.qualifierLength + 1)}` : undefined) : parsed.problem?.kind === 'operator' ? parsed.problem.suggestion : undefined;
    return { error: `\`${name}\` is not a condition operator${near ? ` (did you mean \`${near}\`?)` : ''}` };
  }
  const operator = OPERATOR_COMPARISONS.get(parsed.info.name);
  if (!operator) return { error: `\`${name}\` has no comparison` };
  return { info: parsed.info, operator, qualifier: parsed.qualifier, ifExists: parsed.ifExists };
}

/** Reads a condition's values: a string, number or boolean, or an array of them. */
export function readConditionValues(raw: unknown): string[] | undefined {
  const items = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' && Number.isFinite(item)) out.push(String(item));
    else if (typeof item === 'boolean') out.push(item ? 'true' : 'false');
    else return undefined;
  }
  return out;
}

/**
 * Evaluates one condition. Returns an error string for a condition that cannot be evaluated at all
 * (unknown operator, values of the wrong JSON type); the caller records it and treats the statement
 * as not applying.
 */
export function evaluateCondition(
  operatorName: string,
  key: string,
  rawValues: unknown,
  context: RequestContext,
  variablesEnabled: boolean,
): ConditionOutcome | { error: string } {
  const parsed = resolveOperator(operatorName);
  if ('error' in parsed) return parsed;
  const { info, operator, qualifier, ifExists } = parsed;
  const texts = readConditionValues(rawValues);
  if (!texts) return { error: `\`${operatorName}\` \`${key}\`: values must be strings, numbers or booleans` };

  const problems: string[] = [];
  const missingKeys: string[] = [];
  const resolved: ResolvedValue[] = texts.map((text) => {
    const value = resolveValue(text, context, {
      variables: variablesEnabled && info.variables,
      wildcards: info.wildcards,
      ignoreCase: info.ignoreCase,
    });
    missingKeys.push(...value.missingKeys);
    problems.push(...value.problems);
    return value;
  });
  const policyValues = resolved.map((v) => v.text);
  const entry = context.get(key);
  const requestValues = entry?.values;
  const label = `${operatorName} ${q(key)}`;

  const finish = (matched: boolean, explanation: string): ConditionOutcome => ({
    trace: { operator: operatorName, key, policyValues, requestValues, matched, explanation: `${label}: ${explanation}` },
    missingKeys,
    problems,
  });

  if (info.family === 'Null') {
    const keyIsNull = entry === undefined || entry.values.length === 0 ? 'true' : 'false';
    const tests = resolved.map((p) => operator.test(keyIsNull, p));
    collectProblems(tests, problems);
    const hit = tests.find((t) => t.matched);
    return finish(hit !== undefined, hit ? `${hit.explanation}.` : `${tests.map((t) => t.explanation).join('; ')}.`);
  }

  if (entry === undefined) {
    missingKeys.push(key);
    if (ifExists) return finish(true, 'the key is absent, and `...IfExists` makes a missing key true.');
    if (qualifier === 'ForAllValues') return finish(true, 'the key is absent, and `ForAllValues` is true for a missing key.');
    if (qualifier === 'ForAnyValue') return finish(false, 'the key is absent, and `ForAnyValue` is false for a missing key.');
    if (info.negated) return finish(true, 'the key is absent, and a negated operator is true for a missing key.');
    return finish(false, 'the key is absent from the request, so nothing matches.');
  }

  /** Whether one request value matches any policy value (the positive, OR-ed sense). */
  const explanations: string[] = [];
  const positive = (requestValue: string): boolean => {
    const tests = resolved.map((p) => operator.test(requestValue, p));
    collectProblems(tests, problems);
    const hit = tests.find((t) => t.matched);
    explanations.push(hit ? hit.explanation : tests.map((t) => t.explanation).join(', '));
    return hit !== undefined;
  };
  // "It also returns true if there are no keys in the request, or if the key values resolve to a null
  // data set, such as an empty string" (ForAllValues); "For no matching key or a null dataset, the
  // condition returns false" (ForAnyValue). A set of empty strings is such a null data set.
  const values = qualifier && entry.values.every((v) => v === '') ? [] : entry.values;
  const negate = (b: boolean) => (info.negated ? !b : b);

  if (qualifier === 'ForAllValues') {
    if (values.length === 0) return finish(true, 'the request has no values (an empty or null data set), and `ForAllValues` is true for it.');
    const matched = values.every((v) => negate(positive(v)));
    return finish(matched, `${explanations.join('; ')}; ${matched ? 'every' : 'not every'} request value qualifies.`);
  }
  if (qualifier === 'ForAnyValue') {
    if (values.length === 0) return finish(false, 'the request has no values (an empty or null data set), and `ForAnyValue` is false for it.');
    const matched = values.some((v) => negate(positive(v)));
    return finish(matched, `${explanations.join('; ')}; ${matched ? 'at least one' : 'no'} request value qualifies.`);
  }
  if (entry.multivalued && values.length > 1) {
    problems.push(`\`${key}\` has several values in the request but \`${operatorName}\` has no \`ForAllValues:\`/\`ForAnyValue:\` qualifier; it was evaluated as matching when any value matches`);
  }
  const any = values.some((v) => positive(v));
  const matched = negate(any);
  const reason = explanations.length > 0 ? explanations.join('; ') : 'the request has no values';
  return finish(matched, info.negated ? `${reason}; the negated operator is ${matched ? 'true' : 'false'}.` : `${reason}.`);
}

function collectProblems(tests: readonly OperatorTest[], problems: string[]): void {
  for (const t of tests) if (t.problem && !problems.includes(t.problem)) problems.push(t.problem);
}
