/**
 * A memo of statement outcomes for callers that evaluate many requests against the same statement
 * objects: `iam-policy simulate --batch`, whose requests usually carry identical policies (the CLI
 * makes equal policy documents one object first).
 *
 * Why a remembered outcome is exact: evaluating a statement (`evaluateStatement`) is a deterministic
 * function of the statement object, its place (policy id, index, role, whether variables are
 * resolved), the request's action and resource, the resource-policy kind, whether a boundary
 * applies, whether only the decision is wanted, the calling principal (read only for `Principal` and
 * `NotPrincipal`) and the answers of the request-context lookups it makes. The first evaluation runs
 * with the lookups and principal reads recorded; a later request with the same place, action,
 * resource and flags reuses its outcome only when every recorded lookup gives the same answer and, if
 * the principal was read, the principal is the same. A request that differs in anything the
 * evaluation looked at is evaluated afresh, so a reused outcome is the one evaluation would give.
 *
 * The caller owns the memo and must not change the statement objects while it is in use; outcomes
 * (their traces) are shared between the answers of such requests and must not be changed either.
 */
import type { ContextEntry, RequestContext } from './requestContext';
import type { MatchInput, StatementEvaluation, StatementOutcome } from './policyEvaluation';
import type { PolicyRole } from './types';

/** What one evaluation of a statement produced: the outcome and what it added to the policy's lists. */
interface Remembered {
  readonly outcome: StatementOutcome | undefined;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** The outcomes for one set of recorded lookups, by the answers those lookups gave. */
interface Variant {
  /** The context keys the evaluation looked up, in order. */
  readonly keys: readonly string[];
  /** Whether the evaluation read the calling principal. */
  readonly principalRead: boolean;
  readonly outcomes: Map<string, Remembered>;
}

/** Where a statement is evaluated and the request facts that are not context: an outcome is remembered per place. */
interface Place {
  readonly policyId: string;
  readonly index: number;
  readonly role: PolicyRole;
  readonly variables: boolean;
  readonly resourceKind: MatchInput['resourceKind'];
  readonly hasPermissionsBoundary: boolean;
  readonly decisionOnly: boolean;
  /** The variants by action, then by resource. Keyed by the request's own strings, whose hashes V8 keeps, so one request's statements share the hashing. */
  readonly byAction: Map<string, Map<string, Variant[]>>;
}

/** Bounds that keep a long batch of ever-different requests from growing the memo without end. */
const MAX_PLACES_PER_STATEMENT = 16;
const MAX_KEYS_PER_MAP = 4096;
const MAX_VARIANTS = 8;

/** Writes a string so that no two different sequences of written strings give the same text. */
function part(text: string): string {
  return `${text.length}:${text}`;
}

/** The answer of one context lookup, written unambiguously. */
function entryText(entry: ContextEntry | undefined): string {
  if (entry === undefined) return '!';
  let text = `${entry.multivalued ? 'm' : 's'}${entry.values.length};`;
  for (const value of entry.values) text += part(value);
  return text;
}

/** The answers that `context` gives to the variant's keys (and the principal, when it was read). */
function answersText(variant: Variant, context: RequestContext, principal: string): string {
  let text = variant.principalRead ? part(principal) : '';
  for (const key of variant.keys) text += entryText(context.get(key));
  return text;
}

/** `map.get(key)`, or a new empty map stored under it (the map is emptied first when full). */
function mapIn<K, V>(map: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_KEYS_PER_MAP) map.clear();
    value = new Map();
    map.set(key, value);
  }
  return value;
}

/** See the file comment. */
export class StatementMemo {
  private readonly byStatement = new WeakMap<object, Place[]>();

  /**
   * The outcome of `statement` for this request: remembered, or computed by `run` (which pushes its
   * errors and warnings into the arrays it is given; passed in, not imported, to keep the modules
   * free of an import cycle). Either way the errors and warnings are pushed
   * into `errors` and `warnings`, in the order `run` pushed them.
   */
  outcome(
    statement: object,
    index: number,
    policyId: string,
    role: PolicyRole,
    variables: boolean,
    input: MatchInput,
    errors: string[],
    warnings: string[],
    run: StatementEvaluation,
  ): StatementOutcome | undefined {
    let places = this.byStatement.get(statement);
    if (places === undefined) {
      places = [];
      this.byStatement.set(statement, places);
    }
    const resourceKind = input.resourceKind;
    const hasPermissionsBoundary = input.hasPermissionsBoundary === true;
    const decisionOnly = input.decisionOnly === true;
    let place: Place | undefined;
    for (const p of places) {
      if (
        p.index === index &&
        p.role === role &&
        p.variables === variables &&
        p.resourceKind === resourceKind &&
        p.hasPermissionsBoundary === hasPermissionsBoundary &&
        p.decisionOnly === decisionOnly &&
        p.policyId === policyId
      ) {
        place = p;
        break;
      }
    }
    if (place === undefined) {
      if (places.length >= MAX_PLACES_PER_STATEMENT) places.length = 0;
      place = { policyId, index, role, variables, resourceKind, hasPermissionsBoundary, decisionOnly, byAction: new Map() };
      places.push(place);
    }
    const byResource = mapIn(place.byAction, input.action);
    let variants = byResource.get(input.resource);
    if (variants === undefined) {
      if (byResource.size >= MAX_KEYS_PER_MAP) byResource.clear();
      variants = [];
      byResource.set(input.resource, variants);
    }
    for (const variant of variants) {
      const remembered = variant.outcomes.get(answersText(variant, input.context, input.principal.text));
      if (remembered !== undefined) return replay(remembered, errors, warnings);
    }

    // Evaluate with the context lookups and principal reads recorded.
    const keys: string[] = [];
    let principalRead = false;
    const recordingInput: MatchInput = {
      get principal() {
        principalRead = true;
        return input.principal;
      },
      action: input.action,
      resource: input.resource,
      context: input.context,
      resourceKind: input.resourceKind,
      hasPermissionsBoundary: input.hasPermissionsBoundary,
      decisionOnly: input.decisionOnly,
    };
    const remembered = { errors: [] as string[], warnings: [] as string[], outcome: undefined as StatementOutcome | undefined };
    input.context.recordLookups(keys);
    try {
      remembered.outcome = run(statement, index, policyId, role, variables, recordingInput, remembered.errors, remembered.warnings);
    } finally {
      input.context.recordLookups(undefined);
    }

    let variant = variants.find((v) => v.principalRead === principalRead && v.keys.length === keys.length && v.keys.every((k, i) => k === keys[i]));
    if (variant === undefined) {
      if (variants.length >= MAX_VARIANTS) variants.length = 0;
      variant = { keys, principalRead, outcomes: new Map() };
      variants.push(variant);
    }
    if (variant.outcomes.size >= MAX_KEYS_PER_MAP) variant.outcomes.clear();
    variant.outcomes.set(answersText(variant, input.context, input.principal.text), remembered);
    return replay(remembered, errors, warnings);
  }
}

function replay(remembered: Remembered, errors: string[], warnings: string[]): StatementOutcome | undefined {
  for (const error of remembered.errors) errors.push(error);
  for (const warning of remembered.warnings) warnings.push(warning);
  return remembered.outcome;
}
