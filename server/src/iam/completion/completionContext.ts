/**
 * Where the cursor is in a policy document, in offsets: which statement, which element, whether a key
 * or a value is being typed, the text typed so far and the token that a completion replaces.
 *
 * It works in half-typed documents: the element path comes from jsonc-parser's scanner-driven
 * `getLocation`, which needs no valid tree, and the token under the cursor is read from the text
 * itself (a string literal, closed or not, or a bare word typed without quotes). The statement model
 * comes from the cached parse of the same text.
 */
import { getLocation, type Segment } from 'jsonc-parser';
import { limitNesting } from '../document/jsonNesting';
import type { PolicyDocument, Property, Span, Statement } from '../document/model';
import { statementAtOffset } from './hoverTarget';

/** What kind of slot the cursor is in; decides which candidates are offered. */
export type CompletionSlot =
  /** The whole document is empty or not an object yet. */
  | 'document'
  /** A key of the top-level object (`Version`, `Id`, `Statement`). */
  | 'topKey'
  /** The value of `Version`. */
  | 'version'
  /** An element of the `Statement` array (a new statement goes here). */
  | 'statement'
  /** A key of a statement object. */
  | 'statementKey'
  | 'effect'
  /** A value of `Action` / `NotAction` (the element name is in `element`). */
  | 'action'
  /** A value of `Resource` / `NotResource`. */
  | 'resource'
  /** The value of `Principal` / `NotPrincipal` itself (`"*"` or an object). */
  | 'principal'
  /** A key of a Principal object (`AWS`, `Service`, ...). */
  | 'principalKey'
  /** A value under a principal type (`principalType` says which). */
  | 'principalValue'
  /** The value of `Condition` itself (an object is expected). */
  | 'condition'
  /** A key of the Condition object: an operator. */
  | 'conditionOperator'
  /** A key of an operator block: a condition key. */
  | 'conditionKey'
  /** A value of a condition key. */
  | 'conditionValue'
  /** Anywhere else (Sid values, unknown elements, positions outside the document). */
  | 'none';

/** The position context of a completion request. */
export interface CompletionContext {
  readonly slot: CompletionSlot;
  /** True when a property key is being typed. */
  readonly isKey: boolean;
  /** The element path from the root, as jsonc-parser gives it (`['Statement', 0, 'Action', 1]`). */
  readonly path: readonly Segment[];
  /** The statement the cursor is in, when the model has it. */
  readonly statement?: Statement;
  /** The statement element the cursor is in, as written (`Action`, `NotResource`, `Condition`...). */
  readonly element?: string;
  /** For condition keys and values: the operator as written. */
  readonly operator?: string;
  /** For condition values: the key as written. */
  readonly conditionKey?: string;
  /** For principal values: the principal type as written (`AWS`, `Service`...). */
  readonly principalType?: string;
  /** The text of the token from its start up to the cursor, without the opening quote. */
  readonly partial: string;
  /** The text of the token after the cursor, without the closing quote. */
  readonly suffix: string;
  /** The token that a completion replaces: a string literal with its quotes, a bare word, or empty. */
  readonly token: Span;
  /** True when the token is a string literal (closed or not). */
  readonly quoted: boolean;
  /** For keys: whether a `:` already follows the token, so that only the key is inserted. */
  readonly hasColonAfter: boolean;
  /** True when the value is an element of an array. */
  readonly inArray: boolean;
  /** For keys: the keys already present in the object (the token itself excluded). */
  readonly existingKeys: readonly string[];
}

/** Characters of a bare word typed without quotes: everything that can appear in IAM values. */
function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 58 /* : */ ||
    code === 42 /* * */ ||
    code === 63 /* ? */ ||
    code === 45 /* - */ ||
    code === 95 /* _ */ ||
    code === 46 /* . */ ||
    code === 47 /* / */ ||
    code === 36 /* $ */ ||
    code === 64 /* @ */ ||
    code === 43 /* + */ ||
    code === 61 /* = */
  );
}

/**
 * Finds the string literal around `offset` on its line, if the cursor is inside one: the scan goes
 * from the start of the line and pairs quotes (honouring backslash escapes), so an unterminated
 * literal still counts and ends at the end of the line.
 */
