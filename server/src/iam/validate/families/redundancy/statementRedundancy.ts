/**
 * Check family `redundancy`: REDUNDANT_STATEMENT (Access Analyzer policy check reference, "Suggestion – Redundant statement":
 * "When you include the same statement more than once ... you can remove one of the statements
 * without affecting the permissions granted by the policy"). A statement is reported when another
 * statement with the same effect and the same principal covers all its actions and resources, and
 * the covering statement has the same conditions or none. Of two identical statements the later one
 * is reported. `NotAction`/`NotResource` only cover an identical list.
 */
import type { ConditionElement, PrincipalElement, Statement, StringListElement } from '../../../document/model';
import { spanOf } from '../../../document/model';
import type { CheckContext, CheckFamily } from '../../engine/checkContext';
import { effectOf, removeArrayElementFix } from '../statementFacts';
import { patternCovers } from '../../../arn/wildcard';
import { statementLabel } from '../../../access/statements';

/**
 * A statement reduced to comparable parts, computed once. The bucket parts (effect, principal,
 * condition, resource form) are computed for every statement; the lists only when the statement is
 * first compared (`listsOf`), since a statement alone in its bucket never is.
 */
interface Shape {
  readonly statement: Statement;
  readonly effect: string;
  readonly principal: string;
  readonly condition: string;
  /** True when the statement has no Resource/NotResource (trust policies). */
  readonly noResource: boolean;
  /** `bucketKey(shape, shape.condition)`, computed once. */
  readonly key: string;
  lists?: Lists;
}

/** The comparable lists of a statement (`listsOf`). */
interface Lists {
  readonly actions?: PatternList;
  readonly notActions?: string;
  readonly resources?: PatternList;
  readonly notResources?: string;
}

function principalKey(name: string, element: PrincipalElement | undefined): string {
  if (!element) return '';
  if (element.wildcard) return `${name}=*`;
  const entries = element.entries.map((entry) => `${entry.type}:${entry.values.map((value) => value.value).sort().join(',')}`).sort();
  return `${name}=${entries.join(';')}`;
}

function conditionSignature(condition: ConditionElement | undefined): string {
  if (!condition) return '';
  const operators = condition.operators
    .map((operator) => {
      const keys = operator.keys.map((key) => `${key.key.toLowerCase()}=${key.values.map((value) => String(value.value)).sort().join(',')}`).sort();
      return `${operator.operator}{${keys.join(';')}}`;
    })
    .sort();
  return operators.join('|');
}

/**
 * A list of patterns split into literal values (a Set, so that the common case of plain actions
 * costs one lookup) and wildcard patterns (compared one by one).
 */
interface PatternList {
  readonly values: readonly string[];
  readonly literals: ReadonlySet<string>;
  readonly patterns: readonly string[];
}

function patternList(values: readonly string[], ignoreCase: boolean): PatternList {
  const normalized = ignoreCase ? values.map((value) => value.toLowerCase()) : [...values];
  const literals = new Set<string>();
  const patterns: string[] = [];
  for (const value of normalized) {
    if (value.includes('*') || value.includes('?')) patterns.push(value);
    else literals.add(value);
  }
  return { values: normalized, literals, patterns };
}

/** Whether a list element can be compared: present, with string values only. */
function usable(element: StringListElement | undefined): element is StringListElement {
  return element !== undefined && element.invalid.length === 0;
}

function textsOf(element: StringListElement): string[] {
  return element.values.map((value) => value.value);
}

function shapeOf(statement: Statement): Shape | undefined {
  const effect = effectOf(statement);
  if (!effect) return undefined;
  // Statements the grammar rejects (both Action and NotAction, wrong types) are not compared.
  if (statement.action && statement.notAction) return undefined;
  if (statement.resource && statement.notResource) return undefined;
  if (!usable(statement.action) && !usable(statement.notAction)) return undefined;
  if ((statement.resource && !usable(statement.resource)) || (statement.notResource && !usable(statement.notResource))) return undefined;
  const principal = principalKey('P', statement.principal) + principalKey('N', statement.notPrincipal);
  const condition = conditionSignature(statement.condition);
  const noResource = !statement.resource && !statement.notResource;
  return { statement, effect, principal, condition, noResource, key: bucketKey(effect, principal, noResource, condition) };
}

