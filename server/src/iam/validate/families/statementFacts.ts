/**
 * Small read-only views of a statement shared by the principal, trust, RCP and redundancy checks:
 * its effect, its principal values classified, its condition keys, and edits that remove or replace
 * one value. Kept apart so that each check file stays one concern.
 */
import type { ConditionKeyEntry, ConditionOperatorEntry, JsonNode, Span, Statement, StringValue } from '../../document/model';
import { spanOf } from '../../document/model';
import { parsePrincipalValue, type ParsedPrincipal } from '../../principals/principalParse';
import type { Fix } from '../engine/findings';

/** The statement's effect when it is exactly `Allow` or `Deny`. */
export function effectOf(statement: Statement): 'Allow' | 'Deny' | undefined {
  const value = statement.effect?.value;
  return value?.type === 'string' && (value.value === 'Allow' || value.value === 'Deny') ? value.value : undefined;
}

/** One principal value with its type, classification and literal. */
export interface PrincipalValue {
  readonly type: string;
  readonly value: StringValue;
  readonly parsed: ParsedPrincipal;
  /** The span of the `"AWS"` (etc.) key that holds the value. */
  readonly typeSpan: Span;
}

/** The values of the statement's `Principal` object form (not `NotPrincipal`), classified. */
export function principalValues(statement: Statement): PrincipalValue[] {
  const result: PrincipalValue[] = [];
  for (const entry of statement.principal?.entries ?? []) {
    for (const value of entry.values) {
      result.push({ type: entry.type, value, parsed: parsePrincipalValue(entry.type, value.value), typeSpan: entry.property.keySpan });
    }
  }
  return result;
}

/** One condition key with its operator. */
export interface ConditionUse {
  readonly operator: ConditionOperatorEntry;
  readonly key: ConditionKeyEntry;
  /** The key in lower case: condition keys are case-insensitive. */
  readonly lowerKey: string;
}

/** Every condition key of the statement in document order. */
export function conditionUses(statement: Statement): ConditionUse[] {
  const result: ConditionUse[] = [];
  for (const operator of statement.condition?.operators ?? []) {
    for (const key of operator.keys) result.push({ operator, key, lowerKey: key.key.toLowerCase() });
  }
  return result;
}

/** The action strings of the statement's `Action` element. */
export function actionValues(statement: Statement): readonly StringValue[] {
  return statement.action?.values ?? [];
}

/** A fix that replaces the literal at `span` with `newText`. */
export function replaceFix(title: string, span: Span, newText: string, preferred = true): Fix {
  return { title, edits: [{ offset: span.offset, length: span.length, newText }], preferred };
}

/**
 * A fix that removes one element of a JSON array together with the comma that separates it from a
 * neighbour; when the element is the whole value (not in an array), there is no such fix.
 */
export function removeArrayElementFix(title: string, element: JsonNode): Fix | undefined {
  const parent = element.parent;
  if (parent?.type !== 'array') return undefined;
  const siblings = parent.children ?? [];
  const index = siblings.indexOf(element);
  if (index < 0 || siblings.length < 2) return undefined;
  let start: number;
  let end: number;
  if (index < siblings.length - 1) {
    start = element.offset;
    end = siblings[index + 1]!.offset;
  } else {
    const previous = siblings[index - 1]!;
    start = previous.offset + previous.length;
    end = element.offset + element.length;
  }
  return { title, edits: [{ offset: start, length: end - start, newText: '' }], preferred: true };
}

/** A fix that replaces a string-or-array element's value with a JSON array of `values`. */
export function replaceListFix(title: string, valueNode: JsonNode, values: readonly string[]): Fix {
  return replaceFix(title, spanOf(valueNode), `[${values.map((value) => JSON.stringify(value)).join(', ')}]`);
}