function stringAround(text: string, offset: number): { start: number; end: number; closed: boolean } | undefined {
  let lineStart = offset;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  let i = lineStart;
  while (i < offset) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          i += 2;
          continue;
        }
        if (d === 34 || d === 10 || d === 13) break;
        i++;
      }
      const closed = i < text.length && text.charCodeAt(i) === 34;
      const end = closed ? i + 1 : i;
      // The cursor is inside when it is after the opening quote and not after the closing one.
      if (offset > start && (closed ? offset < end : offset <= end)) return { start, end, closed };
      i = end;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) return undefined; // A line comment: no string after.
    i++;
  }
  return undefined;
}

function hasColonAfter(text: string, end: number): boolean {
  let i = end;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    return c === 58;
  }
  return false;
}

/** The statement addressed by a path that starts with `Statement`. */
function statementAt(document: PolicyDocument, path: readonly Segment[]): { statement?: Statement; rest: readonly Segment[] } | undefined {
  if (path[0] !== 'Statement') return undefined;
  if (typeof path[1] === 'number') {
    const index = path[1];
    return { statement: document.statements.find((s) => s.index === index), rest: path.slice(2) };
  }
  return { statement: document.statementShape === 'object' ? document.statements[0] : undefined, rest: path.slice(1) };
}

function keysOf(properties: readonly Property[] | undefined, exclude: Span): string[] {
  return (properties ?? []).filter((p) => p.keySpan.offset !== exclude.offset).map((p) => p.key);
}

/** The properties of the object value of `property`, if it is an object. */
function objectProperties(property: Property | undefined): Property[] {
  const value = property?.value;
  if (value?.type !== 'object') return [];
  const result: Property[] = [];
  for (const child of value.children ?? []) {
    const keyNode = child.children?.[0];
    if (child.type === 'property' && keyNode) {
      result.push({ key: String(keyNode.value ?? ''), keySpan: { offset: keyNode.offset, length: keyNode.length }, value: child.children?.[1], span: { offset: child.offset, length: child.length }, node: child });
    }
  }
  return result;
}

function lastProperty(properties: readonly Property[], key: string): Property | undefined {
  let found: Property | undefined;
  for (const p of properties) if (p.key === key) found = p;
  return found;
}

/**
 * The element path at `offset`. jsonc-parser's `getLocation` scans from the start of the text, which
 * costs milliseconds at the end of a 150 KB document; when the cached model has a statement around
 * the offset, only that statement's text is scanned and its path is prefixed.
 */
function locate(document: PolicyDocument, offset: number): { path: Segment[]; isAtPropertyKey: boolean } {
  // `getLocation` recurses once per level, so it reads the text with too-deep content blanked out.
  if (document.statementShape === 'array') {
    const statement = statementAtOffset(document, offset);
    if (statement && offset > statement.span.offset && offset < statement.span.offset + statement.span.length) {
      const local = getLocation(limitNesting(document.text.slice(statement.span.offset, statement.span.offset + statement.span.length)).text, offset - statement.span.offset);
      if (local.path.length > 0) return { path: ['Statement', statement.index, ...local.path], isAtPropertyKey: local.isAtPropertyKey };
    }
  }
  const location = getLocation(limitNesting(document.text).text, offset);
  return { path: [...location.path], isAtPropertyKey: location.isAtPropertyKey };
}