/** The comparable lists of a shape's statement, built on first use. */
function listsOf(shape: Shape): Lists {
  if (shape.lists) return shape.lists;
  const { action, notAction, resource, notResource } = shape.statement;
  const lists: Lists = {
    actions: usable(action) ? patternList(textsOf(action), true) : undefined,
    notActions: usable(notAction) ? textsOf(notAction).map((value) => value.toLowerCase()).sort().join(',') : undefined,
    resources: usable(resource) ? patternList(textsOf(resource), false) : undefined,
    notResources: usable(notResource) ? textsOf(notResource).sort().join(',') : undefined,
  };
  shape.lists = lists;
  return lists;
}

/** Values are already lower-cased where case does not matter, so the comparison is exact. */
function listCovers(outer: PatternList, inner: PatternList): boolean {
  // Plain loops: this runs for every pair of statements compared, and closures per call showed up.
  const patterns = outer.patterns;
  // Without wildcards, `outer` covers only its own values: a wildcard of `inner`, or more distinct values, is not covered.
  if (patterns.length === 0 && (inner.patterns.length > 0 || inner.literals.size > outer.literals.size)) return false;
  for (const value of inner.values) {
    if (outer.literals.has(value)) continue;
    let covered = false;
    for (let p = 0; p < patterns.length && !covered; p++) covered = patternCovers(patterns[p]!, value, false);
    if (!covered) return false;
  }
  return true;
}

/** True when `outer` grants (or denies) everything `inner` does under the same or fewer conditions. */
function covers(outer: Shape, inner: Shape): boolean {
  if (outer.effect !== inner.effect || outer.principal !== inner.principal) return false;
  if (outer.condition !== '' && outer.condition !== inner.condition) return false;
  if (outer.noResource !== inner.noResource) return false;
  return listsCover(listsOf(outer), listsOf(inner), outer.noResource);
}

/** The list part of `covers`. */
function listsCover(outer: Lists, inner: Lists, noResource: boolean): boolean {
  if (!noResource) {
    if (outer.resources && inner.resources) {
      if (!listCovers(outer.resources, inner.resources)) return false;
    } else if (outer.notResources === undefined || outer.notResources !== inner.notResources) {
      return false;
    }
  }
  if (outer.actions && inner.actions) return listCovers(outer.actions, inner.actions);
  return outer.notActions !== undefined && outer.notActions === inner.notActions;
}

/** How messages name a statement: by Sid and index, or by index (0-based, as every other message and the JSON output count). */
function describe(statement: Statement): string {
  const sid = statement.sid?.value;
  return statementLabel({ index: statement.index, ...(sid?.type === 'string' && sid.value ? { sid: sid.value as string } : {}) });
}

/**
 * At most this many statement comparisons per document. Real policies stay far below it (a
 * 6,144-character policy has at most a few hundred statements); a generated 10 MB document would
 * otherwise block the server for a minute (docs/performance.md). The check is a suggestion, so
 * stopping early only loses suggestions.
 */
const MAX_COMPARISONS = 2_000_000;

/** The part of a shape that must be equal for one statement to cover another (`covers`), conditions aside. */
function bucketKey(effect: string, principal: string, noResource: boolean, condition: string): string {
  return `${effect}\u0000${principal}\u0000${noResource ? 1 : 0}\u0000${condition}`;
}

/**
 * Where to look for the statements that may cover another one in a bucket. A statement covers
 * another only if it covers each of its actions, so one action of the inner statement names the only
 * candidates: those listing it literally, those with a wildcard pattern whose literal start (before
 * its first `*` or `?`) is a prefix of it, and those with the same `NotAction` list. A pattern's literal
 * start must begin the inner value (`patternCovers` matches a literal only with the same literal), so
 * patterns are filed by the service part of that start (`s3:` of `s3:Get*`), or as global when the
 * start has no `:` (`*`, `s3*`).
 */
interface BucketIndex {
  readonly literals: Map<string, number[]>;
  readonly services: Map<string, number[]>;
  readonly global: number[];
  readonly notActions: Map<string, number[]>;
}

/** The text before the first `*` or `?` of a pattern. */
function literalStart(value: string): string {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 42 || code === 63) return value.slice(0, index);
  }
  return value;
}

/** The service part (`s3:`) of a literal start, or '' when it has none. */
function servicePart(start: string): string {
  const colon = start.indexOf(':');
  return colon < 0 ? '' : start.slice(0, colon + 1);
}

function fileUnder(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}

