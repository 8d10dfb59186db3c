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
 * condition, resource form) are computed for every statement; the lists (`listsOf`) only for the
 * statements of a bucket that is indexed (`indexBucket`), since a statement alone in its bucket, with
 * no unconditional bucket to look in, is never compared.
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
 * At most this many comparisons of a statement with a candidate per document. Real policies stay far
 * below it (a 6,144-character policy has at most a few hundred statements); a generated 10 MB
 * document whose statements are all candidates of each other would otherwise block the server for a
 * minute (docs/performance.md). The check is a suggestion, so
 * stopping early only loses suggestions.
 */
const MAX_COMPARISONS = 2_000_000;

/** The part of a shape that must be equal for one statement to cover another (`covers`), conditions aside. */
function bucketKey(effect: string, principal: string, noResource: boolean, condition: string): string {
  return `${effect}\u0000${principal}\u0000${noResource ? 1 : 0}\u0000${condition}`;
}

/**
 * Where to look, in a bucket, for the statements that may cover another one. A statement covers
 * another only if it covers each of its actions and each of its resources, so any one action or
 * resource of the inner statement names the only candidates: the statements listing it literally,
 * those with a wildcard pattern whose literal start (the text before its first `*` or `?`) begins it,
 * and those with the same `NotAction` (`NotResource`) list. A pattern covers a value only if the value
 * begins with the pattern's literal start (`patternCovers` matches a literal character only with the
 * same literal character), so patterns are filed under their literal start cut after its last `:` or
 * `/` (`s3:` for `s3:Get*`, `arn:aws:s3:::logs/` for `arn:aws:s3:::logs/app-*`, '' for `*`), and a
 * value looks under each such cut of its own literal start.
 */
interface SideIndex {
  readonly literals: Map<string, number[]>;
  readonly prefixes: Map<string, number[]>;
  readonly negated: Map<string, number[]>;
}

interface BucketIndex {
  readonly actions: SideIndex;
  readonly resources: SideIndex;
}

const SLASH = 47;
const COLON = 58;

/** The text before the first `*` or `?` of a pattern. */
function literalStart(value: string): string {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 42 || code === 63) return value.slice(0, index);
  }
  return value;
}

/** A literal start cut after its last `:` or `/`, or '' when it has neither. */
function prefixKey(start: string): string {
  for (let index = start.length - 1; index >= 0; index--) {
    const code = start.charCodeAt(index);
    if (code === COLON || code === SLASH) return start.slice(0, index + 1);
  }
  return '';
}

function fileUnder(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}

function sideIndex(): SideIndex {
  return { literals: new Map(), prefixes: new Map(), negated: new Map() };
}

function fileSide(side: SideIndex, list: PatternList | undefined, negated: string | undefined, member: number): void {
  if (negated !== undefined) fileUnder(side.negated, negated, member);
  if (!list) return;
  for (const literal of list.literals) fileUnder(side.literals, literal, member);
  for (const pattern of list.patterns) fileUnder(side.prefixes, prefixKey(literalStart(pattern)), member);
}

function indexBucket(shapes: readonly (Shape | undefined)[], members: readonly number[]): BucketIndex {
  const index: BucketIndex = { actions: sideIndex(), resources: sideIndex() };
  for (const member of members) {
    const lists = listsOf(shapes[member]!);
    fileSide(index.actions, lists.actions, lists.notActions, member);
    fileSide(index.resources, lists.resources, lists.notResources, member);
  }
  return index;
}

const NONE: readonly number[] = [];

/**
 * The statements of one side of a bucket that may cover the inner statement's list (or its negated
 * list), as lists in document order: those of the inner value with the fewest candidates.
 */
function sideCandidates(side: SideIndex, list: PatternList | undefined, negated: string | undefined): (readonly number[])[] {
  if (!list) return negated === undefined ? [] : [side.negated.get(negated) ?? NONE];
  let best: (readonly number[])[] = [];
  let bestCount = Infinity;
  for (const value of list.values) {
    const start = literalStart(value);
    const found: (readonly number[])[] = [];
    let count = 0;
    const add = (members: readonly number[] | undefined): void => {
      if (members === undefined) return;
      found.push(members);
      count += members.length;
    };
    if (start.length === value.length) add(side.literals.get(value));
    add(side.prefixes.get(''));
    for (let index = 0; index < start.length && count < bestCount; index++) {
      const code = start.charCodeAt(index);
      if (code === COLON || code === SLASH) add(side.prefixes.get(start.slice(0, index + 1)));
    }
    if (count < bestCount) {
      best = found;
      bestCount = count;
      if (count === 0) break;
    }
  }
  return best;
}

/** The lists of statements of a bucket that may cover `inner`, each in document order (a statement may be in more than one). */
function candidatesIn(index: BucketIndex, inner: Lists, noResource: boolean, into: (readonly number[])[]): void {
  let lists = sideCandidates(index.actions, inner.actions, inner.notActions);
  if (!noResource) {
    const byResource = sideCandidates(index.resources, inner.resources, inner.notResources);
    const total = (candidates: (readonly number[])[]) => candidates.reduce((sum, members) => sum + members.length, 0);
    if (total(byResource) < total(lists)) lists = byResource;
  }
  for (const members of lists) if (members.length > 0) into.push(members);
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
  const lists: (readonly number[])[] = [];
  const heads: number[] = [];
  let budget = MAX_COMPARISONS;
  for (let inner = 0; inner < shapes.length && budget > 0; inner++) {
    const innerShape = shapes[inner];
    if (!innerShape) continue;
    const same = buckets.get(innerShape.key)!;
    const unconditionalKey = innerShape.condition === '' ? undefined : bucketKey(innerShape.effect, innerShape.principal, innerShape.noResource, '');
    const unconditional = unconditionalKey === undefined ? undefined : buckets.get(unconditionalKey);
    if (same.length === 1 && unconditional === undefined) continue;
    lists.length = 0;
    const innerLists = listsOf(innerShape);
    candidatesIn(indexOf(innerShape.key, same), innerLists, innerShape.noResource, lists);
    if (unconditional !== undefined) candidatesIn(indexOf(unconditionalKey!, unconditional), innerLists, innerShape.noResource, lists);
    heads.length = 0;
    for (let l = 0; l < lists.length; l++) heads.push(0);
    // Merged in document order, as a scan over all statements would meet them: the first that covers is named.
    for (let previous = -1; budget > 0; ) {
      let outer = -1;
      let from = -1;
      for (let l = 0; l < lists.length; l++) {
        const list = lists[l]!;
        const head = heads[l]!;
        if (head < list.length && (from < 0 || list[head]! < outer)) {
          outer = list[head]!;
          from = l;
        }
      }
      if (from < 0) break;
      heads[from]!++;
      if (outer === previous || outer === inner) continue;
      previous = outer;
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
