/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, defaults such as
 * `${aws:username, 'nobody'}` and the special variables `${*}`, `${?}` and `${$}`.
 *
 * Rules, from the IAM User Guide page "IAM policy elements: Variables and tags":
 * - Variables are resolved only when the policy's `Version` is `2012-10-17`; otherwise they are
 *   literal text.
 * - A variable whose key is absent "is effectively null. There is no equal or like value", so a
 *   value containing it matches nothing (negated operators therefore match), and a `Resource` or
 *   `NotResource` entry containing it "will not match any resource".
 * - A default is written after a comma and space, in single quotes.
 * - `${*}`, `${?}` and `${$}` stand for a literal `*`, `?` and `$`.
 * - A multivalued key cannot be used as a variable ("Single-valued vs. multivalued context keys").
 * Substituted text is always literal: a `*` in a user name is not a wildcard.
 *
 * Variables are found by the one parser of policy variables, `iam/conditions/policyVariables.ts`,
 * which validation, hover and completion use too: a variable that validation reports as malformed
 * (empty, or a default not in single quotes) matches nothing here, and an unclosed `${` is text.
 */
import { parsePolicyVariables, type PolicyVariable } from '../conditions/policyVariables';
import type { RequestContext } from './requestContext';
import { ANY_ONE, STAR } from './wildcardMatch';

/** The result of resolving the variables of one policy value. */
export interface ResolvedValue {
  /** The value with variables replaced, for display. */
  readonly text: string;
  /** Pattern codes: wildcards from the policy text as STAR / ANY_ONE, everything substituted literal. */
  readonly codes: readonly number[];
  /** True when a variable could not be resolved: the value then matches nothing. */
  readonly unresolved: boolean;
  /** Keys that variables referred to and that the request did not carry. */
  readonly missingKeys: readonly string[];
  /** Problems worth a warning (a multivalued key used as a variable, an unterminated `${`). */
  readonly problems: readonly string[];
}

/** Options for resolving one value. */
export interface ResolveOptions {
  /** Resolve `${...}` at all (policy Version 2012-10-17 and an operator that supports variables). */
  readonly variables: boolean;
  /** Treat `*` and `?` written in the policy as wildcards. */
  readonly wildcards: boolean;
  /** Lower-case everything (for case-insensitive comparisons). */
  readonly ignoreCase: boolean;
}

function pushLiteral(codes: number[], text: string, ignoreCase: boolean): void {
  const source = ignoreCase ? text.toLowerCase() : text;
  for (let i = 0; i < source.length; i++) codes.push(source.charCodeAt(i));
}

function pushPolicyText(codes: number[], text: string, options: ResolveOptions): void {
  const source = options.ignoreCase ? text.toLowerCase() : text;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (options.wildcards && c === 42) codes.push(STAR);
    else if (options.wildcards && c === 63) codes.push(ANY_ONE);
    else codes.push(c);
  }
}

/**
 * Values without variables, resolved once per text and options: they do not depend on the request,
 * and a batch or an access analysis evaluates the same policy texts over and over. One map per
 * combination of `wildcards` and `ignoreCase`, so that a lookup needs no composed key; each is
 * cleared when full.
 */
const literalValues: ReadonlyArray<Map<string, ResolvedValue>> = [new Map(), new Map(), new Map(), new Map()];
const NOTHING: readonly string[] = Object.freeze([]);

function literalValue(value: string, options: ResolveOptions): ResolvedValue {
  const cache = literalValues[(options.wildcards ? 2 : 0) + (options.ignoreCase ? 1 : 0)]!;
  let resolved = cache.get(value);
  if (resolved === undefined) {
    const codes: number[] = [];
    pushPolicyText(codes, value, options);
    resolved = { text: value, codes, unresolved: false, missingKeys: NOTHING, problems: NOTHING };
    if (cache.size >= 2_500) cache.clear();
    cache.set(value, resolved);
  }
  return resolved;
}

/** Resolves the policy variables of one value against the request context. */
export function resolveValue(value: string, context: RequestContext, options: ResolveOptions): ResolvedValue {
  if (!options.variables || !value.includes('${')) return literalValue(value, options);
  const codes: number[] = [];
  const missingKeys: string[] = [];
  const problems: string[] = [];
  const parsed = parsePolicyVariables(value);
  // Each variable and each unclosed `${` covers a span of the value; the parser reports a malformed
  // variable both as a problem and (when it has a key) as a variable, so spans are keyed by offset.
  const malformed = new Set(parsed.problems.filter((problem) => problem.kind === 'empty' || problem.kind === 'missingQuote').map((problem) => problem.offset));
  const spans: Array<{ offset: number; length: number; unclosed: boolean; variable?: PolicyVariable }> = [
    ...parsed.problems.filter((problem) => problem.kind === 'missingBrace' || problem.kind === 'empty').map((problem) => ({ offset: problem.offset, length: problem.length, unclosed: problem.kind === 'missingBrace' })),
    ...parsed.variables.map((variable) => ({ offset: variable.offset, length: variable.length, unclosed: false, variable })),
  ].sort((a, b) => a.offset - b.offset);
  let text = '';
  let unresolved = false;
  let i = 0;
  for (const span of spans) {
    pushPolicyText(codes, value.slice(i, span.offset), options);
    text += value.slice(i, span.offset);
    const written = value.slice(span.offset, span.offset + span.length);
    i = span.offset + span.length;
    if (span.unclosed) {
      problems.push(`\`${value}\` has a \`\${\` without a closing \`}\`; it is read literally`);
      pushPolicyText(codes, written, options);
      text += written;
      continue;
    }
    const variable = span.variable;
    if (variable?.kind === 'escape') {
      pushLiteral(codes, variable.literal!, false);
      text += variable.literal;
      continue;
    }
    if (!variable || malformed.has(span.offset)) {
      problems.push(`\`${written}\` is not a valid policy variable; it matches nothing`);
      unresolved = true;
      text += written;
      continue;
    }
    const key = variable.key!;
    const entry = context.get(key);
    if (entry && !entry.multivalued && entry.values.length === 1) {
      pushLiteral(codes, entry.values[0]!, options.ignoreCase);
      text += entry.values[0];
    } else if (variable.defaultValue !== undefined) {
      if (entry) problems.push(`\`${key}\` is multivalued and cannot be a policy variable; its default is used`);
      pushLiteral(codes, variable.defaultValue, options.ignoreCase);
      text += variable.defaultValue;
    } else {
      if (entry) problems.push(`\`${key}\` is multivalued and cannot be a policy variable`);
      else missingKeys.push(key);
      unresolved = true;
      text += written;
    }
  }
  pushPolicyText(codes, value.slice(i), options);
  text += value.slice(i);
  return { text, codes, unresolved, missingKeys, problems };
}
