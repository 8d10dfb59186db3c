/**
 * Reasoning about resource patterns as sets of ARNs: containment (every ARN one pattern matches,
 * the other matches too), possible overlap, and concrete instances. Every answer errs on the safe
 * side: `patternWithin` says true only when containment holds for every request, `mayOverlap` says
 * false only when no ARN can match both.
 *
 * The matching rules are the evaluator's (`iam/evaluate/wildcardMatch.ts`, from the IAM User Guide,
 * "IAM JSON policy elements: Resource"): ARNs are compared segment by segment over the first five
 * colons, case-sensitively; a lone `*` matches anything; a policy variable resolves per request,
 * and an entry whose variable has no value matches nothing ("Variables and tags").
 */

const STAR = -1;
const ONE = -2;
/** A policy variable in the contained pattern: any text (or nothing matched at all). */
const VAR = -3;

function tokens(pattern: string, variablesAsStar: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (variablesAsStar && c === 36 && pattern.charCodeAt(i + 1) === 123) {
      const end = pattern.indexOf('}', i + 2);
      if (end > 0) {
        out.push(VAR);
        i = end;
        continue;
      }
    }
    out.push(c === 42 ? STAR : c === 63 ? ONE : c);
  }
  return out;
}

/**
 * Whether every text that pattern tokens `inner` can match is matched by the pattern `outer`:
 * `outer`'s `*` may stand for any run of `inner`'s tokens, its `?` for one character or one `?`,
 * and its literals only for the same literal. Iterative star backtracking, as in the matcher.
 */
function tokensWithin(inner: readonly number[], outer: readonly number[]): boolean {
  let i = 0;
  let o = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (i < inner.length) {
    const oc = o < outer.length ? outer[o] : undefined;
    const ic = inner[i]!;
    if (oc !== undefined && oc !== STAR && (oc === ic ? ic >= 0 || ic === ONE : oc === ONE && ic >= 0)) {
      i++;
      o++;
    } else if (oc === ONE && ic === ONE) {
      i++;
      o++;
    } else if (oc === STAR) {
      starAt = o;
      resumeAt = i;
      o++;
    } else if (starAt !== -1) {
      o = starAt + 1;
      resumeAt++;
      i = resumeAt;
    } else return false;
  }
  while (o < outer.length && outer[o] === STAR) o++;
  return o === outer.length;
}

function splitSegments(pattern: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length && parts.length < 5; i++) {
    if (pattern.charCodeAt(i) === 58) {
      parts.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(pattern.slice(start));
  return parts;
}

function hasVariable(pattern: string): boolean {
  return pattern.includes('${');
}

/**
 * True when every resource `inner` matches (for any request context) is matched by `outer`.
 * A variable in `inner` is read as "any text"; a variable in `outer` resolves per request, so it
 * contains `inner` only when both are the same text.
 */
export function patternWithin(inner: string, outer: string): boolean {
  if (outer === '*' && !hasVariable(outer)) return true;
  if (inner === outer) return true;
  if (hasVariable(outer)) return false;
  if (inner === '*') return false;
  const innerParts = splitSegments(inner);
  const outerParts = splitSegments(outer);
  if (innerParts.length === 6 && outerParts.length === 6) {
    for (let s = 0; s < 6; s++) if (!tokensWithin(tokens(innerParts[s]!, true), tokens(outerParts[s]!, false))) return false;
    return true;
  }
  // Patterns that are not six-part ARNs only match texts that are not either, as whole strings.
  if (innerParts.length === 6 || outerParts.length === 6) return false;
  return tokensWithin(tokens(inner, true), tokens(outer, false));
}

function literalPrefix(segment: string): { text: string; whole: boolean } {
  let end = 0;
  while (end < segment.length) {
    const c = segment[end];
    if (c === '*' || c === '?' || (c === '$' && segment[end + 1] === '{')) break;
    end++;
  }
  return { text: segment.slice(0, end), whole: end === segment.length };
}

function literalSuffix(segment: string): string {
  let start = segment.length;
  while (start > 0) {
    const c = segment[start - 1];
    if (c === '*' || c === '?' || c === '}') break;
    start--;
  }
  return segment.slice(start);
}

function segmentsMayOverlap(a: string, b: string): boolean {
  const pa = literalPrefix(a);
  const pb = literalPrefix(b);
  if (pa.whole && pb.whole) return a === b;
  // A literal segment must itself begin and end as the pattern does.
  if (pa.whole) return a.startsWith(pb.text) && a.endsWith(literalSuffix(b)) && a.length >= pb.text.length;
  if (pb.whole) return b.startsWith(pa.text) && b.endsWith(literalSuffix(a)) && b.length >= pa.text.length;
  const n = Math.min(pa.text.length, pb.text.length);
  if (pa.text.slice(0, n) !== pb.text.slice(0, n)) return false;
  const sa = literalSuffix(a);
  const sb = literalSuffix(b);
  const m = Math.min(sa.length, sb.length);
  if (sa.slice(sa.length - m) !== sb.slice(sb.length - m)) return false;
  return true;
}

/** False only when no resource can match both patterns. */
export function mayOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true;
  const pa = splitSegments(a);
  const pb = splitSegments(b);
  if (pa.length !== pb.length) return pa.length !== 6 && pb.length !== 6 ? true : false;
  if (pa.length !== 6) return true;
  for (let s = 0; s < 6; s++) if (!segmentsMayOverlap(pa[s]!, pb[s]!)) return false;
  return true;
}

/**
 * Concrete resources for a pattern: wildcards filled with each word of `fill` in turn, policy
 * variables filled by `variable` (which records the value in the example's context). Several
 * variants, because the other policy may happen to match the first.
 */
export function instancesOf(pattern: string, variable: (key: string) => string, fill: readonly string[] = ['example', '']): string[] {
  const out: string[] = [];
  for (const word of fill) {
    let text = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === '$' && pattern[i + 1] === '{') {
        const end = pattern.indexOf('}', i + 2);
        if (end > 0) {
          text += variable(pattern.slice(i + 2, end));
          i = end;
          continue;
        }
      }
      text += c === '*' ? word : c === '?' ? 'x' : c;
    }
    if (text.length > 0 && !out.includes(text)) out.push(text);
  }
  return out;
}
