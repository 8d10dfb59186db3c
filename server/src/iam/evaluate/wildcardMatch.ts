/**
 * Linear-time wildcard matching for actions, resources and `...Like` condition values.
 *
 * Patterns are compiled into arrays of "pattern codes" rather than strings so that a literal `*` or
 * `?` (which policy variables such as `${*}` produce) can never be mistaken for a wildcard. No RegExp
 * is ever built from user text (ARCHITECTURE invariant 5).
 *
 * Plain string patterns (actions, the fixed patterns of this folder) use the shared
 * `iam/arn/wildcard.ts`. The code-array matcher here exists because resolved policy variables need
 * literal wildcards, which a pattern string cannot express.
 */
import { matchWildcard } from '../arn/wildcard';

export { matchWildcard };

/** Pattern code for `*`: any sequence of characters, including the empty one. */
export const STAR = -1;
/** Pattern code for `?`: exactly one character. */
export const ANY_ONE = -2;

/** A compiled pattern: UTF-16 code units, or STAR / ANY_ONE. */
export type PatternCodes = readonly number[];

/** Compiles pattern text in which every `*` and `?` is a wildcard. */
export function compileWildcard(pattern: string, ignoreCase: boolean): number[] {
  const text = ignoreCase ? pattern.toLowerCase() : pattern;
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    codes.push(c === 42 ? STAR : c === 63 ? ANY_ONE : c);
  }
  return codes;
}

/**
 * Matches compiled pattern codes against text with the iterative star-backtrack algorithm: on a
 * mismatch it only ever returns to the most recent star, so the work is O(pattern × text) in the
 * worst case and linear for the patterns seen in practice, with no recursion.
 */
export function matchCodes(pattern: PatternCodes, text: string, ignoreCase: boolean): boolean {
  const subject = ignoreCase ? text.toLowerCase() : text;
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < subject.length) {
    const code = p < pattern.length ? pattern[p] : undefined;
    if (code !== undefined && (code === ANY_ONE || code === subject.charCodeAt(t))) {
      p++;
      t++;
    } else if (code === STAR) {
      starAt = p;
      resumeAt = t;
      p++;
    } else if (starAt !== -1) {
      p = starAt + 1;
      resumeAt++;
      t = resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === STAR) p++;
  return p === pattern.length;
}

/** Splits pattern codes at the first `count` literal colons (ARN segment boundaries). */
function splitCodesAtColons(codes: PatternCodes, count: number): number[][] {
  const parts: number[][] = [[]];
  for (const code of codes) {
    if (code === 58 && parts.length <= count) parts.push([]);
    else parts[parts.length - 1]!.push(code);
  }
  return parts;
}

/** Splits text at the first `count` colons (ARN segment boundaries). */
function splitTextAtColons(text: string, count: number): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length && parts.length < count; i++) {
    if (text.charCodeAt(i) === 58) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The segments of compiled ARN patterns, kept while the pattern is (resolved values are cached). */
const arnPatternParts = new WeakMap<PatternCodes, number[][]>();

/**
 * Matches an ARN pattern against an ARN segment by segment, as the IAM User Guide documents for
 * the `Resource` element ("wildcards within ARN segments") and for `ArnLike` ("each of the six
 * colon-delimited components of the ARN is checked separately"). The sixth component is everything
 * after the fifth colon, so resource ids that contain colons still match as one segment. A pattern
 * that is a lone `*` matches any text.
 */
export function matchArnCodes(pattern: PatternCodes, arn: string): boolean {
  if (pattern.length === 1 && pattern[0] === STAR) return true;
  let patternParts = arnPatternParts.get(pattern);
  if (patternParts === undefined) {
    patternParts = splitCodesAtColons(pattern, 5);
    arnPatternParts.set(pattern, patternParts);
  }
  const textParts = splitTextAtColons(arn, 5);
  if (patternParts.length !== 6 || textParts.length !== 6) {
    // Either side is not a six-part ARN, so segments cannot be paired; compare as a whole.
    return patternParts.length === textParts.length && matchCodes(pattern, arn, false);
  }
  for (let i = 0; i < 6; i++) {
    if (!matchCodes(patternParts[i]!, textParts[i]!, false)) return false;
  }
  return true;
}
