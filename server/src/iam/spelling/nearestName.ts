/**
 * Did-you-mean suggestions for short vocabularies (element names, operators, principal types).
 * Large vocabularies such as actions have their own indexed suggestion in the catalog.
 */

/** Two rows of `editDistance`'s table, reused across calls and grown as needed. */
let distanceRows = new Int32Array(64);

/**
 * Levenshtein distance, bounded: `limit + 1` whenever the distance exceeds `limit`, returned as soon
 * as a row of the table shows it must.
 * The one edit distance: the catalog's action and service suggestions use it too, for every action
 * of a service, mostly before the code is optimised; so it is plain loops over one reused buffer
 * (rows at 0 and `width`), without an allocation or a destructuring swap per call.
 */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (distanceRows.length < 2 * width) distanceRows = new Int32Array(4 * width);
  const rows = distanceRows;
  let prev = 0;
  let cur = width;
  for (let j = 0; j < width; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let rowMinimum = i;
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const substitution = rows[prev + j - 1]! + (ac === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = rows[prev + j]! + 1;
      const insertion = rows[cur + j - 1]! + 1;
      const value = substitution < deletion ? (substitution < insertion ? substitution : insertion) : deletion < insertion ? deletion : insertion;
      rows[cur + j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  const distance = rows[prev + b.length]!;
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
