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
  const none: readonly number[] = [];
  let budget = MAX_COMPARISONS;
  for (let inner = 0; inner < shapes.length && budget > 0; inner++) {
    const innerShape = shapes[inner];
    if (!innerShape) continue;
    const same = buckets.get(innerShape.key) ?? none;
    const unconditional = innerShape.condition === '' ? none : (buckets.get(bucketKey(innerShape.effect, innerShape.principal, innerShape.noResource, '')) ?? none);
    // Merge the two candidate lists in document order, as a scan over all statements would meet them.
    for (let a = 0, b = 0; (a < same.length || b < unconditional.length) && budget > 0; budget--) {
      const outer = b >= unconditional.length || (a < same.length && same[a]! < unconditional[b]!) ? same[a++]! : unconditional[b++]!;
      const outerShape = shapes[outer];
      if (outer === inner || !outerShape || !covers(outerShape, innerShape)) continue;
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