/** Detects the completion context at `offset`. Never throws. */
export function completionContext(document: PolicyDocument, offset: number): CompletionContext {
  const text = document.text;
  const location = locate(document, offset);
  let path: Segment[] = [...location.path];
  let isKey = location.isAtPropertyKey;
  // jsonc-parser reports a key position for a new array element after an object (`[{}, |]`).
  if (isKey && typeof path[path.length - 1] === 'number') isKey = false;

  // The token under the cursor.
  let token: Span;
  let partial: string;
  let suffix: string;
  let quoted = false;
  const literal = stringAround(text, offset);
  if (literal) {
    quoted = true;
    // An unclosed literal runs to the end of the line, over whatever the user has not retyped yet
    // (`}]}`): the token then ends with the word at the cursor, so a completion never eats it.
    let end = literal.end;
    if (!literal.closed) {
      end = offset;
      while (end < literal.end && isWordChar(text.charCodeAt(end))) end++;
    }
    token = { offset: literal.start, length: end - literal.start };
    partial = text.slice(literal.start + 1, offset);
    suffix = text.slice(offset, literal.closed ? literal.end - 1 : end);
  } else {
    let start = offset;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
    let end = offset;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    token = { offset: start, length: end - start };
    partial = text.slice(start, offset);
    suffix = text.slice(offset, end);
  }
  const colonAfter = isKey && hasColonAfter(text, token.offset + token.length);

  const base = { isKey, path, partial, suffix, token, quoted, hasColonAfter: colonAfter, inArray: false, existingKeys: [] as string[] };

  if (!document.root || document.root.type !== 'object') {
    if (path.length === 0) return { ...base, slot: 'document' };
  }
  if (path.length === 0) return { ...base, slot: document.root ? 'none' : 'document' };

  if (path.length === 1) {
    if (isKey) return { ...base, slot: 'topKey', existingKeys: keysOf(document.properties, token) };
    if (path[0] === 'Version') return { ...base, slot: 'version' };
    if (path[0] === 'Statement') return { ...base, slot: document.statementShape === 'object' ? 'none' : 'statement' };
    return { ...base, slot: 'none' };
  }

  const found = statementAt(document, path);
  if (!found) return { ...base, slot: 'none' };
  const { statement } = found;
  const rest = found.rest;
  const withStatement = { ...base, statement };
  if (rest.length === 0) {
    return { ...withStatement, slot: typeof path[1] === 'number' ? 'statement' : 'none', inArray: true };
  }
  const element = String(rest[0]);
  if (rest.length === 1 && isKey) {
    return { ...withStatement, slot: 'statementKey', existingKeys: keysOf(statement?.properties, token) };
  }
  const inArray = typeof rest[rest.length - 1] === 'number';
  switch (element) {
    case 'Effect':
      return { ...withStatement, slot: rest.length === 1 ? 'effect' : 'none', element };
    case 'Action':
    case 'NotAction':
      return { ...withStatement, slot: rest.length <= 2 && !isKey ? 'action' : 'none', element, inArray };
    case 'Resource':
    case 'NotResource':
      return { ...withStatement, slot: rest.length <= 2 && !isKey ? 'resource' : 'none', element, inArray };
    case 'Principal':
    case 'NotPrincipal': {
      if (rest.length === 1) return { ...withStatement, slot: 'principal', element };
      if (typeof rest[1] === 'number') return { ...withStatement, slot: 'principal', element, inArray: true };
      if (rest.length === 2 && isKey) {
        const property = lastProperty(statement?.properties ?? [], element);
        return { ...withStatement, slot: 'principalKey', element, existingKeys: keysOf(objectProperties(property), token) };
      }
      if (rest.length <= 3 && !isKey) return { ...withStatement, slot: 'principalValue', element, principalType: String(rest[1]), inArray };
      return { ...withStatement, slot: 'none', element };
    }
    case 'Condition': {
      if (rest.length === 1) return { ...withStatement, slot: 'condition', element };
      const operator = String(rest[1]);
      if (rest.length === 2) {
        if (isKey) {
          const property = lastProperty(statement?.properties ?? [], element);
          return { ...withStatement, slot: 'conditionOperator', element, existingKeys: keysOf(objectProperties(property), token) };
        }
        return { ...withStatement, slot: 'none', element, operator };
      }
      if (rest.length === 3 && isKey) {
        const condition = statement?.condition?.operators.find((o) => o.operator === operator);
        const existing = (condition?.keys ?? []).filter((k) => k.keySpan.offset !== token.offset).map((k) => k.key);
        return { ...withStatement, slot: 'conditionKey', element, operator, existingKeys: existing };
      }
      if (!isKey && rest.length <= 4) return { ...withStatement, slot: 'conditionValue', element, operator, conditionKey: String(rest[2]), inArray };
      return { ...withStatement, slot: 'none', element, operator };
    }
    default:
      return { ...withStatement, slot: 'none', element };
  }
}
