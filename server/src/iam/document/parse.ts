/**
 * Parses policy text into the positioned model. Parsing never fails: broken or half-typed JSON still
 * yields a model of what could be read, plus problems with exact spans.
 */
import { parseTree, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import type {
  ConditionElement,
  ConditionKeyEntry,
  ConditionOperatorEntry,
  JsonNode,
  ParseProblem,
  ParseResult,
  PolicyDocument,
  PrincipalElement,
  PrincipalEntry,
  Property,
  ScalarValue,
  Span,
  Statement,
  StringListElement,
  StringValue,
} from './model';
import { spanOf } from './model';
import { limitNesting, tooDeepMessage } from './jsonNesting';
import { strictJsonTree } from './strictJsonTree';

/** Human wording for jsonc-parser's error codes. */
const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace `}` expected',
  CloseBracketExpected: 'Closing bracket `]` expected',
  EndOfFileExpected: 'End of file expected: a policy is a single JSON object',
  InvalidCommentToken: 'Invalid comment token',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unexpected end of string: a closing `"` is missing',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string: control characters must be escaped',
};

/** The message of a JSON syntax error, as every JSON reader of policies words it (policy files, templates, strings). */
function jsonSyntaxMessage(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  return `JSON syntax error: ${SYNTAX_MESSAGES[name] ?? name}.`;
}

/**
 * Keeps a span inside the text: errors at the end of the text (an unterminated object) are put on
 * the last character so that editors can show them.
 */
function clampSpan(offset: number, length: number, textLength: number): Span {
  if (textLength === 0) return { offset: 0, length: 0 };
  const start = Math.min(offset, textLength - 1);
  return { offset: start, length: Math.max(1, Math.min(length, textLength - start)) };
}

/** Parses a policy document. Never throws. */
export function parsePolicy(text: string): ParseResult {
  const problems: ParseProblem[] = [];
  // jsonc-parser recurses once per level: whatever is nested too deep is blanked before it reads the
  // text (same offsets, same lines), and reported below. Every scan here reads `source`.
  const limited = limitNesting(text);
  const source = limited.text;
  let errors: ParseError[] = [];
  // Comments and trailing commas take two more scans of the text, which doubled the parse time of
  // valid policies (docs/performance.md). Most documents have neither, and the first parse proves
  // it: with comments disallowed, jsonc-parser reports each one as an error (the tree is the same);
  // without comments or syntax errors, a trailing comma needs `,`, JSON whitespace, then `}` or `]`.
  // Strict JSON, which nearly every policy file is, takes a fast path to the same tree.
  const strict = strictJsonTree(source);
  let root = strict ?? parseTree(source, errors, { allowTrailingComma: true, disallowComments: true, allowEmptyContent: true });
  const mayHaveComments = errors.some((error) => printParseErrorCode(error.error) === 'InvalidCommentToken');
  if (mayHaveComments) {
    // Parse again the way comments are reported (an unterminated comment is a syntax error too).
    errors = [];
    root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  }
  // jsonc-parser ends an unterminated block comment (always at the end of the text) one character
  // past the text, and the nodes around it with it; keep every node inside the text.
  if (errors.some((error) => printParseErrorCode(error.error) === 'UnexpectedEndOfComment')) clampNodes(root, text.length);
  // Strict JSON has no trailing comma; only a text the fast path refused is scanned for one.
  const mayHaveTrailingCommas = strict === undefined && (mayHaveComments || errors.length > 0 || mayHaveTrailingComma(source));
  const reported = new Set<number>();
  for (const error of errors) {
    if (reported.has(error.offset)) continue;
    reported.add(error.offset);
    problems.push({
      code: 'JSON_SYNTAX_ERROR',
      kind: 'syntax',
      message: jsonSyntaxMessage(error),
      span: clampSpan(error.offset, Math.max(error.length, 1), text.length),
    });
  }
  if (root === undefined && text.trim().length === 0) {
    problems.push({ code: 'JSON_SYNTAX_ERROR', kind: 'syntax', message: 'The document is empty: a policy is a JSON object with a `Statement` element.', span: { offset: 0, length: 0 } });
  }

  for (const span of limited.tooDeep) {
    problems.push({ code: 'POLICY_TOO_DEEP', kind: 'depth', message: tooDeepMessage(text, span), span });
  }

  const comments: Span[] = [];
  if (mayHaveComments) {
    // jsonc-parser gives an unterminated block comment at the end one character too many: clamp it.
    visit(source, { onComment: (offset, length) => comments.push({ offset, length: Math.min(length, text.length - offset) }) }, { disallowComments: false, allowTrailingComma: true });
  }
  for (const comment of comments) {
    problems.push({ code: 'JSON_SYNTAX_ERROR', kind: 'comment', message: 'Comments are not valid in IAM policies: IAM rejects the document. Remove the comment.', span: comment });
  }
  for (const span of mayHaveTrailingCommas ? findTrailingCommas(source) : []) {
    problems.push({ code: 'JSON_SYNTAX_ERROR', kind: 'trailingComma', message: 'Trailing commas are not valid JSON: IAM rejects the document. Remove the comma.', span });
  }

  return { document: buildDocument(text, root, comments), problems };
}

