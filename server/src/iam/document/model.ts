/**
 * The positioned model of an IAM policy document. Every node keeps the offset and length of its key
 * and of its value so that every finding, completion and hover lands on the exact text
 * (ARCHITECTURE invariant 1). The model describes what is there, however broken: the parser never
 * fails, it leaves out what it cannot read and reports a problem instead.
 */
import type { Node as JsonNode } from 'jsonc-parser';

export type { JsonNode };

/** A stretch of the document text. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

/** A JSON scalar found where the grammar expects a value, with the span of its literal. */
export interface ScalarValue {
  /** The value as JSON gives it; strings without quotes. */
  readonly value: string | number | boolean | null;
  /** The JSON type of the literal. */
  readonly type: 'string' | 'number' | 'boolean' | 'null';
  /** The span of the literal, including the quotes of a string. */
  readonly span: Span;
  /** The node the value came from. */
  readonly node: JsonNode;
}

/** A string value with its span; `text` is the unquoted content. */
export interface StringValue {
  readonly value: string;
  /** The span of the literal, including the quotes. */
  readonly span: Span;
  readonly node: JsonNode;
}

/** One `"Key": value` pair of an object, duplicates included in document order. */
export interface Property {
  readonly key: string;
  readonly keySpan: Span;
  /** Undefined when the property has no value yet (`"Effect":` while typing). */
  readonly value?: JsonNode;
  /** The whole property, key through value. */
  readonly span: Span;
  readonly node: JsonNode;
}

/**
 * A string-or-array element (`Action`, `NotAction`, `Resource`, `NotResource`, condition values,
 * principal values). `values` keeps the string entries; `invalid` keeps entries of the wrong type so
 * that rules can point at them.
 */
export interface StringListElement {
  readonly property: Property;
  /** True when the value is a JSON array. */
  readonly isArray: boolean;
  readonly values: readonly StringValue[];
  /** Values that are not strings (numbers, objects, nested arrays, ...). */
  readonly invalid: readonly JsonNode[];
}

/** One principal type of a Principal/NotPrincipal object, e.g. `"AWS": [...]`. */
export interface PrincipalEntry {
  readonly property: Property;
  /** The principal type as written, e.g. `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  readonly type: string;
  readonly values: readonly StringValue[];
  readonly invalid: readonly JsonNode[];
  readonly isArray: boolean;
}

/** A Principal or NotPrincipal element. */
export interface PrincipalElement {
  readonly property: Property;
  /** Set when the element is the string form, normally `"*"`. */
  readonly wildcard?: StringValue;
  /** The object form's entries in document order. */
  readonly entries: readonly PrincipalEntry[];
}

/** One condition key under an operator, e.g. `"aws:SourceIp": ["10.0.0.0/8"]`. */
export interface ConditionKeyEntry {
  readonly property: Property;
  readonly key: string;
  readonly keySpan: Span;
  /** The values, any scalar type: IAM accepts numbers and booleans and compares them as strings. */
  readonly values: readonly ScalarValue[];
  /** Values that are not scalars (objects, nested arrays). */
  readonly invalid: readonly JsonNode[];
  readonly isArray: boolean;
}

/** One condition operator block, e.g. `"StringEquals": { ... }`. */
export interface ConditionOperatorEntry {
  readonly property: Property;
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  readonly operator: string;
  readonly operatorSpan: Span;
  readonly keys: readonly ConditionKeyEntry[];
  /** True when the operator's value is an object (the only valid shape). */
  readonly isObject: boolean;
}

/** A Condition element. */
export interface ConditionElement {
  readonly property: Property;
  readonly operators: readonly ConditionOperatorEntry[];
  /** True when the Condition value is an object (the only valid shape). */
  readonly isObject: boolean;
}

/** One statement. Elements are set when present under their exact documented name. */
export interface Statement {
  /** Position in the Statement array (0 for the object form). */
  readonly index: number;
  readonly node: JsonNode;
  readonly span: Span;
  /** Every property in document order, duplicates and unknown ones included. */
  readonly properties: readonly Property[];
  readonly sid?: Property;
  readonly effect?: Property;
  readonly action?: StringListElement;
  readonly notAction?: StringListElement;
  readonly resource?: StringListElement;
  readonly notResource?: StringListElement;
  readonly principal?: PrincipalElement;
  readonly notPrincipal?: PrincipalElement;
  readonly condition?: ConditionElement;
}

/** The whole document. */
export interface PolicyDocument {
  readonly text: string;
  /** The top-level JSON value, undefined for empty or unreadable text. */
  readonly root?: JsonNode;
  /** Top-level properties in document order (empty when the root is not an object). */
  readonly properties: readonly Property[];
  readonly version?: Property;
  readonly id?: Property;
  readonly statement?: Property;
  /** How the Statement element is written. */
  readonly statementShape: 'missing' | 'object' | 'array' | 'invalid';
  /** Statement objects; entries of the Statement array that are not objects are left out. */
  readonly statements: readonly Statement[];
  /** Comments found in the text (IAM rejects them, JSONC allows them). */
  readonly comments: readonly Span[];
}

/** A problem found while parsing (JSON syntax, comments, trailing commas). */
export interface ParseProblem {
  /**
   * Access Analyzer's `JSON_SYNTAX_ERROR` for syntax errors, comments and trailing commas (IAM's JSON
   * parser rejects all three, so they share the code; `kind` tells them apart for messages and
   * fixes); our own `POLICY_TOO_DEEP` for kind `depth`.
   */
  readonly code: 'JSON_SYNTAX_ERROR' | 'POLICY_TOO_DEEP';
  /**
   * `depth`: a container nested deeper than any policy element allows (iam/document/jsonNesting.ts);
   * IAM cannot accept such a document either, and its content is not analysed. Always `POLICY_TOO_DEEP`.
   */
  readonly kind: 'syntax' | 'comment' | 'trailingComma' | 'depth';
  readonly message: string;
  readonly span: Span;
}

/** The result of parsing: the model of what is there plus the problems found. */
export interface ParseResult {
  readonly document: PolicyDocument;
  readonly problems: readonly ParseProblem[];
}

/** The span of a node. */
export function spanOf(node: { offset: number; length: number }): Span {
  return { offset: node.offset, length: node.length };
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