function indexBucket(shapes: readonly (Shape | undefined)[], members: readonly number[]): BucketIndex {
  const index: BucketIndex = { literals: new Map(), services: new Map(), global: [], notActions: new Map() };
  for (const member of members) {
    const lists = listsOf(shapes[member]!);
    if (lists.notActions !== undefined) fileUnder(index.notActions, lists.notActions, member);
    const actions = lists.actions;
    if (!actions) continue;
    for (const literal of actions.literals) fileUnder(index.literals, literal, member);
    let global = false;
    for (const pattern of actions.patterns) {
      const service = servicePart(literalStart(pattern));
      if (service === '') global = true;
      else fileUnder(index.services, service, member);
    }
    if (global) index.global.push(member);
  }
  return index;
}

/** The statements of a bucket that may cover `inner` (indices in document order, possibly repeated). */
function candidatesIn(index: BucketIndex, inner: Lists, into: number[]): void {
  const none: readonly number[] = [];
  if (!inner.actions) {
    if (inner.notActions !== undefined) append(into, index.notActions.get(inner.notActions) ?? none);
    return;
  }
  // Any one of the inner actions will do; take the one with the fewest candidates.
  let best: readonly number[] | undefined;
  let bestService: readonly number[] = none;
  for (const value of inner.actions.values) {
    const start = literalStart(value);
    const literal = start.length === value.length ? (index.literals.get(value) ?? none) : none;
    const service = index.services.get(servicePart(start)) ?? none;
    if (best === undefined || literal.length + service.length < best.length + bestService.length) {
      best = literal;
      bestService = service;
    }
  }
  append(into, best ?? none);
  append(into, bestService);
  append(into, index.global);
}

/** `into.push(...items)` without an argument per item (a bucket may hold thousands of statements). */
function append(into: number[], items: readonly number[]): void {
  for (const item of items) into.push(item);
}

/** Reports each statement covered by another one. */
function checkRedundantStatements(context: CheckContext): void {
  const shapes = context.document.statements.map(shapeOf);
  // Only statements with the same effect, principal and resource form, and with the same condition
  // or none, can cover each other: compare within those buckets (indices in document order).
  const buckets = new Map<string, number[]>();
  shapes.forEach((shape, index) => {
    if (!shape) return;
    const list = buckets.get(shape.key);
    if (list) list.push(index);
    else buckets.set(shape.key, [index]);
  });
  const indexes = new Map<string, BucketIndex>();
  const indexOf = (key: string, members: readonly number[]): BucketIndex => {
    let index = indexes.get(key);
    if (index === undefined) indexes.set(key, (index = indexBucket(shapes, members)));
    return index;
  };
  const candidates: number[] = [];
  let budget = MAX_COMPARISONS;
  for (let inner = 0; inner < shapes.length && budget > 0; inner++) {
    const innerShape = shapes[inner];
    if (!innerShape) continue;
    const same = buckets.get(innerShape.key)!;
    const unconditionalKey = innerShape.condition === '' ? undefined : bucketKey(innerShape.effect, innerShape.principal, innerShape.noResource, '');
    const unconditional = unconditionalKey === undefined ? undefined : buckets.get(unconditionalKey);
    if (same.length === 1 && unconditional === undefined) continue;
    candidates.length = 0;
    const innerLists = listsOf(innerShape);
    candidatesIn(indexOf(innerShape.key, same), innerLists, candidates);
    if (unconditional !== undefined) candidatesIn(indexOf(unconditionalKey!, unconditional), innerLists, candidates);
    // In document order, as a scan over all statements would meet them: the first that covers is named.
    candidates.sort((a, b) => a - b);
    for (let c = 0; c < candidates.length && budget > 0; c++) {
      const outer = candidates[c]!;
      if (outer === inner || outer === candidates[c - 1]) continue;
      budget--;
      const outerShape = shapes[outer]!;
      if (!covers(outerShape, innerShape)) continue;
      // Two statements that cover each other are duplicates: report only the later one.
      if (outer > inner && covers(innerShape, outerShape)) continue;
      const statement = innerShape.statement;
      const sid = statement.sid?.value;
      const span = sid ? spanOf(sid) : { offset: statement.span.offset, length: 1 };
      const fix = removeArrayElementFix(`Remove ${describe(statement)}`, statement.node);
      context.report(
        'REDUNDANT_STATEMENT',
        span,
        `This statement is redundant: ${describe(outerShape.statement)} already ${innerShape.effect === 'Allow' ? 'allows' : 'denies'} everything it does. Remove it.`,
        fix ? [fix] : undefined,
      );
      break;
    }
  }
}

/** The redundancy family. */
export const redundancyChecks: CheckFamily = {
  name: 'redundancy',
  check: checkRedundantStatements,
};
