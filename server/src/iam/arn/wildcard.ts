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

/** Lower-cases ASCII letters only (IAM names compare case-insensitively in ASCII): what `patternCovers` does with `ignoreCase`. */
export function lowerAscii(text: string): string {
  if (!ASCII_UPPER.test(text)) return text;
  // For ASCII text this is `toLowerCase`, which is native; a replacement per run of capitals (kept for
  // text with other characters, which `toLowerCase` would change too) cost a cold lint ~14 ms.
  return NOT_ASCII.test(text) ? text.replace(ASCII_UPPER_RUNS, (run) => run.toLowerCase()) : text.toLowerCase();
}

const ASCII_UPPER = /[A-Z]/;
const ASCII_UPPER_RUNS = /[A-Z]+/g;
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * True when every string matched by pattern `inner` is matched by pattern `outer` (IAM wildcards
 * `*` and `?`), decided conservatively: `outer`'s `*` absorbs anything, its `?` any single
 * character of `inner` except a `*`; other characters must be equal (ASCII letters in any case when
 * `ignoreCase`). True answers are always right; a few exotic containments are missed. Greedy
 * matching with one backtrack point, as in `matchWildcard`: linear in practice and never a RegExp
 * built from user text (docs/ARCHITECTURE.md, invariant 5). Used for redundant actions, resources
 * and statements.
 */
export function patternCovers(outer: string, inner: string, ignoreCase: boolean): boolean {
  if (ignoreCase) {
    // IAM names compare case-insensitively only in ASCII (action names are ASCII).
    outer = lowerAscii(outer);
    inner = lowerAscii(inner);
  }
  if (outer === inner) return true;
  // Character codes rather than one-character strings (`outer[o]`): the same comparisons, without a
  // string load per character in the innermost loop of the redundant-statement check. -1 stands for
  // "past the end of `outer`", which `outer[o] === undefined` tested before.
  const STAR = 42; // '*'
  const QUESTION = 63; // '?'
  const outerLength = outer.length;
  const innerLength = inner.length;
  // Two shortcuts that give the loop's own answer without walking `inner`. Past the last non-star
  // character of `outer`, its stars absorb the rest of `inner` (the loop would consume it one
  // character per backtrack, then return true). A literal last character of `outer` can only be
  // matched by the same literal as the last character of `inner` (the loop's final step pairs them).
  let lastNonStar = outerLength - 1;
  while (lastNonStar >= 0 && outer.charCodeAt(lastNonStar) === STAR) lastNonStar--;
  if (lastNonStar >= 0) {
    const last = outer.charCodeAt(lastNonStar);
    if (lastNonStar === outerLength - 1 && last !== QUESTION && (innerLength === 0 || inner.charCodeAt(innerLength - 1) !== last)) return false;
  }
  let o = 0;
  let i = 0;
  let starO = -1;
  let starI = 0;
  while (i < innerLength) {
    const oc = o < outerLength ? outer.charCodeAt(o) : -1;
    const ic = inner.charCodeAt(i);
    if (oc === STAR) {
      if (o > lastNonStar) return true;
      starO = o++;
      starI = i;
    } else if (oc !== -1 && (oc === QUESTION ? ic !== STAR : oc === ic && ic !== STAR && ic !== QUESTION)) {
      o++;
      i++;
    } else if (starO >= 0) {
      o = starO + 1;
      i = ++starI;
    } else {
      return false;
    }
  }
  while (o < outerLength && outer.charCodeAt(o) === STAR) o++;
  return o === outerLength;
}
