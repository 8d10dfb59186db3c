/**
 * A bound on JSON nesting for everything that reads user JSON. jsonc-parser's parser, `visit`,
 * `getLocation`, `getNodeValue` and `findNodeAtOffset` recurse once per level, and so do
 * `JSON.stringify` and `Array.prototype.join`: a document nested some thousands of levels deep
 * overflows the stack ("Maximum call stack size exceeded"). No IAM policy element nests more than a
 * few levels (the deepest is a condition value list: document, `Statement` array, statement,
 * `Condition`, operator block, value list), and a scenario file adds a few more around inline
 * policies, so the content of anything nested deeper than {@link MAX_NESTING_DEPTH} levels is blanked
 * out before parsing: such a container parses as empty, keeps its offset and length, and is reported
 * once, so every later walk over the tree is bounded and nothing downstream has to guard itself.
 */
import type { Span } from './model';

/**
 * The deepest nesting of objects and arrays that is parsed. A product limit (IAM's grammar needs six
 * levels); generous so that hand-written scenario files never meet it.
 */
export const MAX_NESTING_DEPTH = 100;

/** The text to parse in place of the original, and the containers whose content was blanked. */
export interface NestingLimited {
  /** The original text when nothing is too deep; else the same text, same length and same line breaks, with the content of too-deep containers replaced by spaces. */
  readonly text: string;
  /** Each too-deep container, from its opening bracket to its closing bracket (or the end of the text). */
  readonly tooDeep: readonly Span[];
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;
const LF = 10;
const CR = 13;

/**
 * Finds the containers nested deeper than `maxDepth` and blanks their content. Iterative and linear.
 *
 * Strings and comments are skipped exactly as jsonc-parser's scanner skips them (a string ends at an
 * unescaped quote or before a line break; `//` runs to the line break, `/*` to `*\/` or the end), so
 * the brackets counted here are the bracket tokens it sees. A closing bracket only closes the
 * innermost open container when their kinds match, as in jsonc-parser, where an object ignores `]`
 * and an array ignores `}`; every opening bracket is counted, even one the parser skips after an
 * error. The depth counted here therefore never falls below the parser's recursion depth, and after
 * blanking the parser never recurses deeper than `maxDepth + 1`.
 */
export function limitNesting(text: string, maxDepth: number = MAX_NESTING_DEPTH): NestingLimited {
  // The depth counted below never exceeds the number of opening brackets, which most documents have
  // fewer of than `maxDepth`; counting them with `indexOf` runs as native code even in a cold process.
  if (countUpTo(text, '{', maxDepth + 1) + countUpTo(text, '[', maxDepth + 1) <= maxDepth) return { text, tooDeep: [] };
  const length = text.length;
  // The open containers' kinds; a typed array so that a document of ten million brackets costs ten megabytes, not eighty.
  let kinds = new Uint8Array(64);
  let depth = 0;
  let maskFrom = -1;
  let tooDeep: Span[] | undefined;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      for (i++; i < length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === QUOTE) break;
        if (inner === BACKSLASH) i++;
        else if (inner === LF || inner === CR) {
          i--;
          break;
        }
      }
    } else if (code === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) {
        for (i += 2; i < length; i++) {
          const inner = text.charCodeAt(i);
          if (inner === LF || inner === CR) break;
        }
      } else if (next === STAR) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? length : end + 1;
      }
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (depth === kinds.length) {
        const grown = new Uint8Array(kinds.length * 2);
        grown.set(kinds);
        kinds = grown;
      }
      kinds[depth++] = code;
      if (depth === maxDepth + 1) maskFrom = i;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth > 0 && kinds[depth - 1] === (code === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) {
        depth--;
        if (depth === maxDepth) {
          (tooDeep ??= []).push({ offset: maskFrom, length: i + 1 - maskFrom });
          maskFrom = -1;
        }
      }
    }
  }
  if (depth > maxDepth) (tooDeep ??= []).push({ offset: maskFrom, length: length - maskFrom });
  if (!tooDeep) return { text, tooDeep: [] };
  return { text: blankContents(text, tooDeep), tooDeep };
}

/** How many times `character` occurs in `text`, counting no further than `limit`. */
function countUpTo(text: string, character: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(character); at >= 0 && count < limit; at = text.indexOf(character, at + 1)) count++;
  return count;
}

/** The text with everything strictly inside each span blanked, line breaks kept so that positions stay. */
function blankContents(text: string, spans: readonly Span[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    const contentStart = span.offset + 1;
    const end = span.offset + span.length;
    // An unclosed container runs to the end of the text: blank all of it after the opening bracket.
    const closed = end <= text.length && (text.charCodeAt(end - 1) === CLOSE_BRACE || text.charCodeAt(end - 1) === CLOSE_BRACKET) && end - 1 > span.offset;
    const contentEnd = closed ? end - 1 : end;
    parts.push(text.slice(at, contentStart), text.slice(contentStart, contentEnd).replace(/[^\r\n]/g, ' '));
    at = contentEnd;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Whether a parsed JSON value (`JSON.parse` reads any depth) nests objects and arrays more than
 * `maxDepth` levels deep. Much cheaper than scanning the text again: hosts that parse with
 * `JSON.parse` ask this first and scan with {@link limitNesting} only to locate a too-deep value.
 * It recurses, but never more than `maxDepth + 1` calls deep whatever the value's depth, since it
 * stops at the first container past the bound; that keeps it free of the work list an iterative walk
 * allocates, which cost as much as the walk on a 20 MB `simulate --batch` input.
 */
export function valueNestsDeeperThan(value: unknown, maxDepth: number = MAX_NESTING_DEPTH): boolean {
  return typeof value === 'object' && value !== null && containerNestsDeeper(value, maxDepth - 1);
}

/** Whether `container` or what it holds goes deeper than `room` more levels of containers. */
function containerNestsDeeper(container: object, room: number): boolean {
  if (room < 0) return true;
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const child: unknown = container[i];
      if (typeof child === 'object' && child !== null && containerNestsDeeper(child, room - 1)) return true;
    }
    return false;
  }
  // A parsed JSON object has only own, enumerable properties, which is what `for...in` visits.
  for (const key in container) {
    const child: unknown = (container as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && containerNestsDeeper(child, room - 1)) return true;
  }
  return false;
}

/** The sentence a too-deep container is reported with (policies and scenario files alike). */
export function tooDeepMessage(text: string, span: Span): string {
  const first = text.charCodeAt(span.offset);
  const what = first === OPEN_BRACE ? 'object' : first === OPEN_BRACKET ? 'array' : 'value';
  return `This ${what} is nested more than ${MAX_NESTING_DEPTH} levels deep, deeper than any policy or scenario element: its content is not analysed.`;
}
