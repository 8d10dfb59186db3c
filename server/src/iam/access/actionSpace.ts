/**
 * The actions a request can name, as a finite universe: every action of the service catalog plus
 * the literal action names the analysed policies mention that the catalog does not know. Action
 * elements become membership arrays over that universe, matched as the evaluator matches them
 * (case-insensitive, `*` and `?` wildcards; "IAM JSON policy elements: Action", "NotAction").
 */
import { actionsOf, expandActionPattern } from '../catalog/catalog';
import type { ActionInfo } from '../catalog/types';
import { hasWildcard, matchWildcard } from '../arn/wildcard';
import type { PatternSet } from './statements';

interface CatalogUniverse {
  readonly names: readonly string[];
  readonly indexByLower: ReadonlyMap<string, number>;
  /** Index range of each service's actions, keyed by lower-case prefix. */
  readonly ranges: ReadonlyMap<string, readonly [number, number]>;
  /** True when the universe holds every service of the catalog. */
  readonly complete: boolean;
}

let fullUniverse: CatalogUniverse | undefined;

function build(actions: Iterable<ActionInfo>, complete: boolean): CatalogUniverse {
  const names: string[] = [];
  const indexByLower = new Map<string, number>();
  const ranges = new Map<string, [number, number]>();
  for (const action of actions) {
    const prefix = action.service.toLowerCase();
    const range = ranges.get(prefix);
    if (range) range[1] = names.length + 1;
    else ranges.set(prefix, [names.length, names.length + 1]);
    indexByLower.set(action.fullName.toLowerCase(), names.length);
    names.push(action.fullName);
  }
  return { names, indexByLower, ranges, complete };
}

/**
 * The catalog part of the universe. An action that no statement matches is allowed by neither
 * policy, so when every pattern names its service literally and no statement uses `NotAction`, the
 * services the patterns name are the whole relevant universe; otherwise every service is.
 */
function catalog(sets: readonly PatternSet[]): CatalogUniverse {
  const prefixes = new Set<string>();
  let all = false;
  for (const set of sets) {
    if (set.not) all = true;
    for (const pattern of set.patterns) {
      const colon = pattern.indexOf(':');
      if (colon <= 0 || hasWildcard(pattern.slice(0, colon))) all = true;
      else prefixes.add(pattern.slice(0, colon).toLowerCase());
    }
    if (all) break;
  }
  if (all) return (fullUniverse ??= build(expandActionPattern('*'), true));
  return build([...prefixes].sort().flatMap((prefix) => actionsOf(prefix)), false);
}


/** The action universe of one analysis. */
export class ActionSpace {
  readonly names: string[];
  private readonly extraByLower = new Map<string, number>();
  private readonly base: CatalogUniverse;

  /** `sets`: every action element of the analysed policies; literal unknown names join the universe. */
  constructor(sets: readonly PatternSet[]) {
    this.base = catalog(sets);
    this.names = [...this.base.names];
    for (const pattern of sets.flatMap((set) => set.patterns)) {
      if (hasWildcard(pattern) || !/^[^:\s]+:[^:\s]+$/.test(pattern)) continue;
      const lower = pattern.toLowerCase();
      if (this.base.indexByLower.has(lower) || this.extraByLower.has(lower)) continue;
      this.extraByLower.set(lower, this.names.length);
      this.names.push(pattern);
    }
  }

  get size(): number {
    return this.names.length;
  }

  /** The index of a literal action name, if it is in the universe. */
  indexOf(action: string): number | undefined {
    const lower = action.toLowerCase();
    return this.base.indexByLower.get(lower) ?? this.extraByLower.get(lower);
  }

  /** Marks every action one pattern matches. */
  private mark(pattern: string, into: Uint8Array): void {
    if (pattern === '*') {
      into.fill(1);
      return;
    }
    if (!hasWildcard(pattern)) {
      const index = this.indexOf(pattern);
      if (index !== undefined) into[index] = 1;
      return;
    }
    const colon = pattern.indexOf(':');
    const prefix = colon > 0 ? pattern.slice(0, colon) : undefined;
    if (prefix !== undefined && !hasWildcard(prefix)) {
      const range = this.base.ranges.get(prefix.toLowerCase());
      if (range) for (let i = range[0]; i < range[1]; i++) if (matchWildcard(pattern, this.names[i]!, true)) into[i] = 1;
    } else {
      for (let i = 0; i < this.base.names.length; i++) if (matchWildcard(pattern, this.names[i]!, true)) into[i] = 1;
    }
    for (const index of this.extraByLower.values()) if (matchWildcard(pattern, this.names[index]!, true)) into[index] = 1;
  }

  /** The membership array of an `Action` or `NotAction` element. */
  members(set: PatternSet): Uint8Array {
    const into = new Uint8Array(this.size);
    for (const pattern of set.patterns) this.mark(pattern, into);
    if (set.not) for (let i = 0; i < into.length; i++) into[i] = into[i] ? 0 : 1;
    return into;
  }

  /** Whether a single action name is matched by a pattern set (for names outside the universe too). */
  static matches(set: PatternSet, action: string): boolean {
    const any = set.patterns.some((pattern) => matchWildcard(pattern, action, true));
    return set.not ? !any : any;
  }

  /**
   * A short list that names exactly the given actions: `*` for all, `service:*` for a whole
   * service, otherwise the names.
   */
  compress(indexes: readonly number[]): string[] {
    if (indexes.length === this.size && this.base.complete) return ['*'];
    const chosen = new Set(indexes);
    const out: string[] = [];
    const done = new Set<number>();
    for (const [prefix, [from, to]] of this.base.ranges) {
      let all = true;
      for (let i = from; i < to && all; i++) if (!chosen.has(i)) all = false;
      if (all) {
        out.push(`${this.names[from]!.slice(0, prefix.length)}:*`);
        for (let i = from; i < to; i++) done.add(i);
      }
    }
    for (const index of [...indexes].sort((a, b) => a - b)) if (!done.has(index)) out.push(this.names[index]!);
    return out;
  }
}

const serviceCache = new WeakMap<PatternSet, Set<string> | 'all'>();

/**
 * The services an action element can name (lower-case prefixes), or `all`: a pattern's service prefix
 * is compared whole, since an action name has one colon, so `s3:Get*` names only `s3`; `*`, `s?:*`,
 * a pattern without a colon and a `NotAction` may name any.
 */
export function servicesOf(set: PatternSet): ReadonlySet<string> | 'all' {
  const cached = serviceCache.get(set);
  if (cached) return cached;
  let result: Set<string> | 'all' = new Set<string>();
  if (set.not) result = 'all';
  else {
    for (const pattern of set.patterns) {
      const colon = pattern.indexOf(':');
      const prefix = colon > 0 ? pattern.slice(0, colon) : '';
      if (prefix === '' || prefix.includes('*') || prefix.includes('?')) {
        result = 'all';
        break;
      }
      result.add(prefix.toLowerCase());
    }
  }
  serviceCache.set(set, result);
  return result;
}
