/**
 * Finds the policy variables of one policy string, with the offset and length of each part, for
 * validation, hover and completion. Pure: offsets are relative to the start of the string's content
 * (inside the JSON quotes).
 *
 * Syntax, from the IAM User Guide, "IAM policy elements: Variables and tags": a variable is `$`
 * followed by the key in braces, `${aws:username}`; a default value follows a comma and a space in
 * single quotes, `${aws:PrincipalTag/team, 'company-wide'}`; `${*}`, `${?}` and `${$}` stand for a
 * literal `*`, `?` and `$`. The Access Analyzer checks MISSING_BRACE_IN_VARIABLE, EMPTY_VARIABLE,
 * UNSUPPORTED_SPACE_IN_VARIABLE and MISSING_QUOTE_IN_VARIABLE describe what goes wrong.
 */

/** One `${...}` found in a string. */
export interface PolicyVariable {
  /** Offset of the `$`, relative to the string content. */
  readonly offset: number;
  /** Length from `$` through `}`. */
  readonly length: number;
  /** The text between the braces. */
  readonly body: string;
  /** `escape` for `${*}`, `${?}`, `${$}`; `key` for a context key. */
  readonly kind: 'key' | 'escape';
  /** The context key as written (trimmed), for `key` variables. */
  readonly key?: string;
  /** Offset and length of the key text, relative to the string content. */
  readonly keyOffset?: number;
  readonly keyLength?: number;
  /** The default value without its quotes, when one is given correctly. */
  readonly defaultValue?: string;
  /** For escapes, the literal character they stand for. */
  readonly literal?: '*' | '?' | '$';
}

/** What is wrong with a variable. */
export type VariableProblemKind = 'missingBrace' | 'empty' | 'space' | 'missingQuote';

/** A variable syntax problem with the span it lands on (relative to the string content). */
export interface VariableProblem {
  readonly kind: VariableProblemKind;
  readonly offset: number;
  readonly length: number;
  /** For `space` and `missingQuote`, a corrected variable text when one is evident. */
  readonly replacement?: string;
}

/** The variables and problems of one string. */
export interface ParsedVariables {
  readonly variables: readonly PolicyVariable[];
  readonly problems: readonly VariableProblem[];
}

const NONE: ParsedVariables = Object.freeze({ variables: Object.freeze([]), problems: Object.freeze([]) });

/** Finds the `}` closing a variable opened before `from`, skipping single-quoted default text. */
function findClose(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (c === '}' && !quoted) return i;
  }
  // An unbalanced quote: fall back to the first `}` at all, so `${a, 'x}` still closes.
  return text.indexOf('}', from);
}

/** Parses the variables of one string (its unquoted content). */
export function parsePolicyVariables(text: string): ParsedVariables {
  if (!text.includes('${')) return NONE;
  const variables: PolicyVariable[] = [];
  const problems: VariableProblem[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    let close = findClose(text, open + 2);
    const nextOpen = text.indexOf('${', open + 2);
    // `${aws:username/${aws:userid}`: the first variable is the unclosed one.
    if (close >= 0 && nextOpen >= 0 && nextOpen < close && !text.slice(open + 2, nextOpen).includes("'")) close = -1;
    if (close < 0) {
      const end = nextOpen >= 0 ? nextOpen : text.length;
      problems.push({ kind: 'missingBrace', offset: open, length: end - open });
      i = end > open ? end : open + 2;
      continue;
    }
    const body = text.slice(open + 2, close);
    const length = close + 1 - open;
    i = close + 1;
    if (body === '*' || body === '?' || body === '$') {
      variables.push({ offset: open, length, body, kind: 'escape', literal: body });
      continue;
    }
    const comma = body.indexOf(',');
    const keyPart = comma >= 0 ? body.slice(0, comma) : body;
    const key = keyPart.trim();
    if (key === '') {
      problems.push({ kind: 'empty', offset: open, length });
      continue;
    }
    const keyStart = open + 2 + keyPart.indexOf(key);
    let defaultValue: string | undefined;
    let quoteProblem = false;
    if (comma >= 0) {
      const rest = body.slice(comma + 1).trim();
      if (rest.length >= 2 && rest.startsWith("'") && rest.endsWith("'")) defaultValue = rest.slice(1, -1);
      else quoteProblem = true;
    }
    // A space in the key part (before the comma) is unsupported; spaces belong only after the comma.
    if (/\s/.test(keyPart)) {
      const compactKey = key.replace(/\s+/g, '');
      const replacement = comma >= 0 ? `\${${compactKey},${body.slice(comma + 1)}}` : `\${${compactKey}}`;
      problems.push({ kind: 'space', offset: open, length, replacement });
    }
    if (quoteProblem) {
      const rest = body.slice(comma + 1).trim().replace(/^'/, '').replace(/'$/, '');
      problems.push({ kind: 'missingQuote', offset: open, length, replacement: `\${${key.replace(/\s+/g, '')}, '${rest}'}` });
    }
    variables.push({ offset: open, length, body, kind: 'key', key, keyOffset: keyStart, keyLength: key.length, defaultValue });
  }
  return { variables, problems };
}

/** The keys of the context-key variables in a string (escapes left out), e.g. for evaluation. */
export function variableKeys(text: string): string[] {
  return parsePolicyVariables(text)
    .variables.filter((variable) => variable.kind === 'key')
    .map((variable) => variable.key!);
}
