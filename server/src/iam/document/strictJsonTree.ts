/**
 * A fast path for `parseTree` of jsonc-parser: strict JSON (no comments, no trailing commas, no
 * errors of any kind) parsed straight into the same tree, node for node: the same types, offsets,
 * lengths, `colonOffset`s, values and `parent` links (checked against jsonc-parser on every AWS
 * managed policy, the real-world corpus and generated documents by test/unit/strictJsonTree.test.ts).
 * jsonc-parser builds its tree from a visitor's callbacks over a scanner's tokens, which is most of
 * the cost of a cold `lint`; nearly every policy file is strict JSON. Anything else — a comment, a
 * trailing comma, a syntax error, a character jsonc-parser would report — returns undefined, and the
 * caller parses with jsonc-parser, which reports it. Recursion is bounded by the caller: the text has
 * been through `limitNesting`.
 */
import type { Node as JsonNode } from 'jsonc-parser';

/** Thrown inside the parser for anything that is not strict JSON; never escapes it. */
const NOT_STRICT = new Error('not strict JSON');

type MutableNode = { -readonly [K in keyof JsonNode]: JsonNode[K] } & { children?: MutableNode[]; parent?: MutableNode };

/** The tree of `text` as jsonc-parser's `parseTree` gives it, or undefined when the text is not strict JSON. */
export function strictJsonTree(text: string): JsonNode | undefined {
  const length = text.length;
  let at = 0;

  const skipSpace = (): void => {
    let code = text.charCodeAt(at);
    // JSON whitespace, which is exactly what jsonc-parser's scanner skips without a token.
    while (code === 32 || code === 10 || code === 13 || code === 9) code = text.charCodeAt(++at);
  };

  /** A string literal at `at` (a `"`): its decoded value; `at` moves past its closing quote. */
  const readString = (): string => {
    const start = ++at;
    let value = '';
    let chunk = start;
    for (;;) {
      if (at >= length) throw NOT_STRICT;
      const code = text.charCodeAt(at);
      if (code === 34) {
        value += text.slice(chunk, at);
        at++;
        return value;
      }
      // Control characters and line breaks must be escaped (jsonc-parser reports them).
      if (code < 32) throw NOT_STRICT;
      if (code === 92) {
        value += text.slice(chunk, at);
        const escape = text.charCodeAt(at + 1);
        switch (escape) {
          case 34: value += '"'; break;
          case 92: value += '\\'; break;
          case 47: value += '/'; break;
          case 98: value += '\b'; break;
          case 102: value += '\f'; break;
          case 110: value += '\n'; break;
          case 114: value += '\r'; break;
          case 116: value += '\t'; break;
          case 117: {
            const hex = text.slice(at + 2, at + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw NOT_STRICT;
            value += String.fromCharCode(parseInt(hex, 16));
            at += 4;
            break;
          }
          default:
            throw NOT_STRICT;
        }
        at += 2;
        chunk = at;
        continue;
      }
      at++;
    }
  };

  const value = (parent: MutableNode): MutableNode => {
    skipSpace();
    const start = at;
    const code = text.charCodeAt(at);
    if (code === 123) return object(parent);
    if (code === 91) return array(parent);
    if (code === 34) {
      const string = readString();
      return { type: 'string', value: string, offset: start, length: at - start, parent };
    }
    if (code === 116 && text.startsWith('true', at)) return literal(parent, 'boolean', true, 4);
    if (code === 102 && text.startsWith('false', at)) return literal(parent, 'boolean', false, 5);
    if (code === 110 && text.startsWith('null', at)) return literal(parent, 'null', null, 4);
    if (code === 45 || (code >= 48 && code <= 57)) return number(parent);
    throw NOT_STRICT;
  };

  const literal = (parent: MutableNode, type: 'boolean' | 'null', literalValue: boolean | null, size: number): MutableNode => {
    const start = at;
    at += size;
    // `truex` is one unknown token to jsonc-parser.
    if (isWordCharacter(text.charCodeAt(at))) throw NOT_STRICT;
    return { type, value: literalValue, offset: start, length: size, parent };
  };

  const number = (parent: MutableNode): MutableNode => {
    const start = at;
    if (text.charCodeAt(at) === 45) at++;
    const first = text.charCodeAt(at);
    if (first === 48) at++;
    else if (first >= 49 && first <= 57) while (isDigit(text.charCodeAt(at))) at++;
    else throw NOT_STRICT;
    if (text.charCodeAt(at) === 46) {
      at++;
      if (!isDigit(text.charCodeAt(at))) throw NOT_STRICT;
      while (isDigit(text.charCodeAt(at))) at++;
    }
    const e = text.charCodeAt(at);
    if (e === 101 || e === 69) {
      at++;
      const sign = text.charCodeAt(at);
      if (sign === 43 || sign === 45) at++;
      if (!isDigit(text.charCodeAt(at))) throw NOT_STRICT;
      while (isDigit(text.charCodeAt(at))) at++;
    }
    if (isWordCharacter(text.charCodeAt(at))) throw NOT_STRICT;
    return { type: 'number', value: JSON.parse(text.slice(start, at)) as number, offset: start, length: at - start, parent };
  };

  const object = (parent: MutableNode): MutableNode => {
    const node: MutableNode = { type: 'object', offset: at, length: -1, parent, children: [] };
    at++;
    skipSpace();
    if (text.charCodeAt(at) === 125) {
      at++;
      node.length = at - node.offset;
      return node;
    }
    for (;;) {
      skipSpace();
      if (text.charCodeAt(at) !== 34) throw NOT_STRICT;
      const keyStart = at;
      const property: MutableNode = { type: 'property', offset: keyStart, length: -1, parent: node, children: [] };
      const key = readString();
      property.children!.push({ type: 'string', value: key, offset: keyStart, length: at - keyStart, parent: property });
      skipSpace();
      if (text.charCodeAt(at) !== 58) throw NOT_STRICT;
      property.colonOffset = at;
      at++;
      const child = value(property);
      property.children!.push(child);
      property.length = child.offset + child.length - keyStart;
      node.children!.push(property);
      skipSpace();
      const next = text.charCodeAt(at);
      at++;
      if (next === 44) continue;
      if (next === 125) break;
      throw NOT_STRICT;
    }
    node.length = at - node.offset;
    return node;
  };

  const array = (parent: MutableNode): MutableNode => {
    const node: MutableNode = { type: 'array', offset: at, length: -1, parent, children: [] };
    at++;
    skipSpace();
    if (text.charCodeAt(at) === 93) {
      at++;
      node.length = at - node.offset;
      return node;
    }
    for (;;) {
      node.children!.push(value(node));
      skipSpace();
      const next = text.charCodeAt(at);
      at++;
      if (next === 44) continue;
      if (next === 93) break;
      throw NOT_STRICT;
    }
    node.length = at - node.offset;
    return node;
  };

  try {
    skipSpace();
    if (at >= length) return undefined;
    const root = value(undefined as unknown as MutableNode);
    skipSpace();
    if (at !== length) return undefined;
    delete root.parent;
    return root;
  } catch (error) {
    if (error === NOT_STRICT) return undefined;
    throw error;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Characters that jsonc-parser's scanner would read as part of the same unknown token. */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 43 || code === 46;
}
