/**
 * Did-you-mean suggestions for short vocabularies (element names, operators, principal types).
 * Large vocabularies such as actions have their own indexed suggestion in the catalog.
 */

/** Two rows of `editDistance`'s table, reused across calls and grown as needed. */
let distanceRows = new Int32Array(64);

/**
 * Levenshtein distance, bounded: `limit + 1` whenever the distance exceeds `limit`, returned as soon
 * as a row of the table shows it must. The one edit distance: the catalog's action and service
 * suggestions use it too, for every action of a service (35,000 calls in a lint of the managed
 * policies). Only the diagonal band of cells within `limit` of the diagonal is computed (a path
 * through a cell further off costs more than `limit` edits; Ukkonen), in one reused buffer.
 */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = a.length;
  const m = b.length;
  // No distance exceeds n + m, so a larger limit bounds nothing; `inf` stands for "more than k".
  const k = Math.min(limit, n + m);
  const inf = k + 1;
  const width = m + 1;
  if (distanceRows.length < 2 * width) distanceRows = new Int32Array(4 * width);
  const rows = distanceRows;
  let prev = 0;
  let cur = width;
  const firstRowEnd = Math.min(m, k + 1);
  for (let j = 0; j <= firstRowEnd; j++) rows[j] = j <= k ? j : inf;
  for (let i = 1; i <= n; i++) {
    const lo = i - k > 1 ? i - k : 1;
    const hi = i + k < m ? i + k : m;
    // The cell left of the band: the first column, or outside the band.
    let left = lo === 1 && i <= k ? i : inf;
    rows[cur + lo - 1] = left;
    let rowMinimum = left;
    const ac = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const substitution = rows[prev + j - 1]! + (ac === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = rows[prev + j]! + 1;
      const insertion = left + 1;
      let value = substitution < deletion ? (substitution < insertion ? substitution : insertion) : deletion < insertion ? deletion : insertion;
      if (value > inf) value = inf;
      rows[cur + j] = value;
      left = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    // The cell right of the band, which the next row reads as its last `deletion`.
    if (hi < m) rows[cur + hi + 1] = inf;
    if (rowMinimum > k) return limit + 1;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  const distance = rows[prev + m]!;
  return distance > limit ? limit + 1 : distance;
}

/**
 * The candidate closest to `word`: an exact case-insensitive match first, then the smallest edit
 * distance within a third of the word's length (at least 1, at most 3).
 */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const caseMatch = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (caseMatch) return caseMatch;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