/** Shortens nodes that run past `end`; iterative, so that deep nesting cannot overflow the stack. */
function clampNodes(root: JsonNode | undefined, end: number): void {
  // jsonc-parser's Node is read-only in its typings; the tree is ours to correct after a bad parse.
  type MutableNode = { -readonly [K in keyof JsonNode]: JsonNode[K] };
  const stack: MutableNode[] = root ? [root as MutableNode] : [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.offset > end) node.offset = end;
    if (node.offset + node.length > end) node.length = end - node.offset;
    if (node.colonOffset !== undefined && node.colonOffset > end) node.colonOffset = end;
    if (node.children) stack.push(...(node.children as MutableNode[]));
  }
}

/**
 * True when a comma is followed by JSON whitespace (jsonc-parser's: space, tab, CR, LF) and a closing
 * bracket. A loop over the commas: the equivalent regular expression `/,[ \t\r\n]*[}\]]/` retried
 * its whitespace run after every comma of pretty-printed text and cost a sixth of a cold parse.
 */
function mayHaveTrailingComma(text: string): boolean {
  for (let comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', comma + 1)) {
    let at = comma + 1;
    let code = text.charCodeAt(at);
    while (code === 32 || code === 10 || code === 13 || code === 9) code = text.charCodeAt(++at);
    if (code === 125 || code === 93) return true;
  }
  return false;
}

/**
 * Finds commas that are followed (after whitespace and comments) by `}` or `]`. jsonc-parser accepts
 * them when asked to, so they are found here with its scanner-driven visitor.
 */
