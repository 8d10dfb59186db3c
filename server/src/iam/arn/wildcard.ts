/**
 * IAM wildcard matching: `*` matches any run of characters (including none) and `?` matches exactly one
 * character, as in the Action, Resource and `StringLike` elements. Every other character is literal.
 *
 * The algorithm is the classic iterative star-backtrack: when a mismatch happens after a `*`, only the
 * most recent `*` is retried one character further. A later `*` subsumes everything an earlier one
 * could still try, so this is correct, and earlier stars are never revisited. The cost is at most
 * pattern length × text length (only a long literal run after the last star approaches it) and is
 * linear for the short segments of real policies; it is never exponential, needs no recursion (no
 * stack overflow) and builds no RegExp from user text (no catastrophic backtracking).
 */

/** Lower-cases one UTF-16 code unit without allocating; only ASCII is folded, like IAM action names. */
function foldAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * Returns whether `text` matches `pattern`, where `*` matches any run of characters and `?` exactly one.
 * With `ignoreCase`, ASCII letters compare case-insensitively (IAM compares action names that way);
 * otherwise the comparison is exact (resource ARNs are case-sensitive).
 */
export function matchWildcard(pattern: string, text: string, ignoreCase: boolean): boolean {
  const STAR = 42; // '*'
  const QUESTION = 63; // '?'
  const pLen = pattern.length;
  const tLen = text.length;
  let p = 0;
  let t = 0;
  // Position in the pattern just after the last `*` seen, and the text position it is anchored to.
  let starP = -1;
  let starT = 0;

  while (t < tLen) {
    if (p < pLen) {
      const pc = pattern.charCodeAt(p);
      if (pc === STAR) {
        // Collapse runs of stars: `**` means the same as `*`.
        while (p < pLen && pattern.charCodeAt(p) === STAR) p++;
        if (p === pLen) return true;
        starP = p;
        starT = t;
        continue;
      }
      if (pc === QUESTION) {
        p++;
        t++;
        continue;
      }
      const tc = text.charCodeAt(t);
      if (pc === tc || (ignoreCase && foldAscii(pc) === foldAscii(tc))) {
        p++;
        t++;
        continue;
      }
    }
    if (starP < 0) return false;
    // Let the last star swallow one more character and retry the rest of the pattern from there.
    starT++;
    t = starT;
    p = starP;
  }
  // The text is used up; what is left of the pattern must be stars only.
  while (p < pLen && pattern.charCodeAt(p) === STAR) p++;
  return p === pLen;
}

/** Whether `pattern` contains a wildcard character, so that callers can take an exact-match fast path. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
