/**
 * `shrinkPolicy`: a smaller text of the same policy, for policies near their size quota ("IAM and AWS
 * STS quotas" in the IAM User Guide: managed policy 6,144 characters, role trust policy 2,048, inline
 * policies per user 2,048, group 5,120 and role 10,240, white space not counted; AWS Organizations
 * User Guide, "SCP syntax" and "RCP syntax": 5,120 characters, white space counted). The quotas per
 * kind are `document/policySize.ts`'s, which the size checks use too. Three steps:
 *
 * 1. Statements that differ only in `Action`, or only in `Resource`, merge into one whose list is the
 *    union: a statement applies to a request when its action, resource, principal and condition all
 *    match ("Policy evaluation logic"), so with every other element equal the union in one element is
 *    exactly the two statements. Only positive lists are united (`NotAction`/`NotResource` must then be
 *    equal, never united: the union of two exclusions is a narrower statement), only statements made of
 *    known elements merge, and the merged statement keeps the first `Sid` (another `Sid` is dropped).
 * 2. Action lists are sorted and de-duplicated (case-insensitively), and literal actions of one service
 *    become `Prefix*` only where, in the bundled catalog, the pattern matches exactly actions of the
 *    list (`author/generatePolicy.ts` `compactActions`, the one implementation of that idea). Actions
 *    AWS adds later may match such a wildcard too; the catalog is the universe of the check.
 * 3. White space is removed.
 *
 * The result is offered only when the evaluator-based access comparison proves equal access in both
 * directions (nothing new, nothing removed, nothing undecided). Documents with comments or repeated
 * keys are not shrunk: the minified text could not keep them.
 */
import { getNodeValue, type Node as JsonNode } from 'jsonc-parser';
import { action as catalogAction } from '../catalog/catalog';
import { compactActions } from '../author/generatePolicy';
import { policySize, SIZE_QUOTAS } from '../document/policySize';
import type { PolicyKind } from '../document/policyKind';
import { hasWildcard } from '../arn/wildcard';
import { compareAccess } from './formatCheck';
import { elementRank, parseJsonc, POLICY_ELEMENT_ORDER, sortedUniqueActions, stableOrder, STATEMENT_ELEMENT_ORDER } from './formatPolicy';

/** The share of its quota from which a policy is "near" it and gets the shrink action: 90 %. */
export const NEAR_QUOTA_SHARE = 0.9;

/** A shrunk policy, with its size before and after as its kind's quota counts it. */
export interface ShrinkResult {
  readonly ok: true;
  readonly text: string;
  readonly before: number;
  readonly after: number;
  readonly quota?: number;
  /** Statements removed by merging. */
  readonly mergedStatements: number;
  /** The wildcards used, each with the actions it stands for in the bundled catalog. */
  readonly wildcards: ReadonlyArray<{ readonly pattern: string; readonly covers: readonly string[] }>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Statement = { [key: string]: Json };

function hasRepeatedKeys(node: JsonNode): boolean {
  if (node.type === 'object') {
    const keys = (node.children ?? []).map((property) => String(property.children?.[0]?.value));
    if (new Set(keys).size !== keys.length) return true;
  }
  return (node.children ?? []).some(hasRepeatedKeys);
}

/** JSON with object keys sorted, for comparing values. */
function canonicalJson(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  return JSON.stringify(value);
}

function stringsOf(value: Json | undefined): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  return undefined;
}

/** A list element compared as a set (actions case-insensitively, as IAM matches them). */
function setKey(value: Json | undefined, caseInsensitive: boolean): string {
  const list = stringsOf(value);
  if (!list) return canonicalJson(value);
  return JSON.stringify([...new Set(list.map((item) => (caseInsensitive ? item.toLowerCase() : item)))].sort());
}

/** The statement's elements other than `Sid` and `except`, as one comparable string; undefined when it has an unknown element. */
function signature(statement: Statement, except: string): string | undefined {
  const keys = Object.keys(statement);
  if (keys.some((key) => !STATEMENT_ELEMENT_ORDER.includes(key))) return undefined;
  return keys
    .filter((key) => key !== 'Sid' && key !== except)
    .sort()
    .map((key) => `${key}=${key === 'Action' || key === 'NotAction' ? setKey(statement[key], true) : key === 'Resource' || key === 'NotResource' ? setKey(statement[key], false) : canonicalJson(statement[key])}`)
    .join('\u0000');
}

