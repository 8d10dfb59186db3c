/**
 * The policy formatter: canonical element order, actions sorted and de-duplicated, one indentation,
 * comments and unknown elements kept. It rewrites only the layout and the order of things whose order
 * IAM ignores, and it never loses text: a document that does not parse is not formatted.
 *
 * - Element order: `Version`, `Id`, `Statement` at the top; `Sid`, `Effect`, `Principal`,
 *   `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource`, `Condition` in a statement
 *   (the order of "IAM JSON policy element reference" in the IAM User Guide). Unknown elements follow
 *   the known ones in their original order; repeated keys keep their relative order, so whichever of
 *   them a reader takes is still the one it takes.
 * - `Action` and `NotAction` lists are sorted and duplicates removed, case-insensitively: "IAM JSON
 *   policy elements: Action" says action names are case-insensitive (`s3:getobject` is
 *   `s3:GetObject`). The first spelling is kept. A string stays a string and a list stays a list.
 * - Literals (keys, strings with their escapes, numbers) are copied as written.
 *
 * Every result is checked before it is returned (`format/formatCheck.ts`): the two texts must have the
 * same structure up to that ordering, and the access comparison of `access/accessDiff.ts` must find no
 * difference.
 */
import { createScanner, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { limitNesting } from '../document/jsonNesting';

// jsonc-parser's `SyntaxKind` is a const enum, which isolated modules cannot read: its values, as declared.
const LINE_COMMENT_TOKEN = 12;
const BLOCK_COMMENT_TOKEN = 13;
const EOF_TOKEN = 17;

/** How to indent, as LSP `FormattingOptions` say it. */
export interface IndentOptions {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
}

/** The command line's default: two spaces, as `JSON.stringify(policy, null, 2)` and the AWS console print policies. */
export const DEFAULT_INDENT: IndentOptions = { tabSize: 2, insertSpaces: true };

/** The known top-level elements, in canonical order. */
export const POLICY_ELEMENT_ORDER: readonly string[] = ['Version', 'Id', 'Statement'];
/** The known statement elements, in canonical order. */
export const STATEMENT_ELEMENT_ORDER: readonly string[] = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** A parsed JSONC text, or why it cannot be formatted. */
export type ParsedJsonc = { readonly root: JsonNode; readonly comments: readonly Comment[] } | { readonly error: string };

/** A comment of the text, as written. */
export interface Comment {
  readonly offset: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Parses a JSONC text for formatting: comments and trailing commas are allowed, anything else that is
 * not JSON is an error, and so is nesting deeper than the parser reads.
 */
export function parseJsonc(text: string): ParsedJsonc {
  if (limitNesting(text).tooDeep.length > 0) return { error: 'the document is nested more than 100 levels deep' };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const offset = errors[0]?.offset ?? 0;
    const line = text.slice(0, offset).split('\n').length;
    return { error: `the document has JSON syntax errors (first on line ${line})` };
  }
  const comments: Comment[] = [];
  const scanner = createScanner(text, false);
  for (let token: number = scanner.scan(); token !== EOF_TOKEN; token = scanner.scan()) {
    if (token === LINE_COMMENT_TOKEN || token === BLOCK_COMMENT_TOKEN) {
      const offset = scanner.getTokenOffset();
      const end = offset + scanner.getTokenLength();
      comments.push({ offset, end, text: text.slice(offset, end) });
    }
  }
  return { root, comments };
}

/** The rank of a key among the known ones, or their count for unknown keys (which then keep their order). */
export function elementRank(order: readonly string[], key: string): number {
  const index = order.indexOf(key);
  return index < 0 ? order.length : index;
}

/** The string value of a property node's key. */
export function keyOf(property: JsonNode): string {
  return String(property.children?.[0]?.value ?? '');
}

/** The statement objects of a policy root: the value of each `Statement`, or each object in it. */
export function statementNodes(root: JsonNode): Set<JsonNode> {
  const out = new Set<JsonNode>();
  if (root.type !== 'object') return out;
  for (const property of root.children ?? []) {
    if (keyOf(property) !== 'Statement') continue;
    const value = property.children?.[1];
    if (value?.type === 'object') out.add(value);
    else if (value?.type === 'array') for (const item of value.children ?? []) if (item.type === 'object') out.add(item);
  }
  return out;
}

/** The `Action` and `NotAction` arrays of statements whose entries are all strings: the lists the formatter sorts. */
export function actionLists(statements: ReadonlySet<JsonNode>): Set<JsonNode> {
  const out = new Set<JsonNode>();
  for (const statement of statements) {
    for (const property of statement.children ?? []) {
      const key = keyOf(property);
      const value = property.children?.[1];
      if ((key === 'Action' || key === 'NotAction') && value?.type === 'array' && (value.children ?? []).every((item) => item.type === 'string')) out.add(value);
    }
  }
  return out;
}

/** Orders a list stably by a rank. */
export function stableOrder<T>(items: readonly T[], rank: (item: T) => number): T[] {
  return items.map((item, index) => ({ item, index, rank: rank(item) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.item);
}

/** Sorts action names case-insensitively (ordinal, so the order does not depend on the locale) and removes case-insensitive duplicates, keeping the first. */
export function sortedUniqueActions<T>(items: readonly T[], name: (item: T) => string): { kept: T[]; duplicateOf: Map<T, T> } {
  const first = new Map<string, T>();
  const duplicateOf = new Map<T, T>();
  for (const item of items) {
    const lower = name(item).toLowerCase();
    const existing = first.get(lower);
    if (existing === undefined) first.set(lower, item);
    else duplicateOf.set(item, existing);
  }
  const kept = [...first.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
  return { kept, duplicateOf };
}

interface Entry {
  readonly node: JsonNode;
  readonly leading: Comment[];
  readonly trailing: Comment[];
}

class Printer {
  private readonly statements: Set<JsonNode>;
  private readonly actionArrays: Set<JsonNode>;
  private readonly unit: string;

  constructor(
    private readonly text: string,
    private readonly root: JsonNode,
    private readonly comments: readonly Comment[],
    indent: IndentOptions,
    private readonly eol: string,
  ) {
    this.statements = statementNodes(root);
    this.actionArrays = actionLists(this.statements);
    this.unit = indent.insertSpaces ? ' '.repeat(Math.max(0, Math.min(16, Math.floor(indent.tabSize) || 0))) : '\t';
  }

  /** The comments that start within [from, to). */
  private commentsIn(from: number, to: number): Comment[] {
    let low = 0;
    let high = this.comments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.comments[mid]!.offset < from) low = mid + 1;
      else high = mid;
    }
    const out: Comment[] = [];
    for (let i = low; i < this.comments.length && this.comments[i]!.offset < to; i++) out.push(this.comments[i]!);
    return out;
  }

  private newlineBetween(from: number, to: number): boolean {
    return /[\r\n]/.test(this.text.slice(from, to));
  }

  /** The children of a container with the comments between them attached: same line as the previous child → trailing, else leading of the next, else dangling at the end. */
  private entries(container: JsonNode): { entries: Entry[]; dangling: Comment[] } {
    const children = container.children ?? [];
    const entries: Entry[] = children.map((node) => ({ node, leading: [], trailing: [] }));
    const dangling: Comment[] = [];
    const innerEnd = container.offset + container.length - 1;
    for (let i = 0; i <= children.length; i++) {
      const previous = i > 0 ? children[i - 1]! : undefined;
      const from = previous ? previous.offset + previous.length : container.offset + 1;
      const to = i < children.length ? children[i]!.offset : innerEnd;
      let lastEnd = from;
      let onPreviousLine = previous !== undefined;
      for (const comment of this.commentsIn(from, to)) {
        if (onPreviousLine && !this.newlineBetween(lastEnd, comment.offset)) {
          entries[i - 1]!.trailing.push(comment);
          lastEnd = comment.end;
          continue;
        }
        onPreviousLine = false;
        if (i < children.length) entries[i]!.leading.push(comment);
        else dangling.push(comment);
      }
    }
    // Comments inside a property but outside its value (around the colon) go before the property.
    if (container.type === 'object') {
      for (const entry of entries) {
        const [key, value] = entry.node.children ?? [];
        if (!key) continue;
        const from = key.offset + key.length;
        const to = value ? value.offset : entry.node.offset + entry.node.length;
        entry.leading.push(...this.commentsIn(from, to));
      }
    }
    return { entries, dangling };
  }

  private order(container: JsonNode, entries: Entry[]): Entry[] {
    if (container.type === 'object') {
      const order = container === this.root ? POLICY_ELEMENT_ORDER : this.statements.has(container) ? STATEMENT_ELEMENT_ORDER : undefined;
      return order ? stableOrder(entries, (entry) => elementRank(order, keyOf(entry.node))) : entries;
    }
    if (!this.actionArrays.has(container)) return entries;
    const { kept, duplicateOf } = sortedUniqueActions(entries, (entry) => String(entry.node.value));
    // A removed duplicate's comments move to the entry that stays, so no text is lost.
    for (const entry of entries) {
      const keeper = duplicateOf.get(entry);
      if (keeper) keeper.leading.push(...entry.leading, ...entry.trailing);
    }
    return kept;
  }

  print(node: JsonNode, level: number): string {
    if (node.type === 'property') {
      const [key, value] = node.children ?? [];
      const keyText = key ? this.text.slice(key.offset, key.offset + key.length) : '""';
      return `${keyText}: ${value ? this.print(value, level) : 'null'}`;
    }
    if (node.type !== 'object' && node.type !== 'array') return this.text.slice(node.offset, node.offset + node.length);
    const [open, close] = node.type === 'object' ? ['{', '}'] : ['[', ']'];
    const { entries, dangling } = this.entries(node);
    const ordered = this.order(node, entries);
    if (ordered.length === 0 && dangling.length === 0) return `${open}${close}`;
    const inner = this.unit.repeat(level + 1);
    const lines: string[] = [open];
    ordered.forEach((entry, index) => {
      for (const comment of entry.leading) lines.push(`${inner}${comment.text}`);
      const comma = index < ordered.length - 1 ? ',' : '';
      lines.push(`${inner}${this.print(entry.node, level + 1)}${comma}${entry.trailing.map((comment) => ` ${comment.text}`).join('')}`);
    });
    for (const comment of dangling) lines.push(`${inner}${comment.text}`);
    lines.push(`${this.unit.repeat(level)}${close}`);
    return lines.join(this.eol);
  }

  /** The whole document: comments before the root, the root, comments after it. */
  document(): string {
    const out: string[] = [];
    for (const comment of this.commentsIn(0, this.root.offset)) out.push(comment.text, this.eol);
    out.push(this.print(this.root, 0));
    const rootEnd = this.root.offset + this.root.length;
    let lastEnd = rootEnd;
    let sameLine = true;
    for (const comment of this.commentsIn(rootEnd, this.text.length)) {
      sameLine = sameLine && !this.newlineBetween(lastEnd, comment.offset);
      out.push(sameLine ? ' ' : this.eol, comment.text);
      lastEnd = comment.end;
    }
    if (/\r?\n\s*$/.test(this.text.slice(lastEnd))) out.push(this.eol);
    return out.join('');
  }
}

/** The line break a text uses: its first one, else `\n`. */
function lineBreakOf(text: string): string {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Lays out a parsed policy text canonically. No check here: callers use `formatPolicy`
 * (`formatCheck.ts`), which verifies the result.
 */
export function layoutPolicy(text: string, parsed: { root: JsonNode; comments: readonly Comment[] }, indent: IndentOptions = DEFAULT_INDENT): string {
  return new Printer(text, parsed.root, parsed.comments, indent, lineBreakOf(text)).document();
}
