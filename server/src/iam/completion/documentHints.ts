/**
 * Values found elsewhere in a document that make ARN snippets fit it: the account, Region and
 * partition its ARNs already use. Computed once per parsed document (cached by identity).
 */
import type { PolicyDocument } from '../document/model';
import { isAccountId } from '../principals/principalParse';

/** What the document's other ARNs say. */
export interface DocumentHints {
  readonly account?: string;
  readonly region?: string;
  readonly partition?: string;
}

const cache = new WeakMap<PolicyDocument, DocumentHints>();

/** Collects the strings of the document that can hold ARNs or account ids. */
function* arnTexts(document: PolicyDocument): Generator<string> {
  for (const statement of document.statements) {
    for (const list of [statement.resource, statement.notResource]) for (const v of list?.values ?? []) yield v.value;
    for (const principal of [statement.principal, statement.notPrincipal]) {
      for (const entry of principal?.entries ?? []) for (const v of entry.values) yield v.value;
    }
    for (const op of statement.condition?.operators ?? []) {
      for (const key of op.keys) for (const v of key.values) if (typeof v.value === 'string') yield v.value;
    }
  }
}

/** The most frequent account, Region and partition of the document's ARNs. */
export function documentHints(document: PolicyDocument): DocumentHints {
  const hit = cache.get(document);
  if (hit) return hit;
  const accounts = new Map<string, number>();
  const regions = new Map<string, number>();
  const partitions = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const text of arnTexts(document)) {
    if (isAccountId(text)) {
      bump(accounts, text);
      continue;
    }
    if (!text.startsWith('arn:')) continue;
    const parts = text.split(':', 6);
    if (parts.length < 6) continue;
    if (/^aws[a-z-]*$/.test(parts[1]!)) bump(partitions, parts[1]!);
    if (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(parts[3]!)) bump(regions, parts[3]!);
    if (isAccountId(parts[4]!)) bump(accounts, parts[4]!);
  }
  const top = (map: Map<string, number>) => {
    let best: string | undefined;
    let count = 0;
    for (const [key, n] of map) if (n > count) [best, count] = [key, n];
    return best;
  };
  const hints = { account: top(accounts), region: top(regions), partition: top(partitions) };
  cache.set(document, hints);
  return hints;
}
