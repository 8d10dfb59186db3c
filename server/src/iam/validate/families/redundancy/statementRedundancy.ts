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
 * condition, resource form) are computed for every statement; the values (`sidesOf`) only for the
 * statements of a bucket that is indexed (`indexBucket`), since a statement alone in its bucket, with
 * no unconditional bucket to look in, is never compared; and the lists with their sets (`listsOf`)
 * only for the statements actually compared (`covers`).
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
  sides?: Sides;
  lists?: Lists;
}

/**
 * The values of one side (actions or resources) as the index reads them: actions lower-cased,
 * resources as written, and for each the length of its literal start (the text before its first `*`
 * or `?`; the whole value when it has neither).
 */
interface SideValues {
  readonly values: readonly string[];
  readonly starts: readonly number[];
}

/** The comparable values of a statement (`sidesOf`); a negated list is one text, compared whole. */
interface Sides {
  readonly actions?: SideValues;
  readonly notActions?: string;
  readonly resources?: SideValues;
  readonly notResources?: string;
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

function patternList(side: SideValues): PatternList {
  const { values, starts } = side;
  const literals = new Set<string>();
  const patterns: string[] = [];
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (starts[index] === value.length) literals.add(value);
    else patterns.push(value);
  }
  return { values, literals, patterns };
}

/** Whether a list element can be compared: present, with string values only. */
function usable(element: StringListElement | undefined): element is StringListElement {
  return element !== undefined && element.invalid.length === 0;
}

/** The length of a value's literal start: the text before its first `*` or `?`. */
function literalStartLength(value: string): number {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 42 || code === 63) return index;
  }
  return value.length;
}

/** A side's values, lower-cased where case does not matter (actions), with their literal starts. */
function sideValues(element: StringListElement, ignoreCase: boolean): SideValues {
  const list = element.values;
  const values: string[] = [];
  const starts: number[] = [];
  for (let index = 0; index < list.length; index++) {
    const text = list[index]!.value;
    const value = ignoreCase ? text.toLowerCase() : text;
    values.push(value);
    starts.push(literalStartLength(value));
  }
  return { values, starts };
}

