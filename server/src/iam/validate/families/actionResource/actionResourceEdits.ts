/**
 * Spans and text edits shared by the action and resource checks: a span inside a string literal
 * (so that a finding can land on one ARN field), replacing a literal, and removing an array entry.
 */
import type { Span, StringListElement, StringValue } from '../../../document/model';
import type { CheckContext } from '../../engine/checkContext';
import type { Fix } from '../../engine/findings';

/**
 * The span of `length` characters at `start` of a string value's content. When the literal holds
 * escapes its text and its value differ, and the whole literal is returned instead.
 */
export function contentSpan(context: CheckContext, value: StringValue, start: number, length: number): Span {
  const raw = context.text.slice(value.span.offset + 1, value.span.offset + value.span.length - 1);
  if (raw !== value.value) return value.span;
  return { offset: value.span.offset + 1 + start, length };
}

/** Whether `contentSpan` can point inside this literal. */
export function hasExactText(context: CheckContext, value: StringValue): boolean {
  return context.text.slice(value.span.offset + 1, value.span.offset + value.span.length - 1) === value.value;
}

/** A fix that replaces a whole string value with `newValue`. */
export function replaceValueFix(value: StringValue, newValue: string, title?: string, preferred = true): Fix {
  return {
    title: title ?? `Change to \`${newValue}\``,
    edits: [{ offset: value.span.offset, length: value.span.length, newText: JSON.stringify(newValue) }],
    preferred,
  };
}

/**
 * A fix that removes one entry of a JSON array together with the comma that joins it to a neighbour
 * (the following comma, or the preceding one for the last entry), and its line when it stood alone.
 */
export function removeEntryFix(context: CheckContext, element: StringListElement, value: StringValue, title: string): Fix | undefined {
  if (!element.isArray) return undefined;
  const text = context.text;
  let start = value.span.offset;
  let end = value.span.offset + value.span.length;
  let after = end;
  while (after < text.length && /\s/.test(text[after]!)) after++;
  if (text[after] === ',') {
    end = after + 1;
    // Take the whitespace up to the next entry so that the layout stays as it was.
    let next = end;
    while (next < text.length && /\s/.test(text[next]!)) next++;
    // On a multi-line array, remove the whole line of the entry instead.
    let lineStart = start;
    while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
    if (lineStart === 0 || text[lineStart - 1] === '\n') {
      let lineEnd = end;
      while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
      if (text[lineEnd] === '\n') {
        start = lineStart;
        end = lineEnd + 1;
      } else end = next;
    } else end = next;
  } else {
    let before = start - 1;
    while (before >= 0 && /\s/.test(text[before]!)) before--;
    if (text[before] === ',') start = before;
  }
  return { title, edits: [{ offset: start, length: end - start, newText: '' }], preferred: true };
}
