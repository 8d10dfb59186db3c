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
 */
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

/** Parses the inside of `${...}` into a key and an optional default. */
function parseVariableBody(body: string): { key: string; fallback?: string } | undefined {
  const comma = body.indexOf(',');
  if (comma === -1) {
    const key = body.trim();
    return key === '' ? undefined : { key };
  }
  const key = body.slice(0, comma).trim();
  const rest = body.slice(comma + 1).trim();
  if (key === '' || rest.length < 2 || !rest.startsWith("'") || !rest.endsWith("'")) return undefined;
  // Two single quotes inside a default stand for one quote.
  return { key, fallback: rest.slice(1, -1).replace(/''/g, "'") };
}

/** Resolves the policy variables of one value against the request context. */
export function resolveValue(value: string, context: RequestContext, options: ResolveOptions): ResolvedValue {
  const codes: number[] = [];
  if (!options.variables) {
    pushPolicyText(codes, value, options);
    return { text: value, codes, unresolved: false, missingKeys: [], problems: [] };
  }
  const missingKeys: string[] = [];
  const problems: string[] = [];
  let text = '';
  let unresolved = false;
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('${', i);
    if (open === -1) {
      pushPolicyText(codes, value.slice(i), options);
      text += value.slice(i);
      break;
    }
    pushPolicyText(codes, value.slice(i, open), options);
    text += value.slice(i, open);
    const close = findClose(value, open + 2);
    if (close === -1) {
      problems.push(`\`${value}\` has a \`\${\` without a closing \`}\`; the rest is read literally`);
      pushPolicyText(codes, value.slice(open), options);
      text += value.slice(open);
      break;
    }
    const body = value.slice(open + 2, close);
    i = close + 1;
    if (body === '*' || body === '?' || body === '$') {
      pushLiteral(codes, body, false);
      text += body;
      continue;
    }
    const parsed = parseVariableBody(body);
    if (!parsed) {
      problems.push(`\`\${${body}}\` is not a valid policy variable; it matches nothing`);
      unresolved = true;
      text += `\${${body}}`;
      continue;
    }
    const entry = context.get(parsed.key);
    if (entry && !entry.multivalued && entry.values.length === 1) {
      pushLiteral(codes, entry.values[0]!, options.ignoreCase);
      text += entry.values[0];
    } else if (parsed.fallback !== undefined) {
      if (entry) problems.push(`\`${parsed.key}\` is multivalued and cannot be a policy variable; its default is used`);
      pushLiteral(codes, parsed.fallback, options.ignoreCase);
      text += parsed.fallback;
    } else {
      if (entry) problems.push(`\`${parsed.key}\` is multivalued and cannot be a policy variable`);
      else missingKeys.push(parsed.key);
      unresolved = true;
      text += `\${${body}}`;
    }
  }
  return { text, codes, unresolved, missingKeys, problems };
}

/** Finds the `}` that closes a variable, skipping quoted defaults (which may contain `}`). */
function findClose(value: string, from: number): number {
  let quoted = false;
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    if (c === "'") quoted = !quoted;
    else if (c === '}' && !quoted) return i;
  }
  return -1;
}
