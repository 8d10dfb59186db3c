/**
 * Counted nouns in editor-facing wording: `plural(1, 'action')` is "1 action", `plural(2, 'action')`
 * "2 actions".
 */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
