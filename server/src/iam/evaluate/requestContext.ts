/**
 * The request context as the evaluator reads it: keys looked up case-insensitively (IAM User Guide,
 * "IAM policy elements: Variables and tags": "Key names are case-insensitive"), values kept as the
 * strings the condition operators compare.
 */
import type { ContextValue } from './types';

/** One context key's value(s) in the form the operators read. */
export interface ContextEntry {
  /** The key as the request spelled it. */
  readonly key: string;
  /** The values as strings; a single value is a one-element list. */
  readonly values: readonly string[];
  /** True when the request gave a list, so the key is multivalued (see "Single-valued vs. multivalued context keys"). */
  readonly multivalued: boolean;
}

/** A case-insensitive view of a request context. */
export class RequestContext {
  private readonly entries = new Map<string, ContextEntry>();
  /** Where lookups are being recorded (see `recordLookups`), if anywhere. */
  private lookups: string[] | undefined;

  constructor(context: Readonly<Record<string, ContextValue>> | undefined) {
    if (!context) return;
    // The own enumerable keys, in order, as Object.entries gives them, without its pairs.
    for (const key in context) {
      if (!Object.prototype.hasOwnProperty.call(context, key)) continue;
      const entry = toEntry(key, context[key]);
      if (entry) this.entries.set(key.toLowerCase(), entry);
    }
  }

  /** The entry for a key, or undefined when the request does not carry it. */
  get(key: string): ContextEntry | undefined {
    if (this.lookups) this.lookups.push(key);
    return this.entries.get(key.toLowerCase());
  }

  /** Whether the request carries the key, spelled in any case. */
  has(key: string): boolean {
    if (this.lookups) this.lookups.push(key);
    return this.entries.has(key.toLowerCase());
  }

  /**
   * Appends every key looked up from now on to `keys`, until called with undefined: the statement
   * memo (statementMemo.ts) learns this way which keys an evaluation depended on.
   */
  recordLookups(keys: string[] | undefined): void {
    this.lookups = keys;
  }
}

function scalarToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

function toEntry(key: string, raw: unknown): ContextEntry | undefined {
  if (Array.isArray(raw)) {
    const values: string[] = [];
    for (const item of raw) {
      const text = scalarToString(item);
      if (text !== undefined) values.push(text);
    }
    return { key, values, multivalued: true };
  }
  const text = scalarToString(raw);
  return text === undefined ? undefined : { key, values: [text], multivalued: false };
}