/** A negated list as one comparable text: its values sorted (lower-cased where case does not matter). */
function negatedText(element: StringListElement, ignoreCase: boolean): string {
  return element.values.map((value) => (ignoreCase ? value.value.toLowerCase() : value.value)).sort().join(',');
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

/** The comparable values of a shape's statement, built on first use. */
function sidesOf(shape: Shape): Sides {
  if (shape.sides) return shape.sides;
  const { action, notAction, resource, notResource } = shape.statement;
  const sides: Sides = {
    actions: usable(action) ? sideValues(action, true) : undefined,
    notActions: usable(notAction) ? negatedText(notAction, true) : undefined,
    resources: usable(resource) ? sideValues(resource, false) : undefined,
    notResources: usable(notResource) ? negatedText(notResource, false) : undefined,
  };
  shape.sides = sides;
  return sides;
}

/** The comparable lists of a shape's statement, built on first use. */
function listsOf(shape: Shape): Lists {
  if (shape.lists) return shape.lists;
  const sides = sidesOf(shape);
  const lists: Lists = {
    actions: sides.actions && patternList(sides.actions),
    notActions: sides.notActions,
    resources: sides.resources && patternList(sides.resources),
    notResources: sides.notResources,
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

/** The key a pattern is filed under: its literal start (`length` characters) cut after its last `:` or `/`, or '' when it has neither. */
function prefixKey(value: string, length: number): string {
  for (let index = length - 1; index >= 0; index--) {
    const code = value.charCodeAt(index);
    if (code === COLON || code === SLASH) return value.slice(0, index + 1);
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

function fileSide(side: SideIndex, values: SideValues | undefined, negated: string | undefined, member: number): void {
  if (negated !== undefined) fileUnder(side.negated, negated, member);
  if (!values) return;
  const { values: texts, starts } = values;
  for (let index = 0; index < texts.length; index++) {
    const value = texts[index]!;
    const start = starts[index]!;
    if (start === value.length) fileUnder(side.literals, value, member);
    else fileUnder(side.prefixes, prefixKey(value, start), member);
  }
}

function indexBucket(shapes: readonly (Shape | undefined)[], members: readonly number[]): BucketIndex {
  const index: BucketIndex = { actions: sideIndex(), resources: sideIndex() };
  for (const member of members) {
    const sides = sidesOf(shapes[member]!);
    fileSide(index.actions, sides.actions, sides.notActions, member);
    fileSide(index.resources, sides.resources, sides.notResources, member);
  }
  return index;
}

/**
 * How many candidates one value of a side has: the statements listing it, and those with a pattern
 * filed under a cut of its literal start (`start` characters). Counting stops once it reaches `limit`.
 */
function countCandidates(side: SideIndex, value: string, start: number, limit: number): number {
  let count = (start === value.length ? side.literals.get(value)?.length : 0) ?? 0;
  count += side.prefixes.get('')?.length ?? 0;
  for (let index = 0; index < start && count < limit; index++) {
    const code = value.charCodeAt(index);
    if (code === COLON || code === SLASH) count += side.prefixes.get(value.slice(0, index + 1))?.length ?? 0;
  }
  return count;
}

/** The candidates that `countCandidates` counts, as lists in document order. */
function gatherCandidates(side: SideIndex, value: string, start: number, into: (readonly number[])[]): void {
  const push = (members: readonly number[] | undefined): void => {
    if (members !== undefined && members.length > 0) into.push(members);
  };
  if (start === value.length) push(side.literals.get(value));
  push(side.prefixes.get(''));
  for (let index = 0; index < start; index++) {
    const code = value.charCodeAt(index);
    if (code === COLON || code === SLASH) push(side.prefixes.get(value.slice(0, index + 1)));
  }
}

/** Where one side of a bucket has the fewest candidates for the inner statement: the value to look up (-1 for the negated list), and how many. */
interface SideChoice {
  readonly value: number;
  readonly count: number;
}

/**
 * The value of the inner statement's side (or its negated list) with the fewest candidates in one
 * side of a bucket. Any value names every statement that may cover the inner one; the fewest saves
 * comparisons.
 */
function bestValue(side: SideIndex, values: SideValues | undefined, negated: string | undefined): SideChoice {
  if (!values) return { value: -1, count: negated === undefined ? 0 : (side.negated.get(negated)?.length ?? 0) };
  // An empty list is left to the grammar checks: never compared.
  if (values.values.length === 0) return { value: -1, count: 0 };
  let best = 0;
  let bestCount = Infinity;
  for (let index = 0; index < values.values.length && bestCount > 0; index++) {
    const count = countCandidates(side, values.values[index]!, values.starts[index]!, bestCount);
    if (count < bestCount) {
      best = index;
      bestCount = count;
    }
  }
  return { value: best, count: bestCount };
}

function gather(side: SideIndex, values: SideValues | undefined, negated: string | undefined, choice: SideChoice, into: (readonly number[])[]): void {
  if (!values) {
    const members = negated === undefined ? undefined : side.negated.get(negated);
    if (members !== undefined && members.length > 0) into.push(members);
    return;
  }
  gatherCandidates(side, values.values[choice.value]!, values.starts[choice.value]!, into);
}

/** The lists of statements of a bucket that may cover `inner`, each in document order (a statement may be in more than one). */
function candidatesIn(index: BucketIndex, inner: Sides, noResource: boolean, into: (readonly number[])[]): void {
  const byAction = bestValue(index.actions, inner.actions, inner.notActions);
  if (byAction.count === 0) return;
  if (!noResource) {
    const byResource = bestValue(index.resources, inner.resources, inner.notResources);
    if (byResource.count < byAction.count) {
      if (byResource.count > 0) gather(index.resources, inner.resources, inner.notResources, byResource, into);
      return;
    }
  }
  gather(index.actions, inner.actions, inner.notActions, byAction, into);
}

/** Reports each statement covered by another one. */
function checkRedundantStatements(context: CheckContext): void {
  if (context.document.statements.length < 2) return;
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
    const innerSides = sidesOf(innerShape);
    candidatesIn(indexOf(innerShape.key, same), innerSides, innerShape.noResource, lists);
    if (unconditional !== undefined) candidatesIn(indexOf(unconditionalKey!, unconditional), innerSides, innerShape.noResource, lists);
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