function findTrailingCommas(text: string): Span[] {
  const spans: Span[] = [];
  let pendingComma: Span | undefined;
  visit(
    text,
    {
      onSeparator: (character, offset) => {
        pendingComma = character === ',' ? { offset, length: 1 } : undefined;
      },
      onObjectEnd: () => {
        if (pendingComma) spans.push(pendingComma);
        pendingComma = undefined;
      },
      onArrayEnd: () => {
        if (pendingComma) spans.push(pendingComma);
        pendingComma = undefined;
      },
      onObjectBegin: () => {
        pendingComma = undefined;
      },
      onArrayBegin: () => {
        pendingComma = undefined;
      },
      onObjectProperty: () => {
        pendingComma = undefined;
      },
      onLiteralValue: () => {
        pendingComma = undefined;
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return spans;
}

function buildDocument(text: string, root: JsonNode | undefined, comments: Span[]): PolicyDocument {
  const properties = root?.type === 'object' ? propertiesOf(root) : [];
  const version = find(properties, 'Version');
  const id = find(properties, 'Id');
  const statement = find(properties, 'Statement');
  let statementShape: PolicyDocument['statementShape'] = 'missing';
  const statements: Statement[] = [];
  const statementValue = statement?.value;
  if (statement) {
    if (statementValue?.type === 'array') {
      statementShape = 'array';
      (statementValue.children ?? []).forEach((child, index) => {
        if (child.type === 'object') statements.push(buildStatement(child, index));
      });
    } else if (statementValue?.type === 'object') {
      statementShape = 'object';
      statements.push(buildStatement(statementValue, 0));
    } else {
      statementShape = 'invalid';
    }
  }
  return { text, root, properties, version, id, statement, statementShape, statements, comments };
}

/** The properties of an object node in document order, duplicates included. */
function propertiesOf(node: JsonNode): Property[] {
  const result: Property[] = [];
  for (const child of node.children ?? []) {
    if (child.type !== 'property') continue;
    const keyNode = child.children?.[0];
    if (!keyNode) continue;
    result.push({
      key: typeof keyNode.value === 'string' ? keyNode.value : String(keyNode.value ?? ''),
      keySpan: spanOf(keyNode),
      value: child.children?.[1],
      span: spanOf(child),
      node: child,
    });
  }
  return result;
}

/** The last property with this exact key: JSON parsers keep the last duplicate, and so does IAM. */
function find(properties: readonly Property[], key: string): Property | undefined {
  let found: Property | undefined;
  for (const property of properties) if (property.key === key) found = property;
  return found;
}

function buildStatement(node: JsonNode, index: number): Statement {
  const properties = propertiesOf(node);
  const listOf = (key: string) => {
    const property = find(properties, key);
    return property ? stringList(property) : undefined;
  };
  const principalOf = (key: string) => {
    const property = find(properties, key);
    return property ? principalElement(property) : undefined;
  };
  const conditionProperty = find(properties, 'Condition');
  return {
    index,
    node,
    span: spanOf(node),
    properties,
    sid: find(properties, 'Sid'),
    effect: find(properties, 'Effect'),
    action: listOf('Action'),
    notAction: listOf('NotAction'),
    resource: listOf('Resource'),
    notResource: listOf('NotResource'),
    principal: principalOf('Principal'),
    notPrincipal: principalOf('NotPrincipal'),
    condition: conditionProperty ? conditionElement(conditionProperty) : undefined,
  };
}

function stringValue(node: JsonNode): StringValue | undefined {
  return node.type === 'string' && typeof node.value === 'string' ? { value: node.value, span: spanOf(node), node } : undefined;
}

function stringList(property: Property): StringListElement {
  const values: StringValue[] = [];
  const invalid: JsonNode[] = [];
  const value = property.value;
  const items = value?.type === 'array' ? (value.children ?? []) : value ? [value] : [];
  for (const item of items) {
    const string = stringValue(item);
    if (string) values.push(string);
    else invalid.push(item);
  }
  return { property, isArray: value?.type === 'array', values, invalid };
}

function principalElement(property: Property): PrincipalElement {
  const value = property.value;
  if (value?.type === 'string') {
    return { property, wildcard: stringValue(value), entries: [] };
  }
  const entries: PrincipalEntry[] = [];
  if (value?.type === 'object') {
    for (const entry of propertiesOf(value)) {
      const list = stringList(entry);
      entries.push({ property: entry, type: entry.key, values: list.values, invalid: list.invalid, isArray: list.isArray });
    }
  }
  return { property, entries };
}

function scalarValue(node: JsonNode): ScalarValue | undefined {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return { value: node.value as string | number | boolean, type: node.type, span: spanOf(node), node };
    case 'null':
      return { value: null, type: 'null', span: spanOf(node), node };
    default:
      return undefined;
  }
}

function conditionElement(property: Property): ConditionElement {
  const value = property.value;
  const operators: ConditionOperatorEntry[] = [];
  if (value?.type === 'object') {
    for (const operatorProperty of propertiesOf(value)) {
      const block = operatorProperty.value;
      const keys: ConditionKeyEntry[] = [];
      if (block?.type === 'object') {
        for (const keyProperty of propertiesOf(block)) {
          const values: ScalarValue[] = [];
          const invalid: JsonNode[] = [];
          const keyValue = keyProperty.value;
          const items = keyValue?.type === 'array' ? (keyValue.children ?? []) : keyValue ? [keyValue] : [];
          for (const item of items) {
            const scalar = scalarValue(item);
            if (scalar) values.push(scalar);
            else invalid.push(item);
          }
          keys.push({ property: keyProperty, key: keyProperty.key, keySpan: keyProperty.keySpan, values, invalid, isArray: keyValue?.type === 'array' });
        }
      }
      operators.push({
        property: operatorProperty,
        operator: operatorProperty.key,
        operatorSpan: operatorProperty.keySpan,
        keys,
        isObject: block?.type === 'object',
      });
    }
  }
  return { property, operators, isObject: value?.type === 'object' };
}