function union(a: readonly string[], b: readonly string[], caseInsensitive: boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of [...a, ...b]) {
    const key = caseInsensitive ? item.toLowerCase() : item;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** Merges statements that differ only in `element` (a positive list); returns how many were merged away. */
function mergeOn(statements: Statement[], element: 'Action' | 'Resource', mergeable: (statement: Statement) => boolean): number {
  let merged = 0;
  for (let i = 0; i < statements.length; i++) {
    const first = statements[i]!;
    if (!mergeable(first)) continue;
    const firstList = stringsOf(first[element]);
    const key = firstList ? signature(first, element) : undefined;
    if (!firstList || key === undefined) continue;
    for (let j = i + 1; j < statements.length; j++) {
      const other = statements[j]!;
      const otherList = stringsOf(other[element]);
      if (!otherList || signature(other, element) !== key) continue;
      const list = union(stringsOf(first[element])!, otherList, element === 'Action');
      first[element] = list;
      if (first.Sid === undefined && other.Sid !== undefined) first.Sid = other.Sid;
      statements.splice(j, 1);
      j--;
      merged++;
    }
  }
  return merged;
}

/** Merges statements in the given order of elements until nothing merges (merging in one element can make statements equal in the other). */
function mergeAll(original: readonly Statement[], order: ReadonlyArray<'Action' | 'Resource'>, mergeable: (statement: Statement) => boolean): { statements: Statement[]; merged: number } {
  const statements = original.map((statement) => ({ ...statement }));
  let merged = 0;
  for (let round = 0; round < 10; round++) {
    const count = order.reduce((sum, element) => sum + mergeOn(statements, element, mergeable), 0);
    merged += count;
    if (count === 0) break;
  }
  return { statements, merged };
}

/** Sorted, de-duplicated actions with exact-cover wildcards for each service's literal catalog actions. */
function compactStatementActions(value: Json, wildcards: Array<{ pattern: string; covers: string[] }> | undefined): Json {
  const list = stringsOf(value);
  if (!list || !Array.isArray(value)) return value;
  if (!wildcards) return sortedUniqueActions(list, (name) => name).kept;
  const byService = new Map<string, string[]>();
  const others: string[] = [];
  for (const name of list) {
    const info = hasWildcard(name) ? undefined : catalogAction(name);
    if (info) byService.set(info.service, [...(byService.get(info.service) ?? []), info.name]);
    else others.push(name);
  }
  const compacted: string[] = [...others];
  for (const [service, names] of byService) {
    const found: Array<{ pattern: string; covers: string[] }> = [];
    const actions = compactActions(service, [...new Set(names.map((n) => n.toLowerCase()))].map((lower) => names.find((n) => n.toLowerCase() === lower)!), found);
    wildcards.push(...found);
    compacted.push(...actions);
  }
  return sortedUniqueActions(compacted, (name) => name).kept;
}

function withKeyOrder(object: { [key: string]: Json }, order: readonly string[]): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of stableOrder(Object.keys(object), (k) => elementRank(order, k))) out[key] = object[key]!;
  return out;
}

/** The quota a policy of `kind` is measured against, or undefined when it has none here. */
function quotaOf(kind: PolicyKind, quota?: number): number | undefined {
  return quota ?? SIZE_QUOTAS[kind];
}

/** Whether a policy text is near (≥ 90 %) or over its kind's quota. */
export function isNearQuota(text: string, kind: PolicyKind, quota?: number): boolean {
  const limit = quotaOf(kind, quota);
  return limit !== undefined && policySize(text, kind).characters >= NEAR_QUOTA_SHARE * limit;
}

/** Which steps a shrink attempt takes. */
interface ShrinkSteps {
  readonly mergeAllow: boolean;
  readonly mergeDeny: boolean;
  readonly wildcards: boolean;
}

/**
 * The attempts, boldest first. The access comparison proves some merges it cannot prove in general
 * (two merged Deny statements leave it undecided), so a policy whose boldest shrink cannot be proved
 * still gets the largest one that can.
 */
