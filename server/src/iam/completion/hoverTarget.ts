/**
 * What is under an offset of a parsed policy, for hover: an action, a resource ARN, a condition
 * operator, key or value, a principal, a policy variable, or an element name. Pure and position-based:
 * the statement is found by binary search over the model's statements, then its elements' spans.
 */
import type { ConditionKeyEntry, ConditionOperatorEntry, PolicyDocument, Property, Span, Statement, StringValue } from '../document/model';

/** A thing to describe on hover, with the span it covers. */
export type HoverTarget =
  | { readonly kind: 'action'; readonly span: Span; readonly value: string; readonly element: 'Action' | 'NotAction'; readonly statement: Statement }
  | { readonly kind: 'resource'; readonly span: Span; readonly value: string; readonly element: 'Resource' | 'NotResource'; readonly statement: Statement }
  | { readonly kind: 'conditionOperator'; readonly span: Span; readonly operator: string; readonly statement: Statement }
  | { readonly kind: 'conditionKey'; readonly span: Span; readonly key: string; readonly operator: string; readonly statement: Statement }
  | { readonly kind: 'principal'; readonly span: Span; readonly value: string; readonly principalType: string; readonly element: 'Principal' | 'NotPrincipal'; readonly statement: Statement }
  | { readonly kind: 'variable'; readonly span: Span; readonly name: string; readonly fallback?: string }
  | { readonly kind: 'element'; readonly span: Span; readonly name: string; readonly level: 'top' | 'statement' }
  | { readonly kind: 'effect'; readonly span: Span; readonly value: string }
  | { readonly kind: 'version'; readonly span: Span; readonly value: string };

function contains(span: Span, offset: number): boolean {
  return offset >= span.offset && offset < span.offset + span.length;
}

/** The statement whose span contains `offset` (statements are in document order). */
export function statementAtOffset(document: PolicyDocument, offset: number): Statement | undefined {
  const list = document.statements;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!;
    if (offset < s.span.offset) hi = mid - 1;
    else if (offset >= s.span.offset + s.span.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** A `${...}` variable in a string value that contains the offset. */
function variableAt(value: StringValue | { value: unknown; span: Span }, offset: number, text: string): HoverTarget | undefined {
  if (typeof value.value !== 'string' || !value.value.includes('${')) return undefined;
  // Work on the raw text of the literal so that spans are exact even with escapes before the variable.
  const raw = text.slice(value.span.offset, value.span.offset + value.span.length);
  let from = 0;
  for (;;) {
    const open = raw.indexOf('${', from);
    if (open < 0) return undefined;
    const close = raw.indexOf('}', open);
    if (close < 0) return undefined;
    const start = value.span.offset + open;
    const end = value.span.offset + close + 1;
    if (offset >= start && offset < end) {
      const body = raw.slice(open + 2, close);
      const comma = body.indexOf(',');
      const name = (comma >= 0 ? body.slice(0, comma) : body).trim();
      const fallbackMatch = comma >= 0 ? /'([^']*)'/.exec(body.slice(comma + 1)) : null;
      return { kind: 'variable', span: { offset: start, length: end - start }, name, fallback: fallbackMatch?.[1] };
    }
    from = close + 1;
  }
}

function elementAt(properties: readonly Property[], offset: number, level: 'top' | 'statement'): HoverTarget | undefined {
  for (const p of properties) if (contains(p.keySpan, offset)) return { kind: 'element', span: p.keySpan, name: p.key, level };
  return undefined;
}

function conditionTarget(statement: Statement, offset: number, text: string): HoverTarget | undefined {
  const condition = statement.condition;
  if (!condition || !contains(condition.property.span, offset)) return undefined;
  for (const op of condition.operators as readonly ConditionOperatorEntry[]) {
    if (contains(op.operatorSpan, offset)) return { kind: 'conditionOperator', span: op.operatorSpan, operator: op.operator, statement };
    if (!contains(op.property.span, offset)) continue;
    for (const key of op.keys as readonly ConditionKeyEntry[]) {
      if (contains(key.keySpan, offset)) return { kind: 'conditionKey', span: key.keySpan, key: key.key, operator: op.operator, statement };
      for (const v of key.values) {
        if (!contains(v.span, offset)) continue;
        const variable = variableAt(v, offset, text);
        // A value is described through its key: hovering `"true"` under `aws:SecureTransport` explains the key.
        return variable ?? { kind: 'conditionKey', span: v.span, key: key.key, operator: op.operator, statement };
      }
    }
  }
  return undefined;
}

/** The hover target at `offset`, if any. Never throws. */
export function hoverTarget(document: PolicyDocument, offset: number): HoverTarget | undefined {
  const text = document.text;
  if (document.version) {
    if (contains(document.version.keySpan, offset)) return { kind: 'element', span: document.version.keySpan, name: 'Version', level: 'top' };
    const v = document.version.value;
    if (v && contains(v, offset) && typeof v.value === 'string') return { kind: 'version', span: { offset: v.offset, length: v.length }, value: v.value };
  }
  const statement = statementAtOffset(document, offset);
  if (!statement) return elementAt(document.properties, offset, 'top');

  const element = elementAt(statement.properties, offset, 'statement');
  if (element) return element;
  const effect = statement.effect?.value;
  if (effect && contains(effect, offset) && typeof effect.value === 'string') return { kind: 'effect', span: { offset: effect.offset, length: effect.length }, value: effect.value };

  for (const [list, name] of [
    [statement.action, 'Action'],
    [statement.notAction, 'NotAction'],
  ] as const) {
    for (const v of list?.values ?? []) if (contains(v.span, offset)) return { kind: 'action', span: v.span, value: v.value, element: name, statement };
  }
  for (const [list, name] of [
    [statement.resource, 'Resource'],
    [statement.notResource, 'NotResource'],
  ] as const) {
    for (const v of list?.values ?? []) {
      if (!contains(v.span, offset)) continue;
      return variableAt(v, offset, text) ?? { kind: 'resource', span: v.span, value: v.value, element: name, statement };
    }
  }
  for (const [principal, name] of [
    [statement.principal, 'Principal'],
    [statement.notPrincipal, 'NotPrincipal'],
  ] as const) {
    if (!principal) continue;
    if (principal.wildcard && contains(principal.wildcard.span, offset)) {
      return { kind: 'principal', span: principal.wildcard.span, value: principal.wildcard.value, principalType: '*', element: name, statement };
    }
    for (const entry of principal.entries) {
      if (contains(entry.property.keySpan, offset)) return { kind: 'principal', span: entry.property.keySpan, value: '', principalType: entry.type, element: name, statement };
      for (const v of entry.values) if (contains(v.span, offset)) return { kind: 'principal', span: v.span, value: v.value, principalType: entry.type, element: name, statement };
    }
  }
  return conditionTarget(statement, offset, text);
}
