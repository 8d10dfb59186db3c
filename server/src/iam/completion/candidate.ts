/**
 * Completion candidates as the pure core produces them: what to insert (plain text or snippet syntax),
 * how to filter and rank, and structured information that the service layer turns into wording.
 */
import type { AccessLevel, ActionInfo, ConditionKeyInfo, ServiceInfo } from '../catalog/types';
import type { CompletionContext } from './completionContext';

/** What a candidate stands for; the service layer words its detail and documentation from this. */
export type CandidateInfo =
  | { readonly kind: 'element'; readonly name: string; readonly level: 'top' | 'statement' }
  | { readonly kind: 'template'; readonly name: TemplateName }
  | { readonly kind: 'value'; readonly element: string; readonly value: string; readonly note?: string }
  | { readonly kind: 'service'; readonly service: ServiceInfo; readonly actionCount: number }
  | { readonly kind: 'action'; readonly action: ActionInfo }
  | {
      readonly kind: 'actionWildcard';
      readonly pattern: string;
      readonly count: number;
      readonly byLevel: Readonly<Partial<Record<AccessLevel, number>>>;
      readonly service?: ServiceInfo;
    }
  | {
      readonly kind: 'arnTemplate';
      readonly service: string;
      readonly resourceType: string;
      readonly template: string;
      /** The statement's actions that accept this resource type (first few), and how many there are. */
      readonly actions: readonly string[];
      readonly actionCount: number;
    }
  | { readonly kind: 'operator'; readonly name: string; readonly base: string; readonly family: string; readonly qualifier?: string; readonly ifExists: boolean }
  | { readonly kind: 'conditionKey'; readonly key: ConditionKeyInfo; readonly supportedBy: number; readonly actionCount: number }
  | { readonly kind: 'variable'; readonly name: string; readonly key?: ConditionKeyInfo }
  | { readonly kind: 'principalType'; readonly name: string }
  | { readonly kind: 'principal'; readonly form: PrincipalForm; readonly value: string };

/** Whole-structure snippets. */
export type TemplateName =
  | 'policy'
  | 'statement'
  | 'allowStatement'
  | 'denyStatement'
  | 'statementBody'
  | 'principalAws'
  | 'principalService'
  | 'principalFederated'
  | 'conditionBlock'
  | 'genericArn';

/** The kinds of principal value offered. */
export type PrincipalForm =
  | 'anyone'
  | 'account'
  | 'accountId'
  | 'role'
  | 'user'
  | 'assumedRole'
  | 'federatedUser'
  | 'service'
  | 'samlProvider'
  | 'oidcProvider'
  | 'webIdentity'
  | 'canonicalUser';

/** One completion candidate. */
export interface CompletionCandidate {
  /** The label shown in the list. */
  readonly label: string;
  readonly info: CandidateInfo;
  /** What replaces the token: snippet syntax when `snippet`, quotes included where JSON needs them. */
  readonly insertText: string;
  readonly snippet: boolean;
  /** Text the editor filters on: it must start like the token text before the cursor. */
  readonly filterText: string;
  /** Ranking: the editor orders by this among equally good matches. */
  readonly sortText: string;
  /** Ask the editor for completions again after inserting (e.g. after `s3:`). */
  readonly retrigger?: boolean;
}

/** The answer of the core to a completion request. */
export interface CompletionAnswer {
  readonly context: CompletionContext;
  readonly items: readonly CompletionCandidate[];
  /** True when the list was cut at the maximum, or when typing further changes it beyond filtering. */
  readonly isIncomplete: boolean;
}

/** How well a candidate matches the typed text: 0 prefix, 1 substring, -1 not at all. */
export function matchRank(candidateLower: string, partialLower: string): number {
  if (partialLower.length === 0 || candidateLower.startsWith(partialLower)) return 0;
  if (candidateLower.includes(partialLower)) return 1;
  return -1;
}

/** Escapes text for use inside snippet syntax (outside placeholders). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Escapes text for a JSON string literal's content. */
export function escapeJson(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** A candidate under construction: ranked, not yet given its sortText. */
export interface RankedCandidate {
  readonly label: string;
  readonly info: CandidateInfo;
  /** JSON-ready text (for plain values) or a snippet body; quotes are added by `finish`. */
  readonly body: string;
  readonly snippet: boolean;
  /** When true the body is inserted as is (objects, arrays, keys with values), else in quotes. */
  readonly raw?: boolean;
  /** 0 for a prefix match, 1 for a substring match, 2 for matches the editor cannot filter itself. */
  readonly tier: number;
  /** Priority within a tier: lower first. */
  readonly priority: number;
  /** Filter text without the opening quote; defaults to the label. */
  readonly filter?: string;
  readonly retrigger?: boolean;
}

/**
 * Orders ranked candidates, cuts them at `max` and turns them into candidates. Substring matches and
 * matches the editor cannot filter by itself make the list incomplete, so the editor asks again as
 * the user types instead of filtering a list that was built for a shorter text.
 */
export function finish(context: CompletionContext, ranked: RankedCandidate[], max: number): { items: CompletionCandidate[]; isIncomplete: boolean } {
  const order = ranked.map((candidate, index) => ({ candidate, index }));
  order.sort((a, b) => a.candidate.tier - b.candidate.tier || a.candidate.priority - b.candidate.priority || a.index - b.index);
  const seen = new Set<string>();
  const items: CompletionCandidate[] = [];
  let isIncomplete = false;
  for (const { candidate } of order) {
    const key = `${candidate.label}\u0000${candidate.info.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (items.length >= max) {
      isIncomplete = true;
      break;
    }
    if (candidate.tier > 0) isIncomplete = true;
    const quote = context.quoted ? '"' : '';
    const filterBase = candidate.tier > 0 ? `${context.partial}${candidate.filter ?? candidate.label}` : (candidate.filter ?? candidate.label);
    const insertText = candidate.raw ? candidate.body : `"${candidate.body}"`;
    items.push({
      label: candidate.label,
      info: candidate.info,
      insertText,
      snippet: candidate.snippet,
      filterText: candidate.raw && !context.quoted ? filterBase : `${quote}${filterBase}`,
      sortText: String(items.length).padStart(5, '0'),
      retrigger: candidate.retrigger,
    });
  }
  return { items, isIncomplete };
}