const ATTEMPTS: readonly ShrinkSteps[] = [
  { mergeAllow: true, mergeDeny: true, wildcards: true },
  { mergeAllow: true, mergeDeny: false, wildcards: true },
  { mergeAllow: true, mergeDeny: false, wildcards: false },
  { mergeAllow: false, mergeDeny: false, wildcards: true },
  { mergeAllow: false, mergeDeny: false, wildcards: false },
];

/** Shrinks a standalone policy text, or says why not. Never throws for any text. */
export function shrinkPolicy(text: string, kind: PolicyKind, quota?: number): ShrinkResult | { readonly ok: false; readonly reason: string } {
  let refusal: { readonly ok: false; readonly reason: string } | undefined;
  const tried = new Set<string>();
  for (const steps of ATTEMPTS) {
    const result = shrinkWith(text, kind, steps, quota, tried);
    if (result === undefined) continue;
    if (result.ok) return result;
    // A refusal before any step (syntax, comments, size) holds for every attempt.
    if (!result.reason.includes('access comparison')) return result;
    refusal ??= result;
  }
  return refusal ?? { ok: false, reason: 'not shrunk' };
}

function shrinkWith(text: string, kind: PolicyKind, steps: ShrinkSteps, quota: number | undefined, tried: Set<string>): ShrinkResult | { readonly ok: false; readonly reason: string } | undefined {
  const parsed = parseJsonc(text);
  if ('error' in parsed) return { ok: false, reason: `not shrunk: ${parsed.error}` };
  if (parsed.comments.length > 0) return { ok: false, reason: 'not shrunk: the document has comments, which a minified policy cannot keep' };
  if (hasRepeatedKeys(parsed.root)) return { ok: false, reason: 'not shrunk: the document repeats a key' };
  const value = getNodeValue(parsed.root) as Json;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value.Statement === undefined) return { ok: false, reason: 'not shrunk: the document is not an IAM policy (no `Statement`)' };

  const wildcards: Array<{ pattern: string; covers: string[] }> = [];
  let mergedStatements = 0;
  const shaped = (statement: Json): Json =>
    statement !== null && typeof statement === 'object' && !Array.isArray(statement)
      ? withKeyOrder(Object.fromEntries(Object.entries(statement).map(([key, element]) => [key, key === 'Action' ? compactStatementActions(element, steps.wildcards ? wildcards : undefined) : key === 'NotAction' && Array.isArray(element) && stringsOf(element) ? sortedUniqueActions(stringsOf(element)!, (n) => n).kept : element])), STATEMENT_ELEMENT_ORDER)
      : statement;
  let statements = value.Statement;
  if (Array.isArray(statements)) {
    const objects = statements.filter((s): s is Statement => s !== null && typeof s === 'object' && !Array.isArray(s)).map((s) => ({ ...s }));
    if (objects.length === statements.length) {
      // Merging is greedy: both orders are tried and the shorter result kept.
      const mergeable = (statement: Statement) => (statement.Effect === 'Deny' ? steps.mergeDeny : steps.mergeAllow);
      const tries = [mergeAll(objects, ['Resource', 'Action'], mergeable), mergeAll(objects, ['Action', 'Resource'], mergeable)].sort((a, b) => JSON.stringify(a.statements).length - JSON.stringify(b.statements).length);
      mergedStatements = tries[0]!.merged;
      statements = tries[0]!.statements;
    }
    statements = statements.map(shaped);
  } else {
    statements = shaped(statements);
  }
  const shrunk = JSON.stringify(withKeyOrder({ ...value, Statement: statements }, POLICY_ELEMENT_ORDER));
  if (tried.has(shrunk)) return undefined;
  tried.add(shrunk);
  const before = policySize(text, kind).characters;
  const after = policySize(shrunk, kind).characters;
  if (after >= before) return { ok: false, reason: `not shrunk: the policy is already as small as this can make it (${before} characters)` };
  const access = compareAccess(text, shrunk, kind);
  if (access.verdict !== 'equal') return { ok: false, reason: `not shrunk: the access comparison ${access.verdict === 'different' ? `says ${access.detail}` : `could not prove equal access (${access.detail})`}` };
  return { ok: true, text: shrunk, before, after, quota: quotaOf(kind, quota), mergedStatements, wildcards };
}
